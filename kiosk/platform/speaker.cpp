// See speaker.hpp.
#include "kiosk/platform/speaker.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "core/log.hpp"

namespace kotak::kiosk {

namespace {

// What the synthesis callback needs, for the one synthesis running (on the
// worker thread; espeak-ng passes our pointer back in each event).
struct Making {
  AudioOut* out;
  int volume;
  std::uint64_t generation;
  // The speaker's: a stop() moves current on under the lock and clears the
  // sink, so no buffer of a stopped prompt is queued after it.
  std::mutex* mutex;
  const std::atomic<std::uint64_t>* current;
  std::vector<std::int16_t> scaled;
};

// A calm pace for older listeners (espeak-ng's default is 175 words a minute).
constexpr int kWordsPerMinute = 150;

// espeak-ng's state is global: a second Speaker would share it from
// another thread. The kiosk makes one; a second refuses to start.
std::atomic<bool> g_espeak_taken{false};

// espeak-ng is started once a process and never stopped: espeak_Terminate
// of espeak-ng 1.51 waits forever for its internal queue thread after
// synchronous use. Its sample rate, or a negative number when it failed.
// espeak-ng finds its voices in the espeak-ng-data of its own library's
// architecture (/usr/lib/<triplet>/espeak-ng-data, Debian's espeak-ng-data).
int espeak_rate() {
  static const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, nullptr, 0);
  return rate;
}

int on_samples(short* samples, int count, espeak_EVENT* event) {
  auto* making = static_cast<Making*>(event ? event->user_data : nullptr);
  if (!making) return 0;
  if (!samples || count <= 0) return 0;
  making->scaled.resize(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    making->scaled[static_cast<std::size_t>(i)] =
        static_cast<std::int16_t>(samples[i] * making->volume / 100);
  std::lock_guard lock(*making->mutex);
  if (making->current->load() != making->generation) return 1;  // stopped: abandon it
  making->out->queue(making->scaled.data(), making->scaled.size());
  return 0;
}

}  // namespace

Speaker::Speaker(AudioOut& out, int volume)
    : out_(out), volume_(std::clamp(volume, 1, 100)), worker_([this] { run(); }) {}

Speaker::~Speaker() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
    generation_++;
  }
  wake_.notify_all();
  worker_.join();
}

void Speaker::say(const std::string& text, const std::string& voice) {
  if (failed_) return;
  {
    std::lock_guard lock(mutex_);
    text_ = text;
    voice_ = voice;
    job_ = true;
    generation_++;
    out_.clear();
  }
  wake_.notify_all();
}

void Speaker::stop() {
  std::lock_guard lock(mutex_);
  job_ = false;
  generation_++;
  out_.clear();
}

bool Speaker::speaking() const {
  // A voice that never started holds nothing up (the idle timer waits
  // while the kiosk speaks).
  if (failed_) return false;
  {
    std::lock_guard lock(mutex_);
    if (job_ || making_) return true;
  }
  return out_.pending() > 0;
}

std::string Speaker::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

void Speaker::wait_made(double limit_s) {
  std::unique_lock lock(mutex_);
  made_.wait_for(lock, std::chrono::duration<double>(limit_s),
                 [this] { return (!job_ && !making_) || quit_ || failed_; });
}

void Speaker::run() {
  if (g_espeak_taken.exchange(true)) {
    {
      std::lock_guard lock(mutex_);
      error_ = "espeak-ng is already in use by another Speaker: one a process";
      failed_ = true;
    }
    made_.notify_all();
    return;
  }
  const int rate = espeak_rate();
  {
    std::lock_guard lock(mutex_);
    if (rate != kAudioRate) {
      error_ = rate < 0 ? "espeak-ng cannot start: is espeak-ng-data installed?"
                        : "espeak-ng speaks at " + std::to_string(rate) + " Hz, not " +
                              std::to_string(kAudioRate);
      failed_ = true;
    }
  }
  if (failed_) {
    core::log::error("speech off: " + error());
    g_espeak_taken = false;
    made_.notify_all();
    return;
  }
  espeak_SetSynthCallback(&on_samples);
  espeak_SetParameter(espeakRATE, kWordsPerMinute, 0);
  for (;;) {
    std::string text, voice;
    std::uint64_t generation = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return job_ || quit_; });
      if (quit_) break;
      text = std::move(text_);
      voice = std::move(voice_);
      job_ = false;
      making_ = true;
      generation = generation_.load();
    }
    make(text, voice, generation);
    {
      std::lock_guard lock(mutex_);
      making_ = false;
    }
    made_.notify_all();
  }
  g_espeak_taken = false;
}

void Speaker::make(const std::string& text, const std::string& voice, std::uint64_t generation) {
  if (espeak_SetVoiceByName(voice.c_str()) != EE_OK) {
    core::log::warning("speech: espeak-ng has no voice \"" + voice + "\"; speaking Indonesian");
    espeak_SetVoiceByName("id");
  }
  Making making{&out_, volume_, generation, &mutex_, &generation_, {}};
  espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr,
               &making);
}

Speech start_speech(const core::SpeechConfig& config, bool headless,
                    const std::filesystem::path& audio_file) {
  Speech speech;
  auto off = [&](const std::string& why) {
    core::log::info("speech off: " + why + "; the \"Dengarkan\" button is hidden");
    return std::move(speech);
  };
  // A headless run's file is written also when muted: empty, as the room
  // would be.
  if (!audio_file.empty()) speech.out = std::make_unique<WavFileOut>(audio_file);
  if (!config.enabled) return off("[speech] enabled = false");
  if (config.volume == 0) return off("[speech] volume = 0 (muted)");
  if (!speech.out && headless) return off("a headless run without --audio-out");
  if (!speech.out) {
    speech.sdl = std::make_unique<SdlAudio>();
    speech.out = speech.sdl->open_out();
    if (!speech.out) return off(speech.sdl->why_not());
  }
  speech.speaker = std::make_unique<Speaker>(*speech.out, config.volume);
  core::log::info("speech on: " + speech.out->describe() + ", volume " +
                  std::to_string(config.volume) + ", auto " + (config.auto_speak ? "on" : "off") +
                  (config.quiet_hours ? ", quiet hours " + to_string(*config.quiet_hours) : ""));
  return speech;
}

}  // namespace kotak::kiosk
