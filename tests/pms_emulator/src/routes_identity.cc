// GET /identity (the one route that needs no token: clients probe a server with it) and GET /
// (the server's capabilities and account state, what a client reads to tell a real PMS).
#include "router.h"

namespace pms_emulator {

Reply Router::Identity(const Call& call) {
  Element mc("MediaContainer");
  mc.Int("size", 0).Bool("claimed", true).Str("machineIdentifier", impl_->options.machine_identifier)
      .Str("version", impl_->options.version);
  return Container(call, mc);
}

Reply Router::Root(const Call& call) {
  Element mc("MediaContainer");
  const auto& o = impl_->options;
  mc.Int("size", 3)
      .Bool("allowCameraUpload", false)
      .Bool("allowSync", true)
      .Str("friendlyName", o.friendly_name)
      .Str("machineIdentifier", o.machine_identifier)
      .Bool("multiuser", true)
      .Bool("myPlex", true)
      .Str("myPlexMappingState", "mapped")
      .Str("myPlexSigninState", "ok")
      .Bool("myPlexSubscription", true)
      .Str("myPlexUsername", "emulator@example.com")
      .Str("ownerFeatures", "webhooks,content_filter,sync")
      .Str("platform", impl_->platform)
      .Str("platformVersion", impl_->platform == "Windows" ? "10.0 (Build 19045)" : "6.1.0")
      .Int("transcoderActiveVideoSessions", 0)
      .Int("updatedAt", UnixNow())
      .Str("version", o.version);
  mc.Child("Directory").Int("count", 1).Str("key", "activities").Str("title", "activities");
  mc.Child("Directory").Int("count", 1).Str("key", "library").Str("title", "library");
  mc.Child("Directory").Int("count", 1).Str("key", "status").Str("title", "status");
  return Container(call, mc);
}

}  // namespace pms_emulator
