// See units.hpp.
#include "server/units.hpp"

#include "core/log.hpp"
#include "core/remote_settings.hpp"

namespace kotak::server {

std::vector<core::Unit> facility_units(Storage& storage, const std::vector<core::Unit>& defaults,
                                       const std::string& facility_id) {
  if (facility_id.empty()) return defaults;
  auto stored = storage.settings(facility_id);
  if (!stored) return defaults;
  try {
    auto settings = core::parse_remote_settings(stored->json);
    if (settings.units && !settings.units->empty()) return *settings.units;
  } catch (const std::exception& bad) {
    core::log::warning("the kiosk settings of " + facility_id + " are not readable: " + bad.what());
  }
  return defaults;
}

}  // namespace kotak::server
