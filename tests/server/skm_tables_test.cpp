// The Permenpan RB 14/2017 tables of the SKM report against a data set
// computed by hand: per unsur the counts of answers 1-4, NRR, NRR
// tertimbang and their total (= IKM), the converted values, and printed
// figures that a reader can recompute (issue 16, point 1).
#include <doctest/doctest.h>

#include "core/i18n.hpp"
#include "core/timestamp.hpp"
#include "server/dashboard/skm_json.hpp"
#include "server/reports/skm_csv.hpp"
#include "server/reports/skm_report.hpp"

using namespace kotak;
using namespace kotak::server;

namespace {

// Six respondents (R1..R6), every unsur answered by all six:
//        U1 U2 U3 U4 U5 U6 U7 U8 U9
// R1      2  4  3  4  2  4  4  1  1
// R2      2  4  3  4  2  4  4  2  2
// R3      2  3  3  4  2  4  4  2  2
// R4      2  3  3  4  2  4  4  2  3
// R5      3  3  3  4  2  3  4  3  3
// R6      3  3  3  3  2  3  4  3  3
// sum    14 20 18 23 12 22 24 13 14   (Σ = 160)
const std::array<std::array<int, 9>, 6> kAnswers = {{{2, 4, 3, 4, 2, 4, 4, 1, 1},
                                                     {2, 4, 3, 4, 2, 4, 4, 2, 2},
                                                     {2, 3, 3, 4, 2, 4, 4, 2, 2},
                                                     {2, 3, 3, 4, 2, 4, 4, 2, 3},
                                                     {3, 3, 3, 4, 2, 3, 4, 3, 3},
                                                     {3, 3, 3, 3, 2, 3, 4, 3, 3}}};

reports::SkmReport six() {
  std::vector<SkmRecord> records;
  for (const auto& scores : kAnswers) {
    SkmRecord r;
    r.day = core::days_from_civil(2026, 2, 10);
    r.response.scores = scores;
    records.push_back(r);
  }
  return reports::compute_skm_report(records, reports::semester(2026, 1), "", std::nullopt);
}

reports::SkmDocument document_of(const reports::SkmReport& report) {
  reports::SkmDocument d;
  d.report = report;
  d.facility_name = "Puskesmas Uji";
  return d;
}

const core::Catalog& catalog() {
  static const auto c = core::Catalog::load(std::string(KOTAK_SOURCE_DIR) + "/assets/i18n/web/id.json");
  return c;
}

}  // namespace

TEST_CASE("counts of answers 1-4, NRR and NRR tertimbang per unsur, by hand") {
  auto r = six();
  REQUIRE(r.ikm.respondents == 6);
  // Answers 1/2/3/4 per unsur, read off the columns above.
  const std::array<std::array<std::int64_t, 4>, 9> counts = {{{0, 4, 2, 0},
                                                              {0, 0, 4, 2},
                                                              {0, 0, 6, 0},
                                                              {0, 0, 1, 5},
                                                              {0, 6, 0, 0},
                                                              {0, 0, 2, 4},
                                                              {0, 0, 0, 6},
                                                              {1, 3, 2, 0},
                                                              {1, 2, 3, 0}}};
  const std::int64_t sums[] = {14, 20, 18, 23, 12, 22, 24, 13, 14};
  for (int i = 0; i < 9; ++i) {
    CAPTURE(i);
    const auto& e = r.ikm.elements[i];
    CHECK(e.answers == counts[i]);
    CHECK(e.sum == sums[i]);
    // 1·n1 + 2·n2 + 3·n3 + 4·n4 is the sum of scores.
    CHECK(e.answers[0] + 2 * e.answers[1] + 3 * e.answers[2] + 4 * e.answers[3] == e.sum);
    REQUIRE(e.nrr);
    REQUIRE(e.weighted);
    CHECK(*e.nrr == doctest::Approx(sums[i] / 6.0));           // e.g. U1 14/6 = 2.3333
    CHECK(*e.weighted == doctest::Approx(sums[i] / 6.0 / 9));  // U1 2.3333/9 = 0.25926
  }
  REQUIRE(r.ikm.weight);
  CHECK(*r.ikm.weight == doctest::Approx(1.0 / 9));
  // Σ NRR tertimbang = 160/6/9 = 160/54 = 2.962963 = IKM.
  double total = 0;
  for (const auto& e : r.ikm.elements) total += *e.weighted;
  REQUIRE(r.ikm.ikm);
  CHECK(total == doctest::Approx(*r.ikm.ikm));
  CHECK(*r.ikm.ikm == doctest::Approx(160.0 / 54));
  // NIK = 2.962963 × 25 = 74.074 → 74.07: C (Kurang baik, 65.00-76.60).
  CHECK(*r.ikm.nik == doctest::Approx(74.07));
  CHECK(*r.ikm.mutu == core::Mutu::C);
  // Converted values NRR × 25: U1 58.33, U4 95.83, U6 91.67, U8 54.17.
  CHECK(*r.ikm.elements[0].converted == doctest::Approx(58.33));
  CHECK(*r.ikm.elements[3].converted == doctest::Approx(95.83));
  CHECK(*r.ikm.elements[5].converted == doctest::Approx(91.67));
  CHECK(*r.ikm.elements[7].converted == doctest::Approx(54.17));
}

TEST_CASE("printed figures add up when a reader recomputes them") {
  auto r = six();
  // IKM at four decimals is 2.9630, and 2.9630 × 25 = 74.075 → 74.08, not
  // the NIK 74.07: the report prints five, 2.96296 × 25 = 74.074 → 74.07.
  CHECK(r.places.ikm == 5);
  // NRR at four decimals recompute: 2.3333 × 25 = 58.3325 → 58.33, 3.6667 ×
  // 25 = 91.6675 → 91.67, 2.1667 × 25 = 54.1675 → 54.17.
  CHECK(r.places.nrr == std::array<int, 9>{4, 4, 4, 4, 4, 4, 4, 4, 4});
  // NRR tertimbang at four decimals: .2593 + .3704 + .3333 + .4259 + .2222 +
  // .4074 + .4444 + .2407 + .2593 = 2.9629, not the printed 2.96296; at five:
  // .25926 + .37037 + .33333 + .42593 + .22222 + .40741 + .44444 + .24074 +
  // .25926 = 2.96296.
  CHECK(r.places.weighted == 5);
  // The case: IKM 2.96776 printed as 2.9678 gives 74.195 → 74.20,
  // while the NIK is 74.194 → 74.19; five decimals are needed.
  CHECK(core::places_for_product(2.96776, 25) == 5);
  CHECK(core::places_for_product(3.5, 25) == 4);
  CHECK(core::round_places(2.675, 2) == doctest::Approx(2.68));  // half away from zero

  auto csv = reports::skm_csv_text(document_of(r), catalog(), ';');
  // Kode; unsur; 1; 2; 3; 4; menjawab; jumlah nilai; NRR; NRR tertimbang; konversi; mutu.
  CHECK(csv.find("U1;Persyaratan;0;4;2;0;6;14;2,3333;0,25926;58,33;D\r\n") != std::string::npos);
  CHECK(csv.find("U7;Perilaku pelaksana;0;0;0;6;6;24;4,0000;0,44444;100,00;A\r\n") != std::string::npos);
  CHECK(csv.find("U8;Penanganan pengaduan, saran dan masukan;1;3;2;0;6;13;2,1667;0,24074;54,17;D\r\n") !=
        std::string::npos);
  CHECK(csv.find("Jumlah NRR tertimbang = IKM;;;;;;;;;2,96296\r\n") != std::string::npos);
  CHECK(csv.find("IKM (nilai indeks);2,96296\r\n") != std::string::npos);
  CHECK(csv.find("Nilai IKM (konversi);74,07\r\n") != std::string::npos);
  CHECK(csv.find("Pembulatan: ") != std::string::npos);
  // The conversion table, best first.
  CHECK(csv.find("4;3,5324 – 4,00;88,31 – 100,00;A;Sangat baik\r\n") != std::string::npos);
  CHECK(csv.find("1;1,00 – 2,5996;25,00 – 64,99;D;Tidak baik\r\n") != std::string::npos);
  auto english = reports::skm_csv_text(document_of(r), catalog(), ',');
  CHECK(english.find("1,\"1.00 – 2.5996\",\"25.00 – 64.99\",D,Tidak baik\r\n") == std::string::npos);
  CHECK(english.find("1,1.00 – 2.5996,25.00 – 64.99,D,Tidak baik\r\n") != std::string::npos);

  auto body = skm_report_json(r);
  CHECK(body["ikm_places"] == 5);
  CHECK(body["weighted_places"] == 5);
  CHECK(body["elements"][7]["answers"] == nlohmann::json::array({1, 3, 2, 0}));
  REQUIRE(body["intervals"].size() == 4);
  CHECK(body["intervals"][0]["nik"][0] == "88,31");
}
