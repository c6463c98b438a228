// `kotak-server facility add|list`: the puskesmas a server serves.
#include <cstdio>
#include <stdexcept>

#include "core/submission.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "server/admin/admin.hpp"

namespace kotak::server::admin {

std::string local_time(std::optional<std::int64_t> unix_ms) {
  if (!unix_ms) return "-";
  auto iso = core::format_iso8601({*unix_ms, core::local_offset_minutes(*unix_ms / 1000)});
  // 2026-11-23T12:47:00.123+07:00 → 2026-11-23 12:47:00 +07:00
  return iso.substr(0, 10) + " " + iso.substr(11, 8) + " " + iso.substr(23);
}

int facility_add(Storage& storage, const std::string& id, const std::string& name) {
  if (!core::is_identifier(id))
    throw std::runtime_error("the facility id '" + id +
                             "' must be 1 to 64 of A-Z a-z 0-9 . _ - (e.g. pkm-klaten-tengah)");
  auto length = core::utf8_length(name);
  if (!length || *length == 0 || *length > 200 || core::has_control_chars(name))
    throw std::runtime_error("the facility name must be 1 to 200 characters of plain text");
  storage.add_facility({id, core::trim(name), core::now().unix_ms});
  std::printf(
      "Facility %s (%s) added. Enroll its kiosks with:\n"
      "  kotak-server device add --facility %s --name kiosk-1\n",
      id.c_str(), name.c_str(), id.c_str());
  return 0;
}

int facility_list(Storage& storage) {
  auto list = storage.facilities();
  if (list.empty()) {
    std::printf("No facilities yet. Add one with: kotak-server facility add --id ID --name NAME\n");
    return 0;
  }
  std::printf("%-24s %-40s %s\n", "ID", "NAME", "ADDED");
  for (const auto& f : list)
    std::printf("%-24s %-40s %s\n", f.id.c_str(), f.name.c_str(), local_time(f.created_ms).c_str());
  return 0;
}

}  // namespace kotak::server::admin
