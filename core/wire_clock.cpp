// See wire.hpp: the server's time and a kiosk's clock report (issue 17 item 6).
#include <nlohmann/json.hpp>

#include "core/clock_state.hpp"
#include "core/wire.hpp"
#include "core/wire_reader.hpp"

namespace kotak::core::wire {

using nlohmann::json;
using namespace reader;

std::string encode_server_time(std::int64_t unix_ms) {
  return json{{"protocol", kProtocol}, {"time_ms", unix_ms}}.dump();
}

std::int64_t decode_server_time(std::string_view body) {
  return read_message(body, 4096, "time", [](Fields& fields) {
    // No finish(): other members are let be, a later server may say more
    // about its time.
    auto time = fields.integer("time_ms", 0, std::int64_t{1} << 50);
    if (!time) throw FieldError("time.time_ms is missing");
    return *time;
  });
}

std::string encode_clock_report(const ClockReport& report) {
  json message{{"protocol", kProtocol},
               {"boot", report.boot_id},
               {"offset_ms", report.offset_ms},
               {"round_trip_ms", report.round_trip_ms}};
  if (report.synchronised) message["synchronised"] = *report.synchronised;
  return message.dump();
}

ClockReport decode_clock_report(std::string_view body) {
  return read_message(body, 4096, "clock", [](Fields& fields) {
    ClockReport report;
    report.boot_id = fields.string("boot", 64, true);
    if (!is_boot_id(report.boot_id))
      throw FieldError("clock.boot must be a boot id: 1-64 of 0-9 a-f -");
    if (fields.get("synchronised")) report.synchronised = fields.boolean("synchronised");
    auto offset = fields.integer("offset_ms", -kMaxClockOffsetMs, kMaxClockOffsetMs);
    auto round_trip = fields.integer("round_trip_ms", 0, kMaxRoundTripMs);
    if (!offset || !round_trip) throw FieldError("clock.offset_ms and clock.round_trip_ms are needed");
    report.offset_ms = *offset;
    report.round_trip_ms = *round_trip;
    fields.finish();
    return report;
  });
}

}  // namespace kotak::core::wire
