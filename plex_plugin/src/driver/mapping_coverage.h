// test-connection's check of the configured path mappings against the server's library
// locations: which mapping reaches which section, which locations no mapping reaches.
#ifndef PLEXDRIVER_DRIVER_MAPPING_COVERAGE_H_
#define PLEXDRIVER_DRIVER_MAPPING_COVERAGE_H_

#include <string>
#include <vector>

#include "core/config.h"
#include "driver/connection_check.h"
#include "plex/pms_types.h"

namespace plexdriver {

// Fills report->mappings and report->unmapped_locations and adds a warning for every mapping
// that reaches no location. `platform` is the server's ("Windows" compares paths
// case-insensitively with either separator).
void ComputeMappingCoverage(const std::vector<PathMappingConfig>& mappings,
                            const std::vector<LibrarySection>& sections,
                            const std::string& platform, ConnectionReport* report);

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_MAPPING_COVERAGE_H_
