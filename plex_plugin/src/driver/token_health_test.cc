#include "driver/token_health.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(TokenHealthTest, TransitionsAreReportedOnce) {
  TokenHealth h;
  EXPECT_EQ(h.Snapshot().state, TokenState::kUnknown);
  EXPECT_EQ(h.Record(false, "GET /", 100), std::nullopt);  // unknown → accepted: nothing to tell
  EXPECT_EQ(h.Snapshot().state, TokenState::kAccepted);
  EXPECT_EQ(h.Record(true, "GET /library/sections", 200), TokenState::kRejected);
  EXPECT_EQ(h.Record(true, "GET /status/sessions", 201), std::nullopt);
  TokenHealthSnapshot s = h.Snapshot();
  EXPECT_EQ(s.state, TokenState::kRejected);
  EXPECT_EQ(s.rejected_request, "GET /library/sections");  // the first one of this rejection
  EXPECT_EQ(s.rejected_at, 200);
  EXPECT_EQ(s.accepted_at, 100);
  EXPECT_EQ(h.Record(false, "GET /", 300), TokenState::kAccepted);
  EXPECT_EQ(h.Snapshot().accepted_at, 300);
  EXPECT_STREQ(TokenStateName(TokenState::kRejected), "rejected");
}

TEST(TokenHealthTest, AFirstRejectionIsATransitionToo) {
  TokenHealth h;
  EXPECT_EQ(h.Record(true, "GET /", 1), TokenState::kRejected);
}

}  // namespace
}  // namespace plexdriver
