// The SKM report as the document a puskesmas sends to its Dinas (issue 16,
// points 2, 3 and 6): the letterhead with a logo checked by its content,
// the report's number, method and days, the signatories, the analysis of
// all nine unsur linked to the period's complaints without identity, the
// RTL as rows with what became of the previous semester's plan, and the
// import that counts a file once by its content and can be undone.
#include <doctest/doctest.h>

#include "server/skm/import.hpp"
#include "tests/server/skm_site.hpp"

using namespace kotak;
using namespace kotak::server;
using namespace kotak::test;
using nlohmann::json;

namespace {

// A real 1×1 PNG.
const std::string kPng =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

json letterhead() {
  return {{"government", "PEMERINTAH KABUPATEN KLATEN\nDINAS KESEHATAN"},
          {"name", "UPT PUSKESMAS KLATEN TENGAH"},
          {"address", "Jl. Pemuda No. 1, Klaten"},
          {"contact", "Telp. (0272) 321000"},
          {"place", "Klaten"},
          {"head_name", "dr. Ratna Sari"},
          {"head_nip", "197801012006042001"},
          {"mutu_name", "Dewi Lestari, S.Kep"},
          {"mutu_nip", "198502022010012002"},
          {"logo_base64", kPng}};
}

std::string error_of(const WebResponse& response) {
  return json::parse(response.body).value("error", std::string());
}

void complaint(Site& site, const std::string& text, core::IdentityMode mode, const std::string& phone = "") {
  auto s = sample_written(text);
  s.facility_id = "pkm-a";
  s.created_at = {site.now - 3600000, 420};
  s.identity_mode = mode;
  s.identity.phone = phone;
  if (!phone.empty()) s.identity.name = "Bapak Slamet";
  std::vector<IngestItem> items{{s, core::wire::content_hash(s)}};
  site.storage.ingest({"pkm-a", "kiosk-1"}, items, IngestSource::network, site.now);
}

}  // namespace

TEST_CASE("the letterhead: its fields, a logo checked by content and size, and who sets it") {
  Site site;
  Browser sari = log_in(site, "sari"), dewi = log_in(site, "dewi");
  CHECK(site.dashboard->skm_letterhead(sari.post({}, letterhead())).status == 403);
  // A text file named like a picture is not a logo; neither is a huge one.
  auto fake = letterhead();
  fake["logo_base64"] = base64("GIF89a but really a text file, not a PNG at all................");
  auto refused = site.dashboard->skm_letterhead(dewi.post({}, fake));
  CHECK(refused.status == 400);
  CHECK(error_of(refused).find("PNG atau JPEG") != std::string::npos);
  fake["logo_base64"] = base64(std::string(300 * 1024, 'x'));
  CHECK(error_of(site.dashboard->skm_letterhead(dewi.post({}, fake))).find("200 KB") != std::string::npos);
  auto control = letterhead();
  control["name"] = "PUSKESMAS\tKLATEN";  // one line, no tabs
  CHECK(site.dashboard->skm_letterhead(dewi.post({}, control)).status == 400);
  CHECK_FALSE(site.storage.letterhead("pkm-a"));

  REQUIRE(site.dashboard->skm_letterhead(dewi.post({}, letterhead())).status == 200);
  auto r = json::parse(site.dashboard->skm_report(sari.get({}, kSemester)).body);
  CHECK(r["letterhead"]["name"] == "UPT PUSKESMAS KLATEN TENGAH");
  CHECK(r["letterhead"]["head_nip"] == "197801012006042001");
  CHECK(r["letterhead"]["logo"] == "data:image/png;base64," + kPng);
  // Leaving the logo out keeps it; null removes it.
  auto renamed = letterhead();
  renamed.erase("logo_base64");
  renamed["place"] = "Klaten Tengah";
  REQUIRE(site.dashboard->skm_letterhead(dewi.post({}, renamed)).status == 200);
  CHECK(site.storage.letterhead("pkm-a")->logo_type == "image/png");
  CHECK(site.storage.letterhead("pkm-a")->place == "Klaten Tengah");
  renamed["logo_base64"] = nullptr;
  REQUIRE(site.dashboard->skm_letterhead(dewi.post({}, renamed)).status == 200);
  CHECK(json::parse(site.dashboard->skm_report(sari.get({}, kSemester)).body)["letterhead"]["logo"].is_null());
}

TEST_CASE("report number, survey method, fieldwork and signing day, and the signatories in the CSV") {
  Site site;
  two_surveys(site);
  Browser sari = log_in(site, "sari"), dewi = log_in(site, "dewi");
  REQUIRE(site.dashboard->skm_letterhead(dewi.post({}, letterhead())).status == 200);
  json details{{"from", "2026-07-01"}, {"to", "2026-12-31"}, {"unit", ""},
               {"number", "445/123/PKM-KT/XII/2026"}, {"method", "Kuesioner di kios dan kertas"},
               {"fieldwork_from", "2026-10-01"}, {"fieldwork_to", "2026-11-30"}, {"signed_day", "2026-12-05"}};
  CHECK(site.dashboard->skm_details(sari.post({}, details)).status == 403);
  auto backwards = details;
  backwards["fieldwork_to"] = "2026-09-01";
  CHECK(site.dashboard->skm_details(dewi.post({}, backwards)).status == 400);
  backwards["fieldwork_to"] = "2026-11-31";
  CHECK(site.dashboard->skm_details(dewi.post({}, backwards)).status == 400);
  REQUIRE(site.dashboard->skm_details(dewi.post({}, details)).status == 200);

  auto r = json::parse(site.dashboard->skm_report(sari.get({}, kSemester)).body);
  CHECK(r["details"]["number"] == "445/123/PKM-KT/XII/2026");
  CHECK(r["details"]["fieldwork_from"] == "2026-10-01");
  CHECK(r["details"]["signed_day"] == "2026-12-05");
  // The days the answers were given, beside the days the team states.
  CHECK(r["fieldwork"]["from"] == "2026-11-23");
  // Details are the report's: another unit's report has none.
  CHECK(json::parse(site.dashboard->skm_report(sari.get({}, {{"semester", "2026-2"}, {"unit", "kia"}})).body)["details"].is_null());

  auto csv = site.dashboard->skm_csv(sari.get({}, kSemester)).body;
  CHECK(csv.find("UPT PUSKESMAS KLATEN TENGAH") != std::string::npos);
  CHECK(csv.find("445/123/PKM-KT/XII/2026") != std::string::npos);
  CHECK(csv.find("Kuesioner di kios dan kertas") != std::string::npos);
  CHECK(csv.find("Tempat, tanggal;Klaten;2026-12-05\r\n") != std::string::npos);
  CHECK(csv.find("Ketua Tim Mutu;Dewi Lestari, S.Kep;NIP 198502022010012002\r\n") != std::string::npos);
  CHECK(csv.find("Mengetahui, Kepala Puskesmas;dr. Ratna Sari;NIP 197801012006042001\r\n") != std::string::npos);
}

TEST_CASE("the analysis ranks all nine unsur and quotes complaints about the weakest without identity") {
  Site site;
  two_surveys(site);  // NRR U3 3, U9 3, U1 3.5, ... U4 4, U7 4, U8 4
  complaint(site, "Antri lama sekali di loket obat, hubungi saya 081234567890.", core::IdentityMode::named,
            "081234567890");
  complaint(site, "Menunggu dokter lama, dokter Budi datang terlambat.", core::IdentityMode::rahasia, "08111111111");
  complaint(site, "Toiletnya kotor.", core::IdentityMode::anonim);
  Browser sari = log_in(site, "sari");
  auto r = json::parse(site.dashboard->skm_report(sari.get({}, kSemester)).body);
  const auto& a = r["analysis"];
  REQUIRE(a["ranking"].size() == 9);
  // Lowest NRR first, the regulation's order on ties: U3 and U9 (3), then
  // U1, U2, U5, U6 (3.5), then U4, U7, U8 (4).
  CHECK(a["ranking"] == json::array({"U3", "U9", "U1", "U2", "U5", "U6", "U4", "U7", "U8"}));
  CHECK(a["cases"] >= 3);
  CHECK(a["rahasia"] == 1);
  CHECK(a["mentions"]["U3"] >= 1);  // "antri", "lama" (the rahasia case is counted, never read)
  CHECK(a["mentions"]["U9"] >= 1);  // "toilet", "kotor"
  REQUIRE(a["examples"].size() >= 1);
  const auto all = a.dump();
  CHECK(all.find("Antri lama sekali") != std::string::npos);
  CHECK(all.find("081234567890") == std::string::npos);  // blanked in the text, never read as contact
  CHECK(all.find("Bapak Slamet") == std::string::npos);
  CHECK(all.find("dokter Budi") == std::string::npos);   // rahasia text
  auto csv = site.dashboard->skm_csv(sari.get({}, kSemester)).body;
  CHECK(csv.find("081234567890") == std::string::npos);
  CHECK(csv.find("dokter Budi") == std::string::npos);
  CHECK(csv.find("Contoh keluhan tentang unsur terlemah U3") != std::string::npos);
}

TEST_CASE("the RTL as rows, and the next report says what became of the previous semester's plan") {
  Site site;
  Browser sari = log_in(site, "sari"), dewi = log_in(site, "dewi");
  json plan{{"from", "2026-01-01"}, {"to", "2026-06-30"}, {"unit", ""},
            {"rows", json::array({{{"element", "U3"}, {"activity", "Tambah loket pendaftaran pagi"},
                                   {"time_frame", "Juli–September 2026"}, {"person", "Kepala TU"}},
                                  {{"element", "U9"}, {"activity", "Perbaiki toilet ruang tunggu"},
                                   {"time_frame", "Agustus 2026"}, {"person", "Bendahara barang"}},
                                  {{"element", ""}, {"activity", ""}, {"time_frame", ""}, {"person", ""}}})}};
  auto bad = plan;
  bad["rows"][0]["element"] = "U0";
  CHECK(site.dashboard->skm_rtl(dewi.post({}, bad)).status == 400);
  bad = plan;
  bad["rows"][0]["status"] = "hampir";
  CHECK(site.dashboard->skm_rtl(dewi.post({}, bad)).status == 400);
  REQUIRE(site.dashboard->skm_rtl(dewi.post({}, plan)).status == 200);
  auto first = json::parse(site.dashboard->skm_report(sari.get({}, {{"semester", "2026-1"}})).body);
  REQUIRE(first["rtl"][0]["rows"].size() == 2);  // the blank line is not a row
  CHECK(first["rtl"][0]["rows"][1]["person"] == "Bendahara barang");

  // Half a year on, the team says what was done.
  plan["rows"][0]["status"] = "selesai";
  plan["rows"][0]["note"] = "Loket kedua buka 07.00 sejak Agustus";
  plan["rows"][1]["status"] = "berjalan";
  site.now += 60000;
  REQUIRE(site.dashboard->skm_rtl(dewi.post({}, plan)).status == 200);
  auto next = json::parse(site.dashboard->skm_report(sari.get({}, kSemester)).body);
  REQUIRE(next["previous"].is_object());
  CHECK(next["previous"]["from"] == "2026-01-01");
  REQUIRE(next["previous"]["rtl"]["rows"].size() == 2);
  CHECK(next["previous"]["rtl"]["rows"][0]["status"] == "selesai");
  CHECK(next["previous"]["rtl"]["rows"][1]["status"] == "berjalan");
  auto csv = site.dashboard->skm_csv(sari.get({}, kSemester)).body;
  CHECK(csv.find("U3 Waktu penyelesaian;Tambah loket pendaftaran pagi;Juli–September 2026;Kepala TU;Selesai;"
                 "Loket kedua buka 07.00 sejak Agustus\r\n") != std::string::npos);
  CHECK(csv.find(";Sedang berjalan;") != std::string::npos);
}

TEST_CASE("a file counts once by its content, overlap is warned, and the role that imported undoes") {
  Site site;
  Browser dewi = log_in(site, "dewi"), kartini = log_in(site, "kartini"), dinkes = log_in(site, "dinkes");
  std::string rows;
  for (int i = 1; i <= 6; ++i)
    rows += "2026-11-0" + std::to_string(i) + ";poli-umum;3;3;3;3;3;3;3;3;" + std::to_string(i % 4 + 1) + "\n";
  const std::string head = "tanggal;unit;U1;U2;U3;U4;U5;U6;U7;U8;U9\n";
  auto first = site.dashboard->skm_import(dewi.post({}, upload(head + rows, "maret.csv")));
  REQUIRE(first.status == 200);
  const auto id = json::parse(first.body)["import_id"].get<std::int64_t>();

  // The same answers with CRLF, with a BOM and trailing spaces: the same file.
  std::string crlf = head + rows;
  for (std::size_t at = crlf.find('\n'); at != std::string::npos; at = crlf.find('\n', at + 2)) crlf.insert(at, "\r");
  std::string bom = "\xEF\xBB\xBF" + head;
  for (std::size_t at = 0; at < rows.size();) {
    auto end = rows.find('\n', at);
    bom += rows.substr(at, end - at) + "  \n";
    at = end + 1;
  }
  for (const auto& again : {crlf, bom}) {
    auto refused = site.dashboard->skm_import(kartini.post({}, upload(again, "lagi.csv")));
    CHECK(refused.status == 409);
    // When, in the server's local time, which file, how many, by whom.
    CHECK(error_of(refused).find("sudah pernah diimpor pada " + skm::local_minute(kNow) +
                                 " (maret.csv, 6 jawaban, oleh dewi)") != std::string::npos);
  }
  CHECK(json::parse(site.dashboard->skm_report(dewi.get({}, kSemester)).body)["respondents"] == 6);

  // Five of six rows again with one new: stored, with a warning naming the earlier file.
  auto overlap = site.dashboard->skm_import(
      dewi.post({}, upload(head + rows.substr(0, rows.rfind("2026-11-06")) + "2026-11-07;kia;4;4;4;4;4;4;4;4;4\n", "april.csv")));
  REQUIRE(overlap.status == 200);
  auto warned = json::parse(overlap.body);
  CHECK(warned["overlapping"] == 5);
  CHECK(warned["warning"].get<std::string>().find("5 dari 6 jawaban") != std::string::npos);
  CHECK(warned["warning"].get<std::string>().find("maret.csv") != std::string::npos);

  // The head did not import it; the district admin neither: refused.
  auto undo = [&](const Browser& who, std::int64_t import_id) {
    auto request = who.post({}, json{{"id", import_id}});
    if (&who == &dinkes) request.query = {{"facility", "pkm-a"}};
    return site.dashboard->skm_import_undo(request);
  };
  auto not_theirs = undo(kartini, id);
  CHECK(not_theirs.status == 403);
  CHECK(error_of(not_theirs).find("(mutu)") != std::string::npos);
  CHECK(undo(dinkes, id).status == 403);
  CHECK(undo(dewi, 999).status == 404);
  site.now += 60000;
  REQUIRE(undo(dewi, id).status == 200);
  CHECK(undo(dewi, id).status == 409);  // undone already
  auto r = json::parse(site.dashboard->skm_report(dewi.get({}, kSemester)).body);
  CHECK(r["respondents"] == 6);  // april.csv only
  // The history keeps it, with who undid it.
  REQUIRE(r["imports"].size() == 2);
  CHECK(r["imports"][1]["file_name"] == "maret.csv");
  CHECK(r["imports"][1]["undone_user_name"] == "dewi");
  CHECK(r["imports"][1]["undone_ms"] == site.now);
  // And the same content may now come again.
  CHECK(site.dashboard->skm_import(dewi.post({}, upload(crlf, "maret-lagi.csv"))).status == 200);
}
