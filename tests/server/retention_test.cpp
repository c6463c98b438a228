// Retention and the data subject (issue 14 item 4) in the storage, on the
// engine under test: the nightly erasure at its edges with a clock the test
// sets, the one-process rule, finding a person and erasing them on request.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/wire.hpp"
#include "server/retention.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;

namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kYear = 365 * kDayMs;
const Actor kSari{0, "Sari"};
const Actor kKepala{0, "Bu Kepala"};
const core::Identity kRina{"Rina Marlina", "0812-5555-1234", "Jl. Kenanga 7, Klaten"};

struct Site {
  TempDir dir;
  test::TestStorage store{dir.path()};
  Storage& storage = *store;
  // Every time in a test is relative to this, never to a calendar date.
  const std::int64_t t0 = core::now().unix_ms - 10 * kMinute;
  Site() {
    storage.add_facility({"pkm-a", "Puskesmas A", 1});
    storage.add_facility({"pkm-b", "Puskesmas B", 1});
    storage.add_device({"pkm-a", "kiosk-1"}, "hash-a", 1);
    storage.add_device({"pkm-b", "kiosk-1"}, "hash-b", 1);
  }
  // A kiosk complaint with contact details; its case id.
  std::int64_t from_kiosk(const std::string& facility, core::IdentityMode mode, const core::Identity& who,
                          const std::string& text) {
    auto s = test::sample_written(text);
    s.facility_id = facility;
    s.device_id = "kiosk-1";
    s.created_at = {t0 - 5 * kMinute, 420};
    s.identity_mode = mode;
    s.identity = who;
    IngestItem item{s, core::wire::content_hash(s)};
    storage.ingest({facility, "kiosk-1"}, std::span(&item, 1), IngestSource::network, t0 - 4 * kMinute);
    CaseQuery q;
    q.facility_id = facility;
    q.ticket = s.ticket;
    q.text = std::string(1, '\x01');  // only the ticket matches
    auto page = storage.cases(q);
    REQUIRE(page.cases.size() == 1);
    return page.cases[0].id;
  }
  std::int64_t by_hand(const std::string& facility, const core::Identity& who, const std::string& text) {
    NewCase n;
    n.facility_id = facility;
    n.received = {t0 - 5 * kMinute, 420};
    n.channel = reg::Channel::sms_wa;
    n.identity_mode = core::IdentityMode::named;
    n.identity = who;
    n.content = text;
    return storage.add_case(n, 72, kSari, t0 - 4 * kMinute).id;
  }
  // Answers and closes a case at `at`.
  // Answers and closes a case at `at`; the answer and the note name `who`,
  // as staff write them.
  void close(const std::string& facility, std::int64_t id, std::int64_t at, const std::string& who = "Rina") {
    storage.change_case(facility, id, NewAnswer{reg::AnswerChannel::telepon, "Ibu " + who + " sudah kami telepon.", at},
                        kSari, at);
    storage.change_case(facility, id, StatusChange{reg::Status::selesai, who + " puas"}, kSari, at);
  }
  std::string everything_of(std::int64_t id) {
    auto c = storage.find_case("", id);
    REQUIRE(c);
    std::string all = c->content + c->analysis + c->rtl + c->public_summary + c->public_answer;
    for (const auto& a : c->answers) all += a.text;
    for (const auto& e : c->history) all += e.detail;
    return all;
  }
};

}  // namespace

TEST_CASE("retention erases identities a year after the case closed, to the minute - open cases never") {
  Site site;
  auto& s = site.storage;
  auto named = site.from_kiosk("pkm-a", core::IdentityMode::named, kRina, "Saya Rina Marlina, antre lama");
  auto rahasia = site.from_kiosk("pkm-a", core::IdentityMode::rahasia, {"Bapak Joko", "0813 2222 3333", ""},
                                 "Petugas membentak Pak Joko");
  auto by_hand = site.by_hand("pkm-b", {"Dewi Lestari", "+62 857-1111-2222", ""}, "Lewat WA dari Dewi Lestari");
  auto open = site.from_kiosk("pkm-a", core::IdentityMode::named, {"Ani Wijaya", "0812 9999 0000", ""}, "Toilet kotor");
  // A look at the details with a reason that names her, as staff might write.
  s.case_identity("pkm-a", named, kSari, site.t0 - 3 * kMinute, "menelepon Rina Marlina balik");
  site.close("pkm-a", named, site.t0, "Rina");
  site.close("pkm-a", rahasia, site.t0, "Joko");
  site.close("pkm-b", by_hand, site.t0, "Dewi");
  const auto before = s.stats("");
  const auto cases_before = s.cases({}).total;

  // A year after closing less a minute: everything kept.
  auto early = run_retention(s, 365, site.t0 + kYear - kMinute);
  CHECK(early.ran);
  CHECK(early.erased == 0);
  CHECK(s.case_contact("pkm-a", named).name == "Rina Marlina");
  CHECK(s.case_contact("pkm-a", rahasia).phone == "0813 2222 3333");

  // A minute past the year: the three closed ones go, the open one stays.
  auto run = run_retention(s, 365, site.t0 + kYear + kMinute);
  CHECK(run.ran);
  CHECK(run.erased == 3);
  for (auto [facility, id] : {std::pair{"pkm-a", named}, {"pkm-a", rahasia}, {"pkm-b", by_hand}}) {
    CAPTURE(id);
    CHECK(s.case_contact(facility, id).empty());
    auto c = s.find_case(facility, id);
    REQUIRE(c);
    CHECK_FALSE(c->has_identity);
    CHECK(c->identity_erased_ms == site.t0 + kYear + kMinute);
    CHECK(c->status == reg::Status::selesai);  // the case itself stays
    REQUIRE_FALSE(c->history.empty());
    CHECK(c->history.back().action == "identity_erased");
    CHECK(c->history.back().user == "retensi");
    CHECK(c->history.back().detail == R"({"by":"retention"})");
  }
  // No trace of them in the text, answers, notes or the earlier identity view.
  for (auto [id, word] : {std::pair{named, "Rina"}, {named, "Marlina"}, {rahasia, "Joko"}, {by_hand, "Dewi"},
                          {by_hand, "Lestari"}, {rahasia, "2222"}, {by_hand, "1111"}}) {
    CAPTURE(word);
    CHECK(site.everything_of(id).find(word) == std::string::npos);
  }
  CHECK(s.find_case("pkm-a", named)->content == "Saya […] […], antre lama");
  CHECK(site.store.database.count("SELECT count(*) FROM identities") == 1);  // the open case's
  CHECK(site.store.database.count("SELECT count(*) FROM case_identities") == 0);
  CHECK(site.store.database.count("SELECT count(*) FROM submissions WHERE text LIKE '%Rina%'") == 0);
  CHECK(s.case_contact("pkm-a", open).name == "Ani Wijaya");
  // The figures stay: every case and every answer still counts.
  CHECK(s.cases({}).total == cases_before);
  CHECK(s.stats("").written == before.written);
  CHECK(s.stats("").with_identity == 1);
  // A second run finds nothing more to do, and the access review still
  // lists the earlier look, without the name.
  CHECK(run_retention(s, 365, site.t0 + 2 * kYear).erased == 0);
  auto views = s.identity_views("pkm-a", 10);
  REQUIRE_FALSE(views.empty());
  CHECK(views.back().reason == "menelepon […] […] balik");
}

TEST_CASE("retention counts from the last closing: a reopened case keeps its identity") {
  Site site;
  auto& s = site.storage;
  auto id = site.from_kiosk("pkm-a", core::IdentityMode::named, kRina, "Antre lama");
  site.close("pkm-a", id, site.t0);
  CHECK(s.find_case("pkm-a", id)->closed_ms == site.t0);
  // Reopened: the period stops.
  s.change_case("pkm-a", id, StatusChange{reg::Status::ditanggapi, "datang lagi"}, kSari, site.t0 + kMinute);
  CHECK_FALSE(s.find_case("pkm-a", id)->closed_ms);
  CHECK(run_retention(s, 365, site.t0 + 2 * kYear).erased == 0);
  // Closed again, and archived later: it counts from the closing.
  const auto closed = site.t0 + 2 * kMinute;
  s.change_case("pkm-a", id, StatusChange{reg::Status::selesai, ""}, kSari, closed);
  s.change_case("pkm-a", id, StatusChange{reg::Status::arsip, ""}, kSari, closed + 30 * kDayMs);
  CHECK(s.find_case("pkm-a", id)->closed_ms == closed);
  CHECK(run_retention(s, 30, closed + 30 * kDayMs - kMinute).erased == 0);
  CHECK(run_retention(s, 30, closed + 30 * kDayMs + kMinute).erased == 1);
}

TEST_CASE("the retention job runs in one process at a time") {
  Site site;
  auto id = site.from_kiosk("pkm-a", core::IdentityMode::named, kRina, "Antre lama");
  site.close("pkm-a", id, site.t0);
  // A second server process on the same database.
  auto other = site.store.database.open();
  {
    auto held = other->lease_job("retention");
    REQUIRE(held);
    CHECK_FALSE(site.storage.lease_job("retention"));  // two leases: one wins
    auto refused = run_retention(site.storage, 365, site.t0 + 2 * kYear);
    CHECK_FALSE(refused.ran);
    CHECK(refused.erased == 0);
    CHECK(site.storage.case_contact("pkm-a", id).name == "Rina Marlina");
  }
  // Its turn over, this one runs.
  auto run = run_retention(site.storage, 365, site.t0 + 2 * kYear);
  CHECK(run.ran);
  CHECK(run.erased == 1);
}

TEST_CASE("a data subject is found by phone however written or by name, in one facility, each look logged") {
  Site site;
  auto& s = site.storage;
  auto kiosk = site.from_kiosk("pkm-a", core::IdentityMode::named, kRina, "Antre lama");
  auto hand = site.by_hand("pkm-a", {"Rina M.", "+62 812 5555 1234", ""}, "Lewat WA");
  auto rahasia = site.from_kiosk("pkm-a", core::IdentityMode::rahasia, {"", "6281255551234", ""}, "Rahasia");
  site.from_kiosk("pkm-b", core::IdentityMode::named, kRina, "Di puskesmas lain");
  site.from_kiosk("pkm-a", core::IdentityMode::named, {"Budi", "0813 1111 2222", ""}, "Orang lain");
  site.from_kiosk("pkm-a", core::IdentityMode::anonim, {}, "Tanpa nama");

  SubjectQuery q{"pkm-a", "0812 5555 1234", "", "search", "Permintaan akses dari pasien", 100};
  auto found = s.subject_cases(q, kKepala, site.t0);
  REQUIRE(found.size() == 3);
  CHECK(found[0].c.id == rahasia);  // newest first
  CHECK(found[1].c.id == hand);
  CHECK(found[2].c.id == kiosk);
  CHECK(found[2].contact.name == "Rina Marlina");
  CHECK(found[2].c.content == "Antre lama");
  CHECK(found[2].c.history.empty());

  // By a part of the name, in any case; wildcards are only characters.
  q.phone = "";
  q.name = "rINa";
  CHECK(s.subject_cases(q, kKepala, site.t0).size() == 2);
  q.name = "R_na";
  CHECK(s.subject_cases(q, kKepala, site.t0).empty());
  q.name = "%%%";
  CHECK(s.subject_cases(q, kKepala, site.t0).empty());
  // The cap: one more than asked says "narrow it".
  q.name = "Rina";
  q.limit = 1;
  CHECK(s.subject_cases(q, kKepala, site.t0).size() == 2);

  // A request needs a reason, a name of 3 characters or more or a valid phone.
  auto refused = [&](SubjectQuery bad) {
    try {
      s.subject_cases(bad, kKepala, site.t0);
    } catch (const StorageError& error) {
      return error.code() == StorageErrc::invalid ? error.key() : std::string("other");
    }
    return std::string("accepted");
  };
  CHECK(refused({"pkm-a", "0812 5555 1234", "", "search", "  ", 100}) == "error.subject.reason");
  CHECK(refused({"pkm-a", "", "Ri", "search", "alasan", 100}) == "error.subject.name");
  CHECK(refused({"pkm-a", "12345", "", "search", "alasan", 100}) == "error.subject.phone");
  CHECK(refused({"pkm-a", "", "", "search", "alasan", 100}) == "error.subject.empty");

  // Every look is in the access review with the reason; the requests are logged.
  auto views = s.identity_views("pkm-a", 100);
  CHECK(std::count_if(views.begin(), views.end(), [&](const IdentityView& v) {
          return v.case_id == rahasia && v.user == "Bu Kepala" && v.reason == "Permintaan akses dari pasien";
        }) == 1);
  auto requests = s.subject_requests("pkm-a", 10);
  REQUIRE(requests.size() == 5);
  CHECK(requests.back().action == "search");
  CHECK(requests.back().cases == 3);
  CHECK(requests.back().user == "Bu Kepala");
  CHECK(s.subject_requests("pkm-b", 10).empty());
}

TEST_CASE("erasure on request: a reason is required, only the facility's cases, logged") {
  Site site;
  auto& s = site.storage;
  auto mine = site.from_kiosk("pkm-a", core::IdentityMode::named, kRina, "Saya Rina, antre lama");
  auto theirs = site.from_kiosk("pkm-b", core::IdentityMode::named, kRina, "Saya Rina");
  auto open_rahasia = site.from_kiosk("pkm-a", core::IdentityMode::rahasia, kRina, "Rahasia dari Rina");

  try {
    s.erase_identities({"pkm-a", {mine}, "request", ""}, kKepala, site.t0);
    FAIL("erased without a reason");
  } catch (const StorageError& error) {
    CHECK(error.key() == "error.subject.reason");
  }
  CHECK(s.case_contact("pkm-a", mine).name == "Rina Marlina");

  // Open or closed, rahasia or not: the person asked. Another facility's
  // case named in the request is passed over.
  auto erased = s.erase_identities({"pkm-a", {mine, theirs, open_rahasia}, "request",
                                    "Permintaan hapus dari Rina Marlina, 0812-5555-1234"},
                                   kKepala, site.t0);
  CHECK(erased == 2);
  CHECK(s.case_contact("pkm-a", mine).empty());
  CHECK(s.case_contact("pkm-a", open_rahasia).empty());
  CHECK(s.case_contact("pkm-b", theirs).name == "Rina Marlina");
  auto c = s.find_case("pkm-a", mine);
  REQUIRE(c);
  CHECK(c->content == "Saya […], antre lama");
  CHECK(c->history.back().action == "identity_erased");
  CHECK(c->history.back().user == "Bu Kepala");
  CHECK(c->history.back().detail == R"({"by":"request","reason":"Permintaan hapus dari […] […], […]"})");
  auto requests = s.subject_requests("pkm-a", 10);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].action == "erase");
  CHECK(requests[0].cases == 2);
  CHECK(requests[0].reason == "Permintaan hapus dari […] […], […]");
  // Erased already: a second request erases nothing more.
  CHECK(s.erase_identities({"pkm-a", {mine}, "request", "lagi"}, kKepala, site.t0) == 0);
}
