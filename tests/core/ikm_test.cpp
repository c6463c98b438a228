// IKM scoring against data sets computed by hand (the arithmetic is in the
// comments), the band edges, and the Krejcie–Morgan sample sizes of DOMAIN.md.
#include <doctest/doctest.h>

#include "core/ikm.hpp"

using namespace kotak::core;

namespace {

SkmResponse response(std::array<int, 9> scores) {
  SkmResponse r;
  r.scores = scores;
  return r;
}

// Four respondents, worked by hand:
//   U1 3+4+3+4=14 → 3.50   U2 3+4+2+3=12 → 3.00   U3 3+3+3+2=11 → 2.75
//   U4 3+4+4+4=15 → 3.75   U5 3+3+3+4=13 → 3.25   U6 3+3+4+3=13 → 3.25
//   U7 3+4+4+3=14 → 3.50   U8 3+2+3+3=11 → 2.75   U9 3+3+2+3=11 → 2.75
//   Σ NRR = 28.50; IKM = 28.50 / 9 = 3.1667; NIK = 79.1667 → 79.17 (B, Baik)
const std::array<std::array<int, 9>, 4> kFour = {{{3, 3, 3, 3, 3, 3, 3, 3, 3},
                                                  {4, 4, 3, 4, 3, 3, 4, 2, 3},
                                                  {3, 2, 3, 4, 3, 4, 4, 3, 2},
                                                  {4, 3, 2, 4, 4, 3, 3, 3, 3}}};

// 1,000 respondents whose scores total `total` over all nine elements (every
// respondent answers every element), so NIK = 25 × total / 9000.
IkmResult thousand_with_total(int total) {
  IkmCalculator calculator;
  int deficit = 36000 - total;  // below all-4s
  for (int r = 0; r < 1000; ++r) {
    std::array<int, 9> scores;
    scores.fill(4);
    for (int i = 0; i < 9 && deficit > 0; ++i) {
      int take = std::min(deficit, 3);
      scores[i] -= take;
      deficit -= take;
    }
    calculator.add(response(scores));
  }
  return calculator.result();
}

}  // namespace

TEST_CASE("IKM of a small data set computed by hand") {
  IkmCalculator calculator;
  for (const auto& scores : kFour) calculator.add(response(scores));
  auto result = calculator.result();
  CHECK(result.respondents == 4);
  CHECK(result.elements[0].nrr == doctest::Approx(3.50));
  CHECK(result.elements[3].nrr == doctest::Approx(3.75));
  CHECK(result.elements[8].nrr == doctest::Approx(2.75));
  CHECK(result.elements[3].converted == doctest::Approx(93.75));
  CHECK(result.ikm == doctest::Approx(28.5 / 9));
  CHECK(result.nik == doctest::Approx(79.17));
  CHECK(result.mutu == Mutu::B);
  CHECK(kinerja(*result.mutu) == "Baik");
  CHECK(result.weakest == "U3");  // 2.75, first of U3, U8, U9
  CHECK(result.strongest == "U4");
  CHECK(result.missing.empty());
}

TEST_CASE("a skipped question is not a zero: NRR divides by those who answered") {
  IkmCalculator calculator;
  auto scores = kFour;
  scores[1][7] = 0;  // respondent 2 skips U8: U8 = (3+3+3)/3 = 3.00
  for (const auto& s : scores) calculator.add(response(s));
  auto result = calculator.result();
  CHECK(result.elements[7].respondents == 3);
  CHECK(result.elements[7].nrr == doctest::Approx(3.0));
  // Σ NRR = 28.50 − 2.75 + 3.00 = 28.75; IKM = 3.1944; NIK = 79.861 → 79.86
  CHECK(result.nik == doctest::Approx(79.86));
}

TEST_CASE("an element nobody answered is listed and the index averages the others") {
  IkmCalculator calculator;
  for (auto scores : kFour) {
    scores[8] = 0;  // nobody answers U9
    calculator.add(response(scores));
  }
  auto result = calculator.result();
  REQUIRE(result.missing.size() == 1u);
  CHECK(result.missing[0] == "U9");
  CHECK_FALSE(result.elements[8].nrr);
  // (28.50 − 2.75) / 8 = 3.21875; NIK = 80.46875 → 80.47
  CHECK(result.ikm == doctest::Approx(3.21875));
  CHECK(result.nik == doctest::Approx(80.47));
}

TEST_CASE("a single respondent, and the extremes reach exactly 100 and 25") {
  IkmCalculator best;
  best.add(response({4, 4, 4, 4, 4, 4, 4, 4, 4}));
  auto top = best.result();
  CHECK(top.respondents == 1);
  CHECK(top.ikm == doctest::Approx(4.0));
  CHECK(*top.nik == 100.00);  // exactly: the weight is 1/9, not 0.111
  CHECK(top.mutu == Mutu::A);
  IkmCalculator worst;
  worst.add(response({1, 1, 1, 1, 1, 1, 1, 1, 1}));
  CHECK(*worst.result().nik == 25.00);
  CHECK(worst.result().mutu == Mutu::D);
}

TEST_CASE("no answers at all is 'no data', never NaN") {
  IkmCalculator calculator;
  auto empty = calculator.result();
  CHECK(empty.respondents == 0);
  CHECK_FALSE(empty.ikm);
  CHECK_FALSE(empty.nik);
  CHECK_FALSE(empty.mutu);
  CHECK_FALSE(empty.weakest);
  CHECK(empty.missing.size() == 9u);
  calculator.add(response({0, 0, 0, 0, 0, 0, 0, 0, 0}));  // all skipped: not a respondent
  CHECK(calculator.result().respondents == 0);
  CHECK_FALSE(calculator.result().ikm);
}

TEST_CASE("the band edges classify on the rounded converted index") {
  // With 1,000 full respondents NIK = 25 × total / 9000:
  //   31791 → 88.3083 → 88.31 (A)    31788 → 88.3000 → 88.30 (B)
  //   27580 → 76.6111 → 76.61 (B)    27576 → 76.6000 → 76.60 (C)
  //   23400 → 65.0000 → 65.00 (C)    23396 → 64.9889 → 64.99 (D)
  struct Edge {
    int total;
    double nik;
    Mutu mutu;
  };
  for (const Edge& edge :
       {Edge{31791, 88.31, Mutu::A}, Edge{31788, 88.30, Mutu::B}, Edge{27580, 76.61, Mutu::B},
        Edge{27576, 76.60, Mutu::C}, Edge{23400, 65.00, Mutu::C}, Edge{23396, 64.99, Mutu::D}}) {
    CAPTURE(edge.total);
    auto result = thousand_with_total(edge.total);
    CHECK(result.respondents == 1000);
    CHECK(*result.nik == doctest::Approx(edge.nik).epsilon(1e-12));
    CHECK(result.mutu == edge.mutu);
  }
  CHECK(classify_nik(88.31) == Mutu::A);
  CHECK(classify_nik(88.30) == Mutu::B);
  CHECK(classify_nik(76.61) == Mutu::B);
  CHECK(classify_nik(76.60) == Mutu::C);
  CHECK(classify_nik(65.00) == Mutu::C);
  CHECK(classify_nik(64.99) == Mutu::D);
  CHECK(kinerja(Mutu::A) == "Sangat baik");
  CHECK(kinerja(Mutu::C) == "Kurang baik");
  CHECK(kinerja(Mutu::D) == "Tidak baik");
}

TEST_CASE("the Krejcie-Morgan minimum sample matches DOMAIN.md") {
  CHECK(minimum_sample(100) == 80);
  CHECK(minimum_sample(500) == 217);
  CHECK(minimum_sample(1000) == 278);
  CHECK(minimum_sample(5000) == 357);
  CHECK(minimum_sample(20000) == 377);
  CHECK(minimum_sample(1000000) == 384);
  CHECK(minimum_sample(1) == 1);
  CHECK(minimum_sample(0) == 0);
}

TEST_CASE("the profile tally counts each field, blanks included") {
  ProfileTally tally;
  tally.add({"P", "30-39", "SMA", "Wirausaha", "kia"});
  tally.add({"P", "", "S1", "PNS", "kia"});
  tally.add({"L", "60+", "", "", ""});
  CHECK(tally.sex["P"] == 2);
  CHECK(tally.sex["L"] == 1);
  CHECK(tally.age_group[""] == 1);
  CHECK(tally.service["kia"] == 2);
}
