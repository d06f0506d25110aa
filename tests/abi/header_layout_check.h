/* Pins the layout of the published ABI 1.0 structs on LP64 (x86-64, aarch64): a change here
 * breaks every driver and host already built. Included from C11, C99 and C++ translation units. */
#ifndef TESTS_ABI_HEADER_LAYOUT_CHECK_H_
#define TESTS_ABI_HEADER_LAYOUT_CHECK_H_

#include <stddef.h>

#include "player_driver/player_driver.h"

#if defined(__cplusplus)
#define PD_LAYOUT_ASSERT(cond, msg) static_assert(cond, msg)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define PD_LAYOUT_ASSERT(cond, msg) _Static_assert(cond, msg)
#else /* C99: a negative array size fails the build */
#define PD_LAYOUT_CONCAT2(a, b) a##b
#define PD_LAYOUT_CONCAT(a, b) PD_LAYOUT_CONCAT2(a, b)
#define PD_LAYOUT_ASSERT(cond, msg) typedef char PD_LAYOUT_CONCAT(pd_layout_check_, __LINE__)[(cond) ? 1 : -1]
#endif

#if defined(__LP64__)
PD_LAYOUT_ASSERT(sizeof(pd_error) == 1036, "pd_error size");
PD_LAYOUT_ASSERT(offsetof(pd_error, status) == 4, "pd_error.status");
PD_LAYOUT_ASSERT(offsetof(pd_error, detail) == 8, "pd_error.detail");
PD_LAYOUT_ASSERT(offsetof(pd_error, message) == 12, "pd_error.message");
PD_LAYOUT_ASSERT(sizeof(pd_sink) == 24, "pd_sink size");
PD_LAYOUT_ASSERT(offsetof(pd_sink, write) == 16, "pd_sink.write");
/* pd_host was 40 bytes through 1.1; 1.2 appended event. */
PD_LAYOUT_ASSERT(sizeof(pd_host) >= 40, "pd_host size");
PD_LAYOUT_ASSERT(offsetof(pd_host, log) == 16, "pd_host.log");
PD_LAYOUT_ASSERT(offsetof(pd_host, progress) == 24, "pd_host.progress");
PD_LAYOUT_ASSERT(offsetof(pd_host, is_cancelled) == 32, "pd_host.is_cancelled");
#if PD_ABI_MINOR >= 2
PD_LAYOUT_ASSERT(offsetof(pd_host, event) == 40, "pd_host.event");
#endif
/* ABI 1.0 ended at sync (56 bytes); 1.1 appended find. Published offsets never move. */
PD_LAYOUT_ASSERT(sizeof(pd_driver) >= 56, "pd_driver size");
PD_LAYOUT_ASSERT(offsetof(pd_driver, create) == 8, "pd_driver.create");
PD_LAYOUT_ASSERT(offsetof(pd_driver, sync) == 48, "pd_driver.sync");
#if PD_ABI_MINOR >= 1
PD_LAYOUT_ASSERT(offsetof(pd_driver, find) == 56, "pd_driver.find");
#endif
#if PD_ABI_MINOR >= 2
PD_LAYOUT_ASSERT(offsetof(pd_driver, sessions) == 64, "pd_driver.sessions");
PD_LAYOUT_ASSERT(offsetof(pd_driver, handle_webhook) == 72, "pd_driver.handle_webhook");
#endif
/* The account interface ("pd.account/1"), published with its first members. */
PD_LAYOUT_ASSERT(sizeof(pd_account) >= 80, "pd_account size");
PD_LAYOUT_ASSERT(offsetof(pd_account, create) == 8, "pd_account.create");
PD_LAYOUT_ASSERT(offsetof(pd_account, destroy) == 16, "pd_account.destroy");
PD_LAYOUT_ASSERT(offsetof(pd_account, start_pin) == 24, "pd_account.start_pin");
PD_LAYOUT_ASSERT(offsetof(pd_account, check_pin) == 32, "pd_account.check_pin");
PD_LAYOUT_ASSERT(offsetof(pd_account, wait_pin) == 40, "pd_account.wait_pin");
PD_LAYOUT_ASSERT(offsetof(pd_account, sign_in) == 48, "pd_account.sign_in");
PD_LAYOUT_ASSERT(offsetof(pd_account, check_token) == 56, "pd_account.check_token");
PD_LAYOUT_ASSERT(offsetof(pd_account, servers) == 64, "pd_account.servers");
PD_LAYOUT_ASSERT(offsetof(pd_account, choose_connection) == 72, "pd_account.choose_connection");
PD_LAYOUT_ASSERT(sizeof(pd_entry) == 48, "pd_entry size");
PD_LAYOUT_ASSERT(offsetof(pd_entry, abi_major) == 4, "pd_entry.abi_major");
PD_LAYOUT_ASSERT(offsetof(pd_entry, abi_minor) == 6, "pd_entry.abi_minor");
PD_LAYOUT_ASSERT(offsetof(pd_entry, driver_id) == 8, "pd_entry.driver_id");
PD_LAYOUT_ASSERT(offsetof(pd_entry, negotiate) == 32, "pd_entry.negotiate");
PD_LAYOUT_ASSERT(offsetof(pd_entry, get_interface) == 40, "pd_entry.get_interface");
#endif

/* The status list is append-only: the first release's codes never change. */
PD_LAYOUT_ASSERT(PD_OK == 0 && PD_ERR_UNAUTHORIZED == 3 && PD_ERR_TIMEOUT == 7 && PD_ERR_TLS == 8, "status codes");
PD_LAYOUT_ASSERT(PD_ERR_CANCELLED == 11 && PD_ERR_UNSUPPORTED == 12 && PD_ERR_INTERNAL == 17, "status codes");
PD_LAYOUT_ASSERT(PD_STATUS_COUNT >= 18, "status count");
PD_LAYOUT_ASSERT(PD_ABI_MAJOR == 1, "ABI major");

#endif /* TESTS_ABI_HEADER_LAYOUT_CHECK_H_ */
