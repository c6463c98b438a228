// See app.hpp. This file: what the patient types (the editor and keyboard
// of each screen, the phone field's rule) and the screen read aloud.
#include <ctime>

#include "core/log.hpp"
#include "kiosk/app.hpp"
#include "kiosk/platform/speaker.hpp"

namespace kotak::kiosk {

bool App::speaking() const { return speaker_ && speaker_->speaking(); }

bool App::recording() const {
  return session_.voice.state() == VoiceRecording::State::recording;
}

std::string App::spoken_text() const {
  return kiosk::spoken_text(prompt_, catalog().get("speech.choices"));
}

void App::speak() {
  if (!speaker_ || !speaker_->working()) return;
  const std::string text = spoken_text();
  if (text.empty()) return;
  core::log::debug("speech: reading " + std::string(screen_name(screen_)) + " (" +
                   std::to_string(text.size()) + " bytes)");
  speaker_->say(text, std::string(voice_for(session_.language)));
  redraw_ = true;
}

bool App::quiet_now() const {
  const auto& hours = kiosk_.config.speech.quiet_hours;
  if (!hours) return false;
  const std::time_t t = static_cast<std::time_t>(clock_.wall().unix_ms / 1000);
  std::tm local{};
  localtime_r(&t, &local);
  return hours->contains(local.tm_hour * 60 + local.tm_min);
}

TextEditor* App::editor() {
  switch (screen_) {
    case Screen::write_text:
      return &session_.text;
    case Screen::contact_name:
      return &session_.name;
    case Screen::contact_phone:
      return &session_.phone;
    case Screen::contact_address:
      return &session_.address;
    case Screen::admin_enrol:
      return &kiosk_.enrol_code;
    case Screen::ticket_code:
      return &kiosk_.ticket_code;
    default:
      return nullptr;
  }
}

bool App::has_keyboard() const {
  switch (screen_) {
    case Screen::write_text:
    case Screen::contact_name:
    case Screen::contact_phone:
    case Screen::contact_address:
    case Screen::ticket_code:
      return !overlay_;
    // Its outcome takes the keyboard's place once kotak-sync has been asked.
    case Screen::admin_enrol:
      return !overlay_ && kiosk_.task.what != "enrol";
    default:
      return false;
  }
}

std::vector<std::string> App::keys_for(std::string_view ch) const {
  if (!has_keyboard()) return {};
  if (screen_ == Screen::ticket_code) return kiosk_.ticket_keyboard.keys_for(ch);
  return screen_ == Screen::admin_enrol ? kiosk_.enrol_keyboard.keys_for(ch)
                                        : session_.keyboard.keys_for(ch);
}

void App::text_input(std::string_view utf8) {
  TextEditor* e = editor();
  if (!e || overlay_) return;
  if (screen_ == Screen::contact_phone) {
    // The phone field takes what a phone number is made of; anything else
    // is left out, and the screen says so.
    std::string digits;
    for (char c : utf8)
      if ((c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-') digits += c;
    session_.phone_letters_dropped = digits.size() != utf8.size();
    e->insert(digits);
  } else {
    e->insert(utf8);
  }
  touched();
}

void App::key_backspace() {
  if (TextEditor* e = editor(); e && !overlay_) {
    e->backspace();
    touched();
  }
}

}  // namespace kotak::kiosk
