#include "core/change_kind.h"

namespace plexdriver {

const char* ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded: return "added";
    case ChangeKind::kUpdated: return "updated";
    case ChangeKind::kRemoved: return "removed";
  }
  return "updated";
}

bool ParseChangeKind(std::string_view name, ChangeKind* out) {
  for (ChangeKind kind : {ChangeKind::kAdded, ChangeKind::kUpdated, ChangeKind::kRemoved}) {
    if (name == ChangeKindName(kind)) {
      *out = kind;
      return true;
    }
  }
  return false;
}

}  // namespace plexdriver
