// The last step of a good sync run (issue 15 item 12): how the kiosk is,
// for the district's kiosk page - answers still waiting, answers set aside,
// this program's version, the free space where the kiosk database lives and
// the clock offset this run measured (POST /api/v1/device/health,
// wire.hpp). A server older than the report answers 404 and is let be.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "core/log.hpp"
#include "sync/courier.hpp"

namespace kotak::sync {

namespace wire = core::wire;

void Courier::report_health(RunReport& report) {
  const core::StateCounts counts = store_.counts();
  wire::HealthReport health;
  health.queue = std::min(counts.pending, wire::kMaxHealthCount);
  health.quarantined = std::min(counts.quarantined, wire::kMaxHealthCount);
  health.version = KOTAK_VERSION;
  std::error_code error;
  const auto folder = config_.database.has_parent_path() ? config_.database.parent_path()
                                                         : std::filesystem::path(".");
  const auto space = std::filesystem::space(folder, error);
  if (!error)
    health.disk_free_bytes =
        static_cast<std::int64_t>(std::min<std::uintmax_t>(space.available, wire::kMaxDiskBytes));
  health.clock_offset_ms = measured_offset_ms_;
  const std::string body = wire::encode_health_report(health);
  auto sent = exchange([&] { return http_.post_json("/api/v1/device/health", body); },
                       [](const HttpReply&) -> std::optional<std::string> { return std::nullopt; });
  if (sent.verdict == Verdict::ok) {
    report.health = "health reported";
  } else if (sent.reply.answer.transport == Transport::ok && sent.reply.answer.kotak &&
             sent.reply.answer.status == 404) {
    report.health = "the server is older than kiosk health reports";
  } else {
    report.health = std::string("the health report failed: ") + sent.assessment.detail;
    core::log::warning(report.health);
  }
}

}  // namespace kotak::sync
