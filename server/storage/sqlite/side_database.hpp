// A connection of its own to the server's SQLite file, for the storage
// interfaces that stand beside Storage (reply_storage.hpp,
// attachment_storage.hpp): opened at the first need, calls take turns on it
// (they are few: an officer's button, a background job's round), each a
// transaction when it writes (BEGIN IMMEDIATE; SQLite's busy timeout orders
// it among the storage's writers). Errors become StorageError.
#pragma once

#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>

#include "core/sqlite.hpp"

namespace kotak::server::sqlite_side {

class SideDatabase {
 public:
  using Work = std::function<void(core::sql::Database&)>;
  explicit SideDatabase(std::filesystem::path file) : file_(std::move(file)) {}

  // action names what failed in the error ("list messages to the patient").
  void run(const char* action, const Work& work);
  void write(const char* action, const Work& work);

 private:
  std::filesystem::path file_;
  std::mutex mutex_;
  std::optional<core::sql::Database> db_;
};

}  // namespace kotak::server::sqlite_side
