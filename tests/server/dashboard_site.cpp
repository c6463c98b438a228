// See dashboard_site.hpp.
#include "tests/server/dashboard_site.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <stdexcept>

#include "core/wire.hpp"
#include "tests/support/samples.hpp"

namespace kotak::test {

using namespace kotak::server;
using nlohmann::json;

const std::string& password_hash() {
  // argon2id at its smallest cost: the server verifies by the cost stored in
  // the hash, so each test log-in takes microseconds instead of 64 MB and a
  // tenth of a second. Hashes the server makes itself (a changed password)
  // keep the real cost; the password-change test in accounts_test checks that.
  static const std::string hash = [] {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, kPassword.data(), kPassword.size(), crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13) != 0)
      throw std::runtime_error("could not hash the test password");
    return std::string(out);
  }();
  return hash;
}

WebFiles catalogs() {
  WebFiles files;
  for (const char* language : {"id", "en"}) {
    std::string path = std::string(KOTAK_SOURCE_DIR) + "/assets/i18n/web/" + language + ".json";
    files["/app/i18n/" + std::string(language) + ".json"] = {read_file(path), "application/json"};
  }
  for (const char* language : {"id", "en", "jv"}) {
    std::string path = std::string(KOTAK_SOURCE_DIR) + "/assets/i18n/kiosk/" + language + ".json";
    files[std::string(server::kKioskCatalogs) + language + ".json"] = {read_file(path), "application/json"};
  }
  return files;
}

Site::Site(int login_attempts, int login_account_attempts) {
  config.session.login_attempts = login_attempts;
  config.session.login_account_attempts = login_account_attempts;
  config.public_url = "https://kotak.example.go.id";
  for (const char* unit : {"pendaftaran", "poli-umum", "kia", "apotek"}) config.units.push_back({unit, {{"id", unit}}});
  storage.add_facility({"pkm-a", "Puskesmas A", 1});
  storage.add_facility({"pkm-b", "Puskesmas B", 1});
  storage.add_device({"pkm-a", "kiosk-1"}, "token-hash", 1);
  for (auto [name, facility, role] : {std::tuple{"sari", "pkm-a", staff::Role::petugas},
                                      std::tuple{"dewi", "pkm-a", staff::Role::mutu},
                                      std::tuple{"kartini", "pkm-a", staff::Role::kepala},
                                      std::tuple{"budi", "pkm-b", staff::Role::petugas},
                                      std::tuple{"dinkes", "", staff::Role::admin}})
    storage.add_user({0, name, name, facility, role, password_hash(), 1, std::nullopt});
  dashboard = std::make_unique<Dashboard>(storage, config, catalogs());
  dashboard->now_ms = [this] { return now; };
  auto s = sample_written("Antrean <b>lama</b>");
  s.created_at = {kNow - 60'000, 420};  // the site's own clock, not today's
  s.facility_id = "pkm-a";
  s.identity_mode = core::IdentityMode::named;
  s.identity = {"Ibu Sari", "0812 3456", "Jl. Melati"};
  IngestItem item{s, core::wire::content_hash(s)};
  storage.ingest({"pkm-a", "kiosk-1"}, std::span(&item, 1), IngestSource::network, kNow);
  CaseQuery q;
  q.facility_id = "pkm-a";
  auto found = storage.cases(q).cases;
  REQUIRE(found.size() == 1u);
  case_a = found.front().id;
}

reg::Case add_kiosk_case(Storage& storage, const DeviceRef& kiosk, const std::string& text, core::Timestamp at,
                         std::int64_t now_ms) {
  auto s = sample_written(text);
  s.created_at = at;
  s.facility_id = kiosk.facility_id;
  s.device_id = kiosk.device_id;
  IngestItem item{s, core::wire::content_hash(s)};
  storage.ingest(kiosk, std::span(&item, 1), IngestSource::network, now_ms);
  CaseQuery q;
  q.facility_id = kiosk.facility_id;
  q.text = text;
  auto found = storage.cases(q).cases;
  REQUIRE(found.size() == 1u);
  return found.front();
}

std::int64_t Site::add_kiosk_case(const std::string& text, std::int64_t at_ms) {
  return test::add_kiosk_case(storage, {"pkm-a", "kiosk-1"}, text, {at_ms, 420}, now).id;
}

std::int64_t Site::add_rahasia_case(const std::string& text) {
  auto s = sample_written(text);
  s.created_at = {now - 30'000, 420};
  s.facility_id = "pkm-a";
  s.identity_mode = core::IdentityMode::rahasia;
  s.identity = {"Bapak Joko Susilo", "0813 2222 3333", "Jl. Kenanga 9"};
  IngestItem item{s, core::wire::content_hash(s)};
  storage.ingest({"pkm-a", "kiosk-1"}, std::span(&item, 1), IngestSource::network, now);
  CaseQuery q;
  q.facility_id = "pkm-a";
  q.text = text;
  auto found = storage.cases(q).cases;
  REQUIRE(found.size() == 1u);
  return found.front().id;
}

WebResponse Site::login(const std::string& user, const std::string& password,
                        const std::string& remote) {
  WebRequest request;
  request.method = "POST";
  request.body = json{{"username", user}, {"password", password}}.dump();
  request.content_type = "application/json";
  request.remote = remote;
  return dashboard->login(request);
}

std::string header(const WebResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers)
    if (key == name) return value;
  return {};
}

WebRequest Browser::get(std::vector<std::string> captures,
                        std::map<std::string, std::string> query) const {
  WebRequest request;
  request.method = "GET";
  request.cookie = cookie;
  request.captures = std::move(captures);
  request.query = std::move(query);
  request.host = "kotak.example.go.id";
  return request;
}

WebRequest Browser::post(std::vector<std::string> captures, const json& body) const {
  auto request = get(std::move(captures));
  request.method = "POST";
  request.body = body.dump();
  request.content_type = "application/json";
  request.csrf = csrf;
  request.origin = "https://kotak.example.go.id";
  return request;
}

Browser log_in(Site& site, const std::string& user) {
  auto response = site.login(user);
  REQUIRE(response.status == 200);
  auto cookie = header(response, "Set-Cookie");
  return {cookie.substr(0, cookie.find(';')), json::parse(response.body).at("csrf")};
}

}  // namespace kotak::test
