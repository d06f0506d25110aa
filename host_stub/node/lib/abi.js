'use strict';
// The PlayerDriver C ABI (plugin_api/include/player_driver/player_driver.h) declared for koffi:
// the constants, the structs the host fills or reads, and the function types. Nothing here
// calls the driver; lib/driver.js does. Layouts follow the header exactly (x86-64 / aarch64
// LP64); test/abi.test.js checks them against the sizes the C ABI tests pin.

function loadKoffi() {
  try {
    return require('koffi');
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    throw new Error(`koffi is not installed: run "npm ci" in ${require('node:path').resolve(__dirname, '..')} (scripts/setup.sh does)`);
  }
}
const koffi = loadKoffi();

const ABI_MAJOR = 1;
const ABI_MINOR = 2;
const ENTRY_SYMBOL = 'player_driver_entry';
const DRIVER_INTERFACE_ID = 'pd.driver/1';
const ERROR_MESSAGE_CAPACITY = 1024;

// pd_status values: a fixed list, never renumbered. Unknown values read as "internal".
const STATUS_NAMES = [
  'ok', 'invalid_argument', 'invalid_config', 'unauthorized', 'forbidden', 'unreachable', 'dns',
  'timeout', 'tls', 'not_found', 'protocol', 'cancelled', 'unsupported', 'incompatible', 'busy',
  'server', 'buffer', 'internal',
];
const Status = Object.freeze(Object.fromEntries(STATUS_NAMES.map((name, code) => [name.toUpperCase(), code])));

function statusName(code) {
  return Number.isInteger(code) && code >= 0 && code < STATUS_NAMES.length ? STATUS_NAMES[code] : 'internal';
}

const LogLevel = Object.freeze({ DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3 });
const LOG_LEVEL_NAMES = ['debug', 'info', 'warn', 'error'];

function logLevelName(level) {
  return LOG_LEVEL_NAMES[level] || 'error';
}

// ---- types -------------------------------------------------------------------------------

const pd_instance = koffi.opaque('pd_instance');

// Host callbacks. `ctx` identifies the instance or account client and `op_ctx` the call: small
// integers the driver never dereferences, by which calls.js routes each callback.
const pd_log_fn = koffi.proto('void pd_log_fn(void *ctx, int32_t level, const char *message)');
const pd_progress_fn = koffi.proto(
  'void pd_progress_fn(void *ctx, void *op_ctx, double fraction, const char *message)');
const pd_is_cancelled_fn = koffi.proto('int pd_is_cancelled_fn(void *ctx, void *op_ctx)');
const pd_event_fn = koffi.proto('void pd_event_fn(void *ctx, const char *event_json)');
// `data` is not NUL-terminated: declared as void* and read with koffi.view(data, size).
const pd_sink_write_fn = koffi.proto('void pd_sink_write_fn(void *ctx, const void *data, size_t size)');

const pd_error = koffi.struct('pd_error', {
  struct_size: 'uint32_t',
  status: 'int32_t',
  detail: 'int32_t',
  message: koffi.array('uint8_t', ERROR_MESSAGE_CAPACITY),
});

const pd_sink = koffi.struct('pd_sink', {
  struct_size: 'uint32_t',
  ctx: 'void *',
  write: koffi.pointer(pd_sink_write_fn),
});

// ABI 1.2 appended `event`; a host that sets struct_size to the full size offers it.
const pd_host = koffi.struct('pd_host', {
  struct_size: 'uint32_t',
  ctx: 'void *',
  log: koffi.pointer(pd_log_fn),
  progress: koffi.pointer(pd_progress_fn),
  is_cancelled: koffi.pointer(pd_is_cancelled_fn),
  event: koffi.pointer(pd_event_fn),
});

// Driver functions (members of pd_driver, "pd.driver/1").
const fn = {
  create: koffi.proto(
    'int32_t pd_create_fn(const pd_host *host, const char *config_json, _Out_ pd_instance **out, _Inout_ pd_error *err)'),
  destroy: koffi.proto('void pd_destroy_fn(pd_instance *instance)'),
  connect: koffi.proto('int32_t pd_connect_fn(pd_instance *instance, void *op_ctx, _Inout_ pd_error *err)'),
  capabilities: koffi.proto(
    'int32_t pd_capabilities_fn(pd_instance *instance, const pd_sink *out, _Inout_ pd_error *err)'),
  test_connection: koffi.proto(
    'int32_t pd_test_connection_fn(pd_instance *instance, void *op_ctx, const pd_sink *out, _Inout_ pd_error *err)'),
  sync: koffi.proto(
    'int32_t pd_sync_fn(pd_instance *instance, const char *request_json, void *op_ctx, const pd_sink *out, _Inout_ pd_error *err)'),
  // ABI 1.1
  find: koffi.proto(
    'int32_t pd_find_fn(pd_instance *instance, const char *path, void *op_ctx, const pd_sink *out, _Inout_ pd_error *err)'),
  // ABI 1.2
  sessions: koffi.proto(
    'int32_t pd_sessions_fn(pd_instance *instance, void *op_ctx, const pd_sink *out, _Inout_ pd_error *err)'),
  handle_webhook: koffi.proto(
    'int32_t pd_handle_webhook_fn(pd_instance *instance, const char *content_type, const void *body, size_t body_size, const pd_sink *out, _Inout_ pd_error *err)'),
};

// pd_driver as this header knows it: every member a function pointer, in header order. A
// driver's table may be shorter (older minor): members past its struct_size are absent.
const DRIVER_MEMBERS = ['create', 'destroy', 'connect', 'capabilities', 'test_connection', 'sync',
  'find', 'sessions', 'handle_webhook'];
const pd_driver = koffi.struct('pd_driver', Object.assign({ struct_size: 'uint32_t' },
  Object.fromEntries(DRIVER_MEMBERS.map((m) => [m, 'void *']))));
// The minor that introduced each member past the first release.
const DRIVER_MEMBER_MINOR = { find: 1, sessions: 2, handle_webhook: 2 };

// pd_account ("pd.account/1", plex.tv sign-in; lib/account.js): its table as this header
// knows it, and its functions.
const ACCOUNT_INTERFACE_ID = 'pd.account/1';
const pd_account_client = koffi.opaque('pd_account_client');
const accountFn = {
  create: koffi.proto(
    'int32_t pd_account_create_fn(const pd_host *host, const char *options_json, _Out_ pd_account_client **out, _Inout_ pd_error *err)'),
  destroy: koffi.proto('void pd_account_destroy_fn(pd_account_client *client)'),
  start_pin: koffi.proto(
    'int32_t pd_account_start_pin_fn(pd_account_client *client, void *op_ctx, const pd_sink *out, _Inout_ pd_error *err)'),
  check_pin: koffi.proto(
    'int32_t pd_account_check_pin_fn(pd_account_client *client, const char *pin_json, void *op_ctx, const pd_sink *out, _Inout_ pd_error *err)'),
  wait_pin: koffi.proto(
    'int32_t pd_account_wait_pin_fn(pd_account_client *client, const char *pin_json, void *op_ctx, const pd_sink *out, _Inout_ pd_error *err)'),
  sign_in: koffi.proto(
    'int32_t pd_account_sign_in_fn(pd_account_client *client, const char *credentials_json, void *op_ctx, const pd_sink *out, _Inout_ pd_error *err)'),
  check_token: koffi.proto(
    'int32_t pd_account_check_token_fn(pd_account_client *client, const char *token, void *op_ctx, const pd_sink *out, _Inout_ pd_error *err)'),
  servers: koffi.proto(
    'int32_t pd_account_servers_fn(pd_account_client *client, const char *token, void *op_ctx, const pd_sink *out, _Inout_ pd_error *err)'),
  choose_connection: koffi.proto(
    'int32_t pd_account_choose_connection_fn(pd_account_client *client, const char *request_json, void *op_ctx, const pd_sink *out, _Inout_ pd_error *err)'),
};
const ACCOUNT_MEMBERS = ['create', 'destroy', 'start_pin', 'check_pin', 'wait_pin', 'sign_in', 'check_token',
  'servers', 'choose_connection'];
const pd_account = koffi.struct('pd_account', Object.assign({ struct_size: 'uint32_t' },
  Object.fromEntries(ACCOUNT_MEMBERS.map((m) => [m, 'void *']))));

// pd_provider ("pd.provider/1", the metadata provider a media server asks over HTTP;
// lib/provider.js): the HTTP request and response structs, the table and its functions.
const PROVIDER_INTERFACE_ID = 'pd.provider/1';
const pd_provider_server = koffi.opaque('pd_provider_server');
const pd_http_header = koffi.struct('pd_http_header', {
  name: 'const char *',
  value: 'const char *',
});
// `body` is not NUL-terminated: a Buffer passed as a pointer, with its length in body_size.
const pd_http_request = koffi.struct('pd_http_request', {
  struct_size: 'uint32_t',
  method: 'const char *',
  path: 'const char *',
  query: 'const char *',
  headers: koffi.pointer(pd_http_header),
  header_count: 'size_t',
  body: 'const void *',
  body_size: 'size_t',
  base_url: 'const char *',
});
// start's `headers` is read with koffi.decode(headers, pd_http_header, header_count); write's
// `data` with koffi.view(data, size), like a sink's.
const pd_http_start_fn = koffi.proto(
  'void pd_http_start_fn(void *ctx, int32_t status, const void *headers, size_t header_count)');
const pd_http_write_fn = koffi.proto('void pd_http_write_fn(void *ctx, const void *data, size_t size)');
const pd_http_response = koffi.struct('pd_http_response', {
  struct_size: 'uint32_t',
  ctx: 'void *',
  start: koffi.pointer(pd_http_start_fn),
  write: koffi.pointer(pd_http_write_fn),
});
const providerFn = {
  create: koffi.proto(
    'int32_t pd_provider_create_fn(const pd_host *host, const char *config_json, _Out_ pd_provider_server **out, _Inout_ pd_error *err)'),
  destroy: koffi.proto('void pd_provider_destroy_fn(pd_provider_server *provider)'),
  handle: koffi.proto(
    'int32_t pd_provider_handle_fn(pd_provider_server *provider, const pd_http_request *request, const pd_http_response *out, _Inout_ pd_error *err)'),
  check: koffi.proto(
    'int32_t pd_provider_check_fn(pd_provider_server *provider, const char *path, const pd_sink *out, _Inout_ pd_error *err)'),
};
const PROVIDER_MEMBERS = ['create', 'destroy', 'handle', 'check'];
const pd_provider = koffi.struct('pd_provider', Object.assign({ struct_size: 'uint32_t' },
  Object.fromEntries(PROVIDER_MEMBERS.map((m) => [m, 'void *']))));

const pd_negotiate_fn = koffi.proto(
  'int32_t pd_negotiate_fn(uint32_t host_major, uint32_t host_minor, _Out_ uint32_t *out_minor)');
const pd_get_interface_fn = koffi.proto('const void *pd_get_interface_fn(const char *interface_id)');

const pd_entry = koffi.struct('pd_entry', {
  struct_size: 'uint32_t',
  abi_major: 'uint16_t',
  abi_minor: 'uint16_t',
  driver_id: 'const char *',
  driver_name: 'const char *',
  driver_version: 'const char *',
  negotiate: 'void *',
  get_interface: 'void *',
});

module.exports = {
  koffi,
  ABI_MAJOR,
  ABI_MINOR,
  ENTRY_SYMBOL,
  DRIVER_INTERFACE_ID,
  ACCOUNT_INTERFACE_ID,
  PROVIDER_INTERFACE_ID,
  ERROR_MESSAGE_CAPACITY,
  Status,
  statusName,
  LogLevel,
  logLevelName,
  types: {
    pd_instance, pd_account_client, pd_error, pd_sink, pd_host, pd_driver, pd_account, pd_entry, pd_negotiate_fn,
    pd_get_interface_fn, pd_log_fn, pd_progress_fn, pd_is_cancelled_fn, pd_event_fn, pd_sink_write_fn,
    pd_provider_server, pd_http_header, pd_http_request, pd_http_response, pd_provider, pd_http_start_fn,
    pd_http_write_fn,
  },
  fn,
  accountFn,
  providerFn,
  DRIVER_MEMBERS,
  DRIVER_MEMBER_MINOR,
  ACCOUNT_MEMBERS,
  PROVIDER_MEMBERS,
};
