// The headless script's commands and their errors.
#include <doctest/doctest.h>

#include "kiosk/platform/script.hpp"
#include "kiosk/screens/screen.hpp"

using namespace kotak::kiosk;

TEST_CASE("every command parses - comments and blank lines are skipped") {
  auto commands = parse_script(
      "# a comment\n\ntap home.face.4\ntap-xy 12 30.5\ntype Halo dunia\\n<b>\\\\\n"
      "advance 61\nframes 3\nshot out/home.png\ndump out/home.json\nexpect still_there\n"
      "hold home.admin 3.5\ndrag 1 2 3 4\nwait-task\r\n");
  REQUIRE(commands.size() == 11);
  CHECK(commands[0].type == Command::Type::tap);
  CHECK(commands[0].text == "home.face.4");
  CHECK(commands[0].line == 3);
  CHECK(commands[1].y == doctest::Approx(30.5));
  CHECK(commands[2].text == "Halo dunia\n<b>\\");
  CHECK(commands[3].seconds == 61);
  CHECK(commands[4].count == 3);
  CHECK(commands[7].text == "still_there");
  CHECK(commands[8].seconds == 3.5);
  CHECK(commands[9].x2 == 3);
  CHECK(commands[10].type == Command::Type::wait_task);
}

TEST_CASE("mistakes name the line") {
  CHECK_THROWS_WITH_AS(parse_script("tap a\nclick b\n"),
                       doctest::Contains("line 2: unknown command \"click\""), ScriptError);
  CHECK_THROWS_WITH_AS(parse_script("advance soon"),
                       doctest::Contains("line 1: SECONDS must be a number"), ScriptError);
  CHECK_THROWS_WITH_AS(parse_script("tap"), doctest::Contains("usage: tap ID"), ScriptError);
  CHECK_THROWS_WITH_AS(parse_script("type a\\q"), doctest::Contains("unknown escape"), ScriptError);
  CHECK_THROWS_AS(parse_script("frames 0"), ScriptError);
  CHECK_THROWS_AS(parse_script("advance -1"), ScriptError);
}

TEST_CASE("screen names are stable and round-trip") {
  for (const char* name :
       {"home",       "unit",          "want_write",     "write_type",      "write_text",
        "identity",   "contact_name",  "contact_phone",  "contact_address", "confidential",
        "urgent",     "review",        "thanks",         "skm_intro",       "skm_sex",
        "skm_age",    "skm_education", "skm_occupation", "skm_service",     "skm_question",
        "skm_send",   "admin_pin",     "admin",          "touch_test",      "store_error",
        "unavailable"}) {
    auto screen = parse_screen(name);
    REQUIRE_MESSAGE(screen, name);
    CHECK(screen_name(*screen) == name);
  }
  CHECK_FALSE(parse_screen("still_there"));  // an overlay, not a screen
}
