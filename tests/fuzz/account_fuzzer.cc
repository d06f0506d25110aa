// The account interface's inputs: what the host passes (account options, the PIN reference,
// credentials, the connection request) and what plex.tv answers (PIN, account, legacy sign-in,
// server list, error lists). The input's first byte picks the parser ('0'..'8' in the seeds),
// the rest is its text.
// Host input is either accepted or PD_ERR_INVALID_ARGUMENT naming the document; a plex.tv answer
// is either read or PD_ERR_PROTOCOL; a password never shows in a message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "account/account_options.h"
#include "account/account_requests.h"
#include "account/plextv_parser.h"
#include "fuzz_check.h"

namespace {

using namespace plexdriver;

constexpr std::string_view kPassword = "PASSWORD-MARKER-8d41c0e5";

void CheckHostRefusal(const Status& status, std::string_view prefix) {
  fuzz::CheckRefusal(status, PD_ERR_INVALID_ARGUMENT);
  FUZZ_CHECK(status.message().rfind(prefix, 0) == 0, status.message());
}

// Credentials: the refusal must not quote the password, whatever else is wrong.
void CheckCredentials(std::string_view text) {
  Result<Credentials> c = ParseCredentials(text);
  if (!c.ok()) {
    CheckHostRefusal(c.status(), "credentials");
    if (fuzz::OccursOnce(text, kPassword) && fuzz::StringMember(text, "password") == kPassword)
      FUZZ_CHECK(c.status().message().find(kPassword) == std::string::npos, c.status().message());
    return;
  }
  FUZZ_CHECK(!c->login.empty() && !c->password.empty(), c->login);
  for (char ch : c->code) FUZZ_CHECK(ch >= '0' && ch <= '9', c->code);
}

template <typename T>
void PlexTvAnswer(const Result<T>& r) {
  if (!r.ok()) fuzz::CheckRefusal(r.status(), PD_ERR_PROTOCOL);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch ((data[0] + 6) % 9) {  // '0' (48) -> 0 ... '8' -> 8
    case 0: {
      Result<AccountOptions> o = ParseAccountOptions(text);
      if (!o.ok()) {
        CheckHostRefusal(o.status(), "options");
      } else {  // all three are sent as headers to plex.tv
        FUZZ_CHECK(IsVisibleAscii(o->client_identifier), o->client_identifier);
        FUZZ_CHECK(!HasControlCharacter(o->product) && !HasControlCharacter(o->device_name),
                   o->product + " / " + o->device_name);
      }
      break;
    }
    case 1: {
      Result<PinRef> pin = ParsePinRef(text);
      if (!pin.ok()) CheckHostRefusal(pin.status(), "pin");
      else FUZZ_CHECK(pin->id > 0, std::to_string(pin->id));
      break;
    }
    case 2: CheckCredentials(text); break;
    case 3: {
      Result<ConnectionRequest> r = ParseConnectionRequest(text);
      if (!r.ok()) {
        CheckHostRefusal(r.status(), "request");
      } else {
        FUZZ_CHECK(!r->token.empty() && IsVisibleAscii(r->token), "token");
        FUZZ_CHECK(!HasControlCharacter(r->config_name), r->config_name);
      }
      break;
    }
    case 4: {
      Result<PlexPin> pin = ParsePin(text);
      PlexTvAnswer(pin);
      if (pin.ok()) FUZZ_CHECK(pin->id > 0 && !pin->code.empty(), pin->code);
      break;
    }
    case 5: PlexTvAnswer(ParseUser(text)); break;
    case 6: PlexTvAnswer(ParseLegacySignIn(text)); break;
    case 7: {
      Result<std::vector<PlexResource>> resources = ParseResources(text);
      PlexTvAnswer(resources);
      if (resources.ok()) {
        for (const PlexResource& r : *resources) FUZZ_CHECK(!r.client_identifier.empty(), r.name);
        // Choosing among them picks a server of the list or says why not, whatever the names.
        const std::string listed = resources->empty() ? "x" : resources->front().name;
        for (const std::string& wanted : {std::string(), listed}) {
          Result<size_t> chosen = SelectServer(*resources, wanted);
          if (chosen.ok()) {
            FUZZ_CHECK(*chosen < resources->size() && (*resources)[*chosen].IsServer(), wanted);
          } else {
            FUZZ_CHECK(chosen.status().code() == PD_ERR_NOT_FOUND ||
                           chosen.status().code() == PD_ERR_INVALID_ARGUMENT,
                       chosen.status().ToString());
          }
        }
      }
      break;
    }
    default: {
      for (const PlexTvError& e : ParsePlexTvErrors(text)) {
        if (fuzz::IsUtf8(text)) FUZZ_CHECK(fuzz::IsUtf8(e.message), e.message);
      }
      break;
    }
  }
  return 0;
}
