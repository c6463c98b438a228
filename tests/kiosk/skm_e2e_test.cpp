// The SKM survey on the kiosk (issue 6): profile, nine elements by code,
// back and skip, one kind-skm submission.
#include <doctest/doctest.h>

#include "tests/kiosk/e2e_support.hpp"

using namespace kotak;
using kotak::test::KioskFixture;

TEST_CASE("a full survey with a profile is one skm submission - answers by element code") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.skm
expect skm_intro
tap skm_intro.profile
expect skm_sex
tap skm_sex.P
expect skm_age
tap skm_age.60+
expect skm_education
tap skm_education.SMA
expect skm_occupation
tap skm_occupation.Lainnya
expect skm_service
tap skm_service.kia
expect skm_question
dump {out}/u1.json
tap skm_question.answer.4
tap skm_question.answer.3
tap skm_question.answer.3
tap skm_question.answer.4
tap skm_question.answer.2
tap skm_question.answer.3
dump {out}/u7.json
tap skm_question.answer.4
tap skm_question.answer.1
tap skm_question.answer.2
expect skm_send
dump {out}/send.json
tap skm_send.send
expect thanks
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto rows = k.submissions();
  REQUIRE(rows.size() == 1u);
  const auto& s = rows[0].submission;
  CHECK(s.kind == core::Kind::skm);
  REQUIRE(s.skm);
  CHECK(s.skm->scores == std::array<int, 9>{4, 3, 3, 4, 2, 3, 4, 1, 2});
  CHECK(s.skm->profile == core::SkmProfile{"P", "60+", "SMA", "Lainnya", "kia"});
  CHECK_FALSE(core::validate(s));
  auto u1 = k.dump("u1.json");
  CHECK(test::shows_text(u1, "Pertanyaan 1 dari 9"));
  CHECK(test::shows_text(u1, "persyaratan pelayanan"));
  CHECK(test::shows_text(u1, "Sangat sesuai"));
  auto u7 = k.dump("u7.json");
  CHECK(test::shows_text(u7, "Pertanyaan 7 dari 9"));
  CHECK(test::shows_text(u7, "Sangat sopan dan ramah"));
  auto send = k.dump("send.json");
  CHECK(test::shows_text(send, "Anda menjawab 9 dari 9 pertanyaan"));
  // The last step asks; thanks come after Kirim, on the thanks screen.
  CHECK(test::shows_text(send, "Kirim jawaban survei ini?"));
  for (const char* premature : {"Survei selesai", "Terima kasih"})
    CHECK_FALSE(test::shows_text(send, premature));
  // Every element's name whole, the eighth too.
  CHECK(test::shows_text(send, "8. Penanganan pengaduan, saran dan masukan"));
  for (const auto& t : send.at("texts")) CHECK_FALSE(t.value("cut", false));
}

TEST_CASE("straight to the questions: skip - back to change an answer - an empty profile") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.skm
tap skm_intro.start
expect skm_question
tap skm_question.answer.2
tap skm_question.skip
tap skm_question.answer.1
tap skm_question.back
tap skm_question.back
dump {out}/back_to_u2.json
tap skm_question.answer.4
tap skm_question.answer.1
tap skm_question.skip
tap skm_question.skip
tap skm_question.skip
tap skm_question.skip
tap skm_question.skip
tap skm_question.skip
expect skm_send
tap skm_send.send
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto rows = k.submissions();
  REQUIRE(rows.size() == 1u);
  const auto& skm = *rows[0].submission.skm;
  CHECK(skm.scores == std::array<int, 9>{2, 4, 1, 0, 0, 0, 0, 0, 0});
  CHECK(skm.profile == core::SkmProfile{});
  CHECK(test::shows_text(k.dump("back_to_u2.json"), "Pertanyaan 2 dari 9"));
}

TEST_CASE("a survey with every question skipped cannot be sent - nothing is stored") {
  KioskFixture k;
  std::string script = "tap home.skm\ntap skm_intro.start\n";
  for (int i = 0; i < 9; ++i) script += "tap skm_question.skip\n";
  script += "expect skm_send\ndump {out}/send.json\ntap skm_send.back\nexpect skm_question\n";
  auto run = k.run(script);
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(k.submissions().empty());
  auto send = k.dump("send.json");
  for (const auto& t : send.at("targets"))
    if (t.at("id") == "skm_send.send") CHECK_FALSE(t.at("enabled").get<bool>());
  // Nothing answered is not "done": no thanks before anything was sent.
  CHECK(test::shows_text(send, "Belum ada pertanyaan yang dijawab"));
  for (const char* premature : {"Survei selesai", "Terima kasih"})
    CHECK_FALSE(test::shows_text(send, premature));
  auto refused = k.run("tap home.skm\ntap skm_intro.start\n" + std::string(9 * 0, ' ') +
                       "tap skm_question.skip\ntap skm_question.skip\ntap skm_question.skip\ntap "
                       "skm_question.skip\ntap skm_question.skip\n"
                       "tap skm_question.skip\ntap skm_question.skip\ntap skm_question.skip\ntap "
                       "skm_question.skip\ntap skm_send.send\n");
  CHECK(refused.code != 0);
  CHECK(refused.err.find("disabled") != std::string::npos);
}

TEST_CASE("a survey left half done is saved with what was answered - flagged idle_timeout") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.skm
tap skm_intro.start
tap skm_question.answer.3
tap skm_question.answer.2
advance 80
expect home
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto rows = k.submissions();
  REQUIRE(rows.size() == 1u);
  CHECK(rows[0].submission.skm->scores == std::array<int, 9>{3, 2, 0, 0, 0, 0, 0, 0, 0});
  CHECK(rows[0].submission.has_flag(core::kFlagIdleTimeout));
}
