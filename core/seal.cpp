// See seal.hpp.
#include "core/seal.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/digest.hpp"
#include "core/secret_file.hpp"
#include "core/wire_reader.hpp"

namespace kotak::core::seal {

using nlohmann::json;
using secret_file::from_base64;
using secret_file::to_base64;

namespace {

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

// The identity's JSON as sealed; wiped by the caller after use.
std::string plain_text(std::string_view submission_id, const Identity& identity) {
  json id = json::object();
  if (!identity.name.empty()) id["name"] = identity.name;
  if (!identity.phone.empty()) id["phone"] = identity.phone;
  if (!identity.address.empty()) id["address"] = identity.address;
  return json{{"id", submission_id}, {"identity", id}}.dump();
}

// The identity in opened plain text; FieldError when it is not one.
Identity read_plain(std::string_view submission_id, const std::string& text) {
  json message = json::parse(text, nullptr, false);
  if (message.is_discarded()) throw wire::reader::FieldError("the opened identity is not JSON");
  wire::reader::Fields fields(message, "sealed identity");
  auto id = fields.string("id", kMaxIdChars, true);
  if (id != submission_id)
    throw wire::reader::FieldError("it was sealed for another submission (" + id.substr(0, 36) +
                             "): it was moved or tampered with");
  const json* object = fields.get("identity");
  if (!object) throw wire::reader::FieldError("the sealed identity holds no identity");
  wire::reader::Fields identity(*object, "sealed identity.identity");
  Identity out{identity.string("name", kMaxNameChars), identity.string("phone", kMaxPhoneChars),
               identity.string("address", kMaxAddressChars)};
  identity.finish();
  fields.finish();
  return out;
}

}  // namespace

KeyPair generate() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  unsigned char public_key[crypto_box_PUBLICKEYBYTES];
  unsigned char secret[crypto_box_SECRETKEYBYTES];
  crypto_box_keypair(public_key, secret);
  KeyPair key{to_base64(public_key, sizeof public_key),
              std::string(reinterpret_cast<const char*>(secret), sizeof secret)};
  sodium_memzero(secret, sizeof secret);
  return key;
}

std::optional<KeyPair> from_secret(std::string_view secret_key) {
  if (secret_key.size() != crypto_box_SECRETKEYBYTES) return std::nullopt;
  unsigned char public_key[crypto_box_PUBLICKEYBYTES];
  if (crypto_scalarmult_base(public_key, bytes(secret_key)) != 0) return std::nullopt;
  return KeyPair{to_base64(public_key, sizeof public_key), std::string(secret_key)};
}

bool is_public_key(std::string_view text) {
  return from_base64(text, crypto_box_PUBLICKEYBYTES).has_value();
}

std::string key_id(std::string_view public_key) {
  return sha256_hex(public_key).substr(0, 16);
}

std::string seal_identity(std::string_view submission_id, const Identity& identity,
                          std::string_view public_key) {
  auto key = from_base64(public_key, crypto_box_PUBLICKEYBYTES);
  if (!key) throw std::invalid_argument("the seal key is not a base64 public key of 32 bytes");
  std::string plain = plain_text(submission_id, identity);
  std::string sealed(plain.size() + crypto_box_SEALBYTES, '\0');
  int rc = crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), bytes(plain),
                           plain.size(), key->data());
  sodium_memzero(plain.data(), plain.size());
  if (rc != 0) throw std::runtime_error("libsodium could not seal the identity");
  return to_base64(sealed);
}

Opened open_identity(std::string_view submission_id, std::string_view sealed,
                     std::span<const KeyPair> keys) {
  if (keys.empty())
    return {std::nullopt,
            "the identity is sealed, and this server has no seal key to open it with: copy the "
            "seal-keys folder of the server that gave the kiosk its key into this server's "
            "([storage] seal_key_dir), then send or import it again"};
  auto box = secret_file::from_base64_bounded(sealed, kMaxSealedIdentityBytes);
  if (!box || box->size() <= crypto_box_SEALBYTES)
    return {std::nullopt, "identity_sealed is not a sealed box (not base64, or too short or long)"};
  std::string plain(box->size() - crypto_box_SEALBYTES, '\0');
  for (const auto& key : keys) {
    auto public_key = from_base64(key.public_key, crypto_box_PUBLICKEYBYTES);
    if (!public_key || key.secret_key.size() != crypto_box_SECRETKEYBYTES) continue;
    if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), bytes(*box),
                             box->size(), public_key->data(), bytes(key.secret_key)) != 0)
      continue;
    Opened opened;
    try {
      opened.identity = read_plain(submission_id, plain);
    } catch (const wire::reader::FieldError& bad) {
      opened.error = std::string("the sealed identity opened but is not acceptable: ") + bad.what();
    }
    sodium_memzero(plain.data(), plain.size());
    return opened;
  }
  sodium_memzero(plain.data(), plain.size());
  return {std::nullopt,
          "the sealed identity does not open with any of this server's " +
              std::to_string(keys.size()) +
              " seal keys: it was sealed to another server's key or altered on the way. It is "
              "kept on the kiosk (quarantined); if the kiosk was set up with another server's "
              "key, copy that key into this server's seal-keys folder and send it again"};
}

}  // namespace kotak::core::seal
