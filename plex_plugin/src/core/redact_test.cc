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

TEST(RedactTest, LeavesOrdinaryTextAlone) {
  EXPECT_EQ(Redact("nothing secret here", "s3cr3t"), "nothing secret here");
  EXPECT_EQ(Redact("", "x"), "");
  EXPECT_EQ(Redact("X-Plex-Token", ""), "X-Plex-Token");
}

}  // namespace
}  // namespace plexdriver
