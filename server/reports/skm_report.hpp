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
// - The minimum sample is Krejcie–Morgan of the population of the period
//   and unit (core::minimum_sample), set per report; without one there is
//   none, and whether the sample is enough is unknown (not "not reached").
// - The trend: the earlier semesters that have responses, up to four of
//   them, looking back at most ten semesters from the one before the
//   period, oldest first, then the period itself.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string_view>
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
// What is wrong with the period asked for, as the web catalog's key (the
// dashboard and the CLI say it in the reader's language):
// error.skm.period_semester (not YYYY-1 or YYYY-2), _date (not a day as
// YYYY-MM-DD), _order (first after last), _too_long (over three years);
// "" when it is a period.
std::string skm_period_problem(const std::string& semester, const std::string& from,
                               const std::string& to);
// The semester a day is in, as year and half.
std::pair<int, int> semester_of(std::int64_t day);

// How many decimals the report prints, so that a reader who recomputes a
// printed row by hand gets the printed result (core::places_for_product):
// NRR × 25 gives the converted value, IKM × 25 the NIK, and the printed
// NRR tertimbang add up to the printed IKM. At least four each.
struct SkmPlaces {
  std::array<int, core::kSkmElements> nrr{4, 4, 4, 4, 4, 4, 4, 4, 4};
  int weighted = 4;
  int ikm = 4;
};
SkmPlaces places_of(const core::IkmResult& ikm);

// The conversion table of Permenpan RB 14/2017 (nilai persepsi, interval
// IKM, interval konversi, mutu, kinerja), printed under the report's
// tables, best first.
struct MutuInterval {
  int perception;                     // nilai persepsi 1..4
  const char* ni_low; const char* ni_high;    // interval IKM as printed ("3,5324")
  const char* nik_low; const char* nik_high;  // interval konversi ("88,31")
  core::Mutu mutu;
};
inline constexpr MutuInterval kMutuIntervals[] = {
    {4, "3,5324", "4,00", "88,31", "100,00", core::Mutu::A},
    {3, "3,0644", "3,532", "76,61", "88,30", core::Mutu::B},
    {2, "2,60", "3,064", "65,00", "76,60", core::Mutu::C},
    {1, "1,00", "2,5996", "25,00", "64,99", core::Mutu::D}};

// The categories of the respondent profile in the order the report's
// tables print them (the questionnaire's order, not the alphabet); a value
// not listed (a unit, or an old free text) follows in its own order, and
// "not given" comes last.
inline constexpr std::string_view kSexOrder[] = {"L", "P"};
inline constexpr std::string_view kAgeOrder[] = {"<20", "20-29", "30-39", "40-49", "50-59", "60+"};
inline constexpr std::string_view kEducationOrder[] = {"SD", "SMP", "SMA", "D3", "S1", "S2", "S3"};
inline constexpr std::string_view kOccupationOrder[] = {"PNS",   "TNI",       "POLRI",
                                                        "Swasta", "Wirausaha", "Lainnya"};
// The counts of one profile field in that order.
std::vector<std::pair<std::string, std::int64_t>> in_profile_order(
    const std::map<std::string, std::int64_t>& counts, std::span<const std::string_view> order);

struct SkmTrendPoint {
  int year = 0, half = 0;  // 0 for a period that is not a semester
  SkmPeriod period;
  std::int64_t respondents = 0;
  std::optional<double> ikm, nik;
  std::optional<core::Mutu> mutu;
  int ikm_places = 4;
};

struct SkmReport {
  SkmPeriod period;
  std::string unit;  // "" for the whole facility
  core::IkmResult ikm;
  SkmPlaces places;
  std::optional<std::int64_t> population;  // of this period and unit; nullopt: unknown
  std::optional<std::int64_t> minimum_sample;
  // nullopt when the population is unknown: then whether the sample is
  // enough is unknown too, not "not reached".
  std::optional<bool> sample_reached;
  // The first and last day with an answer in the period (the fieldwork as
  // the data shows it).
  std::optional<std::int64_t> first_answer_day, last_answer_day;
  std::array<std::int64_t, std::size(kSkmSources)> by_source{};  // respondents per SkmSource
  core::ProfileTally profile;
  std::vector<SkmTrendPoint> trend;  // earlier semesters, oldest first, then this period
};

// The report of a period and unit from its counts (Storage::skm_counts);
// the trend holds only this period until add_trend().
SkmReport compute_skm_report(const SkmCounts& counts, SkmPeriod period, const std::string& unit,
                             std::optional<std::int64_t> population);
// The same from the responses given (those outside the period or of
// another unit are left out): what a recount of the stored counts must give.
SkmReport compute_skm_report(const std::vector<SkmRecord>& records, SkmPeriod period,
                             const std::string& unit, std::optional<std::int64_t> population);

// Reads the counts of earlier semesters through `counts` (no profile
// needed) and puts them before the period in report.trend.
using SkmCountsOf = std::function<SkmCounts(SkmPeriod)>;
void add_trend(SkmReport& report, const SkmCountsOf& counts, std::size_t points = 4,
               int look_back = 10);

// The whole report of a facility (and unit) from the storage: responses,
// the population of this period and unit, and trend. Throws StorageError.
SkmReport read_skm_report(Storage& storage, const std::string& facility_id,
                          const std::string& unit, SkmPeriod period);

}  // namespace kotak::server::reports
