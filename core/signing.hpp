// A kiosk's Ed25519 key pair (libsodium), which signs its USB bundles so the
// server can tell them from forgeries: a bundle's plain SHA-256 checksums
// can be recomputed by anyone who edits it, a signature only by the kiosk
// that holds the secret key. kotak-sync makes the key pair the first time it
// needs it, in a file only its owner can read (sync.signing_key_file,
// beside the device token), and registers the public key with the server
// over the authenticated API; the server keeps it with the device.
//
// The key file is one line: "ed25519 <base64 of the 64-byte secret key>".
// Public keys and signatures travel as standard base64.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kotak::core::signing {

struct KeyPair {
  std::string public_key;  // base64 of 32 bytes
  std::string secret_key;  // the 64 raw bytes (seed and public key)
};

// Reads the key pair in file; nullopt when the file does not exist. Throws
// std::runtime_error (with the file and what to do) for a damaged file or a
// file others can read.
std::optional<KeyPair> load(const std::filesystem::path& file);
// The key pair in file, made (mode 0600, created atomically, so two
// processes that need it at once end with the same key) when there is none.
KeyPair load_or_create(const std::filesystem::path& file);

// A detached signature of message, base64.
std::string sign(const KeyPair& key, std::string_view message);
// True when signature (base64) is public_key's (base64) over message.
bool verify(std::string_view public_key, std::string_view message, std::string_view signature);
// True when text is the base64 of a 32-byte Ed25519 public key.
bool is_public_key(std::string_view text);

}  // namespace kotak::core::signing
