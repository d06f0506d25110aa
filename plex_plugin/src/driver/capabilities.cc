#include "driver/capabilities.h"

#include "core/json_util.h"
#include "core/driver_info.h"
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
  ops->set("sessions", true);
  ops->set("handle_webhook", true);
  doc->set("operations", ops);
  Object::Ptr sync = NewJsonObject();
  sync->set("partial_scan", true);
  sync->set("wait_for_completion", true);
  sync->set("completion_via", ToJsonArray(std::vector<std::string>{"websocket", "polling"}));
  sync->set("change_kinds", ToJsonArray(std::vector<std::string>{"added", "updated", "removed"}));
  sync->set("options", ToJsonArray(std::vector<std::string>{"wait", "timeout_seconds", "dry_run",
                                                            "full_scan", "strategy", "force_refresh",
                                                            "skip_active", "artwork_mode", "lock_fields",
                                                            "unlock_fields"}));
  sync->set("queued_mode", true);
  sync->set("storage_safety_gate", true);
  sync->set("item_refresh", true);
  sync->set("verifies_items", true);
  sync->set("strategies", ToJsonArray(std::vector<std::string>{"auto", "scan", "refresh"}));
  sync->set("playback_aware", true);
  sync->set("skip_active", ToJsonArray(std::vector<std::string>{"never", "any", "section", "item"}));
  // Push and lock: artwork uploaded, selected and locked; NFO fields set and locked.
  sync->set("artwork_modes", ToJsonArray(std::vector<std::string>{"auto", "refresh", "push"}));
  sync->set("field_locks", true);
  doc->set("sync", sync);
  // Live events to pd_host.event (ABI 1.2) and what they are seen through.
  Object::Ptr events = NewJsonObject();
  events->set("host_callback", true);
  events->set("sources", ToJsonArray(std::vector<std::string>{"websocket", "webhook", "poll", "http"}));
  events->set("types", ToJsonArray(std::vector<std::string>{
      "playback.started", "playback.paused", "playback.resumed", "playback.stopped",
      "playback.scrobbled", "scan.started", "scan.finished", "item.added", "item.updated",
      "item.deleted", "item.rated", "item.on_deck", "server.reachable", "server.unreachable",
      "server.database_backup", "server.database_corrupted", "device.new", "token.rejected",
      "token.accepted"}));
  doc->set("events", events);
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
