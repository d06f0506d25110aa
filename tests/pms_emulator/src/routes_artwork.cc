// An item's artwork: GET …/posters (/arts, /banners) lists the candidates, POST there uploads
// one (the raw body), PUT …/poster?url= (/art, /banner) selects one, GET …/thumb/{t} (/art/{t},
// /banner/{t}) serves the selected image and GET …/file?url= any candidate's bytes.
#include <Poco/URI.h>
#include <fmt/format.h>

#include "library.h"
#include "router.h"

namespace pms_emulator {
namespace {

Reply ImageReply(const std::string& bytes) {
  Reply r;
  r.content_type = ImageType(bytes);
  r.body = bytes;
  return r;
}

}  // namespace

Reply Router::ItemImages(const Call& call) {
  // parts: library, metadata, {key}, {posters|arts|banners|poster|art|banner|thumb|file}, [{t}]
  const std::string action = call.part(3);
  if (!IsNumber(call.parts[2])) return Html(404, kNotFoundBody);
  const int64_t key = std::stoll(call.parts[2]);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Library& lib = impl_->library;
  if (!lib.FindItem(key)) return Html(404, kNotFoundBody);
  const auto url = call.params.find("url");

  if (action == "file" && call.method == "GET") {
    if (url == call.params.end()) return BadRequest("url: missing");
    for (const std::string& element : ImageElements()) {
      for (const Image& c : lib.Images(key, element).candidates) {
        if (c.rating_key == url->second) return ImageReply(c.bytes);
      }
    }
    return Html(404, kNotFoundBody);
  }

  std::string element;
  for (const std::string& e : ImageElements()) {
    if (action == ElementListing(e) || action == ElementSelection(e) || action == e) element = e;
  }
  if (action == ElementListing(element) && call.method == "GET") {
    const ElementImages& images = lib.Images(key, element);
    Element mc("MediaContainer");
    mc.Int("size", static_cast<int64_t>(images.candidates.size())).Str("identifier", "com.plexapp.plugins.library");
    for (size_t i = 0; i < images.candidates.size(); ++i) {
      const Image& c = images.candidates[i];
      std::string encoded;
      Poco::URI::encode(c.rating_key, ":/?#[]@!$&'()*+,;=", encoded);
      const std::string file = fmt::format("/library/metadata/{}/file?url={}", key, encoded);
      Element& photo = mc.Child("Photo").JsonName("Metadata");
      photo.Str("key", file).Str("ratingKey", c.rating_key).Bool("selected", static_cast<int>(i) == images.selected)
          .Str("thumb", file);
      if (!c.provider.empty()) photo.Str("provider", c.provider);  // uploads have none
    }
    return Container(call, mc);
  }
  if (action == ElementListing(element) && call.method == "POST") {
    if (url != call.params.end()) return BadRequest("url uploads are not supported by the emulator");
    if (call.body.empty()) return BadRequest("the request body holds no image");
    // Uploading adds a candidate only. STRICTER (PMS's behaviour varies by version): it neither
    // selects nor locks it; a client must PUT …/poster?url= and lock thumb itself.
    if (!lib.Upload(key, element, call.body)) return BadRequest("the request body is neither a JPEG nor a PNG");
    return Html(200, "");
  }
  if (action == ElementSelection(element) && call.method == "PUT") {
    if (url == call.params.end() || url->second.empty()) return BadRequest("url: missing");
    // Selecting does not lock either (STRICTER, as above).
    return lib.Select(key, element, url->second, UnixNow()) ? Html(200, "") : Html(404, kNotFoundBody);
  }
  if (action == element && call.method == "GET") {
    // Any {t}: PMS serves the current image whatever stamp the URL carries.
    const std::optional<std::string> bytes = lib.SelectedImage(key, element);
    if (!bytes && lib.SelectedUnreachable(key, element)) {
      // PMS's photo transcoder asks images.plex.tv for the provider's URL and gets nothing.
      return Html(400, "<html><head><title>Bad Request</title></head><body><h1>400 Bad Request</h1></body></html>");
    }
    return bytes ? ImageReply(*bytes) : Html(404, kNotFoundBody);
  }
  return Html(404, kNotFoundBody);
}

}  // namespace pms_emulator
