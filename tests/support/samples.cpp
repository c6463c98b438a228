// See samples.hpp.
#include "tests/support/samples.hpp"

#include "core/ticket.hpp"
#include "core/timestamp.hpp"

namespace kotak::test {

namespace {

core::Submission base(core::Kind kind) {
  core::Submission s;
  s.id = core::new_submission_id();
  s.device_id = "kiosk-1";
  s.facility_id = "pkm-test";
  // A minute ago, never a fixed date: the retention, semester and "today"
  // rules compare with the real clock (CI runs again with it moved a year).
  s.created_at = core::now();
  s.created_at.unix_ms -= 60'000;
  s.kind = kind;
  s.language = "id";
  return s;
}

}  // namespace

core::Submission sample_rating(int face) {
  auto s = base(core::Kind::rating);
  s.rating = face;
  s.unit = "poli-umum";
  return s;
}

core::Submission sample_written(const std::string& text) {
  auto s = base(core::Kind::written);
  s.rating = 1;
  s.type = core::FeedbackType::keluhan;
  s.text = text;
  s.ticket = core::new_ticket();
  return s;
}

core::Submission sample_skm() {
  auto s = base(core::Kind::skm);
  s.skm.emplace();
  s.skm->scores = {3, 3, 2, 4, 3, 3, 4, 0, 2};
  s.skm->profile = {"P", "30-39", "SMA", "Wirausaha", "poli-umum"};
  return s;
}

core::Submission sample_of_mix(long i, const std::string& facility, const std::string& device,
                               std::int64_t created_ms) {
  auto s = i % 4 == 0   ? sample_written("Keluhan nomor " + std::to_string(i))
           : i % 4 == 3 ? sample_skm()
                        : sample_rating(static_cast<int>(i % 4) + 1);
  if (i % 8 == 0) {
    s.identity_mode = core::IdentityMode::named;
    s.identity = {"Ibu Sari " + std::to_string(i), "0812 3456 7890", "Jl. Melati 3"};
  }
  s.facility_id = facility;
  s.device_id = device;
  s.created_at.unix_ms = created_ms;
  return s;
}

}  // namespace kotak::test
