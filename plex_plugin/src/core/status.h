// Errors as values inside the driver. A Status carries one of the ABI's pd_status codes, an
// optional detail (HTTP status) and a message that says what went wrong and what to do.
// Only the ABI shim turns a Status into a pd_error; nothing inside throws across layers.
#ifndef PLEXDRIVER_CORE_STATUS_H_
#define PLEXDRIVER_CORE_STATUS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "player_driver/player_driver.h"

namespace plexdriver {

class Status {
 public:
  Status() = default;  // OK
  // `message` is made valid UTF-8 (stray bytes become U+FFFD): messages quote paths, values and
  // server answers, and every message may end up in a pd_error or a host log.
  Status(pd_status code, std::string message, int detail = 0);

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == PD_OK; }
  pd_status code() const { return code_; }
  int detail() const { return detail_; }
  const std::string& message() const { return message_; }

  // "<code name>: <message>", for logs and test failure output.
  std::string ToString() const;

 private:
  pd_status code_ = PD_OK;
  int detail_ = 0;
  std::string message_;
};

// Stable lower-case name of a status code ("unauthorized"), "unknown" for codes past the list.
const char* StatusName(pd_status code);

// PD_ERR_INVALID_CONFIG "config.<field>: <what>": the one shape of an error about a field of the
// instance config (`field` is its dotted path, e.g. "provider.public_url").
Status InvalidConfigField(std::string_view field, std::string_view what);

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  const T& operator*() const { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_STATUS_H_
