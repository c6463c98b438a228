// The SKM report as the document a puskesmas sends to its Dinas Kesehatan
// each semester (issue 16): the report's numbers (skm_report.hpp) with what
// surrounds them on paper - the letterhead and signatories of the
// facility, the report's number, survey method, fieldwork and signing day,
// the analysis linking the unsur to complaints (skm_analysis.hpp), this
// period's follow-up plan (RTL) and what became of the previous semester's
// plan. The dashboard's JSON, its A4 print and the CSV are all drawn from
// one SkmDocument, so they cannot disagree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/reports/skm_analysis.hpp"
#include "server/reports/skm_report.hpp"

namespace kotak::server::reports {

struct SkmDocument {
  SkmReport report;
  SkmPeriodKey key;
  std::string facility_name;
  std::string unit_label;  // the unit's name; "" for the whole facility
  std::optional<SkmLetterhead> letterhead;
  std::optional<SkmReportDetails> details;
  std::optional<SkmPopulation> population;  // of this period and unit
  SkmAnalysis analysis;
  std::vector<SkmRtl> rtl;  // this report's plan, every version, newest first
  // The report before this one (the previous semester, same unit) and the
  // newest version of its plan, whose rows carry what was done.
  std::optional<SkmPeriodKey> previous_key;
  std::optional<SkmRtl> previous_rtl;
};

// The report before a period: the previous semester for a semester, else
// none (a free range has no "previous" a Dinas would ask about).
std::optional<SkmPeriod> previous_semester(SkmPeriod period);

// Reads everything from the storage. Throws StorageError.
SkmDocument read_skm_document(Storage& storage, const Facility& facility, const std::string& unit,
                              const std::string& unit_label, SkmPeriod period,
                              std::size_t rtl_versions = 10);

}  // namespace kotak::server::reports
