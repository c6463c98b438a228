// The patient's faces end to end: the real binary, headless, driven by a
// script like a person would, and the rows it leaves in the database. A
// complaint's steps are in write_e2e_test.cpp, the language and scrolling in
// navigation_e2e_test.cpp.
#include <doctest/doctest.h>

#include <map>

#include "tests/kiosk/e2e_support.hpp"

using namespace kotak;
using kotak::test::KioskFixture;
using kotak::test::KioskOptions;
using kotak::test::only;

TEST_CASE("a face is stored at the tap - the unit after it is a correction - counted once") {
  KioskFixture k;
  auto run = k.run(R"(
expect home
tap home.face.4
expect unit
dump {out}/unit.json
tap unit.kia
expect want_write
tap want_write.no
expect thanks
dump {out}/thanks.json
tap thanks.done
expect home
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto rows = k.submissions();
  REQUIRE(rows.size() == 2u);
  const auto& tap = rows[0].submission;
  CHECK(tap.kind == core::Kind::rating);
  CHECK(tap.rating == 4);
  CHECK(tap.unit.empty());  // stored before the unit was asked
  CHECK_FALSE(tap.is_correction());
  CHECK(rows[0].superseded);
  const auto& fix = rows[1].submission;
  CHECK(fix.rating == 4);
  CHECK(fix.unit == "kia");
  CHECK(fix.replaces == tap.id);
  CHECK(fix.revision == 1);
  CHECK_FALSE(rows[1].superseded);
  CHECK(fix.flags.empty());
  CHECK(fix.device_id == "kiosk-lobby-1");
  CHECK(fix.facility_id == "pkm-klaten-tengah");
  CHECK_FALSE(core::validate(fix));
  CHECK(k.counted().size() == 1u);
  CHECK(test::shows_text(k.dump("unit.json"), "Kembali ke awal dalam 20 detik"));
  CHECK(test::shows_text(k.dump("thanks.json"), "Terima kasih"));
}

TEST_CASE("Kembali from the unit - then another face: counted once, with the last face") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.face.1
tap unit.back
expect home
dump {out}/changing.json
tap home.face.2
expect unit
dump {out}/unit.json
tap unit.skip
expect want_write
tap want_write.no
advance 9
expect home
dump {out}/home.json
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto rows = k.submissions();
  REQUIRE(rows.size() == 2u);
  CHECK(rows[0].submission.rating == 1);
  CHECK(rows[0].superseded);
  CHECK(rows[1].submission.rating == 2);
  CHECK(rows[1].submission.replaces == rows[0].submission.id);
  const auto counted = k.counted();
  REQUIRE(counted.size() == 1u);
  CHECK(counted[0].rating == 2);
  CHECK(counted[0].unit.empty());
  CHECK(test::shows_text(k.dump("changing.json"), "Ingin mengganti pilihan?"));
  CHECK(test::shows_text(k.dump("unit.json"), "Anda memilih: Kurang puas"));
  CHECK_FALSE(test::shows_text(k.dump("home.json"), "Ingin mengganti pilihan?"));
}

TEST_CASE("Sangat puas - a unit - Ya tulis - Kembali three times - Tidak puas: one face, the last") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.face.4
tap unit.poli-umum
tap want_write.yes
expect write_type
tap write_type.back
expect want_write
tap want_write.back
expect unit
tap unit.back
expect home
tap home.face.1
expect unit
dump {out}/unit.json
tap unit.poli-umum
tap want_write.no
expect thanks
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(k.submissions().size() == 3u);  // the tap, its unit, the other face
  const auto counted = k.counted();
  REQUIRE(counted.size() == 1u);
  CHECK(counted[0].rating == 1);
  CHECK(counted[0].unit == "poli-umum");
  CHECK(counted[0].revision == 2);
}

TEST_CASE("back on home to change the face: what was typed is gone") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.face.4
tap unit.skip
tap want_write.yes
tap write_type.keluhan
type Nama dokternya Budi
tap write_text.back
tap write_type.back
tap want_write.back
tap unit.back
expect home
tap home.write
tap unit.skip
tap write_type.keluhan
dump {out}/text.json
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK_FALSE(test::shows_text(k.dump("text.json"), "Budi"));
  CHECK(k.counted().size() == 1u);  // the face stays
}

TEST_CASE("walking away after a face: home by itself after follow_up_s, the face kept") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.face.3
expect unit
advance 10
dump {out}/unit_10.json
advance 9
expect unit
advance 1.5
expect home
dump {out}/next_patient.json
tap home.face.2
expect unit
tap unit.back
expect home
tap home.face.1
tap unit.skip
expect want_write
dump {out}/want_write.json
advance 21
expect home
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(test::shows_text(k.dump("unit_10.json"), "Kembali ke awal dalam 10 detik"));
  auto next = k.dump("next_patient.json");
  CHECK_FALSE(test::shows_text(next, "Anda memilih"));
  CHECK_FALSE(test::shows_text(next, "Ingin mengganti pilihan?"));
  CHECK(test::shows_text(k.dump("want_write.json"), "Kembali ke awal dalam 20 detik"));
  // The first patient's face stays; the second one's Kembali only changed
  // their own.
  std::map<int, int> faces;
  for (const auto& s : k.counted()) ++faces[s.rating.value_or(0)];
  CHECK(faces == std::map<int, int>{{1, 1}, {3, 1}});
  for (const auto& row : k.submissions()) CHECK_FALSE(row.submission.has_flag(core::kFlagIdleTimeout));
}

TEST_CASE("follow_up_s from the config sets how long the follow-up waits") {
  KioskOptions options;
  options.follow_up_s = 8;
  KioskFixture k(options);
  auto run = k.run(R"(
tap home.face.4
expect unit
dump {out}/unit.json
advance 7
expect unit
advance 1.5
expect home
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(test::shows_text(k.dump("unit.json"), "Kembali ke awal dalam 8 detik"));
  const auto counted = k.counted();
  REQUIRE(counted.size() == 1u);
  CHECK(counted[0].rating == 4);
}

TEST_CASE("a power cut a moment after the tap loses nothing") {
  KioskFixture k;
  auto run = k.run("tap home.face.3\npower-cut\ntap unit.kia\n");
  CHECK(run.code == 128 + 9);  // SIGKILL: nothing after the tap ran
  const auto counted = k.counted();
  REQUIRE(counted.size() == 1u);
  CHECK(counted[0].rating == 3);
  CHECK(counted[0].unit.empty());
}

TEST_CASE("burst rule: faces within tap_interval_s of the last saved one are stored and flagged") {
  KioskFixture k;
  // Each tap in the headless driver takes under half a second; a face,
  // skip and "Tidak" take about 1.3 s, so the second face comes within 3 s.
  auto run = k.run(R"(
tap home.face.4
tap unit.skip
tap want_write.no
tap thanks.done
tap home.face.4
tap unit.skip
tap want_write.no
tap thanks.done
advance 5
tap home.face.4
tap unit.skip
tap want_write.no
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto rows = k.submissions();
  REQUIRE(rows.size() == 3u);
  CHECK_FALSE(rows[0].submission.has_flag(core::kFlagBurst));
  CHECK(rows[1].submission.has_flag(core::kFlagBurst));
  CHECK_FALSE(rows[2].submission.has_flag(core::kFlagBurst));
  for (const auto& row : rows) CHECK(row.submission.rating == 4);
}

TEST_CASE("a config with no units goes from the face straight to 'want to write?'") {
  KioskOptions options;
  options.units = false;
  KioskFixture k(options);
  auto run = k.run(R"(
tap home.face.2
expect want_write
tap want_write.no
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(only(k.submissions()).unit.empty());
}
