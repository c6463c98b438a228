// See ikm.hpp.
#include "core/ikm.hpp"

#include <cmath>

namespace kotak::core {

namespace {

double round2(long double value) { return round_places(value, 2); }

}  // namespace

double round_places(long double value, int places) {
  // The tiny nudge keeps a value that is exactly x.xx5 in decimal (but a
  // hair below in binary) rounding up.
  long double scale = std::pow(10.0L, places);
  long double nudge = value < 0 ? -1e-9L : 1e-9L;
  return static_cast<double>(std::round(value * scale + nudge) / scale);
}

int places_for_product(double value, double factor, int least) {
  const double wanted = round2(static_cast<long double>(value) * factor);
  for (int places = least; places < 9; ++places)
    if (round2(static_cast<long double>(round_places(value, places)) * factor) == wanted) return places;
  return 9;
}

void IkmCalculator::add(const SkmResponse& response) {
  bool any = false;
  for (int i = 0; i < kSkmElements; ++i) {
    int score = response.scores[i];
    if (score < 1 || score > 4) continue;
    sums_[i] += score;
    counts_[i] += 1;
    answers_[i][static_cast<std::size_t>(score - 1)] += 1;
    any = true;
  }
  if (any) ++respondents_;
}

void IkmCalculator::add(const std::array<std::array<std::int64_t, 4>, kSkmElements>& answers,
                        std::int64_t respondents) {
  for (std::size_t i = 0; i < answers.size(); ++i)
    for (std::size_t a = 0; a < 4; ++a) {
      sums_[i] += answers[i][a] * static_cast<std::int64_t>(a + 1);
      counts_[i] += answers[i][a];
      answers_[i][a] += answers[i][a];
    }
  respondents_ += respondents;
}

IkmResult IkmCalculator::result() const {
  IkmResult result;
  result.respondents = respondents_;
  long double total = 0;
  int answered = 0;
  for (int i = 0; i < kSkmElements; ++i) {
    ElementScore& element = result.elements[i];
    element.code = kSkmCodes[i];
    element.respondents = counts_[i];
    element.sum = sums_[i];
    element.answers = answers_[i];
    if (counts_[i] == 0) {
      result.missing.push_back(kSkmCodes[i]);
      continue;
    }
    long double nrr = static_cast<long double>(sums_[i]) / counts_[i];
    element.nrr = static_cast<double>(nrr);
    element.converted = round2(nrr * 25);
    total += nrr;
    ++answered;
  }
  if (answered == 0) return result;
  // Exactly 1/9 when all nine were answered; the mean of the answered otherwise.
  long double ikm = total / answered;
  result.ikm = static_cast<double>(ikm);
  result.weight = 1.0 / answered;
  for (int i = 0; i < kSkmElements; ++i)
    if (counts_[i] > 0)
      result.elements[i].weighted =
          static_cast<double>(static_cast<long double>(sums_[i]) / counts_[i] / answered);
  result.nik = round2(ikm * 25);
  result.mutu = classify_nik(*result.nik);
  const ElementScore* weakest = nullptr;
  const ElementScore* strongest = nullptr;
  for (const auto& element : result.elements) {
    if (!element.nrr) continue;
    if (!weakest || *element.nrr < *weakest->nrr) weakest = &element;
    if (!strongest || *element.nrr > *strongest->nrr) strongest = &element;
  }
  result.weakest = weakest->code;
  result.strongest = strongest->code;
  return result;
}

Mutu classify_nik(double nik) {
  auto hundredths = std::llround(nik * 100);
  if (hundredths >= 8831) return Mutu::A;
  if (hundredths >= 7661) return Mutu::B;
  if (hundredths >= 6500) return Mutu::C;
  return Mutu::D;
}

std::string_view to_string(Mutu mutu) {
  static constexpr std::string_view kNames[] = {"A", "B", "C", "D"};
  return kNames[static_cast<int>(mutu)];
}

std::string_view kinerja(Mutu mutu) {
  static constexpr std::string_view kNames[] = {"Sangat baik", "Baik", "Kurang baik", "Tidak baik"};
  return kNames[static_cast<int>(mutu)];
}

std::int64_t minimum_sample(std::int64_t population) {
  if (population <= 0) return 0;
  long double n = static_cast<long double>(population);
  long double s = 3.841L * n * 0.25L / (0.0025L * (n - 1) + 3.841L * 0.25L);
  return std::llround(s);
}

void ProfileTally::add(const SkmProfile& profile) {
  sex[profile.sex] += 1;
  age_group[profile.age_group] += 1;
  education[profile.education] += 1;
  occupation[profile.occupation] += 1;
  service[profile.service] += 1;
}

}  // namespace kotak::core
