// See pq.hpp.
#include "server/storage/postgres/pq.hpp"

#include <libpq-fe.h>

#include <charconv>

namespace kotak::server::pq {

namespace {

std::string trimmed(const char* text) {
  std::string out = text ? text : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::int64_t parse_integer(const char* text, int length) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text, text + length, value);
  if (error != std::errc() || end != text + length)
    throw Error("", "the database answered '" + std::string(text, static_cast<std::size_t>(length)) +
                        "' where a whole number was expected",
                false);
  return value;
}

}  // namespace

Params& Params::add(std::int64_t value) {
  values_.push_back(std::to_string(value));
  null_.push_back(false);
  return *this;
}

Params& Params::add(std::string_view value) {
  values_.emplace_back(value);
  null_.push_back(false);
  return *this;
}

Params& Params::add(std::nullptr_t) {
  values_.emplace_back();
  null_.push_back(true);
  return *this;
}

std::vector<const char*> Params::pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (std::size_t i = 0; i < values_.size(); ++i) out.push_back(null_[i] ? nullptr : values_[i].c_str());
  return out;
}

void TextArray::separate() {
  if (text_.size() > 1) text_ += ',';
}

TextArray& TextArray::add(std::string_view value) {
  separate();
  text_ += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') text_ += '\\';
    text_ += c;
  }
  text_ += '"';
  return *this;
}

TextArray& TextArray::add(std::int64_t value) {
  separate();
  text_ += std::to_string(value);
  return *this;
}

TextArray& TextArray::add(std::nullptr_t) {
  separate();
  text_ += "NULL";
  return *this;
}

void Result::Free::operator()(pg_result* result) const { PQclear(result); }

Result::Result(pg_result* result) : result_(result) {}

int Result::rows() const { return PQntuples(result_.get()); }

int Result::columns() const { return PQnfields(result_.get()); }

bool Result::is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }

std::string Result::text(int row, int column) const {
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t Result::integer(int row, int column) const {
  if (is_null(row, column)) return 0;
  return parse_integer(PQgetvalue(result_.get(), row, column), PQgetlength(result_.get(), row, column));
}

std::optional<std::int64_t> Result::optional_integer(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return integer(row, column);
}

double Result::real(int row, int column) const {
  if (is_null(row, column)) return 0;
  return std::stod(text(row, column));
}

std::int64_t Result::affected() const {
  const char* text = PQcmdTuples(result_.get());
  if (!text || !*text) return 0;
  return parse_integer(text, static_cast<int>(std::string_view(text).size()));
}

void Connection::Finish::operator()(pg_conn* connection) const { PQfinish(connection); }

Connection Connection::open(const Settings& settings) {
  std::vector<const char*> keys, values;
  for (const auto& [key, value] : settings) {
    keys.push_back(key.c_str());
    values.push_back(value.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  pg_conn* raw = PQconnectdbParams(keys.data(), values.data(), 1);
  Connection connection(raw);
  if (!raw) throw Error("08001", "libpq could not allocate a connection", true);
  if (PQstatus(raw) != CONNECTION_OK) {
    // libpq gives no SQLSTATE for a refused connection; the refusals an
    // operator must fix (not wait out) are told apart by their words.
    auto message = trimmed(PQerrorMessage(raw));
    std::string state = "08001";
    if (message.find("password") != std::string::npos || message.find("authentication") != std::string::npos)
      state = "28P01";
    else if (message.find("database \"") != std::string::npos && message.find("does not exist") != std::string::npos)
      state = "3D000";
    else if (message.find("role \"") != std::string::npos && message.find("does not exist") != std::string::npos)
      state = "28000";
    throw Error(state, message, state == "08001");
  }
  // Notices (e.g. "table exists, skipping") are not errors; the storage
  // says what matters itself.
  PQsetNoticeProcessor(raw, [](void*, const char*) {}, nullptr);
  return connection;
}

bool Connection::usable() const { return connection_ && PQstatus(connection_.get()) == CONNECTION_OK; }

std::string Connection::server_setting(const char* name) const {
  const char* value = PQparameterStatus(connection_.get(), name);
  return value ? value : "";
}

Result Connection::check(pg_result* raw, std::string_view sql) {
  Result result(raw);
  auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN) return result;
  bool lost = PQstatus(connection_.get()) != CONNECTION_OK;
  const char* state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = trimmed(raw ? PQresultErrorMessage(raw) : PQerrorMessage(connection_.get()));
  if (message.empty()) message = trimmed(PQerrorMessage(connection_.get()));
  // The statement's first line names it in the log.
  auto start = std::min(sql.find_first_not_of("\n "), sql.size());
  auto line = sql.substr(start, std::min<std::size_t>(sql.find('\n', start) - start, 100));
  throw Error(state ? state : (lost ? "08006" : ""), message + " (in: " + std::string(line) + ")", lost);
}

void Connection::exec(std::string_view sql) {
  std::string text(sql);
  check(PQexec(connection_.get(), text.c_str()), sql);
}

Result Connection::query(std::string_view sql, const Params& params) {
  std::string text(sql);
  auto found = prepared_.find(text);
  if (found == prepared_.end()) {
    std::string name = "k";  // appended: GCC 12 warns falsely on "literal" + std::string
    name += std::to_string(prepared_.size() + 1);
    check(PQprepare(connection_.get(), name.c_str(), text.c_str(), 0, nullptr), sql);
    found = prepared_.emplace(std::move(text), std::move(name)).first;
  }
  auto values = params.pointers();
  return check(PQexecPrepared(connection_.get(), found->second.c_str(), params.size(), values.data(),
                              nullptr, nullptr, 0),
               sql);
}

void Connection::copy_in(const std::string& copy_statement, const std::string& rows) {
  check(PQexec(connection_.get(), copy_statement.c_str()), copy_statement);
  constexpr std::size_t kPiece = 1 << 20;
  for (std::size_t at = 0; at < rows.size(); at += kPiece) {
    auto n = std::min(kPiece, rows.size() - at);
    if (PQputCopyData(connection_.get(), rows.data() + at, static_cast<int>(n)) != 1) break;
  }
  PQputCopyEnd(connection_.get(), nullptr);
  // The outcome of the COPY; every result is read before a failure is
  // thrown, so the connection is ready for the next statement.
  std::optional<Error> failure;
  while (pg_result* raw = PQgetResult(connection_.get())) {
    try {
      check(raw, copy_statement);
    } catch (const Error& error) {
      if (!failure) failure = error;
    }
  }
  if (failure) throw *failure;
}

Transaction::Transaction(Connection& connection, std::string_view options) : connection_(connection) {
  std::string begin = "BEGIN ";
  begin += options;
  connection_.exec(begin);
}

Transaction::~Transaction() {
  if (done_ || !connection_.usable()) return;
  try {
    connection_.exec("ROLLBACK");
  } catch (const Error&) {
    // The connection is broken; the pool drops it.
  }
}

void Transaction::commit() {
  done_ = true;
  connection_.exec("COMMIT");
}

std::string dollar_params(std::string_view sql) {
  std::string out(sql);
  for (std::size_t at = out.find('?'); at != std::string::npos; at = out.find('?', at + 1))
    if (at + 1 < out.size() && out[at + 1] >= '0' && out[at + 1] <= '9') out[at] = '$';
  return out;
}

void copy_field(std::string& out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

}  // namespace kotak::server::pq
