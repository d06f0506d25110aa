// SPDX-License-Identifier: MIT
// The config's optional "provider" object (plugin_api/schemas.md, provider_config): how this
// driver's metadata provider presents itself to Plex. Read by the provider and by the instance
// (whose libraries with tv.plex.agents.custom.<name>.* agents get their metadata from it), so
// both accept and refuse exactly the same documents. Pure.
#ifndef PLEXDRIVER_CORE_PROVIDER_OPTIONS_H_
#define PLEXDRIVER_CORE_PROVIDER_OPTIONS_H_

#include <string>
#include <string_view>

#include <Poco/JSON/Object.h>

#include "core/status.h"

namespace plexdriver {

// Whether the provider's answers link the manager's images (thumb, art, Image, an actor's thumb).
// Plex keeps such a link and shows it through its cloud image service (images.plex.tv), which
// cannot fetch from a LAN address: there a link would only replace Plex's poster with one that
// never shows (docs/metadata-provider.md §4), so the sync uploads the artwork instead.
enum class ImageLinks {
  kAuto,    // links only at a public_url whose host is public (core/public_host.h)
  kAlways,  // links at public_url, else at the URL the request came to
  kNever,   // no links: the sync uploads and locks the artwork
};
const char* ImageLinksName(ImageLinks mode);  // "auto", "always", "never"

// Whether links are given when they would be made at `base_url` ("" when there is none).
bool LinksImages(ImageLinks mode, std::string_view base_url);
// What can be told without a request, from the configured public_url alone: kAlways links (at
// public_url, else at the request's URL), kAuto only at a public public_url, kNever never.
bool LinksImagesWithoutRequest(ImageLinks mode, std::string_view public_url);

struct ProviderOptions {
  // Suffix of the identifiers: tv.plex.agents.custom.<name>.movies / .shows. Plex allows only
  // ASCII letters, digits and dots after "tv.plex.agents.custom.".
  std::string name = "plexdriver";
  std::string title = "Media manager NFO";
  std::string public_url;  // the mount point's URL as Plex reaches it, no trailing '/' ("": from each request)
  ImageLinks image_links = ImageLinks::kAuto;

  // Whether the provider links the images of the libraries it serves (LinksImagesWithoutRequest).
  bool LinksImages() const { return LinksImagesWithoutRequest(image_links, public_url); }

  std::string MoviesIdentifier() const { return "tv.plex.agents.custom." + name + ".movies"; }
  std::string ShowsIdentifier() const { return "tv.plex.agents.custom." + name + ".shows"; }
};

// Reads root["provider"] into *out (absent or null: the defaults). PD_ERR_INVALID_CONFIG naming
// the key ("config.provider.name: ...") and what to do.
Status ReadProviderOptions(const Poco::JSON::Object& root, ProviderOptions* out);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_PROVIDER_OPTIONS_H_
