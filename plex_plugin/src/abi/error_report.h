// Writing into the host's pd_error and pd_sink without ever touching memory past what the host
// declared (struct_size), and without splitting a UTF-8 character.
#ifndef PLEXDRIVER_ABI_ERROR_REPORT_H_
#define PLEXDRIVER_ABI_ERROR_REPORT_H_

#include <string_view>

#include "core/status.h"
#include "player_driver/player_driver.h"

namespace plexdriver {

// Fills the fields of `err` that its struct_size covers; NULL is ignored. The message is
// truncated to the space available, on a character boundary, and always NUL-terminated.
void FillError(pd_error* err, const Status& status);

// Length of the longest prefix of `text` that fits in `capacity` bytes and ends on a UTF-8
// character boundary.
size_t Utf8PrefixLength(std::string_view text, size_t capacity);

// True when `sink` is non-NULL, declares a size covering `write`, and has a write callback.
bool SinkUsable(const pd_sink* sink);

// Ok when SinkUsable(out); otherwise PD_ERR_INVALID_ARGUMENT naming `function` and what a sink
// must be.
Status RequireSink(const pd_sink* out, const char* function);

// Delivers `document` to the sink in one write.
void WriteToSink(const pd_sink* sink, std::string_view document);

}  // namespace plexdriver

#endif  // PLEXDRIVER_ABI_ERROR_REPORT_H_
