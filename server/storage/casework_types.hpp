// The casework tools' requests and answers (storage.hpp; issue 15 items 7
// and 10): a facility's canned answers, and the contact details an export
// of the register carries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace kotak::server {

// One canned answer (jawaban siap pakai) of a facility: a title staff pick
// it by and the text it puts into the answer box, where they edit it
// before it is saved. The head manages them; a retired one is no longer
// offered but kept (an answer given with it stays as it was given).
struct CannedAnswer {
  std::int64_t id = 0;
  std::string facility_id;
  std::string title;
  std::string text;
  std::int64_t updated_ms = 0;
  std::string updated_by;  // display name of who wrote or last changed it
  std::optional<std::int64_t> retired_ms;
};

// What the head writes: a new canned answer, or a changed one.
struct CannedAnswerText {
  std::string title;
  std::string text;
};

// How a canned answer changes: its words, retired, or offered again.
struct CannedAnswerChange {
  enum class Kind { edit, retire, restore } kind = Kind::edit;
  CannedAnswerText words = {};  // for edit
};

inline constexpr std::size_t kMaxCannedTitleChars = 100;
// Live canned answers a facility may hold: a list to pick from, not a
// library (and a bound on what one page load costs).
inline constexpr std::size_t kMaxCannedAnswers = 200;

}  // namespace kotak::server
