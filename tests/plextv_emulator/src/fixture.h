// Accounts and resources as JSON: the standalone emulator's --fixture file and the bodies of the
// control API's POST /__emulator/accounts and /__emulator/resources. Pure: parses, touches no
// emulator state. Errors are std::runtime_error naming the field
// ("resources[0].connections[1].port: expected an integer 1-65535").
#ifndef PLEXTV_EMULATOR_SRC_FIXTURE_H_
#define PLEXTV_EMULATOR_SRC_FIXTURE_H_

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

#include "plextv_emulator/emulator.h"

namespace plextv_emulator {

struct Fixture {
  std::optional<int> pin_lifetime_seconds;
  std::vector<Account> accounts;
  std::vector<Resource> resources;
};

// `where` prefixes the field names in errors ("accounts[0]", or "account" for a control call).
Account ParseAccount(const Poco::JSON::Object& o, const std::string& where);
Resource ParseResource(const Poco::JSON::Object& o, const std::string& where);
// {"pin_lifetime_seconds"?, "accounts": [...], "resources": [...]}.
Fixture ParseFixture(const std::string& json);
// A JSON object, or std::runtime_error saying what `what` should have been.
Poco::JSON::Object::Ptr ParseJsonObject(const std::string& json, const std::string& what);

}  // namespace plextv_emulator

#endif  // PLEXTV_EMULATOR_SRC_FIXTURE_H_
