// What happened to a path on the media manager's side: the vocabulary of the sync_request
// document's "kind", shared by the planner (which folder a change scans) and the sync stages.
#ifndef PLEXDRIVER_CORE_CHANGE_KIND_H_
#define PLEXDRIVER_CORE_CHANGE_KIND_H_

namespace plexdriver {

enum class ChangeKind { kAdded, kUpdated, kRemoved };

// "added", "updated", "removed".
const char* ChangeKindName(ChangeKind kind);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_CHANGE_KIND_H_
