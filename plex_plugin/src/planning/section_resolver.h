// Which library sections contain a server-side path. A folder shared by two sections ("Movies"
// and "Movies 4K") belongs to both, and both must scan it; a section may have several
// locations; a path equal to a location root is inside it.
#ifndef PLEXDRIVER_PLANNING_SECTION_RESOLVER_H_
#define PLEXDRIVER_PLANNING_SECTION_RESOLVER_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "planning/path_style.h"
#include "plex/pms_types.h"

namespace plexdriver {

struct SectionMatch {
  std::string section_key;
  std::string section_title;
  std::string location_path;  // the (deepest) location of that section holding the path
};

// The path style of a server from its platform and its sections' locations (DetectPathStyle).
PathStyle DetectServerPathStyle(const std::string& platform, const std::vector<LibrarySection>& sections);

class SectionResolver {
 public:
  // Keeps a reference to `sections`: they must outlive the resolver.
  SectionResolver(const std::vector<LibrarySection>& sections, PathStyle style)
      : sections_(sections), style_(style) {}

  // One match per section that contains `server_path`, in the server's section order.
  // PD_ERR_NOT_FOUND when none does, with a message naming the manager path, the mapped path
  // and every location tried — so the user can fix the mapping or add the folder in Plex.
  Result<std::vector<SectionMatch>> Resolve(const std::string& server_path,
                                            const std::string& manager_path) const;

 private:
  const std::vector<LibrarySection>& sections_;
  PathStyle style_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLANNING_SECTION_RESOLVER_H_
