// Human-readable output of the account commands (`host_stub servers`, `host_stub login`) from
// the driver's documents. Pure; never prints a token (the documents it reads may hold them).
#ifndef HOST_STUB_SRC_ACCOUNT_REPORT_H_
#define HOST_STUB_SRC_ACCOUNT_REPORT_H_

#include <string>

namespace host_stub {

// "account_servers": one block per server with its addresses.
std::string RenderServers(const std::string& json);
// "account_connection": the server, the address chosen, and why each other one was not.
std::string RenderConnectionChoice(const std::string& json);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_ACCOUNT_REPORT_H_
