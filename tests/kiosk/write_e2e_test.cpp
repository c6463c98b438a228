// A written complaint end to end, from the choice to write to the thanks:
// anonymous, named, confidential and urgent, the contact details, going
// back, the review and the patient who walks away while writing.
#include <doctest/doctest.h>

#include "core/ticket.hpp"
#include "tests/kiosk/e2e_support.hpp"

using namespace kotak;
using kotak::test::KioskFixture;
using kotak::test::only;

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
