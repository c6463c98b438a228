// Where a spoken complaint comes from ("Rekam suara", kiosk/voice.hpp):
// 16-bit mono PCM, taken from any source in the frame loop.
//
//   SdlAudioIn   the microphone, through an SDL capture device (queued audio)
//   WavFileIn    headless runs (--audio-in FILE.wav): the file "is spoken"
//                in step with the virtual clock while capturing, then
//                silence, as a quiet room would be
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/platform/audio.hpp"

namespace kotak::kiosk {

// What the microphone is opened at: speech needs no more, and Opus encodes
// it as wideband.
inline constexpr int kCaptureRate = 16000;

class AudioIn {
 public:
  virtual ~AudioIn() = default;
  // Starts capturing, dropping anything heard before.
  virtual void start() = 0;
  virtual void stop() = 0;
  virtual bool capturing() const = 0;
  // Appends what was captured since the last call to out.
  virtual void take(std::vector<std::int16_t>& out) = 0;
  // Samples a second.
  virtual int rate() const = 0;
  // The virtual clock moved (headless); real devices ignore it.
  virtual void advance(double /*seconds*/) {}
  virtual std::string describe() const = 0;
};

class WavFileIn final : public AudioIn {
 public:
  // Reads a 16-bit PCM WAV file (mono; stereo is mixed down), 8-48 kHz.
  // Throws std::runtime_error saying what is wrong with it.
  explicit WavFileIn(const std::filesystem::path& file);
  void start() override;
  void stop() override { capturing_ = false; }
  bool capturing() const override { return capturing_; }
  void take(std::vector<std::int16_t>& out) override;
  int rate() const override { return rate_; }
  void advance(double seconds) override;
  std::string describe() const override { return "file " + file_.string(); }

 private:
  std::filesystem::path file_;
  std::vector<std::int16_t> samples_;
  int rate_ = kCaptureRate;
  bool capturing_ = false;
  double heard_ = 0;          // samples "spoken" since start(), fractional
  std::uint64_t taken_ = 0;   // of those, handed out
};

// The kiosk's microphone as the config and the machine allow; in is null
// when there is none (the log says why, and "Rekam suara" is hidden).
struct Microphone {
  std::unique_ptr<SdlAudio> sdl;  // SDL's audio subsystem, for a capture device
  std::unique_ptr<AudioIn> in;
};

// audio_file: a headless run's --audio-in (empty: none; a headless run has
// no microphone then); with a display, SDL's default capture device.
// max_voice_seconds 0 turns recording off. Throws std::runtime_error when
// audio_file cannot be read.
Microphone start_microphone(int max_voice_seconds, bool headless,
                            const std::filesystem::path& audio_file);

}  // namespace kotak::kiosk
