// Issue 6 end to end: the real kotak-kiosk, headless, completes four SKM
// surveys with known answers; the real kotak-sync delivers them to the real
// kotak-server; a quality-team user logs in over HTTP and the SKM report
// shows the index computed by hand.
#include <doctest/doctest.h>
#include <httplib.h>

#include <array>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/timestamp.hpp"
#include "tests/e2e/harness.hpp"

using namespace kotak;
using namespace kotak::test;
using nlohmann::json;

namespace {

// The four surveys. NRR by hand:
//        U1 U2 U3 U4 U5 U6 U7 U8 U9
// A       4  3  3  4  3  3  4  2  3   profile P, 30-39, SMA, Swasta, poli-umum
// B       3  3  2  4  3  4  4  -  3   no profile, U8 skipped
// C       3  2  2  3  3  3  3  -  2   no profile, U8 skipped
// D       4  4  3  4  4  4  4  3  4   profile L, 60+, S1, PNS, kia
// sum    14 12 10 15 13 14 15  5 12
// n       4  4  4  4  4  4  4  2  4
// NRR   3.5 3.0 2.5 3.75 3.25 3.5 3.75 2.5 3.0
// Σ NRR = 28.75; IKM = 28.75 × 1/9 = 3.19444; NIK = 79.861 → 79.86 → mutu B, kinerja Baik.
// Weakest U3 (2.5, before U8 on the tie), strongest U4 (3.75, before U7).
struct Survey {
  std::vector<std::string> profile;  // sex, age, education, occupation, service; empty: none
  std::array<int, 9> answers;        // 0: skipped
};
const Survey kSurveys[] = {{{"P", "30-39", "SMA", "Swasta", "poli-umum"}, {4, 3, 3, 4, 3, 3, 4, 2, 3}},
                           {{}, {3, 3, 2, 4, 3, 4, 4, 0, 3}},
                           {{}, {3, 2, 2, 3, 3, 3, 3, 0, 2}},
                           {{"L", "60+", "S1", "PNS", "kia"}, {4, 4, 3, 4, 4, 4, 4, 3, 4}}};

// The taps of the surveys one after another (ids in docs/kiosk-testing.md),
// back to the home screen after each thanks.
std::string script() {
  static const char* kSteps[] = {"skm_sex", "skm_age", "skm_education", "skm_occupation", "skm_service"};
  std::string out;
  for (const auto& survey : kSurveys) {
    out += survey.profile.empty() ? "tap home.skm\ntap skm_intro.start\n" : "tap home.skm\ntap skm_intro.profile\n";
    for (std::size_t i = 0; i < survey.profile.size(); ++i)
      out += std::string("tap ") + kSteps[i] + "." + survey.profile[i] + "\n";
    out += "expect skm_question\n";
    for (int score : survey.answers)
      out += score ? "tap skm_question.answer." + std::to_string(score) + "\n" : "tap skm_question.skip\n";
    out += "expect skm_send\ntap skm_send.send\nexpect thanks\nadvance 10\nexpect home\n";
  }
  return out;
}

void write_kiosk_config(const std::filesystem::path& file, const std::filesystem::path& database) {
  std::string config = "[facility]\nid = \"pkm-test\"\nname = \"Puskesmas Uji\"\n[device]\nid = \"kiosk-1\"\n";
  config += "[storage]\ndatabase = \"" + database.string() + "\"\n[kiosk]\nthanks_timeout_s = 8\n";
  for (const char* unit : {"poli-umum", "kia"})
    config += std::string("[[units]]\nid = \"") + unit + "\"\nlabel = { id = \"" + unit + "\" }\n";
  write_file(file, config);
}

// A local day as YYYY-MM-DD.
std::string day_text(std::int64_t day) {
  std::time_t seconds = day * 86400;
  char text[16];
  std::strftime(text, sizeof text, "%F", std::gmtime(&seconds));
  return text;
}

}  // namespace

TEST_CASE("four surveys at the real kiosk reach the SKM report with the IKM computed by hand") {
  TempDir dir;
  ServerFixture server(dir / "server");
  add_staff(server, "dewi", "mutu", "rahasia-123");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  write_kiosk_config(dir / "kiosk" / "kiosk.toml", kiosk.database);
  write_file(dir / "kiosk" / "surveys.txt", script());

  auto ran = run_command({KOTAK_KIOSK_BIN, "--config", (dir / "kiosk" / "kiosk.toml").string(), "--headless",
                          "800x480", "--script", (dir / "kiosk" / "surveys.txt").string()},
                         dir / "kiosk");
  REQUIRE_MESSAGE(ran.code == 0, ran.err);
  CHECK(kiosk.counts().pending == 4);
  auto synced = kiosk.sync_once();
  REQUIRE_MESSAGE(synced.code == 0, synced.err);
  CHECK(kiosk.counts().delivered == 4);
  CHECK(server.count("SELECT count(*) FROM submissions WHERE kind = 'skm'") == 4);

  httplib::Client http("127.0.0.1", server.port());
  const auto cookie = staff_cookie(server, "dewi", "rahasia-123");
  auto now = core::now();
  auto today = (now.unix_ms + std::int64_t{now.utc_offset_min} * 60000) / 86400000;
  auto path = "/api/staff/skm?from=" + day_text(today - 1) + "&to=" + day_text(today + 1);
  auto got = http.Get(path.c_str(), {{"Cookie", cookie}});
  REQUIRE(got);
  REQUIRE_MESSAGE(got->status == 200, got->body);
  auto r = json::parse(got->body);
  CHECK(r["respondents"] == 4);
  const double nrr[] = {3.5, 3.0, 2.5, 3.75, 3.25, 3.5, 3.75, 2.5, 3.0};
  for (int i = 0; i < 9; ++i) CHECK(r["elements"][i]["nrr"].get<double>() == doctest::Approx(nrr[i]));
  CHECK(r["elements"][7]["respondents"] == 2);
  CHECK(r["ikm"].get<double>() == doctest::Approx(28.75 / 9));
  CHECK(r["nik"].get<double>() == doctest::Approx(79.86));
  CHECK(r["mutu"] == "B");
  CHECK(r["weakest"] == "U3");
  CHECK(r["strongest"] == "U4");
  CHECK(r["by_source"]["kiosk"] == 4);
  CHECK(r["profile"]["sex"]["P"] == 1);
  CHECK(r["profile"]["sex"][""] == 2);
  CHECK(r["profile"]["service"]["kia"] == 1);
  auto kia = json::parse(http.Get((path + "&unit=kia").c_str(), {{"Cookie", cookie}})->body);
  CHECK(kia["respondents"] == 1);
  CHECK(kia["nik"].get<double>() == doctest::Approx(94.44));  // D alone: 34 / 9 × 25 = 94.444

  // The same report from the operator's shell.
  auto shell = server.admin({"skm", "report", "--facility", "pkm-test", "--from", day_text(today - 1), "--to",
                             day_text(today + 1)});
  REQUIRE_MESSAGE(shell.code == 0, shell.err);
  CHECK(json::parse(shell.out)["nik"].get<double>() == doctest::Approx(79.86));
  server.stop();
}

TEST_CASE("the shell's SKM messages follow --lang, name the file, say when and the three-year limit") {
  TempDir dir;
  ServerFixture server(dir / "server");
  auto now = core::now();
  auto today = (now.unix_ms + std::int64_t{now.utc_offset_min} * 60000) / 86400000;
  const std::string head = "tanggal;unit;U1;U2;U3;U4;U5;U6;U7;U8;U9\n";
  write_file(dir / "maret.csv", head + day_text(today - 1) + ";;3;3;3;3;3;3;3;3;3\n");
  write_file(dir / "besar.csv", head + std::string(3 * 1024 * 1024, ' '));
  write_file(dir / "kosong.csv", "");
  auto import = [&](const std::string& file, const std::string& lang) {
    return server.admin({"skm", "import", "--facility", "pkm-test", "--lang", lang, (dir / file).string()});
  };

  // Over 2 MB: said in the language asked for, with the file's name.
  auto large_id = import("besar.csv", "id");
  CHECK(large_id.code != 0);
  CHECK(large_id.err.find("besar.csv: berkas terlalu besar") != std::string::npos);
  auto large_en = import("besar.csv", "en");
  CHECK(large_en.err.find("besar.csv: the file is too large") != std::string::npos);
  // A problem of the whole file names the file, never "Baris 0" / "Line 0".
  auto empty = import("kosong.csv", "id");
  CHECK(empty.code != 0);
  CHECK(empty.err.find("kosong.csv") != std::string::npos);
  CHECK(empty.err.find("Baris 0") == std::string::npos);
  CHECK(import("kosong.csv", "en").err.find("Line 0") == std::string::npos);

  auto first = import("maret.csv", "id");
  REQUIRE_MESSAGE(first.code == 0, first.err);
  // The same content with CRLF: refused, saying when the first came.
  write_file(dir / "maret-crlf.csv", "tanggal;unit;U1;U2;U3;U4;U5;U6;U7;U8;U9\r\n" + day_text(today - 1) +
                                         ";;3;3;3;3;3;3;3;3;3\r\n");
  auto again = import("maret-crlf.csv", "id");
  CHECK(again.code != 0);
  CHECK(again.err.find("sudah pernah diimpor pada " + day_text(today).substr(0, 4)) != std::string::npos);
  CHECK(again.err.find("(maret.csv, 1 jawaban") != std::string::npos);
  CHECK(import("maret-crlf.csv", "en").err.find("The content of this file was imported on ") != std::string::npos);

  // A range over three years, in both languages.
  auto report = [&](const std::string& lang) {
    return server.admin({"skm", "report", "--facility", "pkm-test", "--from", day_text(today - 4 * 366), "--to",
                         day_text(today), "--lang", lang});
  };
  auto long_id = report("id");
  CHECK(long_id.code != 0);
  CHECK(long_id.err.find("lebih dari tiga tahun") != std::string::npos);
  CHECK(report("en").err.find("longer than three years") != std::string::npos);
}
