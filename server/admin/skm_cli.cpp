// See skm_cli.hpp.
#include "server/admin/skm_cli.hpp"


#include "server/admin/admin.hpp"

namespace kotak::server::admin {

void add_skm_commands(CLI::App& app, Action& action) {
  // The options live as long as the program: CLI11 writes into them.
  struct Options {
    SkmImportOptions import;
    SkmPeriodOptions period;
    std::string facility;
    std::int64_t population = 0;
    bool clear = false;
  };
  static Options o;
  auto* skm = app.add_subcommand("skm", "the SKM survey report: imports, population, report");
  skm->require_subcommand(1);

  auto* import = skm->add_subcommand(
      "import", "import SKM responses from a CSV file (paper or the SKM web site; docs/skm.md)");
  import->add_option("--facility", o.import.facility, "facility id")->required();
  import->add_option("--source", o.import.source, "kertas or web, for rows without a sumber column")
      ->capture_default_str();
  import->add_option("--lang", o.import.language, "language of the messages: id or en")
      ->capture_default_str();
  import->add_option("--by", o.import.user, "who imports it, as the list of imports shows it")
      ->capture_default_str();
  import->add_option("--undo", o.import.undo, "undo the import with this id (one made from the shell)");
  import->add_option("FILE", o.import.file, "the CSV file");
  import->callback([&action] {
    action = [](Storage& s, const core::ServerConfig& c) { return skm_import(s, c, o.import); };
  });

  auto* population = skm->add_subcommand(
      "population", "show or set the population of a period (and unit) the minimum sample is drawn from");
  population->add_option("--facility", o.facility, "facility id")->required();
  population->add_option("--semester", o.period.semester, "YYYY-1 (January–June) or YYYY-2");
  population->add_option("--from", o.period.from, "first day, YYYY-MM-DD");
  population->add_option("--to", o.period.to, "last day, YYYY-MM-DD");
  population->add_option("--unit", o.period.unit, "only this unit (default: the whole facility)");
  population->add_option("--lang", o.period.language, "language of the messages: id or en")
      ->capture_default_str();
  auto* set = population->add_option("--set", o.population, "e.g. the patient visits of the semester");
  population->add_flag("--clear", o.clear, "remove it")->excludes(set);
  population->callback([&action, set] {
    bool has = set->count() > 0;
    action = [has](Storage& s, const core::ServerConfig&) {
      return skm_population(s, o.facility, o.period, has ? std::optional(o.population) : std::nullopt,
                            o.clear);
    };
  });

  auto* report = skm->add_subcommand("report", "print the SKM report of a period as JSON");
  report->add_option("--facility", o.facility, "facility id")->required();
  report->add_option("--semester", o.period.semester, "YYYY-1 (January–June) or YYYY-2");
  report->add_option("--from", o.period.from, "first day, YYYY-MM-DD");
  report->add_option("--to", o.period.to, "last day, YYYY-MM-DD");
  report->add_option("--unit", o.period.unit, "only this unit");
  report->add_option("--lang", o.period.language, "language of the messages: id or en")
      ->capture_default_str();
  report->callback([&action] {
    action = [](Storage& s, const core::ServerConfig& c) { return skm_report(s, c, o.facility, o.period); };
  });
}

}  // namespace kotak::server::admin
