#include "net/tls_context.h"

#include <Poco/Net/AcceptCertificateHandler.h>
#include <Poco/Net/RejectCertificateHandler.h>
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
  Context::Ptr context = new Context(Context::TLS_CLIENT_USE, "", "", ca_file,
                                     verify ? Context::VERIFY_STRICT : Context::VERIFY_NONE, 9,
                                     /*loadDefaultCAs=*/true);
  // STRICT, because RELAXED skips the host name check for loopback addresses. The host name
  // check happens after the handshake; without a handler of our own Poco asks the
  // process-wide SSLManager, which may accept. This context rejects: the token must never go to
  // a server whose certificate names another host.
  context->enableExtendedCertificateVerification(verify);
  if (verify) {
    context->setInvalidCertificateHandler(new Poco::Net::RejectCertificateHandler(/*handleErrorsOnServerSide=*/false));
  } else {
    context->setInvalidCertificateHandler(new Poco::Net::AcceptCertificateHandler(false));
  }
  return context;
}

}  // namespace plexdriver
