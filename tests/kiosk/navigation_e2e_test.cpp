// Moving about the kiosk end to end: the language switch on every screen,
// long lists and texts that scroll, and a script that taps what is not there.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/kiosk/e2e_support.hpp"

using namespace kotak;
using kotak::test::KioskFixture;
using kotak::test::KioskOptions;
using kotak::test::only;

TEST_CASE(
    "the language switch changes the words and the stored language - home returns to Indonesian") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.lang.en
dump {out}/home_en.json
tap home.face.3
tap unit.skip
tap want_write.no
tap thanks.done
dump {out}/home_after.json
tap home.lang.en
advance 70
dump {out}/home_idle.json
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(test::shows_text(k.dump("home_en.json"), "How was our service today?"));
  CHECK(only(k.submissions()).language == "en");
  CHECK(test::shows_text(k.dump("home_after.json"), "Bagaimana pelayanan kami hari ini?"));
  CHECK(test::shows_text(k.dump("home_idle.json"), "Bagaimana pelayanan kami hari ini?"));
}

TEST_CASE("the language changes on any flow screen - what was typed stays") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.write
tap unit.lang.en
dump {out}/unit_en.json
tap unit.skip
tap write_type.keluhan
type Antrean lama
tap write_text.lang.id
dump {out}/text_id.json
tap write_text.lang.en
dump {out}/text_en.json
type  sekali
tap write_text.next
tap identity.named
type Sari
tap contact_name.lang.id
dump {out}/name_id.json
tap contact_name.next
type 081234567890
tap contact_phone.next
tap contact_address.next
tap confidential.no
tap urgent.no
tap review.send
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(test::shows_text(k.dump("unit_en.json"), "Which service is your message about?"));
  CHECK(test::shows_text(k.dump("text_id.json"), "Tulis keluhan Anda"));
  CHECK(test::shows_text(k.dump("text_id.json"), "Antrean lama"));
  CHECK(test::shows_text(k.dump("text_en.json"), "Antrean lama"));
  CHECK_FALSE(test::shows_text(k.dump("text_en.json"), "Tulis keluhan Anda"));
  CHECK(test::shows_text(k.dump("name_id.json"), "Nama Anda"));
  CHECK(test::shows_text(k.dump("name_id.json"), "Sari"));
  const auto& s = only(k.submissions());
  CHECK(s.text == "Antrean lama sekali");
  CHECK(s.identity.name == "Sari");
  CHECK(s.language == "id");  // the language it was sent in
}

TEST_CASE("long lists and long text say that they scroll - a half-visible choice cannot be tapped") {
  KioskOptions options;
  for (int i = 1; i <= 14; ++i)
    options.extra += "[[units]]\nid = \"unit-" + std::to_string(i) + "\"\nlabel = { id = \"Ruang " +
                     std::to_string(i) + "\" }\n";
  KioskFixture k(options);
  std::string long_text;
  for (int i = 0; i < 16; ++i) long_text += "Antrean di loket pendaftaran pagi hari sangat panjang. ";
  auto run = k.run(R"(
tap home.face.3
expect unit
dump {out}/top.json
tap unit.list.down
dump {out}/down.json
tap unit.unit-14
expect want_write
tap want_write.yes
tap write_type.saran
type )" + long_text + R"(
tap write_text.next
tap identity.anonymous
tap confidential.no
tap urgent.no
dump {out}/review.json
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto top = k.dump("top.json");
  CHECK(test::shows_text(top, "Geser untuk melihat semuanya"));
  double strip_top = 1e9;
  bool down_enabled = false, up_enabled = true;
  for (const auto& t : top.at("targets")) {
    if (t.at("id") == "unit.list.down") {
      strip_top = t.at("y").get<double>();
      down_enabled = t.at("enabled").get<bool>();
    }
    if (t.at("id") == "unit.list.up") up_enabled = t.at("enabled").get<bool>();
  }
  CHECK(down_enabled);
  CHECK_FALSE(up_enabled);  // nothing above yet
  const auto ids = test::target_ids(top);
  CHECK(std::find(ids.begin(), ids.end(), "unit.unit-14") == ids.end());  // below the fold
  // Every choice that can be tapped is wholly above the strip: a sliver of
  // one cut by the edge is drawn but is no target.
  for (const auto& t : top.at("targets")) {
    const std::string id = t.at("id");
    if (id.rfind("unit.", 0) != 0 || id.rfind("unit.list", 0) == 0 || id == "unit.back" ||
        id == "unit.skip" || id.rfind("unit.lang", 0) == 0)
      continue;
    CHECK_MESSAGE(t.at("y").get<double>() + t.at("h").get<double>() <= strip_top, id);
  }
  const auto down = test::target_ids(k.dump("down.json"));
  CHECK(std::find(down.begin(), down.end(), "unit.unit-14") != down.end());
  CHECK(k.counted().at(0).unit == "unit-14");
  const auto review = test::target_ids(k.dump("review.json"));
  CHECK(std::find(review.begin(), review.end(), "review.text.down") != review.end());
}

TEST_CASE("a tap on something not on screen stops the script and names what is there") {
  KioskFixture k;
  auto run = k.run("tap review.send\n");
  CHECK(run.code != 0);
  CHECK(run.err.find("no \"review.send\" on screen \"home\"") != std::string::npos);
  CHECK(run.err.find("home.face.1") != std::string::npos);
  auto expect = k.run("expect thanks\n");
  CHECK(expect.code != 0);
  CHECK(expect.err.find("expected screen \"thanks\" but \"home\" is on screen") !=
        std::string::npos);
}
