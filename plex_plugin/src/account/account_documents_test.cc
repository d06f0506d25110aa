#include "account/account_documents.h"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "core/config.h"
#include "core/json_util.h"

namespace plexdriver {
namespace {

Poco::JSON::Object::Ptr Parse(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

PlexResource Office() {
  PlexResource r;
  r.name = "Office";
  r.client_identifier = "m1";
  r.provides = "server";
  r.owned = true;
  r.presence = true;
  r.access_token = "server-secret";
  PlexConnection c;
  c.protocol = "https";
  c.address = "10.0.0.5";
  c.uri = "https://10-0-0-5.h.plex.direct:32400";
  c.local = true;
  r.connections = {c};
  return r;
}

TEST(AccountDocumentsTest, ServersCarryNoToken) {
  PlexResource phone;
  phone.name = "Phone";
  phone.provides = "client";
  phone.access_token = "phone-secret";
  const std::string doc = ServersDocument({Office(), phone});
  EXPECT_EQ(doc.find("secret"), std::string::npos) << doc;
  Poco::JSON::Object::Ptr o = Parse(doc);
  Poco::JSON::Array::Ptr servers = o->getArray("servers");
  ASSERT_EQ(servers->size(), 1u);  // devices that are not servers are left out
  Poco::JSON::Object::Ptr s = servers->getObject(0);
  EXPECT_EQ(s->getValue<std::string>("machine_identifier"), "m1");
  EXPECT_EQ(s->getArray("connections")->getObject(0)->getValue<std::string>("kind"), "local");
}

TEST(AccountDocumentsTest, TokenDocumentsHaveNoTokenButLoginHasIt) {
  PlexUser u;
  u.id = 7;
  u.username = "me";
  u.auth_token = "account-secret";
  EXPECT_EQ(TokenDocument(true, &u, "").find("account-secret"), std::string::npos);
  const std::string login = LoginDocument("account-secret", u, "cid", "pin");
  Poco::JSON::Object::Ptr o = Parse(login);
  EXPECT_EQ(o->getValue<std::string>("token"), "account-secret");
  EXPECT_EQ(o->getObject("user")->getValue<std::string>("username"), "me");
  EXPECT_FALSE(o->getObject("user")->has("auth_token"));
  EXPECT_EQ(Parse(TokenDocument(false, nullptr, "401"))->getValue<bool>("valid"), false);
}

TEST(AccountDocumentsTest, ReadyConfigUsesTheServerTokenAndKeepsTheAccountToken) {
  ConnectionCandidate chosen;
  chosen.host = "10-0-0-5.h.plex.direct";
  chosen.port = 32400;
  chosen.https = true;
  ReadyConfigInputs in;
  in.client_identifier = "cid";
  in.account_token = "account-secret";
  in.plex_tv_url = *ParsePlexTvUrl("http://127.0.0.1:9", "k", PD_ERR_INVALID_ARGUMENT);
  Poco::JSON::Object::Ptr c = ReadyConfig(Office(), chosen, in);
  EXPECT_EQ(c->getValue<std::string>("name"), "Office");
  EXPECT_EQ(c->getValue<std::string>("host"), "10-0-0-5.h.plex.direct");
  EXPECT_TRUE(c->getValue<bool>("use_https"));
  EXPECT_EQ(c->getValue<std::string>("plex_token"), "server-secret");
  EXPECT_EQ(c->getValue<std::string>("plex_account_token"), "account-secret");
  EXPECT_EQ(c->getValue<std::string>("plex_tv_url"), "http://127.0.0.1:9");
  EXPECT_TRUE(c->getValue<bool>("token_keepalive"));
  EXPECT_FALSE(c->has("ca_file"));

  PlexResource no_token = Office();
  no_token.access_token.clear();
  Poco::JSON::Object::Ptr same = ReadyConfig(no_token, chosen, in);
  EXPECT_EQ(same->getValue<std::string>("plex_token"), "account-secret");
  EXPECT_FALSE(same->has("plex_account_token"));
}

TEST(AccountDocumentsTest, ReadyConfigFromAServerNameWithALineBreakIsOneTheDriverTakes) {
  PlexResource server = Office();
  server.name = "Office\r\nX-Evil: 1\t";
  ConnectionCandidate chosen;
  chosen.host = "10.0.0.5";
  chosen.port = 32400;
  ReadyConfigInputs in;
  in.client_identifier = "cid";
  in.account_token = "account-secret";
  in.plex_tv_url = *ParsePlexTvUrl("http://127.0.0.1:9", "k", PD_ERR_INVALID_ARGUMENT);
  const std::string json = ToJson(ReadyConfig(server, chosen, in));
  Result<DriverConfig> config = ParseDriverConfig(json);
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->name, "Office  X-Evil: 1 ");
}

TEST(AccountDocumentsTest, ConnectionDocumentSaysWhatHappenedToEachAddress) {
  ConnectionChoice choice;
  CandidateOutcome skipped;
  skipped.candidate.uri = "http://10.0.0.5:32400";
  skipped.reason = "requires secure connections";
  CandidateOutcome refused;
  refused.candidate.uri = "https://10-0-0-5.h.plex.direct:32400";
  refused.tried = true;
  refused.status = PD_ERR_UNREACHABLE;
  refused.reason = "connection refused";
  CandidateOutcome good;
  good.candidate.uri = "https://203-0-113-7.h.plex.direct:32401";
  good.candidate.kind = ConnectionKind::kRemote;
  good.tried = good.ok = true;
  CandidateOutcome also_good = good;
  also_good.candidate.uri = "https://relay";
  choice.outcomes = {refused, skipped, good, also_good};
  choice.chosen = 2;
  Poco::JSON::Object::Ptr doc =
      Parse(ConnectionDocument(Office(), choice, NewJsonObject(), {"Basement"}));
  Poco::JSON::Array::Ptr c = doc->getArray("candidates");
  EXPECT_EQ(c->getObject(0)->getValue<std::string>("result"), "rejected");
  EXPECT_EQ(c->getObject(0)->getValue<std::string>("status"), "unreachable");
  EXPECT_EQ(c->getObject(1)->getValue<std::string>("result"), "skipped");
  EXPECT_EQ(c->getObject(1)->getValue<std::string>("reason"), "requires secure connections");
  EXPECT_EQ(c->getObject(2)->getValue<std::string>("result"), "chosen");
  EXPECT_EQ(c->getObject(3)->getValue<std::string>("result"), "not_needed");
  EXPECT_EQ(doc->getObject("chosen")->getValue<std::string>("kind"), "remote");
  EXPECT_EQ(doc->getArray("other_servers")->getElement<std::string>(0), "Basement");
  EXPECT_TRUE(doc->get("error").isEmpty());
}

}  // namespace
}  // namespace plexdriver
