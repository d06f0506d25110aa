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
  ops->set("sync", true);
  ops->set("find", true);
  doc->set("operations", ops);
  Object::Ptr sync = NewJsonObject();
  sync->set("partial_scan", true);
  sync->set("wait_for_completion", true);
  sync->set("completion_via", ToJsonArray(std::vector<std::string>{"websocket", "polling"}));
  sync->set("change_kinds", ToJsonArray(std::vector<std::string>{"added", "updated", "removed"}));
  sync->set("options", ToJsonArray(std::vector<std::string>{"wait", "timeout_seconds", "dry_run",
                                                            "full_scan"}));
  sync->set("queued_mode", true);
  sync->set("storage_safety_gate", true);
  sync->set("item_refresh", true);
  sync->set("verifies_items", true);
  sync->set("strategies", ToJsonArray(std::vector<std::string>{"auto", "scan", "refresh"}));
  sync->set("playback_aware", false);
  doc->set("sync", sync);
  // Interfaces beyond pd.driver/1, looked up with pd_entry.get_interface.
  doc->set("interfaces", ToJsonArray(std::vector<std::string>{PD_DRIVER_INTERFACE_ID, PD_ACCOUNT_INTERFACE_ID}));
  Object::Ptr account = NewJsonObject();
  account->set("interface", PD_ACCOUNT_INTERFACE_ID);
  account->set("pin_sign_in", true);
  account->set("password_sign_in", true);
  account->set("two_factor", true);
  account->set("token_check", true);
  account->set("server_discovery", true);
  account->set("connection_choice", true);
  account->set("token_keepalive", true);
  account->set("token_health", true);
  doc->set("account", account);
  doc->set("server", Poco::Dynamic::Var());
  return doc;
}

}  // namespace plexdriver
