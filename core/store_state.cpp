// See store.hpp: what the kiosk keeps besides the submissions - the last
// sync's status, the public board, the remote settings, the PIN lock and
// the key-value rows they live in.
#include "core/store.hpp"

namespace kotak::core {

void Store::set_sync_status(const SyncStatus& status) {
  guarded(db_, "save the sync status", [&] {
    db_.prepare(R"sql(
INSERT INTO sync_status (id, attempted_ms, succeeded_ms, result, detail, delivered, quarantined)
VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (id) DO UPDATE SET attempted_ms = ?1, succeeded_ms = ?2, result = ?3, detail = ?4,
                               delivered = ?5, quarantined = ?6)sql")
        .bind(1, status.attempted_ms)
        .bind(2, status.succeeded_ms)
        .bind(3, status.result)
        .bind(4, status.detail)
        .bind(5, status.delivered)
        .bind(6, status.quarantined)
        .run();
  });
}

std::optional<SyncStatus> Store::sync_status() {
  return guarded(db_, "read the sync status", [&]() -> std::optional<SyncStatus> {
    auto statement = db_.prepare(
        "SELECT attempted_ms, succeeded_ms, result, detail, delivered, quarantined "
        "FROM sync_status WHERE id = 1");
    if (!statement.step()) return std::nullopt;
    return SyncStatus{statement.integer(0), statement.optional_integer(1), statement.text(2),
                      statement.text(3),    statement.integer(4),          statement.integer(5)};
  });
}

void Store::replace_board(const std::vector<BoardItem>& items, const std::string& cursor,
                          const std::optional<std::vector<TicketStatus>>& tickets) {
  guarded(db_, "save the public board", [&] {
    sql::Transaction transaction(db_);
    db_.exec("DELETE FROM board_items");
    auto insert = db_.prepare(
        "INSERT INTO board_items (position, id, unit, type, summary, answer, published_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    std::int64_t position = 0;
    for (const auto& item : items)
      insert.bind(1, position++)
          .bind(2, item.id)
          .bind(3, item.unit)
          .bind(4, item.type)
          .bind(5, item.summary)
          .bind(6, item.answer)
          .bind(7, item.published_ms)
          .run();
    if (tickets) replace_tickets(*tickets);
    set_kv("board.cursor", cursor);
    transaction.commit();
  });
}

std::vector<BoardItem> Store::board() {
  return guarded(db_, "read the public board", [&] {
    std::vector<BoardItem> items;
    auto statement = db_.prepare(
        "SELECT id, unit, type, summary, answer, published_ms FROM board_items ORDER BY position");
    while (statement.step())
      items.push_back({statement.text(0), statement.text(1), statement.text(2), statement.text(3),
                       statement.text(4), statement.integer(5)});
    return items;
  });
}

std::string Store::board_cursor() {
  return guarded(db_, "read the board cursor", [&] { return get_kv("board.cursor"); });
}

void Store::set_remote_settings(const std::string& json, const std::string& etag) {
  guarded(db_, "save the remote settings", [&] {
    sql::Transaction transaction(db_);
    set_kv("settings.json", json);
    set_kv("settings.etag", etag);
    transaction.commit();
  });
}

std::optional<std::string> Store::remote_settings() {
  return guarded(db_, "read the remote settings", [&]() -> std::optional<std::string> {
    auto json = get_kv("settings.json");
    if (json.empty()) return std::nullopt;
    return json;
  });
}

std::string Store::remote_settings_etag() {
  return guarded(db_, "read the remote settings", [&] { return get_kv("settings.etag"); });
}

void Store::set_pin_lock(const std::string& state) {
  guarded(db_, "save the PIN lock", [&] { set_kv("admin.pin_lock", state); });
}

std::string Store::pin_lock() {
  return guarded(db_, "read the PIN lock", [&] { return get_kv("admin.pin_lock"); });
}

std::int64_t Store::data_version() {
  return guarded(db_, "check for changes",
                 [&] { return db_.query_integer("PRAGMA data_version"); });
}

std::string Store::integrity_check() {
  return guarded(db_, "check integrity",
                 [&] { return db_.query_text("PRAGMA integrity_check(1)"); });
}

std::string Store::get_kv(const std::string& key) {
  auto statement = db_.prepare("SELECT value FROM kv WHERE key = ?1");
  statement.bind(1, key);
  return statement.step() ? statement.text(0) : std::string();
}

void Store::set_kv(const std::string& key, const std::string& value) {
  db_.prepare(
         "INSERT INTO kv (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2")
      .bind(1, key)
      .bind(2, value)
      .run();
}

}  // namespace kotak::core
