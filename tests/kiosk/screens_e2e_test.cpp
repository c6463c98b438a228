// Every screen photographed at the Pi's 800×480, at 1920×1080, and on a
// portrait screen (a 1080×1920 panel, and an 800×480 panel turned 90° by
// the config with touches turned with it). The pictures stay in
// build/screenshots/ for people to look at: a screen that passes its test
// but looks wrong is wrong. zbarimg proves the QR codes scan.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>

#include "core/remote_settings.hpp"
#include "tests/kiosk/e2e_support.hpp"

using namespace kotak;
using kotak::test::KioskFixture;
using kotak::test::KioskOptions;

namespace fs = std::filesystem;

namespace {

const char* kScreens[] = {"home",
                          "unit",
                          "want_write",
                          "write_type",
                          "write_text_empty",
                          "write_text",
                          "write_text_symbols",
                          "identity",
                          "contact_name",
                          "contact_phone",
                          "contact_address",
                          "confidential",
                          "urgent",
                          "review",
                          "thanks",
                          "still_there",
                          "skm_intro",
                          "skm_sex",
                          "skm_age",
                          "skm_education",
                          "skm_occupation",
                          "skm_service",
                          "skm_question",
                          "skm_question_u7",
                          "skm_question_u8",
                          "skm_send",
                          "thanks_skm",
                          "thanks_face",
                          "admin_pin_wrong",
                          "admin_pin",
                          "admin",
                          "touch_test",
                          "home_change",
                          "unit_write",
                          "home_large",
                          "unit_large",
                          "write_text_large",
                          "contact_name_large",
                          "contact_phone_large",
                          "review_large",
                          "thanks_large",
                          "home_en",
                          "write_text_en"};

// Walks every dump in dir once: with sizes, holds it against the panel's
// smallest sizes; always, no text may lose its end to an ellipsis but the
// board's complaints and answers on home (an answer of any length must fit
// a card that rotates; the whole text is on /papan and the ticket's page).
// Returns how many dumps were checked.
int check_dumps(const fs::path& dir, bool sizes) {
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    auto dump = nlohmann::json::parse(test::read_file(entry.path()));
    if (!dump.contains("texts")) continue;
    const auto file = entry.path().filename().string();
    CAPTURE(file);
    ++checked;
    if (sizes) {
      REQUIRE(dump.contains("minimum"));
      for (const auto& problem : test::size_problems(dump)) FAIL_CHECK(problem);
    }
    for (const auto& t : dump.at("texts")) {
      const auto text = t.at("text").get<std::string>();
      const bool board = text.rfind("\xE2\x80\x9C", 0) == 0 ||
                         text.rfind("Tanggapan kami:", 0) == 0 ||
                         text.rfind("Our answer:", 0) == 0 || text.rfind("Tanggapan kula:", 0) == 0;
      if (board && file.rfind("home", 0) == 0) continue;
      CHECK_MESSAGE(!t.value("cut", false), (file + ": " + text));
    }
  }
  return checked;
}

// A board with answered complaints and a notice, as kotak-sync leaves them.
void fill_board(const KioskFixture& k) {
  auto store = core::Store::open(k.database());
  store.replace_board(
      {{"b1", "pendaftaran", "keluhan", "Antrean pendaftaran pagi hari terlalu panjang.",
        "Sejak 1 Oktober loket pendaftaran kedua dibuka pukul 07.00.", 1795412820000},
       {"b2", "apotek", "saran", "Mohon disediakan kursi di depan apotek.",
        "Sepuluh kursi tunggu sudah ditambahkan di depan apotek.", 1795412820000}},
      "c1");
  core::RemoteSettings settings;
  settings.notice = {{"id", "Hari Jumat pelayanan tutup pukul 11.00."},
                     {"en", "On Fridays the clinic closes at 11.00."}};
  store.set_remote_settings(core::encode_remote_settings(settings), "e1");
}

// Runs the tour and copies its pictures to build/screenshots/<name>/; with
// sizes, holds every screen's dump against the smallest sizes allowed.
void tour(const std::string& name, KioskOptions options, bool sizes = false) {
  // With a voice, as a kiosk with speakers: every patient screen has its
  // "Dengarkan" button, held against the sizes like every other target.
  options.speech = true;
  KioskFixture k(options);
  fill_board(k);
  auto run = k.run_file("tour.txt", {"PATH=/usr/bin:/bin"});
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto shots = test::screenshot_dir(name);
  const auto [w, h] = [&] {
    int a = 0, b = 0;
    std::sscanf(options.size.c_str(), "%dx%d", &a, &b);
    return std::pair{a, b};
  }();
  for (const char* screen : kScreens) {
    CAPTURE(screen);
    auto png = k.dir() / (std::string(screen) + ".png");
    REQUIRE(fs::exists(png));
    CHECK(test::png_size(png) == std::pair{w, h});
    fs::copy_file(png, shots / png.filename(), fs::copy_options::overwrite_existing);
  }
  // The SKM code on home reads as exactly the configured address.
  CHECK(test::zbar(k.dir() / "home.png") == "QR-Code:https://skm.klatenkab.go.id\n");
  // The ticket's code leads to its tracking page by the submission's id.
  auto store = core::Store::open(k.database());
  std::string written_id;
  for (const auto& row : store.pending(100))
    if (row.submission.kind == core::Kind::written && written_id.empty())
      written_id = row.submission.id;  // the first: thanks.png
  REQUIRE_FALSE(written_id.empty());
  CHECK(test::zbar(k.dir() / "thanks.png") ==
        "QR-Code:https://kotak.klatenkab.go.id/t/" + written_id + "\n");
  CHECK(check_dumps(k.dir(), sizes) >= static_cast<int>(std::size(kScreens)));
  // "A+" lasts one patient: the next one's home is normal again.
  CHECK(k.dump("home_large.json").at("large_text") == true);
  CHECK(k.dump("home_en.json").at("large_text") == false);
  // A kiosk in Basa Jawa first speaks it on every patient screen; the
  // technician's screens are in Indonesian (docs/translation.md).
  if (options.languages.find("[\"jv\"") != std::string::npos) {
    for (const char* screen : kScreens) {
      const std::string name = screen;
      if (name.rfind("admin", 0) == 0 || name == "touch_test" ||
          name.find("_en") != std::string::npos)
        continue;
      CAPTURE(name);
      for (const auto& problem : test::foreign_texts(k.dump(name + ".json"), "jv"))
        FAIL_CHECK(problem);
    }
    return;  // the notice below is given in Indonesian and English only
  }
  // Home shows the board and the notice.
  auto home = k.dump("home.json");
  CHECK(test::shows_text(home, "Hari Jumat pelayanan tutup pukul 11.00."));
  CHECK((test::shows_text(home, "loket pendaftaran kedua dibuka") ||
         test::shows_text(home, "kursi tunggu sudah ditambahkan")));
}

}  // namespace

TEST_CASE("screenshots and sizes: every screen at 800x480") { tour("800x480", {}, true); }

TEST_CASE("screenshots: every screen at 1920x1080") {
  KioskOptions options;
  options.size = "1920x1080";
  tour("1920x1080", options);
}

TEST_CASE("screenshots: every screen on a portrait 1080x1920 panel") {
  KioskOptions options;
  options.size = "1080x1920";
  tour("1080x1920", options);
}

TEST_CASE("screenshots and sizes: an 800x480 panel turned 90 degrees - touches turned with it") {
  KioskOptions options;
  options.rotation = 90;
  tour("800x480-rotated-90", options, true);
}

// Basa Jawa first, then Indonesian and English: three language buttons on
// home, Javanese on every patient screen, and its longer words hold to the
// same sizes and never lose an end to an ellipsis.
TEST_CASE("screenshots and sizes: every screen in Basa Jawa at 800x480") {
  KioskOptions options;
  options.languages = R"(["jv", "id", "en"])";
  tour("800x480-jv", options, true);
}

TEST_CASE(
    "screenshots and sizes: every screen in Basa Jawa on an 800x480 panel turned 90 degrees") {
  KioskOptions options;
  options.languages = R"(["jv", "id", "en"])";
  options.rotation = 90;
  tour("800x480-rotated-90-jv", options, true);
}

TEST_CASE("screenshots: every screen in Basa Jawa at 1920x1080") {
  KioskOptions options;
  options.languages = R"(["jv", "id", "en"])";
  options.size = "1920x1080";
  tour("1920x1080-jv", options);
}

// Indonesian first with all three languages: one more language button in
// every bar, upright and turned.
TEST_CASE(
    "sizes: every screen with three languages, Indonesian first, at 800x480 - upright and turned") {
  for (int rotation : {0, 90}) {
    CAPTURE(rotation);
    KioskOptions options;
    options.languages = R"(["id", "en", "jv"])";
    options.rotation = rotation;
    tour("800x480-three-" + std::to_string(rotation), options, true);
  }
}

TEST_CASE("sizes: the error screens and the idle card at 800x480 - upright and turned") {
  for (int rotation : {0, 90}) {
    CAPTURE(rotation);
    KioskOptions options;
    options.rotation = rotation;
    KioskFixture k(options);
    REQUIRE(k.run("expect home\n").code == 0);
    {
      // The store refuses every answer, as a full disk would.
      auto store = core::Store::open(k.database());
      store.database().exec(
          "CREATE TRIGGER refuse BEFORE INSERT ON submissions "
          "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END");
    }
    auto run = k.run(R"(
tap home.face.2
expect store_error
dump {out}/store_error.json
tap store_error.done
tap home.write
tap unit.skip
tap write_type.keluhan
advance 61
expect still_there
dump {out}/still_there.json
)");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    test::write_file(k.config(), "[facility]\nid = \"x\"\n");  // broken: no name, no device
    auto broken = k.run("expect unavailable\ndump {out}/unavailable.json\n");
    REQUIRE_MESSAGE(broken.code == 0, broken.err);
    CHECK(check_dumps(k.dir(), true) == 3);
  }
}

TEST_CASE(
    "touch is rotated with the display: a tap at the panel's pixels hits what is drawn there") {
  KioskOptions options;
  options.rotation = 270;
  KioskFixture k(options);
  auto first = k.run("dump {out}/home.json\n");
  REQUIRE_MESSAGE(first.code == 0, first.err);
  // Find where face 4 is on the panel, and tap those panel pixels.
  auto home = k.dump("home.json");
  CHECK(home.at("size") == nlohmann::json::array({800, 480}));
  double x = 0, y = 0;
  for (const auto& t : home.at("targets"))
    if (t.at("id") == "home.face.4") {
      x = t.at("x").get<double>() + t.at("w").get<double>() / 2;
      y = t.at("y").get<double>() + t.at("h").get<double>() / 2;
    }
  REQUIRE(x > 0);
  auto run = k.run("tap-xy " + std::to_string(x) + " " + std::to_string(y) + "\nexpect unit\n");
  REQUIRE_MESSAGE(run.code == 0, run.err);
}

TEST_CASE("the board's empty state and a kiosk without a tracking address") {
  KioskOptions options;
  options.tracking_url = "";
  options.extra = "";
  KioskFixture k(options);
  auto run = k.run(R"(
dump {out}/home.json
shot {out}/home.png
tap home.write
tap unit.skip
tap write_type.saran
type Terima kasih
tap write_text.next
tap identity.anonymous
tap confidential.no
tap urgent.no
tap review.send
shot {out}/thanks.png
dump {out}/thanks.json
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(test::shows_text(k.dump("home.json"), "Belum ada tanggapan"));
  CHECK(test::zbar(k.dir() / "thanks.png").empty());  // no tracking page, no code
  CHECK(test::shows_text(k.dump("thanks.json"),
                         "3\xC3\x97"
                         "24 jam"));
  fs::copy_file(k.dir() / "home.png", test::screenshot_dir("800x480") / "home_empty_board.png",
                fs::copy_options::overwrite_existing);
}
