// A thin RAII layer over the SQLite C API: a connection, prepared statements
// and transactions, with errors turned into exceptions that keep SQLite's
// extended result code so callers can tell a full disk from a corrupt file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace kotak::core::sql {

class Error : public std::runtime_error {
 public:
  Error(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  // The extended result code (e.g. SQLITE_IOERR_WRITE); primary() is code() & 0xff.
  int code() const { return code_; }
  int primary() const { return code_ & 0xff; }

 private:
  int code_;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Parameters are numbered from 1, as in SQLite.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, std::nullptr_t);
  // Bytes that are not text (a recording): stored as a BLOB.
  Statement& bind_blob(int index, std::string_view bytes);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }

  // Advances to the next row; false when the statement is done.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  // Columns are numbered from 0, as in SQLite.
  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  // A BLOB column's bytes (empty for NULL).
  std::string blob(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;
  int columns() const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Database {
 public:
  // Opens (or with create, creates) a database file. Throws Error.
  static Database open(const std::filesystem::path& path, bool create, bool read_only = false);
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  ~Database();

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  // Runs a query that returns one integer (e.g. a PRAGMA).
  std::int64_t query_integer(std::string_view sql);
  std::string query_text(std::string_view sql);
  std::int64_t changes() const;
  std::int64_t last_insert_rowid() const;
  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless committed.
// IMMEDIATE takes the write lock at once, so a writer waits on busy_timeout
// at BEGIN rather than failing half-way through with SQLITE_BUSY.
class Transaction {
 public:
  explicit Transaction(Database& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

// Throws Error for a result code that is not SQLITE_OK/ROW/DONE.
void check(sqlite3* db, int rc, std::string_view context);

}  // namespace kotak::core::sql
