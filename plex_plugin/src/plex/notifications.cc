#include "plex/notifications.h"

#include "plex/media_container.h"

namespace plexdriver {
namespace {

Activity ReadActivity(const PmsNode& node) {
  Activity a;
  a.uuid = node.Get("uuid");
  a.type = node.Get("type");
  a.title = node.Get("title");
  a.subtitle = node.Get("subtitle");
  a.progress = static_cast<int>(node.GetInt("progress", -1));
  a.cancellable = node.GetBool("cancellable");
  for (const PmsNode* context : node.Children("Context")) {
    a.section_id = context->Get("librarySectionID");
  }
  return a;
}

}  // namespace

Result<Notification> ParseNotification(std::string_view frame) {
  Result<PmsNode> root = ParseJsonContainer(frame, "NotificationContainer");
  if (!root.ok()) return root.status();
  Notification n;
  n.type = root->Get("type");
  for (const PmsNode* entry : root->Children("ActivityNotification")) {
    ActivityEvent e;
    e.event = entry->Get("event");
    auto inner = entry->Children("Activity");
    if (!inner.empty()) e.activity = ReadActivity(*inner[0]);
    if (e.activity.uuid.empty()) e.activity.uuid = entry->Get("uuid");
    n.activities.push_back(std::move(e));
  }
  for (const PmsNode* entry : root->Children("TimelineEntry")) {
    TimelineEntry t;
    t.section_id = entry->Get("sectionID");
    t.item_id = entry->Get("itemID");
    t.type = static_cast<int>(entry->GetInt("type"));
    t.state = static_cast<int>(entry->GetInt("state", -1));
    t.title = entry->Get("title");
    t.updated_at = entry->GetInt("updatedAt");
    n.timeline.push_back(std::move(t));
  }
  for (const PmsNode* entry : root->Children("PlaySessionStateNotification")) {
    PlayingEvent p;
    p.session_key = entry->Get("sessionKey");
    p.rating_key = entry->Get("ratingKey");
    p.key = entry->Get("key");
    p.state = entry->Get("state");
    p.client_identifier = entry->Get("clientIdentifier");
    p.view_offset = entry->GetInt("viewOffset");
    n.playing.push_back(std::move(p));
  }
  return n;
}

Result<std::vector<Activity>> ParseActivities(std::string_view body) {
  Result<PmsNode> root = ParseMediaContainer(body);
  if (!root.ok()) return root.status();
  std::vector<Activity> out;
  for (const PmsNode* a : root->Children("Activity")) out.push_back(ReadActivity(*a));
  return out;
}

}  // namespace plexdriver
