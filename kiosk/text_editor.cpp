// See text_editor.hpp.
#include "kiosk/text_editor.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace kotak::kiosk {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool TextEditor::has_content() const { return !core::trim(text_).empty(); }

std::size_t TextEditor::insert(std::string_view utf8) {
  std::string accepted;
  std::size_t added = 0;
  std::size_t i = 0;
  while (i < utf8.size() && chars_ + added < max_chars_) {
    auto lead = static_cast<unsigned char>(utf8[i]);
    std::size_t n = utf8_sequence_length(lead);
    if (n == 0 || i + n > utf8.size()) {
      ++i;  // a stray byte: skip it
      continue;
    }
    std::string_view one = utf8.substr(i, n);
    i += n;
    // Checks overlong forms, surrogates and the range in one place.
    if (!core::utf8_length(one)) continue;
    if (n == 1) {
      char c = one[0];
      if (c == '\t')
        one = " ";
      else if (c == '\r')
        continue;
      else if (c == '\n' && !allow_newlines_)
        one = " ";
      else if (c != '\n' && (static_cast<unsigned char>(c) < 0x20 || c == 0x7F))
        continue;
    } else if (n == 2 && static_cast<unsigned char>(one[0]) == 0xC2 &&
               static_cast<unsigned char>(one[1]) < 0xA0) {
      continue;  // C1 control characters U+0080..U+009F
    }
    accepted += one;
    ++added;
  }
  const bool ascii = std::all_of(accepted.begin(), accepted.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    text_.insert(caret_, accepted);
    caret_ += accepted.size();
    chars_ += added;
    return added;
  }
  // NFC over what comes before the caret, so that a mark typed after its
  // letter joins it into one letter (é, Nguyễn) as it is drawn and stored.
  const std::size_t before = chars_;
  std::string head = core::to_nfc(text_.substr(0, caret_) + accepted);
  std::string tail = text_.substr(caret_);
  text_ = head + tail;
  caret_ = head.size();
  chars_ = core::utf8_length(text_).value_or(chars_ + added);
  // NFC hardly ever makes text longer, but the limit holds even then.
  while (chars_ > max_chars_ && caret_ > 0) {
    const std::size_t start = core::utf8_last_char_start(std::string_view(text_).substr(0, caret_));
    text_.erase(start, caret_ - start);
    caret_ = start;
    --chars_;
  }
  return chars_ > before ? chars_ - before : 0;
}

std::size_t TextEditor::cluster_before(std::size_t offset) const {
  const auto starts = core::grapheme_starts(std::string_view(text_).substr(0, offset));
  if (!starts.empty()) return starts.back();
  // Not valid UTF-8 (never, for what insert lets in): one code point.
  return core::utf8_last_char_start(std::string_view(text_).substr(0, offset));
}

bool TextEditor::backspace() {
  if (caret_ == 0) return false;
  // A whole character as the reader sees it: an emoji family goes at once.
  const std::size_t start = cluster_before(caret_);
  chars_ -= core::utf8_length(std::string_view(text_).substr(start, caret_ - start)).value_or(1);
  text_.erase(start, caret_ - start);
  caret_ = start;
  return true;
}

void TextEditor::move_left() {
  if (caret_ > 0) caret_ = cluster_before(caret_);
}

void TextEditor::move_right() {
  if (caret_ >= text_.size()) return;
  for (std::size_t start : core::grapheme_starts(std::string_view(text_).substr(caret_)))
    if (start > 0) {
      caret_ += start;
      return;
    }
  caret_ = text_.size();
}

void TextEditor::set_caret(std::size_t offset) {
  offset = std::min(offset, text_.size());
  // Onto the start of the character it falls in.
  caret_ = 0;
  for (std::size_t start : core::grapheme_starts(text_))
    if (start <= offset) caret_ = start;
  if (offset == text_.size()) caret_ = offset;
}

void TextEditor::clear() {
  // Overwrite before releasing: what one patient typed should not linger in
  // freed memory either.
  std::fill(text_.begin(), text_.end(), '\0');
  text_.clear();
  caret_ = 0;
  chars_ = 0;
}

std::string_view TextEditor::before_caret(std::size_t code_points) const {
  std::size_t start = caret_;
  for (std::size_t n = 0; n < code_points && start > 0; ++n) {
    --start;
    while (start > 0 && is_continuation(static_cast<unsigned char>(text_[start]))) --start;
  }
  return std::string_view(text_).substr(start, caret_ - start);
}

}  // namespace kotak::kiosk
