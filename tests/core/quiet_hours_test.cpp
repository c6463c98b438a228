// The quiet-hours window of [speech]: parsing, and which minutes it holds,
// with the minute of the day given by the test (no clock, no calendar).
#include <doctest/doctest.h>

#include "core/quiet_hours.hpp"

using namespace kotak::core;

namespace {

QuietHours parse(const std::string& text) {
  std::string error;
  auto hours = parse_quiet_hours(text, error);
  REQUIRE_MESSAGE(hours.has_value(), error);
  return *hours;
}

std::string error_of(const std::string& text) {
  std::string error;
  CHECK_FALSE(parse_quiet_hours(text, error).has_value());
  return error;
}

constexpr int at(int h, int m) { return h * 60 + m; }

}  // namespace

TEST_CASE("quiet hours across midnight hold the evening and the early morning") {
  const QuietHours night = parse("21:00-06:00");
  CHECK(night.start == at(21, 0));
  CHECK(night.end == at(6, 0));
  CHECK_FALSE(night.contains(at(20, 59)));
  CHECK(night.contains(at(21, 0)));  // the start minute is quiet
  CHECK(night.contains(at(23, 59)));
  CHECK(night.contains(at(0, 0)));
  CHECK(night.contains(at(5, 59)));
  CHECK_FALSE(night.contains(at(6, 0)));  // the end minute speaks again
  CHECK_FALSE(night.contains(at(12, 0)));
  CHECK(to_string(night) == "21:00-06:00");
}

TEST_CASE("quiet hours within one day, and at the edges of the day") {
  const QuietHours lunch = parse("12:00-13:30");
  CHECK_FALSE(lunch.contains(at(11, 59)));
  CHECK(lunch.contains(at(12, 0)));
  CHECK(lunch.contains(at(13, 29)));
  CHECK_FALSE(lunch.contains(at(13, 30)));
  CHECK_FALSE(lunch.contains(at(0, 0)));

  const QuietHours to_midnight = parse("22:00-00:00");
  CHECK(to_midnight.contains(at(23, 59)));
  CHECK_FALSE(to_midnight.contains(at(0, 0)));
  CHECK_FALSE(to_midnight.contains(at(21, 59)));

  const QuietHours from_midnight = parse("0:00-7:05");  // a one-digit hour is fine
  CHECK(from_midnight.contains(at(0, 0)));
  CHECK(from_midnight.contains(at(7, 4)));
  CHECK_FALSE(from_midnight.contains(at(7, 5)));
  CHECK(to_string(from_midnight) == "00:00-07:05");

  CHECK(parse(" 21:00 - 06:00 ").start == at(21, 0));  // spaces around are allowed
}

TEST_CASE("bad quiet hours are refused with what is expected") {
  CHECK(error_of("21-06").find("HH:MM-HH:MM") != std::string::npos);
  CHECK(error_of("9pm-6am").find("HH:MM-HH:MM") != std::string::npos);
  CHECK(error_of("21:00").find("HH:MM-HH:MM") != std::string::npos);
  CHECK(error_of("21:00-06:00-07:00").find("HH:MM-HH:MM") != std::string::npos);
  CHECK(error_of("24:00-06:00").find("not a time of day") != std::string::npos);
  CHECK(error_of("21:60-06:00").find("not a time of day") != std::string::npos);
  CHECK(error_of("21:00-21:00").find("same minute") != std::string::npos);
  CHECK(error_of("").find("HH:MM-HH:MM") != std::string::npos);
}
