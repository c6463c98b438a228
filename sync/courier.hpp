// One sync run's conversation with the server: measure the kiosk's clock
// against the server's and report it (courier_clock.cpp), push every pending
// submission in batches, pull the public board (with this kiosk's tickets)
// and the remote settings, then report the kiosk's health
// (courier_health.cpp).
//
// Delivery is exactly-once by construction, with the server's help:
// - Each submission keeps its UUID; the server stores an id once and answers
//   "duplicate" for the same content sent again. So the agent may always
//   send again when it does not know whether a batch arrived (timeout, lost
//   answer, server killed mid-batch): that is the whole retry strategy.
// - A submission is marked delivered only after a well-formed answer from a
//   real Kotak server (the protocol header and a result list that matches
//   the batch item by item). Nothing is deleted by sending.
// - Conflict and invalid results quarantine that one submission with the
//   server's reason; the queue goes on after it.
// - Batches are read from the store as they are sent (each bounded by
//   batch_items and batch_bytes), so memory does not grow with the queue.
// - Two batches are on the wire at once, each on a connection of its own.
//   When one is answered the next is read, encoded and sent before the
//   answered one's results are written: the server parses one batch while
//   it stores the other, and the kiosk's work overlaps the server's. Results are written
//   in the order the batches were read. The store is only ever used from
//   the calling thread; each request runs on a thread of its own.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include "core/config.hpp"
#include "core/store.hpp"
#include "core/sync_result.hpp"
#include "core/wire.hpp"
#include "sync/http_client.hpp"

namespace kotak::sync {

struct RunReport {
  core::SyncResult result = core::SyncResult::ok;
  std::string detail;            // English, for the technician
  std::int64_t delivered = 0;    // this run: accepted or duplicate
  std::int64_t quarantined = 0;  // this run: conflict or invalid
  std::string board;             // what happened to the board, for the log
  std::string settings;          // what happened to the settings, for the log
  std::string clock;             // what was measured of the kiosk's clock, for the log
  std::string health;            // what became of the health report, for the log
};

class Courier {
 public:
  // second, if given, is another client of the same server: with it two
  // batches are on the wire at once, without it one.
  Courier(const core::SyncConfig& config, core::Store& store, HttpClient& http,
          const std::atomic<bool>& stop, HttpClient* second = nullptr);

  // Never throws for network trouble (that is in the report); throws
  // core::StoreError when the kiosk database fails.
  RunReport run();

 private:
  struct Exchange {
    Verdict verdict = Verdict::fail;
    Assessment assessment;
    HttpReply reply;
  };
  // Sends until a usable answer, a final failure, or the retries run out.
  // body_problem says what is wrong with a 2xx body, or nullopt if it is good.
  Exchange exchange(
      const std::function<HttpReply()>& send,
      const std::function<std::optional<std::string>(const HttpReply&)>& body_problem);
  // A batch read from the store and encoded, ready to send.
  struct Batch {
    // The ids of the submissions the body holds, in order (the body is all
    // that is kept of them: a recording is not held twice).
    std::vector<std::string> ids;
    std::int64_t first_seq = 0;
    std::string body;
    std::int64_t last_seq = 0;  // the next batch starts after this
  };
  struct Delivery {
    Exchange exchange;
    std::vector<core::wire::ItemResult> results;  // valid when exchange.verdict is ok
  };
  // The next batch after after_seq, or null when nothing is pending. Held by
  // pointer so that it stays in place while a request thread reads it.
  std::unique_ptr<Batch> next_batch(std::int64_t after_seq, std::size_t limit, RunReport& report);
  Delivery send(HttpClient& client, const Batch& batch);
  // A batch on the wire: its request's thread, and the client it holds.
  struct Flight {
    std::unique_ptr<Batch> batch;
    std::future<Delivery> delivery;
    HttpClient* client = nullptr;
  };
  // Waits for every batch still on the wire and writes the results of
  // those that were answered (a batch that arrived is delivered, whatever
  // became of the one before it).
  void land(std::deque<Flight>& flights, RunReport& report);
  void record(const std::vector<core::wire::ItemResult>& results, RunReport& report);
  // Measures the kiosk clock's offset from the server's and reports it
  // with the boot (docs/sync.md); learns whether the server knows clocks.
  bool check_clock(RunReport& report);
  bool push(RunReport& report);
  bool pull_board(RunReport& report);
  bool pull_settings(RunReport& report);
  // Tells the server how the kiosk is (courier_health.cpp). Never fails
  // the run: a server that cannot take it still took the answers.
  void report_health(RunReport& report);
  // Sleeps, waking early on stop; false if stopped.
  bool pause(std::chrono::milliseconds wait);

  const core::SyncConfig& config_;
  core::Store& store_;
  HttpClient& http_;
  HttpClient* second_;
  const std::atomic<bool>& stop_;
  RetryPolicy policy_;
  std::mutex random_mutex_;  // two requests' retries draw their waits from it
  std::mt19937_64 random_;
  // False for a server older than device clocks (GET /api/v1/time is 404):
  // items are then sent without their clock, which it would refuse.
  bool server_knows_clock_ = true;
  // The clock offset measured this run (server minus kiosk), for the
  // health report.
  std::optional<std::int64_t> measured_offset_ms_;
};

}  // namespace kotak::sync
