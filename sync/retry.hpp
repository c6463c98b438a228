// When kotak-sync tries a request again, and what an answer means. Pure
// functions, no curl, so every rule here has a unit test
// (tests/sync/retry_test.cpp).
//
// The rules, from DESIGN.md's libcurl trap and issue 4:
// - Timeouts, refused or broken connections and DNS failures are retried;
//   so are HTTP 408, 429 and every 5xx (a reverse proxy answers 502 while the
//   server restarts, without our protocol header).
// - Waits grow exponentially from backoff_initial_ms, capped at
//   backoff_max_ms, with jitter so that many kiosks that lost the network
//   together do not come back in step ("equal jitter": half fixed, half random).
// - Retry-After is honoured: never sooner than the server asked. If it asks
//   for longer than backoff_max_ms, this run stops and the next timer run
//   tries again, rather than hold the agent for an hour.
// - Only an answer carrying X-Kotak-Protocol is the server talking. Anything
//   else that is not a retryable status (a captive portal's 200 page, a
//   redirect to a login page, a proxy's 403) is "not the Kotak server" and
//   is not retried: a portal does not go away in seconds.
// - TLS failures are not retried: a wrong certificate stays wrong.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/sync_result.hpp"

namespace kotak::sync {

// What went wrong below HTTP, as the HTTP client classifies its errors.
enum class Transport {
  ok,           // an HTTP answer arrived
  timeout,      // connect, total or low-speed timeout
  unreachable,  // refused, reset, DNS failure, no route, connection closed early
  tls,          // certificate, host name or public-key pin did not verify
  aborted,      // we were asked to stop (SIGTERM)
  other,        // a local failure (out of memory, bad option)
};

// The parts of an answer that decide what to do with it.
struct Answer {
  Transport transport = Transport::ok;
  std::string transport_detail;  // curl's message
  long status = 0;               // HTTP status when transport is ok
  bool kotak = false;            // carried X-Kotak-Protocol: 1
  std::string retry_after;       // the Retry-After header, as sent
  std::string server_reason;     // "error" of a Kotak JSON error body
};

enum class Verdict {
  ok,     // a Kotak answer with status 2xx or 304; read its body
  retry,  // try again after a wait
  split,  // 413 from the server: send fewer items at once
  fail,   // stop this run
};

struct Assessment {
  Verdict verdict = Verdict::fail;
  core::SyncResult result = core::SyncResult::ok;  // what to report if it ends here
  std::string detail;                              // English, for the technician
};

Assessment assess(const Answer& answer);

// Delta-seconds or an HTTP date (IMF-fixdate, RFC 850, asctime); nullopt
// when malformed. Dates in the past give zero.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now);

// The wait before retry number `attempt` (0 for the first retry): the capped
// exponential step, half of it fixed and half scaled by unit_random in [0, 1).
std::chrono::milliseconds backoff_delay(int attempt, int initial_ms, int max_ms,
                                        double unit_random);

struct RetryPolicy {
  int retries = 4;  // retries after the first attempt
  int initial_ms = 1000;
  int max_ms = 60000;
};

// How long to wait before the next try, or nullopt to give up: retries used
// up, or the server asked to wait longer than the policy's cap.
std::optional<std::chrono::milliseconds> next_wait(const RetryPolicy& policy, int attempt,
                                                   std::optional<std::chrono::seconds> retry_after,
                                                   double unit_random);

}  // namespace kotak::sync
