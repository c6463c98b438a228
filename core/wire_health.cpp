// See wire.hpp: a kiosk's health report (issue 15 item 12). The server
// shows these figures to staff, so each is bounded here: a hostile device
// may send anything.
#include <nlohmann/json.hpp>

#include "core/wire.hpp"
#include "core/wire_reader.hpp"

namespace kotak::core::wire {

using nlohmann::json;
using namespace reader;

namespace {

bool is_version(std::string_view text) {
  if (text.empty() || text.size() > 40) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '+' || c == '~' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string encode_health_report(const HealthReport& report) {
  json message{{"protocol", kProtocol},
               {"queue", report.queue},
               {"quarantined", report.quarantined},
               {"version", report.version}};
  if (report.disk_free_bytes) message["disk_free_bytes"] = *report.disk_free_bytes;
  if (report.clock_offset_ms) message["clock_offset_ms"] = *report.clock_offset_ms;
  return message.dump();
}

HealthReport decode_health_report(std::string_view body) {
  return read_message(body, 4096, "health", [](Fields& fields) {
    HealthReport report;
    auto queue = fields.integer("queue", 0, kMaxHealthCount);
    auto quarantined = fields.integer("quarantined", 0, kMaxHealthCount);
    if (!queue || !quarantined) throw FieldError("health.queue and health.quarantined are needed");
    report.queue = *queue;
    report.quarantined = *quarantined;
    report.version = fields.string("version", 40, true);
    if (!is_version(report.version))
      throw FieldError("health.version must be 1-40 of A-Z a-z 0-9 . + ~ - _");
    report.disk_free_bytes = fields.integer("disk_free_bytes", 0, kMaxDiskBytes);
    report.clock_offset_ms = fields.integer("clock_offset_ms", -kMaxClockOffsetMs, kMaxClockOffsetMs);
    fields.finish();
    return report;
  });
}

}  // namespace kotak::core::wire
