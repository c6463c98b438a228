// See phone.hpp.
#include "core/phone.hpp"

namespace kotak::core {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_separator(char c) { return c == ' ' || c == '-' || c == '.'; }

}  // namespace

std::string phone_digits(std::string_view text) {
  std::string digits;
  for (char c : text)
    if (is_digit(c)) digits += c;
  if (digits.rfind("62", 0) == 0) digits.replace(0, 2, "0");
  return digits;
}

std::optional<std::string> national_phone(std::string_view text) {
  // Trim, then: an optional leading '+', digit groups, one separator at most
  // between two digits.
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  bool plus = text.front() == '+';
  if (plus) text.remove_prefix(1);
  if (text.empty() || !is_digit(text.front()) || !is_digit(text.back())) return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_digit(text[i])) continue;
    if (!is_separator(text[i]) || !is_digit(text[i - 1]) || !is_digit(text[i + 1])) return std::nullopt;
  }
  std::string digits;
  for (char c : text)
    if (is_digit(c)) digits += c;
  if (digits.rfind("62", 0) == 0)
    digits.replace(0, 2, "0");
  else if (plus)
    return std::nullopt;  // another country's number
  if (digits.rfind("08", 0) != 0) return std::nullopt;
  if (digits.size() < kMinPhoneDigits || digits.size() > kMaxPhoneDigits) return std::nullopt;
  return digits;
}

}  // namespace kotak::core
