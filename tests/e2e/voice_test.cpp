// Issue 11, "Voice complaints": a recording made on the real kotak-kiosk
// (headless, --audio-in a tone sox makes) is delivered by kotak-sync
// exactly once, stored by the server and served to staff as audio/ogg with
// range requests; batches of recordings stay within their byte bound.
#include <doctest/doctest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/store.hpp"
#include "core/wire.hpp"
#include "tests/e2e/harness.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using namespace kotak::test;
using nlohmann::json;

namespace {

const char* kRecordTwoMinutes = R"(
tap home.face.2
tap unit.poli-umum
tap want_write.yes
tap write_type.keluhan
tap write_text.voice
tap write_voice.record
advance 125
expect write_voice
tap write_voice.next
tap identity.anonymous
tap confidential.no
tap urgent.no
tap review.send
expect thanks
)";

}  // namespace

TEST_CASE("a 2-minute recording is delivered exactly once and staff get it as audio/ogg with ranges") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  add_staff(server, "dewi", "petugas", "rahasia-123");
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  write_kiosk_config(kiosk);
  const auto tone = dir / "tone.wav";
  auto sox = run_command({"/usr/bin/sox", "-n", "-r", "16000", "-c", "1", "-b", "16",
                          tone.string(), "synth", "125", "sine", "300-900", "vol", "0.5"},
                         dir.path());
  REQUIRE_MESSAGE(sox.code == 0, sox.err);
  auto recorded = run_kiosk(kiosk, "voice.script", kRecordTwoMinutes, {},
                            {"--audio-in", tone.string()});
  REQUIRE_MESSAGE(recorded.code == 0, recorded.err);
  std::string ogg;
  {
    auto store = core::Store::open(kiosk.database);
    for (const auto& row : store.pending(10))
      if (!row.submission.audio.empty()) ogg = row.submission.audio;
  }
  REQUIRE(ogg.size() > 100000u);  // 2 minutes at ~16 kbit/s: ~240 kB

  // The kiosk as it was before sending, to send everything again as if
  // every answer of the server had been lost on the way.
  const auto before_sync = dir / "before-sync.db";
  {
    auto store = core::Store::open(kiosk.database);
    store.database().exec("VACUUM INTO '" + before_sync.string() + "'");
  }
  auto first = kiosk.sync_once();
  REQUIRE_MESSAGE(first.code == 0, first.err);
  CHECK(server.count("SELECT count(*) FROM recordings") == 1);
  CHECK(server.count("SELECT duration_ms FROM recordings") == 120000);
  CHECK(server.count("SELECT bytes FROM recordings") == static_cast<std::int64_t>(ogg.size()));
  CHECK(kiosk.counts().delivered == 3);  // the face, its unit (a correction), the spoken complaint

  // Delivered: the kiosk no longer holds the voice.
  CHECK(core::Store::open(kiosk.database).database().query_integer("SELECT count(*) FROM recordings") == 0);
  // Sent again (the answers lost on the way): a duplicate, stored once.
  const auto batches = server.batches_logged();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(kiosk.database.string() + suffix);
  std::filesystem::copy_file(before_sync, kiosk.database);
  auto again = kiosk.sync_once();
  REQUIRE_MESSAGE(again.code == 0, again.err);
  CHECK(server.batches_logged() > batches);
  CHECK(server.count("SELECT count(*) FROM recordings") == 1);
  CHECK(server.count("SELECT count(*) FROM submissions WHERE kind = 'written'") == 1);
  CHECK(kiosk.counts().quarantined == 0);
  CHECK(kiosk.counts().delivered == 3);

  // The register marks it; staff get the bytes, whole and by range.
  httplib::Client http("127.0.0.1", server.port());
  const httplib::Headers cookie{{"Cookie", staff_cookie(server, "dewi", "rahasia-123")}};
  auto list = http.Get("/api/staff/cases", cookie);
  REQUIRE(list);
  REQUIRE_MESSAGE(list->status == 200, list->body);
  auto cases = json::parse(list->body).at("cases");
  REQUIRE(cases.size() == 1);
  CHECK(cases[0].at("voice_ms") == 120000);
  const std::string path = "/api/staff/cases/" + std::to_string(cases[0].at("id").get<int>()) + "/audio";
  auto whole = http.Get(path, cookie);
  REQUIRE(whole);
  CHECK(whole->status == 200);
  CHECK(whole->get_header_value("Content-Type") == "audio/ogg");
  CHECK(whole->get_header_value("Accept-Ranges") == "bytes");
  CHECK(whole->body == ogg);
  auto headers = cookie;
  headers.emplace("Range", "bytes=100-199");
  auto part = http.Get(path, headers);
  REQUIRE(part);
  CHECK(part->status == 206);
  CHECK(part->get_header_value("Content-Range") ==
        "bytes 100-199/" + std::to_string(ogg.size()));
  CHECK(part->body == ogg.substr(100, 100));
  auto beyond = cookie;
  beyond.emplace("Range", "bytes=99999999-");
  auto past = http.Get(path, beyond);
  REQUIRE(past);
  CHECK(past->status == 416);
  // Without a session: nothing.
  auto anonymous = http.Get(path);
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  server.stop();
}

TEST_CASE("batches of recordings stay within their byte bound and a large one never blocks the rest") {
  TempDir dir;
  // The server refuses any body over the kiosk's bound: a batch past it
  // would fail the run.
  const auto bound = std::to_string(core::wire::kMaxItemBytes);
  ServerFixture server(dir / "server", "[limits]\nmax_body_bytes = " + bound + "\n");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file,
                     "batch_bytes = " + bound + "\n");
  {
    auto store = core::Store::open(kiosk.database);
    for (int i = 0; i < 12; ++i) {
      auto s = sample_written(i % 3 == 0 ? "" : "Keluhan " + std::to_string(i));
      s.device_id = "kiosk-1";
      s.facility_id = "pkm-test";
      if (i % 3 == 0) {
        // Recordings at the largest a kiosk makes, between small answers.
        s.audio = "OggS" + std::string(core::kMaxAudioBytes - 4, static_cast<char>('a' + i));
        s.audio_ms = 300000;
      }
      store.add(s);
    }
  }
  auto run = kiosk.sync_once();
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(kiosk.counts().delivered == 12);
  CHECK(kiosk.counts().quarantined == 0);
  CHECK(server.count("SELECT count(*) FROM recordings") == 4);
  CHECK(server.count("SELECT min(bytes) FROM recordings") ==
        static_cast<std::int64_t>(core::kMaxAudioBytes));
  // Four recordings of ~1.4 MB in base64 cannot share a batch of 1.5 MB.
  CHECK(server.batches_logged() >= 4);
  server.stop();
}
