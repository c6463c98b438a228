// See sqlite_cache.hpp.
#include "core/sqlite_cache.hpp"

#include <sqlite3.h>

#include <cctype>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/sqlite.hpp"

namespace kotak::core::sql::statement_cache {

namespace {

struct Entry {
  std::string sql;
  sqlite3_stmt* stmt;
};

// One connection's statements. A connection is used by one thread at a
// time, but the registry is shared, so all of this runs under its mutex.
class Cache {
 public:
  ~Cache() {
    for (auto& entry : idle_) sqlite3_finalize(entry.stmt);
  }

  // A kept statement for sql, or nullptr.
  sqlite3_stmt* take(std::string_view sql) {
    auto found = by_sql_.find(sql);
    if (found == by_sql_.end()) return nullptr;
    auto entry = found->second;
    by_sql_.erase(found);
    lent_.splice(lent_.end(), idle_, entry);
    by_stmt_.emplace(entry->stmt, entry);
    return entry->stmt;
  }

  void lent(std::string_view sql, sqlite3_stmt* stmt) {
    lent_.push_back(Entry{std::string(sql), stmt});
    by_stmt_.emplace(stmt, std::prev(lent_.end()));
  }

  // Takes back stmt (reset and cleared by give_back); false if this
  // cache did not lend it.
  bool keep(sqlite3_stmt* stmt) {
    auto found = by_stmt_.find(stmt);
    if (found == by_stmt_.end()) return false;
    auto entry = found->second;
    by_stmt_.erase(found);
    idle_.splice(idle_.begin(), lent_, entry);
    by_sql_.emplace(std::string_view(entry->sql), entry);
    if (idle_.size() > kIdleLimit) forget(std::prev(idle_.end()));
    return true;
  }

  // Statements still lent stay owned by their users from now on.
  void disown_lent() {
    by_stmt_.clear();
    lent_.clear();
  }

 private:
  using Iterator = std::list<Entry>::iterator;

  void forget(Iterator entry) {
    auto [first, last] = by_sql_.equal_range(std::string_view(entry->sql));
    for (auto it = first; it != last; ++it) {
      if (it->second == entry) {
        by_sql_.erase(it);
        break;
      }
    }
    sqlite3_finalize(entry->stmt);
    idle_.erase(entry);
  }

  std::list<Entry> idle_;  // most recently given back first
  std::list<Entry> lent_;
  // Views into the entries' own text, which a list node keeps in place.
  std::unordered_multimap<std::string_view, Iterator> by_sql_;
  std::unordered_map<sqlite3_stmt*, Iterator> by_stmt_;
};

std::mutex registry_mutex;
std::unordered_map<sqlite3*, std::unique_ptr<Cache>>& registry() {
  static auto* caches = new std::unordered_map<sqlite3*, std::unique_ptr<Cache>>();
  return *caches;
}

// The cache of db; registry_mutex held.
Cache& cache_of(sqlite3* db) {
  auto& cache = registry()[db];
  if (!cache) cache = std::make_unique<Cache>();
  return *cache;
}

}  // namespace

bool worth_keeping(std::string_view sql) {
  std::size_t start = 0;
  while (start < sql.size() && std::isspace(static_cast<unsigned char>(sql[start]))) ++start;
  std::string_view rest = sql.substr(start);
  for (std::string_view verb : {"SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH"}) {
    if (rest.size() <= verb.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < verb.size() && same; ++i)
      same = std::toupper(static_cast<unsigned char>(rest[i])) == verb[i];
    auto next = static_cast<unsigned char>(rest[verb.size()]);
    if (same && !std::isalnum(next) && next != '_') return true;
  }
  return false;
}

sqlite3_stmt* lend(sqlite3* db, std::string_view sql) {
  bool keep = worth_keeping(sql);
  if (keep) {
    std::lock_guard lock(registry_mutex);
    if (auto* stmt = cache_of(db).take(sql)) return stmt;
  }
  sqlite3_stmt* stmt = nullptr;
  // Compiled outside the lock: other connections need not wait for it.
  check(db,
        sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                           keep ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr),
        "prepare");
  if (keep && stmt) {
    std::lock_guard lock(registry_mutex);
    cache_of(db).lent(sql, stmt);
  }
  return stmt;
}

void give_back(sqlite3* db, sqlite3_stmt* stmt) noexcept {
  if (!stmt) return;
  // Done outside the lock (ending a read can take a while); reset returns
  // the last step's error again, which the statement's user has seen.
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  {
    std::lock_guard lock(registry_mutex);
    auto found = registry().find(db);
    if (found != registry().end() && found->second->keep(stmt)) return;
  }
  sqlite3_finalize(stmt);
}

void close(sqlite3* db) noexcept {
  std::unique_ptr<Cache> cache;
  {
    std::lock_guard lock(registry_mutex);
    auto found = registry().find(db);
    if (found == registry().end()) return;
    cache = std::move(found->second);
    registry().erase(found);
  }
  cache->disown_lent();
}

}  // namespace kotak::core::sql::statement_cache
