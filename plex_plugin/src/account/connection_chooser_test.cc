#include "account/connection_chooser.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "net/fake_transport.h"

namespace plexdriver {
namespace {

std::string IdentityBody(const std::string& machine_identifier) {
  return R"({"MediaContainer":{"size":0,"claimed":true,"machineIdentifier":")" +
         machine_identifier + R"(","version":"1.32.7.7621-871adbd44"}})";
}

ConnectionCandidate Candidate(const std::string& uri, ConnectionKind kind, bool https,
                              const std::string& skip = "") {
  ConnectionCandidate c;
  c.uri = uri;
  c.kind = kind;
  c.https = https;
  c.skip_reason = skip;
  return c;
}

// One scripted server per uri; every transport made is remembered by uri.
class Network {
 public:
  void Serve(const std::string& uri, const std::string& machine_identifier) {
    answers_[uri] = machine_identifier;
  }
  void Refuse(const std::string& uri) { answers_[uri] = ""; }

  CandidateTransportFactory Factory() {
    return [this](const ConnectionCandidate& c) -> std::unique_ptr<HttpTransport> {
      auto t = std::make_unique<FakeTransport>();
      auto it = answers_.find(c.uri);
      if (it == answers_.end() || it->second.empty()) {
        t->OnFailure("GET", "/identity",
                     Status(PD_ERR_UNREACHABLE, "connection refused by " + c.uri));
      } else {
        t->OnBody("GET", "/identity", IdentityBody(it->second));
      }
      std::lock_guard<std::mutex> lock(mutex_);
      made_.push_back(c.uri);
      return t;
    };
  }
  std::vector<std::string> made() {
    std::lock_guard<std::mutex> lock(mutex_);
    return made_;
  }

 private:
  std::map<std::string, std::string> answers_;
  std::mutex mutex_;
  std::vector<std::string> made_;
};

TEST(ConnectionChooserTest, UnreachableLocalFallsBackToRemote) {
  Network net;
  net.Refuse("http://192.168.1.20:32400");
  net.Serve("http://203.0.113.7:32401", "machine-1");
  net.Serve("https://198-51-100-9.h.plex.direct:8443", "machine-1");
  const std::vector<ConnectionCandidate> candidates = {
      Candidate("http://192.168.1.20:32400", ConnectionKind::kLocal, false),
      Candidate("http://203.0.113.7:32401", ConnectionKind::kRemote, false),
      Candidate("https://198-51-100-9.h.plex.direct:8443", ConnectionKind::kRelay, true)};
  ConnectionChoice choice =
      ChooseConnection(candidates, "machine-1", "Office", net.Factory(), {}, {});
  ASSERT_TRUE(choice.chosen.has_value()) << choice.error.message();
  EXPECT_EQ(*choice.chosen, 1u);
  EXPECT_FALSE(choice.outcomes[0].ok);
  EXPECT_EQ(choice.outcomes[0].status, PD_ERR_UNREACHABLE);
  EXPECT_NE(choice.outcomes[0].reason.find("refused"), std::string::npos);
  EXPECT_EQ(choice.outcomes[1].version, "1.32.7.7621-871adbd44");
  EXPECT_TRUE(choice.outcomes[2].ok);  // also proved, but ranked after the remote one
  EXPECT_EQ(net.made().size(), 3u);
}

TEST(ConnectionChooserTest, AnotherMachineIdentifierIsRejectedWithTheIdentifier) {
  Network net;
  net.Serve("http://192.168.1.20:32400", "someone-elses-server");
  net.Serve("http://203.0.113.7:32401", "machine-1");
  const std::vector<ConnectionCandidate> candidates = {
      Candidate("http://192.168.1.20:32400", ConnectionKind::kLocal, false),
      Candidate("http://203.0.113.7:32401", ConnectionKind::kRemote, false)};
  ConnectionChoice choice =
      ChooseConnection(candidates, "machine-1", "Office", net.Factory(), {}, {});
  ASSERT_TRUE(choice.chosen.has_value());
  EXPECT_EQ(*choice.chosen, 1u);
  EXPECT_EQ(choice.outcomes[0].status, PD_ERR_PROTOCOL);
  EXPECT_NE(choice.outcomes[0].reason.find("someone-elses-server"), std::string::npos);
  EXPECT_NE(choice.outcomes[0].reason.find("another Plex server"), std::string::npos);
}

TEST(ConnectionChooserTest, SkippedCandidatesAreNeverTried) {
  Network net;
  net.Serve("http://192.168.1.20:32400", "machine-1");
  net.Serve("https://192-168-1-20.h.plex.direct:32400", "machine-1");
  const std::vector<ConnectionCandidate> candidates = {
      Candidate("https://192-168-1-20.h.plex.direct:32400", ConnectionKind::kLocal, true),
      Candidate("http://192.168.1.20:32400", ConnectionKind::kLocal, false,
                "requires secure connections")};
  ConnectionChoice choice =
      ChooseConnection(candidates, "machine-1", "Office", net.Factory(), {}, {});
  ASSERT_TRUE(choice.chosen.has_value());
  EXPECT_EQ(*choice.chosen, 0u);
  EXPECT_FALSE(choice.outcomes[1].tried);
  EXPECT_EQ(choice.outcomes[1].reason, "requires secure connections");
  EXPECT_EQ(net.made(), std::vector<std::string>{"https://192-168-1-20.h.plex.direct:32400"});
}

TEST(ConnectionChooserTest, NothingProvedNamesEveryFailure) {
  Network net;
  net.Refuse("http://192.168.1.20:32400");
  net.Serve("http://203.0.113.7:32401", "other");
  const std::vector<ConnectionCandidate> candidates = {
      Candidate("http://192.168.1.20:32400", ConnectionKind::kLocal, false),
      Candidate("http://203.0.113.7:32401", ConnectionKind::kRemote, false)};
  ConnectionChoice choice =
      ChooseConnection(candidates, "machine-1", "Office", net.Factory(), {}, {});
  EXPECT_FALSE(choice.chosen.has_value());
  EXPECT_EQ(choice.error.code(), PD_ERR_UNREACHABLE);  // the best-ranked failure's kind
  EXPECT_NE(choice.error.message().find("http://192.168.1.20:32400 (local)"), std::string::npos);
  EXPECT_NE(choice.error.message().find("http://203.0.113.7:32401 (remote)"), std::string::npos);

  ConnectionChoice none =
      ChooseConnection({Candidate("http://x:1", ConnectionKind::kLocal, false, "no")}, "machine-1",
                       "Office", net.Factory(), {}, {});
  EXPECT_FALSE(none.chosen.has_value());
  EXPECT_EQ(none.error.code(), PD_ERR_UNREACHABLE);
  EXPECT_NE(none.error.message().find("no address"), std::string::npos);
}

TEST(ConnectionChooserTest, CancelledBeforeProbingTriesNothing) {
  Network net;
  net.Serve("http://192.168.1.20:32400", "machine-1");
  pd_host host{};
  host.struct_size = sizeof host;
  host.is_cancelled = [](void*, void*) { return 1; };
  HostBridge bridge(&host, "");
  ConnectionChoice choice =
      ChooseConnection({Candidate("http://192.168.1.20:32400", ConnectionKind::kLocal, false)},
                       "machine-1", "Office", net.Factory(), {}, Operation{&bridge, nullptr});
  EXPECT_EQ(choice.error.code(), PD_ERR_CANCELLED);
  EXPECT_TRUE(net.made().empty());
}

}  // namespace
}  // namespace plexdriver
