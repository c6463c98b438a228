// Fuzz target: the SKM CSV reader (server/skm/csv_reader.cpp) and the
// import's field parsing (import.cpp, import_fields.cpp), as the dashboard
// and `kotak-server skm import` run them before anything is stored. One
// input is one file, read once with the facility's list of units and once
// with none (any unit id), and with paper and web as the file's source.
// Beyond "no crash and no exception": all or nothing; every accepted row
// is an SKM response the kiosk's own rules accept; every problem has its
// words in both web catalogs; the name of a file stays printable.
#include "core/i18n.hpp"
#include "core/paths.hpp"
#include "core/submission.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "fuzz/fuzz_support.hpp"
#include "server/skm/csv_reader.hpp"
#include "server/skm/import.hpp"

namespace {

using namespace kotak;
using namespace kotak::server;
using kotak::fuzz::check;

const std::int64_t kToday = core::days_from_civil(2026, 11, 23);

const std::vector<core::Catalog>& catalogs() {
  static const std::vector<core::Catalog> loaded = [] {
    std::vector<core::Catalog> out;
    for (const char* language : {"id", "en"})
      out.push_back(
          core::Catalog::load(core::assets_dir() / "i18n/web" / (std::string(language) + ".json")));
    return out;
  }();
  return loaded;
}

// Each row as the kiosk would send it: the same rules must hold.
void check_row(const SkmImportRow& row) {
  check(row.day >= core::days_from_civil(2000, 1, 1) && row.day <= kToday,
        "an imported day is from 2000 to today");
  check(row.source != SkmSource::kiosk, "an imported row is never from a kiosk");
  core::Submission s;
  s.id = "00000000-0000-4000-8000-000000000000";
  s.device_id = "kiosk-1";
  s.facility_id = "pkm-fuzz";
  s.created_at = {1795412820000, 420};
  s.kind = core::Kind::skm;
  s.language = "id";
  s.skm = row.response;
  auto reason = core::validate(s);
  check(!reason, "an imported row is a valid SKM response", reason.value_or(""));
}

// Words for the first problems only: filling a message is the same work for
// every problem, and doing it for thousands would only slow the fuzzer down.
void check_problems(const skm::ImportLineError& error, int& described) {
  check(error.line >= 0 && !error.problems.empty(), "a line error names its line and problems");
  for (const auto& problem : error.problems)
    for (const auto& catalog : catalogs()) {
      check(catalog.contains("skm.import.problem." + problem.code),
            "every import problem has its words in the catalogs", problem.code);
      if (described++ < 20) skm::describe(problem, catalog);
    }
}

void parse(std::string_view bytes, const skm::ImportOptions& options) {
  auto parsed = skm::parse_skm_csv(bytes, options);
  check(parsed.errors.empty() || parsed.rows.empty(), "an import is all or nothing");
  for (const auto& row : parsed.rows) check_row(row);
  int described = 0;
  for (const auto& error : parsed.errors) check_problems(error, described);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto bytes = kotak::fuzz::as_text(data, size);
  skm::ImportOptions options;
  options.today = kToday;
  options.units = {{"poli-umum", {{"id", "Poli Umum"}, {"en", "General clinic"}}},
                   {"kia", {{"id", "KIA / KB"}}}};
  parse(bytes, options);
  options.units.clear();
  options.default_source = SkmSource::web;
  parse(bytes, options);

  try {
    std::int64_t line = 0;
    for (const auto& record : skm::read_csv(bytes).records) {
      check(record.line > line, "records keep the order of their lines");
      line = record.line;
    }
  } catch (const skm::CsvError& error) {
    check(error.code() == "encoding" || error.code() == "quote", "a CSV error is a known one",
          error.code());
  }
  auto name = skm::plain_name(std::string(bytes), "berkas.csv");
  check(core::utf8_length(name) && !core::has_control_chars(name), "a file's name stays printable",
        name);
  return 0;
}
