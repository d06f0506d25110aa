#include "abi/account_api.h"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>

#include "abi/call_counter.h"
#include "abi/error_report.h"
#include "abi/exception_barrier.h"
#include "account/account_session.h"

// The handle the host holds. Counts calls in flight so destroy() can wait for them.
struct pd_account_client {
  std::unique_ptr<plexdriver::AccountSession> impl;
  plexdriver::CallCounter calls;
};

namespace plexdriver {
namespace {

// Runs one call behind the exception barrier: checks the client, sink and string, delivers the
// document, and scrubs every secret the client knows from the message. The call counts as in
// flight until its error is filled: destroy() may free the client the moment it is not.
template <typename Body>
pd_status Call(const char* function, pd_account_client* client, const pd_sink* out,
               const char* text, const char* text_name, pd_error* err, Body&& body) {
  std::optional<CallCounter::Scope> scope;
  Status status = RunGuarded(function, [&]() -> Status {
    if (!client || !client->impl) {
      return Status(PD_ERR_INVALID_ARGUMENT, fmt::format("{}: client is NULL", function));
    }
    scope.emplace(&client->calls);
    if (Status s = RequireSink(out, function); !s.ok()) return s;
    if (text_name && !text) {
      return Status(PD_ERR_INVALID_ARGUMENT, fmt::format("{}: {} is NULL", function, text_name));
    }
    std::string document;
    Status s = body(*client->impl, document);
    if (!document.empty()) WriteToSink(out, document);
    return s;
  });
  if (!status.ok() && scope) {
    status =
        Status(status.code(), client->impl->bridge().Redact(status.message()), status.detail());
  }
  FillError(err, status);
  return status.code();
}

pd_status Create(const pd_host* host, const char* options_json, pd_account_client** out,
                 pd_error* err) {
  if (out) *out = nullptr;
  const Status status = RunGuarded("account create", [&]() -> Status {
    if (!out) return Status(PD_ERR_INVALID_ARGUMENT, "account create: `out` is NULL");
    Result<std::unique_ptr<AccountSession>> impl =
        AccountSession::Create(host, options_json ? options_json : "");
    if (!impl.ok()) return impl.status();
    auto handle = std::make_unique<pd_account_client>();
    handle->impl = std::move(impl).value();
    *out = handle.release();
    return Status::Ok();
  });
  FillError(err, status);
  return status.code();
}

void Destroy(pd_account_client* client) {
  if (!client) return;
  try {
    if (client->impl) client->impl->RequestShutdown();
    client->calls.WaitIdle();
    delete client;
  } catch (...) {
    // Nothing can be reported from destroy; the client leaks rather than crash the host.
  }
}

pd_status StartPin(pd_account_client* client, void* op_ctx, const pd_sink* out, pd_error* err) {
  return Call("start_pin", client, out, nullptr, nullptr, err,
              [&](AccountSession& s, std::string& doc) { return s.StartPin(op_ctx, &doc); });
}

pd_status CheckPin(pd_account_client* client, const char* pin_json, void* op_ctx,
                   const pd_sink* out, pd_error* err) {
  return Call(
      "check_pin", client, out, pin_json, "pin_json", err,
      [&](AccountSession& s, std::string& doc) { return s.CheckPin(pin_json, op_ctx, &doc); });
}

pd_status WaitPin(pd_account_client* client, const char* pin_json, void* op_ctx, const pd_sink* out,
                  pd_error* err) {
  return Call(
      "wait_pin", client, out, pin_json, "pin_json", err,
      [&](AccountSession& s, std::string& doc) { return s.WaitPin(pin_json, op_ctx, &doc); });
}

pd_status SignIn(pd_account_client* client, const char* credentials_json, void* op_ctx,
                 const pd_sink* out, pd_error* err) {
  return Call("sign_in", client, out, credentials_json, "credentials_json", err,
              [&](AccountSession& s, std::string& doc) {
                return s.SignIn(credentials_json, op_ctx, &doc);
              });
}

pd_status CheckToken(pd_account_client* client, const char* token, void* op_ctx, const pd_sink* out,
                     pd_error* err) {
  return Call(
      "check_token", client, out, token, "token", err,
      [&](AccountSession& s, std::string& doc) { return s.CheckToken(token, op_ctx, &doc); });
}

pd_status Servers(pd_account_client* client, const char* token, void* op_ctx, const pd_sink* out,
                  pd_error* err) {
  return Call("servers", client, out, token, "token", err,
              [&](AccountSession& s, std::string& doc) { return s.Servers(token, op_ctx, &doc); });
}

pd_status ChooseConnection(pd_account_client* client, const char* request_json, void* op_ctx,
                           const pd_sink* out, pd_error* err) {
  return Call("choose_connection", client, out, request_json, "request_json", err,
              [&](AccountSession& s, std::string& doc) {
                return s.ChooseConnection(request_json, op_ctx, &doc);
              });
}

const pd_account kAccountTable = {
    sizeof(pd_account), Create,  Destroy,          StartPin, CheckPin, WaitPin, SignIn,
    CheckToken,         Servers, ChooseConnection,
};

}  // namespace

const pd_account* AccountInterface() { return &kAccountTable; }

}  // namespace plexdriver
