// ABI conformance: loading good and bad drivers through host_stub's loader (the code a host
// uses), the real host_stub binary's exit codes, negotiation, older/smaller structs, the
// exception barrier, and the Plex driver's config validation through the C entry points.
#include <dlfcn.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "driver_loader.h"
#include "player_driver/player_driver.h"

namespace {

using host_stub::DriverLibrary;
using host_stub::LoadError;
using host_stub::LoadErrorKind;

int RunCommand(const std::string& command, std::string* output) {
  output->clear();
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output->append(buf, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string HostStub() { return HOST_STUB_PATH; }

std::string WriteTemp(const std::string& name, const std::string& content) {
  const std::string path = std::string(ABI_TEST_TMP) + "/" + name;
  std::ofstream(path) << content;
  return path;
}

void Append(void* ctx, const char* data, size_t size) { static_cast<std::string*>(ctx)->append(data, size); }

pd_error NewError() {
  pd_error e{};
  e.struct_size = sizeof e;
  return e;
}

// One entry point called with a fresh pd_error: its name, what it returned, what it wrote.
struct RecordedCall {
  const char* name;
  pd_status status;
  pd_error err;
};

template <typename Fn>
RecordedCall Record(const char* name, Fn&& call) {
  RecordedCall c{name, PD_OK, NewError()};
  c.status = call(&c.err);
  return c;
}

// --- loading through the host's loader ---

TEST(DriverLoaderTest, MinimalCDriverFromTheFrozenHeaderLoads) {
  LoadError error;
  auto lib = DriverLibrary::Load(MINIMAL_C_DRIVER, &error);
  ASSERT_TRUE(lib) << error.message;
  EXPECT_EQ(lib->info().id, "org.example.minimal-c");
  EXPECT_EQ(lib->info().abi_major, 1u);
  EXPECT_EQ(lib->info().negotiated_minor, 0u);
  pd_instance* instance = nullptr;
  pd_error err = NewError();
  ASSERT_EQ(lib->api().create(nullptr, "{}", &instance, &err), PD_OK) << err.message;
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, Append};
  EXPECT_EQ(lib->api().capabilities(instance, &sink, &err), PD_OK);
  EXPECT_NE(doc.find("\"sync\":false"), std::string::npos);
  EXPECT_EQ(lib->api().sync(instance, "{}", nullptr, &sink, &err), PD_ERR_UNSUPPORTED);
  EXPECT_NE(std::string(err.message).find("cannot sync"), std::string::npos);
  lib->api().destroy(instance);
}

TEST(DriverLoaderTest, EachFailureHasItsOwnKind) {
  const std::string not_a_library = WriteTemp("not-a-library.so", "this is text, not ELF\n");
  struct Case {
    std::string path;
    LoadErrorKind kind;
    const char* needle;
  };
  const Case cases[] = {
      {"/nonexistent/driver.so", LoadErrorKind::kOpenFailed, "no such file"},
      {not_a_library, LoadErrorKind::kOpenFailed, "cannot open driver"},
      {BAD_NO_ENTRY, LoadErrorKind::kMissingEntry, "player_driver_entry"},
      {BAD_NULL_ENTRY, LoadErrorKind::kInvalidEntry, "returned NULL"},
      {BAD_WRONG_MAJOR, LoadErrorKind::kIncompatible, "ABI 2."},
      {BAD_REFUSES, LoadErrorKind::kIncompatible, "refused"},
      {BAD_NO_INTERFACE, LoadErrorKind::kMissingInterface, "pd.driver/1"},
  };
  for (const Case& c : cases) {
    LoadError error;
    EXPECT_FALSE(DriverLibrary::Load(c.path, &error)) << c.path;
    EXPECT_EQ(error.kind, c.kind) << c.path << ": " << error.message;
    EXPECT_NE(error.message.find(c.needle), std::string::npos) << error.message;
  }
}

TEST(DriverLoaderTest, NewerDriverWithLargerStructsLoadsAtTheHostsMinor) {
  LoadError error;
  auto lib = DriverLibrary::Load(FUTURE_MINOR_DRIVER, &error);
  ASSERT_TRUE(lib) << error.message;
  EXPECT_EQ(lib->info().abi_minor, 7u);
  EXPECT_EQ(lib->info().negotiated_minor, static_cast<uint32_t>(PD_ABI_MINOR));
  EXPECT_GT(lib->info().entry_size, sizeof(pd_entry));  // the host copied only what it knows
}

// --- the real host_stub binary ---

TEST(HostStubTest, ExitCodesPerFailure) {
  std::string out;
  struct Case {
    std::string args;
    int code;
    const char* needle;
  };
  const std::string config = WriteTemp("minimal.json", "{\"host\":\"x\"}");
  const std::string bad_json = WriteTemp("bad.json", "{not json");
  const Case cases[] = {
      {"info --driver " + std::string(MINIMAL_C_DRIVER), 0, "org.example.minimal-c"},
      {"capabilities --driver " + std::string(MINIMAL_C_DRIVER), 0, "minimal-c"},
      {"sync --driver " + std::string(MINIMAL_C_DRIVER) + " --config " + config + " /x", 9, "unsupported"},
      // A 1.0 driver has no find (its interface struct ends before it): reported, not called.
      {"find --driver " + std::string(MINIMAL_C_DRIVER) + " --config " + config + " /x", 9, "ABI 1.1"},
      {"info --driver /nonexistent/driver.so", 3, "open_failed"},
      {"info --driver " + std::string(BAD_NO_ENTRY), 4, "missing_entry"},
      {"info --driver " + std::string(BAD_WRONG_MAJOR), 5, "incompatible_abi"},
      {"capabilities --driver " + std::string(THROWING_DRIVER), 7, "internal"},
      {"test-connection --driver " + std::string(MINIMAL_C_DRIVER) + " --config /nonexistent.json", 2, "cannot read config"},
      {"test-connection --driver " + std::string(MINIMAL_C_DRIVER) + " --config " + bad_json, 2, "not valid JSON"},
      {"frobnicate", 1, "unknown command"},
      {"--help", 0, "exit codes"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RunCommand(HostStub() + " " + c.args, &out), c.code) << c.args << "\n" << out;
    EXPECT_NE(out.find(c.needle), std::string::npos) << c.args << "\n" << out;
  }
}

#ifdef PLEX_DRIVER_PATH
TEST(HostStubTest, PlexDriverRefusesABadConfigNamingTheKey) {
  std::string out;
  const std::string config = WriteTemp("bad-port.json", R"({"host":"127.0.0.1","port":"abc","plex_token":"t0k3n-secret"})");
  EXPECT_EQ(RunCommand(HostStub() + " capabilities --driver " PLEX_DRIVER_PATH " --config " + config, &out), 6) << out;
  EXPECT_NE(out.find("port"), std::string::npos) << out;
  EXPECT_EQ(out.find("t0k3n-secret"), std::string::npos) << out;
}
#endif

// --- the exception barrier ---

TEST(ThrowingDriverTest, EveryEntryPointReturnsACodeAndAMessage) {
  LoadError error;
  auto lib = DriverLibrary::Load(THROWING_DRIVER, &error);
  ASSERT_TRUE(lib) << error.message;
  const pd_driver& d = lib->api();
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, Append};
  pd_instance* instance = reinterpret_cast<pd_instance*>(0x1);  // never dereferenced
  std::vector<RecordedCall> calls;
  auto record = [&](const char* name, auto fn) { calls.push_back(Record(name, fn)); };
  pd_instance* created = nullptr;
  record("create", [&](pd_error* e) { return d.create(nullptr, "{}", &created, e); });
  record("connect", [&](pd_error* e) { return d.connect(instance, nullptr, e); });
  record("capabilities", [&](pd_error* e) { return d.capabilities(instance, &sink, e); });
  record("test_connection", [&](pd_error* e) { return d.test_connection(instance, nullptr, &sink, e); });
  record("sync", [&](pd_error* e) { return d.sync(instance, "{}", nullptr, &sink, e); });
  record("find", [&](pd_error* e) { return d.find(instance, "/x", nullptr, &sink, e); });
  record("sessions", [&](pd_error* e) { return d.sessions(instance, nullptr, &sink, e); });
  record("handle_webhook", [&](pd_error* e) { return d.handle_webhook(instance, "multipart/form-data", "x", 1, &sink, e); });
  d.destroy(instance);  // throws inside; must return normally
  EXPECT_EQ(created, nullptr);
  for (const RecordedCall& c : calls) {
    EXPECT_EQ(c.status, PD_ERR_INTERNAL) << c.name;
    EXPECT_EQ(c.err.status, PD_ERR_INTERNAL) << c.name;
    EXPECT_EQ(std::string(c.err.message).rfind(c.name, 0), 0u) << c.err.message;
  }
  EXPECT_NE(std::string(calls[0].err.message).find("boom in create"), std::string::npos);
  EXPECT_NE(std::string(calls[1].err.message).find("out of memory"), std::string::npos);
  EXPECT_NE(std::string(calls[2].err.message).find("unknown exception"), std::string::npos);
}

TEST(ThrowingDriverTest, EveryAccountEntryPointReturnsACodeAndAMessage) {
  LoadError error;
  auto lib = DriverLibrary::Load(THROWING_DRIVER, &error);
  ASSERT_TRUE(lib) << error.message;
  const auto* a = static_cast<const pd_account*>(lib->Interface(PD_ACCOUNT_INTERFACE_ID));
  ASSERT_NE(a, nullptr);
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, Append};
  pd_account_client* client = reinterpret_cast<pd_account_client*>(0x1);  // never dereferenced
  std::vector<RecordedCall> calls;
  auto record = [&](const char* name, auto fn) { calls.push_back(Record(name, fn)); };
  pd_account_client* created = client;
  record("account create", [&](pd_error* e) { return a->create(nullptr, "{}", &created, e); });
  record("start_pin", [&](pd_error* e) { return a->start_pin(client, nullptr, &sink, e); });
  record("check_pin", [&](pd_error* e) { return a->check_pin(client, "{}", nullptr, &sink, e); });
  record("wait_pin", [&](pd_error* e) { return a->wait_pin(client, "{}", nullptr, &sink, e); });
  record("sign_in", [&](pd_error* e) { return a->sign_in(client, "{}", nullptr, &sink, e); });
  record("check_token", [&](pd_error* e) { return a->check_token(client, "t", nullptr, &sink, e); });
  record("servers", [&](pd_error* e) { return a->servers(client, "t", nullptr, &sink, e); });
  record("choose_connection", [&](pd_error* e) { return a->choose_connection(client, "{}", nullptr, &sink, e); });
  a->destroy(client);  // throws inside; must return normally
  EXPECT_EQ(created, nullptr);
  for (const RecordedCall& c : calls) {
    EXPECT_EQ(c.status, PD_ERR_INTERNAL) << c.name;
    EXPECT_EQ(std::string(c.err.message).rfind(c.name, 0), 0u) << c.err.message;
  }
  EXPECT_TRUE(doc.empty());
}

#ifdef PLEX_DRIVER_PATH
// --- the Plex driver through its C entry points ---

class PlexDriverAbiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LoadError error;
    lib_ = DriverLibrary::Load(PLEX_DRIVER_PATH, &error);
    ASSERT_TRUE(lib_) << error.message;
  }
  std::shared_ptr<DriverLibrary> lib_;
};

TEST_F(PlexDriverAbiTest, Negotiation) {
  const pd_entry* entry = nullptr;
  {
    // The raw entry, to call negotiate with offers the loader would never make.
    void* handle = dlopen(PLEX_DRIVER_PATH, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(handle, nullptr);
    auto fn = reinterpret_cast<pd_entry_fn>(dlsym(handle, PD_ENTRY_SYMBOL));
    ASSERT_NE(fn, nullptr);
    entry = fn();
    uint32_t minor = 12345;
    EXPECT_EQ(entry->negotiate(1, 0, &minor), PD_OK);
    EXPECT_EQ(minor, 0u);
    EXPECT_EQ(entry->negotiate(1, 99, &minor), PD_OK);  // a newer host: the driver's minor
    EXPECT_EQ(minor, static_cast<uint32_t>(entry->abi_minor));
    EXPECT_EQ(entry->negotiate(2, 0, &minor), PD_ERR_INCOMPATIBLE);
    EXPECT_EQ(entry->negotiate(0, 7, &minor), PD_ERR_INCOMPATIBLE);
    EXPECT_EQ(entry->get_interface("pd.driver/999"), nullptr);
    EXPECT_EQ(entry->get_interface("no such interface"), nullptr);
    EXPECT_STREQ(entry->driver_id, "tv.plex");
    dlclose(handle);
  }
}

TEST_F(PlexDriverAbiTest, ConfigErrorsNameTheKey) {
  struct Case {
    const char* config;
    pd_status status;
    const char* needle;
  };
  const Case cases[] = {
      {R"({"host":"h","port":"abc","plex_token":"t"})", PD_ERR_INVALID_CONFIG, "port"},
      {R"({"port":32400,"plex_token":"t"})", PD_ERR_INVALID_CONFIG, "host"},
      {R"({"host":"h"})", PD_ERR_INVALID_CONFIG, "plex_token"},
      {R"({"host":"h","plex_token":"t","path_mappings":[{"metarr_path":"/a"}]})", PD_ERR_INVALID_CONFIG,
       "path_mappings[0].player_path"},
      {R"({"host":"h","plex_token":"t","timeout_seconds":-1})", PD_ERR_INVALID_CONFIG, "timeout_seconds"},
      {"not json at all", PD_ERR_INVALID_CONFIG, "JSON"},
      {nullptr, PD_ERR_INVALID_CONFIG, "config"},
  };
  for (const Case& c : cases) {
    pd_instance* instance = reinterpret_cast<pd_instance*>(0x1);
    pd_error err = NewError();
    EXPECT_EQ(lib_->api().create(nullptr, c.config, &instance, &err), c.status) << (c.config ? c.config : "NULL");
    EXPECT_EQ(instance, nullptr);
    EXPECT_NE(std::string(err.message).find(c.needle), std::string::npos) << err.message;
  }
}

TEST_F(PlexDriverAbiTest, OlderSmallerStructsAreRespected) {
  // A host from before pd_host had progress/is_cancelled, and a tiny pd_error.
  static int logs = 0;
  pd_host old_host{};
  old_host.struct_size = offsetof(pd_host, progress);
  old_host.log = [](void*, pd_log_level, const char*) { ++logs; };
  old_host.progress = [](void*, void*, double, const char*) { std::abort(); };  // beyond struct_size
  old_host.is_cancelled = [](void*, void*) -> int { std::abort(); };
  pd_instance* instance = nullptr;
  pd_error err = NewError();
  ASSERT_EQ(lib_->api().create(&old_host, R"({"host":"127.0.0.1","port":1,"plex_token":"t","timeout_seconds":1})",
                               &instance, &err),
            PD_OK)
      << err.message;
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, Append};
  EXPECT_EQ(lib_->api().test_connection(instance, nullptr, &sink, &err), PD_ERR_UNREACHABLE);
  lib_->api().destroy(instance);

  // An error struct with room for 16 message bytes, followed by a canary.
  constexpr size_t kSmall = offsetof(pd_error, message) + 16;
  unsigned char buffer[sizeof(pd_error) + 64];
  std::memset(buffer, 0xAB, sizeof buffer);
  auto* small = reinterpret_cast<pd_error*>(buffer);
  small->struct_size = kSmall;
  EXPECT_EQ(lib_->api().create(nullptr, R"({"host":"h","port":"abc","plex_token":"t"})", &instance, small),
            PD_ERR_INVALID_CONFIG);
  EXPECT_EQ(small->status, PD_ERR_INVALID_CONFIG);
  EXPECT_EQ(std::strlen(small->message), 15u);  // truncated, NUL-terminated
  for (size_t i = kSmall; i < sizeof buffer; ++i) ASSERT_EQ(buffer[i], 0xAB) << "byte " << i << " written";

  // A sink from a confused host is refused, not crashed on.
  pd_sink bad_sink{4, nullptr, nullptr};
  err = NewError();
  EXPECT_EQ(lib_->api().capabilities(nullptr, &bad_sink, &err), PD_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(lib_->api().capabilities(nullptr, nullptr, nullptr), PD_ERR_INVALID_ARGUMENT);
}

TEST_F(PlexDriverAbiTest, AccountInterfaceIsOptionalAndSafe) {
  const auto* a = static_cast<const pd_account*>(lib_->Interface(PD_ACCOUNT_INTERFACE_ID));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->struct_size, sizeof(pd_account));
  EXPECT_EQ(lib_->Interface("pd.account/2"), nullptr);  // a later revision is another id
  // The driver table a host without the account interface uses is unchanged.
  EXPECT_EQ(lib_->info().interface_size, sizeof(pd_driver));

  pd_account_client* client = nullptr;
  pd_error err = NewError();
  ASSERT_EQ(a->create(nullptr, nullptr, &client, &err), PD_OK) << err.message;  // defaults, no I/O
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, Append};
  EXPECT_EQ(a->check_pin(client, nullptr, nullptr, &sink, &err), PD_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(err.message).find("pin_json"), std::string::npos) << err.message;
  EXPECT_EQ(a->sign_in(client, R"({"login":"x","password":"hunter2"})", nullptr, nullptr, &err),
            PD_ERR_INVALID_ARGUMENT);  // no sink: refused before anything is sent
  EXPECT_EQ(std::string(err.message).find("hunter2"), std::string::npos);
  EXPECT_EQ(a->wait_pin(client, "{", nullptr, &sink, nullptr), PD_ERR_INVALID_ARGUMENT);
  a->destroy(client);
  a->destroy(nullptr);
  EXPECT_EQ(a->start_pin(nullptr, nullptr, &sink, &err), PD_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(a->create(nullptr, "{}", nullptr, &err), PD_ERR_INVALID_ARGUMENT);
  client = reinterpret_cast<pd_account_client*>(0x1);
  EXPECT_EQ(a->create(nullptr, R"({"timeout_seconds":"soon"})", &client, &err), PD_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(client, nullptr);
  EXPECT_NE(std::string(err.message).find("options.timeout_seconds"), std::string::npos) << err.message;
}

TEST_F(PlexDriverAbiTest, ManyInstancesAndNullSafety) {
  std::vector<pd_instance*> instances;
  for (int i = 0; i < 16; ++i) {
    pd_instance* instance = nullptr;
    pd_error err = NewError();
    const std::string config = R"({"host":"127.0.0.1","port":)" + std::to_string(40000 + i) + R"(,"plex_token":"t"})";
    ASSERT_EQ(lib_->api().create(nullptr, config.c_str(), &instance, &err), PD_OK) << err.message;
    instances.push_back(instance);
  }
  for (pd_instance* instance : instances) lib_->api().destroy(instance);
  lib_->api().destroy(nullptr);
  pd_error err = NewError();
  EXPECT_EQ(lib_->api().connect(nullptr, nullptr, &err), PD_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(lib_->api().sync(nullptr, "{}", nullptr, nullptr, nullptr), PD_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(lib_->api().create(nullptr, "{}", nullptr, nullptr), PD_ERR_INVALID_ARGUMENT);
}
#endif

}  // namespace
