// Device tokens: how a kiosk proves which device of which puskesmas it is.
//
// A token is "ktk1_" followed by 32 random bytes from libsodium's
// randombytes, in URL-safe base64 without padding (48 characters in all). It
// is printed once by `kotak-server device add` and then only its SHA-256 is
// kept. A fast hash is right here, unlike for passwords: 256 random bits
// cannot be guessed, so there is nothing for a slow hash to protect.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kotak::server {

inline constexpr std::string_view kTokenPrefix = "ktk1_";

// A new random token. Needs sodium_init() to have run.
std::string new_device_token();
// SHA-256 of the token, lower-case hex: what the storage keeps.
std::string hash_token(std::string_view token);
// True for text shaped like a token (prefix, length, alphabet); cheap
// filtering of garbage before any lookup.
bool looks_like_token(std::string_view token);
// The token from an Authorization header value "Bearer TOKEN"; nullopt when
// the header is missing, has another scheme or the token is malformed.
std::optional<std::string> bearer_token(std::string_view authorization);

}  // namespace kotak::server
