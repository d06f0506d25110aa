// What `host_stub login` writes: the ready config the driver chose, merged into the config file
// the user may already have (their name, path_mappings and other settings stay), written with
// mode 0600 because it holds tokens. Pure except WritePrivateFile.
#ifndef HOST_STUB_SRC_LOGIN_CONFIG_H_
#define HOST_STUB_SRC_LOGIN_CONFIG_H_

#include <Poco/JSON/Object.h>

#include <string>

namespace host_stub {

// `existing` (may be null) with the connection keys of `ready` (host, port, use_https,
// plex_token, plex_account_token, client_identifier, plex_tv_url, token_keepalive, verify_tls,
// ca_file) put in; `name` only when `existing` has none. A plex_account_token `ready` no longer
// has is removed. Returns the JSON text, indented.
std::string MergeLoginConfig(const Poco::JSON::Object::Ptr& existing,
                             const Poco::JSON::Object::Ptr& ready);

// A copy of `doc` for printing: every token replaced by "<redacted>" (keys plex_token,
// plex_account_token, token, at any depth).
std::string WithoutTokens(const Poco::JSON::Object::Ptr& doc);

// Writes `text` to `path` readable by its owner only (0600): a temporary file in the same folder,
// flushed, then renamed over `path`, so a reader never sees half a file or a wider mode.
bool WritePrivateFile(const std::string& path, const std::string& text, std::string* error);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_LOGIN_CONFIG_H_
