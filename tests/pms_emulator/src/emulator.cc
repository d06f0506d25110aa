// The public Emulator API: lifecycle, the file tree, inspection, playback, faults.
#include <algorithm>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <fmt/format.h>

#include "emulator_impl.h"

namespace pms_emulator {
namespace {

std::string RandomHex(size_t n) {
  std::random_device rd;
  std::string out;
  for (size_t i = 0; i < n; ++i) out.push_back("0123456789abcdef"[rd() % 16]);
  return out;
}

}  // namespace

std::string RedactTokens(const std::string& text) {
  static const std::regex token(R"((X-Plex-Token[=:]\s*)[^&\s"]+)", std::regex::icase);
  return std::regex_replace(text, token, "$1<redacted>");
}

Emulator::Impl::Impl(EmulatorOptions o) : options(std::move(o)) {
  if (options.machine_identifier.empty()) options.machine_identifier = RandomHex(40);
  platform = options.platform;
  library.SetWindows(platform == "Windows");
  websocket_enabled = options.websocket_enabled;
  if (SupportsMetadataProviders(options.version)) {
    // Plex's own agents, listed as providers (inferred: PMS logs name them "agent providers" and
    // agents are built from them; docs/metadata-provider.md §5).
    const std::string plex_service = "provider://tv.plex.provider.metadata";
    providers.push_back({next_provider_id++, "tv.plex.agents.movie", "Plex Movie", plex_service, "", {1},
                         "tv.plex.agents.movie"});
    providers.push_back({next_provider_id++, "tv.plex.agents.series", "Plex Series", plex_service, "", {2, 3, 4},
                         "tv.plex.agents.series"});
    for (ProviderInfo& p : providers) p.builtin = true;
  }
}

void Emulator::Impl::StartServer() {
  stopping = false;
  hub.Reopen();
  Poco::Net::SocketAddress address(options.bind_host, bound_port ? bound_port : options.port);
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  if (!options.tls_cert_file.empty()) {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, options.tls_key_file, options.tls_cert_file, "",
        Poco::Net::Context::VERIFY_NONE);
    socket = std::make_unique<Poco::Net::SecureServerSocket>(context);
  } else {
    socket = std::make_unique<Poco::Net::ServerSocket>();
  }
  socket->bind(address, /*reuseAddress=*/true);
  socket->listen(64);
  bound_port = socket->address().port();
  auto params = new Poco::Net::HTTPServerParams;
  // Every websocket client holds a thread for as long as it is connected: room for a host with
  // many instances (the load benchmark connects 100) besides the HTTP requests.
  params->setMaxThreads(240);
  params->setMaxQueued(128);
  params->setKeepAlive(true);
  params->setTimeout(Poco::Timespan(30, 0));
  pool = std::make_unique<Poco::ThreadPool>(2, 240);
  server = std::make_unique<Poco::Net::HTTPServer>(NewRouterFactory(this), *pool, *socket, params);
  server->start();
  worker = std::thread([this] { WorkerLoop(); });
  playback_ticker = std::thread([this] { PlaybackLoop(); });
  running = true;
}

void Emulator::Impl::StopServer() {
  if (!running.exchange(false)) return;
  {
    std::lock_guard<std::mutex> lock(mutex);
    stopping = true;
    work_cv.notify_all();
    stall_cv.notify_all();
    ticker_cv.notify_all();
  }
  if (playback_ticker.joinable()) playback_ticker.join();
  hub.Shutdown();
  server->stopAll(/*abortCurrent=*/true);
  pool->joinAll();
  if (worker.joinable()) worker.join();
  server.reset();
  pool.reset();
  std::lock_guard<std::mutex> lock(mutex);
  // A restart loses what was queued or running.
  jobs.clear();
  running_job.reset();
  activities.clear();
  for (Section& s : library.sections()) s.refreshing = false;
  idle_cv.notify_all();
}

Emulator::Emulator(EmulatorOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Emulator::~Emulator() { Stop(); }

void Emulator::LoadLibraryJson(const std::string& json) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  std::string platform;
  Library fresh;
  fresh.SetWindows(impl_->platform == "Windows");
  fresh.Load(json, &platform);  // throws before anything changes
  impl_->library = std::move(fresh);
  if (!platform.empty()) impl_->platform = platform;
}

void Emulator::LoadLibraryFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("cannot read library file \"" + path + "\"");
  std::stringstream ss;
  ss << in.rdbuf();
  LoadLibraryJson(ss.str());
}

void Emulator::Start() {
  if (impl_->running) return;
  impl_->StartServer();
}

void Emulator::Stop() { impl_->StopServer(); }

void Emulator::Restart(std::chrono::milliseconds downtime) {
  Stop();
  std::this_thread::sleep_for(downtime);
  impl_->StartServer();
}

bool Emulator::running() const { return impl_->running; }
uint16_t Emulator::port() const { return impl_->bound_port; }

std::string Emulator::base_url() const {
  return fmt::format("{}://127.0.0.1:{}", impl_->options.tls_cert_file.empty() ? "http" : "https",
                     impl_->bound_port);
}

const EmulatorOptions& Emulator::options() const { return impl_->options; }

void Emulator::AddFile(const std::string& server_path) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->library.AddFile(server_path);
}

void Emulator::AddFile(const std::string& server_path, const std::string& contents) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->library.AddFile(server_path, contents);
}

void Emulator::RemoveFile(const std::string& server_path) { RemovePath(server_path); }

void Emulator::RemovePath(const std::string& server_path) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->library.RemovePath(server_path);
}

bool Emulator::HasFile(const std::string& server_path) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->library.HasFile(server_path);
}

std::vector<ItemView> Emulator::Items(const std::string& section_key) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<ItemView> out;
  for (const Item* item : impl_->library.SectionItems(section_key)) out.push_back(impl_->library.View(*item));
  return out;
}

std::optional<ItemView> Emulator::FindItemByFile(const std::string& server_path) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const Item* item = impl_->library.FindByFile(server_path);
  if (!item) return std::nullopt;
  return impl_->library.View(*item);
}

std::optional<ItemView> Emulator::FindItem(const std::string& rating_key) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const Item* item = impl_->library.FindItem(std::stoll(rating_key));
  if (!item) return std::nullopt;
  return impl_->library.View(*item);
}

std::vector<std::string> Emulator::SectionKeys() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<std::string> keys;
  for (const Section& s : impl_->library.sections()) keys.push_back(s.key);
  return keys;
}

// Generated libraries stand for libraries that exist already: their items were added a day ago.
// (Stamped "now", a listing in the same second would overlap the driver's one-second margin for
// items changed while it listed, and every later incremental listing would return them all.)
constexpr int64_t kGeneratedAgeSeconds = 86400;

void Emulator::GenerateMovies(const std::string& section_key, int count) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->library.GenerateMovies(section_key, count, UnixNow() - kGeneratedAgeSeconds);
}

void Emulator::AddUnmatchable(const std::string& fragment) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->library.AddUnmatchable(fragment);
}

void Emulator::GenerateShows(const std::string& section_key, int shows, int seasons, int episodes) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->library.GenerateShows(section_key, shows, seasons, episodes,
                                UnixNow() - kGeneratedAgeSeconds);
}

namespace {

int64_t KeyOf(const std::string& rating_key) {
  try {
    return std::stoll(rating_key);
  } catch (const std::logic_error&) {
    return 0;  // no item has it
  }
}

}  // namespace

// (Images are created on first use, hence the library changes under these const methods.)
std::optional<std::string> Emulator::SelectedImage(const std::string& rating_key, const std::string& element) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->library.SelectedImage(KeyOf(rating_key), element);
}

std::vector<ImageCandidate> Emulator::ImageCandidates(const std::string& rating_key,
                                                      const std::string& element) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->library.Candidates(KeyOf(rating_key), element);
}

void Emulator::SetAgentMetadata(const std::string& rating_key, const std::map<std::string, std::string>& fields) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->library.SetAgentValues(KeyOf(rating_key), fields);
}

std::vector<ScanRecord> Emulator::Scans() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->scans;
}

bool Emulator::WaitForIdle(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(impl_->mutex);
  return impl_->idle_cv.wait_for(lock, timeout, [&] {
    return impl_->jobs.empty() && !impl_->running_job.has_value();
  });
}

void Emulator::SetScanStartDelay(int ms) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->options.scan_start_delay_ms = ms;
}

void Emulator::SetScanMsPerFolder(int ms) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->options.scan_ms_per_folder = ms;
}

void Emulator::SetTokenRevoked(const std::string& token, bool revoked) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<std::string>& r = impl_->revoked_tokens;
  r.erase(std::remove(r.begin(), r.end(), token), r.end());
  if (revoked) r.push_back(token);
}

void Emulator::SetWebsocketEnabled(bool enabled) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->websocket_enabled = enabled;
}

size_t Emulator::WebsocketClients() const { return impl_->hub.clients(); }

void Emulator::DropWebsockets() { impl_->hub.DropAll(); }

std::string Emulator::StartPlayback(const std::string& rating_key, const std::string& user,
                                    const std::string& player, const std::string& player_id) {
  return impl_->StartPlayback(rating_key, user, player, player_id);
}

bool Emulator::PausePlayback(const std::string& session_key) {
  return impl_->SetPlaybackState(session_key, "paused");
}

bool Emulator::ResumePlayback(const std::string& session_key) {
  return impl_->SetPlaybackState(session_key, "playing");
}

bool Emulator::StopPlayback(const std::string& session_key) {
  return impl_->SetPlaybackState(session_key, "stopped");
}

bool Emulator::AbandonPlayback(const std::string& session_key) {
  return impl_->AbandonPlayback(session_key);
}

void Emulator::SetPlaybackReportMs(int ms) {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->options.playback_report_ms = ms;
  }
  impl_->ticker_cv.notify_all();
}

std::vector<SessionInfo> Emulator::Sessions() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->ListedSessions();
}

WebhookBody Emulator::BuildWebhook(const std::string& event, const std::string& rating_key,
                                   const std::string& user, const std::string& player) const {
  return impl_->BuildWebhookBody(event, rating_key, user, player, "");
}

bool Emulator::SendWebhookEvent(const std::string& event, const std::string& rating_key) {
  return impl_->SendWebhook(event, rating_key, "", "", "");
}

std::vector<RecordedRequest> Emulator::Requests() const { return impl_->requests.All(); }

void Emulator::ClearRequests() { impl_->requests.Clear(); }

size_t Emulator::CountRequests(const std::string& method, const std::string& path_prefix) const {
  return impl_->requests.Count(method, path_prefix);
}

void Emulator::SendNotificationFrame(const std::string& frame) { impl_->hub.Broadcast(frame); }

void Emulator::AddFault(FaultRule rule) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->faults.push_back(rule);
}

void Emulator::ClearFaults() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->faults.clear();
  ++impl_->fault_generation;
  impl_->stall_cv.notify_all();
}

}  // namespace pms_emulator
