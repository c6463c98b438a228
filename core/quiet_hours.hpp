// A daily window of local time when the kiosk keeps quiet ([speech]
// quiet_hours = "21:00-06:00"): nothing is spoken by itself then. The window
// may cross midnight; it holds its start minute and not its end minute.
// Kept apart from any clock: the caller says which minute of the day it is,
// so tests set the time without a calendar.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kotak::core {

struct QuietHours {
  int start = 0;  // minutes after midnight, 0..1439
  int end = 0;    // minutes after midnight, 0..1439, never equal to start
  bool contains(int minute_of_day) const;
};

// "HH:MM-HH:MM" (24-hour clock, leading zeros optional for the hour). An
// empty text is no window. Anything else sets error to what is wrong and
// returns nullopt.
std::optional<QuietHours> parse_quiet_hours(std::string_view text, std::string& error);

// "21:00-06:00" again, for logs.
std::string to_string(const QuietHours& hours);

}  // namespace kotak::core
