// A spoken complaint as it is being recorded ("Rekam suara"): the samples
// from the microphone are encoded to Opus in Ogg (libopusenc, ~16 kbit/s
// mono, voice) as they arrive, so stopping costs only the last page, and
// kept as PCM too for "Putar" (playback) until the patient moves on. A
// 2-minute recording is ~240 kB of Ogg and ~3.8 MB of PCM at 16 kHz.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kotak::kiosk {

class AudioIn;

inline constexpr int kVoiceBitrate = 16000;

class VoiceRecording {
 public:
  enum class State { empty, recording, recorded };

  VoiceRecording();
  ~VoiceRecording();
  VoiceRecording(VoiceRecording&&) noexcept;
  VoiceRecording& operator=(VoiceRecording&&) noexcept;

  // Starts a new recording of samples at rate Hz, dropping the last one.
  // Throws std::runtime_error when the encoder cannot start.
  void start(int rate);
  // Adds captured samples, at most up to limit_s seconds in all; stops by
  // itself at the limit (state() is then recorded).
  void add(const std::int16_t* samples, std::size_t count, int limit_s);
  // Finishes the Ogg stream: ogg() is complete.
  void stop();
  void clear();

  // Pulls what `in` captured into the recording (recording state only).
  void pull(AudioIn& in, int limit_s);

  State state() const { return state_; }
  double seconds() const;
  int duration_ms() const;
  // Loudness of the last ~0.1 s, 0..1 (for the meter), on a log scale.
  float level() const { return level_; }
  const std::string& ogg() const { return ogg_; }
  const std::vector<std::int16_t>& pcm() const { return pcm_; }
  int rate() const { return rate_; }

 private:
  struct Encoder;
  std::unique_ptr<Encoder> encoder_;
  State state_ = State::empty;
  int rate_ = 16000;
  std::vector<std::int16_t> pcm_;
  std::string ogg_;
  float level_ = 0;
  std::vector<std::int16_t> scratch_;
};

// Samples at `from` Hz resampled (linear) to `to` Hz: the recording played
// back through the kiosk's one output rate (audio.hpp, kAudioRate).
std::vector<std::int16_t> resample(const std::vector<std::int16_t>& in, int from, int to);

}  // namespace kotak::kiosk
