// Small ASCII text helpers shared by the parsers and planners (pure). Locale-independent: file
// names, host names and XML element names compare the same everywhere.
#ifndef PLEXDRIVER_CORE_TEXT_H_
#define PLEXDRIVER_CORE_TEXT_H_

#include <string>
#include <string_view>

namespace plexdriver {

// `text` with A-Z turned into a-z; every other byte (UTF-8 included) unchanged.
std::string ToLowerAscii(std::string_view text);
bool StartsWith(std::string_view text, std::string_view prefix);
bool EndsWith(std::string_view text, std::string_view suffix);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_TEXT_H_
