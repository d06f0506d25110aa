#include "metadata/image_check.h"

#include <cctype>
#include <string>

#include <fmt/format.h>

namespace plexdriver {
namespace {

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1a\n";
// A JPEG's end-of-image marker is near its end (some writers pad a few bytes after it).
constexpr size_t kJpegTailWindow = 1024;

std::string Extension(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  const size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  std::string ext(path.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::string FirstBytes(std::string_view bytes) {
  std::string hex;
  for (size_t i = 0; i < bytes.size() && i < 8; ++i) {
    hex += fmt::format("{}{:02X}", i ? " " : "", static_cast<unsigned char>(bytes[i]));
  }
  return hex;
}

Status ImageRefused(std::string_view path, const std::string& why) {
  return Status(PD_ERR_INVALID_ARGUMENT, fmt::format("\"{}\" {}", path, why));
}

}  // namespace

const char* ImageContentType(ImageFormat format) {
  return format == ImageFormat::kPng ? "image/png" : "image/jpeg";
}

Result<ImageFormat> CheckImage(std::string_view bytes, std::string_view path) {
  if (bytes.empty()) return ImageRefused(path, "is empty (0 bytes)");
  ImageFormat format;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF") {
    format = ImageFormat::kJpeg;
    const std::string_view tail = bytes.substr(bytes.size() > kJpegTailWindow ? bytes.size() - kJpegTailWindow : 0);
    if (tail.rfind("\xFF\xD9") == std::string_view::npos) {
      return ImageRefused(path, fmt::format("is a JPEG cut short ({} bytes, no end-of-image marker): it may still be "
                                       "being written; publish it again once it is complete", bytes.size()));
    }
  } else if (bytes.substr(0, kPngSignature.size()) == kPngSignature) {
    format = ImageFormat::kPng;
    // The last chunk is IEND: length 0, "IEND", its CRC.
    if (bytes.size() < 20 || bytes.substr(bytes.size() - 12, 8) != std::string_view("\0\0\0\0IEND", 8)) {
      return ImageRefused(path, fmt::format("is a PNG cut short ({} bytes, no IEND chunk at its end): it may still be "
                                       "being written; publish it again once it is complete", bytes.size()));
    }
  } else {
    return ImageRefused(path, fmt::format("is not a JPEG or PNG image (it starts with {})", FirstBytes(bytes)));
  }
  const std::string ext = Extension(path);
  if (format == ImageFormat::kPng && (ext == "jpg" || ext == "jpeg")) {
    return ImageRefused(path, "is a PNG image named ." + ext + "; rename it to .png (or save it as a JPEG)");
  }
  if (format == ImageFormat::kJpeg && ext == "png") {
    return ImageRefused(path, "is a JPEG image named .png; rename it to .jpg (or save it as a PNG)");
  }
  return format;
}

}  // namespace plexdriver
