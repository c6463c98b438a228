// SHA-256 digests written as lower-case hex: the one spelling Kotak uses for
// content hashes, token and secret hashes, key ids and ETags.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kotak::core {

// Lower-case hex of `size` bytes.
std::string to_hex(const unsigned char* bytes, std::size_t size);

// SHA-256 of `bytes`, 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace kotak::core
