// See toml_text.hpp. A small scanner of TOML's lexical structure: it tells
// only what is inside quotes or comments from what is not, and leaves every
// other judgement to toml++.
//
// A quote opens a string only where TOML lets one start. toml++ reads a bare
// value (a number, a date, true) up to white space, ']', '}', ',' or '#',
// asking of each character whether it is white space, so in a = 1'''-é the
// quotes belong to the bare value and é is outside quotes. After '.' a quoted
// key may follow (a."b" = 1); a quoted value never does (a = 1."é").
#include "core/toml_text.hpp"

#include <cstdio>
#include <string_view>

namespace kotak::core {

namespace {

bool is_ascii(char c) { return static_cast<unsigned char>(c) < 0x80; }
bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_line_space(char c) { return is_space(c) || (c >= '\n' && c <= '\r'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Scanner {
 public:
  explicit Scanner(std::string& text) : text_(text) {}

  std::optional<TomlTextProblem> run() {
    // toml++ skips a byte order mark (Windows Notepad writes one).
    if (starts_with("\xEF\xBB\xBF")) at_ = line_start_ = 3;
    while (at_ < text_.size() && !problem_) {
      char c = text_[at_];
      if (c == '#' && swallow_ == 0) {  // a '#' toml++ takes into a value opens no comment
        skip_to_line_end();
      } else if ((c == '"' || c == '\'') && string_may_start()) {
        string(c);
        after_ = c;
      } else if (!is_ascii(c)) {
        fail(at_, "the character '" + character(at_) +
                      "' is outside quotes; write text in quotes, for example name = \"" +
                      character(at_) + "\"");
      } else {
        structure(c);
        next();
      }
    }
    return problem_;
  }

 private:
  // What a character outside quotes and comments says about what may follow.
  void structure(char c) {
    if (bare_) {
      // A bare value runs to where toml++ ends it; nothing in it is structure.
      if (swallow_ > 0) {
        --swallow_;
      } else if (c == ' ' && date_then_digit()) {
        // A date, a space and a digit may be a date-time written with a
        // space for the T: toml++ reads on past the digit, and takes the
        // character after it whatever it is (even ']' or '#'), before it asks
        // again where the value ends.
        swallow_ = 2;
      } else {
        bare_ = !(is_line_space(c) || c == ']' || c == '}' || c == ',');
      }
      if (bare_) {
        after_ = c;
        return;
      }
    }
    if (is_space(c) || c == '\r') return;
    bool value_starts = value_ && string_may_start();
    after_ = c;
    if (value_starts && !is_line_space(c) &&
        std::string_view("[{]},").find(c) == std::string_view::npos) {
      bare_ = true;  // toml++ reads anything else that starts a value up to its end
      bare_start_ = at_;
    } else if (c == '\n') {
      if (open_.empty()) value_ = false;  // a new line starts with a key
    } else if (c == '=') {
      value_ = true;
    } else if (value_ && (c == '[' || c == '{')) {
      open_.push_back(c);
      value_ = c == '[';  // an inline table holds keys first
    } else if (!open_.empty() && c == (open_.back() == '[' ? ']' : '}')) {
      open_.pop_back();
      value_ = true;
    } else if (!open_.empty() && c == ',') {
      value_ = open_.back() == '[';
    }
  }

  // The bare value so far may be a date to toml++ (ten characters with '-'
  // as the fifth and eighth: it looks no closer, 0&58-09-2; will do), at
  // the space after it, and a digit follows the space.
  bool date_then_digit() const {
    return at_ - bare_start_ == 10 && text_[bare_start_ + 4] == '-' && text_[bare_start_ + 7] == '-' &&
           at_ + 1 < text_.size() && is_digit(text_[at_ + 1]);
  }

  bool string_may_start() const {
    if (bare_) return false;
    switch (after_) {
      case '\n':
      case '=':
      case '[':
      case '{':
      case ',':
        return true;
      case '.':
        return !value_;
      default:
        return false;
    }
  }

  bool starts_with(std::string_view what) const {
    return text_.compare(at_, what.size(), what) == 0;
  }

  void next() {
    if (text_[at_] == '\n') {
      ++line_;
      line_start_ = at_ + 1;
    }
    ++at_;
  }

  void skip_to_line_end() {
    while (at_ < text_.size() && text_[at_] != '\n') next();
  }

  // A string from its opening quote to past its closing one (or to the end
  // of the line, where toml++ refuses an unclosed single-line string).
  void string(char quote) {
    std::string triple(3, quote);
    bool multi_line = starts_with(triple);
    bool basic = quote == '"';
    at_ += multi_line ? 3 : 1;
    while (at_ < text_.size() && !problem_) {
      char c = text_[at_];
      if (multi_line && starts_with(triple)) {
        at_ += 3;
        // """a"""" is the text a": up to two quotes more belong to it.
        for (int extra = 0; extra < 2 && at_ < text_.size() && text_[at_] == quote; ++extra) ++at_;
        return;
      }
      if (!multi_line && (c == quote || c == '\n')) {
        if (c == quote) ++at_;
        return;
      }
      if (basic && c == '\\') {
        escape(multi_line);
      } else {
        next();
      }
    }
  }

  // A backslash in a basic string and what follows it.
  void escape(bool multi_line) {
    std::size_t backslash = at_;
    ++at_;
    if (at_ >= text_.size()) return;
    if (!multi_line) {
      if (text_[at_] != '\n') next();
      return;
    }
    if (!is_line_space(text_[at_])) {
      if (!is_ascii(text_[at_]))
        fail(at_,
             "'\\" + character(at_) + "' is not an escape TOML knows; write \\\\ for a backslash");
      else
        next();
      return;
    }
    // A line-ending backslash: toml++ skips the white space that follows it.
    while (at_ < text_.size() && is_space(text_[at_])) next();
    if (at_ < text_.size() && text_[at_] != '\n' && text_[at_] != '\r') {
      if (!is_ascii(text_[at_]))
        fail(backslash, "a backslash that continues a string must be the last thing on its line");
      return;
    }
    while (at_ < text_.size() && is_line_space(text_[at_])) next();
    if (at_ < text_.size() && !is_ascii(text_[at_])) escape_character();
  }

  // Replaces the character at at_ with its \u or \U escape.
  void escape_character() {
    std::size_t length = sequence_length(text_[at_]);
    char32_t cp = static_cast<unsigned char>(text_[at_]) & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text_[at_ + k]) & 0x3F);
    char escaped[16];
    if (cp <= 0xFFFF)
      std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(cp));
    else
      std::snprintf(escaped, sizeof escaped, "\\U%08X", static_cast<unsigned>(cp));
    text_.replace(at_, length, escaped);
    at_ += std::string_view(escaped).size();
  }

  static std::size_t sequence_length(char lead) {
    auto byte = static_cast<unsigned char>(lead);
    return byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
  }

  std::string character(std::size_t at) const {
    return text_.substr(at, sequence_length(text_[at]));
  }

  void fail(std::size_t at, std::string problem) {
    std::size_t column = 1;  // in characters, as toml++ counts them
    for (std::size_t i = line_start_; i < at; ++i)
      column += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
    problem_ = TomlTextProblem{line_, column, std::move(problem)};
  }

  std::string& text_;
  std::size_t at_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  std::optional<TomlTextProblem> problem_;
  char after_ = '\n';   // the last character outside quotes, white space and comments
  bool value_ = false;  // a value is expected here, not a key
  std::string open_;    // the arrays ('[') and inline tables ('{') a value is inside
  bool bare_ = false;   // inside a bare value (a number, a date, true or false)
  std::size_t bare_start_ = 0;  // where it started
  int swallow_ = 0;             // characters toml++ takes into it whatever they are
};

}  // namespace

std::optional<TomlTextProblem> prepare_toml_text(std::string& text) { return Scanner(text).run(); }

}  // namespace kotak::core
