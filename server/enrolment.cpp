// See enrolment.hpp.
#include "server/enrolment.hpp"

#include <sodium.h>

#include "server/tokens.hpp"

namespace kotak::server {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

std::string new_enrolment_code() {
  std::string code;
  for (int i = 0; i < kEnrolmentCodeSymbols; ++i) {
    if (i == kEnrolmentCodeSymbols / 2) code += '-';
    code += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return code;
}

std::optional<std::string> normalise_enrolment_code(std::string_view typed) {
  if (typed.size() > 64) return std::nullopt;
  std::string code;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    code += c;
  }
  if (code.size() != kEnrolmentCodeSymbols) return std::nullopt;
  return code;
}

std::string hash_enrolment_code(std::string_view normalised) {
  // Prefixed, so that a code's hash can never equal a token's.
  std::string text = "enrolment:";
  text.append(normalised);
  return hash_token(text);
}

}  // namespace kotak::server
