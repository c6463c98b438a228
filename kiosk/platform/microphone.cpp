// See microphone.hpp.
#include "kiosk/platform/microphone.hpp"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "core/log.hpp"

namespace kotak::kiosk {

namespace {

class SdlAudioIn final : public AudioIn {
 public:
  SdlAudioIn(SDL_AudioDeviceID device, int rate, std::string name)
      : device_(device), rate_(rate), name_(std::move(name)) {}
  ~SdlAudioIn() override { SDL_CloseAudioDevice(device_); }
  void start() override {
    SDL_ClearQueuedAudio(device_);
    SDL_PauseAudioDevice(device_, 0);
    capturing_ = true;
  }
  void stop() override {
    SDL_PauseAudioDevice(device_, 1);
    capturing_ = false;
  }
  bool capturing() const override { return capturing_; }
  void take(std::vector<std::int16_t>& out) override {
    const Uint32 bytes = SDL_GetQueuedAudioSize(device_);
    if (bytes < 2) return;
    const std::size_t at = out.size();
    out.resize(at + bytes / 2);
    const Uint32 got = SDL_DequeueAudio(device_, out.data() + at, bytes / 2 * 2);
    out.resize(at + got / 2);
  }
  int rate() const override { return rate_; }
  std::string describe() const override { return name_; }

 private:
  SDL_AudioDeviceID device_;
  int rate_;
  std::string name_;
  bool capturing_ = false;
};

std::uint32_t u32(const unsigned char* p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint16_t u16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }

}  // namespace

WavFileIn::WavFileIn(const std::filesystem::path& file) : file_(file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the audio file " + file.string());
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                         std::istreambuf_iterator<char>());
  auto bad = [&](const std::string& why) {
    return std::runtime_error(file.string() + " is not a WAV file the kiosk can record from (" +
                              why + "); make one with: sox IN -r 16000 -c 1 -b 16 OUT.wav");
  };
  if (bytes.size() < 12 || std::memcmp(bytes.data(), "RIFF", 4) != 0 ||
      std::memcmp(bytes.data() + 8, "WAVE", 4) != 0)
    throw bad("no RIFF/WAVE header");
  int channels = 0, bits = 0;
  std::size_t at = 12;
  bool have_format = false;
  while (at + 8 <= bytes.size()) {
    const std::uint32_t size = u32(bytes.data() + at + 4);
    const unsigned char* body = bytes.data() + at + 8;
    const std::size_t available = std::min<std::size_t>(size, bytes.size() - at - 8);
    if (std::memcmp(bytes.data() + at, "fmt ", 4) == 0 && available >= 16) {
      if (u16(body) != 1 && u16(body) != 0xFFFE) throw bad("not PCM");
      channels = u16(body + 2);
      rate_ = static_cast<int>(u32(body + 4));
      bits = u16(body + 14);
      have_format = true;
    } else if (std::memcmp(bytes.data() + at, "data", 4) == 0) {
      if (!have_format) throw bad("data before its format");
      if (bits != 16) throw bad(std::to_string(bits) + "-bit samples, 16 expected");
      if (channels < 1 || channels > 2) throw bad(std::to_string(channels) + " channels");
      if (rate_ < 8000 || rate_ > 48000) throw bad(std::to_string(rate_) + " Hz");
      const std::size_t frames = available / (2u * static_cast<unsigned>(channels));
      samples_.resize(frames);
      for (std::size_t i = 0; i < frames; ++i) {
        int sum = 0;
        for (int c = 0; c < channels; ++c)
          sum += static_cast<std::int16_t>(u16(body + (i * static_cast<unsigned>(channels) +
                                                       static_cast<unsigned>(c)) * 2));
        samples_[i] = static_cast<std::int16_t>(sum / channels);
      }
      return;
    }
    at += 8 + size + (size & 1);
  }
  throw bad("no data chunk");
}

void WavFileIn::start() {
  capturing_ = true;
  heard_ = 0;
  taken_ = 0;
}

void WavFileIn::advance(double seconds) {
  if (capturing_) heard_ += seconds * rate_;
}

void WavFileIn::take(std::vector<std::int16_t>& out) {
  const auto heard = static_cast<std::uint64_t>(std::floor(heard_));
  for (; taken_ < heard; ++taken_)
    out.push_back(taken_ < samples_.size() ? samples_[static_cast<std::size_t>(taken_)] : 0);
}

Microphone start_microphone(int max_voice_seconds, bool headless,
                            const std::filesystem::path& audio_file) {
  Microphone mic;
  auto off = [&](const std::string& why) {
    core::log::info("voice recording off: " + why + "; the \"Rekam suara\" button is hidden");
    return std::move(mic);
  };
  if (max_voice_seconds == 0) return off("[kiosk] max_voice_seconds = 0");
  if (!audio_file.empty()) {
    mic.in = std::make_unique<WavFileIn>(audio_file);
  } else if (headless) {
    return off("a headless run without --audio-in");
  } else {
    mic.sdl = std::make_unique<SdlAudio>();
    if (!mic.sdl->ok()) return off(mic.sdl->why_not());
    if (SDL_GetNumAudioDevices(1) <= 0) return off("no audio capture device (microphone) found");
    SDL_AudioSpec want{}, have{};
    want.freq = kCaptureRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    // No allowed changes: SDL converts from what the card gives.
    SDL_AudioDeviceID device = SDL_OpenAudioDevice(nullptr, 1, &want, &have, 0);
    if (device == 0)
      return off(std::string("the microphone cannot be opened (") + SDL_GetError() + ")");
    const char* name = SDL_GetAudioDeviceName(0, 1);
    mic.in = std::make_unique<SdlAudioIn>(
        device, kCaptureRate,
        std::string("audio driver ") + SDL_GetCurrentAudioDriver() + ", capture device " +
            (name ? name : "default"));
  }
  core::log::info("voice recording on: " + mic.in->describe() + ", at most " +
                  std::to_string(max_voice_seconds) + " s");
  return mic;
}

}  // namespace kotak::kiosk
