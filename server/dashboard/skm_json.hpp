// The SKM report as the dashboard's JSON (skm.cpp serves it; the page
// server/web/js/pages/skm*.js draws it). Numbers stay numbers, unrounded
// where the report is (NRR, IKM) and at two decimals where the rule rounds
// (NIK, converted values); an index that cannot be computed is null, never
// NaN.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "server/reports/skm_document.hpp"

namespace kotak::server {

nlohmann::json skm_report_json(const reports::SkmReport& report);
// The whole document: the report's figures above, the letterhead (its logo
// as a data: URL, which the page's Content-Security-Policy allows for
// images), details, fieldwork, analysis, plans and the previous plan.
nlohmann::json skm_document_json(const reports::SkmDocument& document);
nlohmann::json skm_rtl_version_json(const SkmRtl& version);
nlohmann::json skm_letterhead_json(const std::optional<SkmLetterhead>& letterhead);
nlohmann::json skm_population_json(const std::optional<SkmPopulation>& population);
nlohmann::json skm_rtl_json(const std::vector<SkmRtl>& versions);
nlohmann::json skm_imports_json(const std::vector<SkmImportRecord>& imports);

}  // namespace kotak::server
