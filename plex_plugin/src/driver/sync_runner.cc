#include "driver/sync_runner.h"

#include <algorithm>

#include "sync/sync_engine.h"

namespace plexdriver {

SyncRunner::SyncRunner(const DriverConfig* config, const HostBridge* bridge, PmsClient* client, ServerFacts* facts,
                       ItemCatalog* catalog, InstanceEvents* events)
    : config_(config), bridge_(bridge), client_(client), facts_(facts), catalog_(catalog), events_(events) {
  tuning_.max_folders_per_section = static_cast<size_t>(config_->max_folders_per_section);
  tuning_.poll_initial = std::chrono::milliseconds(config_->poll_interval_ms);
  tuning_.poll_max = std::max(tuning_.poll_initial, std::chrono::milliseconds(1000));
}

void SyncRunner::set_tuning(const SyncTuning& tuning) {
  std::lock_guard<std::mutex> lock(tuning_mutex_);
  tuning_ = tuning;
}

SyncTuning SyncRunner::tuning() const {
  std::lock_guard<std::mutex> lock(tuning_mutex_);
  return tuning_;
}

Result<SyncResult> SyncRunner::Run(const SyncRequest& request, void* op_ctx) {
  events_->TouchKeepAlive();
  // Stale sections are re-read first, so the mapper sees the server's current folders.
  if (Result<std::vector<LibrarySection>> s = facts_->Sections(/*force=*/false); !s.ok()) return s.status();
  const std::optional<ServerSnapshot> snap = facts_->Snapshot();
  if (!snap) return Status(PD_ERR_INTERNAL, "sync: the instance is not connected");
  Result<PathMapper> mapper = facts_->Mapper(*snap);
  if (!mapper.ok()) return mapper.status();
  SyncContext ctx;
  ctx.client = client_;
  ctx.hub = events_->hub();
  ctx.op = Operation{bridge_, op_ctx};
  ctx.mapper = &*mapper;
  ctx.sections = facts_;
  ctx.files = &files_;
  ctx.anchor_files = config_->anchor_files;
  ctx.server_platform = snap->info.platform;
  ctx.catalog = catalog_;
  ctx.playback = events_;
  ctx.skip_active = config_->skip_active;
  ctx.local_artwork = facts_;
  ctx.empty_trash = config_->empty_trash;
  ctx.empty_trash_max_items = config_->empty_trash_max_items;
  ctx.artwork_mode = config_->artwork_mode;
  ctx.lock_fields = config_->lock_fields;
  ctx.max_upload_bytes = static_cast<size_t>(config_->max_upload_bytes);
  ctx.provider_identifiers = {config_->provider.MoviesIdentifier(), config_->provider.ShowsIdentifier()};
  ctx.provider_links_images = config_->provider.LinksImages();
  ctx.tuning = tuning();
  return RunSync(request, ctx);
}

}  // namespace plexdriver
