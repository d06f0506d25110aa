#include "login_config.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

namespace host_stub {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kConnectionKeys[] = {"host",
                                           "port",
                                           "use_https",
                                           "plex_token",
                                           "plex_account_token",
                                           "client_identifier",
                                           "plex_tv_url",
                                           "token_keepalive",
                                           "verify_tls",
                                           "ca_file"};

bool IsTokenKey(const std::string& key) {
  return key == "plex_token" || key == "plex_account_token" || key == "token";
}

Poco::Dynamic::Var Scrub(const Poco::Dynamic::Var& v);

Object::Ptr ScrubObject(const Object::Ptr& o) {
  Object::Ptr out = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const std::string& key : o->getNames()) {
    const Poco::Dynamic::Var v = o->get(key);
    if (IsTokenKey(key) && v.isString()) {
      out->set(key, "<redacted>");
    } else {
      out->set(key, Scrub(v));
    }
  }
  return out;
}

Poco::Dynamic::Var Scrub(const Poco::Dynamic::Var& v) {
  if (v.type() == typeid(Object::Ptr)) return ScrubObject(v.extract<Object::Ptr>());
  if (v.type() == typeid(Array::Ptr)) {
    Array::Ptr in = v.extract<Array::Ptr>();
    Array::Ptr out = new Array();
    for (size_t i = 0; i < in->size(); ++i) out->add(Scrub(in->get(static_cast<unsigned>(i))));
    return out;
  }
  return v;
}

}  // namespace

std::string MergeLoginConfig(const Object::Ptr& existing, const Object::Ptr& ready) {
  Object::Ptr out = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  if (existing) {
    for (const std::string& key : existing->getNames()) out->set(key, existing->get(key));
  }
  if (!out->has("name") && ready->has("name")) out->set("name", ready->get("name"));
  for (const char* key : kConnectionKeys) {
    if (ready->has(key)) {
      out->set(key, ready->get(key));
    } else if (std::string(key) == "plex_account_token") {
      out->remove(key);
    }
  }
  std::ostringstream text;
  out->stringify(text, 2);
  return text.str() + "\n";
}

std::string WithoutTokens(const Object::Ptr& doc) {
  std::ostringstream text;
  ScrubObject(doc)->stringify(text);
  return text.str();
}

bool WritePrivateFile(const std::string& path, const std::string& text, std::string* error) {
  const std::string temp = path + ".tmp-" + std::to_string(getpid());
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    *error = fmt::format("cannot create \"{}\": {}", temp, std::strerror(errno));
    return false;
  }
  fchmod(fd, 0600);  // whatever the umask or an earlier file said
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *error = fmt::format("cannot write \"{}\": {}", temp, std::strerror(errno));
      close(fd);
      unlink(temp.c_str());
      return false;
    }
    written += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0 || close(fd) != 0) {
    *error = fmt::format("cannot save \"{}\": {}", temp, std::strerror(errno));
    unlink(temp.c_str());
    return false;
  }
  if (rename(temp.c_str(), path.c_str()) != 0) {
    *error = fmt::format("cannot replace \"{}\": {}", path, std::strerror(errno));
    unlink(temp.c_str());
    return false;
  }
  return true;
}

}  // namespace host_stub
