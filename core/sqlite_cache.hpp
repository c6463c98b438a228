// The compiled statements of each connection (see Database::prepare).
// Compiling our statements (a case's insert touches twelve indexes) cost
// about a sixth of the server's CPU at ingest when every batch and every
// case compiled them again, so each connection keeps them:
// - keyed by the exact SQL text; a statement is lent to one user at a time,
//   and the same text in use twice at once is compiled a second time;
// - a statement given back is reset and its bindings cleared, so it holds
//   no read transaction, no lock and no copy of the values bound;
// - at most kIdleLimit statements wait per connection, the least recently
//   used finalised first, so SQL text built from requests cannot grow it;
// - only SELECT, INSERT, UPDATE, DELETE, REPLACE and WITH are kept: some
//   PRAGMAs act when compiled, not when run, and other statements are rare.
// The caches are found by connection in one registry, so that sqlite.hpp
// (and the layout of Statement and Database every program compiles
// against) stays as it was.
#pragma once

#include <cstddef>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace kotak::core::sql::statement_cache {

constexpr std::size_t kIdleLimit = 64;

bool worth_keeping(std::string_view sql);
// A statement for sql on db: a kept one, or compiled now (and kept when
// given back if worth_keeping). Throws Error.
sqlite3_stmt* lend(sqlite3* db, std::string_view sql);
// Given back by the statement's user: kept (reset, bindings cleared) if it
// was lent by the cache of a connection still open, else finalised.
void give_back(sqlite3* db, sqlite3_stmt* stmt) noexcept;
// Before a connection closes: finalises the statements it keeps and forgets
// the connection (statements still lent are finalised when given back).
void close(sqlite3* db) noexcept;

}  // namespace kotak::core::sql::statement_cache
