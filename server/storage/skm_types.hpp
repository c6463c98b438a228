// What the storage keeps for the SKM semester report (issue 6): survey
// responses from every channel, the facility's population for the minimum
// sample, imported files, and the follow-up plan (RTL) of a period.
//
// A kiosk's response is a submission of kind skm; a response collected on
// paper or by the district's SKM web site arrives in a CSV import and is
// stored apart, tagged with its source. The report reads both the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/submission.hpp"

namespace kotak::server {

// Where a response was collected.
enum class SkmSource { kiosk, kertas, web };
inline constexpr SkmSource kSkmSources[] = {SkmSource::kiosk, SkmSource::kertas, SkmSource::web};
std::string_view to_string(SkmSource source);
std::optional<SkmSource> parse_skm_source(std::string_view text);

// One response as the report reads it.
struct SkmRecord {
  std::int64_t day = 0;  // local day (days since 1970-01-01) it was given
  std::string unit;      // the unit of the service received, "" when not said
  SkmSource source = SkmSource::kiosk;
  core::SkmResponse response;  // profile.service equals unit
};

// One row of a CSV import, already checked.
struct SkmImportRow {
  std::int64_t line = 0;  // in the file, for the record
  std::int64_t day = 0;
  std::string unit;
  SkmSource source = SkmSource::kertas;
  core::SkmResponse response;
};

struct SkmImport {
  std::string facility_id;
  std::string sha256;  // of the file's bytes: the same file is imported once
  std::string file_name;
  std::vector<SkmImportRow> rows;
};

// An import done, as listed for staff (and as the reason a file is refused).
struct SkmImportRecord {
  std::int64_t id = 0;
  std::string file_name;
  std::int64_t responses = 0;
  std::string user_name;
  std::int64_t imported_ms = 0;
};

struct SkmPopulation {
  std::int64_t population = 0;
  std::string user_name;
  std::int64_t updated_ms = 0;
};

// The report a follow-up plan belongs to: facility, period and unit ("" for
// the whole facility).
struct SkmPeriodKey {
  std::string facility_id;
  std::int64_t first_day = 0;
  std::int64_t last_day = 0;
  std::string unit;
};

// One saved version of a follow-up plan; the newest is the plan.
struct SkmRtl {
  std::string text;
  std::string user_name;
  std::int64_t saved_ms = 0;
};

}  // namespace kotak::server
