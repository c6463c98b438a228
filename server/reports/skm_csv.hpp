// The SKM report as CSV for spreadsheets (csv.hpp: UTF-8 with BOM, ";" and
// decimal commas by default): the whole document (skm_document.hpp) as one
// table after another, each with a title row, in the language of the
// catalog given - the letterhead and details, the Permenpan tables, the
// conversion table, the analysis, profile, trend, the previous semester's
// plan with what was done, this plan, and the signatories.
#pragma once

#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "server/reports/skm_document.hpp"

namespace kotak::server::reports {

std::string skm_csv_text(const SkmDocument& document, const core::Catalog& t, char separator);

}  // namespace kotak::server::reports
