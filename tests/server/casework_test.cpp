// The casework tools of issue 15 (items 7, 8 and 10) through the dashboard
// API, on the engine under test: canned answers per facility (the head
// manages them; no facility sees another's), bulk actions on the register
// (each case done or refused on its own, its history as if done one by
// one) and the register's export as CSV and XLSX (the filters, who sees
// identity, formula injection, the bounds).
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/server/dashboard_site.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
using namespace kotak::test;

namespace {

std::string code_of(const WebResponse& r) { return json::parse(r.body).value("code", std::string()); }

// A site with a head of the other puskesmas (kepala of pkm-b) and a unit's
// account of pkm-a, beside Site's own staff.
struct CaseworkSite {
  Site site;
  Dashboard& d = *site.dashboard;
  Browser sari, dewi, kartini, budi, dinkes, ratna, apotek;

  CaseworkSite() {
    site.storage.add_user({0, "ratna", "Ratna", "pkm-b", staff::Role::kepala, password_hash(), 1, std::nullopt});
    site.storage.add_device({"pkm-b", "kiosk-b"}, "token-hash-b", 1);
    staff::User unit{0, "apotek", "Unit apotek", "pkm-a", staff::Role::unit, password_hash(), 1, std::nullopt};
    unit.unit = "apotek";
    site.storage.add_user(unit);
    sari = log_in(site, "sari");
    dewi = log_in(site, "dewi");
    kartini = log_in(site, "kartini");
    budi = log_in(site, "budi");
    dinkes = log_in(site, "dinkes");
    ratna = log_in(site, "ratna");
    apotek = log_in(site, "apotek");
  }
  WebResponse add(const Browser& who, const json& body) {
    return d.add_canned_answer(who.post({}, body));
  }
  WebResponse change(const Browser& who, std::int64_t id, const std::string& action, const json& body = json::object()) {
    return d.change_canned_answer(who.post({std::to_string(id), action}, body));
  }
  json list(const Browser& who, bool all = false) {
    auto r = d.canned_answers(who.get({}, all ? std::map<std::string, std::string>{{"all", "1"}} : std::map<std::string, std::string>{}));
    REQUIRE(r.status == 200);
    return json::parse(r.body)["answers"];
  }
  WebResponse bulk(const Browser& who, const json& body) { return d.bulk_cases(who.post({}, body)); }
  json read(const Browser& who, std::int64_t id) { return json::parse(d.get_case(who.get({std::to_string(id)})).body); }
  WebResponse exported(const Browser& who, const std::string& format, std::map<std::string, std::string> query = {}) {
    return d.export_cases(who.get({format}, std::move(query)));
  }
};

// The rows of a CSV export (after its BOM), split on lines; enough for
// fields that hold no line break.
std::vector<std::string> csv_lines(const std::string& body) {
  REQUIRE(body.rfind("\xEF\xBB\xBF", 0) == 0);
  std::vector<std::string> out;
  std::size_t at = 3;
  while (at < body.size()) {
    auto end = body.find("\r\n", at);
    out.push_back(body.substr(at, end - at));
    at = end == std::string::npos ? body.size() : end + 2;
  }
  return out;
}


std::size_t count_action(const json& c, const std::string& action) {
  std::size_t n = 0;
  for (const auto& e : c["history"]) n += e["action"] == action;
  return n;
}

}  // namespace

TEST_CASE("canned answers: the head adds, edits, retires and restores them - staff pick the live ones") {
  CaseworkSite w;
  auto added = w.add(w.kartini, {{"title", "Antrean"}, {"text", "Terima kasih, kami menambah loket pada jam sibuk."}});
  REQUIRE(added.status == 201);
  const auto id = json::parse(added.body)["id"].get<std::int64_t>();
  REQUIRE(w.add(w.kartini, {{"title", "Apotek"}, {"text", "Obat yang kosong sudah kami pesan."}}).status == 201);

  auto listed = w.list(w.sari);
  REQUIRE(listed.size() == 2u);
  CHECK(listed[0]["title"] == "Antrean");  // by title
  CHECK(listed[0]["updated_by"] == "kartini");

  w.site.now += 60'000;
  auto edited = w.change(w.kartini, id, "edit", {{"title", "Antrean panjang"}, {"text", "Kami menambah loket."}});
  REQUIRE(edited.status == 200);
  CHECK(json::parse(edited.body)["text"] == "Kami menambah loket.");
  CHECK(json::parse(edited.body)["updated_ms"] == w.site.now);

  REQUIRE(w.change(w.kartini, id, "retire").status == 200);
  CHECK_MESSAGE(w.list(w.dewi).size() == 1u, "(a retired answer is no longer offered)");
  auto all = w.list(w.kartini, true);
  REQUIRE(all.size() == 2u);
  CHECK(all[1]["retired"] == true);
  CHECK_MESSAGE(w.list(w.sari, true).size() == 1u, "(only the head lists the retired ones)");
  REQUIRE(w.change(w.kartini, id, "restore").status == 200);
  CHECK(w.list(w.sari).size() == 2u);
}

TEST_CASE("canned answers: only the head writes them, with a title and a text within bounds") {
  CaseworkSite w;
  const json body = {{"title", "Jam buka"}, {"text", "Loket buka pukul 07.30."}};
  for (auto* who : {&w.sari, &w.dewi}) {
    auto r = w.add(*who, body);
    CHECK(r.status == 403);
    CHECK(code_of(r) == "error.role.canned");
  }
  CHECK(code_of(w.add(w.apotek, body)) == "error.role.unit");
  CHECK(w.add(w.dinkes, body).status == 403);
  auto empty = w.add(w.kartini, {{"title", " "}, {"text", "x"}});
  CHECK(empty.status == 400);
  CHECK(code_of(empty) == "error.field.missing");
  auto long_title = w.add(w.kartini, {{"title", std::string(kMaxCannedTitleChars + 1, 'a')}, {"text", "x"}});
  CHECK(code_of(long_title) == "error.field.too_long");
  // Reading them: who answers cases; never a unit or the district admin.
  CHECK(w.d.canned_answers(w.apotek.get()).status == 403);
  CHECK(w.d.canned_answers(w.dinkes.get()).status == 403);
}

TEST_CASE("canned answers: no puskesmas sees, edits or retires another's") {
  CaseworkSite w;
  auto a = w.add(w.kartini, {{"title", "Rahasia A"}, {"text", "Jawaban puskesmas A"}});
  REQUIRE(a.status == 201);
  const auto id = json::parse(a.body)["id"].get<std::int64_t>();
  REQUIRE(w.add(w.ratna, {{"title", "Jawaban B"}, {"text", "Jawaban puskesmas B"}}).status == 201);

  for (auto* who : {&w.budi, &w.ratna}) {
    auto seen = w.list(*who, true);
    REQUIRE(seen.size() == 1u);
    CHECK(seen[0]["title"] == "Jawaban B");
  }
  for (const char* action : {"edit", "retire", "restore"}) {
    auto r = w.change(w.ratna, id, action, {{"title", "diambil"}, {"text", "diambil"}});
    CHECK_MESSAGE(r.status == 404, "(" << action << " of another puskesmas' answer is not found)");
  }
  auto mine = w.list(w.sari);
  REQUIRE(mine.size() == 1u);
  CHECK(mine[0]["title"] == "Rahasia A");
  CHECK(mine[0]["retired"] == false);
}

TEST_CASE("canned answers: a facility holds a bounded number of live ones") {
  CaseworkSite w;
  Actor head{0, "kartini"};
  for (std::size_t i = 0; i < kMaxCannedAnswers; ++i)
    w.site.storage.add_canned_answer("pkm-a", {"Judul " + std::to_string(i), "Isi"}, head, w.site.now);
  auto refused = w.add(w.kartini, {{"title", "Satu lagi"}, {"text", "Isi"}});
  CHECK(refused.status == 409);
  CHECK(code_of(refused) == "error.canned.too_many");
  CHECK_MESSAGE(w.add(w.ratna, {{"title", "B"}, {"text", "Isi"}}).status == 201, "(the bound is per puskesmas)");
  auto first = w.list(w.kartini).at(0)["id"].get<std::int64_t>();
  REQUIRE(w.change(w.kartini, first, "retire").status == 200);
  CHECK(w.add(w.kartini, {{"title", "Satu lagi"}, {"text", "Isi"}}).status == 201);
  CHECK(code_of(w.change(w.kartini, first, "restore")) == "error.canned.too_many");
}

TEST_CASE("bulk actions: each case done or refused with its reason - the history as if done one by one") {
  CaseworkSite w;
  auto one = w.site.add_kiosk_case("Toilet kotor", w.site.now - 50'000);
  auto two = w.site.add_kiosk_case("Antrean lama", w.site.now - 40'000);
  auto other = test::add_kiosk_case(w.site.storage, {"pkm-b", "kiosk-b"}, "Keluhan puskesmas B", {w.site.now - 30'000, 420},
                                    w.site.now);
  REQUIRE(w.d.change_case(w.sari.post({std::to_string(two), "answer"}, {{"channel", "telepon"}, {"text", "Sudah kami telepon."}})).status == 200);

  auto r = w.bulk(w.sari, {{"action", "read"}, {"ids", {w.site.case_a, one, two, other.id, 999999}}, {"note", "dibaca pagi"}});
  REQUIRE(r.status == 200);
  auto body = json::parse(r.body);
  CHECK(body["done"] == 2);
  CHECK(body["refused"] == 3);
  const auto& results = body["results"];
  REQUIRE(results.size() == 5u);
  CHECK(results[0]["ok"] == true);
  CHECK(results[1]["status"] == "diverifikasi");
  CHECK(results[2]["ok"] == false);
  CHECK(results[2]["code"] == "error.case.transition");
  CHECK(results[2]["error"].get<std::string>().find("Ditanggapi") != std::string::npos);
  CHECK_MESSAGE(results[3]["code"] == "case.not_found", "(another puskesmas' case is refused as unknown)");
  CHECK(results[4]["code"] == "case.not_found");
  CHECK(w.site.storage.find_case("", other.id)->status == reg::Status::baru);

  // The same history line, by the same person, as the status form writes.
  for (auto id : {w.site.case_a, one}) {
    auto c = w.read(w.sari, id);
    CHECK(c["status"] == "diverifikasi");
    REQUIRE(!c["history"].empty());
    const auto& last = c["history"].back();
    CHECK(last["user"] == "sari");
    CHECK(last["detail"].dump().find("dibaca pagi") != std::string::npos);
  }
}

TEST_CASE("bulk actions: assign, forward and close as bukan wewenang") {
  CaseworkSite w;
  auto one = w.site.add_kiosk_case("Dokter terlambat", w.site.now - 50'000);
  auto two = w.site.add_kiosk_case("Obat habis", w.site.now - 40'000);
  const json ids = {one, two};

  auto assigned = json::parse(w.bulk(w.kartini, {{"action", "assign"}, {"ids", ids}, {"to", "dewi"}}).body);
  CHECK(assigned["done"] == 2);
  CHECK(w.read(w.sari, one)["owner_name"] == "dewi");
  CHECK(count_action(w.read(w.sari, two), "owner") == 1u);
  auto to_unit = json::parse(w.bulk(w.kartini, {{"action", "assign"}, {"ids", ids}, {"to", "apotek"}}).body);
  CHECK(to_unit["done"] == 0);
  CHECK(to_unit["results"][0]["code"] == "error.case.owner_role");

  auto forwarded = json::parse(w.bulk(w.sari, {{"action", "forward"}, {"ids", ids}, {"unit", "apotek"}, {"note", "cek stok"}}).body);
  CHECK(forwarded["done"] == 2);
  CHECK(w.read(w.sari, one)["forwarded_unit"] == "apotek");
  auto unknown_unit = w.bulk(w.sari, {{"action", "forward"}, {"ids", ids}, {"unit", "radiologi"}});
  CHECK(unknown_unit.status == 400);
  CHECK(code_of(unknown_unit) == "error.field.unknown_unit");

  // diteruskan → bukan wewenang is not a move the rules allow: refused per case.
  auto closed = json::parse(w.bulk(w.sari, {{"action", "close"}, {"ids", {w.site.case_a, one}}}).body);
  CHECK(closed["done"] == 1);
  CHECK(w.read(w.sari, w.site.case_a)["status"] == "bukan_wewenang");
  CHECK(closed["results"][1]["code"] == "error.case.transition");
}

TEST_CASE("bulk actions: who may, how many at once, and a retry does nothing twice") {
  CaseworkSite w;
  const json ids = {w.site.case_a};
  CHECK(code_of(w.bulk(w.dinkes, {{"action", "read"}, {"ids", ids}})) == "error.role.change");
  CHECK(code_of(w.bulk(w.apotek, {{"action", "read"}, {"ids", ids}})) == "error.role.unit");
  CHECK(code_of(w.bulk(w.sari, {{"action", "delete"}, {"ids", ids}})) == "error.no_action");
  CHECK(code_of(w.bulk(w.sari, {{"action", "read"}, {"ids", json::array()}})) == "error.bulk.count");
  json many = json::array();
  for (int i = 1; i <= 201; ++i) many.push_back(i);
  auto too_many = w.bulk(w.sari, {{"action", "read"}, {"ids", many}});
  CHECK(too_many.status == 400);
  CHECK(code_of(too_many) == "error.bulk.count");
  CHECK(w.bulk(w.sari, {{"action", "read"}, {"ids", {"1"}}}).status == 400);

  // The page sends the action again after a lost answer: nothing is done twice.
  const json again = {{"action", "assign"}, {"ids", ids}, {"to", "sari"}, {"request_id", "bulk-retry-0001"}};
  REQUIRE(json::parse(w.bulk(w.sari, again).body)["done"] == 1);
  REQUIRE(json::parse(w.bulk(w.sari, again).body)["done"] == 1);
  CHECK(count_action(w.read(w.sari, w.site.case_a), "owner") == 1u);
}

TEST_CASE("export: the register's filters as CSV with Indonesian headers and formulas made harmless") {
  CaseworkSite w;
  w.site.add_kiosk_case("=HYPERLINK(\"http://x\";\"klik\")", w.site.now - 50'000);
  w.site.add_kiosk_case("@SUM(A1) dan +1 -2", w.site.now - 40'000);
  auto r = w.exported(w.sari, "csv");
  REQUIRE(r.status == 200);
  CHECK(r.content_type.rfind("text/csv", 0) == 0);
  CHECK(header(r, "Content-Disposition").find("register-pkm-a.csv") != std::string::npos);
  auto lines = csv_lines(r.body);
  REQUIRE(lines.size() == 4u);
  CHECK(lines[0].rfind("Nomor register;Diterima;Saluran;Unit;Jenis;Mendesak", 0) == 0);
  CHECK_MESSAGE(lines[0].find("Nama") == std::string::npos, "(no identity columns unless asked for)");
  CHECK(r.body.find(";\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\";") != std::string::npos);
  CHECK(r.body.find(";'@SUM(A1) dan +1 -2;") != std::string::npos);
  CHECK(r.body.find("Kiosk Kotak") != std::string::npos);
  CHECK(r.body.find("Ibu Sari") == std::string::npos);

  // The filters of the list: a search narrows the file too.
  auto searched = w.exported(w.sari, "csv", {{"q", "HYPERLINK"}});
  CHECK(csv_lines(searched.body).size() == 2u);
  auto english = w.exported(w.sari, "csv", {{"lang", "en"}, {"sep", "comma"}});
  CHECK(csv_lines(english.body)[0].rfind("Register number,Received,", 0) == 0);
}

TEST_CASE("export: identity columns only for roles that may see identity, each look on record") {
  CaseworkSite w;
  const auto secret = w.site.add_rahasia_case("Petugas loket meminta uang tambahan");
  CHECK(code_of(w.exported(w.dewi, "csv", {{"identity", "1"}, {"reason", "rekap"}})) == "error.role.identity");
  CHECK(code_of(w.exported(w.sari, "csv", {{"identity", "1"}})) == "error.export.reason");

  auto r = w.exported(w.sari, "csv", {{"identity", "1"}, {"reason", "surat balasan"}});
  REQUIRE(r.status == 200);
  auto lines = csv_lines(r.body);
  REQUIRE(lines.size() == 3u);
  CHECK(lines[0].find(";Nama;Telepon;Alamat") != std::string::npos);
  CHECK(r.body.find("Ibu Sari;0812 3456;Jl. Melati") != std::string::npos);
  CHECK_MESSAGE(r.body.find("Joko") == std::string::npos, "(a rahasia case's identity is never exported)");
  auto views = w.site.storage.identity_views("pkm-a", 10);
  REQUIRE(views.size() == 1u);
  CHECK(views[0].case_id == w.site.case_a);
  CHECK(views[0].reason == "surat balasan");
  CHECK(views[0].user == "sari");
  CHECK(count_action(w.read(w.sari, secret), "identity_viewed") == 0u);

  // The district reads no rahasia text; a unit reads no register at all.
  auto district = w.exported(w.dinkes, "csv", {{"facility", "pkm-a"}});
  REQUIRE(district.status == 200);
  CHECK(district.body.find("uang tambahan") == std::string::npos);
  CHECK(district.body.find("Rahasia: isi hanya dibaca puskesmas") != std::string::npos);
  CHECK(w.exported(w.dinkes, "csv", {{"identity", "1"}, {"reason", "x"}}).status == 403);
  CHECK(code_of(w.exported(w.apotek, "csv")) == "error.role.unit");
  // Another puskesmas' officer exports their own register only.
  auto other = w.exported(w.budi, "csv");
  REQUIRE(other.status == 200);
  CHECK(csv_lines(other.body).size() == 1u);
  CHECK(w.exported(w.budi, "csv", {{"facility", "pkm-a"}}).status == 403);
}

#if KOTAK_XLSX
TEST_CASE("export: XLSX holds the same rows, every text a string cell and never a formula") {
  CaseworkSite w;
  w.site.add_kiosk_case("=1+1 dan -cmd|' /C calc'!A0", w.site.now - 50'000);
  auto r = w.exported(w.kartini, "xlsx");
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  REQUIRE(r.body.rfind("PK", 0) == 0);
  // Read the sheet back with unzip (Debian's unzip, as a person's
  // spreadsheet program would open it).
  TempDir dir;
  auto path = dir.path() / "register.xlsx";
  std::ofstream(path, std::ios::binary) << r.body;
  std::string sheet;
  {
    auto* pipe = ::popen(("unzip -p '" + path.string() + "' xl/worksheets/sheet1.xml").c_str(), "r");
    REQUIRE(pipe != nullptr);
    char chunk[4096];
    for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, pipe)) > 0;) sheet.append(chunk, n);
    ::pclose(pipe);
  }
  REQUIRE(!sheet.empty());
  CHECK(sheet.find("Nomor register") != std::string::npos);
  CHECK(sheet.find("=1+1 dan -cmd|") != std::string::npos);
  CHECK_MESSAGE(sheet.find("<f>") == std::string::npos, "(no formula cell)");
  CHECK(sheet.find("Ibu Sari") == std::string::npos);
}
#endif

TEST_CASE("export: a register too big for one file is refused with what to do") {
  CaseworkSite w;
  for (int i = 0; i < 3; ++i) w.site.add_kiosk_case("Keluhan " + std::to_string(i), w.site.now - 50'000 + i);
  w.d.max_export_cases = 3;
  auto refused = w.exported(w.sari, "csv");
  CHECK(refused.status == 413);
  CHECK(code_of(refused) == "error.export.too_many");
  CHECK(json::parse(refused.body)["error"].get<std::string>().find("Persempit filter") != std::string::npos);
  // Narrowed by a filter, the same register fits.
  auto fine = w.exported(w.sari, "csv", {{"q", "Keluhan"}});
  REQUIRE(fine.status == 200);
  CHECK(csv_lines(fine.body).size() == 4u);
}
