// A small pool of its own on the server's PostgreSQL database, for the
// storage interfaces that stand beside Storage (reply_storage.hpp,
// attachment_storage.hpp), as sqlite/side_database.hpp is for SQLite. A
// serialization failure or deadlock is PgStorage's to retry; these few
// writes touch one case and are tried again by their caller (a job's next
// round, the officer's button) when one is refused. Errors become
// StorageError.
#pragma once

#include <functional>
#include <string>

#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/postgres/pool.hpp"

namespace kotak::server::pg {

class SidePool {
 public:
  using Work = std::function<void(pq::Connection&)>;
  explicit SidePool(const PgOptions& options);

  void read(const char* action, const Work& work);
  void write(const char* action, const Work& work);  // in one transaction

 private:
  std::string where_;
  Pool pool_;
};

}  // namespace kotak::server::pg
