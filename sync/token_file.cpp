// See token_file.hpp.
#include "sync/token_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace kotak::sync {

namespace {

constexpr std::size_t kMaxTokenBytes = 512;

std::string quoted(const std::filesystem::path& path) {
  std::string out = "'";
  out += path.string();
  out += '\'';
  return out;
}

}  // namespace

std::string read_token_file(const std::filesystem::path& path) {
  // Checked on the open descriptor, so the file checked is the file read.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    int error = errno;
    if (error == ENOENT)
      throw TokenFileError("the device token file " + quoted(path) +
                           " does not exist. Enroll the kiosk on the server (kotak-server device "
                           "add) and put the token there, mode 0600.");
    throw TokenFileError("cannot read the device token file " + quoted(path) + ": " +
                         std::strerror(error) +
                         ". It must be readable by the user kotak-sync "
                         "runs as.");
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    throw TokenFileError("the device token file " + quoted(path) + " is not a regular file");
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    ::close(fd);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    throw TokenFileError("refusing the device token file " + quoted(path) + ": its mode is " +
                         mode +
                         ", so other users can read or change the token. Fix it with: "
                         "chmod 600 " +
                         path.string());
  }
  char buffer[kMaxTokenBytes + 1];
  ssize_t n = ::read(fd, buffer, sizeof buffer);
  int error = errno;
  ::close(fd);
  if (n < 0)
    throw TokenFileError("cannot read the device token file " + quoted(path) + ": " +
                         std::strerror(error));
  if (static_cast<std::size_t>(n) > kMaxTokenBytes)
    throw TokenFileError("the device token file " + quoted(path) +
                         " is too long to hold a token; it must hold only the token");
  std::string token(buffer, static_cast<std::size_t>(n));
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ' ||
                            token.back() == '\t'))
    token.pop_back();
  std::size_t start = token.find_first_not_of(" \t\r\n");
  token.erase(0, start == std::string::npos ? token.size() : start);
  if (token.empty())
    throw TokenFileError("the device token file " + quoted(path) +
                         " is empty. Put the token from `kotak-server device add` in it.");
  for (unsigned char c : token)
    if (c <= ' ' || c >= 127)
      throw TokenFileError("the device token file " + quoted(path) +
                           " holds more than one token-like word or odd characters; it must "
                           "hold only the token");
  return token;
}

TokenFileWriter::TokenFileWriter(std::filesystem::path path) : path_(std::move(path)) {
  temporary_ = path_;
  temporary_ += ".new";
  ::unlink(temporary_.c_str());  // left by an earlier run that was killed
  fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd_ < 0)
    throw TokenFileError("cannot write the device token beside " + quoted(path_) + ": " +
                         std::strerror(errno) +
                         ". Run this as the user kotak-sync runs as (sudo -u kotak ...), or set "
                         "server.token_file to a file that user may write.");
}

TokenFileWriter::~TokenFileWriter() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(temporary_.c_str());
  }
}

void TokenFileWriter::commit(const std::string& token) {
  std::string line = token;
  line += '\n';
  bool ok = ::fchmod(fd_, 0600) == 0 &&
            ::write(fd_, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::fsync(fd_) == 0;
  int saved = errno;
  ::close(fd_);
  fd_ = -1;
  if (ok && ::rename(temporary_.c_str(), path_.c_str()) != 0) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    ::unlink(temporary_.c_str());
    throw TokenFileError("cannot write the device token to " + quoted(path_) + ": " +
                         std::strerror(saved));
  }
  // The rename itself must survive a power cut.
  int dir = ::open(path_.parent_path().empty() ? "." : path_.parent_path().c_str(),
                   O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

}  // namespace kotak::sync
