/* Libraries that are not usable drivers, each built as its own module by defining one of:
 *   BAD_NO_ENTRY      exports something, but not player_driver_entry
 *   BAD_NULL_ENTRY    the entry returns NULL
 *   BAD_WRONG_MAJOR   built for ABI major 2
 *   BAD_REFUSES       major 1, but negotiate refuses every offer
 *   FUTURE_MINOR      a newer driver (minor 7) with a larger entry struct: must still load
 *   BAD_NO_INTERFACE  negotiates, but provides no pd.driver/1 */
#include <stddef.h>
#include <string.h>

#include "player_driver/player_driver.h"

#if defined(BAD_NO_ENTRY)
PD_EXPORT int not_a_player_driver(void) { return 42; }
#elif defined(BAD_NULL_ENTRY)
PD_EXPORT const pd_entry* player_driver_entry(void) { return NULL; }
#else

static pd_status create(const pd_host* host, const char* config, pd_instance** out, pd_error* err) {
  (void)host;
  (void)config;
  (void)err;
  if (out) *out = NULL;
  return PD_ERR_UNSUPPORTED;
}
static void destroy(pd_instance* instance) { (void)instance; }
static const pd_driver kDriver = {sizeof(pd_driver), create, destroy, NULL, NULL, NULL, NULL, NULL, NULL, NULL};

static pd_status negotiate(uint32_t host_major, uint32_t host_minor, uint32_t* out_minor) {
#if defined(BAD_REFUSES)
  (void)host_major;
  (void)host_minor;
  (void)out_minor;
  return PD_ERR_INCOMPATIBLE;
#else
  if (host_major != PD_ABI_MAJOR) return PD_ERR_INCOMPATIBLE;
  *out_minor = host_minor < 7 ? host_minor : 7;
  return PD_OK;
#endif
}

static const void* get_interface(const char* id) {
#if defined(BAD_NO_INTERFACE)
  (void)id;
  (void)kDriver;
  return NULL;
#else
  return strcmp(id, PD_DRIVER_INTERFACE_ID) == 0 ? (const void*)&kDriver : NULL;
#endif
}

#if defined(BAD_WRONG_MAJOR)
#define ENTRY_MAJOR 2
#else
#define ENTRY_MAJOR PD_ABI_MAJOR
#endif
#if defined(FUTURE_MINOR)
#define ENTRY_MINOR 7
#else
#define ENTRY_MINOR PD_ABI_MINOR
#endif

/* A future entry struct: today's fields, then members this host does not know. */
struct future_entry {
  pd_entry base;
  const char* future_field;
  void (*future_function)(void);
};

static const struct future_entry kEntry = {
    {sizeof(struct future_entry), ENTRY_MAJOR, ENTRY_MINOR, "org.example.bad", "Bad driver", "0.0.1",
     negotiate, get_interface},
    "from the future", NULL};

PD_EXPORT const pd_entry* player_driver_entry(void) { return &kEntry.base; }
#endif
