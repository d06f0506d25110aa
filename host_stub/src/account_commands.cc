#include "account_commands.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>

#include "account_report.h"
#include "command_support.h"
#include "json_document.h"
#include "login_config.h"

namespace host_stub {
namespace {

using Poco::JSON::Object;

// The account table, zero-extended to this header's size (members a driver lacks are NULL).
struct AccountApi {
  pd_account table{};
  bool ok = false;
};

AccountApi LoadAccountApi(const DriverLibrary& lib, const char* command) {
  AccountApi api;
  const auto* raw = static_cast<const pd_account*>(lib.Interface(PD_ACCOUNT_INTERFACE_ID));
  if (raw) {
    std::memcpy(&api.table, raw, std::min<size_t>(raw->struct_size, sizeof api.table));
    api.ok = api.table.create && api.table.destroy;
  }
  if (!api.ok) {
    std::fprintf(stderr, "%s failed: unsupported: %s has no account interface (%s)\n", command,
                 lib.info().id.c_str(), PD_ACCOUNT_INTERFACE_ID);
  }
  return api;
}

// A client for the duration of a command.
class Client {
 public:
  Client(const pd_account& api, const HostCallbacks& host) : api_(api), host_(host) {}
  ~Client() {
    if (client_) api_.destroy(client_);
  }
  pd_status Create(const std::string& options, pd_error* err) {
    return api_.create(host_.host(), options.c_str(), &client_, err);
  }
  pd_account_client* get() const { return client_; }

 private:
  const pd_account& api_;
  const HostCallbacks& host_;
  pd_account_client* client_ = nullptr;
};

// The config file as an object: null when it does not exist; false when unreadable or not JSON.
bool ReadExistingConfig(const std::string& path, Object::Ptr* out, std::string* error) {
  std::string text;
  bool missing = false;
  if (!ReadConfigFile(path, &text, error, &missing)) {
    if (!missing) return false;
    error->clear();  // servers tells a missing file by the empty error
    return true;
  }
  try {
    *out = Poco::JSON::Parser().parse(text).extract<Object::Ptr>();
  } catch (const std::exception&) {
    *error =
        fmt::format("config file \"{}\" exists but is not a JSON object; not overwriting it", path);
    return false;
  }
  return true;
}

std::string StringOf(const Object::Ptr& o, const std::string& key) {
  if (!o || !o->has(key) || !o->get(key).isString()) return "";
  return o->get(key).extract<std::string>();
}

std::string OptionsJson(const CliOptions& o, const Object::Ptr& config) {
  Object options(Poco::JSON_PRESERVE_KEY_ORDER);
  options.set("schema_version", 1);
  const std::string url = !o.plex_tv_url.empty() ? o.plex_tv_url : StringOf(config, "plex_tv_url");
  if (!url.empty()) options.set("plex_tv_url", url);
  // The token belongs to the client identifier it was issued to: keep using the config's.
  const std::string client = StringOf(config, "client_identifier");
  if (!client.empty()) options.set("client_identifier", client);
  options.set("product", "plexdriver host_stub");
  const std::string ca = StringOf(config, "ca_file");
  if (!ca.empty()) options.set("ca_file", ca);
  std::ostringstream text;
  options.stringify(text);
  return text.str();
}

// The password: without echo from a terminal, else the first line of stdin.
std::string ReadSecretLine(const char* prompt) {
  std::string line;
  if (isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "%s", prompt);
    std::fflush(stderr);
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fputc('\n', stderr);
  } else {
    std::getline(std::cin, line);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

void Wipe(std::string* secret) {
  std::fill(secret->begin(), secret->end(), '\0');
  secret->clear();
}

std::string CredentialsJson(const std::string& login, const std::string& password,
                            const std::string& code) {
  Object c;
  c.set("login", login);
  c.set("password", password);
  if (!code.empty()) c.set("code", code);
  std::ostringstream text;
  c.stringify(text);
  return text.str();
}

// Signs in (PIN or password) and returns the "account_login" document, or the exit code.
int SignIn(const pd_account& api, pd_account_client* client, HostCallbacks& host,
           const CliOptions& o, std::ostream& say, std::string* login) {
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();
  if (!o.user.empty()) {
    std::string password = ReadSecretLine(fmt::format("Plex password for {}: ", o.user).c_str());
    std::string credentials = CredentialsJson(o.user, password, o.code);
    pd_status st = api.sign_in(client, credentials.c_str(), nullptr, &sink, &err);
    if (st == PD_ERR_UNAUTHORIZED && err.detail == 1029 && o.code.empty() && isatty(STDIN_FILENO)) {
      const std::string code = ReadSecretLine("Two-factor code: ");
      Wipe(&credentials);
      credentials = CredentialsJson(o.user, password, code);
      err = NewError();
      st = api.sign_in(client, credentials.c_str(), nullptr, &sink, &err);
    }
    Wipe(&password);
    Wipe(&credentials);
    if (st != PD_OK) {
      PrintFailure("login", st, err);
      if (st == PD_ERR_UNAUTHORIZED && err.detail == 1029) {
        std::fprintf(stderr, "pass the code from the authenticator app with --code\n");
      }
      return CallExitCode(st);
    }
    *login = doc;
    return kExitOk;
  }
  pd_status st = api.start_pin(client, nullptr, &sink, &err);
  if (st != PD_OK) {
    PrintFailure("login", st, err);
    return CallExitCode(st);
  }
  const std::string pin = doc;
  Object::Ptr p = ParseObject(pin);
  const int64_t minutes = p && p->has("expires_in") ? p->getValue<int64_t>("expires_in") / 60 : 0;
  say << "To sign in, open this page and approve the request:\n\n  " << StringOf(p, "auth_url")
      << "\n\nWaiting for the approval (the link works for " << minutes
      << " minutes; Ctrl-C stops)...\n"
      << std::flush;
  doc.clear();
  err = NewError();
  st = api.wait_pin(client, pin.c_str(), nullptr, &sink, &err);
  host.FinishProgress();
  if (st != PD_OK) {
    PrintFailure("login", st, err);
    return CallExitCode(st);
  }
  *login = doc;
  return kExitOk;
}

}  // namespace

int RunLogin(const DriverLibrary& lib, HostCallbacks& host, const CliOptions& o) {
  AccountApi api = LoadAccountApi(lib, "login");
  if (!api.ok) return kExitUnsupported;
  Object::Ptr existing;
  std::string error;
  if (!ReadExistingConfig(o.config, &existing, &error)) {
    std::fprintf(stderr, "host_stub: %s\n", error.c_str());
    return kExitConfig;
  }
  Client client(api.table, host);
  pd_error err = NewError();
  if (pd_status st = client.Create(OptionsJson(o, existing), &err); st != PD_OK) {
    PrintFailure("login", st, err);
    return st == PD_ERR_INVALID_ARGUMENT ? kExitUsage : CallExitCode(st);
  }
  // With --json stdout holds only the document; the rest goes to stderr.
  std::ostream& say = o.json ? std::cerr : std::cout;
  std::string login;
  if (int code = SignIn(api.table, client.get(), host, o, say, &login); code != kExitOk)
    return code;
  Object::Ptr login_doc = ParseObject(login);
  const std::string token = StringOf(login_doc, "token");
  say << fmt::format("signed in to plex.tv as \"{}\"\n",
                     StringOf(login_doc ? login_doc->getObject("user") : nullptr, "username"))
      << std::flush;
  if (o.show_token) say << "account token: " << token << "\n";

  Object request(Poco::JSON_PRESERVE_KEY_ORDER);
  request.set("schema_version", 1);
  request.set("token", token);
  if (!o.server.empty()) request.set("server", o.server);
  std::ostringstream request_text;
  request.stringify(request_text);
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  err = NewError();
  const pd_status st =
      api.table.choose_connection(client.get(), request_text.str().c_str(), nullptr, &sink, &err);
  host.FinishProgress();
  Object::Ptr choice = ParseObject(doc);
  if (!doc.empty()) say << RenderConnectionChoice(doc) << std::flush;
  if (st != PD_OK) {
    PrintFailure("login", st, err);
    return CallExitCode(st);
  }
  Object::Ptr config = choice ? choice->getObject("config") : nullptr;
  if (!config) {
    std::fprintf(stderr, "login failed: the driver chose a connection but wrote no config\n");
    return kExitFailed;
  }
  if (!WritePrivateFile(o.config, MergeLoginConfig(existing, config), &error)) {
    std::fprintf(stderr, "host_stub: %s\n", error.c_str());
    return kExitConfig;
  }
  if (o.show_token) say << "server token: " << StringOf(config, "plex_token") << "\n";
  say << fmt::format(
      "configuration written to {} (mode 0600){}; check it with:\n  host_stub "
      "test-connection --config {}\n",
      o.config, existing ? ", keeping your other settings" : "", o.config);
  if (o.json) {
    if (o.show_token) {
      std::cout << doc << "\n";
    } else {
      std::cout << WithoutTokens(choice) << "\n";
    }
  }
  return kExitOk;
}

int RunServers(const DriverLibrary& lib, HostCallbacks& host, const CliOptions& o) {
  AccountApi api = LoadAccountApi(lib, "servers");
  if (!api.ok) return kExitUnsupported;
  Object::Ptr config;
  std::string error;
  if (!ReadExistingConfig(o.config, &config, &error) || !config) {
    if (error.empty()) {
      error = fmt::format("cannot read config file \"{}\": no such file (run host_stub login "
                          "--config {} first)", o.config, o.config);
    }
    std::fprintf(stderr, "host_stub: %s\n", error.c_str());
    return kExitConfig;
  }
  std::string token = StringOf(config, "plex_account_token");
  if (token.empty()) token = StringOf(config, "plex_token");
  if (token.empty()) {
    std::fprintf(stderr, "host_stub: %s has no plex_token or plex_account_token\n",
                 o.config.c_str());
    return kExitConfig;
  }
  Client client(api.table, host);
  pd_error err = NewError();
  if (pd_status st = client.Create(OptionsJson(o, config), &err); st != PD_OK) {
    PrintFailure("servers", st, err);
    return st == PD_ERR_INVALID_ARGUMENT ? kExitUsage : CallExitCode(st);
  }
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  err = NewError();
  const pd_status st = api.table.servers(client.get(), token.c_str(), nullptr, &sink, &err);
  if (st != PD_OK) {
    PrintFailure("servers", st, err);
    return CallExitCode(st);
  }
  std::cout << (o.json ? doc + "\n" : RenderServers(doc));
  return kExitOk;
}

}  // namespace host_stub
