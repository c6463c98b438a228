// See retention.hpp.
#include "server/retention.hpp"

#include <time.h>

#include "core/log.hpp"
#include "core/timestamp.hpp"

namespace kotak::server {

namespace {

constexpr std::size_t kBatch = 200;
const Actor kRetention{0, "retensi"};

}  // namespace

RetentionRun run_retention(Storage& storage, int identity_days, std::int64_t now_ms) {
  RetentionRun run;
  auto turn = storage.lease_job("retention");
  if (!turn) return run;
  run.ran = true;
  const auto closed_before = now_ms - std::int64_t{identity_days} * kDayMs;
  // A batch of cases per transaction, so a large first run does not hold
  // the database for long; each erased case leaves the list.
  while (true) {
    auto due = storage.expired_identities(closed_before, kBatch);
    if (due.empty()) break;
    auto erased = storage.erase_identities({"", due, "retention", ""}, kRetention, now_ms);
    run.erased += erased;
    // Voice recordings (issue 11) of these cases are to be removed here.
    if (erased == 0) break;  // nothing it could erase: never loop forever
  }
  if (run.erased > 0)
    core::log::info("retention: erased the contact details of " + std::to_string(run.erased) +
                    " cases closed more than " + std::to_string(identity_days) + " days ago");
  return run;
}

RetentionJob::RetentionJob(Storage& storage, core::RetentionConfig config)
    : storage_(storage), config_(config), periodic_("retention", std::chrono::minutes(1), [this] { tick(); }) {}

void RetentionJob::tick() {
  auto now = core::now().unix_ms;
  time_t seconds = static_cast<time_t>(now / 1000);
  struct tm local {};
  localtime_r(&seconds, &local);
  const std::int64_t day = (now + local.tm_gmtoff * 1000) / kDayMs;
  if (local.tm_hour != config_.hour || done_day_ == day) return;
  done_day_ = day;
  try {
    run_retention(storage_, config_.identity_days, now);
  } catch (const std::exception& failure) {
    core::log::error(std::string("retention: ") + failure.what() + "; trying again tomorrow");
  }
}

}  // namespace kotak::server
