// See secret_file.hpp.
#include "core/secret_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace kotak::core::secret_file {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(std::string_view what, const fs::path& file, const std::string& problem) {
  throw std::runtime_error(std::string(what) + " " + file.string() + " " + problem);
}

// Writes line under a temporary name beside file (mode 0600, synced) and
// returns that name.
fs::path write_temporary(const fs::path& file, const std::string& line, std::string_view what) {
  auto temporary = file;
  temporary += ".new-" + std::to_string(::getpid());
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    fail(what, file, std::string("cannot be made: ") + std::strerror(errno) +
                         ". Check that its directory exists and is writable.");
  bool ok = ::fchmod(fd, 0600) == 0 &&
            ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(temporary.c_str());
    fail(what, file, std::string("cannot be written: ") + std::strerror(saved));
  }
  return temporary;
}

}  // namespace

std::string to_base64(const unsigned char* bytes, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string to_base64(std::string_view bytes) {
  return to_base64(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

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

std::optional<std::string> from_base64_bounded(std::string_view text, std::size_t max_size) {
  if (text.size() > 4 * (max_size + 2) / 3 + 4) return std::nullopt;
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size() || length > max_size)
    return std::nullopt;
  bytes.resize(length);
  return bytes;
}

std::optional<std::string> read_line(const fs::path& file, std::string_view what) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    if (errno == ENOENT) return std::nullopt;
    fail(what, file, std::string("cannot be read: ") + std::strerror(errno));
  }
  if (info.st_mode & (S_IRWXG | S_IRWXO))
    fail(what, file, "can be read by others; it must be mode 0600 (chmod 600 " + file.string() + ")");
  std::ifstream in(file);
  if (!in) fail(what, file, std::string("cannot be read: ") + std::strerror(errno));
  std::string line;
  std::getline(in, line);
  return line;
}

bool create(const fs::path& file, const std::string& line, std::string_view what) {
  auto temporary = write_temporary(file, line, what);
  int linked = ::link(temporary.c_str(), file.c_str());
  int saved = errno;
  ::unlink(temporary.c_str());
  if (linked == 0) return true;
  if (saved == EEXIST) return false;
  fail(what, file, std::string("cannot be made: ") + std::strerror(saved));
}

void replace(const fs::path& file, const std::string& line, std::string_view what) {
  auto temporary = write_temporary(file, line, what);
  if (::rename(temporary.c_str(), file.c_str()) != 0) {
    int saved = errno;
    ::unlink(temporary.c_str());
    fail(what, file, std::string("cannot be replaced: ") + std::strerror(saved));
  }
}

}  // namespace kotak::core::secret_file
