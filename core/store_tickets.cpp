// See store.hpp: this kiosk's own tickets as the server last described them
// (issue 15 item 5), and when kotak-sync last heard the board. Written by
// kotak-sync with the board, read by the kiosk's "Cek status pengaduan".
#include <charconv>

#include "core/store.hpp"

namespace kotak::core {

void Store::replace_tickets(const std::vector<TicketStatus>& tickets) {
  db_.exec("DELETE FROM tickets");
  // The server sends each ticket once; a repeat (a hostile or confused
  // server) replaces the earlier row rather than failing the whole board.
  auto insert = db_.prepare(
      "INSERT OR REPLACE INTO tickets (ticket, status, answer, updated_ms) VALUES (?1, ?2, ?3, ?4)");
  for (const auto& ticket : tickets)
    insert.bind(1, ticket.ticket)
        .bind(2, ticket.status)
        .bind(3, ticket.answer)
        .bind(4, ticket.updated_ms)
        .run();
}

std::vector<TicketStatus> Store::tickets() {
  return guarded(db_, "read the tickets' statuses", [&] {
    std::vector<TicketStatus> out;
    auto statement =
        db_.prepare("SELECT ticket, status, answer, updated_ms FROM tickets ORDER BY ticket");
    while (statement.step())
      out.push_back(
          {statement.text(0), statement.text(1), statement.text(2), statement.integer(3)});
    return out;
  });
}

void Store::set_board_checked(std::int64_t unix_ms) {
  guarded(db_, "note when the board was fetched",
          [&] { set_kv("board.checked_ms", std::to_string(unix_ms)); });
}

std::optional<std::int64_t> Store::board_checked() {
  return guarded(db_, "read when the board was fetched", [&]() -> std::optional<std::int64_t> {
    const std::string text = get_kv("board.checked_ms");
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
      return std::nullopt;
    return value;
  });
}

}  // namespace kotak::core
