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

}  // namespace plexdriver
