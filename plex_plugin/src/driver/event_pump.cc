#include "driver/event_pump.h"

#include <chrono>
#include <set>
#include <vector>

namespace plexdriver {

EventPump::EventPump(NotificationHub* hub, PlaybackTracker* tracker, EventPumpHooks hooks)
    : hub_(hub), tracker_(tracker), hooks_(std::move(hooks)) {}

EventPump::~EventPump() { Stop(); }

void EventPump::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable() || stopped_) return;
  queue_ = hub_->Subscribe();  // before the thread: nothing that arrives from now on is missed
  thread_ = std::thread([this, queue = queue_] { Run(queue); });
}

void EventPump::Stop() {
  std::thread thread;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
    if (queue_) queue_->Close();
    thread = std::move(thread_);
  }
  if (thread.joinable()) thread.join();
}

void EventPump::Run(std::shared_ptr<NotificationQueue> queue) {
  uint64_t reports_seen = 0;
  bool connected = false;
  std::optional<bool> reported;  // the reachability last told to the host
  std::string why;
  std::vector<Notification> batch;
  for (;;) {
    batch.clear();
    const uint64_t before = reports_seen;
    const bool open = queue->WaitForChange(std::chrono::steady_clock::now() + std::chrono::hours(1),
                                           &batch, &reports_seen, &connected, &why);
    if (!open) return;
    for (const Notification& n : batch) Handle(n);
    if (reports_seen != before && (!reported || *reported != connected)) {
      HostEvent e;
      e.type = connected ? "server.reachable" : "server.unreachable";
      e.source = "websocket";
      e.time = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch()).count();
      if (!connected) e.reason = why.empty() ? "the notification websocket closed" : why;
      hooks_.emit(e);
      reported = connected;
    }
  }
}

void EventPump::Handle(const Notification& n) {
  for (const ActivityEvent& a : n.activities) {
    if (std::optional<HostEvent> e = EventOfActivity(a)) {
      if (hooks_.section_title) {
        if (std::string title = hooks_.section_title(e->section_id); !title.empty()) e->section_title = title;
      }
      hooks_.emit(*e);
    }
  }
  // PMS reports a new item as "created" then "processed" in one breath: one item.added.
  std::set<std::string> created;
  for (const TimelineEntry& t : n.timeline) {
    if (t.state == 0) created.insert(t.item_id);
  }
  for (const TimelineEntry& t : n.timeline) {
    if (hooks_.timeline) hooks_.timeline(t);
    if (t.state == 5 && created.count(t.item_id)) continue;
    if (std::optional<HostEvent> e = EventOfTimeline(t)) hooks_.emit(*e);
  }
  for (const PlayingEvent& p : n.playing) {
    std::vector<PlaybackTransition> transitions = tracker_->OnPlaying(p, std::chrono::steady_clock::now());
    for (PlaybackTransition& t : transitions) {
      std::vector<PlaybackTransition> since;  // what the sessions list shows happened after
      if (t.change == PlaybackChange::kStarted && tracker_->NeedsDetails() && hooks_.refresh_sessions) {
        since = hooks_.refresh_sessions();
        if (std::optional<PlaybackSession> s = tracker_->Find(t.session.session_key)) t.session = *s;
      }
      hooks_.emit(EventOfPlayback(t));
      for (const PlaybackTransition& later : since) hooks_.emit(EventOfPlayback(later));
    }
  }
}

}  // namespace plexdriver
