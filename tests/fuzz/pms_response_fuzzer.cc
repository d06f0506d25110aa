// PMS response bodies (JSON or XML, or whatever a proxy or a broken server sends) through every
// reader of a MediaContainer: the generic tree, identity, server root, sections, activities,
// sessions, section settings. Each either reads the document or refuses it with PD_ERR_PROTOCOL;
// text it reads from a UTF-8 body is UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "plex/media_container.h"
#include "plex/notifications.h"
#include "plex/pms_parser.h"
#include "plex/section_settings.h"
#include "plex/sessions.h"

namespace {

using namespace plexdriver;

void CheckNode(const PmsNode& node, int depth) {
  FUZZ_CHECK(depth < 10000, "tree deeper than any document could be");
  FUZZ_CHECK(fuzz::IsUtf8(node.name), node.name);
  for (const auto& [key, value] : node.attrs) {
    FUZZ_CHECK(fuzz::IsUtf8(key), key);
    FUZZ_CHECK(fuzz::IsUtf8(value), value);
  }
  for (const PmsNode& child : node.children) CheckNode(child, depth + 1);
}

template <typename T, typename Check>
void Expect(const Result<T>& result, Check&& check) {
  if (!result.ok()) {
    fuzz::CheckRefusal(result.status(), PD_ERR_PROTOCOL);
    return;
  }
  check(*result);
}

void CheckText(std::string_view text) { FUZZ_CHECK(fuzz::IsUtf8(text), text); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const bool utf8 = fuzz::IsUtf8(body);

  Expect(ParseMediaContainer(body), [&](const PmsNode& node) {
    if (utf8) CheckNode(node, 0);
  });
  Expect(ParseIdentity(body), [&](const ServerIdentity& id) {
    FUZZ_CHECK(!id.machine_identifier.empty(), "identity without machineIdentifier accepted");
    if (utf8) CheckText(id.machine_identifier + id.version);
  });
  Expect(ParseServerInfo(body), [&](const ServerInfo& info) {
    FUZZ_CHECK(!info.machine_identifier.empty(), "server root without machineIdentifier accepted");
    if (utf8) CheckText(info.friendly_name + info.platform + info.version);
  });
  Expect(ParseSections(body), [&](const std::vector<LibrarySection>& sections) {
    for (const LibrarySection& s : sections) {
      FUZZ_CHECK(!s.key.empty(), "section without key accepted");
      if (!utf8) continue;
      CheckText(s.key + s.title + s.type);
      for (const SectionLocation& l : s.locations) CheckText(l.path);
    }
  });
  Expect(ParseActivities(body), [&](const std::vector<Activity>& activities) {
    for (const Activity& a : activities) {
      if (utf8) CheckText(a.uuid + a.type + a.title + a.subtitle + a.section_id);
    }
  });
  Expect(ParseSessions(body), [&](const std::vector<PlaybackSession>& sessions) {
    for (const PlaybackSession& s : sessions) {
      FUZZ_CHECK(!s.rating_key.empty() || !s.session_key.empty(), "session without keys accepted");
      if (utf8) CheckText(s.title + s.user + s.player + s.player_id + s.state);
    }
  });
  Expect(ParseSectionSettings(body), [&](const std::vector<SectionSetting>& settings) {
    for (const SectionSetting& s : settings) {
      FUZZ_CHECK(!s.id.empty(), "setting without id accepted");
      if (utf8) CheckText(s.id + s.type + s.value + s.default_value);
    }
  });
  return 0;
}
