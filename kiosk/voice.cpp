// See voice.hpp.
#include "kiosk/voice.hpp"

#include <opus/opusenc.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/submission.hpp"
#include "kiosk/platform/microphone.hpp"

namespace kotak::kiosk {

struct VoiceRecording::Encoder {
  OggOpusEnc* enc = nullptr;
  OggOpusComments* comments = nullptr;
  std::string out;  // the Ogg pages so far; the encoder writes here (a stable address)
  ~Encoder() {
    if (enc) ope_encoder_destroy(enc);
    if (comments) ope_comments_destroy(comments);
  }
};

namespace {

int write_page(void* user, const unsigned char* data, opus_int32 length) {
  auto* out = static_cast<std::string*>(user);
  out->append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
  return 0;
}

int close_stream(void*) { return 0; }

// What the encoder may still hold back when it is stopped (its last pages).
constexpr std::size_t kOggMargin = 64 * 1024;

}  // namespace

VoiceRecording::VoiceRecording() = default;
VoiceRecording::~VoiceRecording() = default;
VoiceRecording::VoiceRecording(VoiceRecording&&) noexcept = default;
VoiceRecording& VoiceRecording::operator=(VoiceRecording&&) noexcept = default;

void VoiceRecording::start(int rate) {
  clear();
  rate_ = rate;
  pcm_.reserve(static_cast<std::size_t>(rate) * 10);
  auto encoder = std::make_unique<Encoder>();
  encoder->comments = ope_comments_create();
  if (!encoder->comments) throw std::runtime_error("libopusenc: cannot make the Ogg comments");
  ope_comments_add(encoder->comments, "ENCODER", "kotak-kiosk");
  static const OpusEncCallbacks callbacks{write_page, close_stream};
  int error = 0;
  encoder->enc =
      ope_encoder_create_callbacks(&callbacks, &encoder->out, encoder->comments, rate, 1, 0, &error);
  if (!encoder->enc)
    throw std::runtime_error(std::string("libopusenc cannot start: ") + ope_strerror(error));
  ope_encoder_ctl(encoder->enc, OPUS_SET_BITRATE(kVoiceBitrate));
  ope_encoder_ctl(encoder->enc, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
  encoder_ = std::move(encoder);
  state_ = State::recording;
}

void VoiceRecording::add(const std::int16_t* samples, std::size_t count, int limit_s) {
  if (state_ != State::recording) return;
  const auto limit = static_cast<std::size_t>(limit_s) * static_cast<std::size_t>(rate_);
  count = std::min(count, limit - std::min(limit, pcm_.size()));
  if (count > 0) {
    pcm_.insert(pcm_.end(), samples, samples + count);
    ope_encoder_write(encoder_->enc, samples, static_cast<int>(count));
    // The meter: RMS of the last tenth of a second, in dB from -60 to 0.
    const std::size_t window = std::min(pcm_.size(), static_cast<std::size_t>(rate_ / 10));
    double sum = 0;
    for (std::size_t i = pcm_.size() - window; i < pcm_.size(); ++i)
      sum += static_cast<double>(pcm_[i]) * pcm_[i];
    const double rms = window ? std::sqrt(sum / static_cast<double>(window)) / 32768.0 : 0;
    const double db = rms > 0 ? 20 * std::log10(rms) : -60;
    level_ = static_cast<float>(std::clamp((db + 60) / 60, 0.0, 1.0));
  }
  // A recording always fits the wire (submission.hpp, kMaxAudioBytes): an
  // encoder far above its bit rate ends it early rather than lose it.
  if (pcm_.size() >= limit || encoder_->out.size() + kOggMargin > core::kMaxAudioBytes) stop();
}

void VoiceRecording::pull(AudioIn& in, int limit_s) {
  if (state_ != State::recording) return;
  scratch_.clear();
  in.take(scratch_);
  add(scratch_.data(), scratch_.size(), limit_s);
  if (state_ != State::recording) in.stop();
}

void VoiceRecording::stop() {
  if (state_ != State::recording) return;
  if (pcm_.empty()) {
    clear();
    return;
  }
  ope_encoder_drain(encoder_->enc);
  ogg_ = std::move(encoder_->out);
  encoder_.reset();
  level_ = 0;
  state_ = State::recorded;
}

void VoiceRecording::clear() {
  encoder_.reset();
  state_ = State::empty;
  pcm_.clear();
  pcm_.shrink_to_fit();
  ogg_.clear();
  level_ = 0;
}

double VoiceRecording::seconds() const {
  return static_cast<double>(pcm_.size()) / static_cast<double>(rate_);
}

int VoiceRecording::duration_ms() const {
  return static_cast<int>(std::llround(seconds() * 1000));
}

std::vector<std::int16_t> resample(const std::vector<std::int16_t>& in, int from, int to) {
  if (in.empty() || from == to) return in;
  const auto n = static_cast<std::size_t>(static_cast<double>(in.size()) * to / from);
  std::vector<std::int16_t> out(n);
  const double step = static_cast<double>(from) / to;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = static_cast<double>(i) * step;
    const auto a = std::min(in.size() - 1, static_cast<std::size_t>(x));
    const auto b = std::min(in.size() - 1, a + 1);
    const double f = x - static_cast<double>(a);
    out[i] = static_cast<std::int16_t>(std::lround(in[a] * (1 - f) + in[b] * f));
  }
  return out;
}

}  // namespace kotak::kiosk
