// Reading the device token file (server.token_file, /var/lib/kotak/device.token
// by default). The token is the kiosk's only credential, so a file that
// group members or others may read or write is refused, like ssh refuses a
// private key with loose permissions, with the command that fixes it.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace kotak::sync {

class TokenFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The token, trimmed. Throws TokenFileError saying what is wrong and how to
// fix it: missing, not a regular file, readable or writable by group or
// others, unreadable, empty, or not a single line of printable text.
std::string read_token_file(const std::filesystem::path& path);

// A token file being replaced: the temporary file beside it is made (mode
// 0600) before anything is asked of the server, so that a token the server
// hands out once always has somewhere to go. commit() writes the token,
// syncs it and renames it over the path; without commit() the temporary
// file is removed. Throws TokenFileError saying what is wrong.
class TokenFileWriter {
 public:
  explicit TokenFileWriter(std::filesystem::path path);
  ~TokenFileWriter();
  TokenFileWriter(const TokenFileWriter&) = delete;
  TokenFileWriter& operator=(const TokenFileWriter&) = delete;
  void commit(const std::string& token);

 private:
  std::filesystem::path path_;
  std::filesystem::path temporary_;
  int fd_ = -1;
};

}  // namespace kotak::sync
