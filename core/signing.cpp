// See signing.hpp.
#include "core/signing.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace kotak::core::signing {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = "ed25519 ";

std::string to_base64(const unsigned char* bytes, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// The bytes of base64 text when it decodes to exactly size bytes.
std::optional<std::vector<unsigned char>> from_base64(std::string_view text, std::size_t size) {
  std::vector<unsigned char> bytes(size + 1);
  std::size_t length = 0;
  if (text.size() > 4 * (size + 2) / 3 + 4 ||
      sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length != size)
    return std::nullopt;
  bytes.resize(size);
  return bytes;
}

[[noreturn]] void fail(const fs::path& file, const std::string& problem) {
  throw std::runtime_error("the signing key " + file.string() + " " + problem);
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
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    if (errno == ENOENT) return std::nullopt;
    fail(file, std::string("cannot be read: ") + std::strerror(errno));
  }
  if (info.st_mode & (S_IRWXG | S_IRWXO))
    fail(file, "can be read by others; it must be mode 0600 (chmod 600 " + file.string() +
                   "), or remove it and a new key is made and must be registered again");
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  if (line.rfind(kPrefix, 0) != 0) fail(file, "is damaged: it does not start with \"ed25519 \"");
  auto secret = from_base64(std::string_view(line).substr(kPrefix.size()), crypto_sign_SECRETKEYBYTES);
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
  // Written whole under a temporary name, then linked into place: link
  // fails when another process made the key first, and then its key counts.
  auto temporary = file;
  temporary += ".new-" + std::to_string(::getpid());
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) fail(file, std::string("cannot be made: ") + std::strerror(errno) +
                             ". Check that its directory exists and is writable.");
  bool ok = ::fchmod(fd, 0600) == 0 &&
            ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  sodium_memzero(line.data(), line.size());
  if (!ok) {
    ::unlink(temporary.c_str());
    fail(file, std::string("cannot be written: ") + std::strerror(saved));
  }
  int linked = ::link(temporary.c_str(), file.c_str());
  saved = errno;
  ::unlink(temporary.c_str());
  if (linked != 0 && saved != EEXIST) fail(file, std::string("cannot be made: ") + std::strerror(saved));
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
