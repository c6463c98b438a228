// Reminders before it is late (issue 15 item 3) on the engine under test:
// the job driven round by round with the test's own clock (never a sleep
// until a deadline), each edge of each reminder, who gets it, the head's
// digest at its local hour, exactly once with two processes on one
// database, and a failed mail tried again.
#include <doctest/doctest.h>

#include <algorithm>

#include "server/notify/reminders.hpp"
#include "tests/server/dashboard_site.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;

namespace {

constexpr std::int64_t kMin = 60000;
constexpr std::int64_t kHour = 60 * kMin;
// 2026-11-20 08:00 +07:00: set by the test, so today's date plays no part.
constexpr std::int64_t kT0 = 1795136400000;
constexpr int kWib = 420;

core::Catalog catalog(const char* language) {
  return core::Catalog::load(std::string(KOTAK_SOURCE_DIR) + "/assets/i18n/web/" + language + ".json");
}

struct Office {
  TempDir dir;
  test::TestStorage store{dir.path()};
  Storage& storage = *store;
  core::ServerConfig config;
  std::vector<MailMessage> sent;
  int failures = 0;  // the next sends that fail

  Office() {
    config.public_url = "https://kotak.example.go.id";
    config.mail.digest_hour = 7;
    storage.add_facility({"pkm-a", "Puskesmas A", 1});
    storage.add_facility({"pkm-b", "Puskesmas B", 1});
    storage.add_device({"pkm-a", "kiosk-1"}, "hash-a", 1);
    struct Account {
      const char* name;
      const char* facility;
      staff::Role role;
      const char* email;
      std::optional<std::int64_t> disabled;
    };
    for (auto a : {Account{"sari", "pkm-a", staff::Role::petugas, "sari@a.example", std::nullopt},
                   Account{"rina", "pkm-a", staff::Role::petugas, "rina@a.example", std::nullopt},
                   Account{"lina", "pkm-a", staff::Role::petugas, "lina@a.example", 5},  // disabled
                   Account{"tono", "pkm-a", staff::Role::petugas, "", std::nullopt},   // no address
                   Account{"dewi", "pkm-a", staff::Role::mutu, "dewi@a.example", std::nullopt},
                   Account{"kartini", "pkm-a", staff::Role::kepala, "kartini@a.example", std::nullopt},
                   Account{"budi", "pkm-b", staff::Role::petugas, "budi@b.example", std::nullopt},
                   Account{"bu.b", "pkm-b", staff::Role::kepala, "kepala@b.example", std::nullopt}}) {
      staff::User u{0, a.name, a.name, a.facility, a.role, "x", 1, a.disabled};
      u.email = a.email;
      storage.add_user(u);
      if (a.disabled) storage.set_disabled(a.name, a.disabled);
    }
  }
  ReminderJob job(Storage& on) {
    return ReminderJob(on, config, catalog("id"), catalog("en"), [this](const MailMessage& m) {
      if (failures > 0) {
        --failures;
        throw std::runtime_error("could not send mail through smtp://127.0.0.1:1: connection refused");
      }
      sent.push_back(m);
    });
  }
  // A written kiosk complaint of pkm-a that arrived at `at`; its case.
  reg::Case arrive(std::int64_t at, const std::string& text) {
    return test::add_kiosk_case(storage, {"pkm-a", "kiosk-1"}, text, {at, kWib}, at);
  }
  void change(const reg::Case& c, const CaseChange& what, std::int64_t at) {
    storage.change_case("pkm-a", c.id, what, {0, "sari"}, at);
  }
  // The mails sent since the last look whose subject holds `word`.
  std::vector<MailMessage> take(const std::string& word) {
    std::vector<MailMessage> out, rest;
    for (auto& m : sent) (m.subject.find(word) != std::string::npos ? out : rest).push_back(m);
    sent = rest;
    return out;
  }
};

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("not read within 1x24 h: 23 h 59 nothing, 24 h one mail to the petugas, again nothing") {
  Office o;
  auto job = o.job(o.storage);
  auto c = o.arrive(kT0, "Antrean pendaftaran lama sekali, Bu Sari 0812 3456 7890");
  auto label = reg::register_label(c.number, c.year);
  job.run_once(kT0 + 24 * kHour - kMin);
  CHECK(o.take("Belum dibaca").empty());
  job.run_once(kT0 + 24 * kHour);
  auto mails = o.take("Belum dibaca");
  REQUIRE(mails.size() == 1u);
  const auto& m = mails[0];
  // Nobody owns it: the facility's enabled petugas with an address.
  CHECK(sorted(m.to) == std::vector<std::string>{"rina@a.example", "sari@a.example"});
  CHECK(m.subject == "[Kotak] Belum dibaca 1×24 jam: " + label + " – Puskesmas A / [Kotak] Not read within 1×24 h: " +
                         label + " – Puskesmas A");
  // Indonesian first, English second; the number and the link, never the
  // text or who sent it.
  auto english = m.body.find("--- English ---");
  REQUIRE(english != std::string::npos);
  CHECK(m.body.find("belum dibaca") < english);
  CHECK(m.body.find("has not been read", english) != std::string::npos);
  CHECK(m.body.find(label) != std::string::npos);
  CHECK(m.body.find("https://kotak.example.go.id/app/#/case/" + std::to_string(c.id)) != std::string::npos);
  for (const char* secret : {"Antrean", "Sari", "0812"}) CHECK(m.body.find(secret) == std::string::npos);
  job.run_once(kT0 + 24 * kHour + kMin);
  job.run_once(kT0 + 30 * kHour);
  CHECK(o.take("Belum dibaca").empty());
}

TEST_CASE("the owner gets the reminders of a case they own, and a case read in time gets none") {
  Office o;
  auto job = o.job(o.storage);
  auto owned = o.arrive(kT0, "Keluhan satu");
  auto read = o.arrive(kT0 + kMin, "Keluhan dua");
  OwnerChange take{OwnerChange::Kind::assign, "dewi"};
  o.change(owned, take, kT0 + kHour);
  o.change(read, StatusChange{reg::Status::diverifikasi, ""}, kT0 + 23 * kHour);
  job.run_once(kT0 + 25 * kHour);
  auto mails = o.take("Belum dibaca");
  REQUIRE(mails.size() == 1u);
  CHECK(mails[0].to == std::vector<std::string>{"dewi@a.example"});
  CHECK(mails[0].subject.find(reg::register_label(owned.number, owned.year)) != std::string::npos);
}

TEST_CASE("2x24 h of 3x24 h without an answer: one mail at 48 h, none for an answered case") {
  Office o;
  auto job = o.job(o.storage);
  auto waiting = o.arrive(kT0, "Menunggu jawaban");
  auto answered = o.arrive(kT0, "Sudah dijawab");
  o.change(waiting, StatusChange{reg::Status::diverifikasi, ""}, kT0 + kHour);
  o.change(answered, NewAnswer{reg::AnswerChannel::telepon, "Sudah kami telepon", std::nullopt}, kT0 + kHour);
  job.run_once(kT0 + 48 * kHour - kMin);
  CHECK(o.take("Sisa 1×24").empty());
  job.run_once(kT0 + 48 * kHour);
  auto mails = o.take("Sisa 1×24");
  REQUIRE(mails.size() == 1u);
  CHECK(mails[0].subject.find(reg::register_label(waiting.number, waiting.year)) != std::string::npos);
  CHECK(mails[0].body.find("2×24 jam dari batas 3×24 jam") != std::string::npos);
  job.run_once(kT0 + 50 * kHour);
  CHECK(o.take("Sisa 1×24").empty());
  CHECK(o.take("Belum dibaca").empty());  // both were read in time
}

TEST_CASE("a reminder more than a day past its moment is not sent: turning them on does not mail the past") {
  Office o;
  auto job = o.job(o.storage);
  o.arrive(kT0, "Lama sekali");
  job.run_once(kT0 + 49 * kHour);  // unread since 24 h, 25 h ago; 1 h into its last day
  CHECK(o.take("Belum dibaca").empty());
  CHECK(o.take("Sisa 1×24").size() == 1u);
}

TEST_CASE("the head's digest of overdue cases at the configured hour of the facility's own time, once a day") {
  Office o;
  auto job = o.job(o.storage);
  auto late = o.arrive(kT0, "Terlambat");  // due 2026-11-23 08:00 +07:00
  auto label = reg::register_label(late.number, late.year);
  o.change(late, OwnerChange{OwnerChange::Kind::assign, "sari"}, kT0 + kHour);
  const std::int64_t nov24_0700 = kT0 + 4 * 24 * kHour - kHour;  // 07:00 +07:00, 00:00 UTC
  job.run_once(nov24_0700 - kMin);  // 06:59 in the facility: overdue, but not yet its hour
  CHECK(o.take("Rekap harian").empty());
  job.run_once(nov24_0700);
  auto digests = o.take("Rekap harian");
  REQUIRE(digests.size() == 1u);
  CHECK(digests[0].to == std::vector<std::string>{"kartini@a.example"});
  CHECK(digests[0].subject == "[Kotak] Rekap harian: 1 masukan terlambat – Puskesmas A / [Kotak] Daily digest: 1 overdue – Puskesmas A");
  CHECK(digests[0].body.find(label + " · Baru · batas 2026-11-23 08:00 (UTC+07:00) · pemilik: sari") != std::string::npos);
  CHECK(digests[0].body.find(label + " · New · due 2026-11-23 08:00 (UTC+07:00) · owner: sari") != std::string::npos);
  CHECK(digests[0].body.find("Terlambat") == std::string::npos);
  job.run_once(nov24_0700 + 30 * kMin);
  job.run_once(nov24_0700 + 16 * kHour);  // 23:00 the same local day
  CHECK(o.take("Rekap harian").empty());
  job.run_once(nov24_0700 + 24 * kHour);  // the next morning
  CHECK(o.take("Rekap harian").size() == 1u);
  // pkm-b has nothing overdue: no digest for its head.
  for (const auto& m : o.sent) CHECK(m.to != std::vector<std::string>{"kepala@b.example"});
}

TEST_CASE("two server processes on one database send each reminder once") {
  Office o;
  auto other = o.store.database.open();  // the second process's storage
  auto first = o.job(o.storage);
  auto second = o.job(*other);
  for (int i = 0; i < 3; ++i) o.arrive(kT0 + i * kMin, "Keluhan " + std::to_string(i));
  const auto at = kT0 + 24 * kHour + 5 * kMin;
  second.run_once(at);
  first.run_once(at);
  second.run_once(at + kMin);
  CHECK(o.take("Belum dibaca").size() == 3u);
  CHECK(o.store.database.count("SELECT count(*) FROM case_reminders WHERE kind = 'unread'") == 3);
}

TEST_CASE("a reminder whose mail failed is sent next round, once") {
  Office o;
  auto job = o.job(o.storage);
  o.arrive(kT0, "Satu");
  o.arrive(kT0 + kMin, "Dua");
  o.failures = 1;
  CHECK(job.run_once(kT0 + 25 * kHour) == 0);  // the SMTP server is down: both wait
  CHECK(o.store.database.count("SELECT count(*) FROM case_reminders") == 0);
  CHECK(job.run_once(kT0 + 25 * kHour + kMin) == 2);
  CHECK(job.run_once(kT0 + 25 * kHour + 2 * kMin) == 0);
  CHECK(o.take("Belum dibaca").size() == 2u);
}

TEST_CASE("the head sets where a colleague's reminders go on the dashboard, and a bad address is refused") {
  test::Site site;
  auto kartini = test::log_in(site, "kartini");
  auto set = [&](const test::Browser& who, const std::string& user, const nlohmann::json& body) {
    return site.dashboard->change_user(who.post({user, "email"}, body));
  };
  REQUIRE(set(kartini, "sari", {{"email", " sari@pkm-a.example.go.id "}}).status == 200);
  CHECK(site.storage.user("sari")->email == "sari@pkm-a.example.go.id");
  auto bad = set(kartini, "sari", {{"email", "sari at pkm-a\r\nBcc: x@y"}});
  CHECK(bad.status == 400);
  CHECK(nlohmann::json::parse(bad.body)["code"] == "error.user.email");
  CHECK(site.storage.user("sari")->email == "sari@pkm-a.example.go.id");
  REQUIRE(set(kartini, "sari", {{"email", ""}}).status == 200);
  CHECK(site.storage.user("sari")->email.empty());
  // Not another puskesmas' account, and not by a petugas.
  CHECK(set(kartini, "budi", {{"email", "budi@b.example"}}).status == 403);
  CHECK(set(test::log_in(site, "sari"), "dewi", {{"email", "dewi@a.example"}}).status == 403);
}
