// Server work in simulated time: scans and metadata refreshes run one at a time, in request
// order, like Plex's own queue. A scan becomes visible (activity, `refreshing`) only after the
// configured start delay, takes time proportional to the folders it walks, reports progress,
// and changes the library only when it ends.
#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "emulator_impl.h"

namespace pms_emulator {

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

std::string NewUuid(std::atomic<uint64_t>& counter) {
  const uint64_t n = counter.fetch_add(1);
  return fmt::format("8d4f{:04x}-6a1e-4c0b-9d2f-{:012x}", n & 0xffff, n * 2654435761u);
}

}  // namespace

size_t Emulator::Impl::QueueScan(const std::string& section_key, const std::string& path,
                                 bool force) {
  // Plex collapses a request identical to one still waiting in its queue.
  for (const Job& j : jobs) {
    if (j.kind == Job::Kind::kScan && !j.cancelled && j.section_key == section_key &&
        library.paths().TreeKey(j.path) == library.paths().TreeKey(path)) {
      return j.scan_index;
    }
  }
  ScanRecord record;
  record.section_key = section_key;
  record.path = path;
  record.force = force;
  record.requested = Clock::now();
  scans.push_back(record);
  Job job;
  job.kind = Job::Kind::kScan;
  job.scan_index = scans.size() - 1;
  job.section_key = section_key;
  job.path = path;
  job.not_before = record.requested + std::chrono::milliseconds(options.scan_start_delay_ms);
  jobs.push_back(job);
  work_cv.notify_all();
  return job.scan_index;
}

void Emulator::Impl::QueueMetadataRefresh(int64_t rating_key) {
  const Item* item = library.FindItem(rating_key);
  Job job;
  job.kind = Job::Kind::kMetadataRefresh;
  job.rating_key = rating_key;
  job.section_key = item ? item->section_key : "";
  job.not_before = Clock::now() + std::chrono::milliseconds(std::min(options.scan_start_delay_ms, 50));
  jobs.push_back(job);
  work_cv.notify_all();
}

void Emulator::Impl::QueueEmptyTrash(const std::string& section_key) {
  Job job;
  job.kind = Job::Kind::kEmptyTrash;
  job.section_key = section_key;
  job.not_before = Clock::now() + std::chrono::milliseconds(options.metadata_refresh_ms);
  jobs.push_back(job);
  work_cv.notify_all();
}

int Emulator::Impl::CancelScans(const std::string& section_key) {
  int n = 0;
  for (Job& j : jobs) {
    if (j.kind == Job::Kind::kScan && !j.cancelled && (section_key.empty() || j.section_key == section_key)) {
      j.cancelled = true;
      scans[j.scan_index].cancelled = true;
      ++n;
    }
  }
  if (running_job && running_job->kind == Job::Kind::kScan &&
      (section_key.empty() || running_job->section_key == section_key) && !running_job->cancelled) {
    running_job->cancelled = true;
    ++n;
  }
  work_cv.notify_all();
  return n;
}

bool Emulator::Impl::CancelActivity(const std::string& uuid) {
  if (!running_job) return false;
  auto it = std::find_if(activities.begin(), activities.end(),
                         [&](const Activity& a) { return a.uuid == uuid; });
  if (it == activities.end()) return false;
  running_job->cancelled = true;
  work_cv.notify_all();
  return true;
}

std::vector<LibraryEvent> Emulator::Impl::ScanWithProviders(std::unique_lock<std::mutex>& lock, const Job& job) {
  std::vector<LibraryEvent> events = library.ApplyScan(job.section_key, job.path, UnixNow());
  // In a section whose agent is a custom metadata provider, each new movie or show is matched.
  std::vector<int64_t> added;
  for (const LibraryEvent& e : events) {
    if (e.metadata_state == "created" && (e.type == "movie" || e.type == "show")) added.push_back(e.item_key);
  }
  if (added.empty() || ProvidersFor(job.section_key).empty()) return events;
  std::vector<LibraryEvent> matched = RunProviders(lock, job.section_key, added);
  events.insert(events.end(), matched.begin(), matched.end());
  return events;
}

std::vector<LibraryEvent> Emulator::Impl::RefreshWithProviders(std::unique_lock<std::mutex>& lock, const Job& job) {
  const Item* item = library.FindItem(job.rating_key);
  if (!item || ProvidersFor(item->section_key).empty()) return library.RefreshMetadata(job.rating_key, UnixNow());
  // A provider answers for movies and shows: a season's or episode's refresh asks about its show.
  const int64_t top = item->grandparent_key ? item->grandparent_key : item->parent_key ? item->parent_key : item->rating_key;
  const std::string section = item->section_key;
  return RunProviders(lock, section, {top});
}

void Emulator::Impl::WorkerLoop() {
  std::unique_lock<std::mutex> lock(mutex);
  for (;;) {
    work_cv.wait(lock, [&] { return stopping || !jobs.empty(); });
    if (stopping) return;
    Job job = jobs.front();
    jobs.pop_front();
    if (job.cancelled) {
      idle_cv.notify_all();
      continue;
    }
    running_job = job;
    // The real server does not start at once: nothing is visible before not_before.
    work_cv.wait_until(lock, job.not_before, [&] { return stopping || running_job->cancelled; });
    if (stopping) return;
    if (job.kind == Job::Kind::kEmptyTrash) {
      std::vector<LibraryEvent> events = library.EmptyTrash(job.section_key);
      running_job.reset();
      lock.unlock();
      NotifyTimeline(events);
      lock.lock();
      idle_cv.notify_all();
      continue;
    }

    Activity activity;
    activity.uuid = NewUuid(uuid_counter);
    Section* section = library.FindSection(job.section_key);
    const std::string section_title = section ? section->title : "";
    int work_ms = options.metadata_refresh_ms;
    if (job.kind == Job::Kind::kScan) {
      ScanRecord& record = scans[job.scan_index];
      record.started = Clock::now();
      record.activity_uuid = activity.uuid;
      activity.type = "library.update.section";
      activity.title = fmt::format("Scanning {}", section_title);
      activity.subtitle = job.path.empty() ? "" : job.path;
      if (section) section->refreshing = true;
      size_t folders = 0;
      if (job.path.empty()) {
        if (section) {
          for (const std::string& l : section->locations) folders += library.FoldersUnder(l);
        }
      } else if (section && library.InSection(*section, job.path) && library.FolderExists(job.path)) {
        folders = library.FoldersUnder(job.path);
      }
      // A path that does not exist "finishes instantly".
      work_ms = static_cast<int>(folders) * options.scan_ms_per_folder;
      record.folders_walked = folders;
    } else {
      activity.type = "library.refresh.items";
      const Item* item = library.FindItem(job.rating_key);
      activity.title = "Refreshing";
      activity.subtitle = item ? item->title : "";
    }
    activity.section_key = job.section_key;
    activities.push_back(activity);
    lock.unlock();
    NotifyActivity("started", activity);
    lock.lock();

    // Simulated work in a few progress steps; cancel and stop interrupt it.
    const int steps = work_ms >= 40 ? 4 : 1;
    for (int step = 1; step <= steps && !stopping && !running_job->cancelled; ++step) {
      work_cv.wait_for(lock, std::chrono::milliseconds(work_ms / steps),
                       [&] { return stopping || running_job->cancelled; });
      if (stopping || running_job->cancelled || step == steps) break;
      for (Activity& a : activities) {
        if (a.uuid == activity.uuid) a.progress = step * 100 / steps;
      }
      Activity snapshot = activity;
      snapshot.progress = step * 100 / steps;
      lock.unlock();
      NotifyActivity("updated", snapshot);
      lock.lock();
    }
    if (stopping) return;  // lost, as on a real restart

    std::vector<LibraryEvent> events;
    const bool cancelled = running_job->cancelled;
    if (!cancelled) {
      events = job.kind == Job::Kind::kScan ? ScanWithProviders(lock, job) : RefreshWithProviders(lock, job);
      if (stopping) return;
    }
    if (job.kind == Job::Kind::kScan) {
      ScanRecord& record = scans[job.scan_index];
      record.cancelled = cancelled;
      record.ended = Clock::now();
      section = library.FindSection(job.section_key);
      if (section) section->refreshing = false;
    }
    activities.erase(std::remove_if(activities.begin(), activities.end(),
                                    [&](const Activity& a) { return a.uuid == activity.uuid; }),
                     activities.end());
    running_job.reset();
    activity.progress = 100;
    std::vector<std::pair<std::string, std::string>> new_items;  // for library.new webhooks
    for (const LibraryEvent& e : events) {
      if (e.metadata_state == "created" && (e.type == "movie" || e.type == "episode")) {
        new_items.emplace_back(std::to_string(e.item_key), e.title);
      }
    }
    lock.unlock();
    NotifyTimeline(events);
    NotifyActivity("ended", activity);
    if (job.kind == Job::Kind::kScan && !events.empty()) {
      NotifyStatus("Library scan complete", fmt::format("{} changed", section_title));
    }
    for (const auto& [key, title] : new_items) SendWebhook("library.new", key, "", "");
    lock.lock();
    idle_cv.notify_all();
  }
}

}  // namespace pms_emulator
