// What the storage keeps for the SKM semester report (issue 6): survey
// responses from every channel, the facility's population for the minimum
// sample, imported files, and the follow-up plan (RTL) of a period.
//
// A kiosk's response is a submission of kind skm; a response collected on
// paper or by the district's SKM web site arrives in a CSV import and is
// stored apart, tagged with its source. The report reads both the same way.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/submission.hpp"

namespace kotak::server {

// Where a response was collected.
// kiosk and ponsel (the phone pages of the kiosk's QR code, issue 18) are
// answers that came through Kotak; kertas and web only by CSV import.
enum class SkmSource { kiosk, kertas, web, ponsel };
inline constexpr SkmSource kSkmSources[] = {SkmSource::kiosk, SkmSource::kertas, SkmSource::web,
                                            SkmSource::ponsel};
inline bool importable(SkmSource source) {
  return source == SkmSource::kertas || source == SkmSource::web;
}
std::string_view to_string(SkmSource source);
std::optional<SkmSource> parse_skm_source(std::string_view text);

// One response as the report reads it.
struct SkmRecord {
  std::int64_t day = 0;  // local day (days since 1970-01-01) it was given
  std::string unit;      // the unit of the service received, "" when not said
  SkmSource source = SkmSource::kiosk;
  core::SkmResponse response;  // profile.service equals unit
};

// The counts the report is computed from (schema_skm_counts.hpp says what
// is counted): answered responses of one local day, unit and source...
struct SkmDayCount {
  std::int64_t day = 0;
  std::string unit;
  SkmSource source = SkmSource::kiosk;
  std::int64_t respondents = 0;
  // answers[e][a]: how many answered element e + 1 with a + 1.
  std::array<std::array<std::int64_t, 4>, core::kSkmElements> answers{};
  friend bool operator==(const SkmDayCount&, const SkmDayCount&) = default;
};
// ... and respondents per profile field ("sex", "age_group", "education",
// "occupation") and value over a whole period.
struct SkmProfileCount {
  std::string field, value;
  std::int64_t respondents = 0;
  friend bool operator==(const SkmProfileCount&, const SkmProfileCount&) = default;
};
struct SkmCounts {
  std::vector<SkmDayCount> days;         // by day, unit, source
  std::vector<SkmProfileCount> profile;  // by field, value
  friend bool operator==(const SkmCounts&, const SkmCounts&) = default;
};
// Leaves out rows that count nobody (an undone import leaves zeros) and
// puts the rest in the order above, the same whatever the engine's collation.
void tidy(SkmCounts& counts);
// The counts of the responses given on the days first..last (both
// included) of one unit, or of all when unit is "": what the storage's
// counts must equal (tests recount with it).
SkmCounts count_responses(const std::vector<SkmRecord>& records, std::int64_t first_day,
                          std::int64_t last_day, const std::string& unit);

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
  // The SHA-256 of the file's bytes, and the fingerprint of its content
  // (skm/fingerprint.hpp): a file whose answers were imported before is
  // refused, whatever its line ends, byte order mark or separators.
  std::string sha256;
  std::string fingerprint;
  std::string file_name;
  std::string user_role;  // the importer's role: who may undo it
  std::vector<SkmImportRow> rows;
};

// An import done, as listed for staff (and as the reason a file is refused).
struct SkmImportRecord {
  std::int64_t id = 0;
  std::string file_name;
  std::int64_t responses = 0;
  std::string user_name;
  std::int64_t imported_ms = 0;
  std::string user_role;
  std::optional<std::int64_t> undone_ms;  // set: undone, its answers no longer count
  std::string undone_user_name;
};

// What storing an import found: its id, and how many of its rows are the
// same (day, unit, nine scores, profile) as rows of earlier live imports,
// with the first of those imports.
struct SkmImportStored {
  std::int64_t id = 0;
  std::int64_t overlapping = 0;
  std::vector<SkmImportRecord> overlapped;  // at most three, newest first
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

// What was done about one row of a plan, set in the next period's report.
enum class SkmRtlStatus { none, belum, berjalan, selesai, batal };
std::string_view to_string(SkmRtlStatus status);
std::optional<SkmRtlStatus> parse_skm_rtl_status(std::string_view text);

// One row of a follow-up plan (Permenpan RB 14/2017: the unsur to improve,
// the activity, when, and who is in charge), with what became of it.
struct SkmRtlRow {
  std::string element;  // U1..U9, or "" for the service as a whole
  std::string activity;
  std::string time_frame;
  std::string person;
  SkmRtlStatus status = SkmRtlStatus::none;
  std::string note;  // how it went, written with the status
  friend bool operator==(const SkmRtlRow&, const SkmRtlRow&) = default;
};

// One saved version of a follow-up plan; the newest is the plan. Plans
// saved before schema version 8 have only text; newer ones have rows.
struct SkmRtl {
  std::string text;
  std::vector<SkmRtlRow> rows;
  std::string user_name;
  std::int64_t saved_ms = 0;
};

// The letterhead (kop surat) and signatories of a facility's documents.
struct SkmLetterhead {
  std::string government;  // the lines above the name, e.g. "PEMERINTAH KABUPATEN KLATEN\nDINAS KESEHATAN"
  std::string name;        // "UPT PUSKESMAS KLATEN TENGAH"
  std::string address;
  std::string contact;     // telephone, e-mail, web site
  std::string place;       // the town a document is signed in
  std::string head_name, head_nip;  // Kepala Puskesmas
  std::string mutu_name, mutu_nip;  // Ketua Tim Mutu
  std::string logo_type;   // image/png or image/jpeg; "" for none
  std::string logo_base64;  // the image (checked when uploaded), base64
  std::string user_name;
  std::int64_t updated_ms = 0;
};

// What a report's document says besides the numbers, per facility, period
// and unit: its number, how the survey was done and when, and the day it
// is signed. Days are local days; nullopt when not set.
struct SkmReportDetails {
  std::string number;
  std::string method;
  std::optional<std::int64_t> fieldwork_from, fieldwork_to, signed_day;
  std::string user_name;
  std::int64_t updated_ms = 0;
};

// A case of the register as the SKM analysis reads it: never the identity,
// and never the text of a rahasia case (text is then "").
struct SkmComplaint {
  std::int64_t day = 0;
  std::string type;  // saran, keluhan, pujian, pertanyaan
  bool rahasia = false;
  std::string text;
};

}  // namespace kotak::server
