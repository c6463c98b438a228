// Indonesian mobile numbers as patients type them on the kiosk's keypad
// ("Nomor HP / WhatsApp"): 0812 3456 7890, +62 812-3456-7890, 62812…. The
// complaint officer answers by phone, SMS or WhatsApp, so a number that
// cannot be one is refused with a plain reason instead of being stored.
#pragma once

#include <string>
#include <string_view>

namespace kotak::core {

enum class PhoneCheck {
  ok,
  empty,
  bad_characters,  // something other than digits, spaces, dashes and a leading +
  not_mobile,      // does not start with 08, +628 or 628
  too_short,       // fewer than 10 digits written from the 0 (0812 3456 7)
  too_long,        // more than 13
};

// Checks a number: in its national form (0 instead of +62) it is 08 and 8 to
// 11 more digits, 10 to 13 in all; spaces and dashes are allowed anywhere.
PhoneCheck check_phone(std::string_view text);

// The national form of a valid number ("+62 812-3456-7890" → "081234567890");
// the text as given otherwise.
std::string national_phone(std::string_view text);

}  // namespace kotak::core
