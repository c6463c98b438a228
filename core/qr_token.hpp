// The short token in the kiosk's QR code that leads to the phone pages
// (issue 18): only someone standing at the kiosk, who scanned it in the
// last few minutes, may send an answer from their phone.
//
// Time is cut into windows of kQrWindowMs. The token of a window is the
// first 10 bytes of HMAC-SHA256(facility secret, "kotak-qr:" facility ":"
// window), written as 16 characters of lower-case base32 (digits and
// letters a phone's camera app passes through unchanged). The kiosk, which
// received the secret with its settings, draws the token of its clock's
// window; the server accepts that of its own current window and of the one
// before, so a code is good for between one and two windows, and a kiosk
// clock a window or more behind or ahead is refused (the kiosk's clock is
// kept by NTP; see docs/kiosk.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kotak::core::qr_token {

inline constexpr std::int64_t kWindowMs = 5 * 60 * 1000;
inline constexpr std::size_t kTokenChars = 16;

// The window a time falls in (floor, also before 1970).
std::int64_t window_of(std::int64_t unix_ms);

// The token of a window. secret: base64 of the facility's secret.
std::string token(std::string_view secret, std::string_view facility_id, std::int64_t window);

// The window whose token this is, among the current one of now_ms and the
// one before (the two a fresh QR code can carry); -1 when neither: expired,
// from a kiosk clock far off, or forged. Compared in constant time.
std::int64_t fresh_window(std::string_view secret, std::string_view facility_id,
                          std::string_view token, std::int64_t now_ms);

// The token of a window a phone page was opened in, checked for a later
// send: good when it is that window's token and the window is at most
// max_age_windows before now's. The form a patient is filling keeps working
// for a while after the QR code moved on (a slow writer, a dropped
// connection), but no longer.
bool issued_within(std::string_view secret, std::string_view facility_id, std::string_view token,
                   std::int64_t window, std::int64_t now_ms, std::int64_t max_age_windows);

// A new facility secret: 32 random bytes, base64.
std::string new_secret();

}  // namespace kotak::core::qr_token
