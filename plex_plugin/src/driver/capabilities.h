// The "capabilities" document (plugin_api/schemas.md): what this driver build can do.
#ifndef PLEXDRIVER_DRIVER_CAPABILITIES_H_
#define PLEXDRIVER_DRIVER_CAPABILITIES_H_

#include <Poco/JSON/Object.h>

namespace plexdriver {

// The document without the server part ("server": null); the instance adds its server.
Poco::JSON::Object::Ptr DriverCapabilities();

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_CAPABILITIES_H_
