#include "core/skip_active.h"

#include <fmt/format.h>

namespace plexdriver {

const char* SkipActiveName(SkipActive policy) {
  switch (policy) {
    case SkipActive::kNever: return "never";
    case SkipActive::kAny: return "any";
    case SkipActive::kSection: return "section";
    case SkipActive::kItem: return "item";
  }
  return "never";
}

Result<SkipActive> ParseSkipActive(std::string_view text, std::string_view field, pd_status status_code) {
  for (SkipActive p : {SkipActive::kNever, SkipActive::kAny, SkipActive::kSection, SkipActive::kItem}) {
    if (text == SkipActiveName(p)) return p;
  }
  return Status(status_code, fmt::format("{}: expected one of never, any, section, item, got \"{}\"",
                                         field, text.substr(0, 40)));
}

}  // namespace plexdriver
