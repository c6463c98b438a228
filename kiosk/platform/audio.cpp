// See audio.hpp.
#include "kiosk/platform/audio.hpp"

#include <SDL.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace kotak::kiosk {

namespace {

class SdlAudioOut final : public AudioOut {
 public:
  SdlAudioOut(SDL_AudioDeviceID device, std::string name)
      : device_(device), name_(std::move(name)) {
    SDL_PauseAudioDevice(device_, 0);
  }
  ~SdlAudioOut() override { SDL_CloseAudioDevice(device_); }
  // SDL's queue takes its own lock: safe from the synthesis thread.
  void queue(const std::int16_t* samples, std::size_t count) override {
    SDL_QueueAudio(device_, samples, static_cast<Uint32>(count * sizeof(std::int16_t)));
  }
  void clear() override { SDL_ClearQueuedAudio(device_); }
  std::size_t pending() const override {
    return SDL_GetQueuedAudioSize(device_) / sizeof(std::int16_t);
  }
  std::string describe() const override { return name_; }

 private:
  SDL_AudioDeviceID device_;
  std::string name_;
};

}  // namespace

SdlAudio::SdlAudio() {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    why_not_ = std::string("SDL cannot start audio: ") + SDL_GetError();
    return;
  }
  ok_ = true;
}

SdlAudio::~SdlAudio() {
  if (ok_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

std::unique_ptr<AudioOut> SdlAudio::open_out() {
  if (!ok_) return nullptr;
  SDL_AudioSpec want{};
  want.freq = kAudioRate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  // No allowed changes: SDL converts to what the card takes.
  SDL_AudioDeviceID device = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
  if (device == 0) {
    why_not_ = std::string("no audio device (") + SDL_GetError() + ")";
    return nullptr;
  }
  return std::make_unique<SdlAudioOut>(
      device, std::string("audio driver ") + SDL_GetCurrentAudioDriver() + ", default device");
}

namespace {

void put_u32(unsigned char* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

void put_u16(unsigned char* p, std::uint16_t v) {
  p[0] = static_cast<unsigned char>(v);
  p[1] = static_cast<unsigned char>(v >> 8);
}

}  // namespace

WavFileOut::WavFileOut(const std::filesystem::path& file) : file_(file) {
  out_ = std::fopen(file.c_str(), "wb");
  if (!out_) throw std::runtime_error("cannot write the audio file " + file.string());
  write_header();
}

WavFileOut::~WavFileOut() {
  if (out_) std::fclose(out_);
}

void WavFileOut::write_header() {
  // RIFF/WAVE, one "fmt " chunk (PCM, mono, 16 bit) and the "data" chunk.
  unsigned char h[44] = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' '};
  const auto data_bytes = static_cast<std::uint32_t>(written_ * 2);
  put_u32(h + 4, 36 + data_bytes);
  put_u32(h + 16, 16);
  put_u16(h + 20, 1);  // PCM
  put_u16(h + 22, 1);  // mono
  put_u32(h + 24, kAudioRate);
  put_u32(h + 28, kAudioRate * 2);
  put_u16(h + 32, 2);
  put_u16(h + 34, 16);
  h[36] = 'd';
  h[37] = 'a';
  h[38] = 't';
  h[39] = 'a';
  put_u32(h + 40, data_bytes);
  std::fseek(out_, 0, SEEK_SET);
  std::fwrite(h, 1, sizeof h, out_);
  std::fseek(out_, 0, SEEK_END);
}

void WavFileOut::queue(const std::int16_t* samples, std::size_t count) {
  std::lock_guard lock(mutex_);
  pending_.insert(pending_.end(), samples, samples + count);
}

void WavFileOut::clear() {
  std::lock_guard lock(mutex_);
  pending_.clear();
}

std::size_t WavFileOut::pending() const {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

void WavFileOut::advance(double seconds) {
  std::lock_guard lock(mutex_);
  if (pending_.empty()) {
    owed_ = 0;
    return;
  }
  owed_ += seconds * kAudioRate;
  const auto n = std::min(pending_.size(), static_cast<std::size_t>(std::floor(owed_)));
  owed_ -= static_cast<double>(n);
  if (n == 0) return;
  // Little-endian on disk, as on every machine the kiosk runs on.
  std::vector<std::int16_t> chunk(pending_.begin(), pending_.begin() + static_cast<long>(n));
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<long>(n));
  std::fwrite(chunk.data(), sizeof(std::int16_t), chunk.size(), out_);
  written_ += n;
  write_header();
  std::fflush(out_);
}

}  // namespace kotak::kiosk
