// See totp.hpp.
#include "server/staff/totp.hpp"

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace kotak::server::staff {

namespace {

constexpr std::size_t kKeyBytes = 20;

// liboath wants oath_init once before use; it is cheap and idempotent.
void ensure_oath() {
  static const int ready = oath_init();
  if (ready != OATH_OK) throw std::runtime_error("liboath cannot start: " + std::string(oath_strerror(ready)));
}

// The raw key of a base32 secret ("" when it is not base32).
std::string raw_key(const std::string& secret) {
  ensure_oath();
  char* out = nullptr;
  std::size_t length = 0;
  if (oath_base32_decode(secret.data(), secret.size(), &out, &length) != OATH_OK) return {};
  std::unique_ptr<char, decltype(&std::free)> owned(out, &std::free);
  return std::string(out, length);
}

// "user name" → "user%20name" for the URI's label and parameters.
std::string escaped(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string new_totp_secret() {
  ensure_oath();
  unsigned char key[kKeyBytes];
  randombytes_buf(key, sizeof key);
  char* out = nullptr;
  std::size_t length = 0;
  if (oath_base32_encode(reinterpret_cast<const char*>(key), sizeof key, &out, &length) != OATH_OK)
    throw std::runtime_error("liboath cannot encode a key");
  std::unique_ptr<char, decltype(&std::free)> owned(out, &std::free);
  std::string secret(out, length);
  sodium_memzero(key, sizeof key);
  while (!secret.empty() && secret.back() == '=') secret.pop_back();
  return secret;
}

std::string otpauth_uri(const std::string& secret, const std::string& username, const std::string& issuer) {
  return "otpauth://totp/" + escaped(issuer) + ":" + escaped(username) + "?secret=" + secret +
         "&issuer=" + escaped(issuer) + "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpStepSeconds);
}

std::optional<std::int64_t> totp_step(const std::string& secret, std::string_view code, std::int64_t now_ms) {
  if (code.size() != kTotpDigits || code.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  auto key = raw_key(secret);
  if (key.empty()) return std::nullopt;
  std::string otp(code);
  int position = 0;
  std::uint64_t counter = 0;
  int found = oath_totp_validate3(key.data(), key.size(), static_cast<time_t>(now_ms / 1000), kTotpStepSeconds,
                                  OATH_TOTP_DEFAULT_START_TIME, kTotpWindow, &position, &counter, otp.c_str());
  sodium_memzero(key.data(), key.size());
  if (found < 0) return std::nullopt;
  return static_cast<std::int64_t>(counter);
}

std::string totp_code(const std::string& secret, std::int64_t at_ms) {
  auto key = raw_key(secret);
  char out[kTotpDigits + 1] = {};
  if (key.empty() || oath_totp_generate(key.data(), key.size(), static_cast<time_t>(at_ms / 1000), kTotpStepSeconds,
                                        OATH_TOTP_DEFAULT_START_TIME, kTotpDigits, out) != OATH_OK)
    throw std::runtime_error("liboath cannot make a code of this key");
  return out;
}

QrPath qr_path(const std::string& text) {
  QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) throw std::runtime_error("the QR code cannot be made (text too long?)");
  constexpr int kQuiet = 4;
  QrPath out;
  out.size = qr->width + 2 * kQuiet;
  // Runs of dark modules in a row become one rectangle: a shorter path.
  for (int y = 0; y < qr->width; ++y) {
    for (int x = 0; x < qr->width;) {
      if (!(qr->data[y * qr->width + x] & 1)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < qr->width && (qr->data[y * qr->width + x + run] & 1)) ++run;
      for (const std::string& part : {std::string("M"), std::to_string(x + kQuiet), std::string(" "),
                                       std::to_string(y + kQuiet), std::string("h"), std::to_string(run),
                                       std::string("v1h-"), std::to_string(run), std::string("z")})
        out.path.append(part);
      x += run;
    }
  }
  QRcode_free(qr);
  return out;
}

}  // namespace kotak::server::staff
