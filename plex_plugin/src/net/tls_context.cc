#include "net/tls_context.h"

#include <Poco/Net/SSLManager.h>

namespace plexdriver {
namespace {

// OpenSSL initialisation is process-wide and reference counted by Poco.
struct SslInit {
  SslInit() { Poco::Net::initializeSSL(); }
  ~SslInit() { Poco::Net::uninitializeSSL(); }
};

}  // namespace

Poco::Net::Context::Ptr MakeClientTlsContext(bool verify, const std::string& ca_file) {
  static SslInit ssl_init;
  using Poco::Net::Context;
  return new Context(Context::TLS_CLIENT_USE, "", "", ca_file,
                     verify ? Context::VERIFY_RELAXED : Context::VERIFY_NONE, 9,
                     /*loadDefaultCAs=*/true);
}

}  // namespace plexdriver
