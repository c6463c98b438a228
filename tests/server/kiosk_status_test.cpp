// Issue 15 items 5 and 12 on the engine under test: a kiosk's own tickets
// brought with the board (status and published answer, the cursor moving
// with them), the health a kiosk reports (bounded, the latest kept), the
// kiosks page by role with its warnings, and the mail about a kiosk silent
// for a day - once per silence, by one of two processes. Times are the
// test's own (dashboard_site.hpp), never today's.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/timestamp.hpp"
#include "core/wire.hpp"
#include "server/api/api.hpp"
#include "server/notify/reminders.hpp"
#include "server/tokens.hpp"
#include "tests/server/dashboard_site.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
using test::Browser;
using test::Site;

namespace {

constexpr std::int64_t kHour = 3600 * 1000;

// The site with a second kiosk of pkm-a, kiosk-9, that has a token.
struct Kiosks : Site {
  Api api{storage, {}};
  std::string token = new_device_token();
  const DeviceRef kiosk{"pkm-a", "kiosk-9"};
  Kiosks() { storage.add_device(kiosk, hash_token(token), 1); }
  ApiRequest request(std::string body = "") const {
    ApiRequest r;
    r.authorization = "Bearer " + token;
    r.body = std::move(body);
    return r;
  }
  core::wire::Board board(std::optional<std::string> since, bool tickets = true) {
    auto r = request();
    r.since = std::move(since);
    r.tickets = tickets;
    auto response = api.get_board(r);
    REQUIRE(response.status == 200);
    return core::wire::decode_board(response.body);
  }
  DeviceHealth report(std::int64_t at, std::int64_t queue = 0) const {
    DeviceHealth h;
    h.device = kiosk;
    h.reported_ms = at;
    h.queue = queue;
    h.version = "1.4.0";
    h.disk_free_bytes = 6LL * 1024 * 1024 * 1024;
    h.clock_offset_ms = 1200;
    return h;
  }
  json kiosks_page(const std::string& user) {
    Browser b = test::log_in(*this, user);
    auto response = dashboard->kiosks(b.get());
    REQUIRE(response.status == 200);
    return json::parse(response.body);
  }
};

const json* find_kiosk(const json& page, const std::string& device) {
  for (const auto& k : page["kiosks"])
    if (k["device"] == device) return &k;
  return nullptr;
}

}  // namespace

TEST_CASE("a kiosk's own tickets come with the board - status and published answer - and move its cursor") {
  Kiosks site;
  auto mine = test::add_kiosk_case(site.storage, site.kiosk, "Obat di apotek habis terus", {test::kNow - kHour, 420},
                                   test::kNow);
  REQUIRE(!mine.ticket.empty());
  auto first = site.board(std::nullopt);
  REQUIRE(first.tickets.has_value());
  // Only this kiosk's: case_a came from kiosk-1.
  REQUIRE(first.tickets->size() == 1u);
  CHECK(first.tickets->front().ticket == mine.ticket);
  CHECK(first.tickets->front().status == "baru");
  CHECK(first.tickets->front().answer.empty());
  CHECK_MESSAGE(site.board(first.cursor).unchanged, "(nothing changed: the same cursor is unchanged)");

  Browser sari = test::log_in(site, "sari");
  const std::string id = std::to_string(mine.id);
  site.now += kHour;
  REQUIRE(site.dashboard->change_case(sari.post({id, "answer"}, {{"channel", "telepon"}, {"text", "Kami telepon"}})).status == 200);
  auto answered = site.board(first.cursor);
  CHECK_MESSAGE(!answered.unchanged, "(a ticket's new status is news to the kiosk)");
  REQUIRE(answered.tickets.has_value());
  REQUIRE(answered.tickets->size() == 1u);
  CHECK(answered.tickets->front().status == "ditanggapi");
  CHECK_MESSAGE(answered.tickets->front().answer.empty(), "(an answer given by phone is not published)");

  REQUIRE(site.dashboard->change_case(sari.post({id, "publish"}, {{"summary", "Obat habis"}, {"answer", "Stok ditambah"}})).status == 200);
  auto published = site.board(answered.cursor);
  REQUIRE(published.tickets.has_value());
  REQUIRE(published.tickets->size() == 1u);
  CHECK(published.tickets->front().answer == "Stok ditambah");
  CHECK(published.items.size() == 1u);

  // A kiosk that does not ask (an older kotak-sync) gets the board alone,
  // whose cursor it keeps as before.
  auto plain = site.board(std::nullopt, false);
  CHECK_MESSAGE(!plain.tickets.has_value(), "(no tickets member for an older kiosk)");
  CHECK(plain.cursor.find(".t") == std::string::npos);
  CHECK(core::wire::encode_board(plain).find("tickets") == std::string::npos);
}

TEST_CASE("a kiosk's health report is bounded and the latest one is kept") {
  Kiosks site;
  for (const char* bad : {R"({"protocol":1,"queue":-1,"quarantined":0,"version":"1.4.0"})",
                          R"({"protocol":1,"queue":1,"quarantined":0,"version":"1.4.0 <script>"})",
                          R"({"protocol":1,"queue":1,"quarantined":0})",
                          R"({"protocol":1,"queue":1,"quarantined":0,"version":"1.4.0","disk_free_bytes":1e30})",
                          R"({"protocol":1,"queue":1,"quarantined":0,"version":"1.4.0","extra":true})",
                          R"({"protocol":1,"queue":1,"quarantined":0,"version":"1.4.0","clock_offset_ms":"x"})",
                          "not json"}) {
    CAPTURE(bad);
    auto response = site.api.post_device_health(site.request(bad));
    CHECK(response.status == 400);
    CHECK(!core::wire::decode_error(response.body).empty());
  }
  CHECK(site.storage.device_health("pkm-a").empty());
  ApiRequest anonymous;
  anonymous.body = core::wire::encode_health_report({1, 0, "1.4.0", std::nullopt, std::nullopt});
  CHECK(site.api.post_device_health(anonymous).status == 401);

  const auto before = core::now().unix_ms;
  auto sent = core::wire::HealthReport{12, 2, "1.4.0+deb12", 3'000'000'000LL, -4500};
  REQUIRE(site.api.post_device_health(site.request(core::wire::encode_health_report(sent))).status == 200);
  auto kept = site.storage.device_health("pkm-a");
  REQUIRE(kept.size() == 1u);
  CHECK(kept[0].device == site.kiosk);
  CHECK(kept[0].queue == 12);
  CHECK(kept[0].quarantined == 2);
  CHECK(kept[0].version == "1.4.0+deb12");
  CHECK(kept[0].disk_free_bytes == 3'000'000'000LL);
  CHECK(kept[0].clock_offset_ms == -4500);
  CHECK_MESSAGE(kept[0].reported_ms >= before, "(the time is the server's, at arrival)");
  // The next report replaces it; what a kiosk leaves out is unknown.
  REQUIRE(site.api.post_device_health(
                  site.request(core::wire::encode_health_report({0, 2, "1.5.0", std::nullopt, std::nullopt})))
              .status == 200);
  kept = site.storage.device_health("pkm-a");
  REQUIRE(kept.size() == 1u);
  CHECK(kept[0].queue == 0);
  CHECK(kept[0].version == "1.5.0");
  CHECK(!kept[0].disk_free_bytes.has_value());
  CHECK(!kept[0].clock_offset_ms.has_value());
  CHECK(site.storage.device_health("pkm-b").empty());
  CHECK(site.storage.device_health("").size() == 1u);
}

TEST_CASE("the kiosks page shows each role its kiosks with warnings for silence - low disk and a far clock") {
  Kiosks site;
  site.storage.record_device_health(site.report(site.now - kHour, 3));
  auto sari = site.kiosks_page("sari");
  REQUIRE(sari["kiosks"].size() == 2u);  // kiosk-1 never reported, kiosk-9 did
  const json* nine = find_kiosk(sari, "kiosk-9");
  REQUIRE(nine != nullptr);
  CHECK((*nine)["queue"] == 3);
  CHECK((*nine)["version"] == "1.4.0");
  CHECK((*nine)["last_sync_ms"] == site.now - kHour);
  CHECK((*nine)["warnings"] == json::array());
  const json* one = find_kiosk(sari, "kiosk-1");
  REQUIRE(one != nullptr);
  CHECK((*one)["warnings"] == json::array({"never"}));
  CHECK_MESSAGE(site.kiosks_page("budi")["kiosks"].empty(), "(another puskesmas's petugas sees none of pkm-a's)");
  CHECK(site.kiosks_page("dinkes")["kiosks"].size() == 2u);

  // A day and a minute later without a sync; then a report with little disk
  // and a clock ten minutes off.
  site.now += 23 * kHour + 60'000;
  nine = nullptr;
  auto later = site.kiosks_page("kartini");
  nine = find_kiosk(later, "kiosk-9");
  REQUIRE(nine != nullptr);
  CHECK((*nine)["warnings"] == json::array({"silent"}));
  auto bad = site.report(site.now);
  bad.disk_free_bytes = 100LL * 1024 * 1024;
  bad.clock_offset_ms = -10 * 60'000;
  site.storage.record_device_health(bad);
  auto now = site.kiosks_page("dewi");
  nine = find_kiosk(now, "kiosk-9");
  REQUIRE(nine != nullptr);
  CHECK((*nine)["warnings"] == json::array({"disk", "clock"}));
}

TEST_CASE("a kiosk silent for a day mails its petugas once per silence - by one of two processes") {
  Kiosks site;
  site.config.public_url = "https://kotak.example.go.id";
  // The petugas is mailed; the kepala, who has an address too, is not.
  site.storage.set_email("sari", "sari@a.example");
  site.storage.set_email("kartini", "kartini@a.example");
  std::vector<MailMessage> sent;
  auto catalog = [](const char* language) {
    return core::Catalog::load(std::string(KOTAK_SOURCE_DIR) + "/assets/i18n/web/" + language + ".json");
  };
  // Only the mails about the kiosk: the site's case gets its own reminders.
  auto job = [&](Storage& on) {
    return ReminderJob(on, site.config, catalog("id"), catalog("en"), [&](const MailMessage& m) {
      if (m.subject.find("kiosk-9") != std::string::npos) sent.push_back(m);
    });
  };
  auto other = site.store.database.open();  // the second process's storage
  auto first = job(site.storage);
  auto second = job(*other);
  const std::int64_t t0 = site.now;
  site.storage.record_device_health(site.report(t0, 4));
  first.run_once(t0 + 24 * kHour - 60'000);
  second.run_once(t0 + 24 * kHour - 60'000);
  CHECK_MESSAGE(sent.empty(), "(not a day yet)");
  first.run_once(t0 + 24 * kHour + 60'000);
  second.run_once(t0 + 24 * kHour + 60'000);
  first.run_once(t0 + 30 * kHour);
  second.run_once(t0 + 30 * kHour);
  REQUIRE(sent.size() == 1u);
  CHECK(sent[0].to == std::vector<std::string>{"sari@a.example"});
  CHECK(sent[0].subject.find("Puskesmas A") != std::string::npos);
  CHECK(sent[0].body.find("https://kotak.example.go.id/app/#/kiosks") != std::string::npos);
  CHECK(sent[0].body.find("--- English ---") != std::string::npos);

  // It syncs again, then falls silent again: a new silence, a new mail.
  site.storage.record_device_health(site.report(t0 + 40 * kHour));
  first.run_once(t0 + 41 * kHour);
  CHECK(sent.size() == 1u);
  second.run_once(t0 + 64 * kHour + 60'000);
  first.run_once(t0 + 64 * kHour + 60'000);
  CHECK(sent.size() == 2u);
}
