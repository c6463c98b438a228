#include "sync/retry.hpp"

#include <doctest/doctest.h>

#include "sync/commands.hpp"

using namespace kotak::sync;
using kotak::core::SyncResult;
using namespace std::chrono_literals;

namespace {

Answer http(long status, bool kotak, std::string retry_after = "") {
  Answer answer;
  answer.status = status;
  answer.kotak = kotak;
  answer.retry_after = std::move(retry_after);
  return answer;
}

Answer transport(Transport kind) {
  Answer answer;
  answer.transport = kind;
  answer.transport_detail = "detail";
  return answer;
}

}  // namespace

TEST_CASE("only a Kotak answer counts, and timeouts, 408, 429 and 5xx are retried") {
  CHECK(assess(http(200, true)).verdict == Verdict::ok);
  CHECK(assess(http(304, true)).verdict == Verdict::ok);
  auto portal = assess(http(200, false));
  CHECK(portal.verdict == Verdict::fail);
  CHECK(portal.result == SyncResult::not_kotak_server);
  CHECK(assess(http(302, false)).result == SyncResult::not_kotak_server);
  CHECK(assess(http(401, false)).result == SyncResult::not_kotak_server);
  for (long status : {408L, 429L, 500L, 502L, 503L, 504L}) {
    CHECK(assess(http(status, true)).verdict == Verdict::retry);
    CHECK(assess(http(status, false)).verdict == Verdict::retry);  // a proxy while restarting
    CHECK(assess(http(status, true)).result == SyncResult::server_error);
  }
  CHECK(assess(http(401, true)).result == SyncResult::token_rejected);
  CHECK(assess(http(403, true)).result == SyncResult::token_rejected);
  CHECK(assess(http(413, true)).verdict == Verdict::split);
  CHECK(assess(http(400, true)).verdict == Verdict::fail);
  CHECK(assess(http(400, true)).result == SyncResult::server_error);

  CHECK(assess(transport(Transport::timeout)).verdict == Verdict::retry);
  CHECK(assess(transport(Transport::timeout)).result == SyncResult::unreachable);
  CHECK(assess(transport(Transport::unreachable)).verdict == Verdict::retry);
  CHECK(assess(transport(Transport::tls)).verdict == Verdict::fail);
  CHECK(assess(transport(Transport::tls)).result == SyncResult::tls_error);
  CHECK(assess(transport(Transport::aborted)).verdict == Verdict::fail);
}

TEST_CASE("Retry-After takes seconds or an HTTP date and ignores garbage") {
  auto now = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT
  CHECK(parse_retry_after("120", now) == 120s);
  CHECK(parse_retry_after(" 0 ", now) == 0s);
  CHECK(parse_retry_after("99999999999999999999", now) == 86400s);
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now) == 30s);
  CHECK(parse_retry_after("Sunday, 06-Nov-94 08:50:37 GMT", now) == 60s);
  CHECK(parse_retry_after("Sun Nov  6 08:51:37 1994", now) == 120s);
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now) == 0s);  // in the past
  CHECK(!parse_retry_after("", now));
  CHECK(!parse_retry_after("-5", now));
  CHECK(!parse_retry_after("1.5", now));
  CHECK(!parse_retry_after("soon", now));
  CHECK(!parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT trailing", now));
}

TEST_CASE("backoff doubles up to the cap, with half of each step random") {
  CHECK(backoff_delay(0, 1000, 60000, 0.0) == 500ms);
  CHECK(backoff_delay(0, 1000, 60000, 0.999) == 999ms);
  CHECK(backoff_delay(1, 1000, 60000, 0.0) == 1000ms);
  CHECK(backoff_delay(3, 1000, 60000, 0.0) == 4000ms);
  CHECK(backoff_delay(10, 1000, 60000, 0.0) == 30000ms);
  CHECK(backoff_delay(10, 1000, 60000, 1.0) == 60000ms);
  CHECK(backoff_delay(1000, 1000, 60000, 0.5) == 45000ms);  // no overflow
  for (double r : {0.0, 0.3, 0.7, 0.99}) {
    auto delay = backoff_delay(2, 100, 10000, r);
    CHECK(delay >= 200ms);
    CHECK(delay <= 400ms);
  }
}

TEST_CASE("the next wait honours Retry-After, and gives up past the retries or the cap") {
  RetryPolicy policy{.retries = 3, .initial_ms = 100, .max_ms = 5000};
  CHECK(next_wait(policy, 0, std::nullopt, 0.0) == 50ms);
  CHECK(next_wait(policy, 0, 2s, 0.0) == 2000ms);           // never sooner than asked
  CHECK(next_wait(policy, 2, 0s, 1.0) == 400ms);            // the backoff when it is longer
  CHECK(!next_wait(policy, 0, 3600s, 0.0));                 // asked for an hour: next run
  CHECK(!next_wait(policy, 3, std::nullopt, 0.0));          // retries used up
  CHECK(!next_wait({.retries = 0}, 0, std::nullopt, 0.0));  // retries off
}

TEST_CASE("durations for run --every") {
  CHECK(parse_duration("5m") == 300s);
  CHECK(parse_duration("30s") == 30s);
  CHECK(parse_duration("2h") == 7200s);
  CHECK(parse_duration("45") == 45s);
  CHECK(!parse_duration(""));
  CHECK(!parse_duration("0s"));
  CHECK(!parse_duration("m"));
  CHECK(!parse_duration("5 m"));
  CHECK(!parse_duration("-5m"));
  CHECK(!parse_duration("200h"));
  CHECK(!parse_duration("99999999999999m"));
}
