// Sealing a patient's contact details on the kiosk to the server's public
// key (libsodium sealed boxes: X25519 + XSalsa20-Poly1305 with a throw-away
// sender key), so that a stolen kiosk, its SD card or a USB bundle leaks
// nothing: only the server, which holds the secret key, can open them.
//
// What is sealed is the identity together with its submission's id,
//   {"id": UUID, "identity": {"name": "...", "phone": "...", "address": "..."}}
// so that a sealed blob moved onto another submission does not open. The
// blob travels as standard base64 (wire.hpp's "identity_sealed").
//
// Keys are Curve25519 key pairs: the public half (32 bytes, base64) reaches
// kiosks with the settings and at enrolment; the secret half stays in the
// server's state directory (server/seal_keys.hpp).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/submission.hpp"

namespace kotak::core::seal {

struct KeyPair {
  std::string public_key;  // base64 of 32 bytes
  std::string secret_key;  // the 32 raw bytes
};

// A new random key pair.
KeyPair generate();
// The key pair of a raw 32-byte secret key; nullopt when it is not 32 bytes.
std::optional<KeyPair> from_secret(std::string_view secret_key);
// True when text is the base64 of a 32-byte public key.
bool is_public_key(std::string_view text);
// The first 16 hex digits of the SHA-256 of a public key: how logs and
// file names tell keys apart.
std::string key_id(std::string_view public_key);

// The sealed identity of submission_id (base64). Throws std::invalid_argument
// for a public key that is not one.
std::string seal_identity(std::string_view submission_id, const Identity& identity,
                          std::string_view public_key);

struct Opened {
  std::optional<Identity> identity;  // set when it opened
  std::string error;                 // why not, in plain English, when it did not
};
// Opens a sealed identity with the first key that can, and checks that it
// belongs to submission_id.
Opened open_identity(std::string_view submission_id, std::string_view sealed,
                     std::span<const KeyPair> keys);

}  // namespace kotak::core::seal
