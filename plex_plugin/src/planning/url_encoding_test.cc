#include "planning/url_encoding.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(UrlEncodingTest, EncodesEverythingButUnreserved) {
  const std::pair<const char*, const char*> cases[] = {
      {"/data/movies/Heat (1995)", "%2Fdata%2Fmovies%2FHeat%20%281995%29"},
      {"Tom & Jerry", "Tom%20%26%20Jerry"},
      {"C# #1", "C%23%20%231"},
      {"1+1=2", "1%2B1%3D2"},
      {"100% Wolf", "100%25%20Wolf"},
      {"M:\\Media\\X", "M%3A%5CMedia%5CX"},
      {"a-b_c.d~e", "a-b_c.d~e"},
      {"?x=y", "%3Fx%3Dy"},
      {"Am\xC3\xA9lie", "Am%C3%A9lie"},        // NFC é
      {"Ame\xCC\x81lie", "Ame%CC%81lie"},      // NFD e + combining acute: kept as is
      {"\xE5\x8D\x83\xE3\x81\xA8\xE5\x8D\x83\xE5\xB0\x8B", "%E5%8D%83%E3%81%A8%E5%8D%83%E5%B0%8B"},
      {"", ""},
  };
  for (const auto& [in, out] : cases) {
    EXPECT_EQ(PercentEncode(in), out) << in;
    EXPECT_EQ(PercentDecode(out), in) << out;
  }
}

TEST(UrlEncodingTest, DecodeKeepsMalformedEscapes) {
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz%4"), "%zz%4");
  EXPECT_EQ(PercentDecode("%41%42"), "AB");
}

TEST(UrlEncodingTest, RoundTripsEveryByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  const std::string encoded = PercentEncode(all);
  for (char c : encoded) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '%' || c == '-' || c == '.' ||
                c == '_' || c == '~')
        << "unexpected byte in encoded output: " << static_cast<int>(c);
  }
  EXPECT_EQ(PercentDecode(encoded), all);
}

}  // namespace
}  // namespace plexdriver
