// Importing SKM responses from CSV: a good file, Indonesian Excel's ";" with
// a byte order mark, quoted fields, every bad line reported with its number,
// all or nothing, and the same file refused the second time.
#include <doctest/doctest.h>

#include "server/reports/skm_report.hpp"
#include "server/skm/csv_reader.hpp"
#include "server/skm/import.hpp"
#include "server/skm/import_fields.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using namespace kotak::server;

namespace {

const std::int64_t kToday = core::days_from_civil(2026, 11, 23);

skm::ImportOptions options() {
  skm::ImportOptions o;
  o.today = kToday;
  o.units = {{"poli-umum", {{"id", "Poli Umum"}, {"en", "General clinic"}}},
             {"kia", {{"id", "KIA / KB"}}}};
  return o;
}

const std::string kGood =
    "tanggal,unit,sumber,U1,U2,U3,U4,U5,U6,U7,U8,U9,jenis_kelamin,umur,pendidikan,pekerjaan\n"
    "2026-03-02,poli-umum,kertas,4,3,3,4,3,3,4,2,3,P,34,SMA,Swasta\n"
    "2026-03-02,Poli Umum,web,3,3,2,4,3,4,4,,3,L,60+,S1,PNS\n"
    "15/03/2026,kia,,3,2,2,3,3,3,3,,2,,,,\n";

std::string codes(const skm::ImportLineError& error) {
  std::string out;
  for (const auto& p : error.problems) out += (out.empty() ? "" : " ") + p.code;
  return out;
}

const core::Catalog& web_catalog() {
  static const auto catalog =
      core::Catalog::load(std::string(KOTAK_SOURCE_DIR) + "/assets/i18n/web/id.json");
  return catalog;
}

}  // namespace

TEST_CASE("a good CSV file becomes checked rows") {
  auto parsed = skm::parse_skm_csv(kGood, options());
  REQUIRE(parsed.errors.empty());
  REQUIRE(parsed.rows.size() == 3);
  const auto& a = parsed.rows[0];
  CHECK(a.line == 2);
  CHECK(a.day == core::days_from_civil(2026, 3, 2));
  CHECK(a.unit == "poli-umum");
  CHECK(a.source == SkmSource::kertas);
  CHECK(a.response.scores == std::array<int, 9>{4, 3, 3, 4, 3, 3, 4, 2, 3});
  CHECK(a.response.profile == core::SkmProfile{"P", "30-39", "SMA", "Swasta", "poli-umum"});
  CHECK(parsed.rows[1].unit == "poli-umum");  // by its label
  CHECK(parsed.rows[1].source == SkmSource::web);
  CHECK(parsed.rows[1].response.scores[7] == 0);  // U8 skipped
  CHECK(parsed.rows[1].response.profile.age_group == "60+");
  CHECK(parsed.rows[2].day == core::days_from_civil(2026, 3, 15));
  CHECK(parsed.rows[2].source == SkmSource::kertas);  // the file's default
  CHECK(parsed.rows[2].response.profile == core::SkmProfile{"", "", "", "", "kia"});
}

TEST_CASE("Indonesian Excel - semicolons with a byte order mark, CRLF, quotes and extra columns") {
  std::string file =
      "\xEF\xBB\xBFNo;Tanggal;Unit;U1;U2;U3;U4;U5;U6;U7;U8;U9;Pekerjaan;Catatan\r\n"
      "1;02/03/2026;kia;4;4;4;4;4;4;4;4;4;wirausaha;\"Pelayanan \"\"cepat\"\"; ramah\"\r\n"
      ";;;;;;;;;;;;;\r\n"
      "2;03/03/2026;kia;1;2;3;4;1;2;3;4;1;;\"dua\r\nbaris\"\r\n"
      "3;04/03/2026;kia;2;2;2;2;2;2;2;2;2;;\r\n";
  auto opts = options();
  opts.default_source = SkmSource::web;
  auto parsed = skm::parse_skm_csv(file, opts);
  INFO(parsed.errors.size());
  REQUIRE(parsed.errors.empty());
  REQUIRE(parsed.rows.size() == 3);
  CHECK(parsed.rows[0].response.profile.occupation == "Wirausaha");
  CHECK(parsed.rows[0].source == SkmSource::web);
  CHECK(parsed.rows[1].line == 4);  // the blank line 3 is skipped
  CHECK(parsed.rows[2].line == 6);  // line 4's quoted field runs on to line 5
  CHECK(parsed.ignored_columns == std::vector<std::string>{"No", "Catatan"});

  auto table = skm::read_csv(file);
  CHECK(table.separator == ';');
  CHECK(table.records[1].fields.back() == "Pelayanan \"cepat\"; ramah");
}

TEST_CASE("every bad line is reported with its number and nothing is kept") {
  std::string file =
      "tanggal,unit,sumber,U1,U2,U3,U4,U5,U6,U7,U8,U9,jenis_kelamin,umur,pendidikan\n"
      "2026-03-02,poli-umum,kertas,4,3,3,4,3,3,4,2,3,P,34,SMA\n"       // 2: good
      "2026-02-30,poli-umum,kertas,5,3,3,4,3,3,4,2,x,P,34,SMA\n"       // 3: date, U1, U9
      "2026-03-02,gudang,pos,4,3,3,4,3,3,4,2,3,W,200,Kursus\n"           // 4: unit, source, sex, age, education
      "2026-03-02,kia,kertas,,,,,,,,,,,,\n"                           // 5: no answer
      "2026-12-01,kia,kertas,4,3,3,4,3,3,4,2,3,P,34,SMA\n"             // 6: in the future
      "2026-03-02,kia,kertas,4,3,3\n";                                 // 7: too few fields
  auto parsed = skm::parse_skm_csv(file, options());
  CHECK(parsed.rows.empty());
  REQUIRE(parsed.errors.size() == 5);
  CHECK(parsed.errors[0].line == 3);
  CHECK(codes(parsed.errors[0]) == "date score score");
  CHECK(parsed.errors[0].problems[1].column == "U1");
  CHECK(parsed.errors[0].problems[1].value == "5");
  CHECK(parsed.errors[1].line == 4);
  CHECK(codes(parsed.errors[1]) == "unit source sex age education");
  CHECK(parsed.errors[1].problems[0].limit == "poli-umum, kia");
  CHECK(parsed.errors[2].line == 5);
  CHECK(codes(parsed.errors[2]) == "no_answer");
  CHECK(parsed.errors[3].line == 6);
  CHECK(codes(parsed.errors[3]) == "date_future");
  CHECK(parsed.errors[4].line == 7);
  CHECK(codes(parsed.errors[4]).rfind("field_count", 0) == 0);
  // In words from the catalog, saying what to do.
  CHECK(skm::describe(parsed.errors[0].problems[1], web_catalog()) ==
        "U1: \"5\" bukan nilai. Isi 1, 2, 3 atau 4, atau kosongkan bila tidak dijawab.");
  CHECK(skm::describe(parsed.errors[1].problems[0], web_catalog()).find("poli-umum, kia") !=
        std::string::npos);
}

TEST_CASE("problems of the whole file") {
  auto one = [](std::string_view file) {
    auto parsed = skm::parse_skm_csv(file, options());
    REQUIRE(parsed.errors.size() == 1u);
    REQUIRE(!parsed.errors[0].problems.empty());
    return std::pair{parsed.errors[0].line, parsed.errors[0].problems[0]};
  };
  CHECK(one("").second.code == "empty");
  CHECK(one("tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9\n").second.code == "empty");
  auto [line, missing] = one("tanggal,U1,U2,U3,U4,U5,U6,U7,U8\n2026-03-02,1,1,1,1,1,1,1,1\n");
  CHECK(line == 1);
  CHECK(missing.code == "missing_column");
  CHECK(missing.column == "U9");
  CHECK(one("tanggal,U1,U1,U2,U3,U4,U5,U6,U7,U8,U9\n2026-03-02,1,1,1,1,1,1,1,1,1,1\n").second.code ==
        "duplicate_column");
  CHECK(one("tanggal,U1\n\"2026-03-02,1\n").second.code == "quote");
  CHECK(one("tanggal,U1\n2026-03-02,\xC3\x28\n").second.code == "encoding");
  CHECK(one(std::string(skm::kMaxImportBytes + 1, 'x')).second.code == "too_large");
  std::string many = "tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9\n";
  for (std::size_t i = 0; i <= skm::kMaxImportRows; ++i) many += "2026-03-02,1,1,1,1,1,1,1,1,1\n";
  CHECK(one(many).second.code == "too_many_rows");
}

TEST_CASE("an import is stored whole, counted like kiosk answers, and refused the second time") {
  test::TempDir dir;
  test::TestStorage store(dir.path());
  Storage& storage = *store;
  storage.add_facility({"pkm-test", "Puskesmas Uji", 1});
  storage.add_facility({"pkm-lain", "Puskesmas Lain", 1});
  Actor dewi{2, "Dewi Lestari"};
  auto first = skm::import_skm_csv(storage, "pkm-test", "kertas-maret.csv", kGood, options(), dewi, "mutu", 100);
  REQUIRE(first.errors.empty());
  REQUIRE(first.import_id);
  CHECK(first.responses == 3);
  auto report = reports::read_skm_report(storage, "pkm-test", "", reports::semester(2026, 1));
  CHECK(report.ikm.respondents == 3);
  CHECK(report.by_source == std::array<std::int64_t, 4>{0, 2, 1, 0});
  // U8: 2 of one respondent only → NRR 2.
  CHECK(*report.ikm.elements[7].nrr == doctest::Approx(2.0));

  auto again = skm::import_skm_csv(storage, "pkm-test", "lagi.csv", kGood, options(), dewi, "mutu", 200);
  CHECK_FALSE(again.import_id);
  REQUIRE(again.previous);
  CHECK(again.previous->file_name == "kertas-maret.csv");
  CHECK(again.previous->user_name == "Dewi Lestari");
  CHECK(again.previous->responses == 3);
  CHECK(reports::read_skm_report(storage, "pkm-test", "", reports::semester(2026, 1)).ikm.respondents == 3);
  // Another puskesmas may import the same file for itself.
  CHECK(skm::import_skm_csv(storage, "pkm-lain", "x.csv", kGood, options(), dewi, "mutu", 300).import_id);

  // A file with one bad line among good ones stores nothing.
  std::string mixed = kGood + "2026-03-04,kia,kertas,9,3,3,4,3,3,4,2,3,P,34,SMA,Swasta\n";
  auto refused = skm::import_skm_csv(storage, "pkm-test", "campur.csv", mixed, options(), dewi, "mutu", 400);
  CHECK_FALSE(refused.import_id);
  REQUIRE(refused.errors.size() == 1);
  CHECK(refused.errors[0].line == 5);
  CHECK(storage.skm_imports("pkm-test", 10).size() == 1);
  CHECK(reports::read_skm_report(storage, "pkm-test", "", reports::semester(2026, 1)).ikm.respondents == 3);
}

TEST_CASE("every problem code has words in both catalogs") {
  for (const char* language : {"id", "en"}) {
    auto catalog =
        core::Catalog::load(std::string(KOTAK_SOURCE_DIR) + "/assets/i18n/web/" + language + ".json");
    for (const char* code : {"too_large", "too_many_rows", "encoding", "quote", "empty", "missing_column",
                             "duplicate_column", "field_count", "date", "date_future", "score", "no_answer",
                             "source", "unit", "sex", "age", "education", "occupation"})
      CHECK_MESSAGE(catalog.contains(std::string("skm.import.problem.") + code), code);
    for (const char* key : {"skm.import.duplicate", "skm.import.refused", "skm.import.done",
                            "skm.import.ignored", "skm.import.line"})
      CHECK(catalog.contains(key));
  }
}

TEST_CASE("names kept in the list of imports are plain one-line UTF-8 - anything else gets a stand-in") {
  CHECK(skm::plain_name("skm-kertas-juli.csv", "berkas.csv") == "skm-kertas-juli.csv");
  CHECK(skm::plain_name("Survei \xC3\xA9t\xC3\xA9.csv", "berkas.csv") == "Survei \xC3\xA9t\xC3\xA9.csv");
  CHECK(skm::plain_name("survei \xE9t\xE9.csv", "berkas.csv") == "berkas.csv");  // cp1252 from a USB stick
  CHECK(skm::plain_name("a.csv\nkotak-server: forged", "berkas.csv") == "berkas.csv");
  CHECK(skm::plain_name("", "berkas.csv") == "berkas.csv");
  CHECK(skm::plain_name(std::string(201, 'a'), "?") == "?");
}

TEST_CASE("profile answers as puskesmas write them map to the report's categories") {
  // Education: below primary school in the SD row, SLTP/SLTA as SMP/SMA,
  // D1 and D2 in the D3 row, D4 with S1 (docs/skm.md lists them all).
  const std::pair<const char*, const char*> education[] = {
      {"Tidak sekolah", "SD"}, {"SD/MI", "SD"}, {"SLTP", "SMP"}, {"SLTA", "SMA"}, {"SMK", "SMA"},
      {"D1", "D3"},            {"D2", "D3"},    {"D III", "D3"}, {"D4", "S1"},    {"Sarjana", "S1"},
      {"s2", "S2"}};
  for (auto [written, category] : education) {
    CAPTURE(written);
    CHECK(skm::parse_education(written) == std::optional<std::string>(category));
  }
  const std::pair<const char*, const char*> occupation[] = {
      {"Petani", "Wirausaha"},          {"Wiraswasta", "Wirausaha"}, {"Pedagang", "Wirausaha"},
      {"Pelajar/Mahasiswa", "Lainnya"}, {"Ibu rumah tangga", "Lainnya"}, {"IRT", "Lainnya"},
      {"Pensiunan", "Lainnya"},         {"ASN", "PNS"},              {"Karyawan swasta", "Swasta"},
      {"Buruh", "Swasta"},              {"Polisi", "POLRI"}};
  for (auto [written, category] : occupation) {
    CAPTURE(written);
    CHECK(skm::parse_occupation(written) == std::optional<std::string>(category));
  }
  CHECK(skm::parse_education("") == std::optional<std::string>(""));
  CHECK_FALSE(skm::parse_education("Kursus"));
  CHECK_FALSE(skm::parse_occupation("TNI/POLRI"));  // which one: the reader must say

  // Through a whole file, and into the report's tables in the official order.
  std::string file = "tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9,pendidikan,pekerjaan\n"
                     "2026-03-02,4,4,4,4,4,4,4,4,4,S1,PNS\n"
                     "2026-03-02,4,4,4,4,4,4,4,4,4,SLTA,Petani\n"
                     "2026-03-02,4,4,4,4,4,4,4,4,4,Tidak sekolah,Ibu rumah tangga\n"
                     "2026-03-02,4,4,4,4,4,4,4,4,4,D4,Pelajar/Mahasiswa\n";
  auto parsed = skm::parse_skm_csv(file, options());
  REQUIRE(parsed.errors.empty());
  REQUIRE(parsed.rows.size() == 4);
  CHECK(parsed.rows[1].response.profile.education == "SMA");
  CHECK(parsed.rows[2].response.profile.occupation == "Lainnya");
  std::map<std::string, std::int64_t> counts;
  for (const auto& row : parsed.rows) ++counts[row.response.profile.education];
  counts[""] = 1;
  auto ordered = reports::in_profile_order(counts, reports::kEducationOrder);
  std::string order;
  for (const auto& [value, n] : ordered) order += (value.empty() ? "-" : value) + " ";
  CHECK(order == "SD SMA S1 - ");  // not alphabetical (S1 before SD), none last
}
