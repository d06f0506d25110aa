/* SPDX-License-Identifier: MIT */
/*
 * player_driver.h - the PlayerDriver C ABI.
 *
 * A media manager (the "host", e.g. Metarr) loads one driver per media-server type (Plex, Kodi,
 * Jellyfin) from a shared library and talks to it only through this header. The header is plain
 * C99 (it also compiles as C11 and as C++11..C++20) and never changes in a way that breaks a
 * published struct: new features arrive as new fields appended to the end of a struct that
 * carries its own size, or as new interfaces looked up by id (see pd_entry.get_interface).
 *
 * ---------------------------------------------------------------------------------------------
 * Versioning
 *   PD_ABI_MAJOR changes only when compatibility is broken; host and driver must agree on it.
 *   PD_ABI_MINOR grows when something is added. Host and driver negotiate the highest minor both
 *   understand with pd_entry.negotiate (modelled on Vulkan's loader/ICD negotiation). A driver
 *   built for minor N keeps loading in a host built for minor M < N and vice versa.
 *   Every struct that crosses the boundary starts with `uint32_t struct_size`, set by whoever
 *   fills it. A reader copies min(struct_size, sizeof(its own struct)) into a zeroed local and
 *   treats fields past struct_size as absent (modelled on OBS and SQLite's iVersion).
 *   Optional interfaces have their own versioned ids, independent of the minor: a host asks
 *   get_interface for them and gets NULL from drivers without them ("pd.account/1").
 *
 * Loading (what a host does)
 *   1. dlopen/LoadLibrary the file; look up the one exported symbol PD_ENTRY_SYMBOL
 *      ("player_driver_entry"), a function of type pd_entry_fn. Nothing else is exported.
 *   2. Call it; check entry->struct_size and entry->abi_major == PD_ABI_MAJOR.
 *   3. Call entry->negotiate(PD_ABI_MAJOR, PD_ABI_MINOR, &minor). PD_OK means usable.
 *   4. entry->get_interface(PD_DRIVER_INTERFACE_ID) gives the pd_driver function table.
 *   5. create() one instance per media server, use it, destroy() it.
 *   6. Unload the library only after every instance was destroyed.
 *
 * Text and data
 *   All strings are NUL-terminated UTF-8. Structured data (configuration, requests, results)
 *   is a UTF-8 JSON object carrying "schema_version"; readers ignore unknown keys; a missing or
 *   malformed required key is PD_ERR_INVALID_ARGUMENT / PD_ERR_INVALID_CONFIG with a message
 *   naming the key. The JSON schemas are documented in plugin_api/schemas.md, next to this
 *   header's include/ directory.
 *
 * Memory ownership
 *   No memory changes owner across the boundary and no allocator is shared. Inputs are borrowed
 *   for the duration of the call. Results are delivered through a caller-provided pd_sink: the
 *   driver calls sink->write with bytes that are valid only during that callback; the host copies
 *   what it needs. Errors go into a caller-owned pd_error.
 *
 * Errors and exceptions
 *   Every function returns a pd_status from the fixed list below (values are never renumbered or
 *   reused) and, when the caller passes a pd_error, fills it with the same status, a detail code
 *   (e.g. the HTTP status) and a readable message that says what to fix. No C++ exception ever
 *   crosses the boundary: drivers catch everything and return PD_ERR_INTERNAL. Messages never
 *   contain secrets (tokens are redacted).
 *
 * Threads (tags used below, after CLAP)
 *   [any-thread]   may be called from any thread.
 *   [thread-safe]  may be called from several threads at the same time.
 *   [instance-serial] may be called from any thread, but the driver may refuse a second
 *                  concurrent call of the same kind on the same instance with PD_ERR_BUSY.
 *   The driver may call host callbacks from any thread, including threads it started, but never
 *   after destroy() of the instance has returned. Threads a driver starts are joined before
 *   destroy() returns.
 */
#ifndef PLAYER_DRIVER_PLAYER_DRIVER_H_
#define PLAYER_DRIVER_PLAYER_DRIVER_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PD_ABI_MAJOR 1
/* History: 1.0 first release; 1.1 appended pd_driver.find; 1.2 appended pd_host.event,
 * pd_driver.sessions and pd_driver.handle_webhook. */
#define PD_ABI_MINOR 2

/* Exported symbol name and visibility helper for drivers. */
#define PD_ENTRY_SYMBOL "player_driver_entry"
#if defined(_WIN32)
#define PD_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
#define PD_EXPORT __attribute__((visibility("default")))
#else
#define PD_EXPORT
#endif

/* ----------------------------------------------------------------------------------------- */
/* Status codes. A fixed list: values are never renumbered; new codes are only appended.      */
/* A host that sees a value it does not know treats it as PD_ERR_INTERNAL.                    */
/* ----------------------------------------------------------------------------------------- */
typedef int32_t pd_status;
#define PD_OK 0                     /* success */
#define PD_ERR_INVALID_ARGUMENT 1   /* a parameter or request JSON is wrong; message names it */
#define PD_ERR_INVALID_CONFIG 2     /* the instance configuration is wrong; message names the key */
#define PD_ERR_UNAUTHORIZED 3       /* the server refused the credentials (HTTP 401) */
#define PD_ERR_FORBIDDEN 4          /* credentials valid but not allowed (HTTP 403, non-admin) */
#define PD_ERR_UNREACHABLE 5        /* connection refused / reset / host down */
#define PD_ERR_DNS 6                /* the host name did not resolve */
#define PD_ERR_TIMEOUT 7            /* no answer within the configured time */
#define PD_ERR_TLS 8                /* TLS handshake or certificate verification failed */
#define PD_ERR_NOT_FOUND 9          /* the thing asked for does not exist */
#define PD_ERR_PROTOCOL 10          /* the peer answered, but not as the expected server does */
#define PD_ERR_CANCELLED 11         /* the host cancelled the operation (is_cancelled) */
#define PD_ERR_UNSUPPORTED 12       /* the driver or the server cannot do this */
#define PD_ERR_INCOMPATIBLE 13      /* ABI major mismatch / no common minor version */
#define PD_ERR_BUSY 14              /* a conflicting call is running on this instance */
#define PD_ERR_SERVER 15            /* the server reported an error (HTTP 5xx) */
#define PD_ERR_BUFFER 16            /* a caller-provided struct is too small to be used */
#define PD_ERR_INTERNAL 17          /* a bug or unexpected condition inside the driver */
#define PD_STATUS_COUNT 18          /* one past the last code known to this header version */

/* Log levels for pd_host.log. */
typedef int32_t pd_log_level;
#define PD_LOG_DEBUG 0
#define PD_LOG_INFO 1
#define PD_LOG_WARN 2
#define PD_LOG_ERROR 3

/* ----------------------------------------------------------------------------------------- */
/* Caller-owned error report.                                                                */
/* ----------------------------------------------------------------------------------------- */
#define PD_ERROR_MESSAGE_CAPACITY 1024
typedef struct pd_error {
  uint32_t struct_size; /* caller sets sizeof(pd_error); the driver writes nothing past it */
  pd_status status;     /* the same value the call returned */
  int32_t detail;       /* extra code: HTTP status where one applies, else 0 */
  /* NUL-terminated UTF-8, truncated on a character boundary to fit. Empty on success. */
  char message[PD_ERROR_MESSAGE_CAPACITY];
} pd_error;

/* ----------------------------------------------------------------------------------------- */
/* Result sink: how results come back without changing memory ownership.                     */
/* ----------------------------------------------------------------------------------------- */
typedef struct pd_sink {
  uint32_t struct_size; /* sizeof(pd_sink) */
  void* ctx;            /* passed back unchanged */
  /* Called by the driver on the calling thread, zero or more times before the call returns;
   * the concatenation of all chunks is the result document (UTF-8 JSON). `data` is valid only
   * during the callback and is not NUL-terminated. Must not call back into the driver. */
  void (*write)(void* ctx, const char* data, size_t size);
} pd_sink;

/* ----------------------------------------------------------------------------------------- */
/* Host callbacks, given to create() and kept by the instance until destroy() returns.       */
/* Every callback may be NULL. New callbacks are appended; the driver checks struct_size.    */
/* ----------------------------------------------------------------------------------------- */
typedef struct pd_host {
  uint32_t struct_size; /* sizeof(pd_host) as the host knows it */
  void* ctx;            /* host context, passed to every callback */
  /* [thread-safe] A log line (UTF-8, no trailing newline, never contains secrets). The string is
   * valid only during the call. */
  void (*log)(void* ctx, pd_log_level level, const char* message);
  /* [thread-safe] Progress of the long-running call that was given `op_ctx`: fraction in [0,1]
   * or -1 when unknown, and a short UTF-8 description (valid during the call). */
  void (*progress)(void* ctx, void* op_ctx, double fraction, const char* message);
  /* [thread-safe] Polled between steps of the call that was given `op_ctx`; non-zero asks the
   * driver to stop. The call then returns PD_ERR_CANCELLED (or a result saying what was done). */
  int (*is_cancelled)(void* ctx, void* op_ctx);

  /* ---- ABI 1.2: a driver reads members below only when struct_size covers them ---- */

  /* [thread-safe] Something happened on the server: playback started/paused/resumed/stopped,
   * a scan started/finished, an item was added/updated/deleted, the server became unreachable
   * or reachable again, a queued change ended ("sync.change": exactly one per change a sync with
   * wait:false answered "queued", carrying the change's id; with config state_dir at least once,
   * across restarts). `event_json` is one NUL-terminated UTF-8 "event" document (schemas.md),
   * valid only during the call. Called from a thread the driver started (after connect(), or after
   * create() when a state_dir journal held unfinished changes), also while destroy() runs (the
   * outcomes of queued changes that will not run), never after destroy() returned; must not block
   * for long and must not call destroy(). */
  void (*event)(void* ctx, const char* event_json);
} pd_host;

/* Opaque driver instance: one per configured media server. */
typedef struct pd_instance pd_instance;

/* ----------------------------------------------------------------------------------------- */
/* The driver interface, id PD_DRIVER_INTERFACE_ID. Published: never changes; later minors    */
/* only append members (check struct_size before using a member past the first release).    */
/* Every function accepts err == NULL. `op_ctx` is any host pointer (may be NULL); it is     */
/* handed back to pd_host.progress / is_cancelled so a host can cancel one call among many.  */
/* ----------------------------------------------------------------------------------------- */
#define PD_DRIVER_INTERFACE_ID "pd.driver/1"

typedef struct pd_driver {
  uint32_t struct_size; /* sizeof(pd_driver) as the driver knows it */

  /* [any-thread] Creates an instance from `config_json` (schema: plugin_api/schemas.md,
   * "config"). Validates the configuration without network I/O; on any problem returns
   * PD_ERR_INVALID_CONFIG naming the key. `host` is copied (min of sizes); `host->ctx` must stay
   * valid until destroy() returns. On success *out receives the instance, owned by the host,
   * to be released with destroy(); on failure *out is set to NULL. */
  pd_status (*create)(const pd_host* host, const char* config_json, pd_instance** out,
                      pd_error* err);

  /* [any-thread] Cancels what the instance is doing, joins every thread it started, waits for
   * calls in flight on other threads to return, then frees it. No host callback runs after it
   * returns. The host must not start new calls on `instance` once destroy() was called.
   * NULL is ignored. */
  void (*destroy)(pd_instance* instance);

  /* [thread-safe] Reaches the server, proves it is the expected kind of server and that the
   * credentials work, and caches what later calls need. Optional: other calls connect lazily. */
  pd_status (*connect)(pd_instance* instance, void* op_ctx, pd_error* err);

  /* [thread-safe] Writes the capabilities document (schema "capabilities") to `out`. With
   * instance == NULL: what the driver can do; with an instance: also what this server allows
   * (connecting first if needed, a failure to connect is reported in the document). */
  pd_status (*capabilities)(pd_instance* instance, const pd_sink* out, pd_error* err);

  /* [thread-safe] Diagnoses the connection and configuration and writes a report (schema
   * "test_connection") to `out`. Returns PD_OK only if the server is usable; otherwise the
   * status of the first failure, with the report (if any) and an actionable message. */
  pd_status (*test_connection)(pd_instance* instance, void* op_ctx, const pd_sink* out,
                               pd_error* err);

  /* [instance-serial] Makes the server reflect the changes in `request_json` (schema
   * "sync_request") and writes the per-change result (schema "sync_result") to `out`. A second
   * sync while one runs on the same instance returns PD_ERR_BUSY. With options.wait false the
   * changes are queued: each one answered "queued" has an id and later ends in one "sync.change"
   * event (pd_host.event); with config state_dir it was journaled before this call returned and
   * survives the process. Returns PD_OK when the request
   * was valid and processed, even if individual changes failed (see each change's status);
   * PD_ERR_UNSUPPORTED when the driver cannot sync. */
  pd_status (*sync)(pd_instance* instance, const char* request_json, void* op_ctx,
                    const pd_sink* out, pd_error* err);

  /* ---- ABI 1.1: members below exist only when struct_size covers them ---- */

  /* [thread-safe] Tells what the server has for `path` (UTF-8, as the media manager sees it):
   * writes a "find_result" document (schemas.md) with the mapped path, the libraries containing
   * it and the items there (ratingKey, type, title, files). PD_OK also when nothing is found
   * (the document says so); an error status only when the server could not be asked. */
  pd_status (*find)(pd_instance* instance, const char* path, void* op_ctx, const pd_sink* out,
                    pd_error* err);

  /* ---- ABI 1.2: members below exist only when struct_size covers them ---- */

  /* [thread-safe] Who is watching now: asks the server (/status/sessions needs an admin token)
   * and writes a "sessions" document (schemas.md): every session with user, player, item,
   * state, and whether it counts as active under the instance's rules (paused, stale). */
  pd_status (*sessions)(pd_instance* instance, void* op_ctx, const pd_sink* out, pd_error* err);

  /* [thread-safe] Reads one webhook request the host's HTTP server received from Plex:
   * `content_type` is the request's Content-Type header (multipart/form-data with its boundary),
   * `body`/`body_size` the raw body (not NUL-terminated; may contain a JPEG part). Checks that it
   * comes from this instance's server (payload Server.uuid = the server's machine identifier,
   * asking the server for it once if not connected yet), updates the instance's playback state
   * and writes the normalized "event" document to `out`. Malformed, oversized (config
   * webhook_max_bytes) or foreign bodies return PD_ERR_INVALID_ARGUMENT naming the part that is
   * wrong, and change nothing. */
  pd_status (*handle_webhook)(pd_instance* instance, const char* content_type, const char* body,
                              size_t body_size, const pd_sink* out, pd_error* err);
} pd_driver;

/* ----------------------------------------------------------------------------------------- */
/* The account interface, id PD_ACCOUNT_INTERFACE_ID (optional; get_interface returns NULL    */
/* when a driver has none). Signing in to the media server's account service (for Plex:       */
/* plex.tv), finding the account's servers and choosing how to reach one, so a host can offer */
/* "sign in" instead of asking for a token. It is independent of pd_driver: a host that does  */
/* not know it is unaffected, and one that does needs no instance to use it.                  */
/*                                                                                            */
/* Secrets: a token appears only in the documents a host asked for to get one ("account_login" */
/* from wait_pin/check_pin/sign_in, and "config" inside "account_connection"); never in logs, */
/* progress text or pd_error messages. Passwords are used for one request and not kept.       */
/* Documents are described in plugin_api/schemas.md (account_*).                              */
/* Every function accepts err == NULL and returns PD_ERR_INVALID_ARGUMENT for a NULL client,  */
/* sink or required string. Published: never changes; later versions only append members.     */
/* ----------------------------------------------------------------------------------------- */
#define PD_ACCOUNT_INTERFACE_ID "pd.account/1"

/* Opaque account client: options (which service, who the client is, timeouts); no sign-in
 * state. Several may exist side by side. */
typedef struct pd_account_client pd_account_client;

typedef struct pd_account {
  uint32_t struct_size; /* sizeof(pd_account) as the driver knows it */

  /* [any-thread] Creates a client from `options_json` (schema "account_options"; NULL or "{}"
   * for the defaults: the real service, a newly generated client identifier that every result
   * reports, so the host can keep it). No network I/O. `host` is copied as by
   * pd_driver.create; its log/progress/is_cancelled serve every call on this client. On success
   * *out receives the client, owned by the host, released with destroy(); else *out is NULL and
   * the status is PD_ERR_INVALID_ARGUMENT naming the option. */
  pd_status (*create)(const pd_host* host, const char* options_json, pd_account_client** out,
                      pd_error* err);

  /* [any-thread] Cancels waits in progress (they return PD_ERR_CANCELLED), waits for calls in
   * flight, frees the client. No host callback runs after it returns. NULL is ignored. */
  void (*destroy)(pd_account_client* client);

  /* [thread-safe] Starts a PIN sign-in and writes "account_pin": the PIN's id, its code, the
   * auth_url the user opens to approve it, and when it expires. */
  pd_status (*start_pin)(pd_account_client* client, void* op_ctx, const pd_sink* out,
                         pd_error* err);

  /* [thread-safe] Asks once whether the PIN in `pin_json` (the "account_pin" document, or
   * {"id": N}) was approved: writes "account_pin_status" ({"approved": false}) while waiting, or
   * "account_login" (with the token) once approved. PD_ERR_NOT_FOUND when the PIN expired. For
   * hosts that poll from their own loop. */
  pd_status (*check_pin)(pd_account_client* client, const char* pin_json, void* op_ctx,
                         const pd_sink* out, pd_error* err);

  /* [thread-safe] Blocks until the PIN in `pin_json` is approved (writes "account_login"),
   * expires (PD_ERR_NOT_FOUND; honours the PIN's expires_at), or the host cancels through
   * is_cancelled(op_ctx) (PD_ERR_CANCELLED; checked every 50 ms between polls). Polls about
   * once a second and reports progress (fraction of the PIN's lifetime used, time left). */
  pd_status (*wait_pin)(pd_account_client* client, const char* pin_json, void* op_ctx,
                        const pd_sink* out, pd_error* err);

  /* [thread-safe] Username/password sign-in for setups without a browser: `credentials_json`
   * is "account_credentials" ({"login", "password", "code"?, "method"?}). Writes
   * "account_login". PD_ERR_UNAUTHORIZED with err->detail == 1029 when the account needs a
   * two-factor code (call again with "code"); with detail 401 when the credentials are wrong. */
  pd_status (*sign_in)(pd_account_client* client, const char* credentials_json, void* op_ctx,
                       const pd_sink* out, pd_error* err);

  /* [thread-safe] Checks `token` (NUL-terminated) with the service and writes "account_token":
   * {"valid": true, "user": {...}}, or {"valid": false} (still PD_OK) when the service rejects
   * it. An error status only when the service could not be asked. */
  pd_status (*check_token)(pd_account_client* client, const char* token, void* op_ctx,
                           const pd_sink* out, pd_error* err);

  /* [thread-safe] Lists the servers of the account `token` belongs to, with every address the
   * service knows for each ("account_servers"; no tokens in it). */
  pd_status (*servers)(pd_account_client* client, const char* token, void* op_ctx,
                       const pd_sink* out, pd_error* err);

  /* [thread-safe] Chooses how to reach one server of the account: `request_json`
   * ("account_connection_request": {"token", "server"?, "name"?, "allow_relay"?}). Tries its
   * addresses local first, then remote, relay last (https before http; plain http not at all
   * when the server requires secure connections), proves each by asking the address who it is
   * (its machine identifier must match), and writes "account_connection": what was tried and
   * why each address was not taken, and "config", a ready pd_driver.create configuration
   * (host, port, use_https, the server's token). PD_OK when an address proved; otherwise the
   * status of the best-ranked failure, with the document. */
  pd_status (*choose_connection)(pd_account_client* client, const char* request_json,
                                 void* op_ctx, const pd_sink* out, pd_error* err);
} pd_account;

/* ----------------------------------------------------------------------------------------- */
/* The metadata provider interface, id PD_PROVIDER_INTERFACE_ID (optional; NULL when absent).  */
/* Plex Media Server 1.43+ asks "custom metadata providers" over HTTP; this one answers with the */
/* NFO fields and artwork the media manager wrote. The host runs the HTTP server (mounted at a   */
/* path it chooses) and hands each request to handle(). No network I/O, no pd_driver instance: */
/* it reads files below the manager roots only. Documents: schemas.md (provider_check).        */
/* ----------------------------------------------------------------------------------------- */
#define PD_PROVIDER_INTERFACE_ID "pd.provider/1"

/* Opaque provider: its configuration (manager roots, identifier) and caches. */
typedef struct pd_provider_server pd_provider_server;

/* One HTTP header; both strings NUL-terminated UTF-8, borrowed for the call. */
typedef struct pd_http_header {
  const char* name;
  const char* value;
} pd_http_header;

/* One HTTP request as the host's server received it. Everything is borrowed for the call. */
typedef struct pd_http_request {
  uint32_t struct_size;  /* sizeof(pd_http_request) as the host knows it */
  const char* method;    /* "GET", "HEAD", "POST", ... */
  /* The request path below the host's mount point, starting with "/", still percent-encoded
   * exactly as received (the driver decodes it and refuses encoded separators). */
  const char* path;
  const char* query;     /* the raw query string without "?", or NULL / "" */
  const pd_http_header* headers; /* may be NULL when header_count is 0; names in any case */
  size_t header_count;
  const char* body;      /* not NUL-terminated; may be NULL when body_size is 0 */
  size_t body_size;
  /* The mount point's absolute URL as the media server reached it ("http://10.0.0.5:7878/pd", no
   * trailing "/"), for image links. NULL or "": config provider.public_url, else the Host header. */
  const char* base_url;
} pd_http_request;

/* Where the answer goes: start() exactly once, then write()s; data valid only during each
 * callback, called on the calling thread before handle() returns; never call into the driver. */
typedef struct pd_http_response {
  uint32_t struct_size; /* sizeof(pd_http_response) */
  void* ctx;            /* passed back unchanged */
  /* The status (200, 304, 400, 404, 405, 500, ...) and headers (Content-Type, ETag,
   * Last-Modified, Content-Length, Cache-Control). Arrays valid during the call only. */
  void (*start)(void* ctx, int32_t status, const pd_http_header* headers, size_t header_count);
  /* Zero or more chunks of the body (none for HEAD and 304). */
  void (*write)(void* ctx, const char* data, size_t size);
} pd_http_response;

typedef struct pd_provider {
  uint32_t struct_size; /* sizeof(pd_provider) as the driver knows it */

  /* [any-thread] Creates a provider from `config_json`, the instance "config" document: its
   * path_mappings are the manager roots (host and token unused), its optional "provider" object
   * {name, title, public_url}. Checks that each root exists; no network I/O. `host` is copied
   * (log only: a line per refused request). PD_ERR_INVALID_CONFIG naming the key; *out NULL on
   * failure, else owned by the host until destroy(). */
  pd_status (*create)(const pd_host* host, const char* config_json, pd_provider_server** out,
                      pd_error* err);

  /* [any-thread] Waits for calls in flight on other threads, then frees it. NULL is ignored. */
  void (*destroy)(pd_provider_server* provider);

  /* [thread-safe] Answers one request. Paths (below the mount point): "/movies" and "/shows"
   * are the two provider roots (one per media type, as Plex recommends), each with
   * /library/metadata/matches (POST), /library/metadata/{ratingKey}[/children|/grandchildren|
   * /images] and /images/{root}/{path} (artwork files). Returns PD_OK whenever an answer was
   * written, including 4xx answers (a request for a file outside the manager roots is a 404,
   * logged); an error status only when the arguments are unusable (NULL request or response,
   * PD_ERR_INVALID_ARGUMENT) or on an internal failure, and then nothing was written. */
  pd_status (*handle)(pd_provider_server* provider, const pd_http_request* request,
                      const pd_http_response* out, pd_error* err);

  /* [thread-safe] What the provider would tell the media server for the item at `path` (a
   * media file or its folder, as the media manager sees it, or as the server sees it when
   * path_mappings cover it): writes a "provider_check" document (the NFO read, the fields and
   * artwork served, every problem found). PD_ERR_NOT_FOUND when the path is outside every
   * manager root or does not exist; PD_OK with problems listed when the NFO is refused. */
  pd_status (*check)(pd_provider_server* provider, const char* path, const pd_sink* out,
                     pd_error* err);
} pd_provider;

/* ----------------------------------------------------------------------------------------- */
/* The entry point: the one exported symbol.                                                 */
/* ----------------------------------------------------------------------------------------- */
typedef struct pd_entry {
  uint32_t struct_size; /* sizeof(pd_entry) as the driver knows it */
  uint16_t abi_major;   /* PD_ABI_MAJOR the driver was built with */
  uint16_t abi_minor;   /* highest PD_ABI_MINOR the driver implements */
  const char* driver_id;      /* reverse-DNS id, e.g. "tv.plex"; static storage */
  const char* driver_name;    /* human readable, e.g. "Plex Media Server"; static storage */
  const char* driver_version; /* semantic version of the driver; static storage */

  /* [any-thread] The host offers the newest version it speaks. Returns PD_OK and writes to
   * *out_minor the minor both will use (min of both), or PD_ERR_INCOMPATIBLE when the majors
   * differ. Idempotent and cheap; must be called before get_interface. */
  pd_status (*negotiate)(uint32_t host_major, uint32_t host_minor, uint32_t* out_minor);

  /* [any-thread] Returns the interface table with the given id (PD_DRIVER_INTERFACE_ID, or an
   * optional one such as PD_ACCOUNT_INTERFACE_ID), or NULL when the driver does not provide it.
   * The table is static: valid until unload. */
  const void* (*get_interface)(const char* interface_id);
} pd_entry;

/* Type of the exported entry function. It is [any-thread], never fails and returns a pointer
 * to static storage valid until the library is unloaded. */
typedef const pd_entry* (*pd_entry_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PLAYER_DRIVER_PLAYER_DRIVER_H_ */
