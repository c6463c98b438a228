// What the SKM files of the SQLite engine share (sqlite/skm*.cpp).
#pragma once

#include <optional>

#include "server/storage/storage.hpp"

namespace kotak::server {

// The staff account of a change; none for the admin commands.
inline std::optional<std::int64_t> user_of(const Actor& actor) {
  return actor.user_id ? std::optional(actor.user_id) : std::nullopt;
}

}  // namespace kotak::server
