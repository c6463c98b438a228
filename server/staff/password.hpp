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

// A one-time code an admin or kepala reads out or hands over (a first
// password, a reset): 12 of 31 unambiguous letters and digits (about 59
// bits) in groups, "K7MQ-4FX9-ACD2"; the database keeps its hash.
std::string new_one_time_code();
// What was typed, upper-cased, without spaces and dashes: the form whose
// hash_secret is kept.
std::string normal_one_time_code(std::string_view typed);

}  // namespace kotak::server::staff
