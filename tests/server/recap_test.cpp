// The monthly recap computed by hand, and CSV that spreadsheets open as
// meant.
#include <doctest/doctest.h>

#include "server/reports/csv.hpp"
#include "server/reports/recap.hpp"

using namespace kotak;
using namespace kotak::server;

namespace {

constexpr std::int64_t kHour = 3600000;
// 2026-11-02 00:00 in Jakarta (+07:00).
constexpr std::int64_t kNov2 = 1793552400000;

RecapCase make(reg::Channel channel, core::FeedbackType type, std::string unit, reg::Status status,
               std::int64_t received, std::optional<std::int64_t> answered_after_h) {
  RecapCase c;
  c.channel = channel;
  c.type = type;
  c.unit = std::move(unit);
  c.status = status;
  c.received_ms = received;
  c.utc_offset_min = 420;
  if (answered_after_h) c.first_answer_ms = received + *answered_after_h * kHour;
  return c;
}

std::int64_t count(const std::vector<reports::Count>& counts, const std::string& key) {
  for (const auto& c : counts)
    if (c.key == key) return c.count;
  return -1;
}

}  // namespace

TEST_CASE("the recap of a month, computed by hand") {
  using core::FeedbackType;
  using reg::Channel;
  using reg::Status;
  RecapData data;
  data.cases = {
      make(Channel::kiosk, FeedbackType::keluhan, "apotek", Status::ditanggapi, kNov2, 10),
      make(Channel::kiosk, FeedbackType::keluhan, "apotek", Status::selesai, kNov2 + kHour, 80),
      make(Channel::sms_wa, FeedbackType::saran, "poli-umum", Status::baru, kNov2 + 2 * kHour, std::nullopt),
      make(Channel::telepon, FeedbackType::pertanyaan, "", Status::bukan_wewenang, kNov2 + 3 * kHour, std::nullopt),
      make(Channel::kiosk, FeedbackType::pujian, "apotek", Status::selesai, kNov2 + 4 * kHour, 24),
      make(Channel::kiosk, FeedbackType::keluhan, "kia", Status::ditanggapi, kNov2 + 5 * kHour, 72),
  };
  auto nov2 = core::days_from_civil(2026, 11, 2);
  data.faces = {{nov2, "apotek", 1, 3}, {nov2, "apotek", 4, 5}, {nov2 + 1, "kia", 3, 2}, {nov2 + 28, "", 2, 1}};
  auto r = reports::compute_recap(data, 2026, 11, 72);

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
  CHECK(*r.in_time_percent == doctest::Approx(60.0));
  // Faces: every day of November, per unit, and in all.
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

TEST_CASE("a month with nothing has no median and no share, never NaN") {
  auto r = reports::compute_recap({}, 2026, 2, 72);
  CHECK(r.cases == 0);
  CHECK_FALSE(r.median_hours);
  CHECK_FALSE(r.in_time_percent);
  CHECK(r.faces_by_day.size() == 28);
  auto [first, last] = reports::month_days(2028, 2);
  CHECK(last - first == 28);  // a leap year
  CHECK(reports::format_day(first) == "2028-02-01");
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
