#include "report_printer.h"

#include <gtest/gtest.h>

#include "cli_options.h"

namespace host_stub {
namespace {

TEST(ReportPrinterTest, SyncTableAndExitCode) {
  const std::string doc = R"J({"schema_version":1,"status":"failed","http_requests":3,"elapsed_ms":40,
    "changes":[
      {"path":"/mnt/m/A (2001)","kind":"added","status":"completed","message":"",
       "server_path":"/data/m/A (2001)","sections":[{"key":"1","title":"Movies"}],"elapsed_ms":35,
       "item":{"rating_key":"7","type":"movie","title":"A","action":"refreshed","thumb_before":"/t/1","thumb_after":"/t/2"}},
      {"path":"/srv/x","kind":"added","status":"failed","message":"\"/srv/x\" lies in no Plex library folder",
       "server_path":"/srv/x","sections":[],"elapsed_ms":0}],
    "scans":[{"section":"1","path":"/data/m/A (2001)","full_section":false,"status":"completed",
              "observed_via":"websocket","elapsed_ms":30}]})J";
  const std::string text = RenderSyncResult(doc);
  EXPECT_NE(text.find("completed  added   1"), std::string::npos) << text;
  EXPECT_NE(text.find("as Plex sees it: /data/m/A (2001)"), std::string::npos) << text;
  EXPECT_NE(text.find("lies in no Plex library folder"), std::string::npos) << text;
  EXPECT_NE(text.find("seen via websocket"), std::string::npos) << text;
  EXPECT_NE(text.find("item 7 movie \"A\": refreshed"), std::string::npos) << text;
  EXPECT_NE(text.find("thumb /t/1 -> /t/2"), std::string::npos) << text;
  EXPECT_NE(text.find("overall: failed, 3 HTTP requests"), std::string::npos) << text;
  EXPECT_EQ(SyncExitCode(doc), kExitSyncFailed);
}

TEST(ReportPrinterTest, ExitCodeIsTheWorstStatus) {
  auto doc = [](std::vector<const char*> statuses) {
    std::string c;
    for (const char* s : statuses) c += std::string(c.empty() ? "" : ",") + R"({"status":")" + s + "\"}";
    return R"({"changes":[)" + c + "]}";
  };
  EXPECT_EQ(SyncExitCode(doc({"completed", "skipped", "queued"})), kExitOk);
  EXPECT_EQ(SyncExitCode(doc({"completed", "timed_out"})), kExitSyncTimedOut);
  EXPECT_EQ(SyncExitCode(doc({"cancelled", "timed_out"})), kExitSyncCancelled);
  EXPECT_EQ(SyncExitCode(doc({"deferred"})), kExitSyncDeferred);
  EXPECT_EQ(SyncExitCode(doc({"failed", "cancelled"})), kExitSyncFailed);
  EXPECT_EQ(SyncExitCode(doc({"something-new"})), kExitSyncFailed);  // unknown is never success
  EXPECT_EQ(SyncExitCode("not json"), kExitFailed);
}

TEST(ReportPrinterTest, TestConnectionReport) {
  const std::string doc = R"({"schema_version":1,"ok":false,"elapsed_ms":12,"url":"http://h:32400",
    "server":{"name":"Office","machine_identifier":"abc","version":"1.19.0","platform":"Linux",
              "claimed":true,"plex_pass":false,"partial_scan_supported":false},
    "sections":[{"key":"1","title":"Movies","type":"movie","locations":["/data/movies","/more"]}],
    "mappings":[{"metarr_path":"/mnt/tv","player_path":"/data/tv","sections":[]}],
    "unmapped_locations":["/more"],"warnings":["old server"],
    "steps":[{"name":"identity","ok":true,"elapsed_ms":3},{"name":"root","ok":false,"elapsed_ms":2}],
    "error":{"status":"unauthorized","code":3,"http_status":401,"message":"the token was rejected"}})";
  const std::string text = RenderTestConnection(doc);
  for (const char* needle : {"FAILED", "Office on Linux", "NOT supported", "[1] Movies (movie): /data/movies, /more",
                             "/mnt/tv -> /data/tv: reaches NO library", "no mapping reaches: /more",
                             "warning: old server", "error (unauthorized, HTTP 401): the token was rejected"}) {
    EXPECT_NE(text.find(needle), std::string::npos) << needle << "\n" << text;
  }
}

TEST(ReportPrinterTest, CapabilitiesAndGarbage) {
  const std::string text = RenderCapabilities(
      R"({"driver_id":"tv.plex","driver_version":"0.1.0","abi":{"major":1,"minor":0},
          "operations":{"sync":true},"sync":{"partial_scan":true},"server":{"error":{"status":"dns","message":"no such host"}}})");
  EXPECT_NE(text.find("tv.plex 0.1.0"), std::string::npos) << text;
  EXPECT_NE(text.find("unreachable: no such host (dns)"), std::string::npos) << text;
  EXPECT_NE(RenderSyncResult("{oops").find("not JSON"), std::string::npos);
}

TEST(ReportPrinterTest, EventLines) {
  const std::string playback = R"J({"schema_version":1,"type":"playback.paused","source":"websocket","time":1,
    "server":{"name":"Home","machine_identifier":"m"},"session":{"session_key":"7","state":"paused",
    "user":"alice","player":"TV","title":"Heat"}})J";
  EXPECT_EQ(RenderEvent(playback), "playback.paused      websocket alice · \"Heat\" on TV [paused] session 7  [Home]\n");
  const std::string unreachable = R"J({"type":"server.unreachable","source":"websocket","server":{"name":"Home"},
    "reason":"connection refused"})J";
  EXPECT_NE(RenderEvent(unreachable).find("(connection refused)"), std::string::npos);
  const std::string webhook = R"J({"type":"item.added","source":"webhook","server":{"name":"Home"},
    "item":{"rating_key":"5","type":"movie","title":"Arrival"},"webhook":{"event":"library.new","thumb":{"bytes":22}}})J";
  EXPECT_NE(RenderEvent(webhook).find("movie 5 \"Arrival\" (webhook library.new, with a 22-byte thumb)"), std::string::npos)
      << RenderEvent(webhook);
}

TEST(ReportPrinterTest, SessionsTable) {
  const std::string doc = R"J({"schema_version":1,"sessions":[{"session_key":"7","state":"paused","user":"alice",
    "player":"TV","title":"Heat","active":true}],"active_count":1,
    "rules":{"skip_active":"section","paused_is_active":true,"stale_session_seconds":600}})J";
  const std::string text = RenderSessions(doc);
  EXPECT_NE(text.find("yes     7        paused    alice        TV               Heat"), std::string::npos) << text;
  EXPECT_NE(text.find("1 active; skip_active section"), std::string::npos) << text;
  EXPECT_NE(RenderSessions(R"({"sessions":[],"active_count":0,"rules":{}})").find("nobody is playing"), std::string::npos);
}

TEST(ReportPrinterTest, LocalArtworkAndTrash) {
  const std::string report = R"J({"ok":true,"url":"http://x","elapsed_ms":3,"sections":[
    {"key":"1","title":"Movies","type":"movie","locations":["/m"],
     "local_artwork":{"state":"ignored","agent":"Plex Movie","setting":"useLocalAssets","advice":"turn it on"}}]})J";
  EXPECT_NE(RenderTestConnection(report).find("Plex Movie agent: IGNORES your artwork"), std::string::npos)
      << RenderTestConnection(report);
  const std::string provider = R"J({"ok":true,"url":"http://x","elapsed_ms":3,"sections":[
    {"key":"1","title":"Movies","type":"movie","agent":"tv.plex.agents.custom.plexdriver.movies","locations":["/m"],
     "metadata_provider":{"state":"used","identifier":"tv.plex.agents.custom.plexdriver.movies","advice":""}},
    {"key":"2","title":"TV","type":"show","agent":"tv.plex.agents.series","locations":["/t"],
     "metadata_provider":{"state":"server_too_old","identifier":"tv.plex.agents.custom.plexdriver.shows","advice":"x"}}]})J";
  const std::string text = RenderTestConnection(provider);
  EXPECT_NE(text.find("agent tv.plex.agents.custom.plexdriver.movies: uses this driver's metadata provider"),
            std::string::npos) << text;
  EXPECT_NE(text.find("no metadata provider (server older than 1.43.0)"), std::string::npos) << text;
  const std::string sync = R"J({"status":"completed","changes":[],"scans":[],"http_requests":4,"elapsed_ms":9,
    "trash":[{"section":"1","section_title":"Movies","items":37,"emptied":false,"message":"too full"}]})J";
  EXPECT_NE(RenderSyncResult(sync).find("[1] Movies: 37 item(s), NOT emptied"), std::string::npos) << RenderSyncResult(sync);
}

TEST(ReportPrinterTest, PushedArtworkFieldsAndLocks) {
  const std::string doc = R"J({"schema_version":1,"status":"failed","http_requests":9,"elapsed_ms":70,
    "changes":[{"path":"/mnt/m/A (2001)","kind":"updated","status":"failed","message":"1 of 2 images failed",
       "server_path":"/mnt/m/A (2001)","sections":[{"key":"1","title":"Movies"}],"elapsed_ms":60,
       "artwork":[{"file":"/mnt/m/A (2001)/poster.jpg","element":"thumb","target":"poster","rating_key":"7",
                   "action":"uploaded","sha256":"ab","bytes":2048,"url_before":"/t/1","url_after":"/t/2","message":""},
                  {"file":"/mnt/m/A (2001)/fanart.jpg","element":"art","target":"background","rating_key":"7",
                   "action":"failed","sha256":"","bytes":0,"url_before":"","url_after":"","message":"0 bytes"}],
       "nfo":"/mnt/m/A (2001)/movie.nfo",
       "fields":[{"name":"title","before":"A","after":"A!","action":"set","locked":true}]}]})J";
  const std::string text = RenderSyncResult(doc);
  EXPECT_NE(text.find("poster of 7 <- /mnt/m/A (2001)/poster.jpg: uploaded (2048 bytes)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("background of 7 <- /mnt/m/A (2001)/fanart.jpg: failed (0 bytes), 0 bytes"), std::string::npos) << text;
  EXPECT_NE(text.find("fields from /mnt/m/A (2001)/movie.nfo"), std::string::npos) << text;
  EXPECT_NE(text.find("title          \"A\" -> \"A!\" (set)"), std::string::npos) << text;

  const std::string found = R"J({"schema_version":1,"path":"/m/A","server_path":"/d/A","found":true,"libraries":[],
    "items":[{"section":"1","rating_key":"7","type":"movie","title":"A","year":2001,"updated_at":1,"thumb":"",
              "in_trash":false,"files":[],"locked_fields":["thumb","title"]},
             {"section":"1","rating_key":"8","type":"movie","title":"B","year":0,"updated_at":1,"thumb":"",
              "in_trash":false,"files":[],"locked_fields":[]}],"message":""})J";
  const std::string shown = RenderFindResult(found);
  EXPECT_NE(shown.find("  locked       thumb, title\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find("  locked       nothing"), std::string::npos) << shown;
}

TEST(ReportPrinterTest, QueueEventLines) {
  const std::string completed = R"J({"schema_version":1,"type":"sync.change","source":"queue","time":1,
    "server":{"name":"Home"},"change":{"id":"job-1","path":"/mnt/m/Heat (1995)","kind":"added","status":"completed",
    "message":"","server_path":"/data/m/Heat (1995)","sections":[{"key":"1","title":"Movies"}],"scanned":[],
    "item":{"rating_key":"205","type":"movie","title":"Heat","action":"added"},"advice":[],"elapsed_ms":900},
    "scans":[{"section":"1","section_title":"Movies","path":"/data/m/Heat (1995)","full_section":false,
              "status":"completed","message":"","observed_via":"websocket","elapsed_ms":800}],
    "queued_at":1,"attempts":1,"resumed":false})J";
  EXPECT_EQ(RenderQueueEvent(completed),
            "  completed  added   /mnt/m/Heat (1995)  (id \"job-1\", 1 attempt, scan 0.8 s via websocket)\n"
            "             item 205 movie \"Heat\": added\n");
  const std::string failed = R"J({"type":"sync.change","source":"queue","change":{"id":"q-00ff","path":"/mnt/m/X",
    "kind":"updated","status":"failed","message":"the server answered 503","item":null,"elapsed_ms":1500,
    "advice":["turn on local assets"]},"scans":[
      {"status":"failed","elapsed_ms":1200,"observed_via":""},
      {"status":"completed","elapsed_ms":300,"observed_via":""}],
    "attempts":2,"resumed":true})J";
  EXPECT_EQ(RenderQueueEvent(failed),
            "  failed     updated /mnt/m/X  (id \"q-00ff\", 2 attempts, resumed after a restart, 2 scans, longest "
            "1.2 s, 1 not completed)\n"
            "             the server answered 503\n"
            "             note: turn on local assets\n");
  const std::string refreshed = R"J({"type":"sync.change","change":{"id":"a","path":"/p","kind":"updated",
    "status":"completed","elapsed_ms":260},"scans":[],"attempts":1})J";
  EXPECT_NE(RenderQueueEvent(refreshed).find("(id \"a\", 1 attempt, in 0.3 s)"), std::string::npos)
      << RenderQueueEvent(refreshed);
  const std::string cancelled = R"J({"type":"sync.change","change":{"id":"b","path":"/p","kind":"added",
    "status":"cancelled","message":"destroyed","elapsed_ms":0},"scans":[],"attempts":0})J";
  EXPECT_EQ(RenderQueueEvent(cancelled), "  cancelled  added   /p  (id \"b\", never ran)\n             destroyed\n");
  const std::string recovered = R"J({"type":"queue.recovered","source":"queue","queue":{"resumed":2,"damaged":true,
    "message":"1 damaged line(s)"}})J";
  EXPECT_EQ(RenderQueueEvent(recovered),
            "  recovered  2 unfinished queued change(s) from an earlier run; the journal was DAMAGED\n"
            "             1 damaged line(s)\n");
  EXPECT_NE(RenderQueueEvent("{oops").find("not JSON"), std::string::npos);
  EXPECT_EQ(ChangeStatusExitCode("completed"), kExitOk);
  EXPECT_EQ(ChangeStatusExitCode("failed"), kExitSyncFailed);
  EXPECT_EQ(ChangeStatusExitCode("cancelled"), kExitSyncCancelled);
}

}  // namespace
}  // namespace host_stub
