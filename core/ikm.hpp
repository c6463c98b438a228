// SKM scoring: the satisfaction index (IKM) of Permenpan RB 14/2017.
//
// For each of the nine elements (unsur), NRR = the sum of its 1..4 scores
// divided by the number of respondents who answered that element (a skipped
// question is not a zero). IKM = Σ NRR × 1/9, with exactly 1/9 (0.111 would
// keep a perfect survey below 4). The converted index NIK = IKM × 25, rounded
// to two decimals, is classified on its rounded value:
//   ≥ 88.31 A "Sangat baik", ≥ 76.61 B "Baik", ≥ 65.00 C "Kurang baik", else D "Tidak baik".
//
// When some element has no answer at all the 1/9 weighting has nothing to
// weigh, so the index is the mean NRR of the elements that were answered (the
// same as Σ NRR × 1/9 when all nine were) and the result lists the missing
// elements, for the report to say so. With no answers at all there is no
// index: every optional below is empty, never NaN.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/submission.hpp"

namespace kotak::core {

enum class Mutu { A, B, C, D };

struct ElementScore {
  std::string_view code;  // U1..U9
  std::int64_t respondents = 0;
  std::int64_t sum = 0;
  std::array<std::int64_t, 4> answers{};  // how many answered 1, 2, 3 and 4
  std::optional<double> nrr;        // sum / respondents
  std::optional<double> weighted;   // NRR tertimbang: NRR × weight; their total is the IKM
  std::optional<double> converted;  // NRR × 25, two decimals
};

struct IkmResult {
  std::int64_t respondents = 0;  // responses with at least one answered element
  std::array<ElementScore, kSkmElements> elements;
  std::vector<std::string_view> missing;  // elements nobody answered
  // The weight of each answered element: exactly 1/9 when all nine were
  // answered (the regulation prints it as 0.111), 1/answered otherwise.
  std::optional<double> weight;
  std::optional<double> ikm;              // unrounded index, 1..4
  std::optional<double> nik;              // IKM × 25 rounded to two decimals
  std::optional<Mutu> mutu;
  std::optional<std::string_view> weakest;    // lowest NRR (first on ties)
  std::optional<std::string_view> strongest;  // highest NRR (first on ties)
};

// Adds responses one by one; result() may be called at any time.
class IkmCalculator {
 public:
  void add(const SkmResponse& response);
  // Adds responses already counted: answers[e][a] answered element e + 1
  // with a + 1, by `respondents` respondents.
  void add(const std::array<std::array<std::int64_t, 4>, kSkmElements>& answers,
           std::int64_t respondents);
  IkmResult result() const;

 private:
  std::array<std::int64_t, kSkmElements> sums_{};
  std::array<std::int64_t, kSkmElements> counts_{};
  std::array<std::array<std::int64_t, 4>, kSkmElements> answers_{};
  std::int64_t respondents_ = 0;
};

// A value rounded to `places` decimals, half away from zero (a value that
// is exactly x.xx5 in decimal but a hair below in binary rounds up).
double round_places(long double value, int places);

// How many decimals (at least `least`, at most 9) a value needs so that a
// reader who multiplies the printed figure by `factor` and rounds to two
// decimals gets what the report printed for value × factor: the IKM printed
// as 2.9678 when the index is 2.96776 would give 74.20, not the NIK 74.19.
int places_for_product(double value, double factor, int least = 4);

// Classifies a converted index already rounded to two decimals.
Mutu classify_nik(double nik);
std::string_view to_string(Mutu mutu);  // "A".."D"
std::string_view kinerja(Mutu mutu);    // "Sangat baik" .. "Tidak baik"

// The Krejcie–Morgan minimum sample at 5% error for a population N,
// rounded to the nearest whole respondent.
std::int64_t minimum_sample(std::int64_t population);

// Counts of the respondent profile, by field and value ("" = not given).
struct ProfileTally {
  std::map<std::string, std::int64_t> sex, age_group, education, occupation, service;
  void add(const SkmProfile& profile);
};

}  // namespace kotak::core
