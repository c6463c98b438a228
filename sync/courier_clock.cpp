// The first step of a sync run: how wrong is this kiosk's clock?
//
// A Pi has no real-time clock. After a power cut without network it runs
// at the time fake-hwclock saved, and until timesyncd reaches a time server
// the kernel says the clock is not synchronised. Each run asks the server
// for its time (GET /api/v1/time), reads the kiosk's own before and after
// (the answer was made about half a round trip before it arrived), and
// reports the difference with this boot's id and the clock's state
// (POST /api/v1/device/clock). The server keeps the first offset it gets
// while the boot's clock is not synchronised and corrects that boot's
// answers with it. The offset holds only as long as nobody sets the clock,
// which is why a measurement made once the clock is synchronised is not
// used for answers saved before (docs/sync.md, "A kiosk clock that is wrong").
#include <algorithm>
#include <chrono>

#include "core/clock_state.hpp"
#include "core/log.hpp"
#include "core/timestamp.hpp"
#include "sync/courier.hpp"

namespace kotak::sync {

namespace wire = core::wire;

namespace {

bool is_old_server(const HttpReply& reply) {
  return reply.answer.transport == Transport::ok && reply.answer.kotak &&
         reply.answer.status == 404;
}

std::string describe(const wire::ClockReport& report) {
  std::string state = !report.synchronised  ? "state unknown"
                      : *report.synchronised ? "synchronised"
                                             : "not synchronised";
  return "clock offset " + std::to_string(report.offset_ms) + " ms (" + state + ", round trip " +
         std::to_string(report.round_trip_ms) + " ms, boot " + report.boot_id.substr(0, 8) + ")";
}

}  // namespace

bool Courier::check_clock(RunReport& report) {
  const core::ClockState state = core::read_clock_state();
  std::int64_t server_ms = 0;
  std::int64_t received_ms = 0;  // the kiosk's clock when the answer came
  std::int64_t round_trip_ms = 0;
  auto outcome = exchange(
      [&] {
        const auto sent = std::chrono::steady_clock::now();
        HttpReply reply = http_.get("/api/v1/time");
        received_ms = core::now().unix_ms;
        round_trip_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - sent)
                            .count();
        return reply;
      },
      [&](const HttpReply& reply) -> std::optional<std::string> {
        try {
          server_ms = wire::decode_server_time(reply.body);
        } catch (const wire::WireError& error) {
          return std::string(error.what());
        }
        return std::nullopt;
      });
  if (outcome.verdict != Verdict::ok) {
    if (is_old_server(outcome.reply)) {
      server_knows_clock_ = false;
      report.clock = "the server is older than device clocks; answers go without theirs";
      return true;
    }
    report.result = outcome.assessment.result;
    report.detail = outcome.assessment.detail;
    return false;
  }
  wire::ClockReport measured;
  measured.boot_id = state.boot_id;
  measured.synchronised = state.synchronised;
  measured.round_trip_ms = std::min(round_trip_ms, wire::kMaxRoundTripMs);
  measured.offset_ms = std::clamp(server_ms - (received_ms - round_trip_ms / 2),
                                  -wire::kMaxClockOffsetMs, wire::kMaxClockOffsetMs);
  report.clock = describe(measured);
  measured_offset_ms_ = measured.offset_ms;
  if (measured.boot_id.empty()) {
    report.clock += "; not reported: this system does not say which boot it is in";
    return true;
  }
  const std::string body = wire::encode_clock_report(measured);
  auto sent = exchange([&] { return http_.post_json("/api/v1/device/clock", body); },
                       [](const HttpReply&) -> std::optional<std::string> { return std::nullopt; });
  if (sent.verdict != Verdict::ok) {
    report.result = sent.assessment.result;
    report.detail = "reporting the kiosk's clock failed: " + sent.assessment.detail;
    return false;
  }
  if (measured.synchronised != true)
    core::log::info("the clock is not known to be synchronised; " + report.clock);
  return true;
}

}  // namespace kotak::sync
