// The phone pages of the kiosk's QR code (issue 18; server/dashboard/
// phone.cpp) on the engine under test: a fresh token opens the page in the
// kiosk's words, an old or forged one gets the plain "scan again" page;
// answers land once (a resend is a duplicate) in the register with the
// channel qr_ponsel and in the SKM report as ponsel; every field is bounded;
// sends are limited per address and QR code; and kiosks get the page's
// address and secret with their settings unless the facility keeps its
// external SKM site. The clock is the test's (Site::now).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "core/qr_token.hpp"
#include "core/ticket.hpp"
#include "core/wire.hpp"
#include "server/api/api.hpp"
#include "server/tokens.hpp"
#include "tests/server/dashboard_site.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::Site;
using nlohmann::json;
using core::qr_token::kWindowMs;

namespace {

struct Phone {
  Site site;
  std::string secret = site.dashboard->phone_secret("pkm-a");
  std::int64_t window = core::qr_token::window_of(site.now);
  std::string token = core::qr_token::token(secret, "pkm-a", window);

  WebResponse page(const std::string& k, const std::string& lang = "", const std::string& facility = "pkm-a") {
    WebRequest request;
    request.method = "GET";
    request.captures = {facility};
    request.query = {{"k", k}};
    if (!lang.empty()) request.query["lang"] = lang;
    return site.dashboard->phone_page(request);
  }
  json answers(const std::string& kind) const {
    json body{{"k", token}, {"w", window}, {"id", core::new_uuid()}, {"created_ms", site.now},
              {"utc_offset_min", 420}, {"language", "id"}, {"kind", kind}};
    if (kind == "skm") {
      body["scores"] = {4, 3, 3, 4, 0, 3, 4, 2, 3};
      body["sex"] = "P";
      body["age_group"] = "30-39";
    } else {
      body.update({{"type", "keluhan"}, {"unit", "apotek"}, {"text", "Antrean <img src=x onerror=alert(1)>"},
                   {"identity_mode", "anonim"}, {"urgent", true}});
    }
    return body;
  }
  WebResponse send(const std::string& body, const std::string& remote = "10.0.0.9") {
    WebRequest request;
    request.method = "POST";
    request.captures = {"pkm-a"};
    request.body = body;
    request.content_type = "application/json";
    request.remote = remote;
    return site.dashboard->phone_send(request);
  }
  WebResponse send(const json& body, const std::string& remote = "10.0.0.9") { return send(body.dump(), remote); }
  std::vector<SkmRecord> survey_rows() {
    const std::int64_t day = (site.now + 420 * 60000) / 86400000;
    return site.storage.skm_responses("pkm-a", "", day - 1, day + 1);
  }
};

}  // namespace

TEST_CASE("a fresh QR token opens the page in the kiosk's words, an old or forged one says scan again") {
  Phone p;
  auto page = p.page(p.token);
  CHECK(page.status == 200);
  CHECK(page.content_type.rfind("text/html", 0) == 0);
  CHECK(page.body.find("kesesuaian persyaratan pelayanan") != std::string::npos);  // U1, as on the kiosk
  CHECK(page.body.find("Puskesmas A") != std::string::npos);
  CHECK(page.body.find("data-w=\"" + std::to_string(p.window) + "\"") != std::string::npos);
  CHECK(p.page(p.token, "en").body.find("requirements for the service match") != std::string::npos);
  CHECK(p.page(p.token, "jv").status == 200);
  CHECK(page.body.size() < 30 * 1024);  // before compression, even

  // The previous window's code is still good; two windows on it is not.
  p.site.now += kWindowMs;
  CHECK(p.page(p.token).status == 200);
  p.site.now += kWindowMs;
  auto expired = p.page(p.token);
  CHECK(expired.status == 403);
  CHECK(expired.body.find("Pindai lagi kode QR") != std::string::npos);
  CHECK(expired.body.find("Scan the QR code") != std::string::npos);
  std::string forged = core::qr_token::token(p.secret, "pkm-a", core::qr_token::window_of(p.site.now));
  forged[0] = forged[0] == '0' ? '1' : '0';
  CHECK(p.page(forged).status == 403);
  CHECK(p.page("").status == 403);
  CHECK(p.page(p.token, "", "pkm-nowhere").status == 403);
}

TEST_CASE("a hostile facility or unit name is shown as text") {
  Phone p;
  p.site.storage.add_facility({"pkm-x", "<script>alert(1)</script>", 1});
  auto secret = p.site.dashboard->phone_secret("pkm-x");
  auto page = p.page(core::qr_token::token(secret, "pkm-x", p.window), "", "pkm-x");
  REQUIRE(page.status == 200);
  CHECK(page.body.find("<script>alert") == std::string::npos);
  CHECK(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
}

TEST_CASE("a survey sent twice is stored once and counted as QR/ponsel") {
  Phone p;
  auto body = p.answers("skm");
  auto first = p.send(body);
  REQUIRE(first.status == 200);
  CHECK(json::parse(first.body)["status"] == "accepted");
  // The connection dropped before the answer came back: the page sends the
  // same form again, later, with its clock moved on.
  p.site.now += 3 * kWindowMs;
  auto again = p.send(body);
  REQUIRE(again.status == 200);
  CHECK(json::parse(again.body)["status"] == "duplicate");
  auto rows = p.survey_rows();
  REQUIRE(rows.size() == 1u);
  CHECK(rows[0].source == SkmSource::ponsel);
  CHECK(rows[0].response.scores[0] == 4);
  CHECK(rows[0].response.scores[4] == 0);
  CHECK(rows[0].response.profile.sex == "P");
}

TEST_CASE("a complaint lands in the register as qr_ponsel with its ticket, once") {
  Phone p;
  auto body = p.answers("written");
  auto first = p.send(body);
  REQUIRE_MESSAGE(first.status == 200, first.body);
  auto answer = json::parse(first.body);
  const std::string ticket = answer.at("ticket");
  CHECK(core::is_ticket(ticket));
  CHECK(answer.at("link") == "/t/" + body["id"].get<std::string>());
  auto again = json::parse(p.send(body).body);
  CHECK(again["status"] == "duplicate");
  CHECK(again["ticket"] == ticket);  // the same code on a resend
  CaseQuery q;
  q.facility_id = "pkm-a";
  q.channel = reg::Channel::qr_ponsel;
  auto cases = p.site.storage.cases(q).cases;
  REQUIRE(cases.size() == 1u);
  CHECK(cases[0].ticket == ticket);
  CHECK(cases[0].unit == "apotek");
  CHECK(cases[0].urgent);
  CHECK(cases[0].content == "Antrean <img src=x onerror=alert(1)>");  // stored as typed; pages show text
  auto found = p.site.storage.public_ticket(ticket);
  REQUIRE(found);
  CHECK(found->ticket == ticket);
  // Named, with the contact details apart from the text.
  auto named = p.answers("written");
  named.update({{"identity_mode", "named"}, {"name", "Ibu Sari"}, {"phone", "0812 3456 7890"}});
  CHECK(p.send(named).status == 200);
  CHECK(p.site.storage.cases(q).cases.size() == 2u);
}

TEST_CASE("a send with an old, forged or other window's token is refused") {
  Phone p;
  auto body = p.answers("skm");
  // An hour after the page was opened it may still send; a window later not.
  p.site.now = (p.window + Dashboard::kPhoneSendWindows + 1) * kWindowMs - 1;
  auto late = body;
  late["id"] = core::new_uuid();
  CHECK(p.send(late).status == 200);
  p.site.now += 1;
  auto too_late = body;
  too_late["id"] = core::new_uuid();
  CHECK(p.send(too_late).status == 403);
  p.site.now = p.window * kWindowMs;
  auto forged = p.answers("skm");
  forged["k"] = std::string(16, 'a');
  CHECK(p.send(forged).status == 403);
  auto other_window = p.answers("skm");
  other_window["w"] = p.window - 1;
  CHECK(p.send(other_window).status == 403);
  CHECK(p.survey_rows().size() == 1u);
}

TEST_CASE("every field of a phone send is bounded and checked") {
  Phone p;
  auto with = [&](json change) {
    auto body = p.answers(change.value("kind", std::string("written")));
    for (auto& [key, value] : change.items()) {
      if (value.is_null()) body.erase(key);
      else body[key] = value;
    }
    return p.send(body).status;
  };
  CHECK(with({{"text", std::string(2001, 'a')}}) == 400);
  CHECK(with({{"text", std::string(2000, 'a')}}) == 200);
  CHECK(with({{"text", "   "}}) == 400);
  CHECK(with({{"extra", 1}}) == 400);
  CHECK(with({{"kind", "rating"}}) == 400);
  CHECK(with({{"type", "ancaman"}}) == 400);
  CHECK(with({{"unit", "unit-of-nowhere"}}) == 400);
  CHECK(with({{"identity_mode", "named"}}) == 400);  // named needs a name or a number
  CHECK(with({{"identity_mode", "rahasia"}}) == 400);
  CHECK(with({{"id", "not-a-uuid"}}) == 400);
  CHECK(with({{"id", nullptr}}) == 400);
  CHECK(with({{"kind", "skm"}, {"scores", {1, 2, 3}}}) == 400);
  CHECK(with({{"kind", "skm"}, {"scores", {5, 0, 0, 0, 0, 0, 0, 0, 0}}}) == 400);
  CHECK(with({{"kind", "skm"}, {"age_group", "99"}}) == 400);
  CHECK(with({{"kind", "skm"}, {"service", "unit-of-nowhere"}}) == 400);
  CHECK(p.send(std::string(16 * 1024 + 1, ' ')).status == 413);
  CHECK(p.send(std::string("[[[[")).status == 400);
  CHECK(p.send(std::string("\"text\"")).status == 400);
  WebRequest wrong_type;
  wrong_type.method = "POST";
  wrong_type.captures = {"pkm-a"};
  wrong_type.body = p.answers("skm").dump();
  wrong_type.content_type = "text/plain";
  CHECK(p.site.dashboard->phone_send(wrong_type).status == 415);
  // The same id with other answers is not a second answer.
  auto body = p.answers("written");
  CHECK(p.send(body).status == 200);
  body["text"] = "Lain";
  CHECK(p.send(body).status == 409);
}

TEST_CASE("sends are limited per address and QR code, and another address still may") {
  Phone p;
  for (int i = 0; i < 20; ++i) {
    auto sent = p.send(p.answers("skm"));
    REQUIRE_MESSAGE(sent.status == 200, sent.body);
  }
  auto refused = p.send(p.answers("skm"));
  CHECK(refused.status == 429);
  CHECK(!kotak::test::header(refused, "Retry-After").empty());
  CHECK(p.send(p.answers("skm"), "10.0.0.10").status == 200);
  CHECK(p.survey_rows().size() == 21u);
}

TEST_CASE("kiosks get the phone page and its secret with their settings, unless the facility keeps its SKM site") {
  Phone p;
  REQUIRE(sodium_init() >= 0);
  auto token = new_device_token();
  p.site.storage.add_device({"pkm-a", "kiosk-2"}, hash_token(token), 1);
  Api api{p.site.storage, {.public_url = "https://kotak.example.go.id/"}};
  ApiRequest request;
  request.authorization = "Bearer " + token;
  auto response = api.get_settings(request);
  REQUIRE(response.status == 200);
  auto body = json::parse(response.body);
  CHECK(body["phone"]["url"] == "https://kotak.example.go.id/s/pkm-a");
  CHECK(body["phone"]["facility"] == "pkm-a");
  CHECK(body["phone"]["secret"] == p.secret);
  // The kiosk reads it inside its settings (wire.hpp).
  auto settings = json::parse(core::wire::decode_settings(response.body));
  CHECK(settings["phone"]["secret"] == p.secret);

  p.site.storage.set_settings("pkm-a", {R"({"skm_url":"https://skm.kebumenkab.go.id"})", "\"e1\"", 1});
  auto external = json::parse(api.get_settings(request).body);
  CHECK_FALSE(external.contains("phone"));
  CHECK(external["settings"]["skm_url"] == "https://skm.kebumenkab.go.id");
  Api without{p.site.storage, {}};
  p.site.storage.set_settings("pkm-a", {"{}", "\"e2\"", 2});
  CHECK_FALSE(json::parse(without.get_settings(request).body).contains("phone"));
}
