#include "account/connection_order.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

PlexConnection Conn(const std::string& protocol, const std::string& address, int port,
                    const std::string& uri, bool local, bool relay) {
  PlexConnection c;
  c.protocol = protocol;
  c.address = address;
  c.port = port;
  c.uri = uri;
  c.local = local;
  c.relay = relay;
  return c;
}

PlexResource Server(bool owned, bool https_required) {
  PlexResource r;
  r.name = "Office";
  r.client_identifier = "m";
  r.provides = "server";
  r.owned = owned;
  r.https_required = https_required;
  // plex.tv's order is not the order to try: relay first, remote, then local.
  r.connections = {
      Conn("https", "198.51.100.9", 8443, "https://198-51-100-9.h.plex.direct:8443", false, true),
      Conn("https", "203.0.113.7", 32401, "https://203-0-113-7.h.plex.direct:32401", false, false),
      Conn("https", "192.168.1.20", 32400, "https://192-168-1-20.h.plex.direct:32400", true, false),
  };
  return r;
}

std::vector<std::string> Uris(const std::vector<ConnectionCandidate>& cs, bool with_skipped) {
  std::vector<std::string> out;
  for (const ConnectionCandidate& c : cs) {
    if (with_skipped || !c.skipped()) out.push_back(c.uri);
  }
  return out;
}

TEST(ConnectionOrderTest, LocalThenRemoteThenRelayHttpsFirst) {
  const std::vector<ConnectionCandidate> order = OrderConnections(Server(true, false), {});
  EXPECT_EQ(Uris(order, false), (std::vector<std::string>{
                                    "https://192-168-1-20.h.plex.direct:32400",
                                    "http://192.168.1.20:32400",
                                    "https://203-0-113-7.h.plex.direct:32401",
                                    "http://203.0.113.7:32401",
                                    "https://198-51-100-9.h.plex.direct:8443",
                                }));
  EXPECT_EQ(order[0].kind, ConnectionKind::kLocal);
  EXPECT_TRUE(order[0].https);
  EXPECT_EQ(order[0].host, "192-168-1-20.h.plex.direct");
  EXPECT_EQ(order[0].port, 32400);
  EXPECT_FALSE(order[1].https);
  EXPECT_EQ(order[1].host, "192.168.1.20");
  EXPECT_EQ(order[4].kind, ConnectionKind::kRelay);
}

TEST(ConnectionOrderTest, HttpsRequiredSkipsPlainHttpWithAReason) {
  const std::vector<ConnectionCandidate> order = OrderConnections(Server(true, true), {});
  EXPECT_EQ(Uris(order, false), (std::vector<std::string>{
                                    "https://192-168-1-20.h.plex.direct:32400",
                                    "https://203-0-113-7.h.plex.direct:32401",
                                    "https://198-51-100-9.h.plex.direct:8443",
                                }));
  ASSERT_EQ(order.size(), 5u);  // the skipped ones stay listed at their place
  EXPECT_EQ(order[1].uri, "http://192.168.1.20:32400");
  EXPECT_NE(order[1].skip_reason.find("requires secure connections"), std::string::npos);
}

TEST(ConnectionOrderTest, SharedServersSkipLocalAddressesAndRelaysCanBeTurnedOff) {
  ConnectionOrderOptions no_relay;
  no_relay.allow_relay = false;
  const std::vector<ConnectionCandidate> order = OrderConnections(Server(false, false), no_relay);
  EXPECT_EQ(Uris(order, false), (std::vector<std::string>{
                                    "https://203-0-113-7.h.plex.direct:32401",
                                    "http://203.0.113.7:32401",
                                }));
  for (const ConnectionCandidate& c : order) {
    if (c.kind == ConnectionKind::kLocal) {
      EXPECT_NE(c.skip_reason.find("shared server"), std::string::npos);
    }
    if (c.kind == ConnectionKind::kRelay) {
      EXPECT_NE(c.skip_reason.find("allow_relay"), std::string::npos);
    }
  }
}

TEST(ConnectionOrderTest, HttpOnlyListingsAndDuplicatesAndIpv6) {
  PlexResource r;
  r.owned = true;
  r.connections = {Conn("http", "10.0.0.5", 32400, "http://10.0.0.5:32400", true, false),
                   Conn("http", "10.0.0.5", 32400, "http://10.0.0.5:32400", true, false),
                   Conn("http", "2001:db8::5", 32400, "http://[2001:db8::5]:32400", false, false),
                   Conn("http", "", 0, "not a url", false, false)};
  const std::vector<ConnectionCandidate> order = OrderConnections(r, {});
  EXPECT_EQ(Uris(order, true),
            (std::vector<std::string>{"http://10.0.0.5:32400", "http://[2001:db8::5]:32400",
                                      "not a url"}));
  EXPECT_EQ(order[1].host, "2001:db8::5");
  EXPECT_TRUE(order[2].skipped());
}

}  // namespace
}  // namespace plexdriver
