// `kotak-server settings set|show`: the remote kiosk settings of a facility
// (remote_settings.hpp) that GET /api/v1/settings serves, until the staff
// dashboard edits them.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/remote_settings.hpp"
#include "core/timestamp.hpp"
#include "core/wire.hpp"
#include "server/admin/admin.hpp"
#include "server/api/api.hpp"

namespace kotak::server::admin {

int settings_set(Storage& storage, const std::string& facility_id,
                 const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + file.string() + "'");
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > 256 * 1024)
    throw std::runtime_error("'" + file.string() + "' is too large for kiosk settings");
  core::RemoteSettings parsed;
  try {
    parsed = core::parse_remote_settings(text.str());
  } catch (const core::wire::WireError& error) {
    throw std::runtime_error("'" + file.string() +
                             "' is not valid kiosk settings: " + error.what());
  }
  // Stored in canonical form, so the same settings always have the same ETag.
  std::string json = core::encode_remote_settings(parsed);
  storage.set_settings(facility_id, {json, settings_etag(json), core::now().unix_ms});
  std::printf("Kiosk settings of %s saved (ETag %s); kiosks fetch them on their next sync.\n",
              facility_id.c_str(), settings_etag(json).c_str());
  return 0;
}

int settings_show(Storage& storage, const std::string& facility_id) {
  auto settings = storage.settings(facility_id);
  if (!settings) {
    std::printf("No kiosk settings for %s: kiosks use their own config.\n", facility_id.c_str());
    return 0;
  }
  std::printf("%s\n", settings->json.c_str());
  std::printf("(ETag %s, saved %s)\n", settings->etag.c_str(),
              local_time(settings->updated_ms).c_str());
  return 0;
}

}  // namespace kotak::server::admin
