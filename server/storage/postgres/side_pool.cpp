// See side_pool.hpp.
#include "server/storage/postgres/side_pool.hpp"

namespace kotak::server::pg {

namespace {
constexpr std::chrono::milliseconds kPoolWait{10000};
}

SidePool::SidePool(const PgOptions& options) : where_(options.where), pool_(options.settings, options.pool, kPoolWait) {}

void SidePool::read(const char* action, const Work& work) {
  try {
    pool_.with(work);
  } catch (const pq::Error& error) {
    throw translate(error, action, where_);
  }
}

void SidePool::write(const char* action, const Work& work) {
  read(action, [&](pq::Connection& db) {
    pq::Transaction transaction(db);
    work(db);
    transaction.commit();
  });
}

}  // namespace kotak::server::pg
