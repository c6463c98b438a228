// See signing.hpp.
#include "core/signing.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/secret_file.hpp"

namespace kotak::core::signing {

namespace fs = std::filesystem;

namespace {

using secret_file::from_base64;
using secret_file::to_base64;

constexpr std::string_view kPrefix = "ed25519 ";
constexpr std::string_view kWhat = "the signing key";

[[noreturn]] void fail(const fs::path& file, const std::string& problem) {
  throw std::runtime_error(std::string(kWhat) + " " + file.string() + " " + problem);
}

KeyPair from_secret(const unsigned char* secret) {
  KeyPair key;
  key.secret_key.assign(reinterpret_cast<const char*>(secret), crypto_sign_SECRETKEYBYTES);
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_ed25519_sk_to_pk(public_key, secret);
  key.public_key = to_base64(public_key, sizeof public_key);
  return key;
}

}  // namespace

std::optional<KeyPair> load(const fs::path& file) {
  auto line = secret_file::read_line(file, kWhat);
  if (!line) return std::nullopt;
  if (line->rfind(kPrefix, 0) != 0) fail(file, "is damaged: it does not start with \"ed25519 \"");
  auto secret = from_base64(std::string_view(*line).substr(kPrefix.size()), crypto_sign_SECRETKEYBYTES);
  sodium_memzero(line->data(), line->size());
  if (!secret) fail(file, "is damaged: the key is not 64 bytes of base64");
  auto key = from_secret(secret->data());
  sodium_memzero(secret->data(), secret->size());
  return key;
}

KeyPair load_or_create(const fs::path& file) {
  if (auto key = load(file)) return *key;
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  unsigned char secret[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(public_key, secret);
  std::string line = std::string(kPrefix) + to_base64(secret, sizeof secret) + "\n";
  sodium_memzero(secret, sizeof secret);
  // When another process made the key first, its key counts.
  secret_file::create(file, line, kWhat);
  sodium_memzero(line.data(), line.size());
  auto key = load(file);
  if (!key) fail(file, "vanished while it was made");
  return *key;
}

std::string sign(const KeyPair& key, std::string_view message) {
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(),
                       reinterpret_cast<const unsigned char*>(key.secret_key.data()));
  return to_base64(signature, sizeof signature);
}

bool verify(std::string_view public_key, std::string_view message, std::string_view signature) {
  auto key = from_base64(public_key, crypto_sign_PUBLICKEYBYTES);
  auto bytes = from_base64(signature, crypto_sign_BYTES);
  return key && bytes &&
         crypto_sign_verify_detached(bytes->data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key->data()) == 0;
}

bool is_public_key(std::string_view text) {
  return from_base64(text, crypto_sign_PUBLICKEYBYTES).has_value();
}

}  // namespace kotak::core::signing
