// The server's sealing key pairs (core/seal.hpp): kiosks seal each
// patient's contact details to the current public key as they save them,
// and the server opens them at ingest. They live as files in one folder of
// the server's state directory ([storage] seal_key_dir, default
// /var/lib/kotak/seal-keys), so every server process on the machine
// (serve, import, several workers) reads the same keys; nothing is in the
// database.
//
//   seal-keys/            mode 0700
//     current.key         the key kiosks are told to seal to
//     <key id>.key        every earlier current key, kept to open what old
//                         kiosks sealed to it (key rotation)
//
// Each file is mode 0600 and one line: "curve25519 <base64 of the 32-byte
// secret key>". The first process that needs a key makes it (atomically:
// two processes starting at once end with the same key). `kotak-server
// seal-key --rotate` makes a new current key and keeps the old one as
// <key id>.key; kiosks pick the new one up at their next settings pull, and
// what they sealed before still opens.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/seal.hpp"

namespace kotak::server {

class SealKeys {
 public:
  explicit SealKeys(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // The current key pair; nullopt when none was made yet. Throws
  // std::runtime_error for a damaged or exposed key file.
  std::optional<core::seal::KeyPair> current() const;
  // The current key pair, made (with the folder) when there is none.
  core::seal::KeyPair current_or_create() const;
  // Makes a new current key pair, keeping the old one; returns the new one.
  core::seal::KeyPair rotate() const;
  // Every key pair that may open a sealed identity, current first.
  std::vector<core::seal::KeyPair> all() const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

// `kotak-server seal-key [--rotate]`: prints the current public key (made
// when there is none) and where the keys are.
int seal_key_command(const SealKeys& keys, bool rotate);

}  // namespace kotak::server
