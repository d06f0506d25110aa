// SPDX-License-Identifier: MIT
// The ABI shim of the "pd.provider/1" interface: the pd_provider table over ProviderService,
// behind the same exception barrier and lifetime rules as the driver and account tables.
#ifndef PLEXDRIVER_ABI_PROVIDER_API_H_
#define PLEXDRIVER_ABI_PROVIDER_API_H_

#include "player_driver/player_driver.h"

namespace plexdriver {

// The static table (valid for the library's lifetime).
const pd_provider* ProviderInterface();

}  // namespace plexdriver

#endif  // PLEXDRIVER_ABI_PROVIDER_API_H_
