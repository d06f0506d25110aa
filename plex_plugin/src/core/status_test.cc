#include "core/status.h"

#include <gtest/gtest.h>

#include "core/utf8.h"

namespace plexdriver {
namespace {

TEST(StatusTest, CarriesCodeDetailAndMessage) {
  Status s(PD_ERR_SERVER, "GET / failed (HTTP 503)", 503);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), PD_ERR_SERVER);
  EXPECT_EQ(s.detail(), 503);
  EXPECT_EQ(s.ToString(), "server: GET / failed (HTTP 503)");
  EXPECT_TRUE(Status::Ok().ok());
  EXPECT_EQ(Status::Ok().ToString(), "ok");
}

// Messages quote paths and server answers; every one may reach a pd_error or a host log, which
// promise UTF-8 (found by fuzzing: a quoted Latin-1 byte made the message invalid).
TEST(StatusTest, MessagesAreAlwaysUtf8) {
  Status s(PD_ERR_PROTOCOL, "unexpected byte '\xE8' in value");
  EXPECT_FALSE(FirstInvalidUtf8(s.message()));
  EXPECT_EQ(s.message(), "unexpected byte '\xEF\xBF\xBD' in value");
  EXPECT_EQ(Status(PD_ERR_NOT_FOUND, "Am\xC3\xA9lie").message(), "Am\xC3\xA9lie");
}

}  // namespace
}  // namespace plexdriver
