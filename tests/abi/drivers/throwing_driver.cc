// A driver whose every entry point throws inside (std::runtime_error, std::bad_alloc, an int):
// the shared exception barrier (plex_plugin/src/abi/exception_barrier.h) must turn each into
// PD_ERR_INTERNAL with a message, and the host must survive.
#include <cstring>
#include <new>
#include <stdexcept>

#include "abi/error_report.h"
#include "abi/exception_barrier.h"
#include "player_driver/player_driver.h"

namespace {

using plexdriver::RunGuarded;
using plexdriver::Status;

pd_status Report(pd_error* err, const Status& s) {
  plexdriver::FillError(err, s);
  return s.code();
}

pd_status Create(const pd_host*, const char*, pd_instance** out, pd_error* err) {
  if (out) *out = nullptr;
  return Report(err, RunGuarded("create", []() -> Status { throw std::runtime_error("boom in create"); }));
}

void Destroy(pd_instance*) {
  (void)RunGuarded("destroy", []() -> Status { throw 42; });
}

pd_status Connect(pd_instance*, void*, pd_error* err) {
  return Report(err, RunGuarded("connect", []() -> Status { throw std::bad_alloc(); }));
}

pd_status Capabilities(pd_instance*, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("capabilities", []() -> Status { throw 42; }));
}

pd_status TestConnection(pd_instance*, void*, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("test_connection", []() -> Status {
    throw std::logic_error("boom in test_connection");
  }));
}

pd_status Sync(pd_instance*, const char*, void*, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("sync", []() -> Status { throw std::out_of_range("boom in sync"); }));
}

pd_status Find(pd_instance*, const char*, void*, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("find", []() -> Status { throw std::runtime_error("boom in find"); }));
}

pd_status Sessions(pd_instance*, void*, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("sessions", []() -> Status { throw std::runtime_error("boom in sessions"); }));
}

pd_status HandleWebhook(pd_instance*, const char*, const char*, size_t, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("handle_webhook", []() -> Status { throw std::bad_alloc(); }));
}

const pd_driver kDriver = {sizeof(pd_driver), Create, Destroy, Connect,  Capabilities,
                           TestConnection,    Sync,   Find,    Sessions, HandleWebhook};

// The account interface: every entry point throws too.
pd_status AccountCreate(const pd_host*, const char*, pd_account_client** out, pd_error* err) {
  if (out) *out = nullptr;
  return Report(err, RunGuarded("account create", []() -> Status { throw std::runtime_error("boom in account create"); }));
}

void AccountDestroy(pd_account_client*) {
  (void)RunGuarded("account destroy", []() -> Status { throw std::runtime_error("boom"); });
}

pd_status StartPin(pd_account_client*, void*, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("start_pin", []() -> Status { throw std::bad_alloc(); }));
}

pd_status CheckPin(pd_account_client*, const char*, void*, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("check_pin", []() -> Status { throw 42; }));
}

pd_status WaitPin(pd_account_client*, const char*, void*, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("wait_pin", []() -> Status { throw std::runtime_error("boom in wait_pin"); }));
}

pd_status SignIn(pd_account_client*, const char*, void*, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("sign_in", []() -> Status { throw std::logic_error("boom in sign_in"); }));
}

pd_status CheckToken(pd_account_client*, const char*, void*, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("check_token", []() -> Status { throw std::runtime_error("boom in check_token"); }));
}

pd_status Servers(pd_account_client*, const char*, void*, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("servers", []() -> Status { throw std::runtime_error("boom in servers"); }));
}

pd_status ChooseConnection(pd_account_client*, const char*, void*, const pd_sink*, pd_error* err) {
  return Report(err, RunGuarded("choose_connection", []() -> Status { throw std::bad_alloc(); }));
}

const pd_account kAccount = {sizeof(pd_account), AccountCreate, AccountDestroy, StartPin,  CheckPin,
                             WaitPin,            SignIn,        CheckToken,     Servers,   ChooseConnection};

pd_status Negotiate(uint32_t host_major, uint32_t host_minor, uint32_t* out_minor) {
  if (host_major != PD_ABI_MAJOR) return PD_ERR_INCOMPATIBLE;
  const uint32_t mine = PD_ABI_MINOR;
  *out_minor = host_minor < mine ? host_minor : mine;
  return PD_OK;
}

const void* GetInterface(const char* id) {
  if (std::strcmp(id, PD_ACCOUNT_INTERFACE_ID) == 0) return &kAccount;
  return std::strcmp(id, PD_DRIVER_INTERFACE_ID) == 0 ? &kDriver : nullptr;
}

const pd_entry kEntry = {sizeof(pd_entry), PD_ABI_MAJOR, PD_ABI_MINOR, "org.example.throwing",
                         "Throwing driver", "0.0.1", Negotiate, GetInterface};

}  // namespace

extern "C" PD_EXPORT const pd_entry* player_driver_entry(void) { return &kEntry; }
