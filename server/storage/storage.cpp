// See storage.hpp: choosing the engine named in the config.
#include "server/storage/storage.hpp"

#include <nlohmann/json.hpp>

#include "server/storage/sqlite_storage.hpp"

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
  if (parsed.is_object() && parsed.contains("reason") && parsed["reason"].is_string()) v.reason = parsed["reason"];
  return v;
}

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
  // The config loader accepts only the engines built in, so another value
  // here is a programming error, reported as such rather than ignored.
  if (config.engine == "sqlite") return std::make_unique<SqliteStorage>(config.database, config.due_hours);
  throw StorageError(StorageErrc::failed,
                     "storage engine '" + config.engine + "' is not built into this kotak-server");
}

}  // namespace kotak::server
