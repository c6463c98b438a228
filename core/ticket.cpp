// See ticket.hpp.
#include "core/ticket.hpp"

#include <sodium.h>

#include <stdexcept>

namespace kotak::core {

namespace {

std::string format(std::string_view bare) {
  std::string out;
  for (std::size_t i = 0; i < bare.size(); ++i) {
    if (i > 0 && i % 3 == 0) out += '-';
    out += bare[i];
  }
  return out;
}

}  // namespace

std::string new_ticket() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::string bare;
  for (std::size_t i = 0; i < kTicketChars; ++i)
    bare += kTicketAlphabet[randombytes_uniform(static_cast<uint32_t>(kTicketAlphabet.size()))];
  return format(bare);
}

bool is_ticket(std::string_view text) {
  if (text.size() != kTicketChars + 2) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i % 4 == 3;
    if (dash != (text[i] == '-')) return false;
    if (!dash && kTicketAlphabet.find(text[i]) == std::string_view::npos) return false;
  }
  return true;
}

std::string normalize_ticket(std::string_view typed) {
  std::string bare;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kTicketAlphabet.find(c) == std::string_view::npos) return {};
    bare += c;
  }
  if (bare.size() != kTicketChars) return {};
  return format(bare);
}

}  // namespace kotak::core
