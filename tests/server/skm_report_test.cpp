// The SKM semester report computed by hand: several respondents with
// skipped elements, the unit filter, period boundaries in local time (in the
// storage), the trend of earlier semesters, the minimum sample and an empty
// period.
#include <doctest/doctest.h>

#include "core/wire.hpp"
#include "server/reports/skm_report.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using namespace kotak::server;
using reports::SkmPeriod;

namespace {

const std::int64_t kJan1 = core::days_from_civil(2026, 1, 1);

SkmRecord record(std::array<int, 9> scores, std::string unit = "poli-umum",
                 SkmSource source = SkmSource::kiosk, std::int64_t day = kJan1 + 40) {
  SkmRecord r;
  r.day = day;
  r.unit = unit;
  r.source = source;
  r.response.scores = scores;
  r.response.profile = {"P", "30-39", "SMA", "Swasta", unit};
  return r;
}

// Four respondents; U8 answered by two only.
//        U1 U2 U3 U4 U5 U6 U7 U8 U9
// R1      4  3  3  4  3  3  4  2  3   poli-umum, kiosk
// R2      3  3  2  4  3  4  4  -  3   poli-umum, kertas
// R3      3  2  2  3  3  3  3  -  2   kia, kiosk
// R4      4  4  3  4  4  4  4  3  4   kia, web
std::vector<SkmRecord> four() {
  return {record({4, 3, 3, 4, 3, 3, 4, 2, 3}),
          record({3, 3, 2, 4, 3, 4, 4, 0, 3}, "poli-umum", SkmSource::kertas),
          record({3, 2, 2, 3, 3, 3, 3, 0, 2}, "kia"),
          record({4, 4, 3, 4, 4, 4, 4, 3, 4}, "kia", SkmSource::web)};
}

}  // namespace

TEST_CASE("the SKM report of four respondents, computed by hand") {
  auto r = reports::compute_skm_report(four(), reports::semester(2026, 1), "", 500);
  CHECK(r.ikm.respondents == 4);
  // NRR: U1 14/4 = 3.5, U2 12/4 = 3.0, U3 10/4 = 2.5, U4 15/4 = 3.75, U5 13/4 = 3.25,
  // U6 14/4 = 3.5, U7 15/4 = 3.75, U8 5/2 = 2.5, U9 12/4 = 3.0.
  const double nrr[] = {3.5, 3.0, 2.5, 3.75, 3.25, 3.5, 3.75, 2.5, 3.0};
  for (int i = 0; i < 9; ++i) {
    REQUIRE(r.ikm.elements[i].nrr);
    CHECK(*r.ikm.elements[i].nrr == doctest::Approx(nrr[i]));
  }
  CHECK(r.ikm.elements[7].respondents == 2);
  CHECK(*r.ikm.elements[2].converted == doctest::Approx(62.5));
  // Σ NRR = 28.75; IKM = 28.75 / 9 = 3.19444; NIK = 79.861 → 79.86, B (Baik).
  CHECK(*r.ikm.ikm == doctest::Approx(28.75 / 9));
  CHECK(*r.ikm.nik == doctest::Approx(79.86));
  CHECK(*r.ikm.mutu == core::Mutu::B);
  CHECK(*r.ikm.weakest == "U3");    // 2.5, before U8 on the tie
  CHECK(*r.ikm.strongest == "U4");  // 3.75, before U7
  CHECK(r.ikm.missing.empty());
  // Population 500 → minimum sample 217, not reached by four.
  CHECK(*r.minimum_sample == 217);
  CHECK(r.sample_reached == false);  // known, and not reached
  CHECK(r.by_source == std::array<std::int64_t, 4>{2, 1, 1, 0});
  CHECK(r.profile.service["kia"] == 2);
  CHECK(r.profile.sex["P"] == 4);
  REQUIRE(r.trend.size() == 1);
  CHECK(r.trend[0].year == 2026);
  CHECK(r.trend[0].half == 1);
}

TEST_CASE("one unit only - and elements nobody answered are listed") {
  auto r = reports::compute_skm_report(four(), reports::semester(2026, 1), "kia", std::nullopt);
  CHECK(r.ikm.respondents == 2);
  // kia: U1 (3+4)/2 = 3.5, U2 3, U3 2.5, U4 3.5, U5 3.5, U6 3.5, U7 3.5, U8 3/1 = 3, U9 3.
  // Σ = 29.0 → IKM 3.2222 → NIK 80.56 (B).
  CHECK(*r.ikm.nik == doctest::Approx(80.56));
  CHECK_FALSE(r.minimum_sample);
  CHECK_FALSE(r.sample_reached);  // no population: unknown, not "not reached"

  auto skipped = reports::compute_skm_report(
      {record({4, 3, 0, 4, 3, 3, 4, 0, 3}), record({2, 3, 0, 4, 3, 3, 2, 0, 3})},
      reports::semester(2026, 1), "", 10);
  CHECK(skipped.ikm.missing == std::vector<std::string_view>{"U3", "U8"});
  // The mean NRR of the seven answered: (3 + 3 + 4 + 3 + 3 + 3 + 3) / 7 = 22/7 → NIK 78.57.
  CHECK(*skipped.ikm.nik == doctest::Approx(78.57));
  CHECK(*skipped.minimum_sample == 10);  // N = 10 → S = 9.6 → 10
  CHECK(skipped.sample_reached == false);
}

TEST_CASE("an empty period has no index and no NaN - responses outside it do not count") {
  auto records = four();
  for (auto& r : records) r.day = kJan1 - 1;  // 31 December 2025
  auto r = reports::compute_skm_report(records, reports::semester(2026, 1), "", 100);
  CHECK(r.ikm.respondents == 0);
  CHECK_FALSE(r.ikm.ikm);
  CHECK_FALSE(r.ikm.nik);
  CHECK_FALSE(r.ikm.mutu);
  CHECK(r.ikm.missing.size() == 9);
  CHECK(*r.minimum_sample == 80);
  CHECK(r.by_source == std::array<std::int64_t, 4>{0, 0, 0, 0});
}

TEST_CASE("semesters and periods") {
  CHECK(reports::semester(2026, 1) == SkmPeriod{kJan1, core::days_from_civil(2026, 6, 30)});
  CHECK(reports::semester(2026, 2) ==
        SkmPeriod{core::days_from_civil(2026, 7, 1), core::days_from_civil(2026, 12, 31)});
  CHECK(reports::semester_of(core::days_from_civil(2026, 6, 30)) == std::pair{2026, 1});
  CHECK(reports::semester_of(core::days_from_civil(2026, 7, 1)) == std::pair{2026, 2});
  CHECK(reports::parse_skm_period("2026-2", "", "") == reports::semester(2026, 2));
  CHECK(reports::parse_skm_period("", "2026-03-01", "2026-04-30") ==
        SkmPeriod{core::days_from_civil(2026, 3, 1), core::days_from_civil(2026, 4, 30)});
  CHECK_FALSE(reports::parse_skm_period("2026-3", "", ""));
  CHECK_FALSE(reports::parse_skm_period("", "2026-05-01", "2026-04-30"));  // backwards
  CHECK_FALSE(reports::parse_skm_period("", "2020-01-01", "2026-01-01"));  // too long
  CHECK_FALSE(reports::parse_skm_period("", "2026-02-30", "2026-04-30"));
}

TEST_CASE("the trend holds earlier semesters with data, oldest first, then the period") {
  // Data in 2024-2 (NIK 100) and 2025-2 (NIK 75); none in 2025-1.
  auto responses = [](SkmPeriod p) {
    std::vector<SkmRecord> out;
    if (p == reports::semester(2024, 2)) out.push_back(record({4, 4, 4, 4, 4, 4, 4, 4, 4}, "", SkmSource::kiosk, p.first_day));
    if (p == reports::semester(2025, 2)) out.push_back(record({3, 3, 3, 3, 3, 3, 3, 3, 3}, "", SkmSource::kiosk, p.last_day));
    return count_responses(out, p.first_day, p.last_day, "");
  };
  auto r = reports::compute_skm_report(four(), reports::semester(2026, 1), "", std::nullopt);
  reports::add_trend(r, responses);
  REQUIRE(r.trend.size() == 3);
  CHECK(r.trend[0].year == 2024);
  CHECK(r.trend[0].half == 2);
  CHECK(*r.trend[0].nik == doctest::Approx(100.0));
  CHECK(*r.trend[0].mutu == core::Mutu::A);
  CHECK(r.trend[1].year == 2025);
  CHECK(*r.trend[1].nik == doctest::Approx(75.0));
  CHECK(*r.trend[1].mutu == core::Mutu::C);
  CHECK(*r.trend[2].nik == doctest::Approx(79.86));

  // A custom range (March–April 2026) looks back from 2025-2, the last semester before it.
  auto range = reports::compute_skm_report(std::vector<SkmRecord>{}, *reports::parse_skm_period("", "2026-03-01", "2026-04-30"), "", std::nullopt);
  reports::add_trend(range, responses, 1);
  REQUIRE(range.trend.size() == 2);
  CHECK(range.trend[0].year == 2025);
  CHECK(range.trend[1].half == 0);  // not a semester
  CHECK_FALSE(range.trend[1].nik);
}

TEST_CASE("the storage reads kiosk and imported responses by local day and unit") {
  test::TempDir dir;
  test::TestStorage store(dir.path());
  Storage& storage = *store;
  storage.add_facility({"pkm-test", "Puskesmas Uji", 1});
  storage.add_facility({"pkm-lain", "Puskesmas Lain", 1});
  storage.add_device({"pkm-test", "kiosk-1"}, "hash", 1);
  // 30 June 23:30 and 1 July 00:30 in Jakarta (+07:00): both 30 June in UTC.
  const std::int64_t june30_2330 = 1782837000000;  // 2026-06-30T16:30:00Z
  std::vector<IngestItem> items;
  for (auto [ms, unit] : {std::pair{june30_2330, "kia"}, std::pair{june30_2330 + 3600000, "kia"}}) {
    auto s = test::sample_skm();
    s.created_at = {ms, 420};
    s.skm->profile.service = unit;
    items.push_back({s, core::wire::content_hash(s)});
  }
  storage.ingest({"pkm-test", "kiosk-1"}, items, IngestSource::network, 2);
  SkmImportRow row{7, core::days_from_civil(2026, 6, 30), "apotek", SkmSource::web, {}};
  row.response.scores = {4, 4, 4, 4, 4, 4, 4, 4, 0};
  row.response.profile = {"L", "60+", "SD", "Lainnya", "apotek"};
  storage.add_skm_import({"pkm-test", "abc", "abc", "kertas.csv", "admin", {row}}, {1, "Dewi"}, 3);

  auto s1 = reports::semester(2026, 1), s2 = reports::semester(2026, 2);
  auto first = storage.skm_responses("pkm-test", "", s1.first_day, s1.last_day);
  REQUIRE(first.size() == 2);  // the kiosk's 23:30 and the import
  CHECK(first[0].source == SkmSource::kiosk);
  CHECK(first[0].unit == "kia");
  CHECK(first[0].response.scores == std::array<int, 9>{3, 3, 2, 4, 3, 3, 4, 0, 2});
  CHECK(first[0].response.profile.occupation == "Wirausaha");
  CHECK(first[1].source == SkmSource::web);
  CHECK(first[1].response.scores == row.response.scores);
  CHECK(first[1].response.profile.sex == "L");
  CHECK(storage.skm_responses("pkm-test", "", s2.first_day, s2.last_day).size() == 1);  // 00:30
  CHECK(storage.skm_responses("pkm-test", "apotek", s1.first_day, s1.last_day).size() == 1);
  CHECK(storage.skm_responses("pkm-lain", "", s1.first_day, s2.last_day).empty());

  auto report = reports::read_skm_report(storage, "pkm-test", "", s1);
  CHECK(report.ikm.respondents == 2);
  CHECK(report.by_source == std::array<std::int64_t, 4>{1, 0, 1, 0});
  CHECK_FALSE(report.population);
  const SkmPeriodKey whole{"pkm-test", s1.first_day, s1.last_day, ""};
  storage.set_skm_population(whole, 100, {1, "Dewi"}, 4);
  report = reports::read_skm_report(storage, "pkm-test", "", s1);
  CHECK(*report.minimum_sample == 80);
  CHECK(storage.skm_population(whole)->user_name == "Dewi");
  // The population is the semester's and the unit's: another unit's report has none.
  CHECK_FALSE(reports::read_skm_report(storage, "pkm-test", "apotek", s1).population);
}
