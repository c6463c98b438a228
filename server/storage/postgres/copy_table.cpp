// See copy_table.hpp.
#include "server/storage/postgres/copy_table.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "server/storage/storage.hpp"

namespace kotak::server::pg_copy {

namespace {

constexpr int kFetchRows = 10000;

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// The SQLite side's select list: a BLOB as PostgreSQL writes a bytea in
// text (\x and lower-case hex), which COPY takes and the checksums compare.
std::string sqlite_columns(const Table& table) {
  std::string out;
  for (const auto& column : table.columns) {
    if (!out.empty()) out += ", ";
    const bool blob = std::find(table.blobs.begin(), table.blobs.end(), column) != table.blobs.end();
    out += blob ? "'\\x' || lower(hex(" + column + "))" : column;
  }
  return out;
}

// A row as a line of COPY's text format.
template <typename Row>
void append_line(std::string& out, const Row& row, int columns) {
  for (int i = 0; i < columns; ++i) {
    if (i) out += '\t';
    if (row.is_null(i))
      out += "\\N";
    else
      pq::copy_field(out, row.text(i));
  }
  out += '\n';
}

// The order-free sum of the rows' hashes, in two 64-bit lanes.
class Checksum {
 public:
  void add(const std::string& line) {
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(line.data()), line.size(),
                       nullptr, 0);
    std::uint64_t a = 0, b = 0;
    std::memcpy(&a, hash, 8);
    std::memcpy(&b, hash + 8, 8);
    a_ += a;
    b_ += b;
    ++rows_;
  }
  std::pair<std::int64_t, std::string> result() const {
    char hex[33];
    std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(a_),
                  static_cast<unsigned long long>(b_));
    return {rows_, hex};
  }

 private:
  std::uint64_t a_ = 0, b_ = 0;
  std::int64_t rows_ = 0;
};

}  // namespace

void check_columns(pq::Connection& db, const Table& table) {
  std::set<std::string> target;
  for (auto row : db.query("SELECT column_name FROM information_schema.columns "
                           "WHERE table_schema = current_schema() AND table_name = $1 "
                           "AND is_generated = 'NEVER'",  // computed, as SQLite's are not listed
                           pq::Params().add(table.name)))
    target.insert(row.text(0));
  std::set<std::string> source(table.columns.begin(), table.columns.end());
  if (target != source)
    throw StorageError(StorageErrc::failed,
                       "the table " + table.name + " differs between the SQLite file and PostgreSQL (" +
                           (target.empty() ? std::string("missing in PostgreSQL") : "other columns") +
                           "); both must be at the same schema version of the same kotak-server");
}

void copy_rows(core::sql::Database& source, pq::Connection& db, const Table& table, std::int64_t chunk_rows,
               const std::function<void(const std::string&)>& say) {
  auto copied = db.query("SELECT copied FROM kotak_copy WHERE table_name = $1", pq::Params().add(table.name))
                    .integer(0, 0);
  auto total = source.query_integer("SELECT count(*) FROM " + table.name);
  if (copied >= total) return;
  auto rows = source.prepare("SELECT " + sqlite_columns(table) + " FROM " + table.name + " ORDER BY " +
                             joined(table.key) + " LIMIT -1 OFFSET " + std::to_string(copied));
  const int columns = static_cast<int>(table.columns.size());
  const std::string copy = "COPY " + table.name + " (" + joined(table.columns) + ") FROM STDIN";
  std::string chunk;
  std::int64_t in_chunk = 0;
  auto flush = [&] {
    pq::Transaction transaction(db);
    db.copy_in(copy, chunk);
    db.query("UPDATE kotak_copy SET copied = copied + $2 WHERE table_name = $1",
             pq::Params().add(table.name).add(in_chunk));
    transaction.commit();
    copied += in_chunk;
    chunk.clear();
    in_chunk = 0;
    say(table.name + ": " + std::to_string(copied) + " of " + std::to_string(total) + " rows");
  };
  while (rows.step()) {
    append_line(chunk, rows, columns);
    if (++in_chunk == chunk_rows) flush();
  }
  if (in_chunk > 0) flush();
}

std::pair<std::int64_t, std::string> sqlite_checksum(core::sql::Database& source, const Table& table) {
  Checksum sum;
  auto rows = source.prepare("SELECT " + sqlite_columns(table) + " FROM " + table.name);
  const int columns = static_cast<int>(table.columns.size());
  std::string line;
  while (rows.step()) {
    line.clear();
    append_line(line, rows, columns);
    sum.add(line);
  }
  return sum.result();
}

std::pair<std::int64_t, std::string> postgres_checksum(pq::Connection& db, const Table& table) {
  Checksum sum;
  const int columns = static_cast<int>(table.columns.size());
  pq::Transaction transaction(db, "ISOLATION LEVEL REPEATABLE READ READ ONLY");
  db.exec("DECLARE kotak_rows NO SCROLL CURSOR FOR SELECT " + joined(table.columns) + " FROM " + table.name);
  std::string line;
  for (;;) {
    auto batch = db.query("FETCH " + std::to_string(kFetchRows) + " FROM kotak_rows");
    for (auto row : batch) {
      line.clear();
      append_line(line, row, columns);
      sum.add(line);
    }
    if (batch.rows() < kFetchRows) break;
  }
  transaction.commit();
  return sum.result();
}

}  // namespace kotak::server::pg_copy
