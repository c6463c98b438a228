// Basa Jawa on the kiosk (issue 11): a patient chooses it on home beside
// Indonesian and English and walks a face, a written complaint and the
// survey in krama; every screen on the way speaks Javanese only (no
// Indonesian left over, no raw key), and what is stored says "jv". A kiosk
// may also offer Javanese alone.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>

#include "tests/kiosk/e2e_support.hpp"

using namespace kotak;
using kotak::test::KioskFixture;
using kotak::test::KioskOptions;

namespace {

KioskOptions three_languages() {
  KioskOptions options;
  options.languages = R"(["id", "en", "jv"])";
  return options;
}

// Every dump named is in Javanese through and through.
void check_javanese(const KioskFixture& k, std::initializer_list<const char*> dumps) {
  for (const char* name : dumps) {
    CAPTURE(name);
    const auto dump = k.dump(std::string(name) + ".json");
    CHECK(dump.at("texts").size() > 0);
    for (const auto& problem : test::foreign_texts(dump, "jv")) FAIL_CHECK(problem);
  }
}

}  // namespace

TEST_CASE("Basa Jawa from home: a face, a written complaint in krama - stored as jv") {
  KioskFixture k(three_languages());
  auto run = k.run(R"(
expect home
dump {out}/home_id.json
tap home.lang.jv
expect home
dump {out}/home.json
shot {out}/home.png
tap home.face.4
expect unit
dump {out}/unit.json
tap unit.poli-umum
expect want_write
dump {out}/want_write.json
tap want_write.yes
expect write_type
dump {out}/write_type.json
tap write_type.keluhan
expect write_text
dump {out}/write_text_empty.json
type Antrian ing loket dangu sanget.
dump {out}/write_text.json
tap write_text.next
expect identity
dump {out}/identity.json
tap identity.named
expect contact_name
dump {out}/contact_name.json
type Sri Lestari
tap contact_name.next
expect contact_phone
type 0812
dump {out}/contact_phone_short.json
type 34567890
tap contact_phone.next
expect contact_address
tap contact_address.next
expect confidential
dump {out}/confidential.json
tap confidential.yes
expect urgent
dump {out}/urgent.json
tap urgent.no
expect review
dump {out}/review.json
tap review.send
expect thanks
dump {out}/thanks.json
shot {out}/thanks.png
tap thanks.done
expect home
dump {out}/home_after.json
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  // Home offers all three, each by its own name, and starts in Indonesian.
  const auto home_id = k.dump("home_id.json");
  for (const char* id : {"home.lang.id", "home.lang.en", "home.lang.jv"}) {
    const auto ids = test::target_ids(home_id);
    CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
  }
  CHECK(test::shows_text(home_id, "Bagaimana pelayanan kami hari ini?"));
  const auto home = k.dump("home.json");
  CHECK(test::shows_text(home, "Kados pundi pelayanan kula dinten menika?"));
  CHECK(test::shows_text(home, "Marem sanget"));
  CHECK(test::shows_text(home, "Pindai kode menika kangge ngisi"));
  CHECK(test::zbar(k.dir() / "home.png") == "QR-Code:https://skm.klatenkab.go.id\n");
  CHECK(test::shows_text(k.dump("unit.json"), "Pelayanan pundi ingkang panjenengan tampi?"));
  CHECK(test::shows_text(k.dump("write_type.json"), "Pangaduan"));
  CHECK(test::shows_text(k.dump("write_text_empty.json"), "Mangga nyerat pangaduan panjenengan"));
  CHECK(test::shows_text(k.dump("identity.json"),
                         "Asma lan nomer HP namung kangge petugas pangaduan"));
  CHECK(test::shows_text(k.dump("contact_phone_short.json"), "Nomer HP dèrèng jangkep"));
  CHECK(test::shows_text(k.dump("review.json"), "Dipunrahasiakaken"));
  const auto thanks = k.dump("thanks.json");
  CHECK(test::shows_text(thanks, "Matur nuwun!"));
  CHECK(test::shows_text(thanks, "Nomer tiket panjenengan:"));
  check_javanese(
      k, {"home", "unit", "want_write", "write_type", "write_text_empty", "write_text", "identity",
          "contact_name", "contact_phone_short", "confidential", "urgent", "review", "thanks"});
  // A finished answer hands the kiosk back in its first language.
  CHECK(test::shows_text(k.dump("home_after.json"), "Bagaimana pelayanan kami hari ini?"));
  const auto rows = k.counted();
  REQUIRE(rows.size() == 2u);
  for (const auto& row : rows) CHECK(row.language == "jv");
  CHECK(rows[0].rating == 4);
  CHECK(rows[1].text == "Antrian ing loket dangu sanget.");
  CHECK(rows[1].identity_mode == core::IdentityMode::rahasia);
  CHECK(test::zbar(k.dir() / "thanks.png") ==
        "QR-Code:https://kotak.klatenkab.go.id/t/" + rows[1].id + "\n");
}

TEST_CASE("Basa Jawa from home: the survey's nine questions and answers in krama") {
  KioskFixture k(three_languages());
  const std::array<int, 9> scores{4, 3, 3, 4, 2, 3, 4, 1, 2};
  std::string questions;  // each of the nine dumped, then answered
  for (std::size_t i = 0; i < scores.size(); ++i)
    questions += "dump {out}/u" + std::to_string(i + 1) + ".json\ntap skm_question.answer." +
                 std::to_string(scores[i]) + "\n";
  auto run = k.run(R"(
tap home.lang.jv
tap home.skm
expect skm_intro
dump {out}/skm_intro.json
tap skm_intro.profile
expect skm_sex
dump {out}/skm_sex.json
tap skm_sex.P
dump {out}/skm_age.json
tap skm_age.60+
dump {out}/skm_education.json
tap skm_education.SMA
dump {out}/skm_occupation.json
tap skm_occupation.Lainnya
dump {out}/skm_service.json
tap skm_service.kia
expect skm_question
)" + questions + R"(
expect skm_send
dump {out}/skm_send.json
tap skm_send.send
expect thanks
dump {out}/thanks_skm.json
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(test::shows_text(k.dump("skm_intro.json"), "Sangang pitakenan cekak"));
  CHECK(test::shows_text(k.dump("skm_sex.json"), "Èstri"));
  CHECK(test::shows_text(k.dump("skm_occupation.json"), "Sanèsipun"));
  const auto u1 = k.dump("u1.json");
  CHECK(test::shows_text(u1, "Pitakenan 1 saking 9"));
  CHECK(test::shows_text(u1, "Jumbuh sanget"));
  CHECK(test::shows_text(k.dump("u4.json"), "Awis sanget"));
  CHECK(test::shows_text(k.dump("u7.json"), "Sopan lan grapyak sanget"));
  CHECK(test::shows_text(k.dump("u8.json"), "Wonten nanging mboten mlampah"));
  CHECK(test::shows_text(k.dump("u9.json"), "Saé sanget"));
  const auto send = k.dump("skm_send.json");
  CHECK(test::shows_text(send, "Panjenengan mangsuli 9 saking 9 pitakenan"));
  for (const auto& t : send.at("texts")) CHECK_FALSE(t.value("cut", false));
  CHECK(test::shows_text(k.dump("thanks_skm.json"), "Wangsulan survei panjenengan"));
  check_javanese(
      k, {"skm_intro", "skm_sex", "skm_age", "skm_education", "skm_occupation", "skm_service", "u1",
          "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "skm_send", "thanks_skm"});
  const auto rows = k.counted();
  REQUIRE(rows.size() == 1u);
  CHECK(rows[0].language == "jv");
  REQUIRE(rows[0].skm);
  CHECK(rows[0].skm->scores == scores);
}

TEST_CASE("a kiosk in Basa Jawa alone: no language buttons - everything stored as jv") {
  KioskOptions options;
  options.languages = R"(["jv"])";
  KioskFixture k(options);
  auto run = k.run(R"(
expect home
dump {out}/home.json
tap home.face.2
expect unit
dump {out}/unit.json
tap unit.skip
tap want_write.no
expect thanks
dump {out}/thanks_face.json
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  const auto home = k.dump("home.json");
  CHECK(test::shows_text(home, "Kados pundi pelayanan kula dinten menika?"));
  for (const auto& id : test::target_ids(home)) CHECK(id.find(".lang.") == std::string::npos);
  for (const auto& id : test::target_ids(k.dump("unit.json")))
    CHECK(id.find(".lang.") == std::string::npos);
  check_javanese(k, {"home", "unit", "thanks_face"});
  CHECK(test::shows_text(k.dump("thanks_face.json"), "Pambiji panjenengan mbiyantu"));
  const auto rows = k.counted();
  REQUIRE(rows.size() == 1u);
  CHECK(rows[0].language == "jv");
  CHECK(rows[0].rating == 2);
}

TEST_CASE("a config naming a language with no catalog stops the kiosk and names the codes") {
  KioskOptions options;
  options.languages = R"(["id", "xx"])";
  KioskFixture k(options);
  auto run = k.run("expect unavailable\ndump {out}/unavailable.json\n");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  const auto dump = k.dump("unavailable.json");
  CHECK(test::shows_text(dump, "unknown language \"xx\""));
  CHECK(test::shows_text(dump, "\"id\", \"en\" or \"jv\""));
  CHECK(run.err.find("unknown language \"xx\"") != std::string::npos);
}
