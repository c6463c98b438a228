// The PostgreSQL engine's connections: a pool of at most `size` libpq
// connections shared by the HTTP threads. A call borrows one for its
// transaction and gives it back; a connection found broken is dropped and
// a fresh one opened on the next borrow, so a database restart costs the
// calls in flight (503, try again) and nothing after. When every
// connection is busy, a call waits up to wait_ms before answering
// "unavailable".
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "server/storage/postgres/pq.hpp"

namespace kotak::server::pg {

class Pool {
 public:
  Pool(pq::Connection::Settings settings, int size, std::chrono::milliseconds wait);

  // Runs work on a borrowed connection. pq::Errors pass through; the
  // connection goes back to the pool unless it was lost.
  void with(const std::function<void(pq::Connection&)>& work);
  // A connection of its own, outside the pool (a background job's lock).
  pq::Connection open_one() const;

 private:
  pq::Connection borrow();
  void give_back(pq::Connection connection);
  void forget();  // a borrowed connection was lost

  pq::Connection::Settings settings_;
  int size_;
  std::chrono::milliseconds wait_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<pq::Connection> idle_;
  int open_ = 0;  // idle and borrowed
};

}  // namespace kotak::server::pg
