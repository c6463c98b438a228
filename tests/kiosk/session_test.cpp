// What the screens collect becomes Submissions that core accepts, with the
// identity rules of DOMAIN.md.
#include <doctest/doctest.h>

#include "core/ticket.hpp"
#include "kiosk/session.hpp"

using namespace kotak;
using namespace kotak::kiosk;

namespace {

Origin origin() { return {"kiosk-1", "pkm-test", core::now()}; }

Session written(const std::string& text) {
  Session s;
  s.clear("id", 1000);
  s.type = core::FeedbackType::keluhan;
  s.text.insert(text);
  return s;
}

}  // namespace

TEST_CASE("a face becomes a valid rating with its unit and flags") {
  Session s;
  s.clear("en", 1000);
  s.face = 2;
  s.unit = "poli-umum";
  auto r = rating_submission(s, origin(), true);
  CHECK_FALSE(core::validate(r));
  CHECK(r.kind == core::Kind::rating);
  CHECK(r.rating == 2);
  CHECK(r.unit == "poli-umum");
  CHECK(r.language == "en");
  CHECK(r.has_flag(core::kFlagBurst));
  CHECK_FALSE(r.is_correction());
  CHECK(rating_submission(s, origin(), false).flags.empty());
}

TEST_CASE("after the tap, a changed unit or face is a correction naming the tap") {
  Session s;
  s.clear("id", 1000);
  s.face = 4;
  CHECK(face_changed(s));  // nothing stored yet
  auto tap = rating_submission(s, origin(), false);
  s.stored = {tap.id, 0, 4, "", false};
  CHECK_FALSE(face_changed(s));
  s.unit = "kia";
  CHECK(face_changed(s));
  auto fix = rating_submission(s, origin(), false);
  CHECK_FALSE(core::validate(fix));
  CHECK(fix.replaces == tap.id);
  CHECK(fix.revision == 1);
  CHECK(fix.unit == "kia");
  s.stored = {tap.id, 1, 4, "kia", false};
  s.face = 1;
  auto again = rating_submission(s, origin(), false);
  CHECK(again.replaces == tap.id);  // always the tap, never the previous correction
  CHECK(again.revision == 2);
  CHECK(again.rating == 1);
}

TEST_CASE("written: anonymous by default - named with contact - rahasia when confidential") {
  auto s = written("Antrean lama");
  auto anon = written_submission(s, origin(), core::new_ticket());
  CHECK_FALSE(core::validate(anon));
  CHECK(anon.identity_mode == core::IdentityMode::anonim);
  CHECK(anon.identity.empty());
  CHECK_FALSE(anon.rating);  // the face is counted in its own rating row

  s.wants_contact = true;
  s.name.insert("  Ibu Sari ");
  s.phone.insert("0812 3456");
  s.address.insert("Jl. Melati 3");
  auto named = written_submission(s, origin(), core::new_ticket());
  CHECK_FALSE(core::validate(named));
  CHECK(named.identity_mode == core::IdentityMode::named);
  CHECK(named.identity.name == "Ibu Sari");
  CHECK(named.identity.address == "Jl. Melati 3");

  s.confidential = true;
  auto secret = written_submission(s, origin(), core::new_ticket());
  CHECK_FALSE(core::validate(secret));
  CHECK(secret.identity_mode == core::IdentityMode::rahasia);
  CHECK(secret.identity.phone == "0812 3456");

  // Confidential without contact details is fine too.
  auto s2 = written("Rahasia");
  s2.confidential = true;
  auto bare = written_submission(s2, origin(), core::new_ticket());
  CHECK_FALSE(core::validate(bare));
  CHECK(bare.identity.empty());
}

TEST_CASE("asking for contact but leaving it empty stays anonymous") {
  auto s = written("Tes");
  s.wants_contact = true;
  s.address.insert("Jl. Mawar");
  auto w = written_submission(s, origin(), core::new_ticket());
  CHECK(w.identity_mode == core::IdentityMode::anonim);
  CHECK(w.identity.empty());
  CHECK_FALSE(core::validate(w));
}

TEST_CASE("the text is stored exactly as typed") {
  const std::string hostile = "<script>alert('x')</script>\n\"quoted\" \xF0\x9F\x98\x80  ";
  auto s = written(hostile);
  auto w = written_submission(s, origin(), core::new_ticket());
  CHECK(w.text == hostile);
  CHECK_FALSE(core::validate(w));
}

TEST_CASE("an SKM draft becomes one skm submission by element code") {
  Session s;
  s.clear("id", 1000);
  s.skm.scores = {4, 3, 0, 4, 0, 0, 2, 1, 3};
  s.skm.profile = {"P", "60+", "SMA", "Lainnya", "kia"};
  CHECK(s.skm.answered() == 6);
  auto skm = skm_submission(s, origin(), false);
  CHECK_FALSE(core::validate(skm));
  CHECK(skm.kind == core::Kind::skm);
  CHECK(skm.skm->scores[7] == 1);  // U8
  CHECK(skm.skm->profile.age_group == "60+");
}

TEST_CASE("clear wipes one patient's answer before the next") {
  auto s = written("pribadi");
  s.face = 1;
  s.stored.first_id = core::new_uuid();
  s.changing_face = true;
  s.name.insert("Sari");
  s.skm.scores[0] = 3;
  s.clear("id", 500);
  CHECK_FALSE(s.face);
  CHECK(s.stored.first_id.empty());
  CHECK_FALSE(s.changing_face);
  CHECK(s.text.empty());
  CHECK(s.text.max_chars() == 500);
  CHECK(s.name.empty());
  CHECK(s.skm.answered() == 0);
  CHECK_FALSE(s.type);
}
