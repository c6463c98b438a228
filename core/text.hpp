// Text checks shared by every part: strict UTF-8 validation and counting,
// because complaint text arrives from on-screen keyboards, SMS gateways and
// the network, and a malformed byte must be a clear error, never a crash.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kotak::core {

// Number of code points if text is well-formed UTF-8 (no overlong forms, no
// surrogates, nothing past U+10FFFF); nullopt otherwise.
std::optional<std::size_t> utf8_length(std::string_view text);

// Byte offset of the start of the last code point (for backspace on a
// keyboard); 0 for empty text.
std::size_t utf8_last_char_start(std::string_view text);

// True if text has a control character other than tab, newline, carriage return.
bool has_control_chars(std::string_view text);

// text cut to at most max_bytes (at least 4) at a character boundary, ending
// in "…" when something was cut: for reasons that quote what a client sent.
std::string shorten(std::string_view text, std::size_t max_bytes);

// Trims ASCII white space from both ends.
std::string trim(std::string_view text);

// Unicode NFC (utf8proc): "é" typed as e + U+0301 becomes the one letter
// U+00E9, the form fonts draw and the same bytes however it was typed.
// Text that is not valid UTF-8 comes back unchanged (validation reports it).
std::string to_nfc(std::string_view text);

// Byte offsets where each grapheme cluster starts: what a reader sees as one
// character (a letter with its marks, an emoji with its skin tone, a family
// joined by U+200D, a flag's two letters). Empty for empty or invalid text.
std::vector<std::size_t> grapheme_starts(std::string_view text);

// What a message may quote of text someone sent: at most max_chars code
// points, cut at a character boundary and marked with "…" when cut; bytes
// that are not UTF-8 or are control characters become '?'. A refusal that
// echoed a 2 MB field would be a 2 MB answer.
std::string quote_prefix(std::string_view text, std::size_t max_chars = 40);

}  // namespace kotak::core
