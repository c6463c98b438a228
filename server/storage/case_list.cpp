// See case_list.hpp.
#include "server/storage/case_list.hpp"

#include <algorithm>
#include <charconv>

#include "server/storage/case_rules.hpp"

namespace kotak::server::case_list {

namespace {

struct Order {
  std::vector<std::string_view> columns;
  bool descending = false;
};

Order order_of(CaseQuery::Sort sort) {
  switch (sort) {
    case CaseQuery::Sort::newest:
      return {{"c.received_ms", "c.id"}, true};
    case CaseQuery::Sort::oldest:
      return {{"c.received_ms", "c.id"}, false};
    case CaseQuery::Sort::due:
      return {{"c.due_ms", "c.id"}, false};
    case CaseQuery::Sort::priority:
      break;
  }
  return {{"c.list_rank", "c.list_key", "c.list_age", "c.list_seq"}, false};
}

// Collects conditions and their parameters in one engine's dialect.
class Builder {
 public:
  explicit Builder(Engine engine) : engine_(engine) {}

  // A new parameter's placeholder.
  std::string param(Value value) {
    params_.push_back(std::move(value));
    std::string out = engine_ == Engine::sqlite ? "?" : "$";
    out += std::to_string(params_.size());
    return out;
  }
  void where(const std::string& condition) {
    where_ += where_.empty() ? "\nWHERE " : "\n  AND ";
    where_ += condition;
  }
  const std::string& conditions() const { return where_; }
  std::vector<Value> take_params() { return std::move(params_); }
  Engine engine() const { return engine_; }

 private:
  Engine engine_;
  std::string where_;
  std::vector<Value> params_;
};

std::string like_operator(Engine engine) { return engine == Engine::sqlite ? " LIKE " : " ILIKE "; }

// The cases the text index finds for the query's text (indexable_text).
std::string indexed_text(Builder& b, const CaseQuery& q) {
  if (b.engine() == Engine::sqlite) {
    // No ESCAPE: FTS5 leaves a LIKE with one to a full scan; indexable_text
    // made sure the text holds no wildcard.
    auto pattern = b.param(std::string("%") + q.text + "%");
    if (q.rahasia_text) return std::string("SELECT rowid FROM cases_text WHERE content LIKE ") + pattern;
    return std::string("SELECT t.rowid FROM cases_text t JOIN cases x ON x.id = t.rowid WHERE t.content LIKE ") + pattern +
           " AND x.identity_mode <> 'rahasia'";
  }
  auto pattern = b.param(like_pattern(q.text));
  return std::string("SELECT id FROM cases WHERE content ILIKE ") + pattern + " ESCAPE '\\'" +
         (q.rahasia_text ? "" : " AND identity_mode <> 'rahasia'");
}

// The search box: the text in the case's text, the ticket code, or the
// register number (with its year when given); any of them matches.
void search(Builder& b, const CaseQuery& q, const TextHits& hits) {
  std::vector<std::string> found;  // subqueries giving case ids
  if (!q.ticket.empty())
    found.push_back(std::string("SELECT id FROM cases WHERE ticket = ") + b.param(q.ticket) + " AND ticket <> ''");
  if (q.number) {
    // From the facility's years (few rows) into the unique index of
    // (facility, year, number): no scan of every case for a number.
    std::string s = "SELECT x.id FROM register_counters k JOIN cases x ON x.facility_id = k.facility_id "
                    "AND x.year = k.year AND x.number = " + b.param(*q.number) + " WHERE 1 = 1";
    if (!q.facility_id.empty()) s += std::string(" AND k.facility_id = ") + b.param(q.facility_id);
    if (q.year) s += std::string(" AND k.year = ") + b.param(std::int64_t{*q.year});
    found.push_back(s);
  }
  std::string any;
  if (hits) {
    // Numbers the engine gave, written into the SQL as they are; one IN
    // with the other ways (an OR of two INs makes PostgreSQL scan).
    std::string ids;
    for (auto id : *hits) ids += std::string(ids.empty() ? "" : ", ") + std::to_string(id);
    found.push_back(ids.empty() ? "SELECT id FROM cases WHERE 0 = 1"
                                : std::string("SELECT id FROM cases WHERE id IN (") + ids + ")");
  } else if (!q.text.empty()) {
    any = std::string("(c.content") + like_operator(b.engine()) + b.param(like_pattern(q.text)) + " ESCAPE '\\'";
    if (!q.rahasia_text) any += " AND c.identity_mode <> 'rahasia'";
    any += ")";
  }
  if (!found.empty()) {
    std::string ids;
    for (const auto& s : found) ids += std::string(ids.empty() ? "" : " UNION ALL ") + s;
    any += std::string(any.empty() ? "c.id IN (" : " OR c.id IN (") + ids + ")";
  }
  if (!any.empty()) b.where(std::string("(") + any + ")");
}

std::string statuses_in(Builder& b, const CaseQuery& q) {
  std::string in;
  for (auto s : q.statuses) in += std::string(in.empty() ? "" : ", ") + b.param(std::string(reg::to_string(s)));
  return in;
}

// The cases of a unit, its own or forwarded to it (each once), from two
// indexes: (facility_id, unit, status, due_ms) of schema version 23 and the
// forwarded cases' (facility_id, forwarded_unit), whose "<> ''" is written
// out so that the engine may use that partial index. column: what each
// row gives ("u.id"/"f.id", or "1" to count). SQLite's planner does not
// join the two by itself for "unit = ? OR forwarded_unit = ?": it read
// every open case of the facility for the count (30,000 of 100,000).
std::string unit_cases(Builder& b, const CaseQuery& q, const std::string& unit, bool ids) {
  std::string own =
      std::string("SELECT ") + (ids ? "u.id" : "1") + " FROM cases u WHERE u.unit = " + unit;
  std::string forwarded =
      std::string("SELECT ") + (ids ? "f.id" : "1") +
      " FROM cases f WHERE f.forwarded_unit <> '' AND f.forwarded_unit = " + unit +
      " AND f.unit <> " + unit;
  if (!q.facility_id.empty()) {
    auto facility = b.param(q.facility_id);
    own += " AND u.facility_id = " + facility;
    forwarded += " AND f.facility_id = " + facility;
  }
  if (!q.statuses.empty()) {
    auto in = statuses_in(b, q);
    own += " AND u.status IN (" + in + ")";
    forwarded += " AND f.status IN (" + in + ")";
  }
  return own + " UNION ALL " + forwarded;
}

// Nothing filters the list but the facility, statuses and a unit ("open +
// unit"): its count needs the unit's two indexes alone, not the cases.
bool unit_alone(const CaseQuery& q, const TextHits& hits) {
  return !q.unit.empty() && !q.from_ms && !q.to_ms && !q.channel && !q.type && !q.overdue_only &&
         q.text.empty() && q.ticket.empty() && !q.number && !hits && q.inbox_unit.empty() &&
         !q.owner_id && !q.unowned;
}

// What the list asks for: the page, or its count.
enum class Use { page, count };

void filters(Builder& b, const CaseQuery& q, const TextHits& hits, Use use) {
  if (!q.facility_id.empty()) b.where(std::string("c.facility_id = ") + b.param(q.facility_id));
  if (q.from_ms) b.where(std::string("c.received_ms >= ") + b.param(*q.from_ms));
  if (q.to_ms) b.where(std::string("c.received_ms < ") + b.param(*q.to_ms));
  if (!q.statuses.empty()) b.where(std::string("c.status IN (") + statuses_in(b, q) + ")");
  if (!q.unit.empty()) {
    auto unit = b.param(q.unit);
    // The page walks its order's index and stops when full. A count with
    // other filters too (count() takes the unit alone from its indexes):
    // SQLite by the unit's ids; PostgreSQL joins the two indexes itself
    // (BitmapOr), faster than by the ids, and "<> ''" lets its generic plan
    // use the partial index too (the unit is never ''). Not for SQLite's
    // page: with that term and no statistics it read every open case by
    // status and sorted them instead of walking the due index.
    if (use == Use::count && b.engine() == Engine::sqlite)
      b.where("c.id IN (" + unit_cases(b, q, unit, true) + ")");
    else if (b.engine() == Engine::sqlite)
      b.where(std::string("(c.unit = ") + unit + " OR c.forwarded_unit = " + unit + ")");
    else
      b.where(std::string("(c.unit = ") + unit + " OR (c.forwarded_unit <> '' AND c.forwarded_unit = " + unit +
              "))");
  }
  if (q.channel) b.where(std::string("c.channel = ") + b.param(std::string(reg::to_string(*q.channel))));
  if (q.type) b.where(std::string("c.type = ") + b.param(std::string(core::to_string(*q.type))));
  // Open and due before now: the open ranks of the list order, whose key
  // is the due time.
  if (q.overdue_only) b.where(std::string("c.list_rank < 2 AND c.list_key < ") + b.param(q.now_ms));
  search(b, q, hits);
  if (!q.inbox_unit.empty())
    b.where(std::string("c.forwarded_unit = ") + b.param(q.inbox_unit) +
            " AND (c.status = 'diteruskan' OR c.unit_response_ms IS NOT NULL)");
  if (q.owner_id) b.where(std::string("c.owner_id = ") + b.param(*q.owner_id));
  if (q.unowned) b.where("c.owner_id IS NULL");
}

// SQLite: a search starting from the text index reads the cases by id; no
// other index may look cheaper to its planner.
std::string from_cases(Engine engine, const TextHits& hits) {
  return engine == Engine::sqlite && hits ? "FROM cases c NOT INDEXED\n" : "FROM cases c\n";
}

std::string joined(const std::vector<std::string_view>& columns, std::string_view suffix = "") {
  std::string out;
  for (auto column : columns) {
    if (!out.empty()) out += ", ";
    out += column;
    out += suffix;
  }
  return out;
}

}  // namespace

std::size_t key_count(CaseQuery::Sort sort) { return order_of(sort).columns.size(); }

std::vector<std::int64_t> keys_of(const reg::Case& c, CaseQuery::Sort sort) {
  switch (sort) {
    case CaseQuery::Sort::newest:
    case CaseQuery::Sort::oldest:
      return {c.received_ms, c.id};
    case CaseQuery::Sort::due:
      return {c.due_ms, c.id};
    case CaseQuery::Sort::priority:
      break;
  }
  // As the generated columns of schema version 18.
  const bool open = reg::is_open(c.status);
  const std::int64_t rank = !open ? 2 : (c.urgent || (c.rating && *c.rating == 1)) ? 0 : 1;
  return {rank, open ? c.due_ms : -c.received_ms, -c.received_ms, -c.id};
}

std::string cursor_text(const std::vector<std::int64_t>& keys) {
  std::string out;
  for (auto key : keys) {
    if (!out.empty()) out += '.';
    out += std::to_string(key);
  }
  return out;
}

std::optional<std::vector<std::int64_t>> parse_cursor(std::string_view text, CaseQuery::Sort sort) {
  std::vector<std::int64_t> keys;
  if (text.size() > 100) return std::nullopt;
  while (true) {
    auto dot = text.find('.');
    auto part = text.substr(0, dot);
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || error != std::errc() || end != part.data() + part.size()) return std::nullopt;
    keys.push_back(value);
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  if (keys.size() != key_count(sort)) return std::nullopt;
  return keys;
}

bool indexable_text(const CaseQuery& query, Engine engine) {
  // Trigrams: a text of fewer than three characters has none.
  auto length = std::count_if(query.text.begin(), query.text.end(),
                              [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; });
  if (length < 3) return false;
  return engine == Engine::postgresql || query.text.find_first_of("%_\\") == std::string::npos;
}

Sql text_hits(const CaseQuery& query, Engine engine) {
  Builder b(engine);
  auto hits = indexed_text(b, query);
  return {hits + " LIMIT " + std::to_string(kIndexedHits + 1), b.take_params()};
}

TextHits hits_of(std::vector<std::int64_t> ids) {
  if (static_cast<std::int64_t>(ids.size()) > kIndexedHits) return std::nullopt;
  return ids;
}

Sql page(const CaseQuery& query, Engine engine, const TextHits& hits, std::string_view select_case) {
  Builder b(engine);
  filters(b, query, hits, Use::page);
  auto order = order_of(query.sort);
  // Reading backwards (the page before a cursor) turns every direction.
  const bool descending = order.descending != query.before;
  if (!query.after.empty()) {
    std::string values;
    for (auto key : query.after) values += std::string(values.empty() ? "" : ", ") + b.param(key);
    b.where(std::string("(") + joined(order.columns) + (descending ? ") < (" : ") > (") + values + ")");
  }
  std::string text(select_case);
  // select_case ends with the table it reads.
  auto from = text.rfind("FROM cases c");
  text = text.substr(0, from) + from_cases(engine, hits);
  text += b.conditions();
  text += std::string("\nORDER BY ") + joined(order.columns, descending ? " DESC" : "");
  text += std::string(" LIMIT ") + b.param(static_cast<std::int64_t>(query.limit + 1));
  if (query.after.empty() && query.offset > 0)
    text += std::string(" OFFSET ") + b.param(static_cast<std::int64_t>(query.offset));
  return {std::move(text), b.take_params()};
}

Sql count(const CaseQuery& query, Engine engine, const TextHits& hits) {
  Builder b(engine);
  const auto cap = std::to_string(kCountCap + 1);
  if (unit_alone(query, hits)) {
    auto unit = b.param(query.unit);
    auto cases = unit_cases(b, query, unit, false);
    return {"SELECT count(*) FROM (" + cases + " LIMIT " + cap + ") AS matching", b.take_params()};
  }
  filters(b, query, hits, Use::count);
  return {std::string("SELECT count(*) FROM (SELECT 1 ") + from_cases(engine, hits) + b.conditions() + " LIMIT " +
              cap + ") AS matching",
          b.take_params()};
}

CasePage finish(const CaseQuery& query, std::vector<reg::Case> rows, std::int64_t counted) {
  CasePage page;
  page.more = rows.size() > query.limit;
  if (page.more) rows.resize(query.limit);
  if (query.before) std::reverse(rows.begin(), rows.end());
  page.cases = std::move(rows);
  page.total = std::min(counted, kCountCap);
  page.total_capped = counted > kCountCap;
  return page;
}

}  // namespace kotak::server::case_list
