// The SKM report as the dashboard's JSON (skm.cpp serves it; the page
// server/web/js/pages/skm*.js draws it). Numbers stay numbers, unrounded
// where the report is (NRR, IKM) and at two decimals where the rule rounds
// (NIK, converted values); an index that cannot be computed is null, never
// NaN.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "server/reports/skm_report.hpp"

namespace kotak::server {

nlohmann::json skm_report_json(const reports::SkmReport& report);
nlohmann::json skm_population_json(const std::optional<SkmPopulation>& population);
nlohmann::json skm_rtl_json(const std::vector<SkmRtl>& versions);
nlohmann::json skm_imports_json(const std::vector<SkmImportRecord>& imports);

}  // namespace kotak::server
