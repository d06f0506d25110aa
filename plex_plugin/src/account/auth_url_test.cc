#include "account/auth_url.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(AuthUrlTest, PlexWebAppWithCodeClientAndProduct) {
  EXPECT_EQ(BuildAuthUrl(kDefaultAuthAppUrl, "plexdriver-1f2e", "e0x9rl0a6rbvnjtq", "plexdriver"),
            "https://app.plex.tv/auth#?clientID=plexdriver-1f2e&code=e0x9rl0a6rbvnjtq"
            "&context%5Bdevice%5D%5Bproduct%5D=plexdriver");
}

TEST(AuthUrlTest, ValuesArePercentEncoded) {
  const std::string url = BuildAuthUrl("https://app.plex.tv/auth", "id&x=1", "a b", "Metarr #1");
  EXPECT_NE(url.find("clientID=id%26x%3D1&"), std::string::npos) << url;
  EXPECT_NE(url.find("code=a%20b&"), std::string::npos) << url;
  EXPECT_NE(url.find("product%5D=Metarr%20%231"), std::string::npos) << url;
}

}  // namespace
}  // namespace plexdriver
