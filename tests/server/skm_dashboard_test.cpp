// The dashboard's SKM routes without sockets: the report's numbers, the
// empty state, CSV, population, follow-up plan and import by role, CSRF on
// every change, and no way into another puskesmas' report.
#include <doctest/doctest.h>

#include "core/wire.hpp"
#include "tests/server/dashboard_site.hpp"
#include "tests/server/skm_site.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using namespace kotak::server;
using namespace kotak::test;
using nlohmann::json;

namespace {

const SkmPeriodKey kSecondHalf{"pkm-a", core::days_from_civil(2026, 7, 1), core::days_from_civil(2026, 12, 31), ""};

// A population for the report of 2026-2, whole facility.
json population_of(double value) {
  json body{{"from", "2026-07-01"}, {"to", "2026-12-31"}, {"unit", ""}};
  body["population"] = value == static_cast<std::int64_t>(value) ? json(static_cast<std::int64_t>(value)) : json(value);
  return body;
}

const std::string kPaper =
    "tanggal;unit;U1;U2;U3;U4;U5;U6;U7;U8;U9\r\n"
    "2026-11-02;poli-umum;2;2;2;2;2;2;2;2;2\r\n";

}  // namespace

TEST_CASE("the SKM report over HTTP - numbers by hand and the empty state") {
  Site site;
  two_surveys(site);
  Browser sari = log_in(site, "sari");  // every role reads the report
  auto response = site.dashboard->skm_report(sari.get({}, kSemester));
  REQUIRE(response.status == 200);
  auto r = json::parse(response.body);
  CHECK(r["facility"] == "pkm-a");
  CHECK(r["from"] == "2026-07-01");
  CHECK(r["to"] == "2026-12-31");
  CHECK(r["respondents"] == 2);
  // NRR: U1 3.5, U2 3.5, U3 3, U4 4, U5 3.5, U6 3.5, U7 4, U8 4 (one answer), U9 3
  // Σ = 32 → IKM 3.5556 → NIK 88.89 → A.
  CHECK(r["elements"][7]["respondents"] == 1);
  CHECK(r["elements"][7]["nrr"].get<double>() == doctest::Approx(4.0));
  CHECK(r["ikm"].get<double>() == doctest::Approx(32.0 / 9));
  CHECK(r["nik"].get<double>() == doctest::Approx(88.89));
  CHECK(r["mutu"] == "A");
  CHECK(r["weakest"] == "U3");
  CHECK(r["by_source"] == json{{"kiosk", 2}, {"kertas", 0}, {"web", 0}, {"ponsel", 0}});
  CHECK(r["population"].is_null());
  CHECK(r["minimum_sample"].is_null());
  CHECK(r["can_manage"] == false);
  CHECK(r["can_rtl"] == false);
  CHECK(r["trend"].size() == 1);

  auto empty = json::parse(site.dashboard->skm_report(sari.get({}, {{"semester", "2025-1"}})).body);
  CHECK(empty["respondents"] == 0);
  CHECK(empty["ikm"].is_null());
  CHECK(empty["nik"].is_null());
  CHECK(empty["mutu"].is_null());
  CHECK(empty["missing"].size() == 9);
  CHECK(empty.dump().find("NaN") == std::string::npos);

  CHECK(site.dashboard->skm_report(sari.get({}, {{"semester", "2026-3"}})).status == 400);
  CHECK(site.dashboard->skm_report(sari.get({}, {{"from", "2026-01-01"}})).status == 400);
  auto unit = json::parse(site.dashboard->skm_report(sari.get({}, {{"semester", "2026-2"}, {"unit", "kia"}})).body);
  CHECK(unit["respondents"] == 0);
}

TEST_CASE("the SKM report as CSV for spreadsheets") {
  Site site;
  two_surveys(site);
  Browser dewi = log_in(site, "dewi");
  auto csv = site.dashboard->skm_csv(dewi.get({}, kSemester));
  REQUIRE(csv.status == 200);
  CHECK(csv.content_type == "text/csv; charset=utf-8");
  CHECK(header(csv, "Content-Disposition") ==
        "attachment; filename=\"skm-pkm-a-2026-07-01_2026-12-31.csv\"");
  CHECK(csv.body.rfind("\xEF\xBB\xBF" "Laporan SKM;Puskesmas A\r\n", 0) == 0);
  CHECK(csv.body.find("Responden;2\r\n") != std::string::npos);
  CHECK(csv.body.find("IKM (nilai indeks);3,5556\r\n") != std::string::npos);
  CHECK(csv.body.find("Nilai IKM (konversi);88,89\r\n") != std::string::npos);
  // U3 answered 2 and 4: counts 0/1/0/1, sum 6, NRR 3. The NRR tertimbang
  // need six decimals: at five, 4 × 0,38889 + 2 × 0,33333 + 3 × 0,44444 =
  // 3,55554, which rounds to 3,5555, not the printed IKM 3,5556.
  CHECK(csv.body.find("U3;Waktu penyelesaian;0;1;0;1;2;6;3,0000;0,333333;75,00;C\r\n") != std::string::npos);
  CHECK(csv.body.find("Mutu pelayanan;A\r\n") != std::string::npos);
  CHECK(csv.body.find("Belum ada rencana tindak lanjut.") != std::string::npos);
  auto english = site.dashboard->skm_csv(dewi.get({}, {{"semester", "2026-2"}, {"lang", "en"}, {"sep", "comma"}}));
  CHECK(english.body.find("IKM (index value),3.5556\r\n") != std::string::npos);
}

TEST_CASE("population, follow-up plan and import - by role and with the CSRF token") {
  Site site;
  Browser sari = log_in(site, "sari"), dewi = log_in(site, "dewi"), kartini = log_in(site, "kartini");
  Browser dinkes = log_in(site, "dinkes");
  auto population = dewi.post({}, population_of(500));
  // Without the token, with another body type, from another site: refused.
  auto refused = [&](auto change) {
    auto request = population;
    change(request);
    return site.dashboard->skm_population(request).status;
  };
  CHECK(refused([](WebRequest& r) { r.csrf = ""; }) == 403);
  CHECK(refused([](WebRequest& r) { r.content_type = "text/plain"; }) == 415);
  CHECK(refused([](WebRequest& r) { r.origin = "https://evil.example"; }) == 403);
  CHECK(site.dashboard->skm_population(sari.post({}, population_of(9))).status == 403);
  CHECK(site.dashboard->skm_population(dewi.post({}, population_of(0))).status == 400);
  auto decimal = site.dashboard->skm_population(dewi.post({}, population_of(1.9)));
  CHECK(decimal.status == 400);
  CHECK(nlohmann::json::parse(decimal.body)["error"] ==
        "Jumlah populasi harus bilangan bulat dari 1 sampai 100.000.000.");
  auto officer = sari.post({}, population_of(9));
  officer.language = "en";
  CHECK(nlohmann::json::parse(site.dashboard->skm_population(officer).body)["error"] ==
        "Only the quality team, the head or the district admin set the population.");
  CHECK_FALSE(site.storage.skm_population(kSecondHalf));
  CHECK(site.dashboard->skm_population(population).status == 200);
  auto r = json::parse(site.dashboard->skm_report(dewi.get({}, kSemester)).body);
  CHECK(r["population"]["value"] == 500);
  CHECK(r["population"]["user_name"] == "dewi");
  CHECK(r["minimum_sample"] == 217);
  CHECK(r["sample_reached"] == false);
  auto admin = dinkes.post({}, population_of(1000));
  admin.query = {{"facility", "pkm-a"}};
  CHECK(site.dashboard->skm_population(admin).status == 200);
  CHECK(site.storage.skm_population(kSecondHalf)->population == 1000);
  // Another semester and one unit of this one have no population of their own: unknown.
  CHECK_FALSE(site.storage.skm_population({"pkm-a", kSecondHalf.first_day - 184, kSecondHalf.first_day - 1, ""}));
  auto unit = json::parse(site.dashboard->skm_report(dewi.get({}, {{"semester", "2026-2"}, {"unit", "kia"}})).body);
  CHECK(unit["population"].is_null());
  CHECK(unit["minimum_sample"].is_null());
  CHECK(unit["sample_reached"].is_null());

  json plan{{"from", "2026-07-01"}, {"to", "2026-12-31"}, {"unit", ""}, {"text", "Tambah loket apotek."}};
  auto rtl = dewi.post({}, plan);
  rtl.csrf = "salah";
  CHECK(site.dashboard->skm_rtl(rtl).status == 403);
  CHECK(site.dashboard->skm_rtl(sari.post({}, plan)).status == 403);
  auto by_admin = dinkes.post({}, plan);
  by_admin.query = {{"facility", "pkm-a"}};
  CHECK(site.dashboard->skm_rtl(by_admin).status == 403);
  CHECK(site.dashboard->skm_rtl(dewi.post({}, plan)).status == 200);
  plan["text"] = "Tambah loket apotek.\nJadwal piket ruang tunggu.";
  site.now += 60000;
  CHECK(site.dashboard->skm_rtl(kartini.post({}, plan)).status == 200);
  r = json::parse(site.dashboard->skm_report(sari.get({}, kSemester)).body);
  REQUIRE(r["rtl"].size() == 2);
  CHECK(r["rtl"][0]["text"] == plan["text"]);
  CHECK(r["rtl"][0]["user_name"] == "kartini");
  CHECK(r["rtl"][1]["user_name"] == "dewi");
  CHECK(json::parse(site.dashboard->skm_report(sari.get({}, {{"semester", "2026-1"}})).body)["rtl"].empty());

  CHECK(site.dashboard->skm_import(sari.post({}, upload(kPaper))).status == 403);
  auto imported = site.dashboard->skm_import(kartini.post({}, upload(kPaper)));
  REQUIRE(imported.status == 200);
  CHECK(json::parse(imported.body)["imported"] == 1);
  auto twice = site.dashboard->skm_import(dewi.post({}, upload(kPaper, "lagi.csv")));
  CHECK(twice.status == 409);
  CHECK(json::parse(twice.body)["error"].get<std::string>().find("sudah pernah diimpor pada ") !=
        std::string::npos);
  auto bad = site.dashboard->skm_import(dewi.post({}, upload(kPaper + "2026-11-03;kia;5;;;;;;;;\r\n")));
  REQUIRE(bad.status == 422);
  auto problems = json::parse(bad.body);
  CHECK(problems["bad_lines"] == 1);
  CHECK(problems["errors"][0]["line"] == 3);
  CHECK(problems["errors"][0]["problems"][0]["text"] ==
        "U1: \"5\" bukan nilai. Isi 1, 2, 3 atau 4, atau kosongkan bila tidak dijawab.");
  r = json::parse(site.dashboard->skm_report(dewi.get({}, kSemester)).body);
  CHECK(r["by_source"]["kertas"] == 1);
  CHECK(r["imports"].size() == 1);
  CHECK(site.dashboard->skm_import(dewi.post({}, {{"content_base64", "***"}})).status == 400);
}

TEST_CASE("no way into another puskesmas' SKM report") {
  Site site;
  two_surveys(site);
  Browser budi = log_in(site, "budi");
  std::map<std::string, std::string> other = {{"semester", "2026-2"}, {"facility", "pkm-a"}};
  CHECK(site.dashboard->skm_report(budi.get({}, other)).status == 403);
  CHECK(site.dashboard->skm_csv(budi.get({}, other)).status == 403);
  for (auto route : {&Dashboard::skm_population, &Dashboard::skm_rtl, &Dashboard::skm_import}) {
    auto request = budi.post({}, population_of(5));
    request.query = {{"facility", "pkm-a"}};
    CHECK(((*site.dashboard).*route)(request).status == 403);
  }
  auto own = json::parse(site.dashboard->skm_report(budi.get({}, kSemester)).body);
  CHECK(own["facility"] == "pkm-b");
  CHECK(own["respondents"] == 0);

  Browser dinkes = log_in(site, "dinkes");
  CHECK(site.dashboard->skm_report(dinkes.get({}, kSemester)).status == 400);  // choose one
  CHECK(site.dashboard->skm_report(dinkes.get({}, {{"semester", "2026-2"}, {"facility", "pkm-x"}})).status == 404);
  auto district = json::parse(site.dashboard->skm_report(dinkes.get({}, other)).body);
  CHECK(district["respondents"] == 2);
  CHECK(district["can_manage"] == true);
  CHECK(district["can_rtl"] == false);
}
