#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "core/timestamp.hpp"

using namespace kotak::core;

TEST_CASE("timestamps format as ISO 8601 in the local offset") {
  CHECK(format_iso8601({1795412820123, 420}) == "2026-11-23T12:47:00.123+07:00");
  CHECK(format_iso8601({1795412820123, 0}) == "2026-11-23T05:47:00.123+00:00");
  CHECK(format_iso8601({0, -330}) == "1969-12-31T18:30:00.000-05:30");
}

TEST_CASE("parse_iso8601 reads back what format_iso8601 writes") {
  for (Timestamp t : {Timestamp{1795412820123, 420}, Timestamp{1700000000000, 480},
                      Timestamp{1600000000999, 540}, Timestamp{1795412820000, -600}}) {
    auto parsed = parse_iso8601(format_iso8601(t));
    REQUIRE(parsed);
    CHECK(*parsed == t);
  }
  auto zulu = parse_iso8601("2026-11-23T05:47:00Z");
  REQUIRE(zulu);
  CHECK(zulu->unix_ms == 1795412820000);
  CHECK(zulu->utc_offset_min == 0);
}

TEST_CASE("parse_iso8601 refuses anything but the exact form") {
  for (const char* bad :
       {"", "2026-11-23", "2026-11-23 12:47:00+07:00", "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-23T24:00:00Z",
        "2026-11-23T12:47:00", "2026-11-23T12:47:00+0700", "2026-11-23T12:47:00.12Z",
        "2026-11-23T12:47:00Z trailing", "2026-11-23T12:47:00+15:00"})
    CHECK_MESSAGE(!parse_iso8601(bad), bad);
  CHECK(parse_iso8601("2024-02-29T00:00:00Z"));  // a leap day
}

TEST_CASE("civil dates convert to days and back") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2026, 11, 23) == 20780);
  int y;
  unsigned m, d;
  civil_from_days(20780, y, m, d);
  CHECK(y == 2026);
  CHECK(m == 11u);
  CHECK(d == 23u);
}

TEST_CASE("today starts at local midnight: a millisecond before it is yesterday") {
  // Jakarta (WIB, +07:00, no summer time) and a zone with summer time.
  const char* saved = std::getenv("TZ");
  std::string before = saved ? saved : "";
  auto restore = [&] {
    if (saved) setenv("TZ", before.c_str(), 1); else unsetenv("TZ");
    tzset();
  };
  setenv("TZ", "Asia/Jakarta", 1);
  tzset();
  auto midnight = parse_iso8601("2026-12-01T00:00:00.000+07:00")->unix_ms;
  CHECK(local_day_start_ms(midnight) == midnight);
  CHECK(local_day_start_ms(midnight + 86'399'999) == midnight);
  CHECK(local_day_start_ms(midnight - 1) == midnight - 86'400'000);
  // Summer time starts at 02:00 in Europe/Berlin on 2027-03-28: that day is 23 hours.
  setenv("TZ", "Europe/Berlin", 1);
  tzset();
  auto berlin = parse_iso8601("2027-03-28T00:00:00.000+01:00")->unix_ms;
  CHECK(local_day_start_ms(berlin + 23 * 3'600'000LL - 1) == berlin);
  CHECK(local_day_start_ms(berlin + 23 * 3'600'000LL) == berlin + 23 * 3'600'000LL);
  restore();
}
