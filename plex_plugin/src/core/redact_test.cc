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

TEST(RedactTest, LeavesOrdinaryTextAlone) {
  EXPECT_EQ(Redact("nothing secret here", "s3cr3t"), "nothing secret here");
  EXPECT_EQ(Redact("", "x"), "");
  EXPECT_EQ(Redact("X-Plex-Token", ""), "X-Plex-Token");
}

}  // namespace
}  // namespace plexdriver
