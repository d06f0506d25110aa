#include "metadata/image_check.h"

#include <gtest/gtest.h>

#include <string>

namespace plexdriver {
namespace {

std::string Jpeg(size_t body = 100) { return "\xFF\xD8\xFF\xE0" + std::string(body, 'x') + "\xFF\xD9"; }
std::string Png() {
  return std::string("\x89PNG\r\n\x1a\n", 8) + std::string(20, 'p') + std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
}

TEST(ImageCheckTest, WholeImagesOfTheNamedKindPass) {
  EXPECT_EQ(*CheckImage(Jpeg(), "/m/poster.jpg"), ImageFormat::kJpeg);
  EXPECT_EQ(*CheckImage(Jpeg() + std::string(3, '\0'), "/m/poster.JPEG"), ImageFormat::kJpeg);  // padded
  EXPECT_EQ(*CheckImage(Png(), "/m/poster.png"), ImageFormat::kPng);
  EXPECT_EQ(*CheckImage(Png(), "/m/S01E01.tbn"), ImageFormat::kPng);
  EXPECT_STREQ(ImageContentType(ImageFormat::kPng), "image/png");
}

TEST(ImageCheckTest, BadFilesAreRefusedNamingTheFileAndWhy) {
  struct Case {
    std::string bytes, path, expected;
  };
  const std::string cut = Jpeg(5000).substr(0, 3000);
  for (const Case& c : {Case{"", "/m/a.jpg", "is empty (0 bytes)"},
                        Case{cut, "/m/b.jpg", "is a JPEG cut short (3000 bytes"},
                        Case{Png().substr(0, 25), "/m/c.png", "is a PNG cut short"},
                        Case{Png(), "/m/d.jpg", "is a PNG image named .jpg"},
                        Case{Jpeg(), "/m/e.png", "is a JPEG image named .png"},
                        Case{"GIF89a....", "/m/f.jpg", "is not a JPEG or PNG image (it starts with 47 49 46 38"}}) {
    Result<ImageFormat> r = CheckImage(c.bytes, c.path);
    ASSERT_FALSE(r.ok()) << c.path;
    EXPECT_EQ(r.status().code(), PD_ERR_INVALID_ARGUMENT);
    EXPECT_NE(r.status().message().find("\"" + c.path + "\""), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find(c.expected), std::string::npos) << r.status().message();
  }
}

}  // namespace
}  // namespace plexdriver
