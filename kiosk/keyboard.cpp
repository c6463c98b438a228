// See keyboard.hpp. The layout follows the phone keyboards patients already
// know: QWERTY letters, shift and backspace on the third row, a "?123" page
// for digits and symbols, comma, space, full stop and a new-line key below.
#include "kiosk/keyboard.hpp"

#include <cctype>

namespace kotak::kiosk {

namespace {

struct Symbol {
  const char* text;
  const char* name;
};

constexpr Symbol kSymbolRow2[] = {
    {"@", "at"},    {"#", "hash"}, {"%", "percent"}, {"&", "amp"},    {"*", "star"},
    {"-", "minus"}, {"+", "plus"}, {"(", "lparen"},  {")", "rparen"}, {"/", "slash"}};
constexpr Symbol kSymbolRow3[] = {{"\"", "dquote"},   {"'", "quote"},   {":", "colon"},
                                  {";", "semicolon"}, {"!", "exclaim"}, {"?", "question"},
                                  {"<", "less"},      {">", "greater"}};

Key insert_key(const std::string& id, const std::string& text, float width = 1.0f) {
  return {"kbd." + id, text, text, KeyAction::insert, width};
}

Key letter_key(char c, bool upper) {
  std::string lower(1, c);
  std::string shown(1, upper ? static_cast<char>(std::toupper(c)) : c);
  return {"kbd." + lower, shown, shown, KeyAction::insert, 1.0f};
}

std::vector<Key> letter_row(const char* letters, bool upper) {
  std::vector<Key> row;
  for (const char* c = letters; *c; ++c) row.push_back(letter_key(*c, upper));
  return row;
}

Key backspace_key(float width) { return {"kbd.backspace", "", "", KeyAction::backspace, width}; }

bool is_lower(std::string_view ch) { return ch.size() == 1 && ch[0] >= 'a' && ch[0] <= 'z'; }
bool is_upper(std::string_view ch) { return ch.size() == 1 && ch[0] >= 'A' && ch[0] <= 'Z'; }

}  // namespace

Keyboard::Keyboard(KeyboardKind kind, AutoCapital capital, bool enter_key)
    : kind_(kind), capital_(capital), enter_key_(enter_key) {
  if (kind_ != KeyboardKind::text) capital_ = AutoCapital::none;
}

std::vector<Key> Keyboard::bottom_row() const {
  std::vector<Key> row = {symbols_ ? Key{"kbd.letters", "ABC", "", KeyAction::letters, 1.5f}
                                   : Key{"kbd.symbols", "?123", "", KeyAction::symbols, 1.5f},
                          insert_key("comma", ","),
                          Key{"kbd.space", "", " ", KeyAction::space, enter_key_ ? 5.0f : 6.5f},
                          insert_key("period", ".")};
  if (enter_key_) row.push_back(Key{"kbd.enter", "", "\n", KeyAction::enter, 1.5f});
  return row;
}

std::vector<std::vector<Key>> Keyboard::rows() const {
  if (kind_ == KeyboardKind::phone) {
    std::vector<std::vector<Key>> pad;
    for (const char* row : {"123", "456", "789"}) {
      std::vector<Key> keys;
      for (const char* c = row; *c; ++c)
        keys.push_back(insert_key(std::string(1, *c), std::string(1, *c)));
      pad.push_back(keys);
    }
    pad.push_back({insert_key("plus", "+"), insert_key("0", "0"), backspace_key(1.0f)});
    return pad;
  }
  if (kind_ == KeyboardKind::ticket) {
    // The 22 characters a ticket can hold, digits first, in four rows of
    // six units; the dashes are put in by the screen.
    std::vector<std::vector<Key>> pad;
    for (const char* row : {"34679", "ACDEFG", "HJKMNP", "RTWXY"}) {
      std::vector<Key> keys;
      const float width = pad.empty() ? 1.2f : 1.0f;  // five digits as wide as six letters
      for (const char* c = row; *c; ++c) {
        const std::string text(1, *c);
        keys.push_back({"kbd." + std::string(1, static_cast<char>(std::tolower(*c))), text, text,
                        KeyAction::insert, width});
      }
      pad.push_back(keys);
    }
    pad.back().push_back(backspace_key(1.0f));
    return pad;
  }
  if (symbols_) {
    std::vector<Key> digits;
    for (const char* c = "1234567890"; *c; ++c)
      digits.push_back(insert_key(std::string(1, *c), std::string(1, *c)));
    std::vector<Key> row2, row3;
    for (const auto& s : kSymbolRow2) row2.push_back(insert_key(s.name, s.text));
    for (const auto& s : kSymbolRow3) row3.push_back(insert_key(s.name, s.text));
    row3.push_back(backspace_key(2.0f));
    return {digits, row2, row3, bottom_row()};
  }
  bool upper = shift_ != Shift::off;
  auto row3 = letter_row("zxcvbnm", upper);
  row3.insert(row3.begin(), Key{"kbd.shift", "", "", KeyAction::shift, 1.5f});
  row3.push_back(backspace_key(1.5f));
  return {letter_row("qwertyuiop", upper), letter_row("asdfghjkl", upper), row3, bottom_row()};
}

bool Keyboard::press(std::string_view id, TextEditor& editor, double now) {
  for (const auto& row : rows()) {
    for (const auto& key : row) {
      if (key.id != id) continue;
      switch (key.action) {
        case KeyAction::insert:
        case KeyAction::space:
        case KeyAction::enter:
          editor.insert(key.text);
          if (shift_ == Shift::once) shift_ = Shift::off;
          // After a word on the symbols page, the letters come back: the
          // next word is far more likely letters than digits.
          if (key.action != KeyAction::insert) symbols_ = false;
          auto_shift(editor);
          break;
        case KeyAction::backspace:
          editor.backspace();
          if (shift_ != Shift::lock) {
            shift_ = Shift::off;
            auto_shift(editor);
          }
          break;
        case KeyAction::shift:
          if (shift_ == Shift::off) {
            shift_ = (now - last_shift_tap_ < 0.5) ? Shift::lock : Shift::once;
          } else if (shift_ == Shift::once && now - last_shift_tap_ < 0.5) {
            shift_ = Shift::lock;
          } else {
            shift_ = Shift::off;
          }
          last_shift_tap_ = now;
          break;
        case KeyAction::letters:
          symbols_ = false;
          break;
        case KeyAction::symbols:
          symbols_ = true;
          break;
      }
      return true;
    }
  }
  return false;
}

void Keyboard::reset(const TextEditor& editor) {
  symbols_ = false;
  shift_ = Shift::off;
  last_shift_tap_ = -10;
  auto_shift(editor);
}

void Keyboard::auto_shift(const TextEditor& editor) {
  if (shift_ == Shift::lock || capital_ == AutoCapital::none) return;
  auto before = editor.before_caret(2);
  bool start = editor.caret() == 0 || before.ends_with("\n");
  bool capital = start;
  if (capital_ == AutoCapital::sentences)
    capital = capital || before == ". " || before == "! " || before == "? ";
  else if (capital_ == AutoCapital::words)
    capital = capital || before.ends_with(" ");
  if (capital) shift_ = Shift::once;
}

std::vector<std::string> Keyboard::keys_for(std::string_view ch) const {
  // Keys on both pages of the text keyboard.
  if (kind_ == KeyboardKind::text) {
    if (ch == " ") return {"kbd.space"};
    if (ch == "\n")
      return enter_key_ ? std::vector<std::string>{"kbd.enter"} : std::vector<std::string>{};
    if (ch == ",") return {"kbd.comma"};
    if (ch == ".") return {"kbd.period"};
  }
  std::vector<std::string> path;
  if (kind_ == KeyboardKind::text && (is_lower(ch) || is_upper(ch))) {
    if (symbols_) path.push_back("kbd.letters");
    bool want_upper = is_upper(ch);
    bool upper_now = shift_ != Shift::off;
    if (want_upper != upper_now) {
      // From once, one tap turns shift off; from lock too; from off, once.
      path.push_back("kbd.shift");
    }
    path.push_back("kbd." + std::string(1, static_cast<char>(std::tolower(ch[0]))));
    return path;
  }
  // Digits and symbols: on the keypad directly, on the symbols page of the
  // text keyboard.
  Keyboard symbols_page = *this;
  if (kind_ == KeyboardKind::text) symbols_page.symbols_ = true;
  for (const auto& row : symbols_page.rows())
    for (const auto& key : row)
      if (key.action == KeyAction::insert && key.text == ch) {
        if (kind_ == KeyboardKind::text && !symbols_) path.push_back("kbd.symbols");
        path.push_back(key.id);
        return path;
      }
  return {};
}

}  // namespace kotak::kiosk
