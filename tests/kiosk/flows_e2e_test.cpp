// The patient's flows end to end: the real binary, headless, driven by a
// script like a person would, and the rows it leaves in the database.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "core/ticket.hpp"
#include "tests/kiosk/e2e_support.hpp"

using namespace kotak;
using kotak::test::KioskFixture;
using kotak::test::KioskOptions;

namespace {

core::Submission only(const std::vector<core::StoredSubmission>& rows) {
  REQUIRE(rows.size() == 1u);
  return rows[0].submission;
}

}  // namespace

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

TEST_CASE("Tulis saran / keluhan from home asks for the unit - staff can sort the message") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.write
expect unit
dump {out}/unit.json
tap unit.apotek
expect write_type
tap write_type.back
expect unit
tap unit.apotek
tap write_type.keluhan
type Obat habis.
tap write_text.next
tap identity.anonymous
tap confidential.no
tap urgent.no
expect review
dump {out}/review.json
tap review.send
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  const auto& s = only(k.submissions());
  CHECK(s.kind == core::Kind::written);
  CHECK(s.unit == "apotek");
  auto unit = k.dump("unit.json");
  CHECK(test::shows_text(unit, "Tentang layanan mana masukan Anda?"));
  CHECK_FALSE(test::shows_text(unit, "Anda memilih"));
  CHECK_FALSE(test::shows_text(unit, "Kembali ke awal"));
  CHECK(test::shows_text(k.dump("review.json"), "Apotek"));
}

TEST_CASE("write after a face: anonymous complaint with its ticket - the face is its own row") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.face.1
tap unit.pendaftaran
tap want_write.yes
expect write_type
tap write_type.keluhan
expect write_text
type Antrean di loket pendaftaran terlalu lama.
tap write_text.next
expect identity
tap identity.anonymous
expect confidential
tap confidential.no
expect urgent
tap urgent.no
expect review
tap review.send
expect thanks
dump {out}/thanks.json
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto rows = k.counted();
  REQUIRE(rows.size() == 2u);
  const auto& face = rows[0];
  const auto& written = rows[1];
  CHECK(face.kind == core::Kind::rating);
  CHECK(face.rating == 1);
  CHECK(face.unit == "pendaftaran");
  CHECK(written.kind == core::Kind::written);
  CHECK(written.type == core::FeedbackType::keluhan);
  CHECK(written.text == "Antrean di loket pendaftaran terlalu lama.");
  CHECK(written.unit == "pendaftaran");
  CHECK_FALSE(written.rating);
  CHECK(written.identity_mode == core::IdentityMode::anonim);
  CHECK(written.identity.empty());
  CHECK_FALSE(written.urgent);
  CHECK(core::is_ticket(written.ticket));
  CHECK(test::shows_text(k.dump("thanks.json"), written.ticket));
}

TEST_CASE("named - then confidential and urgent: rahasia with the contact details kept apart") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.write
tap unit.skip
tap write_type.pertanyaan
type Kapan poli gigi buka hari Sabtu?
tap write_text.next
tap identity.named
expect contact_name
type Sari Wulandari
tap contact_name.next
expect contact_phone
type +62 812-3456-7890
tap contact_phone.next
expect contact_address
type Jl. Melati 3, Klaten
tap contact_address.next
expect confidential
tap confidential.yes
tap urgent.yes
expect review
dump {out}/review.json
tap review.send
expect thanks
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  const auto& s = only(k.submissions());
  CHECK(s.type == core::FeedbackType::pertanyaan);
  CHECK(s.identity_mode == core::IdentityMode::rahasia);
  CHECK(s.identity.name == "Sari Wulandari");
  CHECK(s.identity.phone == "+62 812-3456-7890");
  CHECK(s.identity.address == "Jl. Melati 3, Klaten");
  CHECK(s.urgent);
  CHECK(s.unit.empty());
  auto review = k.dump("review.json");
  CHECK(test::shows_text(review, "Sari Wulandari"));
  CHECK(test::shows_text(review, "Kapan poli gigi buka hari Sabtu?"));
}

TEST_CASE("named without confidentiality is 'named' - the phone step needs a name or a number") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.write
tap unit.skip
tap write_type.saran
type Tolong tambah kursi.
tap write_text.next
tap identity.named
tap contact_name.next
expect contact_phone
dump {out}/phone_empty.json
type 081234
dump {out}/phone_short.json
type 56789
dump {out}/phone_ok.json
tap contact_phone.next
tap contact_address.next
tap confidential.no
tap urgent.no
tap review.send
expect thanks
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  const auto& s = only(k.submissions());
  CHECK(s.identity_mode == core::IdentityMode::named);
  CHECK(s.identity.name.empty());
  CHECK(s.identity.phone == "08123456789");
  auto next_enabled = [&](const char* name) {
    const auto dump = k.dump(name);
    for (const auto& t : dump.at("targets"))
      if (t.at("id") == "contact_phone.next") return t.at("enabled").get<bool>();
    FAIL("no contact_phone.next in " << name);
    return false;
  };
  CHECK_FALSE(next_enabled("phone_empty.json"));
  CHECK(test::shows_text(k.dump("phone_empty.json"), "Isi nama atau nomor HP"));
  // "081234" is not a number anyone can call back: said plainly, no way on.
  CHECK_FALSE(next_enabled("phone_short.json"));
  CHECK(test::shows_text(k.dump("phone_short.json"), "Nomor HP belum lengkap"));
  CHECK_FALSE(test::shows_text(k.dump("phone_short.json"), "huruf"));  // never "6 / 20 huruf"
  CHECK(next_enabled("phone_ok.json"));
}

TEST_CASE("the phone field: letters are left out and said so - +62 numbers are fine") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.write
tap unit.skip
tap write_type.saran
type Tolong tambah kursi.
tap write_text.next
tap identity.named
tap contact_name.next
type +62 81x
dump {out}/letters.json
type 23456 7890
dump {out}/plus62.json
tap contact_phone.next
expect contact_address
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto letters = k.dump("letters.json");
  CHECK(test::shows_text(letters, "Nomor HP hanya berisi angka"));
  CHECK(test::shows_text(letters, "+62 81"));
  CHECK_FALSE(test::shows_text(letters, "81x"));
  CHECK_FALSE(test::shows_text(k.dump("plus62.json"), "hanya berisi angka"));
}

TEST_CASE("letters typed with combining marks are stored and drawn in NFC") {
  KioskFixture k;
  // A combining mark has no key: it arrives as text input, as from a USB
  // keyboard, right after its letter.
  auto run = k.run(
      "tap home.write\ntap unit.skip\ntap write_type.pujian\ntype Dokter Jose\xCC\x81 dan "
      "Nguye\xCC\x82\xCC\x83n ramah\ntap write_text.next\ntap identity.named\ntype Jose\xCC\x81\n"
      "tap contact_name.next\ntype 081234567890\ntap contact_phone.next\ntap contact_address.next\n"
      "tap confidential.no\ntap urgent.no\ntap review.send\n");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  const auto& s = only(k.submissions());
  CHECK(s.text == "Dokter Jos\xC3\xA9 dan Nguy\xE1\xBB\x85n ramah");
  CHECK(s.identity.name == "Jos\xC3\xA9");
}

TEST_CASE("Kembali walks back through the write flow and keeps what was typed") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.write
tap unit.skip
tap write_type.keluhan
type Toilet kotor
tap write_text.next
tap identity.back
expect write_text
type  sekali
tap write_text.back
expect write_type
tap write_type.keluhan
tap write_text.next
tap identity.anonymous
tap confidential.back
expect identity
tap identity.anonymous
tap confidential.no
tap urgent.back
expect confidential
tap confidential.no
tap urgent.no
tap review.back
expect urgent
tap urgent.no
tap review.send
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(only(k.submissions()).text == "Toilet kotor sekali");
}

namespace {

// A complaint with a long name, a phone number and an address, up to the
// review screen.
const char* kToReview = R"(
tap home.write
tap unit.skip
tap write_type.keluhan
type Dokter di poli umum membentak saya.
tap write_text.next
tap identity.named
type Raden Ajeng Sri Wulandari Prameswari Kusumaningtyas
tap contact_name.next
type 0812 3456 7890
tap contact_phone.next
type Jl. Melati 3, Klaten
tap contact_address.next
tap confidential.no
tap urgent.no
expect review
)";

}  // namespace

TEST_CASE("the review shows the address, and a long name whole with the phone beside it") {
  KioskFixture k;
  auto run = k.run(std::string(kToReview) + "dump {out}/review.json\n");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto review = k.dump("review.json");
  CHECK(test::shows_text(review, "Raden Ajeng Sri Wulandari Prameswari Kusumaningtyas"));
  CHECK(test::shows_text(review, "0812 3456 7890"));
  CHECK(test::shows_text(review, "Jl. Melati 3, Klaten"));
  CHECK(test::shows_text(review, "Alamat"));
  for (const auto& t : review.at("texts"))  // nothing cut with an ellipsis
    CHECK_MESSAGE(!t.value("cut", false), t.at("text"));
}

TEST_CASE("Masih di sana? hides what is under it - a finished complaint goes only when confirmed") {
  SUBCASE("nobody comes back: nothing is sent, nothing is kept") {
    KioskFixture k;
    auto run = k.run(std::string(kToReview) + R"(
advance 61
expect still_there
dump {out}/card.json
advance 16
expect home
dump {out}/home.json
)");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    auto card = k.dump("card.json");
    CHECK(card.at("under") == "review");
    CHECK(test::shows_text(card, "Masukan Anda belum terkirim."));
    for (const char* secret : {"Wulandari", "0812", "Melati", "membentak"})
      CHECK_FALSE(test::shows_text(card, secret));
    CHECK(k.submissions().empty());
    CHECK_FALSE(test::shows_text(k.dump("home.json"), "membentak"));
  }
  SUBCASE("the patient comes back and sends it from the card") {
    KioskFixture k;
    auto run = k.run(std::string(kToReview) + "advance 61\nexpect still_there\ntap idle.send\nexpect thanks\n");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    const auto& s = only(k.submissions());
    CHECK(s.text == "Dokter di poli umum membentak saya.");
    CHECK(s.identity.address == "Jl. Melati 3, Klaten");
  }
  SUBCASE("over the phone number: the digits are not readable") {
    KioskFixture k;
    auto run = k.run(R"(
tap home.write
tap unit.skip
tap write_type.saran
type Kursi kurang.
tap write_text.next
tap identity.named
type Sari
tap contact_name.next
type 081298765432
advance 61
expect still_there
dump {out}/card.json
)");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    auto card = k.dump("card.json");
    CHECK_FALSE(test::shows_text(card, "081298765432"));
    CHECK_FALSE(test::shows_text(card, "Sari"));
    CHECK(test::target_ids(card) == std::vector<std::string>{"idle.continue"});
  }
}

TEST_CASE("idle while writing: nothing typed is kept or shown to the next patient") {
  KioskFixture k;
  auto run = k.run(R"(
tap home.write
tap unit.skip
tap write_type.keluhan
type Nama dokter yang kasar: dr. X
advance 61
expect still_there
tap idle.continue
expect write_text
advance 30
expect write_text
advance 50
expect home
tap home.write
tap unit.skip
tap write_type.keluhan
dump {out}/next_patient.json
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(k.submissions().empty());
  auto next = k.dump("next_patient.json");
  CHECK_FALSE(test::shows_text(next, "kasar"));
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
