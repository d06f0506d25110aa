// The emulator's HTTP router, shared by the files that serve its routes: router.cc is the core
// (authentication, faults, recording, dispatch, writing replies), each routes_*.cc one area of
// the Plex API or the control API. One Router serves one request.
#ifndef PMS_EMULATOR_SRC_ROUTER_H_
#define PMS_EMULATOR_SRC_ROUTER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <Poco/Net/HTTPRequestHandler.h>

#include "emulator_impl.h"
#include "media_container.h"

namespace pms_emulator {

// Plex's HTML error pages (HTML even when JSON was asked for).
inline constexpr const char* kUnauthorizedBody =
    "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>";
inline constexpr const char* kNotFoundBody =
    "<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>";

inline constexpr const char* kBadRequestBody =
    "<html><head><title>Bad Request</title></head><body><h1>400 Bad Request</h1></body></html>";

// What one request turned into, before it is written.
struct Reply {
  int status = 200;
  std::string content_type = "text/xml;charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

inline Reply Html(int status, const std::string& body) { return {status, "text/html", body, {}}; }
inline Reply Json(int status, const std::string& body) { return {status, "application/json", body, {}}; }

// A 400 with Plex's HTML page, saying why (the emulator's own words, for whoever debugs a client).
Reply BadRequest(const std::string& why);

// Only digits, at least one (Plex ids and paging numbers).
bool IsNumber(const std::string& s);

// Appends a <Setting> as Plex lists preferences: `type` "bool" (values written true/false),
// "int" or "text" (routes_library.cc).
Element& AddSetting(Element& mc, const std::string& id, const std::string& label, const std::string& summary,
                    const std::string& type, const std::string& fallback, const std::string& value);

class Router : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Router(Emulator::Impl* impl) : impl_(impl) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  // Per-request context.
  struct Call {
    std::string method;
    std::string path;  // decoded, without trailing slash (except "/")
    std::vector<std::string> parts;
    std::map<std::string, std::string> params;
    std::map<std::string, std::string> headers;
    std::string token;
    bool json = false;
    std::string body;  // POST and PUT

    // The path segment at `i`, "" past the end.
    std::string part(size_t i) const { return i < parts.size() ? parts[i] : ""; }
  };
  // Whom the token belongs to; neither when it is missing, unknown or revoked.
  struct Access {
    bool admin = false;
    bool managed = false;
  };

  // --- the core (router.cc) ---
  Access Authenticate(const std::string& token) const;
  Reply Route(const Call& call);
  Reply Container(const Call& call, const Element& mc) const;
  // The first fault rule matching the call (used up when it has a count).
  std::optional<FaultRule> TakeFault(const Call& call);
  // Applies `fault` before the route runs. True when that answered (or dropped) the request.
  bool ApplyFault(const FaultRule& fault, Call* call, bool* truncate,
                  Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);
  // Logs the request (record_) with the status it was answered with.
  void Record(int status);
  void Write(Poco::Net::HTTPServerResponse& response, const Reply& reply, bool truncate,
             Poco::Net::HTTPServerRequest& request);
  // kOversizedBody: streams the filler until done, the peer leaves, or the server stops.
  void WriteOversized(Poco::Net::HTTPServerResponse& response, const FaultRule& fault);

  // --- /identity and / (routes_identity.cc) ---
  Reply Identity(const Call& call);
  Reply Root(const Call& call);

  // --- sections, their settings and items (routes_library.cc) ---
  Reply Sections(const Call& call);
  Reply SectionContents(const Call& call);
  Reply Metadata(const Call& call);
  // Requires impl_->mutex. `counts` (Library::AllCounts) for listings; null: computed here.
  Element ItemElement(const Item& item,
                      const std::unordered_map<int64_t, Library::Counts>* counts = nullptr) const;

  // --- field edits and locks (routes_edits.cc) ---
  Reply EditItems(const Call& call);  // PUT /library/sections/{id}/all?type=&id=&…
  // The item's set fields, tags and locked fields, as listings show them. Requires impl_->mutex.
  void AddEditableMetadata(const Item& item, Element* e) const;

  // --- artwork: candidates, uploads, selection, the images (routes_artwork.cc) ---
  Reply ItemImages(const Call& call);

  // --- browsing: folders, search, server settings (routes_browse.cc) ---
  Reply SectionFolder(const Call& call);
  Reply HubSearch(const Call& call);
  Reply ServerPrefs(const Call& call);

  // --- scans, refreshes, the trash and activities (routes_scans.cc) ---
  Reply SectionRefresh(const Call& call);
  Reply EmptyTrash(const Call& call);
  Reply ItemRefresh(const Call& call);  // …/refresh, …/match, …/unmatch, …/analyze
  Reply Activities(const Call& call);

  // --- /status/sessions and its history (routes_sessions.cc) ---
  Reply SessionsList(const Call& call);
  Reply SessionHistory(const Call& call);  // /status/sessions/history/all

  // --- the notification websocket (routes_websocket.cc) ---
  static bool IsWebsocketPath(const std::string& path);
  // Upgrades the connection and serves it until it closes (or refuses it), recording the request.
  void ServeWebsocket(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                      bool authorized);

  // --- custom metadata providers, /media/providers/metadata… (routes_providers.cc) ---
  Reply MetadataProviders(const Call& call);
  Reply PutGroupItem(const Call& call, ProviderGroup& group, int64_t provider_id);  // needs `mutex`
  // /__emulator/providers…, /__emulator/sections/{key}/agent (the control API's share).
  Reply ControlProviders(const Call& call);

  // --- the control API, /__emulator/ (routes_control.cc) ---
  Reply Control(const Call& call);

  Emulator::Impl* impl_;
  RecordedRequest record_;  // this request as the log keeps it (not for the control API)
};

}  // namespace pms_emulator

#endif  // PMS_EMULATOR_SRC_ROUTER_H_
