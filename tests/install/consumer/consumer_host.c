/* The smallest PlayerDriver host, built against the installed SDK: loads each driver given on
 * the command line the way player_driver.h says a host must (entry symbol, struct_size, major,
 * negotiate, get_interface, create/destroy) and prints "<id> <version> abi <major>.<minor>
 * table <struct_size>". Exit status 1 names the step that failed. */
#include <dlfcn.h>
#include <player_driver/player_driver.h>
#include <stdio.h>
#include <string.h>

static int load(const char* path) {
  void* library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  pd_entry_fn entry_fn;
  const pd_entry* entry;
  const pd_driver* driver;
  pd_instance* instance = NULL;
  pd_error err;
  uint32_t minor = 0;
  if (!library) {
    fprintf(stderr, "%s: cannot open: %s\n", path, dlerror());
    return 1;
  }
  /* POSIX: a data pointer converted to a function pointer through memcpy (ISO C forbids a cast). */
  {
    void* symbol = dlsym(library, PD_ENTRY_SYMBOL);
    if (!symbol) {
      fprintf(stderr, "%s: no %s\n", path, PD_ENTRY_SYMBOL);
      return 1;
    }
    memcpy(&entry_fn, &symbol, sizeof entry_fn);
  }
  entry = entry_fn();
  if (!entry || entry->struct_size < sizeof(pd_entry) || entry->abi_major != PD_ABI_MAJOR) {
    fprintf(stderr, "%s: missing, short or incompatible entry\n", path);
    return 1;
  }
  if (entry->negotiate(PD_ABI_MAJOR, PD_ABI_MINOR, &minor) != PD_OK) {
    fprintf(stderr, "%s: refused ABI %d.%d\n", path, PD_ABI_MAJOR, PD_ABI_MINOR);
    return 1;
  }
  driver = (const pd_driver*)entry->get_interface(PD_DRIVER_INTERFACE_ID);
  if (!driver || driver->struct_size < offsetof(pd_driver, destroy) + sizeof driver->destroy) {
    fprintf(stderr, "%s: no usable %s interface\n", path, PD_DRIVER_INTERFACE_ID);
    return 1;
  }
  memset(&err, 0, sizeof err);
  err.struct_size = sizeof err;
  /* A config every driver here accepts without network I/O; a refusal must carry a message. */
  if (driver->create(NULL, "{\"host\":\"127.0.0.1\",\"plex_token\":\"t\"}", &instance, &err) ==
      PD_OK) {
    driver->destroy(instance);
  } else if (err.message[0] == '\0') {
    fprintf(stderr, "%s: create failed without a message\n", path);
    return 1;
  }
  printf("%s %s abi %u.%u table %u\n", entry->driver_id, entry->driver_version,
         (unsigned)entry->abi_major, (unsigned)minor, (unsigned)driver->struct_size);
  dlclose(library);
  return 0;
}

int main(int argc, char** argv) {
  int i;
  int failed = 0;
  for (i = 1; i < argc; ++i) failed |= load(argv[i]);
  return failed;
}
