// The ABI shim of the "pd.account/1" interface: the pd_account table over AccountSession, with
// the same exception barrier, redaction and lifetime rules as the driver table.
#ifndef PLEXDRIVER_ABI_ACCOUNT_API_H_
#define PLEXDRIVER_ABI_ACCOUNT_API_H_

#include "player_driver/player_driver.h"

namespace plexdriver {

// The static table (valid for the library's lifetime).
const pd_account* AccountInterface();

}  // namespace plexdriver

#endif  // PLEXDRIVER_ABI_ACCOUNT_API_H_
