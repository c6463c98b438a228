// A moment as the kiosk saw it: UTC milliseconds plus the local UTC offset in
// force then, so reports can group by the puskesmas' own day (WIB, WITA, WIT)
// while ordering stays unambiguous.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kotak::core {

struct Timestamp {
  std::int64_t unix_ms = 0;
  int utc_offset_min = 0;

  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

// The current time with the system's local offset.
Timestamp now();
// The local UTC offset (minutes) at the given UTC time, from the TZ database.
int local_offset_minutes(std::int64_t unix_seconds);

// The start (UTC milliseconds) of the local calendar day, in the system's
// time zone, that contains unix_ms: "today" for the kiosk's face counts.
std::int64_t local_day_start_ms(std::int64_t unix_ms);

// ISO 8601 with milliseconds and offset: 2026-11-23T12:47:00.123+07:00.
std::string format_iso8601(const Timestamp& t);
// Accepts exactly the form above (and Z for +00:00); nullopt otherwise.
std::optional<Timestamp> parse_iso8601(std::string_view text);

// Days since 1970-01-01 of a civil date and back (Howard Hinnant's algorithm).
std::int64_t days_from_civil(int year, unsigned month, unsigned day);
void civil_from_days(std::int64_t days, int& year, unsigned& month, unsigned& day);

}  // namespace kotak::core
