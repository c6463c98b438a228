// The text a patient types on the on-screen keyboard: UTF-8 in NFC with a
// caret (a byte offset that always sits between grapheme clusters, the
// characters a reader sees) and a limit counted in code points, the unit
// core's validate() counts in. Control characters other than a newline
// never get in, so whatever the editor holds is storable as it is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kotak::kiosk {

class TextEditor {
 public:
  explicit TextEditor(std::size_t max_chars = 1000, bool allow_newlines = true)
      : max_chars_(max_chars), allow_newlines_(allow_newlines) {}

  const std::string& text() const { return text_; }
  std::size_t caret() const { return caret_; }
  std::size_t chars() const { return chars_; }
  std::size_t max_chars() const { return max_chars_; }
  bool full() const { return chars_ >= max_chars_; }
  bool empty() const { return text_.empty(); }
  // True when the text has something besides white space.
  bool has_content() const;

  // Inserts at the caret as many whole code points of utf8 as fit under the
  // limit; drops invalid bytes and control characters (a newline too unless
  // allowed; a tab becomes a space); keeps the text NFC (a combining mark
  // joins its letter). Returns the number of code points the text grew by.
  std::size_t insert(std::string_view utf8);
  // Deletes the character (grapheme cluster) before the caret. False at the start.
  bool backspace();
  void move_left();
  void move_right();
  // Puts the caret at byte offset (snapped back to a character's start).
  void set_caret(std::size_t offset);
  void set_max_chars(std::size_t max_chars) { max_chars_ = max_chars; }
  void clear();
  // The character before the caret, as UTF-8 ("" at the start).
  std::string_view before_caret(std::size_t code_points = 1) const;

 private:
  // Where the character (grapheme cluster) ending at offset starts.
  std::size_t cluster_before(std::size_t offset) const;

  std::string text_;
  std::size_t caret_ = 0;
  std::size_t chars_ = 0;
  std::size_t max_chars_;
  bool allow_newlines_;
};

// Length in bytes of the UTF-8 sequence starting with lead, or 0 if lead
// cannot start one.
std::size_t utf8_sequence_length(unsigned char lead);

}  // namespace kotak::kiosk
