// Small files that hold a secret key (the kiosk's bundle signing key, the
// server's sealing keys) and the base64 they are written in. A secret file
// is mode 0600 and is made whole under a temporary name, then linked into
// place: link fails when another process made the file first, so two
// processes that need a key at once end with the same one.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kotak::core::secret_file {

// Standard base64 (with padding), as keys travel on the wire and in files.
std::string to_base64(const unsigned char* bytes, std::size_t size);
std::string to_base64(std::string_view bytes);
// The bytes of base64 text when it decodes to exactly size bytes.
std::optional<std::vector<unsigned char>> from_base64(std::string_view text, std::size_t size);
// The bytes of base64 text of at most max_size bytes; nullopt when it is not base64.
std::optional<std::string> from_base64_bounded(std::string_view text, std::size_t max_size);

// The first line of file; nullopt when it does not exist. Throws
// std::runtime_error naming `what` and the file when it cannot be read or
// group or others may read it.
std::optional<std::string> read_line(const std::filesystem::path& file, std::string_view what);

// Writes line to file (mode 0600) unless the file exists. Returns false
// when it existed already (another process was first). Throws
// std::runtime_error naming `what` when it cannot be written.
bool create(const std::filesystem::path& file, const std::string& line, std::string_view what);

// Writes line to file (mode 0600), replacing it atomically (rename).
void replace(const std::filesystem::path& file, const std::string& line, std::string_view what);

}  // namespace kotak::core::secret_file
