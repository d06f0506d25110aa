#include "sync/scan_watch.h"

#include <algorithm>

namespace plexdriver {

SectionScanWatch::SectionScanWatch(std::string section_key, int scans_requested,
                                   std::set<std::string> running_before, int64_t scanned_at_before)
    : section_key_(std::move(section_key)),
      scans_requested_(std::max(scans_requested, 1)),
      running_before_(std::move(running_before)),
      scanned_at_before_(scanned_at_before) {}

bool SectionScanWatch::Ours(const Activity& a) const {
  return a.type == kActivitySectionScan && a.section_id == section_key_ &&
         !running_before_.count(a.uuid);
}

void SectionScanWatch::Finish(const char* via) {
  if (finished_) return;
  finished_ = true;
  observed_via_ = via;
}

void SectionScanWatch::OnActivityEvent(const ActivityEvent& event) {
  if (finished_ || !Ours(event.activity)) return;
  const std::string& uuid = event.activity.uuid;
  if (event.event == "started") {
    seen_[uuid] = std::max(event.activity.progress, 0);
    running_.insert(uuid);
  } else if (event.event == "updated") {
    // Only scans whose start we saw are ours: one already running before the request may have
    // passed our folder already.
    if (running_.count(uuid)) seen_[uuid] = event.activity.progress;
  } else if (event.event == "ended") {
    if (running_.erase(uuid) || unconfirmed_.erase(uuid)) {
      seen_[uuid] = 100;
      ++ended_;
    }
  }
  if (ended_ >= scans_requested_ && running_.empty() && unconfirmed_.empty()) Finish("websocket");
}

void SectionScanWatch::OnPoll(const std::vector<Activity>& running, bool section_refreshing,
                              int64_t scanned_at) {
  if (finished_) return;
  std::set<std::string> now;
  for (const Activity& a : running) {
    if (!Ours(a)) continue;
    now.insert(a.uuid);
    seen_[a.uuid] = a.progress;
    running_.insert(a.uuid);
  }
  // Running before a gap and gone now: it ended or was lost unseen; either way not proof.
  for (const std::string& uuid : unconfirmed_) {
    if (!now.count(uuid)) ++lost_;
  }
  unconfirmed_.clear();
  // Ours that were running at the last look and are gone now have ended.
  for (auto it = running_.begin(); it != running_.end();) {
    if (!now.count(*it)) {
      seen_[*it] = 100;
      ++ended_;
      it = running_.erase(it);
    } else {
      ++it;
    }
  }
  const bool idle = running_.empty() && !section_refreshing;
  if (idle && ended_ >= scans_requested_) {
    Finish("activities");
  } else if (idle && scanned_at > scanned_at_before_) {
    // Scans too short to be caught between two polls still move the section's scannedAt.
    Finish("scanned_at");
  }
}

void SectionScanWatch::OnGap() {
  if (finished_) return;
  unconfirmed_.insert(running_.begin(), running_.end());
  running_.clear();
}

double SectionScanWatch::progress() const {
  if (finished_) return 1.0;
  double done = ended_;
  for (const std::set<std::string>* open : {&running_, &unconfirmed_}) {
    for (const std::string& uuid : *open) {
      auto it = seen_.find(uuid);
      if (it != seen_.end() && it->second >= 0) done += it->second / 100.0;
    }
  }
  if (seen_.empty()) return -1;
  return std::min(1.0, done / scans_requested_);
}

}  // namespace plexdriver
