// The SKM semester report (Permenpan RB 14/2017; DOMAIN.md, SKM): the
// index of a period computed from every response the storage gives, whatever
// its source (kiosk, paper, the SKM web site).
//
// Definitions, so that a report can be checked by hand:
// - A response belongs to the local day it was given; a period is whole
//   local days, first and last included. A semester is January–June (1) or
//   July–December (2).
// - NRR, IKM, NIK, mutu, kinerja, weakest and strongest element are those
//   of core::IkmCalculator (ikm.hpp), over the responses of the period.
// - The minimum sample is Krejcie–Morgan of the facility's population
//   (core::minimum_sample); without a population there is none, and the
//   report says so.
// - The trend: the earlier semesters that have responses, up to four of
//   them, looking back at most ten semesters from the one before the
//   period, oldest first, then the period itself.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/ikm.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server::reports {

struct SkmPeriod {
  std::int64_t first_day = 0, last_day = 0;  // local days, both included
  friend bool operator==(const SkmPeriod&, const SkmPeriod&) = default;
};

// Semester half (1 or 2) of a year.
SkmPeriod semester(int year, int half);
// ?semester=YYYY-1 or YYYY-2, else from and to as YYYY-MM-DD: at most
// three years, first not after last; nullopt otherwise.
std::optional<SkmPeriod> parse_skm_period(const std::string& semester, const std::string& from,
                                          const std::string& to);
// The semester a day is in, as year and half.
std::pair<int, int> semester_of(std::int64_t day);

struct SkmTrendPoint {
  int year = 0, half = 0;  // 0 for a period that is not a semester
  SkmPeriod period;
  std::int64_t respondents = 0;
  std::optional<double> ikm, nik;
  std::optional<core::Mutu> mutu;
};

struct SkmReport {
  SkmPeriod period;
  std::string unit;  // "" for the whole facility
  core::IkmResult ikm;
  std::optional<std::int64_t> population;
  std::optional<std::int64_t> minimum_sample;
  bool sample_reached = false;
  std::array<std::int64_t, 3> by_source{};  // respondents per SkmSource
  core::ProfileTally profile;
  std::vector<SkmTrendPoint> trend;  // earlier semesters, oldest first, then this period
};

// The report of the responses given (those outside the period are left
// out); the trend holds only this period until add_trend().
SkmReport compute_skm_report(const std::vector<SkmRecord>& records, SkmPeriod period,
                             const std::string& unit, std::optional<std::int64_t> population);

// Reads earlier semesters through `responses` and puts them before the
// period in report.trend.
using SkmResponsesOf = std::function<std::vector<SkmRecord>(SkmPeriod)>;
void add_trend(SkmReport& report, const SkmResponsesOf& responses, std::size_t points = 4,
               int look_back = 10);

// The whole report of a facility (and unit) from the storage: responses,
// population and trend. Throws StorageError.
SkmReport read_skm_report(Storage& storage, const std::string& facility_id,
                          const std::string& unit, SkmPeriod period);

}  // namespace kotak::server::reports
