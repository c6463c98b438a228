// The register's list (Storage::cases) as SQL for either engine (issue 13,
// "speed at a million"): only the filters a query sets become conditions,
// so that each engine's planner sees what it can find by an index; pages
// follow each other by their sort keys (keyset paging) instead of skipping
// rows; the count stops at kCountCap; a word search starts from the text
// index when that finds few cases.
//
// The sort keys of each order are columns of cases (schema version 18):
// priority is (list_rank, list_key, list_age, list_seq), ascending, which
// is the order "open alarming by due time, open by due time, closed newest
// first" (the overdue come first within an open rank by themselves);
// newest is (received_ms, id) descending, oldest the same ascending, due
// (due_ms, id) ascending. keys_of computes them from a case as the engine
// does, for the cursor of the next or previous page.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "server/storage/case_types.hpp"

namespace kotak::server::case_list {

enum class Engine { sqlite, postgresql };

// A list counts its cases up to this many; more is "more than".
inline constexpr std::int64_t kCountCap = 10000;
// A word search starts from the text index when that finds at most this
// many cases; a word found everywhere is looked for in the cases in list
// order instead (the first page is soon full).
inline constexpr std::int64_t kIndexedHits = 2000;

using Value = std::variant<std::int64_t, std::string>;
struct Sql {
  std::string text;
  std::vector<Value> params;  // ?1.. in SQLite, $1.. in PostgreSQL
};

// The cases the engine's text index found for a query's text, when it
// was asked and found at most kIndexedHits; nullopt: the list compares
// each case's text itself (no text, too short for the index, or a word
// found almost everywhere).
using TextHits = std::optional<std::vector<std::int64_t>>;

std::size_t key_count(CaseQuery::Sort sort);
std::vector<std::int64_t> keys_of(const reg::Case& c, CaseQuery::Sort sort);
// A cursor as the dashboard's links carry it ("12.-1700000000000"), and
// back; nullopt for text that is not one of this sort.
std::string cursor_text(const std::vector<std::int64_t>& keys);
std::optional<std::vector<std::int64_t>> parse_cursor(std::string_view text, CaseQuery::Sort sort);

// Whether the engine's text index can find this query's text; when it can,
// text_hits lists the ids of what it finds, at most kIndexedHits + 1.
bool indexable_text(const CaseQuery& query, Engine engine);
Sql text_hits(const CaseQuery& query, Engine engine);
// What the ids text_hits listed make of the search.
TextHits hits_of(std::vector<std::int64_t> ids);

// The page: select_case (rows::kSelectCase) with the conditions, the order
// and LIMIT query.limit + 1 (one more: whether more follow). With
// query.before the rows come in reverse order.
Sql page(const CaseQuery& query, Engine engine, const TextHits& hits, std::string_view select_case);
// The number of matching cases, up to kCountCap + 1 (keyset ignored).
Sql count(const CaseQuery& query, Engine engine, const TextHits& hits);

// Makes a CasePage of what page() and count() read (rows in query order,
// one more than the page may hold).
CasePage finish(const CaseQuery& query, std::vector<reg::Case> rows, std::int64_t counted);

}  // namespace kotak::server::case_list
