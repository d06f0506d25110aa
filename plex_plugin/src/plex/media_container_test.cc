#include "plex/media_container.h"

#include "core/utf8.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(MediaContainerTest, DetectsFormats) {
  EXPECT_EQ(DetectBodyFormat(R"({"MediaContainer":{}})"), BodyFormat::kJson);
  EXPECT_EQ(DetectBodyFormat("  \n<?xml version=\"1.0\"?><MediaContainer/>"), BodyFormat::kXml);
  EXPECT_EQ(DetectBodyFormat("\xEF\xBB\xBF<MediaContainer/>"), BodyFormat::kXml);
  EXPECT_EQ(DetectBodyFormat("<html><head><title>Unauthorized</title></head></html>"),
            BodyFormat::kHtml);
  EXPECT_EQ(DetectBodyFormat("<!DOCTYPE html><html></html>"), BodyFormat::kHtml);
  EXPECT_EQ(DetectBodyFormat("   "), BodyFormat::kEmpty);
  EXPECT_EQ(DetectBodyFormat("OK"), BodyFormat::kUnknown);
}

TEST(MediaContainerTest, JsonAndXmlGiveTheSameTree) {
  const char* json = R"({"MediaContainer":{"size":1,"claimed":true,"Directory":[
      {"key":"1","refreshing":false,"Location":[{"id":1,"path":"/a"},{"id":2,"path":"/b"}]}]}})";
  const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
      <MediaContainer size="1" claimed="1"><Directory key="1" refreshing="0">
      <Location id="1" path="/a"/><Location id="2" path="/b"/></Directory></MediaContainer>)";
  for (const char* body : {json, xml}) {
    Result<PmsNode> node = ParseMediaContainer(body);
    ASSERT_TRUE(node.ok()) << node.status().ToString();
    EXPECT_EQ(node->name, "MediaContainer");
    EXPECT_EQ(node->GetInt("size"), 1);
    EXPECT_TRUE(node->GetBool("claimed"));
    auto dirs = node->Children("Directory");
    ASSERT_EQ(dirs.size(), 1u);
    EXPECT_EQ(dirs[0]->Get("key"), "1");
    EXPECT_FALSE(dirs[0]->GetBool("refreshing"));
    auto locations = dirs[0]->Children("Location");
    ASSERT_EQ(locations.size(), 2u);
    EXPECT_EQ(locations[1]->Get("path"), "/b");
    EXPECT_EQ(locations[1]->GetInt("id"), 2);
  }
}

TEST(MediaContainerTest, NestedObjectsBecomeChildren) {
  Result<PmsNode> node = ParseMediaContainer(
      R"({"MediaContainer":{"Activity":[{"uuid":"u","Context":{"librarySectionID":"2"}}]}})");
  ASSERT_TRUE(node.ok());
  auto context = node->Children("Activity")[0]->Children("Context");
  ASSERT_EQ(context.size(), 1u);
  EXPECT_EQ(context[0]->GetInt("librarySectionID"), 2);
}

TEST(MediaContainerTest, Int64AndStringNumbers) {
  Result<PmsNode> node =
      ParseMediaContainer(R"({"MediaContainer":{"contentChangedAt":9007199254740993,"n":"12"}})");
  ASSERT_TRUE(node.ok());
  EXPECT_EQ(node->GetInt("contentChangedAt"), 9007199254740993LL);
  EXPECT_EQ(node->GetInt("n"), 12);
  EXPECT_EQ(node->GetInt("missing", -5), -5);
}

TEST(MediaContainerTest, RejectsWhatIsNotAContainer) {
  struct Case {
    const char* body;
    const char* expected;
  };
  for (const Case& c : {Case{"<html><body><h1>401 Unauthorized</h1></body></html>", "HTML page"},
                        Case{"", "empty body"},
                        Case{"{\"MediaContainer\":", "malformed JSON"},
                        Case{"{\"errors\":[]}", "no MediaContainer"},
                        Case{"<Response/>", "not <MediaContainer>"},
                        Case{"<MediaContainer><broken", "malformed XML"},
                        Case{"Welcome", "neither JSON nor XML"}}) {
    Result<PmsNode> node = ParseMediaContainer(c.body);
    ASSERT_FALSE(node.ok()) << c.body;
    EXPECT_EQ(node.status().code(), PD_ERR_PROTOCOL);
    EXPECT_NE(node.status().message().find(c.expected), std::string::npos)
        << node.status().message();
  }
}

TEST(MediaContainerTest, XmlEntitiesFromTheNetworkAreNotExpanded) {
  const char* xxe = R"(<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <MediaContainer title="&x;"/>)";
  Result<PmsNode> node = ParseMediaContainer(xxe);
  if (node.ok()) EXPECT_EQ(node->Get("title").find("root:"), std::string::npos);
  else EXPECT_EQ(node.status().code(), PD_ERR_PROTOCOL);
}

// Found by fuzzing (tests/fuzz): bytes that are not UTF-8 (a Latin-1 file name, a garbled
// answer) came back in attributes and error messages, and from there into results and pd_error.
TEST(MediaContainerTest, TextIsUtf8WhateverTheServerSent) {
  for (const char* body : {"{\"MediaContainer\":{\"title1\":\"caf\xE9\"}}",
                           "<MediaContainer title1=\"caf\xE9\"/>"}) {
    Result<PmsNode> node = ParseMediaContainer(body);
    ASSERT_TRUE(node.ok()) << node.status().ToString();
    EXPECT_EQ(node->Get("title1"), "caf\xEF\xBF\xBD") << body;
  }
  Result<PmsNode> garbled = ParseMediaContainer("{\"MediaContainer\":\xE8\xFF}");
  ASSERT_FALSE(garbled.ok());
  EXPECT_FALSE(FirstInvalidUtf8(garbled.status().message())) << garbled.status().message();
  Result<PmsNode> frame = ParseJsonContainer("{\"NotificationContainer\":{\"type\":\"\xFE\"}}", "NotificationContainer");
  ASSERT_TRUE(frame.ok());
  EXPECT_EQ(frame->Get("type"), "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace plexdriver
