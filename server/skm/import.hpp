// Importing SKM responses collected on paper or by the district's SKM web
// site, from a CSV file (columns in docs/skm.md), so that the index covers
// every channel.
//
// All or nothing: every row is checked first; one bad row and nothing is
// stored, and every bad line is reported with its number and what to fix.
// The rows of a good file are stored in one transaction.
//
// A file counts once: it is known by the fingerprint of its content (the
// answers as read, whatever the line ends, byte order mark, separators,
// quoting, spaces, date spelling or row order) and by the SHA-256 of its
// bytes (what files imported before schema version 8 are known by). The
// same content again for the same facility is refused, saying when and by
// whom it was imported, until that import is undone. An import whose rows
// mostly repeat rows of earlier imports is stored with a warning, which the
// importer can answer by undoing it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "core/i18n.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server::skm {

inline constexpr std::size_t kMaxImportBytes = 2 * 1024 * 1024;
inline constexpr std::size_t kMaxImportRows = 20000;

// A problem found, as a catalog key's last part (skm.import.problem.CODE)
// and the words to fill into it.
struct ImportProblem {
  std::string code;
  std::string column;  // the header as written, e.g. "U3"
  std::string value;   // the cell as written
  std::string limit;   // what is allowed, where the message names it
};

// Line 0: the file as a whole (its name is said instead of a line).
struct ImportLineError {
  std::int64_t line = 0;
  std::vector<ImportProblem> problems;
};

struct ImportOptions {
  SkmSource default_source = SkmSource::kertas;  // for rows without a source
  std::vector<core::Unit> units;                 // the facility's; empty: any id
  std::int64_t today = 0;                        // local day; later dates are refused
};

struct ParsedImport {
  std::vector<SkmImportRow> rows;
  std::vector<ImportLineError> errors;
  std::vector<std::string> ignored_columns;  // headers that are not ours
};

ParsedImport parse_skm_csv(std::string_view bytes, const ImportOptions& options);

// The fingerprint of the rows' content: the SHA-256 of their canonical
// lines (day, unit, nine scores, profile; not the source, which the file
// may leave to the importer's choice), sorted.
std::string content_fingerprint(const std::vector<SkmImportRow>& rows);

// An import is "heavy overlap" when at least this share of its rows, and
// at least kOverlapMinRows of them, repeat rows of earlier imports.
inline constexpr double kOverlapShare = 0.5;
inline constexpr std::int64_t kOverlapMinRows = 5;

struct ImportOutcome {
  std::optional<std::int64_t> import_id;  // set when stored
  std::int64_t responses = 0;
  std::vector<ImportLineError> errors;
  std::optional<SkmImportRecord> previous;  // the same content imported before
  std::vector<std::string> ignored_columns;
  std::int64_t overlapping = 0;                // rows that repeat earlier imports
  std::vector<SkmImportRecord> overlapped;     // those imports (at most three)
  bool heavy_overlap() const;
};

// Checks the file and stores it whole, or stores nothing and says why.
// `role` is the importer's (staff::Role as text; "" for the shell), who may
// undo it.
ImportOutcome import_skm_csv(Storage& storage, const std::string& facility_id,
                             const std::string& file_name, std::string_view bytes,
                             const ImportOptions& options, const Actor& actor,
                             const std::string& role, std::int64_t now_ms);

// A name for the list of imports (a file's, who imported it): readable
// UTF-8 on one line of at most 200 characters, else `fallback`. A file name
// from a disk can be any bytes; stored as it is it would break every JSON
// answer that lists it.
std::string plain_name(const std::string& name, const std::string& fallback);

// The local day (days since 1970-01-01 in the server's time zone) of a
// moment: what "today" is for the dates of an import.
std::int64_t local_day(std::int64_t unix_ms);

// The problem in words, from the web catalog (skm.import.problem.*).
std::string describe(const ImportProblem& problem, const core::Catalog& catalog);

// Where a problem is: "Baris 7" for a line, the file's name for the file
// as a whole (line 0), never "Baris 0".
std::string where(const ImportLineError& error, const std::string& file_name,
                  const core::Catalog& catalog);

// A moment as the messages say it: the local "YYYY-MM-DD HH:MM".
std::string local_minute(std::int64_t unix_ms);

// The refusal of content imported before: which file, when, by whom.
std::string duplicate_text(const SkmImportRecord& previous, const core::Catalog& catalog);

// The warning of an import that mostly repeats earlier imports, naming
// them; "" when the overlap is not heavy.
std::string overlap_text(const ImportOutcome& outcome, const core::Catalog& catalog);

}  // namespace kotak::server::skm
