#include "abi/error_report.h"

#include <cstring>
#include <string>

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(ErrorReportTest, FillsEveryField) {
  pd_error err{};
  err.struct_size = sizeof err;
  FillError(&err, Status(PD_ERR_UNAUTHORIZED, "bad token", 401));
  EXPECT_EQ(err.status, PD_ERR_UNAUTHORIZED);
  EXPECT_EQ(err.detail, 401);
  EXPECT_STREQ(err.message, "bad token");
  FillError(nullptr, Status(PD_ERR_INTERNAL, "x"));  // a NULL error is allowed by the header
}

TEST(ErrorReportTest, NeverWritesPastTheDeclaredSize) {
  // A host that knows only the first two fields: the bytes after them must stay untouched.
  unsigned char buffer[sizeof(pd_error)];
  std::memset(buffer, 0xAB, sizeof buffer);
  auto* err = reinterpret_cast<pd_error*>(buffer);
  err->struct_size = static_cast<uint32_t>(offsetof(pd_error, detail));
  FillError(err, Status(PD_ERR_TIMEOUT, "slow", 0));
  EXPECT_EQ(err->status, PD_ERR_TIMEOUT);
  for (size_t i = offsetof(pd_error, detail); i < sizeof buffer; ++i) {
    ASSERT_EQ(buffer[i], 0xAB) << "byte " << i << " was overwritten";
  }
}

TEST(ErrorReportTest, ShortMessageSpaceTruncatesAndTerminates) {
  unsigned char buffer[sizeof(pd_error)];
  std::memset(buffer, 0xAB, sizeof buffer);
  auto* err = reinterpret_cast<pd_error*>(buffer);
  err->struct_size = static_cast<uint32_t>(offsetof(pd_error, message) + 4);
  FillError(err, Status(PD_ERR_INTERNAL, "abcdefgh"));
  EXPECT_STREQ(err->message, "abc");
  EXPECT_EQ(buffer[offsetof(pd_error, message) + 4], 0xAB);
}

TEST(ErrorReportTest, TruncatesOnUtf8Boundary) {
  pd_error err{};
  err.struct_size = sizeof err;
  std::string long_message(PD_ERROR_MESSAGE_CAPACITY - 2, 'x');
  long_message += "\xC3\xA9\xC3\xA9";  // "éé": the cut must not split a character
  FillError(&err, Status(PD_ERR_INTERNAL, long_message));
  const size_t n = std::strlen(err.message);
  EXPECT_EQ(n, PD_ERROR_MESSAGE_CAPACITY - 2u);
  EXPECT_EQ(Utf8PrefixLength("a\xC3\xA9", 2), 1u);
  EXPECT_EQ(Utf8PrefixLength("a\xC3\xA9", 3), 3u);
}

TEST(ErrorReportTest, SinkUsability) {
  EXPECT_FALSE(SinkUsable(nullptr));
  pd_sink sink{};
  EXPECT_FALSE(SinkUsable(&sink));
  sink.struct_size = sizeof sink;
  EXPECT_FALSE(SinkUsable(&sink));  // no write callback
  sink.write = [](void*, const char*, size_t) {};
  EXPECT_TRUE(SinkUsable(&sink));
  sink.struct_size = 4;
  EXPECT_FALSE(SinkUsable(&sink));
}

}  // namespace
}  // namespace plexdriver
