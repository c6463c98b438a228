// Staff passwords and session secrets, with libsodium.
//
// Passwords are hashed with argon2id (crypto_pwhash_str) at the "interactive"
// limits: about 64 MB and a fraction of a second per log-in, which is fine
// for a handful of staff and makes a stolen database expensive to guess.
// Session tokens and CSRF tokens are 32 random bytes in URL-safe base64; the
// database keeps only a session token's SHA-256 (a fast hash is right for
// 256 random bits, as for device tokens).
#pragma once

#include <string>
#include <string_view>

namespace kotak::server::staff {

inline constexpr std::size_t kMinPasswordChars = 10;

// Throws std::runtime_error when libsodium cannot (out of memory).
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);
// Burns the time of one verification, so that an unknown user name takes as
// long to refuse as a wrong password.
void verify_dummy(std::string_view password);

std::string new_secret();  // 43 characters of URL-safe base64
std::string hash_secret(std::string_view secret);  // SHA-256, lower-case hex
// Compares two strings in time independent of where they differ.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace kotak::server::staff
