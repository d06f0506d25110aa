// The manager's own files, which the driver reads before it edits or uploads anything: the
// input is parsed as an NFO and checked as an image. A refusal carries PD_ERR_INVALID_ARGUMENT,
// names the file and is UTF-8; a parsed NFO holds only UTF-8 text (it refuses anything else);
// an accepted image really starts as its format says and has its end marker.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "metadata/image_check.h"
#include "metadata/nfo.h"

namespace {

void CheckText(const std::string& text) { FUZZ_CHECK(fuzz::IsUtf8(text), text); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexdriver;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  Result<NfoDocument> nfo = ParseNfo(input, "/m/movie.nfo");
  if (!nfo.ok()) {
    fuzz::CheckRefusal(nfo.status(), PD_ERR_INVALID_ARGUMENT);
    FUZZ_CHECK(nfo.status().message().find("/m/movie.nfo") != std::string::npos, nfo.status().message());
  } else {
    for (const std::string* s : {&nfo->title, &nfo->sort_title, &nfo->original_title, &nfo->plot, &nfo->outline,
                                 &nfo->tagline, &nfo->mpaa, &nfo->premiered}) {
      CheckText(*s);
    }
    for (const auto* list : {&nfo->genres, &nfo->studios, &nfo->collections, &nfo->problems}) {
      for (const std::string& s : *list) CheckText(s);
    }
  }

  for (std::string_view name : {"/m/poster.jpg", "/m/poster.png", "/m/S01E01.tbn"}) {
    Result<ImageFormat> format = CheckImage(input, name);
    if (!format.ok()) {
      fuzz::CheckRefusal(format.status(), PD_ERR_INVALID_ARGUMENT);
      FUZZ_CHECK(format.status().message().find(name) != std::string::npos, format.status().message());
      continue;
    }
    if (*format == ImageFormat::kJpeg) {
      // Cameras and editors leave padding after the end marker: it must be near the end.
      const std::string_view tail = input.substr(size > 1024 ? size - 1024 : 0);
      FUZZ_CHECK(size >= 4 && input.substr(0, 3) == "\xFF\xD8\xFF" && tail.find("\xFF\xD9") != std::string_view::npos,
                 std::string(name));
    } else {
      FUZZ_CHECK(size >= 8 && input.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8), std::string(name));
    }
  }
  return 0;
}
