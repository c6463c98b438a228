// `kotak-server skm import|population|report`: the SKM report's data from
// the operator's shell. The import takes the same path as the dashboard's
// upload (skm/import.hpp: all or nothing, each bad line with its number,
// a file imported once), and says what to fix in the catalog's words.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/i18n.hpp"
#include "core/paths.hpp"
#include "core/timestamp.hpp"
#include "server/admin/admin.hpp"
#include "server/dashboard/skm_json.hpp"
#include "server/skm/import.hpp"
#include "server/units.hpp"

namespace kotak::server::admin {

namespace {

std::string read_whole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + file.string() + "'");
  in.seekg(0, std::ios::end);
  if (static_cast<std::size_t>(in.tellg()) > skm::kMaxImportBytes)
    throw std::runtime_error("'" + file.string() + "' is larger than 2 MB: split it into smaller files");
  in.seekg(0);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void require_facility(Storage& storage, const std::string& facility_id) {
  if (!storage.facility(facility_id))
    throw std::runtime_error("there is no facility '" + facility_id +
                             "'; see kotak-server facility list");
}

}  // namespace

int skm_import(Storage& storage, const core::ServerConfig& config, const SkmImportOptions& o) {
  require_facility(storage, o.facility);
  auto source = parse_skm_source(o.source);
  if (!source || *source == SkmSource::kiosk)
    throw std::runtime_error("--source must be kertas or web");
  auto t = core::Catalog::load(core::assets_dir() / "i18n" / "web" /
                               (o.language == "en" ? "en.json" : "id.json"));
  auto bytes = read_whole(o.file);
  auto now = core::now();
  skm::ImportOptions options;
  options.default_source = *source;
  options.units = facility_units(storage, config.units, o.facility);
  options.today = skm::local_day(now.unix_ms);
  auto outcome = skm::import_skm_csv(storage, o.facility, o.file.filename().string(), bytes,
                                     options, {0, o.user}, now.unix_ms);
  if (outcome.previous) {
    const auto& p = *outcome.previous;
    std::fprintf(stderr, "%s (%s)\n",
                 t.format("skm.import.duplicate", {{"file", p.file_name},
                                                   {"user", p.user_name},
                                                   {"count", std::to_string(p.responses)}})
                     .c_str(),
                 local_time(p.imported_ms).c_str());
    return 1;
  }
  if (!outcome.errors.empty()) {
    std::fprintf(stderr, "%s\n",
                 t.format("skm.import.refused", {{"count", std::to_string(outcome.errors.size())}}).c_str());
    for (const auto& e : outcome.errors)
      for (const auto& p : e.problems)
        std::fprintf(stderr, "%s %lld: %s\n", t.get("skm.import.line").c_str(),
                     static_cast<long long>(e.line), skm::describe(p, t).c_str());
    return 1;
  }
  std::printf("%s\n", t.format("skm.import.done", {{"count", std::to_string(outcome.responses)}}).c_str());
  for (const auto& column : outcome.ignored_columns)
    std::printf("%s\n", t.format("skm.import.ignored", {{"column", column}}).c_str());
  return 0;
}

int skm_population(Storage& storage, const std::string& facility_id,
                   std::optional<std::int64_t> set, bool clear) {
  require_facility(storage, facility_id);
  if (set || clear) {
    if (set && (*set < 1 || *set > 100000000))
      throw std::runtime_error("the population must be a whole number from 1 to 100000000");
    storage.set_skm_population(facility_id, clear ? std::nullopt : set, {0, "kotak-server"},
                               core::now().unix_ms);
  }
  auto population = storage.skm_population(facility_id);
  if (!population) {
    std::printf("No SKM population set for %s: the report cannot show the minimum sample.\n",
                facility_id.c_str());
    return 0;
  }
  std::printf("SKM population of %s: %lld (minimum sample %lld), set by %s at %s\n",
              facility_id.c_str(), static_cast<long long>(population->population),
              static_cast<long long>(core::minimum_sample(population->population)),
              population->user_name.c_str(), local_time(population->updated_ms).c_str());
  return 0;
}

int skm_report(Storage& storage, const std::string& facility_id, const SkmPeriodOptions& o) {
  require_facility(storage, facility_id);
  auto period = reports::parse_skm_period(o.semester, o.from, o.to);
  if (!period)
    throw std::runtime_error("give --semester YYYY-1 or YYYY-2, or --from and --to as YYYY-MM-DD");
  auto report = reports::read_skm_report(storage, facility_id, o.unit, *period);
  auto body = skm_report_json(report);
  body["facility"] = facility_id;
  body["population"] = skm_population_json(storage.skm_population(facility_id));
  std::printf("%s\n", body.dump(2).c_str());
  return 0;
}

}  // namespace kotak::server::admin
