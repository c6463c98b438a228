// The on-screen keyboard as a model, apart from its drawing: which keys are
// on which page, what each one does to a TextEditor, the shift state, and
// which keys a person would press to type a given character (the headless
// driver's `type` command presses exactly those). Every key has a stable id
// ("kbd.a", "kbd.shift", "kbd.backspace") that tests tap.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/text_editor.hpp"

namespace kotak::kiosk {

enum class KeyAction { insert, backspace, shift, letters, symbols, enter, space };

struct Key {
  std::string id;     // stable: "kbd.a", "kbd.question", "kbd.space"
  std::string label;  // what the key shows; empty for keys drawn as a glyph
  std::string text;   // what an insert key types
  KeyAction action = KeyAction::insert;
  float width = 1.0f;  // in key widths
};

enum class KeyboardKind {
  text,   // QWERTY letters with a numbers-and-symbols page
  phone,  // a numeric keypad: digits, +, backspace
  ticket,  // the ticket alphabet only (core/ticket.hpp): no page to switch, no look-alikes
};
enum class Shift { off, once, lock };
// When the keyboard turns shift on by itself.
enum class AutoCapital { none, sentences, words };

class Keyboard {
 public:
  // enter_key: whether the text keyboard has a new-line key (not for
  // one-line fields such as a name).
  explicit Keyboard(KeyboardKind kind = KeyboardKind::text,
                    AutoCapital capital = AutoCapital::sentences, bool enter_key = true);

  KeyboardKind kind() const { return kind_; }
  Shift shift() const { return shift_; }
  bool on_symbols() const { return symbols_; }
  // The rows of keys of the current page, labels in the current case.
  std::vector<std::vector<Key>> rows() const;

  // Applies the key with this id at time now (seconds; a second tap on
  // shift within 0.5 s locks capitals). False if no such key is shown.
  bool press(std::string_view id, TextEditor& editor, double now);
  // Letters page, shift set for the start of the text.
  void reset(const TextEditor& editor);

  // The ids to press, in order, from the current state to type the one
  // character ch (UTF-8); empty when no key types it.
  std::vector<std::string> keys_for(std::string_view ch) const;

 private:
  void auto_shift(const TextEditor& editor);

  std::vector<Key> bottom_row() const;

  KeyboardKind kind_;
  AutoCapital capital_;
  bool enter_key_;
  Shift shift_ = Shift::off;
  bool symbols_ = false;
  double last_shift_tap_ = -10;
};

}  // namespace kotak::kiosk
