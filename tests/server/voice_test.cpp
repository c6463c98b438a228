// Spoken complaints on the server (issue 11): the recording stored at
// ingest, the register's mark, GET cases/ID/audio with ranges and its
// access rules, the transcript, and erasure and retention removing it.
// Runs on both engines (labels unit, unit-pg).
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/wire.hpp"
#include "server/dashboard/byte_range.hpp"
#include "tests/server/dashboard_site.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
using namespace kotak::test;

namespace {

// A recording's bytes: every byte value, so a text path would mangle them.
std::string fake_ogg(std::size_t size) {
  std::string ogg = "OggS";
  for (std::size_t i = 4; i < size; ++i) ogg.push_back(static_cast<char>(i * 37));
  return ogg;
}

// A spoken complaint of pkm-a from its kiosk; its case id.
std::int64_t add_spoken(Site& site, core::IdentityMode mode, const std::string& ogg) {
  auto s = sample_written("");
  s.created_at = {site.now - 30'000, 420};
  s.facility_id = "pkm-a";
  s.identity_mode = mode;
  if (mode != core::IdentityMode::anonim) s.identity = {"Bapak Joko", "0813 2222 3333", ""};
  s.audio = ogg;
  s.audio_ms = 4083;
  IngestItem item{s, core::wire::content_hash(s)};
  auto outcome = site.storage.ingest({"pkm-a", "kiosk-1"}, std::span(&item, 1), IngestSource::network, site.now);
  REQUIRE(outcome.at(0) == IngestOutcome::accepted);
  // Sent again: a duplicate, stored once.
  outcome = site.storage.ingest({"pkm-a", "kiosk-1"}, std::span(&item, 1), IngestSource::network, site.now);
  REQUIRE(outcome.at(0) == IngestOutcome::duplicate);
  CaseQuery q;
  q.facility_id = "pkm-a";
  for (const auto& c : site.storage.cases(q).cases)
    if (c.public_id == s.id) return c.id;
  FAIL("the spoken complaint has no case");
  return 0;
}

WebRequest with_range(WebRequest request, const std::string& range) {
  request.range = range;
  return request;
}

}  // namespace

TEST_CASE("a spoken complaint: stored at ingest, marked in the register, served whole and by range") {
  Site site;
  const auto ogg = fake_ogg(5000);
  const auto id = add_spoken(site, core::IdentityMode::anonim, ogg);
  auto recording = site.storage.case_recording("pkm-a", id);
  REQUIRE(recording);
  CHECK(recording->ogg == ogg);
  CHECK(recording->duration_ms == 4083);
  CHECK_FALSE(site.storage.case_recording("pkm-a", site.case_a));
  CHECK_THROWS_AS(site.storage.case_recording("pkm-b", id), StorageError);

  Browser sari = log_in(site, "sari"), dewi = log_in(site, "dewi"), budi = log_in(site, "budi");
  auto list = json::parse(site.dashboard->list_cases(sari.get()).body)["cases"];
  bool marked = false;
  for (const auto& c : list)
    if (c["id"] == id) marked = c["voice_ms"] == 4083;
  CHECK(marked);
  auto one = json::parse(site.dashboard->get_case(dewi.get({std::to_string(id)})).body);
  CHECK(one["voice_ms"] == 4083);
  CHECK(one["voice_access"] == true);

  auto whole = site.dashboard->audio(dewi.get({std::to_string(id)}));
  CHECK(whole.status == 200);
  CHECK(whole.content_type == "audio/ogg");
  CHECK(header(whole, "Accept-Ranges") == "bytes");
  CHECK(whole.body == ogg);
  auto part = site.dashboard->audio(with_range(dewi.get({std::to_string(id)}), "bytes=10-19"));
  CHECK(part.status == 206);
  CHECK(header(part, "Content-Range") == "bytes 10-19/5000");
  CHECK(part.body == ogg.substr(10, 10));
  // Another puskesmas's staff, a case without a recording: not found.
  CHECK(site.dashboard->audio(budi.get({std::to_string(id)})).status == 404);
  CHECK(site.dashboard->audio(sari.get({std::to_string(site.case_a)})).status == 404);
}

TEST_CASE("a rahasia complaint's voice follows its identity: the complaint officer alone") {
  Site site;
  const auto id = std::to_string(add_spoken(site, core::IdentityMode::rahasia, fake_ogg(800)));
  Browser sari = log_in(site, "sari"), dewi = log_in(site, "dewi"), kartini = log_in(site, "kartini"),
          dinkes = log_in(site, "dinkes");
  // As its identity: the officer says why, and each listen is in the access log.
  auto no_reason = site.dashboard->audio(sari.get({id}));
  CHECK(no_reason.status == 400);
  CHECK(json::parse(no_reason.body)["code"] == "error.identity.reason");
  CHECK(site.dashboard->audio(sari.get({id}, {{"reason", "   "}})).status == 400);
  CHECK(site.dashboard->audio(sari.get({id}, {{"reason", "Klarifikasi keluhan"}})).status == 200);
  // The player's later ranges of the same listen are not logged again.
  CHECK(site.dashboard->audio(with_range(sari.get({id}, {{"reason", "Klarifikasi keluhan"}}), "bytes=400-")).status ==
        206);
  auto views = site.dashboard->identity_views(kartini.get());
  REQUIRE(views.status == 200);
  auto rows = json::parse(views.body)["views"];
  REQUIRE(rows.size() == 1u);
  CHECK(rows[0]["user"] == "sari");
  CHECK(rows[0]["case_id"] == std::stoll(id));
  CHECK(rows[0]["reason"] == "Klarifikasi keluhan");
  for (Browser* who : {&dewi, &kartini, &dinkes}) {
    auto refused = site.dashboard->audio(who->get({id}));
    CHECK(refused.status == 403);
    CHECK(json::parse(refused.body)["code"] == "error.role.audio_rahasia");
  }
  CHECK(json::parse(site.dashboard->get_case(kartini.get({id})).body)["voice_access"] == false);
  CHECK(json::parse(site.dashboard->get_case(sari.get({id})).body)["voice_access"] == true);
  // Nor may they type what it says.
  CHECK(site.dashboard->change_case(dewi.post({id, "transcript"}, {{"text", "x"}})).status == 403);
}

TEST_CASE("staff type a transcript that becomes the case text, the history keeps what was before") {
  Site site;
  const auto id = std::to_string(add_spoken(site, core::IdentityMode::anonim, fake_ogg(800)));
  Browser sari = log_in(site, "sari");
  auto typed = site.dashboard->change_case(
      sari.post({id, "transcript"}, {{"text", "Antrean di apotek lama sekali, saya menunggu dua jam."}}));
  REQUIRE_MESSAGE(typed.status == 200, typed.body);
  auto c = json::parse(typed.body);
  CHECK(c["content"] == "Antrean di apotek lama sekali, saya menunggu dua jam.");
  CHECK(c["history"].back()["action"] == "transcript");
  CHECK(c["history"].back()["detail"]["before"] == "");
  // A typed complaint has nothing to transcribe.
  auto refused = site.dashboard->change_case(
      sari.post({std::to_string(site.case_a), "transcript"}, {{"text", "x"}}));
  CHECK(refused.status == 409);  // the rules refuse it, as a move not allowed
  CHECK(json::parse(refused.body)["code"] == "error.case.no_voice");
  CHECK(site.dashboard->change_case(sari.post({id, "transcript"}, {{"text", ""}})).status == 400);
}

TEST_CASE("erasure and retention remove a recording, also of a complaint without contact details") {
  Site site;
  auto& s = site.storage;
  const Actor kepala{0, "Bu Kepala"};
  const auto anonymous = add_spoken(site, core::IdentityMode::anonim, fake_ogg(600));
  const auto named = add_spoken(site, core::IdentityMode::named, fake_ogg(700));
  // Retention takes closed cases only: close both.
  for (auto id : {anonymous, named})
    s.change_case("pkm-a", id, StatusChange{reg::Status::bukan_wewenang, ""}, kepala, site.now);
  auto expired = s.expired_identities(site.now + 1, 100);
  CHECK(std::count(expired.begin(), expired.end(), anonymous) == 1);
  CHECK(std::count(expired.begin(), expired.end(), named) == 1);
  CHECK(s.erase_identities({"", {anonymous}, "retention", ""}, kepala, site.now) == 1);
  CHECK_FALSE(s.case_recording("pkm-a", anonymous));
  CHECK(s.find_case("pkm-a", anonymous)->voice_ms == 0);
  CHECK(s.erase_identities({"pkm-a", {named}, "request", "Permintaan pelapor"}, kepala, site.now) == 1);
  CHECK_FALSE(s.case_recording("pkm-a", named));
  CHECK(s.case_contact("pkm-a", named).empty());
  expired = s.expired_identities(site.now + 1, 100);
  CHECK(std::count(expired.begin(), expired.end(), anonymous) == 0);
}

TEST_CASE("range requests: suffixes, open ends, garbage answered whole, past the end refused") {
  const std::string bytes = "0123456789";
  auto r = byte_range_response(bytes, "bytes=-3", "audio/ogg");
  CHECK(r.status == 206);
  CHECK(r.body == "789");
  r = byte_range_response(bytes, "bytes=4-", "audio/ogg");
  CHECK(r.body == "456789");
  r = byte_range_response(bytes, "bytes=8-100", "audio/ogg");
  CHECK(r.body == "89");
  CHECK(header(r, "Content-Range") == "bytes 8-9/10");
  for (const char* whole : {"", "bytes=a-b", "bytes=1-2,4-5", "items=0-1", "bytes=5-2"}) {
    CAPTURE(whole);
    r = byte_range_response(bytes, whole, "audio/ogg");
    CHECK(r.status == 200);
    CHECK(r.body == bytes);
  }
  r = byte_range_response(bytes, "bytes=10-", "audio/ogg");
  CHECK(r.status == 416);
  CHECK(header(r, "Content-Range") == "bytes */10");
  CHECK(byte_range_response(bytes, "bytes=-0", "audio/ogg").status == 416);
}

TEST_CASE("an erased complaint's conflicting copy keeps neither its contact details nor its recording") {
  Site site;
  auto& s = site.storage;
  auto first = sample_written("Antrean terlalu lama");
  first.created_at = {site.now - 30'000, 420};
  first.facility_id = "pkm-a";
  first.identity_mode = core::IdentityMode::named;
  first.identity = {"Bapak Joko", "0813 2222 3333", ""};
  first.audio = fake_ogg(500);
  first.audio_ms = 3000;
  auto second = first;  // the same answer, sent again changed: a conflict
  second.text = "Antrean terlalu lama sekali";
  second.audio = fake_ogg(520);
  IngestItem a{first, core::wire::content_hash(first)}, b{second, core::wire::content_hash(second)};
  REQUIRE(s.ingest({"pkm-a", "kiosk-1"}, std::span(&a, 1), IngestSource::network, site.now).at(0) ==
          IngestOutcome::accepted);
  REQUIRE(s.ingest({"pkm-a", "kiosk-1"}, std::span(&b, 1), IngestSource::network, site.now).at(0) ==
          IngestOutcome::conflict);
  auto before = s.conflicts("pkm-a", 10);
  REQUIRE(before.size() == 1u);
  CHECK(json::parse(before[0].content).contains("audio"));
  CaseQuery q;
  q.facility_id = "pkm-a";
  std::int64_t id = 0;
  for (const auto& c : s.cases(q).cases)
    if (c.public_id == first.id) id = c.id;
  REQUIRE(id != 0);
  const Actor kepala{0, "Bu Kepala"};
  REQUIRE(s.erase_identities({"pkm-a", {id}, "request", "Permintaan pelapor"}, kepala, site.now) == 1);
  auto after = s.conflicts("pkm-a", 10);
  REQUIRE(after.size() == 1u);
  const auto content = json::parse(after[0].content);
  CHECK_FALSE(content.contains("audio"));
  CHECK(content.value("text", "") == "Antrean terlalu lama sekali");
  CHECK(after[0].content.find("Joko") == std::string::npos);
}
