// The monthly recap as the engine counts it, on the engine under test:
// checked by hand, and against a recount in the test from the raw cases of a
// varied month; its case list page by page; CSV that spreadsheets open as
// meant.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "server/reports/csv.hpp"
#include "server/reports/recap.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace kotak;
using namespace kotak::server;

namespace {

constexpr std::int64_t kHour = 3600000;
constexpr std::int64_t kDue = 72 * kHour;
// 2026-11-02 00:00 in Jakarta (+07:00).
constexpr std::int64_t kNov2 = 1793552400000;

// A case as the test writes it into the cases table.
struct Raw {
  std::string channel = "kiosk", type = "keluhan", unit, status = "baru";
  std::int64_t received_ms = 0;
  int offset_min = 420;
  std::optional<std::int64_t> first_answer_ms;
  std::string forwarded_unit;
  std::optional<std::int64_t> forwarded_ms, unit_response_ms;
  std::string facility = "pkm-a";
};

std::string sql_value(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "NULL"; }

struct Month {
  kotak::test::TempDir dir;
  kotak::test::TestStorage store{dir.path()};
  Storage& storage = *store;
  std::vector<Raw> written;
  std::string pending;
  Month() {
    written.reserve(1000);  // the tests keep pointers into it
    storage.add_facility({"pkm-a", "Puskesmas A", 1});
    storage.add_facility({"pkm-b", "Puskesmas B", 1});
  }
  // Written with SQL both engines understand: the recap reads what is
  // stored, however it got there. Rows wait for flush(), one INSERT for all.
  void write(const Raw& c) {
    auto n = std::to_string(written.size() + 1);
    pending += std::string(pending.empty() ? "" : ",\n") + "('" + c.facility + "', 2026, " + n + ", 'recap-" + n +
               "', " + std::to_string(c.received_ms) + ", " + std::to_string(c.offset_min) + ", " +
               std::to_string(c.received_ms) + ", '" + c.channel + "', '" + c.unit + "', '" + c.type +
               "', 'anonim', 'isi', " + std::to_string(c.received_ms + kDue) + ", '" + c.status + "', " +
               std::to_string(c.received_ms) + ", " + sql_value(c.first_answer_ms) + ", '" + c.forwarded_unit +
               "', " + sql_value(c.forwarded_ms) + ", " + sql_value(c.unit_response_ms) + ")";
    written.push_back(c);
  }
  void flush() {
    if (pending.empty()) return;
    store.database.exec(
        "INSERT INTO cases (facility_id, year, number, public_id, received_ms, utc_offset_min, recorded_ms, channel, "
        "unit, type, identity_mode, content, due_ms, status, updated_ms, first_answer_ms, forwarded_unit, "
        "forwarded_ms, unit_response_ms) VALUES " + pending);
    pending.clear();
  }
  reports::Recap recap(int year, unsigned month, const std::string& facility = "pkm-a") {
    flush();
    auto [first, last] = reports::month_days(year, month);
    return reports::assemble_recap(storage.recap_figures(facility, first, last, kDue), year, month, 72);
  }
};

std::int64_t count(const std::vector<reports::Count>& counts, const std::string& key) {
  for (const auto& c : counts)
    if (c.key == key) return c.count;
  return -1;
}

Raw make(const char* channel, const char* type, const char* unit, const char* status, std::int64_t received,
         std::optional<std::int64_t> answered_after_h) {
  Raw c;
  c.channel = channel;
  c.type = type;
  c.unit = unit;
  c.status = status;
  c.received_ms = received;
  if (answered_after_h) c.first_answer_ms = received + *answered_after_h * kHour;
  return c;
}

// The median as the header of recap.hpp defines it, over what the test wrote.
std::optional<double> median_of(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  auto n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

void check_hours(const std::optional<double>& got, const std::optional<double>& expected, const std::string& what) {
  REQUIRE_MESSAGE(got.has_value() == expected.has_value(), what);
  if (expected) CHECK_MESSAGE(*got == doctest::Approx(*expected), what);
}

}  // namespace

TEST_CASE("the recap of a month, computed by hand") {
  Month m;
  m.write(make("kiosk", "keluhan", "apotek", "ditanggapi", kNov2, 10));
  m.write(make("kiosk", "keluhan", "apotek", "selesai", kNov2 + kHour, 80));
  m.write(make("sms_wa", "saran", "poli-umum", "baru", kNov2 + 2 * kHour, std::nullopt));
  m.write(make("telepon", "pertanyaan", "", "bukan_wewenang", kNov2 + 3 * kHour, std::nullopt));
  m.write(make("kiosk", "pujian", "apotek", "selesai", kNov2 + 4 * kHour, 24));
  m.write(make("kiosk", "keluhan", "kia", "ditanggapi", kNov2 + 5 * kHour, 72));
  auto other = make("kiosk", "keluhan", "kia", "ditanggapi", kNov2, 1);
  other.facility = "pkm-b";  // another puskesmas: not in pkm-a's recap
  m.write(other);
  auto r = m.recap(2026, 11);

  CHECK(r.cases == 6);
  CHECK(count(r.by_channel, "kiosk") == 4);
  CHECK(count(r.by_channel, "sms_wa") == 1);
  CHECK(count(r.by_channel, "email") == 0);  // every channel listed, zeros too
  CHECK(count(r.by_channel, "qr_ponsel") == 0);
  CHECK(r.by_channel.size() == 10);
  CHECK(count(r.by_type, "keluhan") == 3);
  CHECK(count(r.by_status, "selesai") == 2);
  REQUIRE(r.by_unit.size() == 4);
  CHECK(r.by_unit[0].key == "apotek");  // most first
  CHECK(r.by_unit[0].count == 3);
  // Answered: 10, 80, 24, 72 hours → median (24 + 72) / 2 = 48.
  CHECK(r.answered == 4);
  REQUIRE(r.median_hours);
  CHECK(*r.median_hours == doctest::Approx(48.0));
  // Deadline: 5 cases count (bukan wewenang does not); within 72 h: 10, 24, 72.
  CHECK(r.deadline_base == 5);
  CHECK(r.answered_in_time == 3);
  REQUIRE(r.in_time_percent);
  CHECK(*r.in_time_percent == doctest::Approx(60.0));
  // Every day of November has its row of faces.
  REQUIRE(r.faces_by_day.size() == 30);
  CHECK(r.faces_by_day[1].key == "2026-11-02");
}

TEST_CASE("the recap assembles the faces per day, per unit and in all") {
  RecapFigures figures;
  auto nov2 = core::days_from_civil(2026, 11, 2);
  figures.faces = {{nov2, "apotek", 1, 3}, {nov2, "apotek", 4, 5}, {nov2 + 1, "kia", 3, 2}, {nov2 + 28, "", 2, 1}};
  auto r = reports::assemble_recap(figures, 2026, 11, 72);
  REQUIRE(r.faces_by_day.size() == 30);
  CHECK(r.faces_by_day[1].key == "2026-11-02");
  CHECK(r.faces_by_day[1].faces == std::array<std::int64_t, 4>{3, 0, 0, 5});
  CHECK(r.faces_by_day[2].total == 2);
  CHECK(r.faces_by_day[29].faces[1] == 1);
  CHECK(r.faces_total.total == 11);
  REQUIRE(r.faces_by_unit.size() == 3);
  CHECK(r.faces_by_unit[1].key == "apotek");
  CHECK(r.faces_by_unit[1].total == 8);
}

TEST_CASE("the engine's recap of a varied month equals a recount of its raw cases") {
  Month m;
  const char* channels[] = {"kiosk", "sms_wa", "telepon", "email", "qr_ponsel", "kotak_saran"};
  const char* types[] = {"saran", "keluhan", "pujian", "pertanyaan"};
  const char* statuses[] = {"baru", "diverifikasi", "diteruskan", "ditanggapi", "selesai", "bukan_wewenang", "arsip"};
  const char* units[] = {"", "apotek", "kia", "poli-umum"};
  const int offsets[] = {420, 480, 540};
  const auto [first_day, last_day] = reports::month_days(2026, 11);
  const std::int64_t month_start = first_day * 86400000;
  // A fixed pseudo-random month: the same cases on every run and engine.
  std::uint32_t seed = 12345;
  auto next = [&](std::uint32_t below) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % below;
  };
  for (int i = 0; i < 240; ++i) {
    Raw c;
    c.channel = channels[next(6)];
    c.type = types[next(4)];
    c.status = statuses[next(7)];
    c.unit = units[next(4)];
    c.offset_min = offsets[next(3)];
    // From a day before the month (UTC) to a day after it, some on the
    // same millisecond as the one before (the list's order breaks ties by id).
    c.received_ms = i % 9 == 5 ? m.written.back().received_ms
                               : month_start - 86400000 + std::int64_t{next(32 * 24)} * kHour + next(3600) * 1000;
    if (next(4) != 0) c.first_answer_ms = c.received_ms + std::int64_t{next(200)} * kHour / 2 + next(60) * 1000;
    if (next(3) == 0) {
      c.forwarded_unit = units[1 + next(3)];
      c.forwarded_ms = c.received_ms + std::int64_t{next(10)} * kHour;
      // Some answered, one before its forwarding (a kiosk clock): counted as 0 h.
      if (next(3) != 0) c.unit_response_ms = *c.forwarded_ms + std::int64_t{next(100)} * kHour - kHour;
    }
    if (i % 17 == 3) c.facility = "pkm-b";
    m.write(c);
  }
  // The month's edges in each case's own local time.
  auto at = [](const char* iso) { return core::parse_iso8601(iso)->unix_ms; };
  auto edge = [&](const char* iso, int offset) {
    Raw c = make("kiosk", "keluhan", "kia", "ditanggapi", at(iso), 5);
    c.offset_min = offset;
    m.write(c);
  };
  edge("2026-10-31T23:59:59.999+07:00", 420);  // October
  edge("2026-11-01T00:00:00.000+07:00", 420);  // November
  edge("2026-11-01T00:30:00.000+09:00", 540);  // still 31 October in UTC, November in Jayapura
  edge("2026-11-30T23:59:59.999+08:00", 480);  // November
  edge("2026-12-01T05:00:00.000+09:00", 540);  // 30 November in UTC, December in Jayapura

  // The recount: which cases are November's, from their local date as text.
  std::vector<const Raw*> month;
  for (const auto& c : m.written)
    if (c.facility == "pkm-a" && core::format_iso8601({c.received_ms, c.offset_min}).substr(0, 7) == "2026-11")
      month.push_back(&c);
  REQUIRE(month.size() > 150);
  std::map<std::string, std::int64_t> by_channel, by_type, by_status, by_unit;
  std::vector<double> answer_hours;
  std::int64_t base = 0, in_time = 0;
  struct UnitTally {
    std::int64_t forwarded = 0;
    std::vector<double> hours;
  };
  std::map<std::string, UnitTally> forwarded;
  for (const auto* c : month) {
    ++by_channel[c->channel];
    ++by_type[c->type];
    ++by_status[c->status];
    ++by_unit[c->unit];
    if (c->first_answer_ms) answer_hours.push_back(static_cast<double>(*c->first_answer_ms - c->received_ms) / kHour);
    if (c->status != "bukan_wewenang") {
      ++base;
      if (c->first_answer_ms && *c->first_answer_ms - c->received_ms <= kDue) ++in_time;
    }
    if (!c->forwarded_unit.empty()) {
      auto& tally = forwarded[c->forwarded_unit];
      ++tally.forwarded;
      if (c->forwarded_ms && c->unit_response_ms)
        tally.hours.push_back(static_cast<double>(std::max<std::int64_t>(0, *c->unit_response_ms - *c->forwarded_ms)) / kHour);
    }
  }

  auto check_month = [&](const reports::Recap& r) {
    CHECK(r.cases == static_cast<std::int64_t>(month.size()));
    for (const auto& [key, n] : by_channel) CHECK_MESSAGE(count(r.by_channel, key) == n, ("channel " + key));
    for (const auto& [key, n] : by_type) CHECK_MESSAGE(count(r.by_type, key) == n, ("type " + key));
    for (const auto& [key, n] : by_status) CHECK_MESSAGE(count(r.by_status, key) == n, ("status " + key));
    REQUIRE(r.by_unit.size() == by_unit.size());
    for (const auto& [key, n] : by_unit) CHECK_MESSAGE(count(r.by_unit, key) == n, ("unit " + key));
    CHECK(std::is_sorted(r.by_unit.begin(), r.by_unit.end(),
                         [](const reports::Count& a, const reports::Count& b) { return a.count > b.count; }));
    CHECK(r.answered == static_cast<std::int64_t>(answer_hours.size()));
    check_hours(r.median_hours, median_of(answer_hours), "median hours to the first answer");
    CHECK(r.deadline_base == base);
    CHECK(r.answered_in_time == in_time);
    REQUIRE(r.in_time_percent);
    CHECK(*r.in_time_percent == doctest::Approx(100.0 * static_cast<double>(in_time) / static_cast<double>(base)));
    REQUIRE(r.unit_responses.size() == forwarded.size());
    std::size_t i = 0;
    for (const auto& [unit, tally] : forwarded) {
      const auto& row = r.unit_responses[i++];
      CHECK(row.unit == unit);
      CHECK_MESSAGE(row.forwarded == tally.forwarded, ("forwarded to " + unit));
      CHECK_MESSAGE(row.answered == static_cast<std::int64_t>(tally.hours.size()), ("answered by " + unit));
      check_hours(row.median_hours, median_of(tally.hours), "median hours of " + unit);
      std::optional<double> mean;
      if (!tally.hours.empty()) {
        double sum = 0;
        for (double h : tally.hours) sum += h;
        mean = sum / static_cast<double>(tally.hours.size());
      }
      check_hours(row.mean_hours, mean, "mean hours of " + unit);
    }
  };
  // One more case answered in the middle of the month turns the count of
  // answered cases from even to odd or back.
  auto one_more = [&] {
    Raw c = make("email", "saran", "apotek", "selesai", month_start + 10 * 86400000, 7);
    m.write(c);
    month.push_back(&m.written.back());
    ++by_channel["email"], ++by_type["saran"], ++by_status["selesai"], ++by_unit["apotek"], ++base, ++in_time;
    answer_hours.push_back(7.0);
  };
  SUBCASE("an even count of answered cases") {
    if (answer_hours.size() % 2) one_more();
    REQUIRE(answer_hours.size() % 2 == 0);
    check_month(m.recap(2026, 11));
  }
  SUBCASE("an odd count of answered cases") {
    if (answer_hours.size() % 2 == 0) one_more();
    REQUIRE(answer_hours.size() % 2 == 1);
    check_month(m.recap(2026, 11));
  }

  SUBCASE("the case list, page by page, holds the month's cases once each, oldest first") {
    std::vector<std::pair<std::int64_t, std::int64_t>> seen;  // received, id
    std::optional<RecapCursor> after;
    m.flush();
    for (int page = 0; page < 100; ++page) {
      auto cases = m.storage.recap_cases("pkm-a", first_day, last_day, after, 7);
      for (const auto& c : cases) seen.emplace_back(c.received_ms, c.id);
      if (cases.size() < 7) break;
      after = RecapCursor{cases.back().received_ms, cases.back().id};
    }
    CHECK(seen.size() == month.size());
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(std::set(seen.begin(), seen.end()).size() == seen.size());
    std::multiset<std::int64_t> expected, got;
    for (const auto* c : month) expected.insert(c->received_ms);
    for (const auto& s : seen) got.insert(s.first);
    CHECK(got == expected);
  }
}

TEST_CASE("a month with nothing has no median and no share, never NaN") {
  Month m;
  auto r = m.recap(2026, 2);
  CHECK(r.cases == 0);
  CHECK_FALSE(r.median_hours);
  CHECK_FALSE(r.in_time_percent);
  CHECK(r.unit_responses.empty());
  CHECK(r.faces_by_day.size() == 28);
  auto [first, last] = reports::month_days(2028, 2);
  CHECK(last - first == 28);  // a leap year
  CHECK(reports::format_day(first) == "2028-02-01");
  CHECK(m.storage.recap_cases("pkm-a", first, last, std::nullopt, 50).empty());
}

TEST_CASE("CSV for Excel and LibreOffice: BOM, separator, quoting, no formulas") {
  reports::CsvWriter csv(';');
  csv.text("Nomor").text("Isi").number(12).decimal(87.5, 1);
  csv.end_row();
  csv.text("=HYPERLINK(\"http://x\")").text("+62 812").text("-5").text("@SUM(A1)");
  csv.end_row();
  csv.text("a;b").text("kata \"kutip\"").text("baris\nbaru").text("Ibu Sari, Jl. Melati").empty();
  csv.end_row();
  const std::string& s = csv.str();
  CHECK(s.rfind("\xEF\xBB\xBF", 0) == 0);
  std::string body = s.substr(3);
  CHECK(body ==
        "Nomor;Isi;12;87,5\r\n"
        "\"'=HYPERLINK(\"\"http://x\"\")\";'+62 812;'-5;'@SUM(A1)\r\n"
        "\"a;b\";\"kata \"\"kutip\"\"\";\"baris\nbaru\";Ibu Sari, Jl. Melati;\r\n");

  reports::CsvWriter comma(',');
  comma.text("Ibu Sari, Jl. Melati").decimal(87.5, 1).text("\tx");
  comma.end_row();
  CHECK(comma.str().substr(3) == "\"Ibu Sari, Jl. Melati\",87.5,'\tx\r\n");
}
