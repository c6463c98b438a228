// See import.hpp.
#include "server/skm/import.hpp"

#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "server/skm/csv_reader.hpp"
#include "server/skm/import_fields.hpp"
#include "server/staff/password.hpp"

namespace kotak::server::skm {

namespace {

ParsedImport file_error(ImportProblem problem, std::int64_t line = 0) {
  ParsedImport out;
  out.errors.push_back({line, {std::move(problem)}});
  return out;
}

// Where each of our columns is in the header, and the header's problems.
struct Layout {
  std::vector<ColumnName> columns;
  std::vector<ImportProblem> problems;
  std::vector<std::string> ignored;
};

Layout read_header(const CsvRecord& header) {
  Layout layout;
  std::set<std::pair<Column, int>> seen;
  for (const auto& name : header.fields) {
    auto column = column_of(name);
    layout.columns.push_back(column);
    if (column.column == Column::ignored) {
      if (!name.empty()) layout.ignored.push_back(name);
    } else if (!seen.insert({column.column, column.element}).second) {
      layout.problems.push_back({"duplicate_column", name, "", ""});
    }
  }
  if (!seen.count({Column::date, 0})) layout.problems.push_back({"missing_column", "tanggal", "", ""});
  for (int i = 0; i < core::kSkmElements; ++i)
    if (!seen.count({Column::score, i}))
      layout.problems.push_back({"missing_column", std::string(core::kSkmCodes[i]), "", ""});
  return layout;
}

std::string unit_list(const std::vector<core::Unit>& units) {
  std::string out;
  for (const auto& unit : units) out += (out.empty() ? "" : ", ") + unit.id;
  return out;
}

// Reads one cell into the row; a problem when it is not a value of its column.
void read_cell(const ColumnName& column, const std::string& header, const std::string& cell,
               const ImportOptions& options, SkmImportRow& row, std::vector<ImportProblem>& problems) {
  auto& profile = row.response.profile;
  auto refuse = [&](const char* code, std::string limit = {}) {
    problems.push_back({code, header, cell, std::move(limit)});
  };
  auto text = [&](std::optional<std::string> value, std::string& field, const char* code) {
    if (value) field = *value;
    else refuse(code);
  };
  switch (column.column) {
    case Column::date:
      if (auto day = parse_day(cell); !day) refuse("date");
      else if (*day > options.today) refuse("date_future");
      else row.day = *day;
      break;
    case Column::score:
      if (auto score = parse_score(cell)) row.response.scores[column.element] = *score;
      else refuse("score");
      break;
    case Column::source: {
      auto name = core::trim(cell);
      auto source = parse_skm_source(name);
      if (name.empty()) break;  // the source chosen for the whole file
      if (!source || !importable(*source)) refuse("source");
      else row.source = *source;
      break;
    }
    case Column::unit:
      if (auto unit = parse_unit(cell, options.units)) row.unit = *unit;
      else refuse("unit", unit_list(options.units));
      break;
    case Column::sex: text(parse_sex(cell), profile.sex, "sex"); break;
    case Column::age: text(parse_age(cell), profile.age_group, "age"); break;
    case Column::education: text(parse_education(cell), profile.education, "education"); break;
    case Column::occupation: text(parse_occupation(cell), profile.occupation, "occupation"); break;
    case Column::ignored: break;
  }
}

}  // namespace

ParsedImport parse_skm_csv(std::string_view bytes, const ImportOptions& options) {
  if (bytes.size() > kMaxImportBytes)
    return file_error({"too_large", "", std::to_string(bytes.size() / 1024) + " KB",
                       std::to_string(kMaxImportBytes / 1024 / 1024) + " MB"});
  CsvTable table;
  try {
    table = read_csv(bytes);
  } catch (const CsvError& error) {
    return file_error({error.code(), "", "", ""}, error.line());
  }
  if (table.records.size() < 2) return file_error({"empty", "", "", ""});
  if (table.records.size() - 1 > kMaxImportRows)
    return file_error({"too_many_rows", "", std::to_string(table.records.size() - 1),
                       std::to_string(kMaxImportRows)});
  const auto& header = table.records.front();
  auto layout = read_header(header);
  ParsedImport out;
  out.ignored_columns = layout.ignored;
  if (!layout.problems.empty()) {
    out.errors.push_back({header.line, layout.problems});
    return out;
  }
  for (std::size_t r = 1; r < table.records.size(); ++r) {
    const auto& record = table.records[r];
    std::vector<ImportProblem> problems;
    if (record.fields.size() != header.fields.size())
      problems.push_back({"field_count", "", std::to_string(record.fields.size()),
                          std::to_string(header.fields.size())});
    SkmImportRow row;
    row.line = record.line;
    row.source = options.default_source;
    for (std::size_t c = 0; c < record.fields.size() && c < header.fields.size(); ++c)
      read_cell(layout.columns[c], header.fields[c], record.fields[c], options, row, problems);
    row.response.profile.service = row.unit;
    bool answered = false;
    for (int score : row.response.scores) answered = answered || score > 0;
    if (!answered && problems.empty()) problems.push_back({"no_answer", "", "", ""});
    if (problems.empty()) out.rows.push_back(std::move(row));
    else out.errors.push_back({record.line, std::move(problems)});
  }
  if (!out.errors.empty()) out.rows.clear();  // all or nothing
  return out;
}

std::string plain_name(const std::string& name, const std::string& fallback) {
  auto length = core::utf8_length(name);
  if (name.empty() || !length || *length > 200 || core::has_control_chars(name) ||
      name.find_first_of("\t\r\n") != std::string::npos)
    return fallback;
  return name;
}

std::string content_fingerprint(const std::vector<SkmImportRow>& rows) {
  std::vector<std::string> lines;
  lines.reserve(rows.size());
  for (const auto& row : rows) {
    std::string line = std::to_string(row.day) + '\t' + row.unit;
    for (int score : row.response.scores) line += '\t' + std::to_string(score);
    const auto& p = row.response.profile;
    for (const auto* field : {&p.sex, &p.age_group, &p.education, &p.occupation}) line += '\t' + *field;
    lines.push_back(std::move(line));
  }
  std::sort(lines.begin(), lines.end());
  std::string text;
  for (const auto& line : lines) text += line + '\n';
  return staff::hash_secret(text);
}

bool ImportOutcome::heavy_overlap() const {
  return overlapping >= kOverlapMinRows &&
         static_cast<double>(overlapping) >= kOverlapShare * static_cast<double>(responses);
}

ImportOutcome import_skm_csv(Storage& storage, const std::string& facility_id,
                             const std::string& file_name, std::string_view bytes,
                             const ImportOptions& options, const Actor& given_actor,
                             const std::string& role, std::int64_t now_ms) {
  ImportOutcome outcome;
  SkmImport import{facility_id, staff::hash_secret(bytes), "", plain_name(file_name, "berkas.csv"),
                   role, {}};
  const Actor actor{given_actor.user_id, plain_name(given_actor.name, "?")};
  // The very bytes of an earlier import: said even when the file would now
  // be refused for its lines (a date that was fine then, a unit renamed).
  if ((outcome.previous = storage.skm_import_of(facility_id, "", import.sha256))) return outcome;
  auto parsed = parse_skm_csv(bytes, options);
  outcome.ignored_columns = parsed.ignored_columns;
  if (!parsed.errors.empty()) {
    outcome.errors = std::move(parsed.errors);
    return outcome;
  }
  import.rows = std::move(parsed.rows);
  import.fingerprint = content_fingerprint(import.rows);
  if ((outcome.previous = storage.skm_import_of(facility_id, import.fingerprint, import.sha256)))
    return outcome;
  try {
    auto stored = storage.add_skm_import(import, actor, now_ms);
    outcome.import_id = stored.id;
    outcome.overlapping = stored.overlapping;
    outcome.overlapped = std::move(stored.overlapped);
  } catch (const StorageError& error) {
    // The same content, imported by someone else a moment ago.
    if (error.code() != StorageErrc::exists) throw;
    outcome.previous = storage.skm_import_of(facility_id, import.fingerprint, import.sha256);
    return outcome;
  }
  outcome.responses = static_cast<std::int64_t>(import.rows.size());
  return outcome;
}

std::int64_t local_day(std::int64_t unix_ms) {
  return (unix_ms + std::int64_t{core::local_offset_minutes(unix_ms / 1000)} * 60000) / 86400000;
}

std::string describe(const ImportProblem& problem, const core::Catalog& catalog) {
  return catalog.format("skm.import.problem." + problem.code,
                        {{"column", problem.column}, {"value", problem.value}, {"limit", problem.limit}});
}

std::string where(const ImportLineError& error, const std::string& file_name,
                  const core::Catalog& catalog) {
  if (error.line == 0) return file_name;
  return catalog.get("skm.import.line") + " " + std::to_string(error.line);
}

std::string local_minute(std::int64_t unix_ms) {
  auto iso = core::format_iso8601({unix_ms, core::local_offset_minutes(unix_ms / 1000)});
  return iso.substr(0, 10) + " " + iso.substr(11, 5);  // 2026-03-02T14:05:00.000+07:00
}

std::string duplicate_text(const SkmImportRecord& p, const core::Catalog& catalog) {
  return catalog.format("skm.import.duplicate", {{"file", p.file_name},
                                                 {"user", p.user_name},
                                                 {"when", local_minute(p.imported_ms)},
                                                 {"count", std::to_string(p.responses)}});
}

std::string overlap_text(const ImportOutcome& outcome, const core::Catalog& catalog) {
  if (!outcome.heavy_overlap()) return "";
  std::string earlier;
  for (const auto& i : outcome.overlapped)
    earlier += (earlier.empty() ? "" : "; ") + catalog.format("skm.import.overlap_entry",
                                                              {{"file", i.file_name},
                                                               {"when", local_minute(i.imported_ms)},
                                                               {"user", i.user_name}});
  return catalog.format("skm.import.overlap", {{"count", std::to_string(outcome.overlapping)},
                                               {"total", std::to_string(outcome.responses)},
                                               {"earlier", earlier}});
}

}  // namespace kotak::server::skm
