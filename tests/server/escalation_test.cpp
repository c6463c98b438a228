// Passing a case on through SP4N-LAPOR! (issue 15 item 9) through the
// dashboard API, on the engine under test: the history lines, the
// package's fields and CSV, the tracking ID, who may pass contact details
// on and the record of each download that carries them, and the refusals.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/wire.hpp"
#include "tests/server/dashboard_site.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
using namespace kotak::test;

namespace {

std::string code_of(const WebResponse& r) { return json::parse(r.body).value("code", std::string()); }

json escalation(bool with_identity = false) {
  return {{"agency", "Dinas Kesehatan Kabupaten Klaten"},
          {"category", "Kesehatan"},
          {"classification", "pengaduan"},
          {"title", "Antrean pendaftaran lama"},
          {"with_identity", with_identity}};
}

struct LaporSite {
  Site site;
  Dashboard& d = *site.dashboard;
  Browser sari = log_in(site, "sari"), dewi = log_in(site, "dewi"), kartini = log_in(site, "kartini"),
          budi = log_in(site, "budi"), dinkes = log_in(site, "dinkes");

  WebResponse change(const Browser& who, std::int64_t id, const std::string& action, const json& body) {
    return d.change_case(who.post({std::to_string(id), action}, body));
  }
  WebResponse package(const Browser& who, std::int64_t id, int n, bool csv = false,
                      std::map<std::string, std::string> query = {}) {
    return d.lapor(who.get({std::to_string(id), std::to_string(n), csv ? ".csv" : ""}, std::move(query)));
  }
  json fields(const Browser& who, std::int64_t id, int n) {
    auto r = package(who, id, n);
    REQUIRE(r.status == 200);
    return json::parse(r.body);
  }
  // A named kiosk complaint that names its writer in its text; its case id.
  std::int64_t named_case(const std::string& text) {
    auto s = sample_written(text);
    s.created_at = {site.now - 30'000, 420};
    s.facility_id = "pkm-a";
    s.identity_mode = core::IdentityMode::named;
    s.identity = {"Pak Joko", "0813 9876 5432", "Jl. Kenanga 4"};
    IngestItem item{s, core::wire::content_hash(s)};
    site.storage.ingest({"pkm-a", "kiosk-1"}, std::span(&item, 1), IngestSource::network, site.now);
    CaseQuery q;
    q.facility_id = "pkm-a";
    q.text = text;
    auto found = site.storage.cases(q).cases;
    REQUIRE(found.size() == 1u);
    return found.front().id;
  }
  std::size_t views() { return site.storage.identity_views("pkm-a", 100).size(); }
};

}  // namespace

TEST_CASE("a case passed on through SP4N-LAPOR! keeps where it went, and its package holds LAPOR!'s fields") {
  LaporSite l;
  auto id = l.site.case_a;
  auto done = l.change(l.sari, id, "escalate", escalation());
  REQUIRE(done.status == 200);
  auto c = json::parse(done.body);
  REQUIRE(c["history"].is_array());
  REQUIRE(c["history"].size() >= 1u);
  const auto& line = c["history"].back();
  CHECK(line["action"] == "escalated");
  CHECK(line["detail"]["n"] == 1);
  CHECK(line["detail"]["agency"] == "Dinas Kesehatan Kabupaten Klaten");
  CHECK(line["user"] == "sari");
  CHECK(c["status"] == "baru");  // passing on does not decide the status

  auto r = l.package(l.sari, id, 1);
  REQUIRE(r.status == 200);
  CHECK(header(r, "Cache-Control") == "no-store");
  auto p = json::parse(r.body);
  const auto& f = p["fields"];
  CHECK(f["klasifikasi"] == "pengaduan");
  CHECK(f["judul"] == "Antrean pendaftaran lama");
  CHECK(f["isi"] == "Antrean <b>lama</b>");
  CHECK(f["tanggal_kejadian"] == "2026-11-23");  // the day it arrived, in the puskesmas' own offset
  CHECK(f["lokasi"] == "Puskesmas A");
  CHECK(f["instansi_tujuan"] == "Dinas Kesehatan Kabupaten Klaten");
  CHECK(f["kategori"] == "Kesehatan");
  CHECK(f["anonim"] == true);  // not chosen: the agency does not learn who reported
  CHECK(f["rahasia"] == false);
  CHECK(f["nama_pelapor"] == "");
  CHECK(f["telepon_pelapor"] == "");
  CHECK(p["case"]["label"].get<std::string>().find('/') != std::string::npos);
  CHECK(p["facility"]["name"] == "Puskesmas A");
  CHECK(p["passed_on"]["by"] == "sari");
  CHECK(p["tracking_id"] == "");

  // The fields as CSV for a spreadsheet or LAPOR!'s form, in either language.
  auto csv = l.package(l.sari, id, 1, true);
  REQUIRE(csv.status == 200);
  CHECK(csv.content_type.rfind("text/csv", 0) == 0);
  CHECK(header(csv, "Content-Disposition").find("lapor-") != std::string::npos);
  CHECK(csv.body.find("Klasifikasi laporan;Pengaduan\r\n") != std::string::npos);
  CHECK(csv.body.find("Anonim;Ya\r\n") != std::string::npos);
  CHECK(csv.body.find("Nama pelapor") == std::string::npos);
  auto english = l.package(l.sari, id, 1, true, {{"lang", "en"}});
  CHECK(english.body.find("Classification;Complaint\r\n") != std::string::npos);

  // The tracking ID LAPOR! gave it, once filed; a second passing on is #2.
  auto tracked = l.change(l.sari, id, "tracking", {{"n", 1}, {"tracking_id", "LAPOR-4471023"}});
  REQUIRE(tracked.status == 200);
  CHECK(json::parse(tracked.body)["history"].back()["action"] == "escalation_tracking");
  CHECK(l.fields(l.sari, id, 1)["tracking_id"] == "LAPOR-4471023");
  CHECK(code_of(l.change(l.sari, id, "tracking", {{"n", 2}, {"tracking_id", "X1"}})) == "error.escalation.unknown");
  CHECK(l.change(l.sari, id, "tracking", {{"n", 1}, {"tracking_id", "<script>"}}).status == 400);
  CHECK(l.package(l.sari, id, 2).status == 404);
  auto other = escalation();
  other["agency"] = "Dinas Sosial";
  other["classification"] = "aspirasi";
  REQUIRE(l.change(l.kartini, id, "escalate", other).status == 200);
  auto second = l.fields(l.kartini, id, 2);
  CHECK(second["fields"]["instansi_tujuan"] == "Dinas Sosial");
  CHECK(second["fields"]["klasifikasi"] == "aspirasi");
  CHECK(l.fields(l.kartini, id, 1)["fields"]["instansi_tujuan"] == "Dinas Kesehatan Kabupaten Klaten");
}

TEST_CASE("a reporter's contact details go with the package only when chosen, to a role that may see them, on record") {
  LaporSite l;
  auto id = l.named_case("Saya Pak Joko, telepon 0813 9876 5432, sudah dua jam menunggu");

  // Not chosen: anonymous to the agency, and the text no longer names him.
  REQUIRE(l.change(l.sari, id, "escalate", escalation()).status == 200);
  auto before = l.views();
  auto plain = l.fields(l.sari, id, 1)["fields"];
  CHECK(plain["anonim"] == true);
  CHECK(plain["isi"].get<std::string>().find("9876") == std::string::npos);
  CHECK(plain["isi"].get<std::string>().find("menunggu") != std::string::npos);
  CHECK(l.views() == before);  // nothing personal was read out

  // Chosen by the petugas: the name and phone go with it, each download on record.
  REQUIRE(l.change(l.sari, id, "escalate", escalation(true)).status == 200);
  auto named = l.fields(l.sari, id, 2);
  CHECK(named["fields"]["anonim"] == false);
  CHECK(named["fields"]["nama_pelapor"] == "Pak Joko");
  CHECK(named["fields"]["telepon_pelapor"] == "0813 9876 5432");
  CHECK(named["fields"]["isi"].get<std::string>().find("9876") != std::string::npos);
  REQUIRE(l.views() == before + 1);
  CHECK(l.site.storage.identity_views("pkm-a", 1).front().reason == "SP4N-LAPOR! #2");
  auto csv = l.package(l.sari, id, 2, true);
  CHECK(csv.body.find("Pak Joko") != std::string::npos);
  CHECK(l.views() == before + 2);

  // The quality team may pass cases on but not see who reported: the
  // package comes without them, and says so.
  auto mutu = l.fields(l.dewi, id, 2);
  CHECK(mutu["fields"]["anonim"] == true);
  CHECK(mutu["fields"]["nama_pelapor"] == "");
  CHECK(mutu["identity_withheld"] == true);
  CHECK(mutu["fields"]["isi"].get<std::string>().find("9876") == std::string::npos);
  CHECK(l.views() == before + 2);
  CHECK(code_of(l.change(l.dewi, id, "escalate", escalation(true))) == "error.role.identity");

  // An anonymous reporter has nothing to pass on.
  auto anonymous = l.site.add_kiosk_case("Toilet rusak", l.site.now - 10'000);
  CHECK(code_of(l.change(l.sari, anonymous, "escalate", escalation(true))) == "error.escalation.identity");
}

TEST_CASE("passing on is refused to other facilities, the district admin, unknown classifications and archived cases") {
  LaporSite l;
  auto id = l.site.case_a;
  REQUIRE(l.change(l.sari, id, "escalate", escalation()).status == 200);
  CHECK(l.package(l.budi, id, 1).status == 404);   // another puskesmas
  CHECK(l.change(l.budi, id, "escalate", escalation()).status == 404);
  CHECK(l.package(l.dinkes, id, 1).status == 403);  // the district reads no complaint text
  auto odd = escalation();
  odd["classification"] = "whistle_blowing";
  CHECK(code_of(l.change(l.sari, id, "escalate", odd)) == "error.field.unknown");
  auto empty = escalation();
  empty["agency"] = "  ";
  CHECK(code_of(l.change(l.sari, id, "escalate", empty)) == "error.field.missing");
  REQUIRE(l.change(l.sari, id, "status", {{"to", "bukan_wewenang"}, {"note", ""}}).status == 200);
  REQUIRE(l.change(l.sari, id, "status", {{"to", "arsip"}, {"note", ""}}).status == 200);
  CHECK(code_of(l.change(l.sari, id, "escalate", escalation())) == "error.escalation.archived");
  CHECK(l.package(l.sari, id, 1).status == 200);  // what went before stays readable
}
