// The PMS emulator: a Plex Media Server stand-in on loopback for tests, benchmarks and the
// demo. It answers the endpoints the driver uses the way the real server does (XML by default,
// JSON on request, HTML 401s, string/number id quirks, scans that start late and take time,
// activities, the notification websocket), keeps a simulated server-side file tree that decides
// what a scan finds, records every request, and injects faults on demand.
//
// Facts come from shared/reference/plex-api.md. Thread-safety: every public method may be
// called from any thread while the server runs.
#ifndef PMS_EMULATOR_EMULATOR_H_
#define PMS_EMULATOR_EMULATOR_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pms_emulator {

using Clock = std::chrono::steady_clock;

struct EmulatorOptions {
  std::string bind_host = "127.0.0.1";
  uint16_t port = 0;  // 0: an ephemeral port, see Emulator::port()
  std::string admin_token = "emulator-admin-token";
  std::vector<std::string> managed_tokens;  // valid, but 403 on admin-only endpoints
  std::string friendly_name = "Plex Emulator";
  std::string version = "1.32.7.7621-871adbd44";
  std::string platform = "Linux";  // "Windows": backslash paths, case-insensitive matching
  std::string machine_identifier;  // generated when empty
  int scan_start_delay_ms = 150;   // a requested scan shows up (activity, refreshing) this late
  int scan_ms_per_folder = 30;     // simulated work per folder the scan walks
  int metadata_refresh_ms = 50;    // how long an item metadata refresh takes
  bool put_post_refresh_404 = true;  // PMS 1.32.7 answered 404 to PUT/POST on .../refresh
  bool websocket_enabled = true;
  std::string tls_cert_file;  // PEM; with tls_key_file: serve HTTPS
  std::string tls_key_file;
  std::string webhook_url;    // POST multipart webhooks here (empty: none)
  // Playing clients report about every 10 s and PMS broadcasts each report as a "playing"
  // notification; shorter here so tests see several.
  int playback_report_ms = 1000;
  // A stopped session that stays listed in /status/sessions this long (PMS sometimes lists a
  // session for a while after the websocket said "stopped"). 0: removed at once.
  int stopped_session_linger_ms = 0;
  // A client that vanished (AbandonPlayback) stays listed this long (~30 min in real PMS).
  int abandoned_session_linger_ms = 30 * 60 * 1000;
  // Custom metadata providers (PMS 1.43+): how long the server waits for a provider's answer
  // (connect, send, receive) before it gives up on that call.
  int provider_timeout_ms = 10000;
  // The match request's "filename": the server's absolute path, or relative to the library
  // folder holding it ("Heat (1995)/Heat (1995).mkv"), which is what Plex's documentation and a
  // Plex staff answer describe (docs/metadata-provider.md §3; not confirmed either way).
  bool provider_filename_relative = false;
  // PMS keeps a provider's image URLs and shows them through Plex's cloud image service
  // (images.plex.tv), which cannot fetch from loopback, private or link-local addresses or local
  // names (observed on PMS 1.43.0; docs/metadata-provider.md §4): such an image is selected but
  // never shows (its thumb answers 400). Hosts named here ("127.0.0.1") count as public, so a
  // test's loopback server can stand in for a provider on the internet.
  std::vector<std::string> public_image_hosts;
};

// One HTTP call the emulator, as PMS, made to a custom metadata provider.
struct ProviderCall {
  std::string method;
  std::string url;    // the full URL as requested
  std::string body;   // the request body ("" for GET)
  int status = 0;     // 0: no answer
  std::string error;  // "", "timeout", "connection refused", "HTTP 500", "not JSON", "no Metadata", "not an image", …
  int64_t duration_ms = 0;
  std::string rating_key;  // the emulator item it was for; "" for the root (registration)
  Clock::time_point time;
};

// A webhook request exactly as the emulator POSTs it.
struct WebhookBody {
  std::string content_type;  // multipart/form-data; boundary=...
  std::string body;
};

struct RecordedRequest {
  std::string method;
  std::string path;   // decoded path, without the query
  std::string query;  // raw query string, still percent-encoded
  std::map<std::string, std::string> params;   // decoded query parameters
  std::map<std::string, std::string> headers;  // names lower-cased
  int status = 0;     // what the emulator answered (0: connection dropped by a fault)
  Clock::time_point time;
};

enum class FaultKind {
  kLatency,          // answer normally after latency_ms
  kHttpStatus,       // answer http_status with an HTML body
  kConnectionReset,  // drop the connection without an answer
  kTruncatedBody,    // announce a Content-Length, send half, close
  kXmlForJson,       // answer XML although JSON was asked for
  kNotPlex,          // answer like a generic web server (200 text/html everywhere)
  kStall,            // hold the request unanswered until the fault is cleared or Stop()
  kOversizedBody,    // answer 200 with body_bytes of filler (Content-Length, or chunked)
};

struct FaultRule {
  FaultKind kind = FaultKind::kHttpStatus;
  std::string method;       // empty: any method
  std::string path_prefix;  // empty: every path
  int http_status = 503;
  int latency_ms = 0;
  int times = -1;  // how many matching requests it applies to; -1: until cleared
  int64_t body_bytes = 0;  // kOversizedBody: how much it sends (stops early when the peer leaves),
                           // in 64 KB pieces latency_ms apart (a trickle, when latency_ms > 0)
  bool chunked = false;    // kOversizedBody: no Content-Length, chunked transfer encoding
};

// One image Plex offers for an item's element (GET /library/metadata/{k}/posters, /arts,
// /banners).
struct ImageCandidate {
  std::string rating_key;  // upload://posters/<sha1>, metadata://…, media://…
  std::string source;      // "agent", "upload", "local"
  std::string provider;
  bool selected = false;
  std::string sha256;      // hex of the bytes
  size_t bytes = 0;
};

struct ItemView {
  std::string rating_key;
  std::string type;  // movie, show, season, episode
  std::string title;
  int year = 0;
  std::string section_key;
  std::string parent_rating_key;
  std::string thumb;
  std::string art;
  int64_t updated_at = 0;
  std::vector<std::string> files;
  bool deleted = false;  // its files vanished in a scan; in the trash until emptyTrash
  // title, titleSort, originalTitle, summary, tagline, year, originallyAvailableAt,
  // contentRating, studio (only the set ones)
  std::map<std::string, std::string> fields;
  std::vector<std::string> genres, collections;
  std::vector<std::string> locked;  // names of locked fields/elements, sorted ("art", "genre", "thumb", "title", …)
  std::string guid;  // plex://movie/… or, once a custom provider matched it, <scheme>://movie/<id>
  std::vector<std::string> external_guids;  // imdb://tt…, tmdb://…
  struct RoleView {
    std::string tag, role, thumb;
  };
  std::vector<RoleView> roles;
  std::vector<std::string> directors, writers;
};

struct ScanRecord {
  std::string section_key;
  std::string path;  // "" for a whole-section scan
  bool force = false;
  Clock::time_point requested;
  std::optional<Clock::time_point> started;
  std::optional<Clock::time_point> ended;
  bool cancelled = false;
  std::string activity_uuid;
  size_t folders_walked = 0;  // the server's work: folders this scan walked (0 until it starts)
};

struct SessionInfo {
  std::string session_key;
  std::string rating_key;
  std::string user;
  std::string player;     // the player's title ("Living Room TV")
  std::string player_id;  // machineIdentifier = websocket clientIdentifier = webhook Player.uuid
  std::string state;      // what the client last did: playing, paused, stopped (lingering)
  // What /status/sessions shows: a lingering stopped session keeps the state it last had, as
  // PMS does (only the websocket's "stopped" says it ended).
  std::string listed_state;
  int64_t view_offset_ms = 0;
  bool abandoned = false;  // the client vanished: listed, but silent
  Clock::time_point last_report;
  std::optional<Clock::time_point> gone_at;  // lingering: removed from the list at this time
};

class Emulator {
 public:
  explicit Emulator(EmulatorOptions options = {});
  ~Emulator();  // Stop()
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  // Replaces the library. Throws std::invalid_argument naming the bad field
  // ("sections[1].locations[0]: expected a string"). Schema: fixtures/README.md.
  void LoadLibraryJson(const std::string& json);
  void LoadLibraryFile(const std::string& path);

  void Start();    // throws std::runtime_error when the port cannot be bound
  void Stop();     // releases stalled requests, closes websockets, joins every thread
  // Stop + Start on the same port: websockets drop, running scans are lost. `downtime`: how long
  // the server stays down in between (a real PMS restart takes seconds).
  void Restart(std::chrono::milliseconds downtime = std::chrono::milliseconds(0));
  bool running() const;
  uint16_t port() const;
  std::string base_url() const;  // "http://127.0.0.1:PORT" (https with TLS)
  const EmulatorOptions& options() const;

  // --- the server-side file tree (paths in the server's own style) ---
  void AddFile(const std::string& server_path);  // contents derived from the path
  void AddFile(const std::string& server_path, const std::string& contents);
  void RemoveFile(const std::string& server_path);
  void RemovePath(const std::string& server_path);  // a file or a whole folder
  bool HasFile(const std::string& server_path) const;

  // --- the library as the server knows it ---
  std::vector<ItemView> Items(const std::string& section_key) const;
  std::optional<ItemView> FindItemByFile(const std::string& server_path) const;
  std::optional<ItemView> FindItem(const std::string& rating_key) const;
  std::vector<std::string> SectionKeys() const;
  // Builds large libraries for benchmarks: n movies "Movie N (year)" with one file each, or
  // shows × seasons × episodes, under the section's first location, added (and updated) a day
  // ago, as in a library that exists already. O(n).
  void GenerateMovies(const std::string& section_key, int count);
  // Scans find files containing `fragment` but never match them to an item (a naming/agent
  // problem, as in real Plex).
  void AddUnmatchable(const std::string& fragment);
  void GenerateShows(const std::string& section_key, int shows, int seasons, int episodes);

  // --- artwork and metadata (what uploads, selections, edits and refreshes left) ---
  // The bytes Plex serves for the item's element ("thumb", "art", "banner"); nullopt when none.
  std::optional<std::string> SelectedImage(const std::string& rating_key, const std::string& element) const;
  std::vector<ImageCandidate> ImageCandidates(const std::string& rating_key, const std::string& element) const;
  // What the agent gives the item on its next refresh (field name → value; "genres"/"collections"
  // comma-separated). Throws std::invalid_argument for an unknown item or field.
  void SetAgentMetadata(const std::string& rating_key, const std::map<std::string, std::string>& fields);

  // --- custom metadata providers (PMS 1.43+; tests/pms_emulator/README.md) ---
  // GETs the provider's root at `uri` and registers it, as POST /media/providers/metadata does.
  // Returns its identifier. Throws std::runtime_error saying why: the server version is older
  // than 1.43.0, the root is unreachable or no MediaProvider document, or the identifier is
  // registered already. Blocks for up to provider_timeout_ms; call it without holding locks.
  std::string RegisterMetadataProvider(const std::string& uri);
  // A section's agent (as /library/sections lists it): a registered provider's identifier or a
  // provider group's primaryIdentifier makes scans and refreshes ask that provider. Throws
  // std::invalid_argument for an unknown section.
  void SetSectionAgent(const std::string& section_key, const std::string& agent);
  // Every call made to a provider, oldest first.
  std::vector<ProviderCall> ProviderCalls() const;
  void ClearProviderCalls();

  // --- scans ---
  std::vector<ScanRecord> Scans() const;
  // True once no scan or refresh is queued or running (false on timeout).
  bool WaitForIdle(std::chrono::milliseconds timeout) const;
  void SetScanStartDelay(int ms);
  void SetScanMsPerFolder(int ms);

  // --- notifications ---
  void SetWebsocketEnabled(bool enabled);  // disabled: the upgrade is refused (404)
  size_t WebsocketClients() const;
  // Drops every websocket connection without a close frame (the server keeps running).
  void DropWebsockets();
  // Sends `frame` as one text frame to every websocket client, as it is (garbage, huge frames).
  void SendNotificationFrame(const std::string& frame);

  // --- playback (shows in /status/sessions and as "playing" notifications, webhooks) ---
  // Returns the session key. player_id "": derived from the player's title.
  std::string StartPlayback(const std::string& rating_key, const std::string& user,
                            const std::string& player, const std::string& player_id = "");
  bool PausePlayback(const std::string& session_key);
  bool ResumePlayback(const std::string& session_key);
  bool StopPlayback(const std::string& session_key);
  // The client vanished: the session stays listed with its last state but sends nothing more.
  bool AbandonPlayback(const std::string& session_key);
  void SetPlaybackReportMs(int ms);
  std::vector<SessionInfo> Sessions() const;

  // --- webhooks (Plex Pass) ---
  // The request the emulator would POST for `event` (every event Plex documents: media.play,
  // media.pause, media.resume, media.stop, media.scrobble, media.rate, library.new,
  // library.on.deck, admin.database.backup, admin.database.corrupted, device.new,
  // playback.started) about item `rating_key`. Throws std::invalid_argument for other events.
  WebhookBody BuildWebhook(const std::string& event, const std::string& rating_key = "",
                           const std::string& user = "", const std::string& player = "") const;
  // POSTs it to options().webhook_url; false when there is none or the POST failed.
  bool SendWebhookEvent(const std::string& event, const std::string& rating_key = "");

  // --- tokens ---
  // A revoked token is answered like an unknown one (401; the account signed out everywhere or
  // the token expired); /identity still answers without a token.
  void SetTokenRevoked(const std::string& token, bool revoked);

  // --- requests and faults ---
  std::vector<RecordedRequest> Requests() const;
  void ClearRequests();
  size_t CountRequests(const std::string& method, const std::string& path_prefix) const;
  void AddFault(FaultRule rule);
  void ClearFaults();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Replaces X-Plex-Token values in text (query strings, header dumps) with "<redacted>".
std::string RedactTokens(const std::string& text);

}  // namespace pms_emulator

#endif  // PMS_EMULATOR_EMULATOR_H_
