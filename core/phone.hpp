// Indonesian mobile numbers, one rule for every part of Kotak: the kiosk's
// phone field, the dashboard's contact fields and the check of text that is
// about to be published (issue 10 item 8, issue 14 items 1 and 7).
//
// A number is written 08… or +62 8… (also 62 8…), with spaces, '-' or '.'
// between digit groups; in its national form (0 instead of +62) it has 10
// to 13 digits. "0812-5555-1234", "+62 812 5555 1234" and "081255551234"
// are the same number.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kotak::core {

inline constexpr std::size_t kMinPhoneDigits = 10;
inline constexpr std::size_t kMaxPhoneDigits = 13;

// The national form of a number ("081255551234"), or nullopt when the text
// is not an Indonesian mobile number by the rule above. Text around the
// number is not allowed: this checks a phone field, not prose.
std::optional<std::string> national_phone(std::string_view text);

// The digits of text with an international +62 / 62 prefix turned into the
// national 0, for comparing numbers however they were written; no checks.
std::string phone_digits(std::string_view text);

}  // namespace kotak::core
