#include <doctest/doctest.h>

#include <set>

#include "core/submission.hpp"
#include "core/ticket.hpp"
#include "tests/support/samples.hpp"

using namespace kotak::core;
using kotak::test::sample_rating;
using kotak::test::sample_skm;
using kotak::test::sample_written;

TEST_CASE("the sample submissions of each kind are valid") {
  CHECK(validate(sample_rating()) == std::nullopt);
  CHECK(validate(sample_written()) == std::nullopt);
  CHECK(validate(sample_skm()) == std::nullopt);
}

TEST_CASE("a rating needs a face from 1 to 4 and carries no text") {
  auto s = sample_rating();
  s.rating.reset();
  CHECK(validate(s) == "a rating needs a face (1 to 4)");
  s.rating = 5;
  CHECK(validate(s) == "rating must be 1 to 4");
  s.rating = 2;
  s.text = "teks";
  CHECK(validate(s) == "a rating carries no text or type");
}

TEST_CASE("a written submission needs text, a type and a ticket, while its face is optional") {
  auto s = sample_written();
  s.rating.reset();
  CHECK(validate(s) == std::nullopt);
  s.text = "   \n ";
  CHECK(validate(s) == "a written submission needs text or a recording");
  s = sample_written();
  s.type.reset();
  CHECK(validate(s)->find("needs a type") != std::string::npos);
  s = sample_written();
  s.ticket = "ABC";
  CHECK(validate(s)->find("ticket") != std::string::npos);
}

TEST_CASE("text is limited to 5000 characters, counted as characters not bytes") {
  auto s = sample_written(std::string(5000, 'a'));
  CHECK(validate(s) == std::nullopt);
  std::string emoji;
  for (int i = 0; i < 5000; ++i) emoji += "😀";  // 20,000 bytes
  s.text = emoji;
  CHECK(validate(s) == std::nullopt);
  s.text += "a";
  CHECK(validate(s) == "text has 5001 characters; at most 5000 are allowed");
  s.text = "bad \xC3";
  CHECK(validate(s) == "text is not valid UTF-8");
  s.text = std::string("nul \0 inside", 12);
  CHECK(validate(s) == "text contains control characters");
}

TEST_CASE("identity follows the identity mode") {
  auto s = sample_written();
  s.identity = {"Budi", "", ""};
  CHECK(validate(s) == "an anonymous submission must not carry a name, phone or address");
  s.identity_mode = IdentityMode::named;
  CHECK(validate(s) == std::nullopt);
  s.identity = {};
  CHECK(validate(s) == "identity_mode named needs a name or a phone number");
  s.identity_mode = IdentityMode::rahasia;  // confidential, contact optional
  CHECK(validate(s) == std::nullopt);
  s.identity = {"", "0812-3456 7890", ""};
  CHECK(validate(s) == std::nullopt);
  s.identity.phone = "0812abc";
  CHECK(validate(s) == "identity.phone may hold only digits, spaces, '+' and '-'");
  auto rating = sample_rating();
  rating.identity_mode = IdentityMode::named;
  rating.identity = {"Budi", "", ""};
  CHECK(validate(rating) == "only written submissions carry contact details");
}

TEST_CASE("SKM responses hold scores by element and a profile from the allowed values") {
  auto s = sample_skm();
  s.skm->scores.fill(0);
  CHECK(validate(s) == "an SKM response needs at least one answered element");
  s.skm->scores[8] = 5;
  CHECK(validate(s)->find("1 to 4") != std::string::npos);
  s = sample_skm();
  s.skm->profile.education = "SMK";
  CHECK(validate(s)->find("education") != std::string::npos);
  s = sample_skm();
  s.skm.reset();
  CHECK(validate(s) == "a submission of kind skm needs survey answers");
  auto rating = sample_rating();
  rating.skm = sample_skm().skm;
  CHECK(validate(rating) == "only a submission of kind skm may carry survey answers");
}

TEST_CASE("ids, clocks, languages and flags are checked") {
  auto s = sample_rating();
  s.id = "not-a-uuid";
  CHECK(validate(s) == "id must be a lower-case UUID");
  s = sample_rating();
  s.created_at.unix_ms = 0;
  CHECK(validate(s)->find("check the device clock") != std::string::npos);
  s = sample_rating();
  s.language = "fr";
  CHECK(validate(s) == "language must be \"id\", \"en\" or \"jv\"");
  s = sample_rating();
  s.flags = {"burst", "sneaky"};
  CHECK(validate(s) == "unknown flag 'sneaky'");
  s = sample_rating();
  s.unit = "poli umum";
  CHECK(validate(s) == "unit must be a unit id from the config");
}

TEST_CASE("new_uuid makes distinct lower-case version 4 UUIDs") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto id = new_uuid();
    CHECK(is_uuid(id));
    CHECK(id[14] == '4');
    seen.insert(id);
  }
  CHECK(seen.size() == 1000u);
  CHECK_FALSE(is_uuid("6F9619FF-8B86-D011-B42D-00C04FC964FF"));
}

TEST_CASE("submission ids are version 7 UUIDs that sort by the time they were made") {
  // The layout of RFC 9562: 48 bits of Unix milliseconds, version 7, 12
  // random bits, variant 10, 62 random bits.
  const std::int64_t ms = 0x0123456789ab;
  auto id = new_submission_id(ms);
  REQUIRE(is_uuid(id));
  CHECK(id.substr(0, 13) == "01234567-89ab");
  CHECK(id[14] == '7');
  CHECK(std::string("89ab").find(id[19]) != std::string::npos);
  std::set<std::string> seen;
  std::string last;
  for (int i = 0; i < 1000; ++i) {
    auto next = new_submission_id(ms + i);  // one per millisecond
    REQUIRE(is_uuid(next));
    CHECK(next > last);
    last = next;
    seen.insert(new_submission_id(ms));  // the same millisecond: told apart by the random bits
  }
  CHECK(seen.size() == 1000u);
  // Without a time given: the device clock's now.
  const auto before = now().unix_ms;
  auto now_id = new_submission_id();
  const auto after = now().unix_ms;
  CHECK(new_submission_id(before).substr(0, 13) <= now_id.substr(0, 13));
  CHECK(now_id.substr(0, 13) <= new_submission_id(after).substr(0, 13));
}

TEST_CASE("tickets use only unambiguous characters in groups of three") {
  std::set<std::string> seen;
  for (int i = 0; i < 5000; ++i) {
    auto ticket = new_ticket();
    REQUIRE(is_ticket(ticket));
    CHECK(ticket.size() == 11u);
    for (char c : std::string("0O1IL2Z5S8BUVQ")) CHECK(ticket.find(c) == std::string::npos);
    seen.insert(ticket);
  }
  CHECK(seen.size() == 5000u);
}

TEST_CASE("normalize_ticket accepts what a person types") {
  CHECK(normalize_ticket("k7m 4fx 9ac") == "K7M-4FX-9AC");
  CHECK(normalize_ticket("K7M4FX9AC") == "K7M-4FX-9AC");
  CHECK(normalize_ticket("K7M-4FX-9A") == "");
  CHECK(normalize_ticket("K7M-4FX-9A0") == "");  // 0 is never in a ticket
}

TEST_CASE("kinds, types and identity modes convert to and from their wire names") {
  for (auto kind : {Kind::rating, Kind::written, Kind::skm})
    CHECK(parse_kind(to_string(kind)) == kind);
  for (auto type :
       {FeedbackType::saran, FeedbackType::keluhan, FeedbackType::pujian, FeedbackType::pertanyaan})
    CHECK(parse_feedback_type(to_string(type)) == type);
  for (auto mode : {IdentityMode::anonim, IdentityMode::named, IdentityMode::rahasia})
    CHECK(parse_identity_mode(to_string(mode)) == mode);
  CHECK_FALSE(parse_kind("Rating"));
}

TEST_CASE("a correction is a face naming its first submission, with a revision from 1") {
  auto tap = kotak::test::sample_rating(4);
  auto fix = kotak::test::sample_rating(1);
  fix.replaces = tap.id;
  fix.revision = 1;
  CHECK_FALSE(validate(fix));
  CHECK(fix.is_correction());
  CHECK_FALSE(tap.is_correction());

  auto no_revision = fix;
  no_revision.revision = 0;
  CHECK(validate(no_revision).value_or("").find("revision") != std::string::npos);
  auto revision_alone = tap;
  revision_alone.revision = 2;
  CHECK(validate(revision_alone).value_or("").find("replaces") != std::string::npos);
  auto itself = fix;
  itself.replaces = fix.id;
  CHECK(validate(itself).value_or("").find("itself") != std::string::npos);
  auto not_uuid = fix;
  not_uuid.replaces = "face-1";
  CHECK(validate(not_uuid).value_or("").find("UUID") != std::string::npos);
  auto too_many = fix;
  too_many.revision = kMaxRevision + 1;
  CHECK(validate(too_many));
  auto written = kotak::test::sample_written();
  written.replaces = tap.id;
  written.revision = 1;
  CHECK(validate(written).value_or("").find("only a face") != std::string::npos);
}

TEST_CASE("a spoken complaint: Ogg bytes with a length, text optional, only on written answers") {
  auto s = sample_written("");
  s.audio = "OggS" + std::string(1000, '\x01');
  s.audio_ms = 4000;
  CHECK_FALSE(validate(s));
  // Neither text nor a recording.
  auto empty = sample_written("");
  CHECK(validate(empty).value_or("").find("text or a recording") != std::string::npos);
  auto not_ogg = s;
  not_ogg.audio = "RIFF" + std::string(100, '\0');
  CHECK(validate(not_ogg).value_or("").find("not Ogg") != std::string::npos);
  auto no_length = s;
  no_length.audio_ms = 0;
  CHECK(validate(no_length).value_or("").find("audio_ms") != std::string::npos);
  auto too_long = s;
  too_long.audio_ms = (kMaxAudioSeconds + 2) * 1000;
  CHECK(validate(too_long));
  auto too_big = s;
  too_big.audio.resize(kMaxAudioBytes + 1, '\x01');
  CHECK(validate(too_big).value_or("").find("longer than") != std::string::npos);
  auto length_alone = sample_written();
  length_alone.audio_ms = 1000;
  CHECK(validate(length_alone));
  auto on_a_face = sample_rating();
  on_a_face.audio = s.audio;
  on_a_face.audio_ms = s.audio_ms;
  CHECK(validate(on_a_face).value_or("").find("only written") != std::string::npos);
}
