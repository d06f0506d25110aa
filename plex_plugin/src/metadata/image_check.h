// Is this file an image Plex can be given? Checked from its bytes before anything is uploaded:
// a JPEG (FF D8 FF ... FF D9) or a PNG (its signature ... IEND), whole (a file cut short while it
// was being written is refused), and of the kind its name says (a PNG named .jpg is refused:
// the manager wrote something else than it meant). Pure.
#ifndef PLEXDRIVER_METADATA_IMAGE_CHECK_H_
#define PLEXDRIVER_METADATA_IMAGE_CHECK_H_

#include <string_view>

#include "core/status.h"

namespace plexdriver {

enum class ImageFormat { kJpeg, kPng };
const char* ImageContentType(ImageFormat format);  // "image/jpeg", "image/png"

// The format of `bytes`, read from the file `path` (named in messages). PD_ERR_INVALID_ARGUMENT
// saying what is wrong: empty, not an image (its first bytes), cut short, or named as another
// format. `.tbn` (Kodi's thumbnail name) may hold either format.
Result<ImageFormat> CheckImage(std::string_view bytes, std::string_view path);

}  // namespace plexdriver

#endif  // PLEXDRIVER_METADATA_IMAGE_CHECK_H_
