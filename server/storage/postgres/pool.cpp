// See pool.hpp.
#include "server/storage/postgres/pool.hpp"

namespace kotak::server::pg {

Pool::Pool(pq::Connection::Settings settings, int size, std::chrono::milliseconds wait)
    : settings_(std::move(settings)), size_(size), wait_(wait) {}

pq::Connection Pool::open_one() const { return pq::Connection::open(settings_); }

pq::Connection Pool::borrow() {
  std::unique_lock lock(mutex_);
  if (!freed_.wait_for(lock, wait_, [&] { return !idle_.empty() || open_ < size_; }))
    throw pq::Error("53300",
                    "every one of the " + std::to_string(size_) +
                        " database connections stayed busy; raise [postgresql] pool or look for "
                        "slow queries",
                    false);
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  ++open_;
  lock.unlock();
  try {
    return open_one();
  } catch (...) {
    forget();
    throw;
  }
}

void Pool::give_back(pq::Connection connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  freed_.notify_one();
}

void Pool::forget() {
  {
    std::lock_guard lock(mutex_);
    --open_;
  }
  freed_.notify_one();
}

void Pool::with(const std::function<void(pq::Connection&)>& work) {
  pq::Connection connection = borrow();
  try {
    work(connection);
  } catch (...) {
    if (connection.usable())
      give_back(std::move(connection));
    else
      forget();
    throw;
  }
  if (connection.usable())
    give_back(std::move(connection));
  else
    forget();
}

}  // namespace kotak::server::pg
