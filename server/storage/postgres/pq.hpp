// A thin RAII layer over libpq, the PostgreSQL client library: a
// connection, statements with parameters (prepared once per connection and
// reused), results read by row and column as in core/sqlite.hpp, COPY for
// bulk loads, and errors that keep PostgreSQL's SQLSTATE so the storage can
// tell "try again" (a deadlock, a lost connection, a full disk) from a bug.
//
// Parameters and results travel as text, PostgreSQL's own representation:
// integers are formatted and parsed here, arrays are written as array
// literals (TextArray) for statements that take a whole batch at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

struct pg_conn;
struct pg_result;

namespace kotak::server::pq {

class Error : public std::runtime_error {
 public:
  Error(std::string sqlstate, const std::string& what, bool connection_lost)
      : std::runtime_error(what), sqlstate_(std::move(sqlstate)), connection_lost_(connection_lost) {}
  // Five characters, e.g. 40P01 for a deadlock; empty when the server sent none.
  const std::string& sqlstate() const { return sqlstate_; }
  // The connection is gone and must not be used again.
  bool connection_lost() const { return connection_lost_; }

 private:
  std::string sqlstate_;
  bool connection_lost_;
};

// The parameters of one statement, $1, $2, ... in the order added.
class Params {
 public:
  Params& add(std::int64_t value);
  Params& add(int value) { return add(std::int64_t{value}); }
  Params& add(bool value) = delete;  // say 0/1: the schema keeps flags as integers
  Params& add(std::string_view value);
  Params& add(const char* value) { return add(std::string_view(value)); }
  Params& add(const std::string& value) { return add(std::string_view(value)); }
  Params& add(std::nullptr_t);
  template <typename T>
  Params& add(const std::optional<T>& value) {
    return value ? add(*value) : add(nullptr);
  }
  int size() const { return static_cast<int>(values_.size()); }
  // Pointers for libpq, valid until the next add().
  std::vector<const char*> pointers() const;

 private:
  std::vector<std::string> values_;
  std::vector<bool> null_;
};

// A one-dimensional array literal ({"a","b",NULL}) for a text[] or
// bigint[] parameter: a batch of values in one parameter.
class TextArray {
 public:
  TextArray& add(std::string_view value);
  TextArray& add(std::int64_t value);
  TextArray& add(int value) { return add(std::int64_t{value}); }
  TextArray& add(bool value) = delete;  // 0/1, as for Params
  TextArray& add(const char* value) { return add(std::string_view(value)); }
  TextArray& add(const std::string& value) { return add(std::string_view(value)); }
  TextArray& add(std::nullptr_t);
  template <typename T>
  TextArray& add(const std::optional<T>& value) {
    return value ? add(*value) : add(nullptr);
  }
  std::string str() const { return text_ + "}"; }
  bool empty() const { return text_.size() == 1; }

 private:
  void separate();
  std::string text_ = "{";
};

class Result {
 public:
  explicit Result(pg_result* result);
  Result(Result&&) noexcept = default;
  Result& operator=(Result&&) noexcept = default;

  int rows() const;
  int columns() const;
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  std::int64_t integer(int row, int column) const;
  std::optional<std::int64_t> optional_integer(int row, int column) const;
  double real(int row, int column) const;
  // Rows an INSERT, UPDATE or DELETE touched.
  std::int64_t affected() const;

  // One row of the result, read like a SQLite statement's current row.
  class Row {
   public:
    Row(const Result& result, int row) : result_(result), row_(row) {}
    bool is_null(int column) const { return result_.is_null(row_, column); }
    std::string text(int column) const { return result_.text(row_, column); }
    std::int64_t integer(int column) const { return result_.integer(row_, column); }
    std::optional<std::int64_t> optional_integer(int column) const {
      return result_.optional_integer(row_, column);
    }
    double real(int column) const { return result_.real(row_, column); }

   private:
    const Result& result_;
    int row_;
  };
  Row row(int index) const { return Row(*this, index); }

  class Iterator {
   public:
    Iterator(const Result& result, int row) : result_(&result), row_(row) {}
    Row operator*() const { return Row(*result_, row_); }
    Iterator& operator++() {
      ++row_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return row_ != other.row_; }

   private:
    const Result* result_;
    int row_;
  };
  Iterator begin() const { return Iterator(*this, 0); }
  Iterator end() const { return Iterator(*this, rows()); }

 private:
  struct Free {
    void operator()(pg_result* result) const;
  };
  std::unique_ptr<pg_result, Free> result_;
};

class Connection {
 public:
  // libpq's connection keywords and values, e.g. {"host", "db.local"};
  // "dbname" may hold a whole postgresql:// URL.
  using Settings = std::vector<std::pair<std::string, std::string>>;
  // Connects. Throws Error with libpq's reason.
  static Connection open(const Settings& settings);
  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;

  // Runs SQL without parameters; it may hold several statements.
  void exec(std::string_view sql);
  // Runs one statement with parameters, prepared on this connection the
  // first time its text is seen.
  Result query(std::string_view sql, const Params& params = {});
  // COPY ... FROM STDIN: rows in COPY's text format (tab-separated, \N for
  // NULL, copy_field() escapes a value), sent in large pieces.
  void copy_in(const std::string& copy_statement, const std::string& rows);
  // false once the connection was lost.
  bool usable() const;
  // The server's parameter (server_version, server_encoding, ...).
  std::string server_setting(const char* name) const;

 private:
  struct Finish {
    void operator()(pg_conn* connection) const;
  };
  explicit Connection(pg_conn* connection) : connection_(connection) {}
  Result check(pg_result* result, std::string_view sql);
  std::unique_ptr<pg_conn, Finish> connection_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text → statement name
};

// BEGIN (with the options given, e.g. "ISOLATION LEVEL REPEATABLE READ")
// on construction, ROLLBACK on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& connection, std::string_view options = "");
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

// SQL written for both engines with SQLite's numbered placeholders (?1,
// ?2, ...) in PostgreSQL's ($1, $2, ...). Kotak's SQL has no other '?'.
std::string dollar_params(std::string_view sql);

// A value in COPY's text format: backslash, tab, newline and carriage
// return escaped.
void copy_field(std::string& out, std::string_view value);

}  // namespace kotak::server::pq
