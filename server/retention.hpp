// The retention rule of contact details (UU 27/2022, issue 14 item 4): a
// case's identity (name, phone, address; voice recordings once they exist,
// issue 11) is erased retention.identity_days after the case was closed;
// the case, its text (with the person's name and number taken out of it),
// its answers and every figure stay. Open cases are never touched, rahasia
// ones no differently from others.
//
// The job runs every night at retention.hour (the server's local time) in
// `serve`, and on demand with `kotak-server retention run`. With several
// server processes on one database, only the one holding the job's turn
// (Storage::lease_job("retention")) runs it; another finds it taken and
// does nothing. It takes "now" from its caller, so tests move the clock.
#pragma once

#include <cstdint>
#include <optional>

#include "core/config.hpp"
#include "server/periodic.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

inline constexpr std::int64_t kDayMs = 86'400'000;

struct RetentionRun {
  bool ran = false;        // false: another process held the job's turn
  std::int64_t erased = 0;  // cases whose identity was erased
};

// One run: erases the identities of every case closed before
// now_ms - identity_days, in batches.
RetentionRun run_retention(Storage& storage, int identity_days, std::int64_t now_ms);

// The nightly run inside `serve`: a thread that looks once a minute
// whether the configured hour has come and today's run is still to do.
class RetentionJob {
 public:
  RetentionJob(Storage& storage, core::RetentionConfig config);
  void start() { periodic_.start(); }

 private:
  void tick();

  Storage& storage_;
  core::RetentionConfig config_;
  std::optional<std::int64_t> done_day_;  // the local day of the last run
  Periodic periodic_;                     // last: stops before the rest goes
};

}  // namespace kotak::server
