// What happened to a path on the media manager's side: the vocabulary of the sync_request
// document's "kind", shared by the planner (which folder a change scans) and the sync stages.
#ifndef PLEXDRIVER_CORE_CHANGE_KIND_H_
#define PLEXDRIVER_CORE_CHANGE_KIND_H_

#include <string_view>

namespace plexdriver {

enum class ChangeKind { kAdded, kUpdated, kRemoved };

// "added", "updated", "removed".
const char* ChangeKindName(ChangeKind kind);
// The kind named `name` (one of the names above): false for anything else.
bool ParseChangeKind(std::string_view name, ChangeKind* out);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_CHANGE_KIND_H_
