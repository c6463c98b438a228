// See seal_keys.hpp.
#include "server/seal_keys.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "core/secret_file.hpp"

namespace kotak::server {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = "curve25519 ";
constexpr std::string_view kWhat = "the seal key";
constexpr std::string_view kCurrent = "current.key";

std::string key_line(const core::seal::KeyPair& key) {
  return std::string(kPrefix) + core::secret_file::to_base64(key.secret_key) + "\n";
}

std::optional<core::seal::KeyPair> load(const fs::path& file) {
  auto line = core::secret_file::read_line(file, kWhat);
  if (!line) return std::nullopt;
  auto fail = [&](const std::string& problem) {
    sodium_memzero(line->data(), line->size());
    throw std::runtime_error(std::string(kWhat) + " " + file.string() + " is damaged: " + problem +
                             ". Restore it from a backup: without it, what kiosks sealed to it "
                             "cannot be opened.");
  };
  if (line->rfind(kPrefix, 0) != 0) fail("it does not start with \"curve25519 \"");
  auto secret = core::secret_file::from_base64(std::string_view(*line).substr(kPrefix.size()),
                                               crypto_box_SECRETKEYBYTES);
  sodium_memzero(line->data(), line->size());
  if (!secret) fail("the key is not 32 bytes of base64");
  auto key = core::seal::from_secret(
      std::string_view(reinterpret_cast<const char*>(secret->data()), secret->size()));
  sodium_memzero(secret->data(), secret->size());
  return key;
}

void make_dir(const fs::path& dir) {
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    throw std::runtime_error("cannot make the seal key folder " + dir.string() + ": " +
                             std::strerror(errno) +
                             ". Check [storage] seal_key_dir and that the server's user may "
                             "write its state directory.");
}

// Keeps key as <key id>.key, so that it still opens after rotation.
void archive(const fs::path& dir, const core::seal::KeyPair& key) {
  core::secret_file::create(dir / (core::seal::key_id(key.public_key) + ".key"), key_line(key),
                            kWhat);
}

}  // namespace

std::optional<core::seal::KeyPair> SealKeys::current() const { return load(dir_ / kCurrent); }

core::seal::KeyPair SealKeys::current_or_create() const {
  if (auto key = current()) return *key;
  make_dir(dir_);
  auto key = core::seal::generate();
  std::string line = key_line(key);
  core::secret_file::create(dir_ / kCurrent, line, kWhat);  // false: another process was first
  sodium_memzero(line.data(), line.size());
  auto made = current();
  if (!made) throw std::runtime_error("the seal key " + (dir_ / kCurrent).string() +
                                      " vanished while it was made");
  return *made;
}

core::seal::KeyPair SealKeys::rotate() const {
  auto old = current_or_create();
  archive(dir_, old);
  auto key = core::seal::generate();
  std::string line = key_line(key);
  core::secret_file::replace(dir_ / kCurrent, line, kWhat);
  sodium_memzero(line.data(), line.size());
  archive(dir_, key);
  return key;
}

std::vector<core::seal::KeyPair> SealKeys::all() const {
  std::vector<core::seal::KeyPair> keys;
  if (auto key = current()) keys.push_back(std::move(*key));
  std::error_code error;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir_, error))
    if (entry.path().extension() == ".key" && entry.path().filename() != kCurrent)
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto key = load(file);
    if (!key) continue;
    bool known = std::any_of(keys.begin(), keys.end(),
                             [&](const auto& k) { return k.public_key == key->public_key; });
    if (!known) keys.push_back(std::move(*key));
  }
  return keys;
}

int seal_key_command(const SealKeys& keys, bool rotate) {
  auto had = keys.current();
  auto key = rotate ? keys.rotate() : keys.current_or_create();
  if (rotate)
    std::printf("Made a new seal key; the old one (%s) is kept to open what kiosks sealed to it.\n",
                core::seal::key_id(had ? had->public_key : key.public_key).c_str());
  else if (!had)
    std::printf("Made the seal key.\n");
  std::printf("Seal key %s (public half, sent to kiosks with their settings):\n%s\n",
              core::seal::key_id(key.public_key).c_str(), key.public_key.c_str());
  std::printf("Secret halves: %s (back this folder up; without it, identities sealed on kiosks "
              "cannot be opened)\n",
              keys.dir().c_str());
  return 0;
}

}  // namespace kotak::server
