// See qr_token.hpp.
#include "core/qr_token.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/secret_file.hpp"

namespace kotak::core::qr_token {

namespace {

constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";  // Crockford's, lower case

std::string base32(const unsigned char* bytes, std::size_t size) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::int64_t window_of(std::int64_t unix_ms) {
  std::int64_t w = unix_ms / kWindowMs;
  return unix_ms < 0 && unix_ms % kWindowMs != 0 ? w - 1 : w;
}

std::string token(std::string_view secret, std::string_view facility_id, std::int64_t window) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  std::string message = "kotak-qr:" + std::string(facility_id) + ":" + std::to_string(window);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return base32(mac, 10);
}

std::int64_t fresh_window(std::string_view secret, std::string_view facility_id,
                          std::string_view candidate, std::int64_t now_ms) {
  if (secret.empty() || candidate.size() != kTokenChars) return -1;
  const std::int64_t now = window_of(now_ms);
  for (std::int64_t w : {now, now - 1})
    if (same(token(secret, facility_id, w), candidate)) return w;
  return -1;
}

bool issued_within(std::string_view secret, std::string_view facility_id, std::string_view candidate,
                   std::int64_t window, std::int64_t now_ms, std::int64_t max_age_windows) {
  if (secret.empty() || candidate.size() != kTokenChars) return false;
  const std::int64_t now = window_of(now_ms);
  if (window > now || window < now - max_age_windows) return false;
  return same(token(secret, facility_id, window), candidate);
}

std::string new_secret() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return secret_file::to_base64(bytes, sizeof bytes);
}

}  // namespace kotak::core::qr_token
