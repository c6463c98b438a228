// "Rekam suara" (issue 11, "Voice complaints"): the real kotak-kiosk,
// headless, records from a WAV file sox generates (--audio-in), plays it
// back into --audio-out and saves Ogg/Opus with the complaint; opusinfo
// measures what was saved.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <regex>

#include "tests/kiosk/e2e_support.hpp"
#include "tests/support/process.hpp"

using namespace kotak;
using kotak::test::KioskFixture;
using kotak::test::KioskOptions;
namespace fs = std::filesystem;

namespace {

// A tone of `seconds` as the microphone would give it (16 kHz mono).
fs::path make_tone(const fs::path& dir, double seconds) {
  const fs::path wav = dir / "tone.wav";
  test::Process sox({"/usr/bin/sox", "-n", "-r", "16000", "-c", "1", "-b", "16", wav.string(), "synth",
                     std::to_string(seconds), "sine", "300-900", "vol", "0.5"});
  sox.read_all(std::chrono::seconds(30));
  REQUIRE(sox.wait() == 0);
  return wav;
}

// The playback length opusinfo reads from an Ogg/Opus file, in seconds.
double opus_seconds(const fs::path& ogg) {
  test::Process info({"/usr/bin/opusinfo", ogg.string()});
  const std::string out = info.read_all(std::chrono::seconds(30));
  std::smatch m;
  REQUIRE_MESSAGE(std::regex_search(out, m, std::regex(R"(Playback length: (\d+)m:([\d.]+)s)")),
                  out);
  return std::stod(m[1]) * 60 + std::stod(m[2]);
}

// The spoken complaint the run saved (its face is the other row).
core::Submission written_row(const KioskFixture& k) {
  for (const auto& s : k.counted())
    if (s.kind == core::Kind::written) return s;
  FAIL("no written answer was saved");
  return {};
}

const char* kToVoice = R"(
tap home.face.2
tap unit.poli-umum
tap want_write.yes
tap write_type.keluhan
expect write_text
)";

const char* kSendAnonymous = R"(
tap write_voice.next
expect identity
tap identity.anonymous
tap confidential.no
tap urgent.no
expect review
)";

}  // namespace

TEST_CASE("a spoken complaint is recorded, played back and saved as Ogg/Opus of its length") {
  for (const char* size : {"800x480", "1920x1080"}) {
    CAPTURE(size);
    test::TempDir tones;
    KioskOptions options;
    options.size = size;
    options.speech = true;  // a speaker for "Putar rekaman"
    options.languages = R"(["id", "en", "jv"])";
    options.audio_in = make_tone(tones.path(), 6);
    KioskFixture k(options);
    auto run = k.run(std::string(kToVoice) + R"(
shot {out}/write_text.png
tap write_text.voice
expect write_voice
shot {out}/write_voice.png
dump {out}/empty.json
tap write_voice.record
advance 4
shot {out}/recording.png
dump {out}/recording.json
tap write_voice.record
shot {out}/recorded.png
dump {out}/recorded.json
tap write_voice.play
advance 5
)" + kSendAnonymous + R"(
dump {out}/review.json
shot {out}/review.png
tap review.send
expect thanks
)");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    CHECK(run.err.find("voice recording on: file") != std::string::npos);
    for (const char* name : {"empty.json", "recording.json", "recorded.json"}) {
      CAPTURE(name);
      const auto dump = k.dump(name);
      for (const auto& problem : test::size_problems(dump)) FAIL_CHECK(problem);
      CHECK(test::foreign_texts(dump, "id").empty());
    }
    const auto ids = [&](const char* name) { return test::target_ids(k.dump(name)); };
    auto has = [](const std::vector<std::string>& list, const char* id) {
      return std::find(list.begin(), list.end(), id) != list.end();
    };
    CHECK_FALSE(has(ids("empty.json"), "write_voice.play"));
    CHECK(has(ids("recorded.json"), "write_voice.play"));
    CHECK(test::shows_text(k.dump("recording.json"), "Merekam... 0:04 / 2:00"));
    CHECK(test::shows_text(k.dump("review.json"), "Rekaman suara"));
    // "Putar rekaman" played the 4 s back through the speaker.
    const auto played = test::measure(run.audio);
    CHECK(played.seconds == doctest::Approx(4.0).epsilon(0.05));
    CHECK(played.rms > 0.1);

    const auto written = written_row(k);
    CHECK(written.text.empty());
    CHECK(written.audio.rfind("OggS", 0) == 0);
    // The tap that stops is one frame after the 4 s.
    CHECK(written.audio_ms >= 4000);
    CHECK(written.audio_ms <= 4100);
    test::write_file(k.dir() / "saved.ogg", written.audio);
    CHECK(opus_seconds(k.dir() / "saved.ogg") * 1000 ==
          doctest::Approx(written.audio_ms).epsilon(0.01));
    // ~16 kbit/s: 4 s is 6..16 kB.
    CHECK(written.audio.size() > 6000u);
    CHECK(written.audio.size() < 16000u);

    auto shots = test::screenshot_dir(std::string("voice-") + size);
    for (const char* png : {"write_text.png", "write_voice.png", "recording.png", "recorded.png",
                            "review.png"})
      fs::copy_file(k.dir() / png, shots / png, fs::copy_options::overwrite_existing);
  }
}

TEST_CASE("a long recording stops at the limit, the patient is not timed out while speaking") {
  test::TempDir tones;
  KioskOptions options;
  options.max_voice_seconds = 90;  // longer than the 60 s idle timeout
  options.audio_in = make_tone(tones.path(), 120);
  KioskFixture k(options);
  auto run = k.run(std::string(kToVoice) + R"(
tap write_text.voice
tap write_voice.record
advance 100
expect write_voice
dump {out}/limit.json
tap write_voice.next
tap identity.anonymous
tap confidential.no
tap urgent.yes
tap review.send
expect thanks
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(test::shows_text(k.dump("limit.json"), "1:30 / 1:30"));
  const auto written = written_row(k);
  CHECK(written.audio_ms == 90000);
  test::write_file(k.dir() / "saved.ogg", written.audio);
  CHECK(opus_seconds(k.dir() / "saved.ogg") == doctest::Approx(90.0).epsilon(0.01));
}

TEST_CASE("typed and spoken together, and back from identity returns to the recording") {
  test::TempDir tones;
  KioskOptions options;
  options.audio_in = make_tone(tones.path(), 3);
  KioskFixture k(options);
  auto run = k.run(std::string(kToVoice) + R"(
type Antrean lama
tap write_text.voice
tap write_voice.record
advance 2
tap write_voice.record
tap write_voice.next
expect identity
tap identity.back
expect write_voice
tap write_voice.back
expect write_text
dump {out}/text.json
tap write_text.next
tap identity.anonymous
tap confidential.no
tap urgent.no
tap review.send
expect thanks
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(test::shows_text(k.dump("text.json"), "Suara terekam"));
  const auto written = written_row(k);
  CHECK(written.text == "Antrean lama");
  CHECK(written.audio_ms >= 2000);
  CHECK(written.audio_ms <= 2100);
}

TEST_CASE("without a microphone, or with recording off, there is no Rekam suara and the log says why") {
  for (bool off : {false, true}) {
    CAPTURE(off);
    test::TempDir tones;
    KioskOptions options;
    if (off) options.audio_in = make_tone(tones.path(), 1);
    KioskFixture k(options);
    if (off) {
      // [kiosk] max_voice_seconds = 0, written into the fixture's config.
      std::string config;
      {
        std::ifstream in(k.config());
        config.assign(std::istreambuf_iterator<char>(in), {});
      }
      config.replace(config.find("[kiosk]\n"), 8, "[kiosk]\nmax_voice_seconds = 0\n");
      test::write_file(k.config(), config);
    }
    auto run = k.run(std::string(kToVoice) + "dump {out}/text.json\n");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    const auto ids = test::target_ids(k.dump("text.json"));
    CHECK(std::find(ids.begin(), ids.end(), "write_text.voice") == ids.end());
    CHECK(run.err.find(off ? "voice recording off: [kiosk] max_voice_seconds = 0"
                           : "voice recording off: a headless run without --audio-in") !=
          std::string::npos);
  }
}
