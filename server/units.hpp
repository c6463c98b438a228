// The service units of a facility (poli umum, apotek, ...): those of its
// remote kiosk settings when they name any, else server.toml's [[units]].
// The dashboard, the SKM import and the admin commands share this rule.
#pragma once

#include <string>
#include <vector>

#include "core/config.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

std::vector<core::Unit> facility_units(Storage& storage, const std::vector<core::Unit>& defaults,
                                       const std::string& facility_id);

}  // namespace kotak::server
