#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <fmt/format.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "emulator_impl.h"
#include "fixture.h"

namespace plextv_emulator {
namespace {

std::string RandomHex(size_t n) {
  static std::mt19937_64 random(std::random_device{}());
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  std::string out;
  while (out.size() < n) out += fmt::format("{:016x}", random());
  return out.substr(0, n);
}

}  // namespace

Emulator::Emulator(EmulatorOptions options)
    : impl_(std::make_unique<Impl>(this, std::move(options))) {}

Emulator::~Emulator() { Stop(); }

void Emulator::Start() {
  if (impl_->server) return;
  try {
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(impl_->options.bind_host, impl_->options.port), true);
    socket.listen(64);
    impl_->bound_port = socket.address().port();
    auto params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(16);
    params->setKeepAlive(true);
    impl_->pool = std::make_unique<Poco::ThreadPool>(2, 16);
    impl_->server = std::make_unique<Poco::Net::HTTPServer>(NewHandlerFactory(impl_.get()),
                                                            *impl_->pool, socket, params);
    impl_->server->start();
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("plex.tv emulator: cannot listen: " + e.displayText());
  }
}

void Emulator::Stop() {
  if (!impl_->server) return;
  impl_->server->stopAll(/*abortCurrent=*/true);
  impl_->pool->joinAll();
  impl_->server.reset();
  impl_->pool.reset();
}

uint16_t Emulator::port() const { return impl_->bound_port; }

std::string Emulator::base_url() const {
  return fmt::format("http://{}:{}", impl_->options.bind_host, impl_->bound_port);
}

void Emulator::AddAccount(Account account) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (account.id == 0) account.id = impl_->next_account_id++;
  if (account.uuid.empty()) account.uuid = RandomHex(16);
  impl_->accounts.push_back(std::move(account));
}

void Emulator::AddResource(Resource resource) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  for (Connection& c : resource.connections) {
    if (c.uri.empty()) c.uri = fmt::format("{}://{}:{}", c.protocol, c.address, c.port);
  }
  impl_->resources.push_back(std::move(resource));
}

void Emulator::SetTokenRevoked(const std::string& token, bool revoked) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (revoked) {
    impl_->revoked.insert(token);
  } else {
    impl_->revoked.erase(token);
  }
}

void Emulator::SetPinLifetime(int seconds) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->options.pin_lifetime_seconds = seconds;
}

void Emulator::LoadFixtureJson(const std::string& json) {
  const Fixture fixture = ParseFixture(json);  // throws before anything changes
  if (fixture.pin_lifetime_seconds) SetPinLifetime(*fixture.pin_lifetime_seconds);
  for (const Account& a : fixture.accounts) AddAccount(a);
  for (const Resource& r : fixture.resources) AddResource(r);
}

void Emulator::LoadFixtureFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    LoadFixtureJson(text.str());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

std::vector<PinView> Emulator::Pins() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<PinView> out;
  const Clock::time_point now = Clock::now();
  for (const Pin& p : impl_->pins) {
    PinView v;
    v.id = p.id;
    v.code = p.code;
    v.client_identifier = p.client_identifier;
    v.product = p.product;
    v.strong = p.strong;
    v.approved = !p.approved_by.empty();
    v.expired = impl_->PinExpired(p, now);
    v.polls = p.polls;
    out.push_back(v);
  }
  return out;
}

std::optional<PinView> Emulator::WaitForPin(std::chrono::milliseconds timeout) const {
  {
    std::unique_lock<std::mutex> lock(impl_->mutex);
    if (!impl_->pin_created.wait_for(lock, timeout, [&] { return !impl_->pins.empty(); })) {
      return std::nullopt;
    }
  }
  std::vector<PinView> pins = Pins();
  return pins.back();
}

bool Emulator::ApprovePin(int64_t id, const std::string& username) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  bool known = false;
  for (const Account& a : impl_->accounts) known = known || a.username == username;
  if (!known) return false;
  for (Pin& p : impl_->pins) {
    if (p.id == id && !impl_->PinExpired(p, Clock::now())) {
      p.approved_by = username;
      return true;
    }
  }
  return false;
}

bool Emulator::ExpirePin(int64_t id) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  for (Pin& p : impl_->pins) {
    if (p.id == id) {
      p.forced_expired = true;
      return true;
    }
  }
  return false;
}

std::vector<RecordedRequest> Emulator::Requests() const { return impl_->requests.All(); }

void Emulator::ClearRequests() { impl_->requests.Clear(); }

size_t Emulator::CountRequests(const std::string& method, const std::string& path_prefix) const {
  return impl_->requests.Count(method, path_prefix);
}

const Account* Emulator::Impl::AccountByToken(const std::string& token) const {
  if (token.empty() || revoked.count(token)) return nullptr;
  for (const Account& a : accounts) {
    if (a.token == token) return &a;
  }
  return nullptr;
}

bool Emulator::Impl::PinExpired(const Pin& pin, Clock::time_point now) const {
  return pin.forced_expired || now >= pin.expires;
}

}  // namespace plextv_emulator
