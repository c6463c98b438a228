// See storage.hpp: opening the engine the config names. The only place
// above the engines' folders that knows there are two.
#include "server/storage/storage.hpp"

#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#if KOTAK_POSTGRESQL
#include "server/storage/postgres/pg_storage.hpp"
#endif
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

IdentityView identity_view(std::int64_t case_id, std::int64_t number, int year, const std::string& mode,
                           std::int64_t at_ms, std::string user, const std::string& detail) {
  IdentityView v;
  v.case_id = case_id;
  v.label = reg::register_label(number, year);
  v.identity_mode = core::parse_identity_mode(mode).value_or(core::IdentityMode::named);
  v.at_ms = at_ms;
  v.user = std::move(user);
  auto parsed = nlohmann::json::parse(detail, nullptr, false);
  if (!parsed.is_object()) return v;
  if (auto reason = parsed.find("reason"); reason != parsed.end() && reason->is_string()) v.reason = *reason;
  if (auto use = parsed.find("use"); use != parsed.end() && use->is_string()) v.use = *use;
  if (auto channels = parsed.find("channels"); channels != parsed.end() && channels->is_array())
    for (const auto& c : *channels)
      if (c.is_string()) v.channels.push_back(c);
  return v;
}

namespace {

// Files that root creates beside a database owned by the service user (the
// -wal and -shm files) would lock the service out of its own database.
void refuse_root_on_foreign_file(const std::filesystem::path& database) {
  struct stat info {};
  if (geteuid() != 0 || ::stat(database.c_str(), &info) != 0 || info.st_uid == 0) return;
  throw StorageError(StorageErrc::failed,
                     "refusing to open " + database.string() + " as root: it belongs to user id " +
                         std::to_string(info.st_uid) +
                         ". Run the command as that user, e.g. sudo -u kotak kotak-server ...");
}

}  // namespace
std::string_view to_string(ClockTrust trust) {
  static constexpr std::string_view kNames[] = {"", "synchronised", "corrected", "uncertain"};
  return kNames[static_cast<int>(trust)];
}

ClockTrust parse_clock_trust(std::string_view text) {
  for (auto trust : {ClockTrust::synchronised, ClockTrust::corrected, ClockTrust::uncertain})
    if (to_string(trust) == text) return trust;
  return ClockTrust::unknown;
}

std::unique_ptr<Storage> open_storage(const core::ServerConfig& config) {
  if (config.engine == "postgresql") {
#if KOTAK_POSTGRESQL
    return std::make_unique<PgStorage>(pg::options_of(config));
#else
    throw StorageError(StorageErrc::failed, kNoPostgresql);
#endif
  }
  // The config loader accepts only the engines built in, so another value
  // here is a programming error, reported as such rather than ignored.
  if (config.engine != "sqlite")
    throw StorageError(StorageErrc::failed,
                       "storage engine '" + config.engine + "' is not built into this kotak-server");
  refuse_root_on_foreign_file(config.database);
  return std::make_unique<SqliteStorage>(config.database, config.due_hours);
}

}  // namespace kotak::server
