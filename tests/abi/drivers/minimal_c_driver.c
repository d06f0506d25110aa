/* SPDX-License-Identifier: MIT */
/* A complete PlayerDriver in plain C99. It does nothing useful: create/connect/test_connection/
 * capabilities succeed, sync is unsupported. It is built two ways:
 *   - by tests/abi against the FROZEN ABI 1.0 header (PD_MINIMAL_FROZEN_1_0): proof that a driver
 *     built for the first release keeps loading in today's host;
 *   - as the SDK's worked example (plugin_api/WRITING_A_DRIVER.md) against the installed
 *     <player_driver/player_driver.h>, with find_package(PlayerDriver) or pkg-config.
 * Either way it implements the ABI 1.0 table, and says so: its entry claims minor 0 and its
 * pd_driver.struct_size ends after sync, so hosts never look for later members. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#ifdef PD_MINIMAL_FROZEN_1_0
#include "player_driver_1_0.h"
#else
#include <player_driver/player_driver.h>
#endif

/* The newest ABI minor this driver implements (whatever header it is compiled with). */
#define MINIMAL_ABI_MINOR 0u
/* Its pd_driver table ends after sync (the ABI 1.0 table). */
#define MINIMAL_DRIVER_TABLE_SIZE (offsetof(pd_driver, sync) + sizeof(void (*)(void)))

struct pd_instance {
  pd_host host; /* zero-extended copy of what the host gave */
};

static void set_error(pd_error* err, pd_status status, const char* message) {
  size_t cap;
  size_t n;
  if (!err || err->struct_size < offsetof(pd_error, message)) return;
  err->status = status;
  err->detail = 0;
  if (err->struct_size <= offsetof(pd_error, message)) return;
  cap = err->struct_size - offsetof(pd_error, message);
  if (cap > PD_ERROR_MESSAGE_CAPACITY) cap = PD_ERROR_MESSAGE_CAPACITY;
  n = strlen(message);
  if (n >= cap) n = cap - 1;
  memcpy(err->message, message, n);
  err->message[n] = '\0';
}

static pd_status write_doc(const pd_sink* out, const char* doc, pd_error* err) {
  if (!out || out->struct_size < sizeof(pd_sink) || !out->write) {
    set_error(err, PD_ERR_INVALID_ARGUMENT, "out: a pd_sink with a write callback is required");
    return PD_ERR_INVALID_ARGUMENT;
  }
  out->write(out->ctx, doc, strlen(doc));
  set_error(err, PD_OK, "");
  return PD_OK;
}

static pd_status create(const pd_host* host, const char* config_json, pd_instance** out,
                        pd_error* err) {
  pd_instance* instance;
  if (out) *out = NULL;
  if (!out) {
    set_error(err, PD_ERR_INVALID_ARGUMENT, "create: out is NULL");
    return PD_ERR_INVALID_ARGUMENT;
  }
  if (!config_json || config_json[0] != '{') {
    set_error(err, PD_ERR_INVALID_CONFIG, "config: expected a JSON object");
    return PD_ERR_INVALID_CONFIG;
  }
  instance = (pd_instance*)calloc(1, sizeof *instance);
  if (!instance) {
    set_error(err, PD_ERR_INTERNAL, "create: out of memory");
    return PD_ERR_INTERNAL;
  }
  if (host) {
    size_t n = host->struct_size < sizeof instance->host ? host->struct_size : sizeof instance->host;
    memcpy(&instance->host, host, n);
  }
  if (instance->host.struct_size >= offsetof(pd_host, log) + sizeof(void*) && instance->host.log) {
    instance->host.log(instance->host.ctx, PD_LOG_INFO, "minimal-c driver: instance created");
  }
  *out = instance;
  set_error(err, PD_OK, "");
  return PD_OK;
}

static void destroy(pd_instance* instance) { free(instance); }

static pd_status connect_(pd_instance* instance, void* op_ctx, pd_error* err) {
  (void)op_ctx;
  if (!instance) {
    set_error(err, PD_ERR_INVALID_ARGUMENT, "connect: instance is NULL");
    return PD_ERR_INVALID_ARGUMENT;
  }
  set_error(err, PD_OK, "");
  return PD_OK;
}

static pd_status capabilities(pd_instance* instance, const pd_sink* out, pd_error* err) {
  (void)instance;
  return write_doc(out,
                   "{\"schema_version\":1,\"driver_id\":\"org.example.minimal-c\","
                   "\"driver_version\":\"1.0.0\",\"abi\":{\"major\":1,\"minor\":0},"
                   "\"operations\":{\"connect\":true,\"test_connection\":true,\"sync\":false},"
                   "\"server\":null}",
                   err);
}

static pd_status test_connection(pd_instance* instance, void* op_ctx, const pd_sink* out,
                                 pd_error* err) {
  (void)op_ctx;
  if (!instance) {
    set_error(err, PD_ERR_INVALID_ARGUMENT, "test_connection: instance is NULL");
    return PD_ERR_INVALID_ARGUMENT;
  }
  return write_doc(out, "{\"schema_version\":1,\"ok\":true,\"url\":\"minimal://\",\"steps\":[]}", err);
}

static pd_status sync_(pd_instance* instance, const char* request_json, void* op_ctx,
                       const pd_sink* out, pd_error* err) {
  (void)instance;
  (void)request_json;
  (void)op_ctx;
  (void)out;
  set_error(err, PD_ERR_UNSUPPORTED, "sync: the minimal C driver cannot sync");
  return PD_ERR_UNSUPPORTED;
}

/* Designated initializers: members a later header appends stay NULL, and struct_size tells
 * hosts they are not part of this table anyway. */
static const pd_driver kDriver = {
    .struct_size = (uint32_t)MINIMAL_DRIVER_TABLE_SIZE,
    .create = create,
    .destroy = destroy,
    .connect = connect_,
    .capabilities = capabilities,
    .test_connection = test_connection,
    .sync = sync_,
};

static pd_status negotiate(uint32_t host_major, uint32_t host_minor, uint32_t* out_minor) {
  const uint32_t mine = MINIMAL_ABI_MINOR; /* a variable: the comparison stays real */
  if (host_major != PD_ABI_MAJOR || !out_minor) return PD_ERR_INCOMPATIBLE;
  *out_minor = host_minor < mine ? host_minor : mine;
  return PD_OK;
}

static const void* get_interface(const char* id) {
  return (id && strcmp(id, PD_DRIVER_INTERFACE_ID) == 0) ? (const void*)&kDriver : NULL;
}

static const pd_entry kEntry = {
    .struct_size = sizeof(pd_entry),
    .abi_major = PD_ABI_MAJOR,
    .abi_minor = MINIMAL_ABI_MINOR,
    .driver_id = "org.example.minimal-c",
    .driver_name = "Minimal C driver",
    .driver_version = "1.0.0",
    .negotiate = negotiate,
    .get_interface = get_interface,
};

PD_EXPORT const pd_entry* player_driver_entry(void) { return &kEntry; }
