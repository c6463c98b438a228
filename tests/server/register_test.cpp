// The register in the storage: numbering, the procedure's states, answers,
// publication and the facility on every call, on the engine under test.
#include <doctest/doctest.h>

#include "core/wire.hpp"
#include "server/reports/recap.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/samples.hpp"
#include "tests/server/old_database.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;
using reg::Status;

namespace {

constexpr std::int64_t kHour = 3600000;
const DeviceRef kKioskA{"pkm-a", "kiosk-1"};
const DeviceRef kKioskB{"pkm-b", "kiosk-1"};
const Actor kSari{0, "Sari"};

struct Register {
  TempDir dir;
  test::TestStorage store{dir.path()};
  Storage& storage = *store;
  Register() {
    storage.add_facility({"pkm-a", "Puskesmas A", 1});
    storage.add_facility({"pkm-b", "Puskesmas B", 1});
    storage.add_device(kKioskA, "hash-a", 1);
    storage.add_device(kKioskB, "hash-b", 1);
  }
  // A written submission from a kiosk at a local time; returns its case.
  reg::Case arrive(const DeviceRef& device, const std::string& iso, const std::string& text = "Antrean lama") {
    auto s = test::sample_written(text);
    s.facility_id = device.facility_id;
    s.device_id = device.device_id;
    s.created_at = *core::parse_iso8601(iso);
    IngestItem item{s, core::wire::content_hash(s)};
    storage.ingest(device, std::span(&item, 1), IngestSource::network, s.created_at.unix_ms + 1000);
    CaseQuery q;
    q.facility_id = device.facility_id;
    q.sort = CaseQuery::Sort::newest;
    q.ticket = s.ticket;
    q.text = std::string(1, '\x01');  // only the ticket matches
    auto page = storage.cases(q);
    REQUIRE(page.cases.size() == 1);
    return page.cases[0];
  }
  reg::Case by_hand(const std::string& facility, const std::string& iso) {
    NewCase n;
    n.facility_id = facility;
    n.received = *core::parse_iso8601(iso);
    n.channel = reg::Channel::sms_wa;
    n.content = "Lewat WA: obat habis";
    return storage.add_case(n, 72, kSari, n.received.unix_ms);
  }
};

}  // namespace

TEST_CASE("the states follow the complaint procedure") {
  using enum Status;
  CHECK(reg::allowed_transition(baru, diverifikasi));
  CHECK(reg::allowed_transition(diverifikasi, diteruskan));
  CHECK(reg::allowed_transition(ditanggapi, selesai));
  CHECK(reg::allowed_transition(selesai, arsip));
  CHECK(reg::allowed_transition(baru, bukan_wewenang));
  CHECK(reg::allowed_transition(bukan_wewenang, arsip));
  CHECK_FALSE(reg::allowed_transition(baru, selesai));      // not without an answer
  CHECK_FALSE(reg::allowed_transition(baru, ditanggapi));   // only by recording an answer
  CHECK_FALSE(reg::allowed_transition(arsip, baru));        // the archive is final
  CHECK_FALSE(reg::allowed_transition(diverifikasi, diverifikasi));
  CHECK(reg::answered_status(diteruskan) == ditanggapi);
  CHECK(reg::answered_status(selesai) == selesai);
  CHECK(reg::next_statuses(arsip).empty());
  for (auto s : reg::kStatuses) CHECK(reg::parse_status(reg::to_string(s)) == s);
  CHECK(reg::register_label(7, 2026) == "0007/2026");
}

TEST_CASE("register numbers run per facility and local year, without gaps") {
  Register r;
  auto a1 = r.arrive(kKioskA, "2026-12-31T23:30:00.000+07:00");
  auto a2 = r.by_hand("pkm-a", "2026-12-31T10:00:00.000+07:00");
  auto b1 = r.arrive(kKioskB, "2026-12-31T08:00:00.000+07:00");
  // The year is that of the time where the case was written: 17:30 on 31
  // December at a kiosk set to UTC is still 2026, whatever the server thinks.
  auto a3 = r.arrive(kKioskA, "2026-12-31T17:30:00.000Z");
  CHECK(a3.year == 2026);
  auto a4 = r.arrive(kKioskA, "2027-01-01T00:30:00.000+07:00");
  auto a5 = r.by_hand("pkm-a", "2027-01-02T09:00:00.000+07:00");
  CHECK(reg::register_label(a1.number, a1.year) == "0001/2026");
  CHECK(reg::register_label(a2.number, a2.year) == "0002/2026");
  CHECK(reg::register_label(a3.number, a3.year) == "0003/2026");
  CHECK(reg::register_label(b1.number, b1.year) == "0001/2026");
  CHECK(reg::register_label(a4.number, a4.year) == "0001/2027");
  CHECK(reg::register_label(a5.number, a5.year) == "0002/2027");
  CHECK(a1.due_ms == a1.received_ms + 72 * kHour);
  CHECK(a1.channel == reg::Channel::kiosk);
  CHECK(a2.channel == reg::Channel::sms_wa);
  CHECK(reg::parse_channel("kiosk") == reg::Channel::kiosk);
  CHECK(a2.ticket.size() == 11);  // a hand-recorded case gets a ticket to quote too

  // The same submission sent again is no second case.
  auto s = test::sample_written("Dua kali");
  s.facility_id = "pkm-a";
  IngestItem item{s, core::wire::content_hash(s)};
  r.storage.ingest(kKioskA, std::span(&item, 1), IngestSource::network, 5);
  r.storage.ingest(kKioskA, std::span(&item, 1), IngestSource::bundle, 6);
  CaseQuery all;
  all.facility_id = "pkm-a";
  CHECK(r.storage.cases(all).total == 6);
}

TEST_CASE("answers, moves and their history") {
  Register r;
  auto c = r.arrive(kKioskA, "2026-11-23T08:00:00.000+07:00");
  CHECK(c.status == Status::baru);
  CHECK_THROWS_AS(r.storage.change_case("pkm-a", c.id, StatusChange{Status::selesai, ""}, kSari, c.received_ms + 1),
                  StorageError);
  CHECK_THROWS_AS(r.storage.change_case("pkm-a", c.id, StatusChange{Status::diteruskan, ""}, kSari, c.received_ms + 1),
                  StorageError);  // forwarding names a unit
  c = r.storage.change_case("pkm-a", c.id, StatusChange{Status::diverifikasi, "dicek"}, kSari, c.received_ms + kHour);
  c = r.storage.change_case("pkm-a", c.id, Forward{"apotek", "mohon ditindaklanjuti"}, kSari, c.received_ms + 2 * kHour);
  CHECK(c.status == Status::diteruskan);
  CHECK(c.forwarded_unit == "apotek");
  CHECK_THROWS_AS(r.storage.change_case("pkm-a", c.id, NewAnswer{reg::AnswerChannel::telepon, "x", c.received_ms - 1},
                                        kSari, c.received_ms + 3 * kHour),
                  StorageError);  // before the case itself
  c = r.storage.change_case("pkm-a", c.id, NewAnswer{reg::AnswerChannel::sms_wa, "Loket dibuka", c.received_ms + 5 * kHour},
                            kSari, c.received_ms + 6 * kHour);
  CHECK(c.status == Status::ditanggapi);
  CHECK(c.first_answer_ms == c.received_ms + 5 * kHour);
  // An earlier answer recorded later moves the first answer back.
  c = r.storage.change_case("pkm-a", c.id, NewAnswer{reg::AnswerChannel::telepon, "Ditelepon", c.received_ms + 4 * kHour},
                            kSari, c.received_ms + 7 * kHour);
  CHECK(c.first_answer_ms == c.received_ms + 4 * kHour);
  c = r.storage.change_case("pkm-a", c.id, Review{"Antrean menumpuk pukul 8-9", "Tambah loket"}, kSari, c.received_ms + 8 * kHour);
  c = r.storage.change_case("pkm-a", c.id, StatusChange{Status::selesai, ""}, kSari, c.received_ms + 9 * kHour);
  auto full = *r.storage.find_case("pkm-a", c.id);
  CHECK(full.rtl == "Tambah loket");
  REQUIRE(full.answers.size() == 2);
  CHECK(full.answers[0].text == "Ditelepon");  // in the order they were given
  CHECK(full.answers[1].officer == "Sari");
  std::vector<std::string> actions;
  for (const auto& e : full.history) actions.push_back(e.action);
  CHECK(actions == std::vector<std::string>{"received", "status", "forwarded", "answered", "answered", "reviewed", "status"});
  CHECK(full.history[1].detail.find("\"to\":\"diverifikasi\"") != std::string::npos);
}

TEST_CASE("a case of another facility does not exist for it") {
  Register r;
  auto a = r.arrive(kKioskA, "2026-11-23T08:00:00.000+07:00");
  CHECK_FALSE(r.storage.find_case("pkm-b", a.id));
  CHECK(r.storage.find_case("", a.id));  // the district admin's view
  try {
    r.storage.change_case("pkm-b", a.id, StatusChange{Status::diverifikasi, ""}, kSari, 1);
    FAIL("changed another facility's case");
  } catch (const StorageError& e) {
    CHECK(e.code() == StorageErrc::not_found);
  }
  CHECK_THROWS_AS(r.storage.case_identity("pkm-b", a.id, kSari, 1, ""), StorageError);
  CaseQuery q;
  q.facility_id = "pkm-b";
  CHECK(r.storage.cases(q).total == 0);
}

TEST_CASE("contact details are read apart, and every read is on record") {
  Register r;
  auto s = test::sample_written("Mohon dihubungi");
  s.facility_id = "pkm-a";
  s.identity_mode = core::IdentityMode::named;
  s.identity = {"Ibu Sari", "0812", "Jl. Melati"};
  IngestItem item{s, core::wire::content_hash(s)};
  r.storage.ingest(kKioskA, std::span(&item, 1), IngestSource::network, 1);
  CaseQuery q;
  q.facility_id = "pkm-a";
  auto c = r.storage.cases(q).cases.at(0);
  CHECK(c.has_identity);
  CHECK(r.storage.case_identity("pkm-a", c.id, {7, "Kepala"}, 2, "").phone == "0812");
  auto full = *r.storage.find_case("pkm-a", c.id);
  CHECK(full.history.back().action == "identity_viewed");
  CHECK(full.history.back().user == "Kepala");
}

TEST_CASE("publishing: only answered cases, never rahasia, and the kiosks' board follows") {
  Register r;
  auto c = r.arrive(kKioskA, "2026-11-23T08:00:00.000+07:00");
  CHECK(r.storage.board("pkm-a").cursor == "r0");
  CHECK_THROWS_WITH_AS(r.storage.change_case("pkm-a", c.id, Publish{"Antrean", "Dibuka"}, kSari, 1),
                       "only an answered case can be published", StorageError);
  r.storage.change_case("pkm-a", c.id, NewAnswer{reg::AnswerChannel::telepon, "Sudah", c.received_ms + 1}, kSari, 2);
  c = r.storage.change_case("pkm-a", c.id, Publish{"Antrean lama", "Loket kedua dibuka"}, kSari, 3);
  CHECK(c.published_ms == 3);
  auto board = r.storage.board("pkm-a");
  CHECK(board.cursor == "r1");
  REQUIRE(board.items.size() == 1);
  CHECK(board.items[0].summary == "Antrean lama");
  CHECK(board.items[0].id == "c" + std::to_string(c.id));
  CHECK(r.storage.public_ticket(c.public_id)->public_answer == "Loket kedua dibuka");
  c = r.storage.change_case("pkm-a", c.id, Unpublish{}, kSari, 4);
  CHECK(r.storage.board("pkm-a").items.empty());
  CHECK(r.storage.board("pkm-a").cursor == "r2");
  CHECK(r.storage.public_ticket(c.public_id)->public_answer.empty());
  CHECK(r.storage.public_ticket(c.public_id)->status == Status::ditanggapi);

  NewCase secret;
  secret.facility_id = "pkm-a";
  secret.received = {1795412820000, 420};
  secret.identity_mode = core::IdentityMode::rahasia;
  secret.content = "Rahasia";
  auto s = r.storage.add_case(secret, 72, kSari, 1795412820000);
  r.storage.change_case("pkm-a", s.id, NewAnswer{reg::AnswerChannel::telepon, "Sudah", 1795412820001}, kSari, 1795412820002);
  CHECK_THROWS_WITH_AS(r.storage.change_case("pkm-a", s.id, Publish{"a", "b"}, kSari, 1795412820003),
                       "a rahasia case is never published", StorageError);
}

TEST_CASE("the list filters, searches and puts urgent and overdue first") {
  Register r;
  auto old = r.arrive(kKioskA, "2026-11-01T08:00:00.000+07:00", "Kamar mandi kotor");
  auto fresh = r.arrive(kKioskA, "2026-11-23T08:00:00.000+07:00", "Dokter ramah sekali");
  auto manual = r.by_hand("pkm-a", "2026-11-22T08:00:00.000+07:00");
  r.storage.change_case("pkm-a", fresh.id, Details{"kia", core::FeedbackType::keluhan, true}, kSari, 1);
  CaseQuery q;
  q.facility_id = "pkm-a";
  q.now_ms = fresh.received_ms + kHour;
  auto ids = [&](const CaseQuery& query) {
    std::vector<std::int64_t> out;
    for (const auto& c : r.storage.cases(query).cases) out.push_back(c.id);
    return out;
  };
  // The sample's face is 1 (strongly negative), so all are alarming except
  // the one by hand; urgent fresh one and overdue old one first.
  CHECK(ids(q) == std::vector<std::int64_t>{old.id, fresh.id, manual.id});
  q.overdue_only = true;
  CHECK(ids(q) == std::vector<std::int64_t>{old.id});
  q.overdue_only = false;
  q.channel = reg::Channel::sms_wa;
  CHECK(ids(q) == std::vector<std::int64_t>{manual.id});
  q.channel.reset();
  q.unit = "kia";
  CHECK(ids(q) == std::vector<std::int64_t>{fresh.id});
  q.unit.clear();
  q.text = "mandi";
  CHECK(ids(q) == std::vector<std::int64_t>{old.id});
  q.text = "obat habis";  // a case recorded by hand is searchable at once
  CHECK(ids(q) == std::vector<std::int64_t>{manual.id});
  q.text = "100%_";  // LIKE wildcards are searched as text
  CHECK(ids(q).empty());
  q.text.clear();
  q.number = 2;
  q.year = 2026;
  CHECK(ids(q) == std::vector<std::int64_t>{fresh.id});
  q.number.reset();
  q.statuses = {Status::ditanggapi};
  CHECK(ids(q).empty());
}

TEST_CASE("a batch's written complaints are each found by their own words") {
  Register r;
  auto before = r.arrive(kKioskA, "2026-11-20T08:00:00.000+07:00", "Parkiran sempit");
  // One batch, as a kiosk's sync sends it: faces between the complaints.
  const std::vector<std::string> words = {"wastafel", "antrean", "timbangan", "ambulans", "kursi roda"};
  const std::int64_t start = core::parse_iso8601("2026-11-21T08:00:00.000+07:00")->unix_ms;
  std::vector<IngestItem> items;
  for (std::size_t i = 0; i < words.size(); ++i) {
    auto face = test::sample_rating(3);
    auto written = test::sample_written("Keluhan tentang " + words[i] + " di ruang tunggu");
    for (auto* s : {&face, &written}) {
      s->facility_id = "pkm-a";
      s->device_id = "kiosk-1";
      s->created_at.unix_ms = start + static_cast<std::int64_t>(i) * 60000;
      items.push_back({*s, core::wire::content_hash(*s)});
    }
  }
  auto outcomes = r.storage.ingest(kKioskA, items, IngestSource::network, start + 3600000);
  REQUIRE(outcomes.size() == items.size());
  CaseQuery q;
  q.facility_id = "pkm-a";
  for (const auto& word : words) {
    q.text = word;
    auto found = r.storage.cases(q).cases;
    REQUIRE(found.size() == 1);
    CHECK(found[0].content.find(word) != std::string::npos);
  }
  q.text = "ruang tunggu";
  CHECK(r.storage.cases(q).cases.size() == words.size());
  q.text = "Parkiran";
  REQUIRE(r.storage.cases(q).cases.size() == 1);
  CHECK(r.storage.cases(q).cases[0].id == before.id);
  if (r.store.database.engine() == test::Engine::sqlite)  // the index agrees with the table
    CHECK_NOTHROW(r.store.database.exec("INSERT INTO cases_text (cases_text, rank) VALUES ('integrity-check', 1)"));
}

TEST_CASE("a case becomes overdue the millisecond after its 3x24 h are up, not before") {
  Register r;
  auto c = r.arrive(kKioskA, "2026-11-23T08:00:00.000+07:00");
  REQUIRE(c.due_ms == c.received_ms + 72 * kHour);
  CaseQuery q;
  q.facility_id = "pkm-a";
  q.overdue_only = true;
  q.now_ms = c.due_ms;  // the deadline itself is still in time
  CHECK(r.storage.cases(q).cases.empty());
  q.now_ms = c.due_ms + 1;
  auto late = r.storage.cases(q).cases;
  REQUIRE(late.size() == 1u);
  CHECK(late.front().id == c.id);
  // An answered case is never overdue, however late.
  r.storage.change_case("pkm-a", c.id, NewAnswer{reg::AnswerChannel::telepon, "Sudah", c.due_ms + 5}, kSari,
                        c.due_ms + 5);
  q.now_ms = c.due_ms + 1000 * kHour;
  CHECK(r.storage.cases(q).cases.empty());
}

TEST_CASE("a month holds what arrived from its first local midnight to its last, in each kiosk's own offset") {
  Register r;
  r.arrive(kKioskA, "2026-10-31T23:59:59.999+07:00");
  auto first = r.arrive(kKioskA, "2026-11-01T00:00:00.000+07:00");
  auto last = r.arrive(kKioskA, "2026-11-30T23:59:59.999+07:00");
  r.arrive(kKioskA, "2026-12-01T00:00:00.000+07:00");
  // 2026-11-30 20:00 UTC is already December in Jayapura (WIT, +09:00).
  r.arrive(kKioskA, "2026-12-01T05:00:00.000+09:00");
  auto [first_day, last_day] = reports::month_days(2026, 11);
  std::vector<std::int64_t> ids;
  for (const auto& c : r.storage.recap_cases("pkm-a", first_day, last_day, std::nullopt, 10)) ids.push_back(c.id);
  CHECK(ids == std::vector<std::int64_t>{first.id, last.id});
}

TEST_CASE("a database from before the register gets its written submissions as cases") {
  TempDir dir;
  test::TestDatabase database(dir.path());
  test::make_old_server_database(database, 1, R"sql(
INSERT INTO facilities VALUES ('pkm-a', 'Puskesmas A', 1);
INSERT INTO devices (facility_id, name, created_ms) VALUES ('pkm-a', 'kiosk-1', 1);
INSERT INTO submissions (id, facility_id, device_id, content_hash, received_ms, source, created_at_ms,
  utc_offset_min, kind, rating, unit, type, text, urgent, identity_mode, language, ticket) VALUES
 ('00000000-0000-4000-8000-000000000001', 'pkm-a', 'kiosk-1', 'h1', 10, 'network', 1798732800000, 420,
  'written', 1, 'apotek', 'keluhan', 'Desember', 0, 'named', 'id', 'AAA-AAA-AAA'),
 ('00000000-0000-4000-8000-000000000002', 'pkm-a', 'kiosk-1', 'h2', 20, 'network', 1798740000000, 420,
  'rating', 4, '', NULL, '', 0, 'anonim', 'id', ''),
 ('00000000-0000-4000-8000-000000000003', 'pkm-a', 'kiosk-1', 'h3', 30, 'network', 1798740000000, 420,
  'written', 2, '', 'saran', 'Januari', 1, 'anonim', 'id', 'CCC-CCC-CCC');
INSERT INTO identities VALUES ('00000000-0000-4000-8000-000000000001', 'Ibu Sari', '0812', 'Klaten');
)sql");
  auto opened = database.open();
  auto& storage = *opened;
  CaseQuery q;
  q.sort = CaseQuery::Sort::oldest;
  auto page = storage.cases(q);
  REQUIRE(page.total == 2);
  // 2026-12-31 23:00 and 2027-01-01 00:00 in Jakarta: one case in each year.
  CHECK(reg::register_label(page.cases[0].number, page.cases[0].year) == "0001/2026");
  CHECK(reg::register_label(page.cases[1].number, page.cases[1].year) == "0001/2027");
  CHECK(page.cases[0].has_identity);
  CHECK(page.cases[1].urgent);
  CHECK(page.cases[0].public_id == "00000000-0000-4000-8000-000000000001");
  // Numbering goes on from there.
  NewCase n;
  n.facility_id = "pkm-a";
  n.received = *core::parse_iso8601("2027-01-05T09:00:00.000+07:00");
  n.content = "Lewat telepon";
  CHECK(storage.add_case(n, 72, kSari, 1).number == 2);
}
