// Kiosk clocks that were wrong (issue 17 item 6): the server's rules for
// answers of an unsynchronised boot, through the API on a real SQLite file.
#include <doctest/doctest.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/wire.hpp"
#include "server/api/api.hpp"
#include "server/ingest.hpp"
#include "server/tokens.hpp"
#include "tests/server/api_fixture.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;

namespace {

constexpr std::int64_t kDayMs = 24 * 3600 * 1000LL;
const std::string kBootA = "aaaaaaaa-1111-4111-8111-111111111111";
const std::string kBootB = "bbbbbbbb-2222-4222-8222-222222222222";

struct Fixture : test::ApiFixture {
  Fixture() : ApiFixture(50) {}
  std::vector<core::wire::ItemResult> send(const std::vector<core::Submission>& batch) {
    auto response = api.post_submissions(with_token(core::wire::encode_batch(batch)));
    REQUIRE(response.status == 200);
    return core::wire::decode_results(response.body);
  }
  nlohmann::json report(const std::string& boot, std::optional<bool> synchronised,
                        std::int64_t offset_ms) {
    auto response = api.post_device_clock(
        with_token(core::wire::encode_clock_report({boot, synchronised, offset_ms, 40})));
    REQUIRE(response.status == 200);
    return nlohmann::json::parse(response.body);
  }
  // created_at_ms, claimed_created_at_ms (or -1) and clock ("" for NULL) of one answer.
  std::tuple<std::int64_t, std::int64_t, std::string> stored(const std::string& id) {
    REQUIRE(core::is_identifier(id));  // the id goes into the SQL text
    auto rows = store.database.rows(
        "SELECT created_at_ms, coalesce(claimed_created_at_ms, -1), coalesce(clock, '') FROM "
        "submissions WHERE id = '" + id + "'");
    REQUIRE(rows.size() == 1);
    REQUIRE(rows[0].size() == 3);
    return {std::stoll(rows[0][0]), std::stoll(rows[0][1]), rows[0][2]};
  }
  reg::Case only_case(const std::string& text) {
    CaseQuery query;
    query.facility_id = "pkm-test";
    for (auto& c : storage.cases(query).cases)
      if (c.content == text) return c;
    FAIL("no case holds " << text);
    return {};
  }
};

// An answer saved by a kiosk whose clock ran `behind_ms` behind, in `boot`.
core::Submission answer(std::int64_t kiosk_ms, const std::string& boot,
                        std::optional<bool> synchronised, std::string text = "") {
  auto s = text.empty() ? test::sample_rating(2) : test::sample_written(text);
  s.created_at.unix_ms = kiosk_ms;
  s.clock = {synchronised, boot};
  return s;
}

}  // namespace

TEST_CASE("judge_clock: corrected with a known offset, uncertain without, the rest as they came") {
  const std::int64_t now = core::now().unix_ms;
  const std::int64_t kiosk = now - 40 * kDayMs;
  auto judged = [&](std::optional<bool> synchronised, std::optional<std::int64_t> offset,
                    std::int64_t created) {
    IngestItem item{answer(created, kBootA, synchronised), "hash", std::nullopt};
    judge_clock(item, offset, now);
    return item;
  };
  auto corrected = judged(false, 40 * kDayMs - 5000, kiosk);
  CHECK(corrected.clock_trust == ClockTrust::corrected);
  CHECK(corrected.submission.created_at.unix_ms == now - 5000);
  REQUIRE(corrected.claimed_created_at);
  CHECK(corrected.claimed_created_at->unix_ms == kiosk);
  // Never dated after its arrival, whatever the offset says.
  CHECK(judged(false, 41 * kDayMs, kiosk).submission.created_at.unix_ms == now);

  auto uncertain = judged(false, std::nullopt, kiosk);
  CHECK(uncertain.clock_trust == ClockTrust::uncertain);
  CHECK(uncertain.submission.created_at.unix_ms == kiosk);
  CHECK_FALSE(uncertain.claimed_created_at);

  auto synced = judged(true, std::nullopt, kiosk);
  CHECK(synced.clock_trust == ClockTrust::synchronised);
  CHECK(synced.submission.created_at.unix_ms == kiosk);
  CHECK(judged(std::nullopt, std::nullopt, kiosk).clock_trust == ClockTrust::unknown);

  // Far ahead and not corrected: still the arrival time, the kiosk's kept.
  auto ahead = judged(false, std::nullopt, now + 3 * kDayMs);
  CHECK(ahead.clock_trust == ClockTrust::uncertain);
  CHECK(ahead.submission.created_at.unix_ms == now);
  REQUIRE(ahead.claimed_created_at);
  CHECK(ahead.claimed_created_at->unix_ms == now + 3 * kDayMs);
}

TEST_CASE("an unsynchronised boot's answers are uncertain until its offset comes, then corrected") {
  Fixture f;
  const std::int64_t now = core::now().unix_ms;
  const std::int64_t behind = 30 * kDayMs;  // the kiosk's clock runs 30 days behind
  auto face = answer(now - behind - 60'000, kBootA, false);
  auto complaint = answer(now - behind - 30'000, kBootA, false, "Antrean lama, jam kios mundur");
  auto synced = answer(now - 10 * kDayMs, kBootB, true, "Jam kios benar");
  auto old_kiosk = answer(now - 9 * kDayMs, "", std::nullopt);
  for (const auto& r : f.send({face, complaint, synced, old_kiosk}))
    CHECK(r.status == core::wire::ItemStatus::accepted);

  CHECK(f.stored(face.id) == std::tuple(face.created_at.unix_ms, std::int64_t{-1}, "uncertain"));
  CHECK(std::get<2>(f.stored(synced.id)) == "synchronised");
  CHECK(f.stored(old_kiosk.id) == std::tuple(old_kiosk.created_at.unix_ms, std::int64_t{-1}, ""));
  auto before = f.only_case(complaint.text);
  CHECK(before.clock == "uncertain");
  CHECK(before.received_ms == complaint.created_at.unix_ms);
  const std::int64_t due_span = before.due_ms - before.received_ms;

  // kotak-sync measured the boot's offset while its clock was still wrong.
  auto recorded = f.report(kBootA, false, behind);
  CHECK(recorded["status"] == "recorded");
  CHECK(recorded["corrected"] == 2);
  CHECK(f.stored(face.id) ==
        std::tuple(face.created_at.unix_ms + behind, face.created_at.unix_ms, "corrected"));
  auto after = f.only_case(complaint.text);
  CHECK(after.clock == "corrected");
  CHECK(after.received_ms == complaint.created_at.unix_ms + behind);
  REQUIRE(after.claimed_ms);
  CHECK(*after.claimed_ms == complaint.created_at.unix_ms);
  CHECK(after.due_ms - after.received_ms == due_span);  // the deadline moved with it
  CHECK(after.number == before.number);                 // the register number stays

  // A later answer of that boot is corrected as it arrives; sent again, a
  // corrected answer is a duplicate (the clock is not content).
  auto later = answer(now - behind - 1000, kBootA, false);
  CHECK(f.send({later, face})[1].status == core::wire::ItemStatus::duplicate);
  CHECK(f.stored(later.id) ==
        std::tuple(later.created_at.unix_ms + behind, later.created_at.unix_ms, "corrected"));

  // The boot's first offset stays: a second one corrects nothing again.
  auto again = f.report(kBootA, false, behind + kDayMs);
  CHECK(again["status"] == "ignored");
  CHECK(again["corrected"] == 0);
  CHECK(std::get<0>(f.stored(face.id)) == face.created_at.unix_ms + behind);
}

TEST_CASE("an offset measured once the clock is synchronised corrects nothing") {
  Fixture f;
  const std::int64_t now = core::now().unix_ms;
  auto face = answer(now - 20 * kDayMs, kBootB, false);
  f.send({face});
  auto synced = f.report(kBootB, true, 20 * kDayMs);
  CHECK(synced["status"] == "ignored");
  CHECK(f.stored(face.id) == std::tuple(face.created_at.unix_ms, std::int64_t{-1}, "uncertain"));
  CHECK_FALSE(f.storage.clock_offset({"pkm-test", "kiosk-1"}, kBootB));
  // Another boot's offset is not this boot's.
  f.report(kBootA, false, 20 * kDayMs);
  CHECK(std::get<2>(f.stored(face.id)) == "uncertain");
  // An unknown state may be a wrong clock: its offset is kept.
  f.report(kBootB, std::nullopt, 20 * kDayMs);
  CHECK(std::get<2>(f.stored(face.id)) == "corrected");
}

TEST_CASE("a device keeps the offsets of its newest boots only") {
  Fixture f;
  DeviceRef device{"pkm-test", "kiosk-1"};
  for (int i = 0; i < kMaxBootsPerDevice + 5; ++i) {
    char boot[40];
    std::snprintf(boot, sizeof boot, "%08x-0000-4000-8000-000000000000", i);
    f.storage.record_clock_offset(device, {boot, i, 10, 1000 + i});
  }
  CHECK(f.store.database.count("SELECT count(*) FROM device_clocks") == kMaxBootsPerDevice);
  CHECK_FALSE(f.storage.clock_offset(device, "00000000-0000-4000-8000-000000000000"));
  CHECK(f.storage.clock_offset(device, "00000068-0000-4000-8000-000000000000") == 104);
}

TEST_CASE("GET time and POST device/clock: the token, the server's clock, clear refusals") {
  Fixture f;
  const std::int64_t before = core::now().unix_ms;
  auto time = f.api.get_time(f.with_token());
  REQUIRE(time.status == 200);
  auto server_ms = core::wire::decode_server_time(time.body);
  CHECK(server_ms >= before);
  CHECK(server_ms <= core::now().unix_ms);
  CHECK(f.api.get_time(ApiRequest{}).status == 401);
  CHECK(f.api.post_device_clock(ApiRequest{}).status == 401);
  auto bad = f.api.post_device_clock(f.with_token(R"({"protocol":1,"boot":"x/y","offset_ms":1,"round_trip_ms":1})"));
  CHECK(bad.status == 400);
  CHECK(bad.body.find("boot") != std::string::npos);
  CHECK(f.api.post_device_clock(f.with_token("[]")).status == 400);
}
