// Speech without the kiosk around it: the text a screen's words make, the
// voice for each language, the WAV sink that plays in virtual time, and
// espeak-ng itself making Indonesian speech into it and stopping.
#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <vector>

#include "kiosk/platform/audio.hpp"
#include "kiosk/platform/speaker.hpp"
#include "kiosk/speech_text.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak::kiosk;

namespace {

// The header's data size and the samples of a WAV file the sink wrote.
std::vector<std::int16_t> wav_samples(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(bytes.size() >= 44);
  CHECK(std::memcmp(bytes.data(), "RIFF", 4) == 0);
  CHECK(std::memcmp(bytes.data() + 8, "WAVEfmt ", 8) == 0);
  CHECK(std::memcmp(bytes.data() + 36, "data", 4) == 0);
  std::uint32_t data = 0;
  std::memcpy(&data, bytes.data() + 40, 4);
  REQUIRE(data == bytes.size() - 44);
  std::vector<std::int16_t> samples(data / 2);
  if (data > 0) std::memcpy(samples.data(), bytes.data() + 44, data);  // (a muted file: none)
  return samples;
}

}  // namespace

TEST_CASE("spoken text: the question, the words under it, then each choice as a sentence") {
  Prompt p;
  p.title = "Layanan";
  p.question = "Layanan mana yang Anda terima?";
  p.detail = "Tidak wajib.\nTekan Lewati bila tidak ingin memilih";
  p.choices = {"Poli Umum", "KIA / KB", "Apotek"};
  CHECK(spoken_text(p, "Pilihannya:") ==
        "Layanan mana yang Anda terima? Tidak wajib. Tekan Lewati bila tidak ingin memilih. "
        "Pilihannya: Poli Umum. KIA / KB. Apotek.");
}

TEST_CASE("spoken text: the bar's title when the screen has no question, nothing for nothing") {
  Prompt p;
  CHECK(p.empty());
  CHECK(spoken_text(p, "Pilihannya:").empty());
  p.title = "Tulis keluhan Anda";
  CHECK_FALSE(p.empty());
  CHECK(spoken_text(p, "Pilihannya:") == "Tulis keluhan Anda.");
  // No choices: no "Pilihannya:" either; blank parts leave no stray stops.
  Prompt blank{.title = "Kontak", .question = "  Nama Anda ", .detail = " ", .choices = {}};
  CHECK(spoken_text(blank, "Pilihannya:") == "Nama Anda.");
  blank.choices = {"", "Ya!"};
  CHECK(spoken_text(blank, "The choices are:") == "Nama Anda. The choices are: Ya!");
}

TEST_CASE("voices: Indonesian for id and for Javanese, English for en, Indonesian otherwise") {
  CHECK(voice_for("id") == "id");
  CHECK(voice_for("en") == "en");
  CHECK(voice_for("jv") == "id");
  CHECK(voice_for("su") == "id");
  CHECK(voice_for("") == "id");
}

TEST_CASE("the WAV sink plays in step with the virtual clock and drops what a stop clears") {
  kotak::test::TempDir dir;
  const auto file = dir / "out.wav";
  {
    WavFileOut out(file);
    CHECK(wav_samples(file).empty());  // a valid, empty WAV from the start
    std::vector<std::int16_t> second(kAudioRate, 1000);
    out.queue(second.data(), second.size());
    out.queue(second.data(), second.size());
    CHECK(out.pending() == 2 * kAudioRate);
    out.advance(0.5);
    CHECK(out.pending() == kAudioRate + kAudioRate / 2);
    CHECK(wav_samples(file).size() == kAudioRate / 2);
    out.clear();
    CHECK(out.pending() == 0);
    out.advance(10);  // nothing left to play: the file does not grow
    CHECK(wav_samples(file).size() == kAudioRate / 2);
    // Time with nothing queued is not owed to what comes later.
    out.queue(second.data(), 100);
    out.advance(1.0 / kAudioRate * 40);
    CHECK(out.pending() == 60);
  }
  const auto samples = wav_samples(file);
  CHECK(samples.size() == kAudioRate / 2 + 40);
  CHECK(samples.front() == 1000);
}

TEST_CASE("espeak-ng speaks Indonesian into the sink, at the volume asked, and stops at once") {
  kotak::test::TempDir dir;
  const std::string text = "Bagaimana pelayanan kami hari ini? Pilihannya: Puas. Tidak puas.";
  // espeak-ng is one per process: one Speaker at a time.
  auto speak = [&](const std::filesystem::path& file, int volume) {
    WavFileOut out(file);
    Speaker speaker(out, volume);
    speaker.say(text, "id");
    CHECK(speaker.speaking());
    speaker.wait_made(60);
    REQUIRE_MESSAGE(speaker.working(), speaker.error());
    const std::size_t made = out.pending();
    out.advance(60);
    CHECK_FALSE(speaker.speaking());
    return made;
  };
  const std::size_t made = speak(dir / "loud.wav", 100);
  // A few seconds of speech, made far faster than it plays.
  CHECK(made > std::size_t{2} * kAudioRate);
  CHECK(made < std::size_t{20} * kAudioRate);
  // The same speech again (espeak-ng may differ by a few samples).
  const std::size_t again = speak(dir / "quiet.wav", 10);
  CHECK(again > made * 99 / 100);
  CHECK(again < made * 101 / 100);
  auto peak = [](const std::vector<std::int16_t>& s) {
    int p = 0;
    for (auto v : s) p = std::max(p, std::abs(static_cast<int>(v)));
    return p;
  };
  const int loud_peak = peak(wav_samples(dir / "loud.wav"));
  const int quiet_peak = peak(wav_samples(dir / "quiet.wav"));
  CHECK(loud_peak > 3000);
  CHECK(quiet_peak * 8 < loud_peak);
  CHECK(quiet_peak * 12 > loud_peak);

  WavFileOut out(dir / "stopped.wav");
  Speaker speaker(out, 100);
  speaker.say(text, "id");
  speaker.wait_made(60);
  CHECK(out.pending() > 0);
  speaker.stop();
  CHECK(out.pending() == 0);
  CHECK_FALSE(speaker.speaking());
  // A second Speaker while one lives would share espeak-ng's global state.
  WavFileOut other(dir / "other.wav");
  Speaker second(other, 100);
  second.say(text, "id");
  second.wait_made(60);
  CHECK_FALSE(second.working());
  CHECK(second.error().find("one") != std::string::npos);
}
