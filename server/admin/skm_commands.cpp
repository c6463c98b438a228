// `kotak-server skm import|population|report`: the SKM report's data from
// the operator's shell. The import takes the same path as the dashboard's
// upload (skm/import.hpp: all or nothing, each bad line with its number,
// content imported once, an undo kept in the list), and every message is
// the catalog's, in the language of --lang.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/i18n.hpp"
#include "core/paths.hpp"
#include "core/timestamp.hpp"
#include "server/admin/admin.hpp"
#include "server/dashboard/skm_json.hpp"
#include "server/reports/recap.hpp"
#include "server/skm/import.hpp"
#include "server/units.hpp"

namespace kotak::server::admin {

namespace {

core::Catalog catalog_of(const std::string& language) {
  return core::Catalog::load(core::assets_dir() / "i18n" / "web" /
                             (language == "en" ? "en.json" : "id.json"));
}

// A refusal in the reader's language.
[[noreturn]] void refuse(const core::Catalog& t, const std::string& key,
                         std::initializer_list<std::pair<std::string_view, std::string>> params = {}) {
  throw std::runtime_error(t.format(key, params));
}

std::string read_whole(const std::filesystem::path& file, const core::Catalog& t) {
  std::ifstream in(file, std::ios::binary);
  if (!in) refuse(t, "skm.cli.cannot_read", {{"file", file.string()}});
  in.seekg(0, std::ios::end);
  auto size = static_cast<std::size_t>(in.tellg());
  if (size > skm::kMaxImportBytes)
    refuse(t, "skm.cli.too_large", {{"file", file.string()},
                                    {"value", std::to_string(size / 1024) + " KB"},
                                    {"limit", std::to_string(skm::kMaxImportBytes / 1024 / 1024) + " MB"}});
  in.seekg(0);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void require_facility(Storage& storage, const std::string& facility_id, const core::Catalog& t) {
  if (!storage.facility(facility_id)) refuse(t, "skm.cli.no_facility", {{"facility", facility_id}});
}

reports::SkmPeriod period_of(const SkmPeriodOptions& o, const core::Catalog& t) {
  if (o.semester.empty() && o.from.empty() && o.to.empty()) refuse(t, "skm.cli.period_missing");
  auto problem = reports::skm_period_problem(o.semester, o.from, o.to);
  if (!problem.empty()) refuse(t, problem);
  return *reports::parse_skm_period(o.semester, o.from, o.to);
}

int undo_import(Storage& storage, const SkmImportOptions& o, const core::Catalog& t) {
  auto import = storage.skm_import(o.facility, o.undo);
  if (!import) refuse(t, "skm.cli.no_import", {{"id", std::to_string(o.undo)}});
  // The shell undoes what the shell imported; the dashboard's roles undo theirs.
  if (!import->user_role.empty()) refuse(t, "error.role.skm_undo", {{"role", import->user_role}});
  auto undone = storage.undo_skm_import(o.facility, o.undo, {0, o.user}, core::now().unix_ms);
  std::printf("%s\n", t.format("skm.import.undone", {{"file", undone.file_name},
                                                     {"count", std::to_string(undone.responses)}})
                          .c_str());
  return 0;
}

}  // namespace

int skm_import(Storage& storage, const core::ServerConfig& config, const SkmImportOptions& o) {
  auto t = catalog_of(o.language);
  require_facility(storage, o.facility, t);
  if (o.undo) return undo_import(storage, o, t);
  if (o.file.empty()) refuse(t, "skm.cli.file_missing");
  auto source = parse_skm_source(o.source);
  if (!source || !importable(*source)) refuse(t, "skm.cli.source", {{"value", o.source}});
  auto bytes = read_whole(o.file, t);
  auto now = core::now();
  skm::ImportOptions options;
  options.default_source = *source;
  options.units = facility_units(storage, config.units, o.facility);
  options.today = skm::local_day(now.unix_ms);
  auto name = o.file.filename().string();
  auto outcome = skm::import_skm_csv(storage, o.facility, name, bytes, options, {0, o.user}, "", now.unix_ms);
  if (outcome.previous) {
    std::fprintf(stderr, "%s\n", skm::duplicate_text(*outcome.previous, t).c_str());
    return 1;
  }
  if (!outcome.errors.empty()) {
    std::fprintf(stderr, "%s\n",
                 t.format("skm.import.refused", {{"file", name}, {"count", std::to_string(outcome.errors.size())}})
                     .c_str());
    for (const auto& e : outcome.errors)
      for (const auto& p : e.problems)
        std::fprintf(stderr, "%s: %s\n", skm::where(e, name, t).c_str(), skm::describe(p, t).c_str());
    return 1;
  }
  std::printf("%s\n", t.format("skm.import.done", {{"count", std::to_string(outcome.responses)}}).c_str());
  std::printf("%s\n", t.format("skm.cli.import_id", {{"id", std::to_string(*outcome.import_id)}}).c_str());
  for (const auto& column : outcome.ignored_columns)
    std::printf("%s\n", t.format("skm.import.ignored", {{"column", column}}).c_str());
  if (auto warning = skm::overlap_text(outcome, t); !warning.empty())
    std::fprintf(stderr, "%s\n", warning.c_str());
  return 0;
}

int skm_population(Storage& storage, const std::string& facility_id, const SkmPeriodOptions& o,
                   std::optional<std::int64_t> set, bool clear) {
  auto t = catalog_of(o.language);
  require_facility(storage, facility_id, t);
  auto period = period_of(o, t);
  SkmPeriodKey key{facility_id, period.first_day, period.last_day, o.unit};
  if (set || clear) {
    if (set && (*set < 1 || *set > 100000000)) refuse(t, "error.skm.population");
    storage.set_skm_population(key, clear ? std::nullopt : set, {0, "kotak-server"}, core::now().unix_ms);
  }
  auto period_text = reports::format_day(key.first_day) + " – " + reports::format_day(key.last_day);
  auto unit_text = o.unit.empty() ? t.get("skm.all_units") : o.unit;
  auto population = storage.skm_population(key);
  if (!population) {
    std::printf("%s\n", t.format("skm.cli.population_none", {{"facility", facility_id},
                                                             {"period", period_text},
                                                             {"unit", unit_text}})
                            .c_str());
    return 0;
  }
  std::printf("%s\n",
              t.format("skm.cli.population",
                       {{"facility", facility_id},
                        {"period", period_text},
                        {"unit", unit_text},
                        {"population", std::to_string(population->population)},
                        {"minimum", std::to_string(core::minimum_sample(population->population))},
                        {"user", population->user_name},
                        {"when", local_time(population->updated_ms)}})
                  .c_str());
  return 0;
}

int skm_report(Storage& storage, const core::ServerConfig& config, const std::string& facility_id,
               const SkmPeriodOptions& o) {
  auto t = catalog_of(o.language);
  require_facility(storage, facility_id, t);
  auto period = period_of(o, t);
  std::string unit_label;
  for (const auto& u : facility_units(storage, config.units, facility_id))
    if (u.id == o.unit) unit_label = u.label_for("id");
  auto document = reports::read_skm_document(storage, *storage.facility(facility_id), o.unit, unit_label, period);
  std::printf("%s\n", skm_document_json(document).dump(2).c_str());
  return 0;
}

}  // namespace kotak::server::admin
