#include "driver/capabilities.h"

#include "core/json_util.h"
#include "driver/driver_info.h"
#include "player_driver/player_driver.h"

namespace plexdriver {

Poco::JSON::Object::Ptr DriverCapabilities() {
  using Poco::JSON::Object;
  Object::Ptr doc = NewJsonObject();
  doc->set("schema_version", 1);
  doc->set("driver_id", kDriverId);
  doc->set("driver_version", kDriverVersion);
  Object::Ptr abi = NewJsonObject();
  abi->set("major", PD_ABI_MAJOR);
  abi->set("minor", PD_ABI_MINOR);
  doc->set("abi", abi);
  Object::Ptr ops = NewJsonObject();
  ops->set("connect", true);
  ops->set("test_connection", true);
  ops->set("sync", false);
  doc->set("operations", ops);
  Object::Ptr sync = NewJsonObject();
  sync->set("partial_scan", false);
  sync->set("wait_for_completion", false);
  sync->set("change_kinds", Poco::JSON::Array::Ptr(new Poco::JSON::Array()));
  doc->set("sync", sync);
  doc->set("server", Poco::Dynamic::Var());
  return doc;
}

}  // namespace plexdriver
