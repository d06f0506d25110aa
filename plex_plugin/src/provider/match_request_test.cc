// SPDX-License-Identifier: MIT
#include "provider/match_request.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(MatchRequest, ReadsTheFieldsPlexSends) {
  Result<MatchRequest> m = ParseMatchRequest(
      R"({"type":1,"title":"Heat","year":1995,"filename":"/data/movies/Heat (1995)/Heat (1995).mkv","manual":0})");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->type, ProvidedType::kMovie);
  EXPECT_EQ(m->title, "Heat");
  EXPECT_EQ(m->year, 1995);
  EXPECT_EQ(m->filename, "/data/movies/Heat (1995)/Heat (1995).mkv");
  Result<MatchRequest> e = ParseMatchRequest(
      R"({"type":4,"grandparentTitle":"Severance","parentIndex":"1","index":5,"includeChildren":true})");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->title, "Severance");
  EXPECT_EQ(e->parent_index, 1);
  EXPECT_EQ(e->index, 5);
  EXPECT_TRUE(e->include_children);
}

TEST(MatchRequest, BadBodiesNameTheField) {
  struct Case { const char* body; const char* field; };
  for (const Case& c : {Case{"", "body"}, Case{"[1]", "body"}, Case{"{", "body"}, Case{"{}", "type"},
                        Case{R"({"type":7})", "type"}, Case{R"({"type":"movie"})", "type"},
                        Case{R"({"type":1,"title":5})", "title"}, Case{R"({"type":1,"year":"x"})", "year"},
                        Case{R"({"type":1,"year":100000})", "year"}}) {
    Result<MatchRequest> m = ParseMatchRequest(c.body);
    ASSERT_FALSE(m.ok()) << c.body;
    EXPECT_EQ(m.status().message().rfind(c.field, 0), 0u) << c.body << " → " << m.status().message();
  }
}

}  // namespace
}  // namespace plexdriver
