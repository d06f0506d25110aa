#include "core/utf8.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_FALSE(FirstInvalidUtf8(""));
  EXPECT_FALSE(FirstInvalidUtf8("plain /data/movies"));
  EXPECT_FALSE(FirstInvalidUtf8("Am\xC3\xA9lie (2001)"));           // é NFC
  EXPECT_FALSE(FirstInvalidUtf8("Ame\xCC\x81lie"));                  // e + combining acute (NFD)
  EXPECT_FALSE(FirstInvalidUtf8("\xE5\x8D\x83\xE3\x81\xA8\xE5\x8D\x83\xE5\xB0\x8B"));  // CJK
  EXPECT_FALSE(FirstInvalidUtf8("\xF0\x9F\x8E\xAC"));               // emoji
}

TEST(Utf8Test, FindsTheFirstBadByte) {
  EXPECT_EQ(*FirstInvalidUtf8("ab\xFF"), 2u);
  EXPECT_EQ(*FirstInvalidUtf8("a\xC3"), 1u);              // truncated sequence
  EXPECT_EQ(*FirstInvalidUtf8("\xC0\xAF"), 0u);           // overlong '/'
  EXPECT_EQ(*FirstInvalidUtf8("x\xED\xA0\x80"), 1u);      // surrogate
  EXPECT_EQ(*FirstInvalidUtf8("\xF4\x90\x80\x80"), 0u);   // past U+10FFFF
  EXPECT_EQ(*FirstInvalidUtf8("\xC3\x28"), 0u);           // bad continuation
}

TEST(Utf8Test, ReplacesStrayBytesWithTheReplacementCharacter) {
  EXPECT_EQ(ToValidUtf8("Am\xC3\xA9lie"), "Am\xC3\xA9lie");  // valid text is unchanged
  EXPECT_EQ(ToValidUtf8(""), "");
  EXPECT_EQ(ToValidUtf8("caf\xE9 (Latin-1)"), "caf\xEF\xBF\xBD (Latin-1)");
  EXPECT_EQ(ToValidUtf8("a\xC3"), "a\xEF\xBF\xBD");                     // cut in the middle
  EXPECT_EQ(ToValidUtf8("\xED\xA0\x80x"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx");  // surrogate
  EXPECT_EQ(ToValidUtf8("\xFF\xC3\xA9\xFE"), "\xEF\xBF\xBD\xC3\xA9\xEF\xBF\xBD");
  EXPECT_FALSE(FirstInvalidUtf8(ToValidUtf8("\xC0\xAF\xF4\x90\x80\x80\xC3\x28")));
}

TEST(VisibleAsciiTest, PrintableAsciiWithoutSpaces) {
  EXPECT_TRUE(IsVisibleAscii("abc-DEF_123~!"));
  EXPECT_TRUE(IsVisibleAscii(""));
  EXPECT_FALSE(IsVisibleAscii("two words"));
  EXPECT_FALSE(IsVisibleAscii("tab\there"));
  EXPECT_FALSE(IsVisibleAscii("del\x7f"));
  EXPECT_FALSE(IsVisibleAscii("caf\xc3\xa9"));
}

TEST(Utf8Test, ControlCharactersAreWhatCouldSplitAHeader) {
  EXPECT_FALSE(HasControlCharacter("Living Room NAS"));
  EXPECT_FALSE(HasControlCharacter("Caf\xc3\xa9 \xe2\x80\x94 Plex"));  // UTF-8 is not control
  EXPECT_FALSE(HasControlCharacter(""));
  EXPECT_TRUE(HasControlCharacter("NAS\r\nX-Evil: 1"));
  EXPECT_TRUE(HasControlCharacter("tab\there"));
  EXPECT_TRUE(HasControlCharacter(std::string("nul\0x", 5)));
  EXPECT_TRUE(HasControlCharacter("del\x7f"));
}

}  // namespace
}  // namespace plexdriver
