// SPDX-License-Identifier: MIT
// The "provider_check" document (plugin_api/schemas.md; pd_provider.check) as text for people,
// and the exit code it makes. Pure: document in, text out; unknown keys are ignored.
#ifndef HOST_STUB_SRC_PROVIDER_REPORT_H_
#define HOST_STUB_SRC_PROVIDER_REPORT_H_

#include <string>

namespace host_stub {

// What the provider would serve for the item: its kind and root, the NFO (path, status,
// message), the fields (title, year, summary shortened, genres, collections, the number of
// actors), each artwork file with its role, type and size, and each problem.
std::string RenderProviderCheck(const std::string& json);

// 0 when the document lists no problem (no "problems" entry, no artwork "problem", an NFO that
// was not refused); 14 (kExitProviderProblems) otherwise, and for a document that is not JSON.
int ProviderCheckExitCode(const std::string& json);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_PROVIDER_REPORT_H_
