// The optional second factor of admin and kepala (issue 14 item 6): TOTP
// (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) through liboath, the
// codes every authenticator app (Google Authenticator, FreeOTP, Aegis)
// shows after scanning an otpauth:// URI.
//
// A code is accepted for its own step and one step either side (a phone
// clock a little off); the storage then keeps the step so that the same
// code, or one of an earlier step, is never accepted again (replay).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kotak::server::staff {

inline constexpr unsigned kTotpStepSeconds = 30;
inline constexpr unsigned kTotpDigits = 6;
inline constexpr std::size_t kTotpWindow = 1;  // steps either side of now

// A new random key (20 bytes, as RFC 4226 advises), base32 without padding.
std::string new_totp_secret();
// otpauth://totp/Kotak:USER?secret=...&issuer=Kotak&... for the QR code.
std::string otpauth_uri(const std::string& secret, const std::string& username, const std::string& issuer);
// The step of `code` within the window around now_ms, or nullopt when it
// is not a valid code (of the wrong length, not digits, or not matching).
std::optional<std::int64_t> totp_step(const std::string& secret, std::string_view code, std::int64_t now_ms);
// The code of the step holding at_ms: for tests, which compute codes at a
// time they set.
std::string totp_code(const std::string& secret, std::int64_t at_ms);

// The QR code of text as an SVG path ("M x y h1v1h-1z" per dark module) in
// a square of `size` modules (quiet zone included): the page draws it
// without any markup from the server.
struct QrPath {
  int size = 0;
  std::string path;
};
QrPath qr_path(const std::string& text);

}  // namespace kotak::server::staff
