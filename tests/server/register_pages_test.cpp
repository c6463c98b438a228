// The register's list at scale (issue 13): pages that follow each other by
// cursor give every case once in the order of each sort, the count stops
// at its cap, and the word search through the engine's text index finds
// what a scan finds, after a text changed too. On the engine under test.
#include <doctest/doctest.h>

#include <algorithm>

#include "server/storage/case_list.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;
using reg::Status;

namespace {

constexpr std::int64_t kHour = 3600000;
const Actor kSari{0, "Sari"};
constexpr std::int64_t kT0 = 1795400000000;  // set by the test, not the calendar

struct Pages {
  TempDir dir;
  test::TestStorage store{dir.path()};
  Storage& storage = *store;
  Pages() { storage.add_facility({"pkm-a", "Puskesmas A", 1}); }

  reg::Case add(std::int64_t received_ms, bool urgent, const std::string& text,
                core::IdentityMode mode = core::IdentityMode::anonim, core::Identity identity = {}) {
    NewCase n;
    n.facility_id = "pkm-a";
    n.received = core::Timestamp{received_ms, 420};
    n.channel = reg::Channel::sms_wa;
    n.urgent = urgent;
    n.identity_mode = mode;
    n.content = text;
    n.identity = std::move(identity);
    return storage.add_case(n, 72, kSari, received_ms);
  }

  // Every case of the facility, read in one page and sorted in C++.
  std::vector<reg::Case> all() {
    CaseQuery q;
    q.facility_id = "pkm-a";
    q.limit = 1000;
    auto page = storage.cases(q);
    REQUIRE(page.total == static_cast<std::int64_t>(page.cases.size()));
    return page.cases;
  }
};

// The orders as the register promises them (CaseQuery::Sort), written out
// without the sort keys of case_list.
bool before_in(CaseQuery::Sort sort, std::int64_t now_ms, const reg::Case& a, const reg::Case& b) {
  auto later_first = [](const reg::Case& x, const reg::Case& y) {
    return std::pair(x.received_ms, x.id) > std::pair(y.received_ms, y.id);
  };
  switch (sort) {
    case CaseQuery::Sort::newest:
      return later_first(a, b);
    case CaseQuery::Sort::oldest:
      return std::pair(a.received_ms, a.id) < std::pair(b.received_ms, b.id);
    case CaseQuery::Sort::due:
      return std::pair(a.due_ms, a.id) < std::pair(b.due_ms, b.id);
    case CaseQuery::Sort::priority:
      break;
  }
  // Open alarming and overdue, open alarming, open overdue, open, by due
  // time; then the rest newest first.
  auto group = [&](const reg::Case& c) {
    if (!reg::is_open(c.status)) return 4;
    const bool alarming = c.urgent || (c.rating && *c.rating == 1);
    return (alarming ? 0 : 2) + (c.due_ms < now_ms ? 0 : 1);
  };
  if (group(a) != group(b)) return group(a) < group(b);
  if (group(a) < 4 && a.due_ms != b.due_ms) return a.due_ms < b.due_ms;
  return later_first(a, b);
}

std::vector<std::int64_t> ids_of(const std::vector<reg::Case>& cases) {
  std::vector<std::int64_t> out;
  for (const auto& c : cases) out.push_back(c.id);
  return out;
}

// The ids of every page from the first on, each after the last case of
// the page before, as the dashboard's links go (the cursor as text).
std::vector<std::int64_t> walk(Storage& storage, CaseQuery q, std::int64_t total) {
  std::vector<std::int64_t> out;
  for (int pages = 0; pages < 50; ++pages) {
    auto page = storage.cases(q);
    CHECK(page.total == total);
    auto ids = ids_of(page.cases);
    out.insert(out.end(), ids.begin(), ids.end());
    if (!page.more) break;
    REQUIRE(!page.cases.empty());
    auto cursor = case_list::parse_cursor(case_list::cursor_text(case_list::keys_of(page.cases.back(), q.sort)),
                                          q.sort);
    REQUIRE(cursor);
    q.after = *cursor;
  }
  return out;
}

}  // namespace

TEST_CASE("pages by cursor give every case once in the order of each sort, forwards and back") {
  Pages p;
  // 61 cases: some at the same moment (ties broken by id), some urgent,
  // some verified (open), some found not the puskesmas' (closed).
  for (int i = 0; i < 61; ++i) {
    auto c = p.add(kT0 + (i / 3) * 5 * kHour, i % 7 == 0, "Keluhan nomor " + std::to_string(i));
    if (i % 5 == 1) p.storage.change_case("pkm-a", c.id, StatusChange{Status::diverifikasi, ""}, kSari, kT0);
    if (i % 4 == 2)
      p.storage.change_case("pkm-a", c.id, StatusChange{Status::bukan_wewenang, "Urusan BPJS"}, kSari, kT0);
  }
  const std::int64_t now_ms = kT0 + 120 * kHour;  // the first half of them overdue
  auto cases = p.all();
  REQUIRE(cases.size() == 61u);
  for (auto sort : {CaseQuery::Sort::priority, CaseQuery::Sort::newest, CaseQuery::Sort::oldest,
                    CaseQuery::Sort::due}) {
    CAPTURE(static_cast<int>(sort));
    std::sort(cases.begin(), cases.end(),
              [&](const auto& a, const auto& b) { return before_in(sort, now_ms, a, b); });
    const auto expected = ids_of(cases);
    CaseQuery q;
    q.facility_id = "pkm-a";
    q.sort = sort;
    q.now_ms = now_ms;
    q.limit = 7;
    // Forwards: each page after the last case of the one before.
    auto forwards = walk(p.storage, q, 61);
    CHECK(forwards == expected);
    // Backwards from the last case: each page before the first of the one after.
    q.after = case_list::keys_of(cases.back(), sort);
    q.before = true;
    std::vector<std::int64_t> backwards{cases.back().id};
    for (int pages = 0; pages < 20; ++pages) {
      auto page = p.storage.cases(q);
      auto ids = ids_of(page.cases);
      backwards.insert(backwards.begin(), ids.begin(), ids.end());
      if (!page.more) break;
      REQUIRE(!page.cases.empty());
      q.after = case_list::keys_of(page.cases.front(), sort);
    }
    CHECK(backwards == expected);
    // Old links by offset still give the same pages.
    q = {};
    q.facility_id = "pkm-a";
    q.sort = sort;
    q.now_ms = now_ms;
    q.limit = 7;
    q.offset = 56;
    CHECK(ids_of(p.storage.cases(q).cases) == std::vector<std::int64_t>(expected.begin() + 56, expected.end()));
  }
}

TEST_CASE("overdue only, by cursor, is the open cases past their due time in priority order") {
  Pages p;
  std::vector<reg::Case> made;
  for (int i = 0; i < 12; ++i) made.push_back(p.add(kT0 + i * 24 * kHour, i % 3 == 0, "Antrean"));
  p.storage.change_case("pkm-a", made[1].id, StatusChange{Status::bukan_wewenang, "Bukan kami"}, kSari, kT0);
  const std::int64_t now_ms = kT0 + 8 * 24 * kHour;  // cases 0..4 are past 3x24 h, 5 is due exactly now
  CaseQuery q;
  q.facility_id = "pkm-a";
  q.overdue_only = true;
  q.now_ms = now_ms;
  q.limit = 2;
  auto seen = walk(p.storage, q, 4);
  // Alarming (urgent) first: 0 and 3; then 2 and 4; 1 is closed.
  CHECK(seen == std::vector<std::int64_t>{made[0].id, made[3].id, made[2].id, made[4].id});
}

TEST_CASE("a word search through the text index finds what is written, after a change too") {
  Pages p;
  auto mandi = p.add(kT0, false, "Kamar mandi di lantai dua kotor");
  auto secret = p.add(kT0 + kHour, false, "Petugas loket meminta uang, saya takut", core::IdentityMode::rahasia);
  auto named = p.add(kT0 + 2 * kHour, false, "Budi Santoso menunggu obat tiga jam", core::IdentityMode::named,
                     {"Budi Santoso", "081234567890", ""});
  CaseQuery q;
  q.facility_id = "pkm-a";
  q.sort = CaseQuery::Sort::oldest;
  auto found = [&](const std::string& text, bool rahasia = true) {
    q.text = text;
    q.rahasia_text = rahasia;
    return ids_of(p.storage.cases(q).cases);
  };
  CaseQuery indexable;
  indexable.text = "MANDI";
  REQUIRE(case_list::indexable_text(indexable, case_list::Engine::sqlite));
  CHECK(found("MANDI") == std::vector<std::int64_t>{mandi.id});  // any case
  CHECK(found("lantai dua") == std::vector<std::int64_t>{mandi.id});
  CHECK(found("tai") == std::vector<std::int64_t>{mandi.id});  // inside a word
  CHECK(found("uang") == std::vector<std::int64_t>{secret.id});
  CHECK(found("uang", false).empty());  // a reader who may not read rahasia text
  CHECK(found("a").size() == 3u);       // too short for the index: scanned
  CHECK(found("100%").empty());         // a wildcard is text
  // The text changes (identity erasure rewrites it): the index follows.
  CHECK(found("Santoso") == std::vector<std::int64_t>{named.id});
  IdentityErasure erasure{"pkm-a", {named.id}, "request", "Permintaan pasien"};
  CHECK(p.storage.erase_identities(erasure, kSari, kT0 + 3 * kHour) == 1);
  CHECK(found("Santoso").empty());
  CHECK(found("menunggu obat") == std::vector<std::int64_t>{named.id});
}

TEST_CASE("the list counts up to its cap and says there are more") {
  CaseQuery q;
  q.limit = 2;
  std::vector<reg::Case> rows(3);
  auto page = case_list::finish(q, rows, case_list::kCountCap + 1);
  CHECK(page.total == case_list::kCountCap);
  CHECK(page.total_capped);
  CHECK(page.more);
  CHECK(page.cases.size() == 2u);
  page = case_list::finish(q, std::vector<reg::Case>(2), 2);
  CHECK(page.total == 2);
  CHECK_FALSE(page.total_capped);
  CHECK_FALSE(page.more);
}

TEST_CASE("a cursor that is not one of its sort is refused") {
  using case_list::parse_cursor;
  CHECK(parse_cursor("1.2.-3.-4", CaseQuery::Sort::priority));
  CHECK_FALSE(parse_cursor("1.2", CaseQuery::Sort::priority));
  CHECK_FALSE(parse_cursor("1.2.3", CaseQuery::Sort::newest));
  CHECK_FALSE(parse_cursor("", CaseQuery::Sort::newest));
  CHECK_FALSE(parse_cursor("1..2", CaseQuery::Sort::newest));
  CHECK_FALSE(parse_cursor("1.x", CaseQuery::Sort::newest));
  CHECK_FALSE(parse_cursor("1.99999999999999999999", CaseQuery::Sort::newest));
  CHECK_FALSE(parse_cursor(std::string(200, '1'), CaseQuery::Sort::newest));
}

TEST_CASE(
    "a unit's filter finds its own cases and those forwarded to it, counted as a recount counts") {
  Pages p;
  p.storage.add_facility({"pkm-b", "Puskesmas B", 1});
  const std::string units[] = {"kia", "apotek", ""};
  for (int i = 0; i < 48; ++i) {
    NewCase n;
    n.facility_id = i % 6 == 5 ? "pkm-b" : "pkm-a";
    n.received = core::Timestamp{kT0 + i * kHour, 420};
    n.unit = units[i % 3];
    n.content = "Kasus " + std::to_string(i);
    auto c = p.storage.add_case(n, 72, kSari, kT0 + i * kHour);
    // Forwarded to another unit or to its own; some not the puskesmas'
    // (never forwarded ones), some verified (a forwarded one handed back
    // keeps its unit).
    const std::string to =
        i % 4 == 1 ? (i % 8 == 1 ? "apotek" : "kia") : (n.unit.empty() ? "kia" : n.unit);
    if (i % 2 == 1) p.storage.change_case(n.facility_id, c.id, Forward{to, "Mohon"}, kSari, kT0);
    if (i % 5 == 2 && i % 2 == 0)
      p.storage.change_case(n.facility_id, c.id,
                            StatusChange{Status::bukan_wewenang, "Urusan BPJS"}, kSari, kT0);
    if (i % 7 == 0)
      p.storage.change_case(n.facility_id, c.id, StatusChange{Status::diverifikasi, ""}, kSari,
                            kT0);
  }
  CaseQuery every;
  every.limit = 1000;
  auto cases = p.storage.cases(every).cases;
  REQUIRE(cases.size() == 48u);
  std::int64_t forwarded = 0;
  for (const auto& c : cases) forwarded += c.forwarded_unit.empty() ? 0 : 1;
  REQUIRE(forwarded > 0);
  const std::vector<std::vector<Status>> status_sets = {
      {}, {Status::baru, Status::diverifikasi, Status::diteruskan}, {Status::bukan_wewenang}};
  // From: with another filter the count reads the cases, without it only
  // the unit's indexes.
  const std::optional<std::int64_t> froms[] = {std::nullopt, kT0 + 20 * kHour};
  for (const auto& from : froms) {
    for (const std::string facility : {"pkm-a", ""}) {
      for (const std::string unit : {"kia", "apotek", "gizi"}) {
        for (const auto& statuses : status_sets) {
          CAPTURE(from.has_value());
          CAPTURE(facility);
          CAPTURE(unit);
          CAPTURE(statuses.size());
          std::vector<reg::Case> expected;
          for (const auto& c : cases)
            if ((facility.empty() || c.facility_id == facility) &&
                (c.unit == unit || c.forwarded_unit == unit) &&
                (statuses.empty() ||
                 std::find(statuses.begin(), statuses.end(), c.status) != statuses.end()) &&
                (!from || c.received_ms >= *from))
              expected.push_back(c);
          std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
            return std::pair(a.due_ms, a.id) < std::pair(b.due_ms, b.id);
          });
          CaseQuery q;
          q.facility_id = facility;
          q.unit = unit;
          q.statuses = statuses;
          q.from_ms = from;
          q.sort = CaseQuery::Sort::due;
          q.limit = 5;
          auto seen = walk(p.storage, q, static_cast<std::int64_t>(expected.size()));
          CHECK(seen == ids_of(expected));
        }
      }
    }
  }
}
