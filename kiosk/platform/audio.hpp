// Sound for the kiosk: where the spoken prompts go. The kiosk's audio is
// 16-bit mono PCM at one rate (espeak-ng's 22,050 Hz); each sink takes
// samples from any thread and plays them in order.
//
//   SdlAudioOut   the sound card, through an SDL audio device (queued audio)
//   WavFileOut    headless runs (--audio-out FILE.wav): "plays" in step with
//                 the virtual clock, writing what has been played to a WAV
//                 file, so a stopped prompt is as short in the file as it
//                 was in the room
//
// SdlAudio owns SDL's audio subsystem: the device for sound out now, and the
// place where capture (a voice complaint, --audio-in) opens its own device.
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

namespace kotak::kiosk {

inline constexpr int kAudioRate = 22050;

class AudioOut {
 public:
  virtual ~AudioOut() = default;
  // Appends samples to what is being played (thread-safe).
  virtual void queue(const std::int16_t* samples, std::size_t count) = 0;
  // Drops everything not yet played (thread-safe).
  virtual void clear() = 0;
  // Samples queued and not yet played.
  virtual std::size_t pending() const = 0;
  // The virtual clock moved: a sink that plays in virtual time plays this
  // much. Real devices play by themselves and ignore it.
  virtual void advance(double /*seconds*/) {}
  // A line for the log: which device or file.
  virtual std::string describe() const = 0;
};

// SDL's audio subsystem, started for the kiosk's lifetime.
class SdlAudio {
 public:
  // why_not says why there is no sound when ok() is false.
  SdlAudio();
  ~SdlAudio();
  SdlAudio(const SdlAudio&) = delete;
  SdlAudio& operator=(const SdlAudio&) = delete;
  bool ok() const { return ok_; }
  const std::string& why_not() const { return why_not_; }
  // The default output device; nullptr (and why_not) when it cannot be opened.
  std::unique_ptr<AudioOut> open_out();

 private:
  bool ok_ = false;
  std::string why_not_;
};

class WavFileOut final : public AudioOut {
 public:
  // Throws std::runtime_error when the file cannot be written.
  explicit WavFileOut(const std::filesystem::path& file);
  ~WavFileOut() override;
  void queue(const std::int16_t* samples, std::size_t count) override;
  void clear() override;
  std::size_t pending() const override;
  void advance(double seconds) override;
  std::string describe() const override { return "file " + file_.string(); }

 private:
  // Writes the header for the samples written so far: the file is a valid
  // WAV after every step, also when the kiosk is killed.
  void write_header();

  std::filesystem::path file_;
  std::FILE* out_ = nullptr;
  mutable std::mutex mutex_;
  std::deque<std::int16_t> pending_;
  std::uint64_t written_ = 0;  // samples in the file
  double owed_ = 0;            // a fraction of a sample carried to the next step
};

}  // namespace kotak::kiosk
