// See retry.hpp.
#include "sync/retry.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

namespace kotak::sync {

using core::SyncResult;

namespace {

// A server that asks for more than a day is treated as asking for a day.
constexpr std::int64_t kMaxRetryAfterSeconds = 24 * 60 * 60;

std::string status_text(const Answer& answer) {
  std::string text = "HTTP " + std::to_string(answer.status);
  if (!answer.server_reason.empty()) text += ": " + answer.server_reason;
  return text;
}

bool retryable_status(long status) { return status == 408 || status == 429 || status >= 500; }

std::optional<std::time_t> parse_http_date(std::string_view value) {
  std::string text(value);
  // IMF-fixdate, the obsolete RFC 850 form and asctime (RFC 9110, 5.6.7).
  for (const char* format :
       {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"}) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), format, &tm);
    if (end && *end == '\0') return timegm(&tm);
  }
  return std::nullopt;
}

}  // namespace

Assessment assess(const Answer& answer) {
  switch (answer.transport) {
    case Transport::ok:
      break;
    case Transport::timeout:
      return {Verdict::retry, SyncResult::unreachable,
              "the server did not answer in time: " + answer.transport_detail};
    case Transport::unreachable:
      return {Verdict::retry, SyncResult::unreachable,
              "could not reach the server: " + answer.transport_detail};
    case Transport::tls:
      return {Verdict::fail, SyncResult::tls_error,
              "the server's certificate or key did not verify: " + answer.transport_detail +
                  ". Check the clock, server.ca_file and server.pinned_public_key."};
    case Transport::aborted:
      return {Verdict::fail, SyncResult::unreachable, "stopped before the run finished"};
    case Transport::other:
      return {Verdict::fail, SyncResult::unreachable,
              "the request failed: " + answer.transport_detail};
  }
  if (retryable_status(answer.status))
    return {Verdict::retry, SyncResult::server_error,
            answer.kotak ? "the server is failing or busy (" + status_text(answer) + ")"
                         : "HTTP " + std::to_string(answer.status) +
                               " from something in front of the server (a proxy?); the server "
                               "may be restarting"};
  if (!answer.kotak)
    return {Verdict::fail, SyncResult::not_kotak_server,
            "HTTP " + std::to_string(answer.status) +
                " without the X-Kotak-Protocol header: something other than the Kotak server "
                "answered (a Wi-Fi login page or a proxy?). Check server.url and the network."};
  if ((answer.status >= 200 && answer.status < 300) || answer.status == 304)
    return {Verdict::ok, SyncResult::ok, ""};
  if (answer.status == 401 || answer.status == 403)
    return {Verdict::fail, SyncResult::token_rejected,
            "the server refused the device token (" + status_text(answer) +
                "). Ask the server admin for a new token (kotak-server device token)."};
  if (answer.status == 413)
    return {Verdict::split, SyncResult::server_error,
            "the server found the batch too large (" + status_text(answer) + ")"};
  return {Verdict::fail, SyncResult::server_error,
          "the server refused the request (" + status_text(answer) + ")"};
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::int64_t seconds = 0;
    for (char c : value) {
      seconds = seconds * 10 + (c - '0');
      if (seconds > kMaxRetryAfterSeconds) return std::chrono::seconds(kMaxRetryAfterSeconds);
    }
    return std::chrono::seconds(seconds);
  }
  auto date = parse_http_date(value);
  if (!date) return std::nullopt;
  auto wait = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::from_time_t(*date) - now);
  return std::clamp(wait, std::chrono::seconds(0), std::chrono::seconds(kMaxRetryAfterSeconds));
}

std::chrono::milliseconds backoff_delay(int attempt, int initial_ms, int max_ms,
                                        double unit_random) {
  double step = initial_ms;
  for (int i = 0; i < attempt && step < max_ms; ++i) step *= 2;
  step = std::min<double>(step, max_ms);
  double random = std::clamp(unit_random, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(step / 2 + random * step / 2));
}

std::optional<std::chrono::milliseconds> next_wait(const RetryPolicy& policy, int attempt,
                                                   std::optional<std::chrono::seconds> retry_after,
                                                   double unit_random) {
  if (attempt >= policy.retries) return std::nullopt;
  auto wait = backoff_delay(attempt, policy.initial_ms, policy.max_ms, unit_random);
  if (retry_after) {
    if (*retry_after > std::chrono::milliseconds(policy.max_ms)) return std::nullopt;
    wait = std::max<std::chrono::milliseconds>(wait, *retry_after);
  }
  return wait;
}

}  // namespace kotak::sync
