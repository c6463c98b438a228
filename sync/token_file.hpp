// Reading the device token file (server.token_file, /etc/kotak/device.token
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

}  // namespace kotak::sync
