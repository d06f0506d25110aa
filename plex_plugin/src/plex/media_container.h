// One view of a PMS response whatever its format. Plex answers XML by default and JSON when
// asked, and some endpoints answer XML even then; numbers and booleans also change type between
// the two ("1" vs true, "2" vs 2). Parsing both into this tree of string attributes lets every
// reader be written once and accept every form.
#ifndef PLEXDRIVER_PLEX_MEDIA_CONTAINER_H_
#define PLEXDRIVER_PLEX_MEDIA_CONTAINER_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace plexdriver {

struct PmsNode {
  std::string name;                          // XML element / JSON key: "Directory", "Location"
  std::map<std::string, std::string> attrs;  // scalars as text; booleans as "1"/"0"
  std::vector<PmsNode> children;             // in document order

  // Attribute text, or `fallback` when absent.
  std::string Get(const std::string& key, const std::string& fallback = "") const;
  bool Has(const std::string& key) const { return attrs.count(key) != 0; }
  // "1", "true" → true; "0", "false", absent → false.
  bool GetBool(const std::string& key) const;
  // Decimal integer (int64); `fallback` when absent or not a number.
  int64_t GetInt(const std::string& key, int64_t fallback = 0) const;
  // Children with the given name, in order.
  std::vector<const PmsNode*> Children(const std::string& name) const;
};

enum class BodyFormat { kJson, kXml, kHtml, kEmpty, kUnknown };

// Sniffs the body (the Content-Type is not trusted: PMS and proxies get it wrong).
BodyFormat DetectBodyFormat(std::string_view body);

// The start of a body for messages: its first `max` bytes with control characters as spaces,
// "..." when cut; enough to recognise it, never a whole document.
std::string Excerpt(std::string_view body, size_t max);

// Parses a PMS document whose root is MediaContainer (XML element or JSON
// {"MediaContainer": {...}}) into its node. Text the parsers read is UTF-8: bytes of a body that
// are not (a Latin-1 file name on the server) become U+FFFD before parsing, so nothing the server
// sends makes a result or message invalid. PD_ERR_PROTOCOL with a description when the body is
// HTML, empty, malformed or has another root; the message says what was received.
Result<PmsNode> ParseMediaContainer(std::string_view body);

// Parses a JSON document {"<root_name>": {...}} (e.g. the websocket's NotificationContainer)
// into the node named root_name. PD_ERR_PROTOCOL when malformed or the root is missing.
Result<PmsNode> ParseJsonContainer(std::string_view body, const std::string& root_name);

// Parses any JSON object (e.g. a webhook payload) into a node called `name`. PD_ERR_PROTOCOL
// when the text is malformed or not an object.
Result<PmsNode> ParseJsonObject(std::string_view body, const std::string& name);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_MEDIA_CONTAINER_H_
