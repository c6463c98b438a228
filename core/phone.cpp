// See phone.hpp.
#include "core/phone.hpp"

#include <algorithm>

namespace kotak::core {

namespace {

// The number without spaces and dashes, +62 or 62 written as 0; `ok` false
// when a character does not belong in a phone number.
std::string national(std::string_view text, bool& ok) {
  std::string compact;
  for (char c : text)
    if (c != ' ' && c != '-') compact += c;
  ok = true;
  // +62… and 62… are written 0…: the country code's 2 becomes the 0.
  std::size_t country = 0;
  if (compact.rfind("+62", 0) == 0)
    country = 3;
  else if (compact.rfind("62", 0) == 0)
    country = 2;
  else if (!compact.empty() && compact[0] == '+')
    ok = false;  // another country: not a number the puskesmas can call
  if (country > 0) {
    compact.erase(0, country - 1);
    compact[0] = '0';
  }
  if (!std::all_of(compact.begin(), compact.end(), [](char c) { return c >= '0' && c <= '9'; }))
    ok = false;
  return compact;
}

}  // namespace

PhoneCheck check_phone(std::string_view text) {
  if (text.find_first_not_of(" ") == std::string_view::npos) return PhoneCheck::empty;
  bool ok = true;
  const std::string digits = national(text, ok);
  if (!ok) {
    // +1 415…: a number of another country, written well.
    const auto first = text.find_first_not_of(' ');
    const bool foreign = text[first] == '+' && text.find('+', first + 1) == std::string_view::npos &&
                         text.find_first_not_of("0123456789+ -") == std::string_view::npos;
    return foreign ? PhoneCheck::not_mobile : PhoneCheck::bad_characters;
  }
  if (digits.rfind("08", 0) != 0) return PhoneCheck::not_mobile;
  if (digits.size() < 10) return PhoneCheck::too_short;
  if (digits.size() > 13) return PhoneCheck::too_long;
  return PhoneCheck::ok;
}

std::string national_phone(std::string_view text) {
  bool ok = true;
  const std::string digits = national(text, ok);
  return check_phone(text) == PhoneCheck::ok ? digits : std::string(text);
}

}  // namespace kotak::core
