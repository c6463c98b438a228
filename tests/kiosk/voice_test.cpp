// "Rekam suara" below the screen: the recorder's Ogg/Opus (libopusenc), its
// limit and meter, and the headless microphone (--audio-in) reading WAV files.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>

#include "kiosk/platform/microphone.hpp"
#include "kiosk/voice.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak::kiosk;
using kotak::test::TempDir;

namespace {

std::vector<std::int16_t> tone(double seconds, int rate, double amplitude = 0.5) {
  std::vector<std::int16_t> out(static_cast<std::size_t>(seconds * rate));
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<std::int16_t>(amplitude * 32767 *
                                       std::sin(2 * M_PI * 440 * static_cast<double>(i) / rate));
  return out;
}

std::uint64_t le(const std::string& s, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
  return v;
}

// What a player would play: the last page's granule position (48 kHz in
// Opus) less the header's pre-skip (RFC 7845).
double ogg_opus_seconds(const std::string& ogg) {
  const auto head = ogg.find("OpusHead");
  REQUIRE(head != std::string::npos);
  const auto pre_skip = le(ogg, head + 10, 2);
  const auto last = ogg.rfind("OggS");
  REQUIRE(last != std::string::npos);
  return static_cast<double>(le(ogg, last + 6, 8) - pre_skip) / 48000.0;
}

void write_wav(const std::filesystem::path& file, const std::vector<std::int16_t>& samples,
               int rate, int channels) {
  std::string data;
  for (auto s : samples)
    for (int c = 0; c < channels; ++c) {
      data.push_back(static_cast<char>(s & 0xFF));
      data.push_back(static_cast<char>((s >> 8) & 0xFF));
    }
  auto u32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 24)};
  };
  auto u16 = [](std::uint16_t v) { return std::string{static_cast<char>(v), static_cast<char>(v >> 8)}; };
  const auto ch = static_cast<std::uint16_t>(channels);
  std::string wav = "RIFF" + u32(static_cast<std::uint32_t>(36 + data.size())) + "WAVEfmt " +
                    u32(16) + u16(1) + u16(ch) + u32(static_cast<std::uint32_t>(rate)) +
                    u32(static_cast<std::uint32_t>(rate * 2 * channels)) +
                    u16(static_cast<std::uint16_t>(2 * ch)) + u16(16) + "data" +
                    u32(static_cast<std::uint32_t>(data.size())) + data;
  std::ofstream(file, std::ios::binary) << wav;
}

}  // namespace

TEST_CASE("a recording is Ogg/Opus of its length at about 16 kbit/s, its PCM kept for playback") {
  VoiceRecording voice;
  voice.start(16000);
  CHECK(voice.state() == VoiceRecording::State::recording);
  const auto samples = tone(10, 16000);
  // In frame-sized pieces, as the kiosk pulls them.
  for (std::size_t at = 0; at < samples.size(); at += 533)
    voice.add(samples.data() + at, std::min<std::size_t>(533, samples.size() - at), 120);
  CHECK(voice.level() > 0.8f);  // a loud tone fills the meter
  voice.stop();
  REQUIRE(voice.state() == VoiceRecording::State::recorded);
  CHECK(voice.duration_ms() == 10000);
  CHECK(voice.pcm().size() == samples.size());
  const std::string& ogg = voice.ogg();
  CHECK(ogg.rfind("OggS", 0) == 0);
  CHECK(ogg_opus_seconds(ogg) == doctest::Approx(10.0).epsilon(0.01));
  // ~16 kbit/s plus Ogg's overhead: 10 s is 15..30 kB.
  CHECK(ogg.size() > 15000u);
  CHECK(ogg.size() < 30000u);
  CHECK(voice.level() == 0.0f);
}

TEST_CASE("recording stops by itself at the limit, and a re-record replaces the first") {
  VoiceRecording voice;
  voice.start(16000);
  const auto samples = tone(13, 16000);
  voice.add(samples.data(), samples.size(), 12);
  CHECK(voice.state() == VoiceRecording::State::recorded);
  CHECK(voice.duration_ms() == 12000);
  CHECK(ogg_opus_seconds(voice.ogg()) == doctest::Approx(12.0).epsilon(0.01));
  voice.add(samples.data(), samples.size(), 12);  // after the stop: nothing more
  CHECK(voice.duration_ms() == 12000);
  voice.start(16000);
  CHECK(voice.ogg().empty());
  CHECK(voice.seconds() == 0);
  voice.add(samples.data(), 16000 * 2, 12);
  voice.stop();
  CHECK(voice.duration_ms() == 2000);
  // Silence reads as silence on the meter; nothing heard is no recording.
  VoiceRecording quiet;
  quiet.start(16000);
  std::vector<std::int16_t> silence(1600, 0);
  quiet.add(silence.data(), silence.size(), 12);
  CHECK(quiet.level() == 0.0f);
  VoiceRecording nothing;
  nothing.start(16000);
  nothing.stop();
  CHECK(nothing.state() == VoiceRecording::State::empty);
}

TEST_CASE("playback resamples to the output rate, keeping the length") {
  const auto samples = tone(2, 16000);
  const auto out = resample(samples, 16000, kAudioRate);
  CHECK(out.size() == static_cast<std::size_t>(2 * kAudioRate));
  CHECK(resample({}, 16000, kAudioRate).empty());
}

TEST_CASE("the headless microphone hears a WAV file in step with the virtual clock, then silence") {
  TempDir dir;
  const auto samples = tone(1, 8000);
  write_wav(dir / "mono.wav", samples, 8000, 1);
  WavFileIn in(dir / "mono.wav");
  CHECK(in.rate() == 8000);
  std::vector<std::int16_t> got;
  in.advance(5);  // not capturing: nothing heard
  in.take(got);
  CHECK(got.empty());
  in.start();
  in.advance(0.5);
  in.take(got);
  CHECK(got.size() == 4000u);
  CHECK(std::equal(got.begin(), got.end(), samples.begin()));
  in.advance(1.0);
  in.take(got);
  REQUIRE(got.size() == 12000u);
  CHECK(got.back() == 0);  // past the file's end
  in.stop();
  in.advance(1);
  in.take(got);
  CHECK(got.size() == 12000u);
  // Stereo is mixed down.
  write_wav(dir / "stereo.wav", samples, 16000, 2);
  WavFileIn stereo(dir / "stereo.wav");
  stereo.start();
  stereo.advance(0.01);
  std::vector<std::int16_t> mixed;
  stereo.take(mixed);
  REQUIRE(mixed.size() == 160u);
  CHECK(mixed[7] == samples[7]);
}

TEST_CASE("a file the microphone cannot hear is refused with what to do") {
  TempDir dir;
  kotak::test::write_file(dir / "text.wav", "not a wav file at all");
  CHECK_THROWS_WITH(WavFileIn(dir / "text.wav"), doctest::Contains("sox IN -r 16000"));
  CHECK_THROWS_WITH(WavFileIn(dir / "missing.wav"), doctest::Contains("cannot read"));
  CHECK_FALSE(start_microphone(120, true, {}).in);  // headless without --audio-in
  CHECK_FALSE(start_microphone(0, true, dir / "text.wav").in);  // recording off
}
