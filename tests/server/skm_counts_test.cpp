// The SKM report is computed from counts the database keeps at every write
// (schema_skm_counts.hpp). They must equal a recount of the stored responses
// whatever wrote them: kiosk and phone answers, skipped elements and whole
// surveys left blank, a unit chosen or only named in the profile, several
// time zones, imports and their undo, and a clock correction that moves a
// boot's answers to other days. Checked on each engine, for semesters,
// ranges, single days and units, counts and reports alike.
#include <doctest/doctest.h>

#include <random>

#include "core/timestamp.hpp"
#include "core/wire.hpp"
#include "server/reports/skm_report.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace kotak;
using namespace kotak::server;

namespace {

constexpr std::int64_t kDayMs = 86'400'000;
const char* const kUnits[] = {"", "poli-umum", "kia", "apotek", "laboratorium"};
const char* const kSexes[] = {"", "L", "P"};
const char* const kAges[] = {"", "<20", "20-29", "30-39", "60+"};
const char* const kEducations[] = {"", "SD", "SMA", "S1"};
const char* const kOccupations[] = {"", "PNS", "Swasta", "Lainnya"};

template <typename T, std::size_t N>
const T& pick(std::mt19937& random, const T (&values)[N]) {
  return values[std::uniform_int_distribution<std::size_t>(0, N - 1)(random)];
}

// Scores 1..4 with some skipped; one survey in twelve answers nothing.
core::SkmResponse random_response(std::mt19937& random) {
  core::SkmResponse r;
  const bool blank = std::uniform_int_distribution<int>(0, 11)(random) == 0;
  for (auto& score : r.scores) {
    const int roll = std::uniform_int_distribution<int>(0, 5)(random);
    score = blank || roll == 0 ? 0 : std::min(roll, 4);
  }
  r.profile = {pick(random, kSexes), pick(random, kAges), pick(random, kEducations),
               pick(random, kOccupations), pick(random, kUnits)};
  return r;
}

IngestItem kiosk_answer(std::mt19937& random, const DeviceRef& device, std::int64_t created_ms,
                        const std::string& boot = "") {
  auto s = test::sample_skm();
  s.id = core::new_uuid();
  s.facility_id = device.facility_id;
  s.device_id = device.device_id;
  s.skm = random_response(random);
  // A unit chosen before the survey, or only the profile's service.
  s.unit = std::uniform_int_distribution<int>(0, 2)(random) == 0 ? pick(random, kUnits) : "";
  const int offsets[] = {420, 480, 540};
  s.created_at = {created_ms, pick(random, offsets)};
  IngestItem item{s, core::wire::content_hash(s)};
  if (!boot.empty()) {
    item.submission.clock = {false, boot};
    item.clock_trust = ClockTrust::uncertain;
  }
  return item;
}

SkmImport random_import(std::mt19937& random, const std::string& name, std::int64_t first_day,
                        std::int64_t days, int rows) {
  SkmImport import{"pkm-a", name, name, name + ".csv", "mutu", {}};
  for (int line = 2; line < rows + 2; ++line) {
    SkmImportRow row{line, first_day + std::uniform_int_distribution<std::int64_t>(0, days - 1)(random),
                     pick(random, kUnits), line % 3 ? SkmSource::kertas : SkmSource::web,
                     random_response(random)};
    row.response.profile.service = row.unit;
    import.rows.push_back(row);
  }
  return import;
}

// The stored counts against a recount of the stored responses, and the
// reports computed from each.
void check_recount(Storage& storage, std::int64_t first_day, std::int64_t last_day,
                   const std::string& unit) {
  CAPTURE(first_day);
  CAPTURE(last_day);
  CAPTURE(unit);
  auto records = storage.skm_responses("pkm-a", unit, first_day, last_day);
  auto counted = storage.skm_counts("pkm-a", unit, first_day, last_day, true);
  auto recounted = count_responses(records, first_day, last_day, unit);
  CHECK(counted.days == recounted.days);
  CHECK(counted.profile == recounted.profile);
  const reports::SkmPeriod period{first_day, last_day};
  auto a = reports::compute_skm_report(counted, period, unit, 400);
  auto b = reports::compute_skm_report(records, period, unit, 400);
  CHECK(a.ikm.respondents == b.ikm.respondents);
  CHECK(a.ikm.ikm == b.ikm.ikm);
  CHECK(a.ikm.nik == b.ikm.nik);
  for (std::size_t e = 0; e < a.ikm.elements.size(); ++e)
    CHECK(a.ikm.elements[e].answers == b.ikm.elements[e].answers);
  CHECK(a.by_source == b.by_source);
  CHECK(a.first_answer_day == b.first_answer_day);
  CHECK(a.last_answer_day == b.last_answer_day);
  CHECK(a.profile.sex == b.profile.sex);
  CHECK(a.profile.age_group == b.profile.age_group);
  CHECK(a.profile.education == b.profile.education);
  CHECK(a.profile.occupation == b.profile.occupation);
  CHECK(a.profile.service == b.profile.service);
  CHECK(a.sample_reached == b.sample_reached);
}

}  // namespace

TEST_CASE("the SKM counts kept at every write equal a recount of the responses") {
  test::TempDir dir;
  test::TestStorage store(dir.path());
  Storage& storage = *store;
  storage.add_facility({"pkm-a", "Puskesmas A", 1});
  storage.add_facility({"pkm-b", "Puskesmas B", 1});
  storage.add_device({"pkm-a", "kiosk-1"}, "hash", 1);
  storage.add_device({"pkm-b", "kiosk-1"}, "hash-b", 1);
  std::mt19937 random(20261202);
  const std::int64_t now = core::now().unix_ms;
  const std::int64_t first_ms = now - 400 * kDayMs;  // across two or three semesters
  auto any_time = [&] { return std::uniform_int_distribution<std::int64_t>(first_ms, now - kDayMs)(random); };

  // Kiosk answers in batches, some of a boot whose clock ran 40 days behind;
  // phone answers; and the other puskesmas, which must not count.
  const DeviceRef kiosk_a{"pkm-a", "kiosk-1"}, phone_a{"pkm-a", kPhoneDevice}, kiosk_b{"pkm-b", "kiosk-1"};
  for (int batch = 0; batch < 6; ++batch) {
    std::vector<IngestItem> kiosk, phone, other;
    for (int i = 0; i < 60; ++i)
      kiosk.push_back(kiosk_answer(random, kiosk_a, any_time(), i % 5 ? "" : "boot-behind"));
    for (int i = 0; i < 15; ++i) phone.push_back(kiosk_answer(random, phone_a, any_time()));
    for (int i = 0; i < 10; ++i) other.push_back(kiosk_answer(random, kiosk_b, any_time()));
    storage.ingest(kiosk_a, kiosk, IngestSource::network, now);
    storage.ingest(phone_a, phone, IngestSource::phone, now);
    storage.ingest(kiosk_b, other, IngestSource::network, now);
  }
  const std::int64_t first_day = first_ms / kDayMs - 1, last_day = now / kDayMs + 1;
  check_recount(storage, first_day, last_day, "");

  // Two imports; the first one undone.
  auto undone = storage.add_skm_import(random_import(random, "kertas-1", first_day, 400, 150), {1, "Dewi"}, now);
  storage.add_skm_import(random_import(random, "web-1", first_day, 400, 150), {1, "Dewi"}, now);
  auto whole = storage.skm_counts("pkm-a", "", first_day, last_day, false);
  std::int64_t imported = 0;
  for (const auto& d : whole.days)
    if (d.source == SkmSource::kertas || d.source == SkmSource::web) imported += d.respondents;
  CHECK(imported > 200);  // both imports counted, less their blank rows
  storage.undo_skm_import("pkm-a", undone.id, {1, "Dewi"}, now);
  check_recount(storage, first_day, last_day, "");

  // kotak-sync measures the boot's offset: its answers move 40 days later.
  auto before = storage.skm_counts("pkm-a", "", first_day, last_day, false);
  auto corrected = storage.record_clock_offset(kiosk_a, {"boot-behind", 40 * kDayMs, 10, now});
  REQUIRE(corrected.corrected > 0);
  CHECK_FALSE(storage.skm_counts("pkm-a", "", first_day, last_day, false) == before);

  // Whole range, each semester, a month, single days, each unit.
  check_recount(storage, first_day, last_day, "");
  for (const char* unit : kUnits) check_recount(storage, first_day, last_day, unit);
  for (std::int64_t day = first_day; day <= last_day; day += 181) {
    auto [year, half] = reports::semester_of(day);
    auto s = reports::semester(year, half);
    check_recount(storage, s.first_day, s.last_day, "");
    check_recount(storage, s.first_day, s.last_day, "kia");
    check_recount(storage, day, day + 30, "");
    check_recount(storage, day, day, "");
  }
  // A report of the storage is the report of the recount.
  auto [year, half] = reports::semester_of(now / kDayMs - 100);
  auto s = reports::semester(year, half);
  auto report = reports::read_skm_report(storage, "pkm-a", "", s);
  auto recount = reports::compute_skm_report(storage.skm_responses("pkm-a", "", s.first_day, s.last_day), s,
                                             "", std::nullopt);
  REQUIRE(report.ikm.respondents > 0);
  CHECK(report.ikm.ikm == recount.ikm.ikm);
  CHECK(report.ikm.respondents == recount.ikm.respondents);
}
