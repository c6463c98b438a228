// The kiosk application, apart from where it runs: it loads the config,
// catalogs and store (turning any failure into an on-screen message), owns
// the patient's Session and the kiosk's state, and each frame draws the
// current screen, applies the idle rule and moves between screens. The
// platform layer (kiosk/platform/) calls update() and frame() and sleeps
// until next_wake(); tests drive the same calls headless.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "core/store.hpp"
#include "kiosk/admin_tasks.hpp"
#include "kiosk/burst_rule.hpp"
#include "kiosk/idle_timer.hpp"
#include "kiosk/screens/screen.hpp"
#include "kiosk/speech_text.hpp"

namespace kotak::kiosk {

class Speaker;

// The app's clock: seconds on a monotonic clock, and the wall time for new
// submissions. The headless driver moves it by hand.
class Clock {
 public:
  explicit Clock(bool is_virtual);
  double now() const;
  core::Timestamp wall() const;
  void advance(double seconds);
  bool is_virtual() const { return virtual_; }

 private:
  bool virtual_;
  double offset_ = 0;  // virtual: seconds advanced so far
  double start_;       // monotonic seconds at construction
};

class App final : public Outbox, public AdminActions {
 public:
  App(std::filesystem::path config_file, Clock& clock);
  ~App() override;

  // Polls the store for the sync agent's changes, the admin task, and
  // retries a kiosk that could not start. True when the screen must be
  // redrawn.
  bool update();
  // Draws one frame of the current screen (inside an imgui frame).
  void frame(Ui& ui);
  // The next time something changes by itself (idle countdown, thanks
  // timeout, board rotation, a hold completing, a running task).
  double next_wake(const Ui& ui) const;
  // A touch arrived: the patient is here.
  void touched();
  // Text from a hardware keyboard (SDL_TEXTINPUT) or the headless driver,
  // for characters the on-screen keyboard has no key for; and backspace.
  void text_input(std::string_view utf8);
  void key_backspace();
  // The keys to press on the on-screen keyboard for one character; empty
  // when there is no keyboard on screen or no key for it.
  std::vector<std::string> keys_for(std::string_view ch) const;
  bool has_keyboard() const;

  Screen screen() const { return screen_; }
  // The name tests expect: the screen's, or "still_there" under the idle card.
  std::string screen_label() const;
  const core::Catalog& catalog() const;
  const core::KioskConfig& config() const { return kiosk_.config; }
  const KioskState& kiosk() const { return kiosk_; }
  Session& session() { return session_; }
  int rotation() const { return kiosk_.config.rotation; }
  // The patient chose "A+" on home: the frame is drawn with larger sizes.
  bool large_text() const { return session_.large_text; }
  // The voice that reads screens aloud (kiosk/platform/speaker.hpp); none:
  // no "Dengarkan" button. Set once by the platform after construction.
  void set_speaker(Speaker* speaker) { speaker_ = speaker; }
  bool speaking() const;
  // "Rekam suara": the microphone (null: none, the button is hidden) and
  // where a recording is played back (null: no "Putar"). Set once by the
  // platform after construction.
  void set_voice(AudioIn* mic, AudioOut* playback) {
    mic_ = mic;
    playback_ = playback;
  }
  bool recording() const;
  // What "Dengarkan" would read on the frame drawn last.
  std::string spoken_text() const;
  // Waits (real time, up to limit) for a running admin task to finish.
  void wait_for_task(double limit_s);

  // Outbox: the one narrow call through which answers reach the store.
  SaveResult save(const core::Submission& submission) override;
  // AdminActions.
  void refresh() override;
  void start_sync() override;
  void start_export() override;
  void start_enrol(const std::string& code) override;
  void purge_delivered() override;
  void save_pin_lock() override;

 private:
  void start();
  // The kiosk cannot work: the unavailable screen says why (key) with the
  // component's words (detail) for the technician, and the log says it too.
  void fail(std::string key, const std::string& detail);
  void load_settings();
  // Draws the home screen's QR code anew when its text changed (a new
  // window of the phone pages' token, new settings); true when it did.
  bool refresh_qr();
  void go(Screen next, double now);
  Screen draw(Ctx& ctx);
  void idle_timeout(Ctx& ctx);
  // After a face: the unit and "want to write?" steps, and home after
  // "Kembali" from them, where another face corrects the first.
  bool in_follow_up() const;
  // Seconds left before the follow-up goes home by itself (whole, as shown).
  int follow_up_left(double now) const;
  Ctx context(Ui& ui, double now);
  TextEditor* editor();
  void poll_task();
  // Reads the frame's prompt aloud; by itself only outside the quiet hours.
  void speak();
  bool quiet_now() const;

  std::filesystem::path config_file_;
  Clock& clock_;
  core::KioskConfig base_config_;  // as read from the file
  std::optional<core::Translations> translations_;
  std::optional<core::Store> store_;
  std::int64_t data_version_ = -1;
  double next_poll_ = 0;
  double next_retry_ = 0;

  Session session_;
  KioskState kiosk_;
  BurstRule burst_{3};
  IdleTimer idle_{60, 15};
  Screen screen_ = Screen::home;
  double screen_since_ = 0;
  bool overlay_ = false;
  bool redraw_ = true;
  bool reset_ui_ = false;
  double guard_until_ = -1;
  double last_touch_ = 0;
  ChildProcess child_;
  Speaker* speaker_ = nullptr;
  AudioIn* mic_ = nullptr;
  AudioOut* playback_ = nullptr;
  Prompt prompt_;              // the words of the frame drawn last
  bool auto_pending_ = false;  // [speech] auto: read the new screen once drawn
};

}  // namespace kotak::kiosk
