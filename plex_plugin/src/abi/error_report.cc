#include "abi/error_report.h"

#include <cstddef>
#include <cstring>

#include <fmt/format.h>

namespace plexdriver {
namespace {

template <typename Struct, typename Field>
bool Covers(uint32_t struct_size, Field Struct::*member, size_t offset) {
  (void)member;
  return struct_size >= offset + sizeof(Field);
}

}  // namespace

size_t Utf8PrefixLength(std::string_view text, size_t capacity) {
  if (text.size() <= capacity) return text.size();
  size_t n = capacity;
  // Step back over continuation bytes (10xxxxxx) so the cut lands before a lead byte.
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return n;
}

void FillError(pd_error* err, const Status& status) {
  if (!err) return;
  const uint32_t size = err->struct_size;
  if (Covers(size, &pd_error::status, offsetof(pd_error, status))) err->status = status.code();
  if (Covers(size, &pd_error::detail, offsetof(pd_error, detail))) err->detail = status.detail();
  const size_t message_offset = offsetof(pd_error, message);
  if (size <= message_offset) return;
  const size_t room = std::min<size_t>(size - message_offset, PD_ERROR_MESSAGE_CAPACITY);
  const size_t n = Utf8PrefixLength(status.message(), room - 1);
  std::memcpy(err->message, status.message().data(), n);
  err->message[n] = '\0';
}

bool SinkUsable(const pd_sink* sink) {
  return sink && sink->struct_size >= offsetof(pd_sink, write) + sizeof(sink->write) &&
         sink->write;
}

void WriteToSink(const pd_sink* sink, std::string_view document) {
  if (SinkUsable(sink)) sink->write(sink->ctx, document.data(), document.size());
}

Status RequireSink(const pd_sink* out, const char* function) {
  if (!SinkUsable(out)) {
    return Status(PD_ERR_INVALID_ARGUMENT,
                  fmt::format("{}: `out` must be a pd_sink with struct_size >= {} and a write "
                              "callback", function, sizeof(pd_sink)));
  }
  return Status::Ok();
}

}  // namespace plexdriver
