// Fault injection: each kind of fault, and oversized bodies with and without a length.
#include "emulator_test_support.h"

#include <atomic>
#include <thread>

namespace pms_emulator {
namespace {

using Poco::JSON::Object;

TEST_F(EmulatorTest, FaultsEachKind) {
  FaultRule status;
  status.kind = FaultKind::kHttpStatus;
  status.path_prefix = "/library/sections";
  status.http_status = 503;
  status.times = 1;
  emu_->AddFault(status);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections").status, 503);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections").status, 200);  // used up

  FaultRule latency;
  latency.kind = FaultKind::kLatency;
  latency.latency_ms = 150;
  latency.times = 1;
  emu_->AddFault(latency);
  const auto start = Clock::now();
  EXPECT_EQ(Call(*emu_, "GET", "/identity").status, 200);
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(150));

  FaultRule reset;
  reset.kind = FaultKind::kConnectionReset;
  reset.times = 1;
  emu_->AddFault(reset);
  EXPECT_FALSE(Call(*emu_, "GET", "/identity").error.empty());

  FaultRule truncated;
  truncated.kind = FaultKind::kTruncatedBody;
  truncated.times = 1;
  emu_->AddFault(truncated);
  Response t = Call(*emu_, "GET", "/library/sections", true);
  EXPECT_TRUE(!t.error.empty() || t.body.size() < std::stoul(t.headers["Content-Length"]));

  FaultRule xml;
  xml.kind = FaultKind::kXmlForJson;
  xml.times = 1;
  emu_->AddFault(xml);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections", true).body.rfind("<?xml", 0), 0u);

  FaultRule nginx;
  nginx.kind = FaultKind::kNotPlex;
  nginx.times = 1;
  emu_->AddFault(nginx);
  Response n = Call(*emu_, "GET", "/identity", true, nullptr);
  EXPECT_EQ(n.status, 200);
  EXPECT_NE(n.body.find("Welcome to nginx!"), std::string::npos);

  FaultRule stall;
  stall.kind = FaultKind::kStall;
  emu_->AddFault(stall);
  std::atomic<int> stalled_status{-1};
  std::thread caller([&] { stalled_status = Call(*emu_, "GET", "/identity", false, nullptr).status; });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_EQ(stalled_status.load(), -1);  // still waiting
  emu_->ClearFaults();
  caller.join();
  EXPECT_EQ(stalled_status.load(), 200);
}

TEST_F(EmulatorTest, OversizedBodiesWithAndWithoutLength) {
  for (bool chunked : {false, true}) {
    FaultRule huge;
    huge.kind = FaultKind::kOversizedBody;
    huge.path_prefix = "/library/sections";
    huge.body_bytes = 3 << 20;
    huge.chunked = chunked;
    huge.times = 1;
    emu_->AddFault(huge);
    Response r = Call(*emu_, "GET", "/library/sections", true);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body.size(), size_t{3} << 20) << (chunked ? "chunked" : "with length");
    EXPECT_EQ(r.headers.count("Content-Length"), chunked ? 0u : 1u);
  }
}

}  // namespace
}  // namespace pms_emulator
