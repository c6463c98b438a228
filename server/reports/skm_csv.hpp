// The SKM report as CSV for spreadsheets (csv.hpp: UTF-8 with BOM, ";" and
// decimal commas by default): one table after another, each with a title
// row, in the language of the catalog given.
#pragma once

#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "server/reports/skm_report.hpp"

namespace kotak::server::reports {

struct SkmCsvContext {
  std::string facility_name;
  std::string unit_label;          // empty for the whole facility
  std::vector<SkmRtl> rtl;         // newest first; the first is printed
};

std::string skm_csv_text(const SkmReport& report, const SkmCsvContext& context,
                         const core::Catalog& t, char separator);

}  // namespace kotak::server::reports
