// See quiet_hours.hpp.
#include "core/quiet_hours.hpp"

#include <cstdio>
#include <regex>

namespace kotak::core {

namespace {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  out.append(text);
  out += '"';
  return out;
}

}  // namespace

bool QuietHours::contains(int minute_of_day) const {
  if (start < end) return minute_of_day >= start && minute_of_day < end;
  // Across midnight: from start to the end of the day, and from midnight to end.
  return minute_of_day >= start || minute_of_day < end;
}

std::optional<QuietHours> parse_quiet_hours(std::string_view text, std::string& error) {
  static const std::regex pattern(R"(\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(text.begin(), text.end(), m, pattern)) {
    error = "expected a window of local time as \"HH:MM-HH:MM\", e.g. \"21:00-06:00\", found ";
    error += quoted(text);
    return std::nullopt;
  }
  auto minute = [&](int h_group, int m_group) -> int {
    const int h = std::stoi(m[h_group].str()), mm = std::stoi(m[m_group].str());
    if (h > 23 || mm > 59) return -1;
    return h * 60 + mm;
  };
  QuietHours hours{minute(1, 2), minute(3, 4)};
  if (hours.start < 0 || hours.end < 0) {
    error = quoted(text);
    error += " is not a time of day (hours 00-23, minutes 00-59)";
    return std::nullopt;
  }
  if (hours.start == hours.end) {
    error = quoted(text);
    error += " starts and ends at the same minute; give a real window, or leave it out for none";
    return std::nullopt;
  }
  return hours;
}

std::string to_string(const QuietHours& hours) {
  char text[48];
  std::snprintf(text, sizeof text, "%02d:%02d-%02d:%02d", hours.start / 60, hours.start % 60,
                hours.end / 60, hours.end % 60);
  return text;
}

}  // namespace kotak::core
