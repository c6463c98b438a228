// See tokens.hpp.
#include "server/tokens.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "core/digest.hpp"

namespace kotak::server {

namespace {

constexpr std::size_t kRandomBytes = 32;
constexpr std::size_t kEncodedChars = 43;  // base64 of 32 bytes without padding

bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

std::string new_device_token() {
  unsigned char bytes[kRandomBytes];
  randombytes_buf(bytes, sizeof bytes);
  char encoded[sodium_base64_ENCODED_LEN(kRandomBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes, sizeof bytes);
  return std::string(kTokenPrefix) + encoded;
}

std::string hash_token(std::string_view token) {
  return core::sha256_hex(token);
}

bool looks_like_token(std::string_view token) {
  return token.size() == kTokenPrefix.size() + kEncodedChars &&
         token.substr(0, kTokenPrefix.size()) == kTokenPrefix &&
         std::all_of(token.begin() + static_cast<std::ptrdiff_t>(kTokenPrefix.size()), token.end(),
                     is_base64url);
}

std::optional<std::string> bearer_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if (static_cast<char>(std::tolower(static_cast<unsigned char>(authorization[i]))) != kScheme[i])
      return std::nullopt;
  auto token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
  if (!looks_like_token(token)) return std::nullopt;
  return std::string(token);
}

}  // namespace kotak::server
