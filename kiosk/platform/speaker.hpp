// The kiosk's voice: espeak-ng turns a prompt's words into speech on a
// thread of its own, so the frame loop never waits for it, and the samples
// go to an AudioOut as each buffer is made (the first words play while the
// rest is still being made). espeak-ng is used in its synchronous mode into
// our callback: its own audio output would open a second device.
//
// espeak-ng keeps global state and is not thread-safe: every call to it is
// made on the worker thread. stop() is immediate: the queued sound is
// dropped and the synthesis running is abandoned at its next buffer.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/config.hpp"
#include "kiosk/platform/audio.hpp"

namespace kotak::kiosk {

class Speaker {
 public:
  // volume: 1-100 (0 is muted: make no Speaker then).
  Speaker(AudioOut& out, int volume);
  ~Speaker();
  Speaker(const Speaker&) = delete;
  Speaker& operator=(const Speaker&) = delete;

  // Replaces whatever is being said with text, in an espeak-ng voice
  // (voice_for in speech_text.hpp).
  void say(const std::string& text, const std::string& voice);
  void stop();
  // Still making or playing sound.
  bool speaking() const;
  // False once espeak-ng failed to start (error() says why); the kiosk then
  // hides its "Dengarkan" button.
  bool working() const { return !failed_; }
  std::string error() const;
  // Headless runs: waits (real time, up to limit_s) until what was asked
  // has been made, so the virtual clock plays it deterministically.
  void wait_made(double limit_s);
  const AudioOut& out() const { return out_; }

 private:
  void run();
  void make(const std::string& text, const std::string& voice, std::uint64_t generation);

  AudioOut& out_;
  const int volume_;
  mutable std::mutex mutex_;
  std::condition_variable wake_, made_;
  std::string text_, voice_;
  bool job_ = false;         // text_ waits to be made
  bool making_ = false;      // the worker is making sound
  bool quit_ = false;
  std::atomic<std::uint64_t> generation_{0};  // stop() and say() move it on
  std::atomic<bool> failed_{false};
  std::string error_;
  std::thread worker_;
};

// The kiosk's speech as its config and the machine allow. speaker is null
// when there is none (muted, no audio device, a headless run without
// --audio-out); the log then says why, and the kiosk hides "Dengarkan".
struct Speech {
  std::unique_ptr<SdlAudio> sdl;
  std::unique_ptr<AudioOut> out;
  std::unique_ptr<Speaker> speaker;  // declared last: it goes first
};

// audio_file: a headless run's --audio-out (empty: none); a run with a
// display uses the sound card through SDL. Throws std::runtime_error when
// audio_file cannot be written.
Speech start_speech(const core::SpeechConfig& config, bool headless,
                    const std::filesystem::path& audio_file);

}  // namespace kotak::kiosk
