// SPDX-License-Identifier: MIT
#include "core/public_host.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(PublicHostTest, HostsOfUrls) {
  EXPECT_EQ(HostOfUrl("https://Metarr.Example.com:8443/pd"), "metarr.example.com");
  EXPECT_EQ(HostOfUrl("http://user:pw@10.0.0.5/x"), "10.0.0.5");
  EXPECT_EQ(HostOfUrl("http://[FD00::1]:7979/pd"), "fd00::1");
  EXPECT_EQ(HostOfUrl("http://nas?x=1"), "nas");
  EXPECT_EQ(HostOfUrl("/movies/images/0/a.jpg"), "");
}

TEST(PublicHostTest, LocalAddressesAndNamesAreNotPublic) {
  for (const char* local : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.20", "169.254.9.9",
                            "100.64.0.1", "100.127.1.1", "0.0.0.0", "::1", "fd12:3456::1", "fe80::1", "localhost",
                            "nas", "nas.local", "plex.lan", "media.home", "box.internal", "srv.localdomain",
                            "x.home.arpa", "192-168-1-20.0123456789abcdef.plex.direct"}) {
    EXPECT_FALSE(IsPublicHost(local)) << local;
  }
}

TEST(PublicHostTest, EverythingElseIsPublic) {
  for (const char* public_host : {"metarr.example.com", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
                                  "2001:db8::1", "81-2-3-4.0123456789abcdef.plex.direct", "LOCAL.example.org"}) {
    EXPECT_TRUE(IsPublicHost(public_host)) << public_host;
  }
  EXPECT_TRUE(IsPublicHost("256.1.1.1.example"));  // no address: a name with dots
}

}  // namespace
}  // namespace plexdriver
