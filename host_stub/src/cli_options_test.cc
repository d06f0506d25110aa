#include "cli_options.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

namespace host_stub {
namespace {

bool Parse(std::vector<std::string> args, CliOptions* o, std::string* error) {
  return ParseCli(args, o, error);
}

TEST(CliOptionsTest, OptionsBeforeOrAfterTheCommand) {
  CliOptions a, b;
  std::string error;
  ASSERT_TRUE(Parse({"--driver", "d.so", "--json", "capabilities", "--config", "c.json"}, &a, &error)) << error;
  ASSERT_TRUE(Parse({"capabilities", "--config", "c.json", "--json", "--driver", "d.so"}, &b, &error)) << error;
  for (const CliOptions* o : {&a, &b}) {
    EXPECT_EQ(o->command, "capabilities");
    EXPECT_EQ(o->driver, "d.so");
    EXPECT_EQ(o->config, "c.json");
    EXPECT_TRUE(o->json);
  }
}

TEST(CliOptionsTest, SyncArguments) {
  CliOptions o;
  std::string error;
  ASSERT_TRUE(Parse({"sync", "--config", "c", "/a b/x", "--kind", "added", "/y", "--no-wait",
                     "--dry-run", "--timeout", "2.5", "--full", "--strategy", "refresh", "--force-refresh"},
                    &o, &error))
      << error;
  EXPECT_EQ(o.paths, (std::vector<std::string>{"/a b/x", "/y"}));
  EXPECT_EQ(o.kind, "added");
  EXPECT_FALSE(o.wait);
  EXPECT_TRUE(o.dry_run);
  EXPECT_TRUE(o.full_scan);
  EXPECT_DOUBLE_EQ(*o.timeout_seconds, 2.5);

  Poco::JSON::Object::Ptr doc =
      Poco::JSON::Parser().parse(BuildSyncRequest(o)).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(doc->getValue<int>("schema_version"), 1);
  Poco::JSON::Array::Ptr changes = doc->getArray("changes");
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ(changes->getObject(0)->getValue<std::string>("path"), "/a b/x");
  EXPECT_EQ(changes->getObject(0)->getValue<std::string>("kind"), "added");
  Poco::JSON::Object::Ptr options = doc->getObject("options");
  EXPECT_FALSE(options->getValue<bool>("wait"));
  EXPECT_TRUE(options->getValue<bool>("dry_run"));
  EXPECT_TRUE(options->getValue<bool>("full_scan"));
  EXPECT_DOUBLE_EQ(options->getValue<double>("timeout_seconds"), 2.5);
  EXPECT_EQ(options->getValue<std::string>("strategy"), "refresh");
  EXPECT_TRUE(options->getValue<bool>("force_refresh"));
}

TEST(CliOptionsTest, PathsWithQuotesAndUnicodeSurviveTheRequest) {
  CliOptions o;
  std::string error;
  ASSERT_TRUE(Parse({"sync", "--config", "c", "/m/\"Quoted\" \\ Am\xC3\xA9lie"}, &o, &error));
  Poco::JSON::Object::Ptr doc =
      Poco::JSON::Parser().parse(BuildSyncRequest(o)).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(doc->getArray("changes")->getObject(0)->getValue<std::string>("path"),
            "/m/\"Quoted\" \\ Am\xC3\xA9lie");
  EXPECT_FALSE(doc->getObject("options")->has("timeout_seconds"));  // the driver's default
}

TEST(CliOptionsTest, ErrorsNameTheArgument) {
  struct Case {
    std::vector<std::string> args;
    const char* needle;
  };
  const Case cases[] = {
      {{}, "no command"},
      {{"frobnicate"}, "unknown command \"frobnicate\""},
      {{"info", "--bogus"}, "unknown option --bogus"},
      {{"info", "extra"}, "unexpected argument \"extra\""},
      {{"test-connection"}, "test-connection needs --config"},
      {{"sync", "--config", "c"}, "at least one PATH"},
      {{"sync", "--config", "c", "/x", "--kind", "modified"}, "--kind must be"},
      {{"sync", "--config", "c", "/x", "--timeout", "soon"}, "--timeout needs a positive number"},
      {{"sync", "--config", "c", "/x", "--timeout", "-1"}, "--timeout needs a positive number"},
      {{"info", "--driver"}, "--driver needs a value"},
      {{"sync", "--config", "c", "/x", "--strategy", "maybe"}, "--strategy must be"},
      {{"find", "--config", "c"}, "find needs a PATH"},
      {{"find", "--config", "c", "/a", "/b"}, "unexpected argument \"/b\""},
      {{"find", "/a"}, "find needs --config"},
  };
  for (const Case& c : cases) {
    CliOptions o;
    std::string error;
    EXPECT_FALSE(ParseCli(c.args, &o, &error)) << c.needle;
    EXPECT_NE(error.find(c.needle), std::string::npos) << "got: " << error;
  }
  CliOptions help;
  std::string error;
  ASSERT_TRUE(ParseCli({"--help"}, &help, &error));
  EXPECT_EQ(help.command, "help");
  EXPECT_NE(std::string(UsageText()).find("exit codes"), std::string::npos);
}

TEST(CliOptionsTest, EventCommands) {
  CliOptions o;
  std::string error;
  ASSERT_TRUE(Parse({"listen", "--config", "c", "--port", "0", "--bind", "0.0.0.0", "--path", "/hook",
                     "--count", "3", "--seconds", "1.5"}, &o, &error)) << error;
  EXPECT_EQ(o.command, "listen");
  EXPECT_EQ(o.port, 0);
  EXPECT_EQ(o.bind, "0.0.0.0");
  EXPECT_EQ(o.webhook_path, "/hook");
  EXPECT_EQ(*o.count, 3);
  EXPECT_DOUBLE_EQ(*o.seconds, 1.5);
  ASSERT_TRUE(Parse({"watch", "--config", "c"}, &o, &error)) << error;
  EXPECT_FALSE(o.seconds);
  ASSERT_TRUE(Parse({"sessions", "--config", "c", "--json"}, &o, &error)) << error;
  for (const auto& [args, message] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"watch"}, "watch needs --config FILE"},
           {{"listen", "--config", "c", "--port", "70000"}, "--port needs a port 0-65535, not \"70000\""},
           {{"watch", "--config", "c", "--count", "0"}, "--count needs a positive integer, not \"0\""},
           {{"watch", "--config", "c", "--seconds", "soon"}, "--seconds needs a positive number of seconds, not \"soon\""},
           {{"listen", "--config", "c", "--path", "hook"}, "--path must start with /, not \"hook\""},
           {{"sync", "--config", "c", "/x", "--skip-active", "always"},
            "--skip-active must be never, any, section or item, not \"always\""}}) {
    CliOptions bad;
    EXPECT_FALSE(Parse(args, &bad, &error));
    EXPECT_EQ(error, message);
  }
}

TEST(CliOptionsTest, SkipActiveGoesIntoTheRequest) {
  CliOptions o;
  std::string error;
  ASSERT_TRUE(Parse({"sync", "--config", "c", "/x", "--skip-active", "item"}, &o, &error)) << error;
  auto doc = Poco::JSON::Parser().parse(BuildSyncRequest(o)).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(doc->getObject("options")->getValue<std::string>("skip_active"), "item");
  ASSERT_TRUE(Parse({"sync", "--config", "c", "/x"}, &o, &error)) << error;
  doc = Poco::JSON::Parser().parse(BuildSyncRequest(o)).extract<Poco::JSON::Object::Ptr>();
  EXPECT_FALSE(doc->getObject("options")->has("skip_active"));
}

TEST(CliOptionsTest, PushAndLockGoIntoTheRequestOnlyWhenGiven) {
  auto options_of = [](std::vector<std::string> args) {
    CliOptions o;
    std::string error;
    EXPECT_TRUE(ParseCli(args, &o, &error)) << error;
    return Poco::JSON::Parser().parse(BuildSyncRequest(o)).extract<Poco::JSON::Object::Ptr>()->getObject("options");
  };
  Poco::JSON::Object::Ptr o = options_of({"sync", "--config", "c", "/x", "--push-artwork", "--lock-fields"});
  EXPECT_EQ(o->getValue<std::string>("artwork_mode"), "push");
  EXPECT_TRUE(o->getValue<bool>("lock_fields"));
  EXPECT_FALSE(o->has("unlock_fields"));
  o = options_of({"sync", "--config", "c", "/x", "--artwork-mode", "refresh", "--no-lock-fields", "--unlock"});
  EXPECT_EQ(o->getValue<std::string>("artwork_mode"), "refresh");
  EXPECT_FALSE(o->getValue<bool>("lock_fields"));
  EXPECT_TRUE(o->getValue<bool>("unlock_fields"));
  o = options_of({"sync", "--config", "c", "/x"});  // the instance's config decides
  EXPECT_FALSE(o->has("artwork_mode"));
  EXPECT_FALSE(o->has("lock_fields"));

  CliOptions bad;
  std::string error;
  EXPECT_FALSE(ParseCli({"sync", "--config", "c", "/x", "--artwork-mode", "upload"}, &bad, &error));
  EXPECT_EQ(error, "--artwork-mode must be auto, refresh or push, not \"upload\"");
}

TEST(CliOptionsTest, FollowNeedsNoWait) {
  CliOptions o;
  std::string error;
  ASSERT_TRUE(Parse({"sync", "--config", "c", "/x", "--no-wait", "--follow"}, &o, &error)) << error;
  EXPECT_TRUE(o.follow);
  EXPECT_FALSE(o.wait);
  EXPECT_FALSE(Parse({"sync", "--config", "c", "/x", "--follow"}, &o, &error));
  EXPECT_EQ(error, "--follow needs --no-wait: it follows queued changes (a sync that waits reports every outcome "
                   "itself)");
  EXPECT_FALSE(Parse({"sync", "--config", "c", "/x", "--no-wait", "--follow", "--dry-run"}, &o, &error));
  EXPECT_EQ(error, "--follow cannot follow a --dry-run: a dry run queues nothing");
  EXPECT_FALSE(Parse({"watch", "--config", "c", "--follow"}, &o, &error));
  EXPECT_EQ(error, "--follow is a sync option, not one for watch");
  EXPECT_FALSE(Parse({"find", "--config", "c", "/x", "--id", "a"}, &o, &error));
  EXPECT_EQ(error, "--id is a sync option, not one for find");
  EXPECT_FALSE(Parse({"sync", "--config", "c", "/x", "--id", ""}, &o, &error));
  EXPECT_EQ(error, "--id needs a non-empty id");
  EXPECT_NE(std::string(UsageText()).find("--follow"), std::string::npos);
  EXPECT_NE(std::string(UsageText()).find("130"), std::string::npos);
}

TEST(CliOptionsTest, IdsGoIntoTheRequest) {
  auto ids_of = [](std::vector<std::string> args) {
    CliOptions o;
    std::string error;
    EXPECT_TRUE(ParseCli(args, &o, &error)) << error;
    Poco::JSON::Array::Ptr changes =
        Poco::JSON::Parser().parse(BuildSyncRequest(o)).extract<Poco::JSON::Object::Ptr>()->getArray("changes");
    std::vector<std::string> ids;
    for (size_t i = 0; i < changes->size(); ++i) {
      Poco::JSON::Object::Ptr c = changes->getObject(static_cast<unsigned>(i));
      ids.push_back(c->has("id") ? c->getValue<std::string>("id") : "(none)");
    }
    return ids;
  };
  EXPECT_EQ(ids_of({"sync", "--config", "c", "/x", "--id", "job-7"}), (std::vector<std::string>{"job-7"}));
  EXPECT_EQ(ids_of({"sync", "--config", "c", "--id", "job-7", "/x", "/y", "/z"}),
            (std::vector<std::string>{"job-7-1", "job-7-2", "job-7-3"}));
  EXPECT_EQ(ids_of({"sync", "--config", "c", "/x", "/y"}), (std::vector<std::string>{"(none)", "(none)"}));
}

TEST(CliOptionsTest, DefaultFollowSecondsComeFromTheConfig) {
  EXPECT_DOUBLE_EQ(DefaultFollowSeconds(R"({"host":"h"})"), 5 + 600 + 60);
  EXPECT_DOUBLE_EQ(DefaultFollowSeconds(R"({"debounce_seconds":0.5,"queued_timeout_seconds":30})"), 90.5);
  EXPECT_DOUBLE_EQ(DefaultFollowSeconds(R"({"debounce_seconds":"x","queued_timeout_seconds":-1})"), 665);
  EXPECT_DOUBLE_EQ(DefaultFollowSeconds("not json"), 665);
  EXPECT_DOUBLE_EQ(DefaultFollowSeconds("[1]"), 665);
}

}  // namespace
}  // namespace host_stub

namespace host_stub {
namespace {

TEST(CliOptionsTest, ProviderCommands) {
  CliOptions o;
  std::string error;
  ASSERT_TRUE(ParseCli({"serve-provider", "--config", "c", "--port", "0", "--bind", "0.0.0.0"}, &o, &error)) << error;
  EXPECT_EQ(o.command, "serve-provider");
  EXPECT_EQ(o.port, 0);
  EXPECT_EQ(o.bind, "0.0.0.0");
  ASSERT_TRUE(ParseCli({"serve-provider", "--config", "c"}, &o, &error)) << error;
  EXPECT_EQ(o.bind, "127.0.0.1");
  ASSERT_TRUE(ParseCli({"provider-check", "/m/Heat (1995)", "--config", "c", "--json"}, &o, &error)) << error;
  EXPECT_EQ(o.command, "provider-check");
  ASSERT_EQ(o.paths.size(), 1u);
  EXPECT_EQ(o.paths[0], "/m/Heat (1995)");
  EXPECT_TRUE(o.json);
  for (const auto& [args, message] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"serve-provider"}, "serve-provider needs --config FILE"},
           {{"serve-provider", "--config", "c", "--port", "x"}, "--port needs a port 0-65535, not \"x\""},
           {{"serve-provider", "--config", "c", "--port", "65536"}, "--port needs a port 0-65535"},
           {{"serve-provider", "--config", "c", "/extra"}, "unexpected argument \"/extra\" for serve-provider"},
           {{"provider-check", "/m/x"}, "provider-check needs --config FILE"},
           {{"provider-check", "--config", "c"}, "provider-check needs a PATH"},
           {{"provider-check", "--config", "c", "/a", "/b"}, "unexpected argument \"/b\""},
       }) {
    EXPECT_FALSE(ParseCli(args, &o, &error)) << message;
    EXPECT_NE(error.find(message), std::string::npos) << "got: " << error;
  }
  const std::string usage = UsageText();
  EXPECT_NE(usage.find("serve-provider"), std::string::npos);
  EXPECT_NE(usage.find("14 provider-check"), std::string::npos);
}

}  // namespace
}  // namespace host_stub
