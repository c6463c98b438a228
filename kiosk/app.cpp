// See app.hpp. This file: the frame, the idle rule and moving between
// screens. app_store.cpp: starting up, the store, settings and admin work;
// app_input.cpp: typing and reading the screen aloud.
#include "kiosk/app.hpp"

#include <chrono>
#include <cmath>

#include "core/log.hpp"
#include "kiosk/platform/speaker.hpp"
#include "kiosk/screens/flow.hpp"

namespace kotak::kiosk {

namespace {

// After a screen changes, presses that began earlier (a double tap, a
// finger still down) are ignored for this long.
constexpr double kInputGuard = 0.35;

double monotonic_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

Clock::Clock(bool is_virtual) : virtual_(is_virtual), start_(monotonic_seconds()) {}

double Clock::now() const {
  // A virtual clock starts at 1000 s so that "a long time ago" (-10) is
  // always in the past, and moves only when told.
  return virtual_ ? 1000.0 + offset_ : monotonic_seconds() - start_ + 1000.0;
}

core::Timestamp Clock::wall() const {
  core::Timestamp t = core::now();
  t.unix_ms += static_cast<std::int64_t>(std::llround(offset_ * 1000));
  return t;
}

void Clock::advance(double seconds) {
  if (virtual_ && seconds > 0) offset_ += seconds;
}

App::App(std::filesystem::path config_file, Clock& clock)
    : config_file_(std::move(config_file)), clock_(clock) {
  start();
  screen_since_ = clock_.now();
  last_touch_ = screen_since_;
  idle_.touch(screen_since_);
  next_retry_ = screen_since_ + 15;
  if (!kiosk_.unavailable.empty()) screen_ = Screen::unavailable;
}

App::~App() = default;

const core::Catalog& App::catalog() const {
  // start() always leaves translations: the installed ones or the built-in.
  return translations_->catalog(session_.language);
}

std::string App::screen_label() const {
  return overlay_ ? "still_there" : std::string(screen_name(screen_));
}

Ctx App::context(Ui& ui, double now) {
  return Ctx{ui,
             session_,
             kiosk_,
             *this,
             *this,
             burst_,
             Origin{kiosk_.config.device_id, kiosk_.config.facility_id, clock_.wall()},
             now};
}

void App::touched() {
  const double now = clock_.now();
  last_touch_ = now;
  // A tap anywhere stops the voice; a tap on "Dengarkan" starts it again
  // when the frame sees it.
  if (speaker_) speaker_->stop();
  // Under the "Masih di sana?" card a touch is the card's: it must not take
  // the card away before its button sees the press (the screen under it
  // would get the tap instead).
  if (!overlay_) idle_.touch(now);
  redraw_ = true;
}

void App::frame(Ui& ui) {
  const double now = clock_.now();
  redraw_ = false;
  if (reset_ui_) {
    ui.reset_scrolls();
    reset_ui_ = false;
  }
  ui.guard_input(guard_until_);
  // Home returns to Bahasa Indonesia and normal text when nobody has
  // touched it for a while.
  const std::string& first = kiosk_.languages.empty() ? session_.language : kiosk_.languages[0];
  if (screen_ == Screen::home && now - last_touch_ >= kiosk_.config.idle_timeout_s) {
    session_.language = first;
    session_.large_text = false;
  }
  ui.set_catalog(catalog());
  Ctx ctx = context(ui, now);
  prompt_ = {};
  ctx.prompt = &prompt_;
  ctx.can_listen = speaker_ && speaker_->working();
  ctx.mic = mic_;
  ctx.playback = playback_;
  // A patient speaking does not touch the screen: not idle.
  if (recording()) idle_.touch(now);
  // Nobody is timed out while the kiosk is still talking to them: the idle
  // time counts from the end of the speech.
  if (speaking()) idle_.touch(now);

  const bool had_overlay = overlay_;
  overlay_ = false;
  if (in_follow_up()) {
    ctx.follow_up_left = follow_up_left(now);
    if (ctx.follow_up_left <= 0) {
      // The patient walked away after the face: it was stored at the tap
      // and stays; the next patient starts on a clean home.
      core::log::info("follow-up ended on " + std::string(screen_name(screen_)) +
                      ": the face stays counted");
      session_.changing_face = false;
      go(Screen::home, now);
      ui.set_catalog(catalog());
      ctx.follow_up_left = -1;
    }
  } else if (has_idle_timeout(screen_)) {
    switch (idle_.state(now)) {
      case IdleTimer::State::active:
        break;
      case IdleTimer::State::warning:
        overlay_ = true;
        break;
      case IdleTimer::State::expired:
        idle_timeout(ctx);
        ui.set_catalog(catalog());
        break;
    }
  }

  // The card coming up is like a new screen: a finger already down does
  // not press its buttons.
  if (overlay_ && !had_overlay) {
    guard_until_ = now + kInputGuard;
    ui.guard_input(guard_until_);
  }
  Screen next = screen_;
  if (!overlay_) {
    next = draw(ctx);
  } else {
    // The card alone: the screen under it is not drawn (issue 10).
    switch (draw_still_there(ctx, idle_.seconds_left(now), screen_ == Screen::review)) {
      case StillThere::waiting:
        break;
      case StillThere::continue_:
        idle_.touch(now);
        redraw_ = true;
        break;
      case StillThere::send:
        // The patient came back and confirmed: as "Kirim" on the review.
        next = save_written(ctx) ? Screen::thanks : Screen::store_error;
        break;
    }
  }
  // The thanks screen waits for the end of its words before going home.
  if (screen_ == Screen::thanks && next == Screen::home && !ctx.listen && speaking())
    next = screen_;
  if (ctx.listen) {
    speak();
  } else if (auto_pending_ && !overlay_) {
    auto_pending_ = false;
    if (quiet_now())
      core::log::debug("speech: quiet hours, " + std::string(screen_name(screen_)) + " not read");
    else
      speak();
  }
  if (next != screen_) {
    go(next, now);
    // [speech] auto reads a screen the patient came to by a tap, not one a
    // timeout brought up in front of nobody.
    auto_pending_ = speaker_ && kiosk_.config.speech.auto_speak && now - last_touch_ < 2.0;
  }
}

Screen App::draw(Ctx& ctx) {
  switch (screen_) {
    case Screen::home:
      return draw_home(ctx);
    case Screen::unit:
      return draw_unit(ctx);
    case Screen::want_write:
      return draw_want_write(ctx);
    case Screen::write_type:
      return draw_write_type(ctx);
    case Screen::write_text:
      return draw_write_text(ctx);
    case Screen::write_voice:
      return draw_write_voice(ctx);
    case Screen::identity:
      return draw_identity(ctx);
    case Screen::contact_name:
    case Screen::contact_phone:
    case Screen::contact_address:
      return draw_contact(ctx, screen_);
    case Screen::confidential:
      return draw_confidential(ctx);
    case Screen::urgent:
      return draw_urgent(ctx);
    case Screen::review:
      return draw_review(ctx);
    case Screen::thanks:
      return draw_thanks(ctx, screen_since_);
    case Screen::skm_intro:
      return draw_skm_intro(ctx);
    case Screen::skm_sex:
    case Screen::skm_age:
    case Screen::skm_education:
    case Screen::skm_occupation:
    case Screen::skm_service:
      return draw_skm_profile(ctx, screen_);
    case Screen::skm_question:
      return draw_skm_question(ctx);
    case Screen::skm_send:
      return draw_skm_send(ctx);
    case Screen::admin_pin:
      return draw_admin_pin(ctx);
    case Screen::admin:
      return draw_admin(ctx);
    case Screen::admin_enrol:
      return draw_admin_enrol(ctx);
    case Screen::touch_test:
      return draw_touch_test(ctx);
    case Screen::ticket_code:
      return draw_ticket_code(ctx);
    case Screen::ticket_status:
      return draw_ticket_status(ctx);
    case Screen::store_error:
      return draw_store_error(ctx, screen_since_);
    case Screen::unavailable:
      return draw_unavailable(ctx);
  }
  return Screen::home;
}

bool App::in_follow_up() const {
  switch (screen_) {
    case Screen::unit:
    case Screen::want_write:
      return session_.face.has_value();
    case Screen::home:
      return session_.changing_face;
    default:
      return false;
  }
}

int App::follow_up_left(double now) const {
  const double left = kiosk_.config.follow_up_s - idle_.idle_for(now);
  return left <= 0 ? 0 : static_cast<int>(std::ceil(left - 1e-9));
}

void App::idle_timeout(Ctx& ctx) {
  // A face was stored at its tap and survives the patient walking away; so
  // do the survey answers given so far. Nothing typed does.
  bool saved = false;
  if (session_.skm.answered() > 0) saved = save_skm(ctx, true);
  core::log::info(std::string("idle timeout on ") + std::string(screen_name(screen_)) +
                  (saved ? ": answer saved, screen cleared" : ": screen cleared"));
  session_.clear(kiosk_.languages.empty() ? "id" : kiosk_.languages[0],
                 static_cast<std::size_t>(kiosk_.config.max_text_chars));
  go(Screen::home, ctx.now);
}

void App::go(Screen next, double now) {
  const Screen previous = screen_;
  screen_ = next;
  screen_since_ = now;
  idle_.touch(now);
  guard_until_ = now + kInputGuard;
  redraw_ = true;
  const std::string first = kiosk_.languages.empty() ? "id" : kiosk_.languages[0];
  // Leaving "Rekam suara" in any way (the idle timeout, a language switch
  // does not leave): the microphone is closed, what was heard is kept.
  if (next != Screen::write_voice && mic_ && mic_->capturing()) {
    session_.voice.pull(*mic_, kiosk_.config.max_voice_seconds);
    mic_->stop();
    session_.voice.stop();
  }
  switch (next) {
    case Screen::home: {
      kiosk_.pressed_at = -10;
      kiosk_.pressed_face = 0;
      reset_ui_ = true;
      kiosk_.ticket_code.clear();
      kiosk_.ticket_asked.clear();
      // "Kembali" from the follow-up: the same patient may tap another face,
      // which corrects the one stored. Anything they began to write is
      // wiped all the same: home is where the next patient may stand.
      if (session_.changing_face) {
        session_.clear_answers();
        break;
      }
      // A new patient (or the same one starting over): nothing of the last
      // answer stays. After a finished answer the language resets too.
      const std::string language = session_.language;
      const bool large_text = session_.large_text;
      session_.clear(first, static_cast<std::size_t>(kiosk_.config.max_text_chars));
      if (previous != Screen::thanks && previous != Screen::store_error &&
          previous != Screen::admin && previous != Screen::admin_pin) {
        session_.language = language;
        session_.large_text = large_text;
      }
      break;
    }
    case Screen::write_text:
      session_.keyboard = Keyboard(KeyboardKind::text, AutoCapital::sentences, true);
      session_.keyboard.reset(session_.text);
      break;
    case Screen::contact_name:
      session_.keyboard = Keyboard(KeyboardKind::text, AutoCapital::words, false);
      session_.keyboard.reset(session_.name);
      break;
    case Screen::contact_phone:
      session_.keyboard = Keyboard(KeyboardKind::phone);
      session_.keyboard.reset(session_.phone);
      break;
    case Screen::contact_address:
      session_.keyboard = Keyboard(KeyboardKind::text, AutoCapital::words, false);
      session_.keyboard.reset(session_.address);
      break;
    case Screen::ticket_code:
      kiosk_.ticket_keyboard.reset(kiosk_.ticket_code);
      break;
    case Screen::admin:
      kiosk_.confirm_purge = false;
      refresh();
      break;
    default:
      break;
  }
  core::log::debug("screen " + std::string(screen_name(previous)) + " -> " +
                   std::string(screen_name(next)));
}

double App::next_wake(const Ui& ui) const {
  const double now = clock_.now();
  if (redraw_ || ui.animating()) return now;
  // Polling the store (update()) is not a reason to draw.
  double wake = ui.wake_at();
  if (screen_ == Screen::unavailable) wake = std::min(wake, next_retry_);
  if (in_follow_up()) {
    // The countdown in whole seconds, and the return home.
    const double left = kiosk_.config.follow_up_s - idle_.idle_for(now);
    wake = std::min(wake, now + std::max(0.0, left - std::floor(left - 1e-9)));
  } else if (has_idle_timeout(screen_)) {
    wake = std::min(wake, idle_.next_change(now));
  }
  if (screen_ == Screen::thanks || screen_ == Screen::store_error) {
    // The countdown in whole seconds, and the return home.
    double shown = now - screen_since_;
    wake = std::min(wake, screen_since_ + std::floor(shown) + 1.0);
  }
  if (screen_ == Screen::home) {
    const double period = std::max(1, kiosk_.config.board_rotate_s);
    if (kiosk_.board.size() > 1) wake = std::min(wake, (std::floor(now / period) + 1) * period);
    if ((!kiosk_.languages.empty() && session_.language != kiosk_.languages[0]) ||
        session_.large_text)
      wake = std::min(wake, last_touch_ + kiosk_.config.idle_timeout_s);
  }
  if (screen_ == Screen::admin_pin && kiosk_.pin_lock.locked(now)) wake = std::min(wake, now + 1);
  // The seconds a run of unknown ticket codes must wait, counting down.
  if (screen_ == Screen::ticket_code && kiosk_.ticket_guard.wait(now) > 0)
    wake = std::min(wake, now + 1);
  if (child_.running()) wake = std::min(wake, now + 0.25);
  // While speaking: the idle timer is held each frame, and the end of the
  // speech restarts it.
  if (speaking()) wake = std::min(wake, now + 0.25);
  // The meter and the time move while recording.
  if (recording()) wake = std::min(wake, now + 0.1);
  return std::max(wake, now);
}

}  // namespace kotak::kiosk
