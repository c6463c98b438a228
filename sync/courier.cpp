// See courier.hpp.
#include "sync/courier.hpp"

#include <thread>

#include "core/log.hpp"
#include "core/remote_settings.hpp"
#include "core/seal.hpp"
#include "core/timestamp.hpp"
#include "core/wire.hpp"

namespace kotak::sync {

namespace wire = core::wire;
using core::SyncResult;

namespace {

constexpr std::string_view kBatchOpen = R"({"protocol":1,"submissions":[)";
constexpr std::string_view kBatchClose = "]}";

std::int64_t now_ms() { return core::now().unix_ms; }

// Why a result list cannot be trusted for this batch, or nullopt.
std::optional<std::string> mismatch(const std::vector<wire::ItemResult>& results,
                                    const std::vector<std::string>& sent) {
  if (results.size() != sent.size())
    return "it has " + std::to_string(results.size()) + " results for " +
           std::to_string(sent.size()) + " submissions";
  for (std::size_t i = 0; i < sent.size(); ++i)
    if (results[i].id != sent[i])
      return "result " + std::to_string(i) + " names another submission";
  return std::nullopt;
}

}  // namespace

Courier::Courier(const core::SyncConfig& config, core::Store& store, HttpClient& http,
                 const std::atomic<bool>& stop, HttpClient* second)
    : config_(config),
      store_(store),
      http_(http),
      second_(second),
      stop_(stop),
      policy_{config.retries, config.backoff_initial_ms, config.backoff_max_ms},
      random_(std::random_device{}()) {}

RunReport Courier::run() {
  RunReport report;
  bool pushed = check_clock(report) && push(report);
  // The contact details of the answers delivered are gone from the file;
  // the WAL keeps its copy of them until it is emptied, once a run.
  if (report.delivered > 0) store_.empty_log("forgetting contact details");
  if (pushed && pull_board(report) && pull_settings(report)) {
    report.result = SyncResult::ok;
    report_health(report);
  }
  return report;
}

bool Courier::pause(std::chrono::milliseconds wait) {
  auto until = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < until) {
    if (stop_) return false;
    auto left = until - std::chrono::steady_clock::now();
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(100)));
  }
  return !stop_;
}

Courier::Exchange Courier::exchange(
    const std::function<HttpReply()>& send,
    const std::function<std::optional<std::string>(const HttpReply&)>& body_problem) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int attempt = 0;; ++attempt) {
    Exchange out;
    out.reply = send();
    out.assessment = assess(out.reply.answer);
    if (out.assessment.verdict == Verdict::ok) {
      auto problem = body_problem(out.reply);
      if (!problem) {
        out.verdict = Verdict::ok;
        return out;
      }
      // A cut-off or garbled answer: the batch may or may not have arrived,
      // and sending it again is harmless.
      out.assessment = {Verdict::retry, SyncResult::server_error,
                        "the server's answer was not well-formed: " + *problem};
    }
    out.verdict = out.assessment.verdict;
    if (out.verdict != Verdict::retry) return out;
    std::optional<std::chrono::seconds> retry_after;
    if (!out.reply.answer.retry_after.empty())
      retry_after =
          parse_retry_after(out.reply.answer.retry_after, std::chrono::system_clock::now());
    double draw;
    {
      std::lock_guard lock(random_mutex_);
      draw = unit(random_);
    }
    auto wait = next_wait(policy_, attempt, retry_after, draw);
    if (!wait) {
      if (retry_after && *retry_after > std::chrono::milliseconds(policy_.max_ms))
        out.assessment.detail += "; the server asked to wait " +
                                 std::to_string(retry_after->count()) +
                                 " s, so the next run will try again";
      out.verdict = Verdict::fail;
      return out;
    }
    core::log::debug(out.assessment.detail + "; trying again in " + std::to_string(wait->count()) +
                     " ms");
    if (!pause(*wait)) {
      out.verdict = Verdict::fail;
      out.assessment = {Verdict::fail, SyncResult::stopped, "stopped before the run finished"};
      return out;
    }
  }
}

std::unique_ptr<Courier::Batch> Courier::next_batch(std::int64_t after_seq, std::size_t limit,
                                                    RunReport& report) {
  const auto max_bytes = static_cast<std::size_t>(config_.batch_bytes);
  while (true) {
    auto pending = store_.pending(limit, after_seq);
    if (pending.empty()) return nullptr;
    auto batch = std::make_unique<Batch>();
    batch->body = kBatchOpen;
    for (auto& stored : pending) {
      std::string item;
      if (!server_knows_clock_) stored.submission.clock = {};
      try {
        item = wire::encode_submission(stored.submission);
      } catch (const std::exception& error) {
        // A row the kiosk should never have stored; it must not block the rest.
        store_.mark_quarantined(stored.submission.id,
                                std::string("cannot be sent: ") + error.what(), now_ms());
        ++report.quarantined;
        batch->last_seq = stored.seq;
        continue;
      }
      if (!batch->ids.empty() &&
          batch->body.size() + item.size() + 1 + kBatchClose.size() > max_bytes)
        break;
      if (batch->ids.empty())
        batch->first_seq = stored.seq;
      else
        batch->body += ',';
      batch->body += item;
      batch->last_seq = stored.seq;
      batch->ids.push_back(std::move(stored.submission.id));
      stored.submission = {};  // the body has it now
    }
    batch->body += kBatchClose;
    if (!batch->ids.empty()) return batch;
    after_seq = batch->last_seq;  // all of this page was unsendable
  }
}

Courier::Delivery Courier::send(HttpClient& client, const Batch& batch) {
  Delivery delivery;
  delivery.exchange = exchange([&] { return client.post_json("/api/v1/submissions", batch.body); },
                               [&](const HttpReply& reply) -> std::optional<std::string> {
                                 try {
                                   delivery.results = wire::decode_results(reply.body);
                                 } catch (const wire::WireError& error) {
                                   return std::string(error.what());
                                 }
                                 return mismatch(delivery.results, batch.ids);
                               });
  return delivery;
}

void Courier::record(const std::vector<wire::ItemResult>& results, RunReport& report) {
  std::vector<std::string> delivered;
  delivered.reserve(results.size());
  for (const auto& result : results) {
    switch (result.status) {
      case wire::ItemStatus::accepted:
      case wire::ItemStatus::duplicate:
        delivered.push_back(result.id);
        break;
      case wire::ItemStatus::conflict:
      case wire::ItemStatus::invalid:
        store_.mark_quarantined(result.id,
                                std::string(wire::to_string(result.status)) + ": " + result.reason,
                                now_ms());
        ++report.quarantined;
        core::log::warning("submission " + result.id + " quarantined: " +
                           std::string(wire::to_string(result.status)) + ": " + result.reason);
        break;
    }
  }
  store_.mark_delivered(delivered, now_ms());
  report.delivered += static_cast<std::int64_t>(delivered.size());
}

void Courier::land(std::deque<Flight>& flights, RunReport& report) {
  for (auto& flight : flights) {
    Delivery delivery = flight.delivery.get();
    if (delivery.exchange.verdict == Verdict::ok) record(delivery.results, report);
  }
  flights.clear();
}

bool Courier::push(RunReport& report) {
  auto limit = static_cast<std::size_t>(config_.batch_items);
  const std::vector<HttpClient*> clients =
      second_ ? std::vector<HttpClient*>{&http_, second_} : std::vector<HttpClient*>{&http_};
  std::vector<HttpClient*> idle = clients;
  std::deque<Flight> flights;
  std::int64_t read_up_to = 0;  // the next batch starts after this seq
  bool drained = false;         // nothing more was pending
  // Puts batches on the wire until every client carries one.
  auto launch = [&] {
    while (!idle.empty() && !drained && !stop_) {
      auto batch = next_batch(read_up_to, limit, report);
      if (!batch) {
        drained = true;
        return;
      }
      read_up_to = batch->last_seq;
      Flight flight{std::move(batch), {}, idle.back()};
      idle.pop_back();
      flight.delivery = std::async(std::launch::async, [this, client = flight.client, b = flight.batch.get()] {
        return send(*client, *b);
      });
      flights.push_back(std::move(flight));
    }
  };
  launch();
  while (!flights.empty()) {
    Flight flight = std::move(flights.front());
    flights.pop_front();
    Delivery delivery = flight.delivery.get();
    idle.push_back(flight.client);
    const auto& outcome = delivery.exchange;
    const Batch& batch = *flight.batch;
    if (outcome.verdict == Verdict::split) {
      // Too large for the server: send fewer at once, or set aside the one
      // submission that is too large by itself. The batches after it are
      // read again (those that arrived are no longer pending).
      land(flights, report);
      idle = clients;  // every batch has landed
      if (batch.ids.size() > 1) {
        limit = std::max<std::size_t>(1, batch.ids.size() / 2);
        core::log::info("the server wants smaller batches; sending " + std::to_string(limit) +
                        " at a time");
        read_up_to = batch.first_seq - 1;
      } else {
        store_.mark_quarantined(batch.ids.front(),
                                "too large for the server: " + outcome.assessment.detail, now_ms());
        ++report.quarantined;
        read_up_to = batch.last_seq;
      }
      drained = false;
      launch();
      continue;
    }
    if (outcome.verdict != Verdict::ok) {
      land(flights, report);
      report.result = outcome.assessment.result;
      report.detail = outcome.assessment.detail;
      return false;
    }
    // Send the next batch while this one's results are written.
    launch();
    record(delivery.results, report);
  }
  if (stop_) {
    report.result = SyncResult::stopped;
    report.detail = "stopped before the run finished";
    return false;
  }
  // Anything the kiosk added while this run was sending goes next time,
  // or in this run's last batch if it was read in time.
  return true;
}

bool Courier::pull_board(RunReport& report) {
  std::string cursor = store_.board_cursor();
  // With this kiosk's own tickets, for "Cek status pengaduan" offline.
  std::string path = "/api/v1/board?tickets=1";
  if (!cursor.empty()) path += "&since=" + http_.escape(cursor);
  wire::Board board;
  auto outcome = exchange([&] { return http_.get(path); },
                          [&](const HttpReply& reply) -> std::optional<std::string> {
                            try {
                              board = wire::decode_board(reply.body);
                            } catch (const wire::WireError& error) {
                              return std::string(error.what());
                            }
                            return std::nullopt;
                          });
  if (outcome.verdict != Verdict::ok) {
    report.result = outcome.assessment.result;
    report.detail =
        "sending went well, but fetching the board failed: " + outcome.assessment.detail;
    return false;
  }
  if (board.unchanged) {
    store_.set_board_checked(now_ms());
    report.board = "board unchanged";
    return true;
  }
  store_.replace_board(board.items, board.cursor, board.tickets);
  store_.set_board_checked(now_ms());
  report.board = "board updated (" + std::to_string(board.items.size()) + " items)";
  if (board.tickets)
    report.board += std::string(", with ") + std::to_string(board.tickets->size()) +
                    " tickets of this kiosk";
  return true;
}

bool Courier::pull_settings(RunReport& report) {
  std::string etag = store_.remote_settings_etag();
  std::vector<std::string> headers;
  if (!etag.empty()) headers.push_back("If-None-Match: " + etag);
  std::string settings;
  std::string seal_key;
  auto outcome = exchange([&] { return http_.get("/api/v1/settings", headers); },
                          [&](const HttpReply& reply) -> std::optional<std::string> {
                            if (reply.answer.status == 304) return std::nullopt;
                            try {
                              settings = wire::decode_settings(reply.body, &seal_key);
                            } catch (const wire::WireError& error) {
                              return std::string(error.what());
                            }
                            return std::nullopt;
                          });
  if (outcome.verdict != Verdict::ok) {
    report.result = outcome.assessment.result;
    report.detail =
        "sending went well, but fetching the kiosk settings failed: " + outcome.assessment.detail;
    return false;
  }
  if (outcome.reply.answer.status == 304) {
    report.settings = "settings unchanged";
    return true;
  }
  // Kept whatever the settings hold: identities are sealed from now on.
  if (!seal_key.empty() && seal_key != store_.seal_key()) {
    store_.set_seal_key(seal_key);
    core::log::info("the kiosk seals contact details to the server's key " +
                    core::seal::key_id(seal_key) + " from now on");
  }
  try {
    core::parse_remote_settings(settings);
  } catch (const wire::WireError& error) {
    // Kept out of the kiosk, which would refuse them too; staff must fix them.
    report.result = SyncResult::server_error;
    report.detail = std::string("the server's kiosk settings are not valid for this kiosk (") +
                    error.what() + "); the kiosk keeps its own";
    return false;
  }
  store_.set_remote_settings(settings, outcome.reply.etag);
  report.settings = "settings updated";
  return true;
}

}  // namespace kotak::sync
