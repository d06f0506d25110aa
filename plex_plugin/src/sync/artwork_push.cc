#include "sync/artwork_push.h"

#include <map>
#include <utility>

#include <fmt/format.h>

#include "core/digest.h"
#include "metadata/image_check.h"
#include "planning/url_encoding.h"
#include "sync/item_requests.h"
#include "sync/stage_support.h"

namespace plexdriver {
namespace {

const std::string& UrlOf(const ItemDetails& d, ArtworkElement element) {
  return element == ArtworkElement::kPoster ? d.thumb : element == ArtworkElement::kBackground ? d.art : d.banner;
}

ChangeStatus StatusOfAction(const std::string& action) {
  if (action == "uploaded" || action == "unchanged") return ChangeStatus::kCompleted;
  if (action == "timed_out") return ChangeStatus::kTimedOut;
  if (action == "cancelled") return ChangeStatus::kCancelled;
  return ChangeStatus::kFailed;
}

// The candidate Plex made of our upload: named after the bytes' SHA-1 (upload://posters/<sha1>),
// else the upload whose bytes are ours.
std::optional<ImageCandidate> FindUpload(PmsClient& client, const std::vector<ImageCandidate>& candidates,
                                         const std::string& bytes, const std::string& sha256) {
  const std::string sha1 = Sha1Hex(bytes);
  for (const ImageCandidate& c : candidates) {
    if (c.rating_key.size() >= sha1.size() && c.rating_key.compare(c.rating_key.size() - sha1.size(), sha1.size(), sha1) == 0) {
      return c;
    }
  }
  for (const ImageCandidate& c : candidates) {
    if (c.rating_key.rfind("upload://", 0) != 0) continue;
    Result<std::string> served = FetchImage(client, c.key);
    if (served.ok() && Sha256Hex(*served) == sha256) return c;
  }
  return std::nullopt;
}

class ImagePusher {
 public:
  ImagePusher(const SyncPlan& plan, const SyncContext& ctx) : plan_(plan), ctx_(ctx) {}

  // Pushes one image; the ArtworkPush says what became of it.
  ArtworkPush Push(const PlannedPush& p) {
    ArtworkPush out;
    out.file = p.file;
    out.element = ElementField(p.role.element);
    out.target = DescribeRole(p.role);
    out.rating_key = p.rating_key;
    Result<std::string> bytes = ctx_.files->Read(p.file, ctx_.max_upload_bytes);
    if (!bytes.ok()) return Fail(out, bytes.status().message());
    Result<ImageFormat> format = CheckImage(*bytes, p.file);
    if (!format.ok()) return Fail(out, format.status().message() + "; nothing was uploaded");
    out.sha256 = Sha256Hex(*bytes);
    out.bytes = static_cast<int64_t>(bytes->size());
    Result<ItemDetails> before = FetchItemDetails(*ctx_.client, p.rating_key);
    if (!before.ok()) return Fail(out, fmt::format("Plex has no item {} for \"{}\" ({})", p.rating_key, p.file,
                                                   before.status().message()), before.status());
    seen_[p.rating_key] = {before->updated_at, before->thumb};
    out.url_before = UrlOf(*before, p.role.element);
    const std::string lock = std::string(ElementField(p.role.element)) + ".locked";
    if (Result<std::string> served = FetchImage(*ctx_.client, out.url_before);
        served.ok() && Sha256Hex(*served) == out.sha256) {
      out.url_after = out.url_before;
      out.action = "unchanged";
      out.message = fmt::format("Plex already shows this {}: nothing was uploaded", out.target);
      if (!before->locked.count(ElementField(p.role.element))) LockElement(p, lock, &out);
      return out;
    }
    if (Status s = Upload(p, *bytes, *format, out.sha256, lock); !s.ok()) return Fail(out, s.message(), s);
    return Verify(p, out);
  }

  // What the item looked like when last fetched (updatedAt, thumb), for the change's item ref.
  std::pair<int64_t, std::string> Seen(const LibraryItem& item) const {
    auto it = seen_.find(item.rating_key);
    return it == seen_.end() ? std::make_pair(int64_t{0}, item.thumb) : it->second;
  }

 private:
  ArtworkPush Fail(ArtworkPush out, const std::string& message, const Status& why = Status::Ok()) {
    out.action = why.code() == PD_ERR_TIMEOUT ? "timed_out" : why.code() == PD_ERR_CANCELLED ? "cancelled" : "failed";
    out.message = message;
    return out;
  }

  void LockElement(const PlannedPush& p, const std::string& lock, ArtworkPush* out) {
    if (Status s = EditItem(*ctx_.client, p.section_key, p.item_type, p.rating_key, {{lock, "1"}}); !s.ok()) {
      out->message += fmt::format("; locking it failed ({})", s.message());
    }
  }

  Status Upload(const PlannedPush& p, const std::string& bytes, ImageFormat format, const std::string& sha256,
                const std::string& lock) {
    const std::string base = "/library/metadata/" + p.rating_key + "/";
    Result<HttpResponse> sent = ctx_.client->Post(base + ElementListing(p.role.element), bytes, ImageContentType(format));
    if (!sent.ok()) return Status(sent.status().code(), "Plex refused the upload: " + sent.status().message());
    Result<HttpResponse> listed = ctx_.client->GetRetrying(base + ElementListing(p.role.element));
    if (!listed.ok()) return listed.status();
    Result<std::vector<ImageCandidate>> candidates = ParseImageCandidates(listed->body);
    if (!candidates.ok()) return candidates.status();
    std::optional<ImageCandidate> upload = FindUpload(*ctx_.client, *candidates, bytes, sha256);
    if (!upload) {
      return Status(PD_ERR_PROTOCOL, fmt::format("Plex accepted the upload of \"{}\" but does not list it among the "
                                                 "item's {}", p.file, ElementListing(p.role.element)));
    }
    if (!upload->selected) {
      Result<HttpResponse> selected =
          ctx_.client->Call("PUT", base + ElementSelection(p.role.element) + "?url=" + PercentEncode(upload->rating_key));
      if (!selected.ok()) return Status(selected.status().code(), "selecting the upload failed: " + selected.status().message());
    }
    return EditItem(*ctx_.client, p.section_key, p.item_type, p.rating_key, {{lock, "1"}});
  }

  // Completed once Plex serves the uploaded bytes at a new URL.
  ArtworkPush Verify(const PlannedPush& p, ArtworkPush out) {
    auto interval = ctx_.tuning.poll_initial;
    for (bool first = true;; first = false) {
      if (!first && !SleepUntil(ctx_.op, std::min(plan_.deadline, SyncClock::now() + interval))) {
        return Fail(out, "cancelled while waiting for Plex to show the upload; it was uploaded", Status(PD_ERR_CANCELLED, ""));
      }
      Result<ItemDetails> now = FetchItemDetails(*ctx_.client, p.rating_key);
      if (now.ok()) {
        seen_[p.rating_key] = {now->updated_at, now->thumb};
        out.url_after = UrlOf(*now, p.role.element);
        if (out.url_after != out.url_before) {
          Result<std::string> served = FetchImage(*ctx_.client, out.url_after);
          if (served.ok() && Sha256Hex(*served) == out.sha256) {
            out.action = "uploaded";
            return out;
          }
          if (served.ok()) {
            return Fail(out, fmt::format("Plex shows other bytes at {} (sha256 {}) than \"{}\" (sha256 {})", out.url_after,
                                         Sha256Hex(*served), p.file, out.sha256));
          }
        }
      }
      if (SyncClock::now() >= plan_.deadline) break;
      interval = NextPollInterval(interval, ctx_.tuning.poll_max);
    }
    return Fail(out, fmt::format("Plex did not show the uploaded {} of item {} within {} s; it was uploaded and "
                                 "may still appear", out.target, p.rating_key, plan_.options.timeout_seconds),
                Status(PD_ERR_TIMEOUT, ""));
  }

  const SyncPlan& plan_;
  const SyncContext& ctx_;
  std::map<std::string, std::pair<int64_t, std::string>> seen_;
};

}  // namespace

void MergeStatus(ChangeResult& result, ChangeStatus status, const std::string& message) {
  if (status <= result.status && result.status != ChangeStatus::kSkipped) return;
  result.status = status;
  result.message = message;
}

SyncPlan PushArtwork(SyncPlan plan, const SyncContext& ctx) {
  ImagePusher pusher(plan, ctx);
  for (ChangeState& c : plan.changes) {
    if (c.settled || c.pushes.empty() || c.pushed) continue;
    c.pushed = true;
    for (const PlannedPush& p : c.pushes) {
      ArtworkPush pushed;
      if (plan.cancelled || ctx.op.Cancelled()) {
        plan.cancelled = true;
        pushed.file = p.file;
        pushed.element = ElementField(p.role.element);
        pushed.target = DescribeRole(p.role);
        pushed.rating_key = p.rating_key;
        pushed.action = "cancelled";
        pushed.message = "cancelled before the upload";
      } else {
        pushed = pusher.Push(p);
      }
      MergeStatus(c.result, StatusOfAction(pushed.action), pushed.message);
      c.result.artwork.push_back(std::move(pushed));
    }
    const LibraryItem& item = *c.before;
    const auto [updated_at, thumb] = pusher.Seen(item);  // 0: the item itself was not re-read
    c.result.item = ItemRef{item.rating_key, item.type, item.title, "pushed", item.updated_at, updated_at,
                            item.thumb, thumb};
    c.result.elapsed_ms = plan.ElapsedMs();
  }
  return plan;
}

}  // namespace plexdriver
