#include "core/redact.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(RedactTest, RemovesTheSecretEverywhere) {
  EXPECT_EQ(Redact("token abc and abc again", "abc"), "token <redacted> and <redacted> again");
}

TEST(RedactTest, RemovesTokenQueryParametersAndHeaders) {
  EXPECT_EQ(Redact("GET /x?a=1&X-Plex-Token=zz9&b=2", ""),
            "GET /x?a=1&X-Plex-Token=<redacted>&b=2");
  EXPECT_EQ(Redact("x-plex-token: qq\r\nAccept: */*", ""), "x-plex-token: <redacted>\r\nAccept: */*");
  EXPECT_EQ(Redact("ws://h/:/websockets/notifications?X-Plex-Token=abc", "abc"),
            "ws://h/:/websockets/notifications?X-Plex-Token=<redacted>");
}

// A real token (~20 characters) is removed wherever it appears, even inside other text; a very
// short one only where it stands alone, so it does not take letters out of ordinary words.
TEST(RedactTest, ShortSecretsOnlyWhereTheyStandAlone) {
  EXPECT_EQ(Redact("checking that the token t works", "t"), "checking that the token <redacted> works");
  EXPECT_EQ(Redact("x=%3Dq9ZcLbT4xYw2vK7mNp8A", "q9ZcLbT4xYw2vK7mNp8A"), "x=%3D<redacted>");
  EXPECT_EQ(Redact("abcTOKEN12345678xyz", "TOKEN12345678"), "abc<redacted>xyz");
}

// Several secrets (an instance's token and the resource tokens of its account) in one pass.
TEST(RedactTest, EverySecretOfAListAndTheTokenParameters) {
  const std::vector<std::string> secrets{"ADMINTOKEN123456", "", "resource-token-987654"};
  EXPECT_EQ(Redact("a ADMINTOKEN123456 b resource-token-987654 c ?X-Plex-Token=other", secrets),
            "a <redacted> b <redacted> c ?X-Plex-Token=<redacted>");
  EXPECT_EQ(Redact("?X-Plex-Token=ADMINTOKEN123456&x=1", secrets), "?X-Plex-Token=<redacted>&x=1");
  EXPECT_EQ(Redact("nothing here", std::vector<std::string>{}), "nothing here");
}

TEST(RedactTest, LeavesOrdinaryTextAlone) {
  EXPECT_EQ(Redact("nothing secret here", "s3cr3t"), "nothing secret here");
  EXPECT_EQ(Redact("", "x"), "");
  EXPECT_EQ(Redact("X-Plex-Token", ""), "X-Plex-Token");
}

}  // namespace
}  // namespace plexdriver
