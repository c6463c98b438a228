// A config file's text checked before toml++ reads it (internal to core).
//
// Debian 12's toml++ 3.3.0 reaches __builtin_unreachable, undefined
// behaviour, when it asks whether certain non-ASCII characters (U+00A1 to
// U+0499 and U+2D6E to U+3167, among them é, ñ and ©) are white space
// (toml++ issues 190 and 295, fixed upstream after 3.3.0; found by
// fuzz/config_fuzz.cpp). It asks that outside quotes and comments, and in a
// multi-line string right after a backslash. TOML allows non-ASCII text
// only inside quotes and comments, so the first case is an error anyway; it
// is reported here, with a clearer message, before toml++ sees it. The
// second is valid TOML when the backslash ends a line: the character that
// starts the continued line is rewritten as its \u escape, which means the
// same to TOML and is plain ASCII to toml++.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace kotak::core {

struct TomlTextProblem {
  std::size_t line = 0;    // 1 for the first line
  std::size_t column = 0;  // 1 for the first byte of the line
  std::string problem;     // what is wrong and what to do
};

// Rewrites text as described above; returns the first problem, if any.
// text must be valid UTF-8.
std::optional<TomlTextProblem> prepare_toml_text(std::string& text);

}  // namespace kotak::core
