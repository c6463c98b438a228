// See wire.hpp: the public board, remote settings, key registration and error
// messages.
#include <nlohmann/json.hpp>

#include "core/seal.hpp"
#include "core/signing.hpp"
#include "core/text.hpp"
#include "core/ticket.hpp"
#include "core/timestamp.hpp"
#include "core/wire.hpp"
#include "core/wire_reader.hpp"

namespace kotak::core::wire {

using nlohmann::json;
using namespace reader;

namespace {

bool is_status_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  return true;
}

std::vector<TicketStatus> decode_tickets(const json& list) {
  if (!list.is_array()) throw FieldError("board.tickets must be a list");
  if (list.size() > kMaxBoardTickets)
    throw FieldError("board.tickets has more than " + std::to_string(kMaxBoardTickets) +
                     " tickets");
  std::vector<TicketStatus> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    Fields item(list[i], "board.tickets[" + std::to_string(i) + "]");
    TicketStatus ticket;
    ticket.ticket = item.string("ticket", kTicketChars + 2, true);
    if (!is_ticket(ticket.ticket))
      throw FieldError(item.where("ticket") + " is not a ticket code such as K7M-4FX-9AC");
    ticket.status = item.string("status", 32, true);
    if (!is_status_name(ticket.status))
      throw FieldError(item.where("status") + " must be a status name of a-z and '_'");
    ticket.answer = item.string("answer", 2000, true);
    auto updated = parse_iso8601(item.string("updated_at", 40, true));
    if (!updated) throw FieldError(item.where("updated_at") + " is not a date and time");
    ticket.updated_ms = updated->unix_ms;
    item.finish();
    out.push_back(std::move(ticket));
  }
  return out;
}

}  // namespace

std::string encode_board(const Board& board) {
  json message{{"protocol", kProtocol}, {"cursor", board.cursor}};
  if (board.unchanged) {
    message["unchanged"] = true;
    return message.dump();
  }
  json items = json::array();
  for (const auto& item : board.items)
    items.push_back({{"id", item.id},
                     {"unit", item.unit},
                     {"type", item.type},
                     {"summary", item.summary},
                     {"answer", item.answer},
                     {"published_at", format_iso8601({item.published_ms, 0})}});
  message["items"] = items;
  if (board.tickets) {
    json tickets = json::array();
    for (const auto& ticket : *board.tickets)
      tickets.push_back({{"ticket", ticket.ticket},
                         {"status", ticket.status},
                         {"answer", ticket.answer},
                         {"updated_at", format_iso8601({ticket.updated_ms, 0})}});
    message["tickets"] = tickets;
  }
  return message.dump();
}

Board decode_board(std::string_view body) {
  return read_message(body, kMaxBatchBytes, "board", [](Fields& fields) {
    Board board;
    board.cursor = fields.string("cursor", 128, true);
    board.unchanged = fields.boolean("unchanged");
    const json* items = fields.get("items");
    const json* tickets = fields.get("tickets");
    fields.finish();
    if (board.unchanged) return board;
    if (tickets) board.tickets = decode_tickets(*tickets);
    if (!items || !items->is_array()) throw FieldError("board.items must be a list");
    if (items->size() > 200) throw FieldError("board.items has more than 200 items");
    for (std::size_t i = 0; i < items->size(); ++i) {
      Fields item((*items)[i], "board.items[" + std::to_string(i) + "]");
      BoardItem out;
      out.id = item.string("id", 64, true);
      out.unit = item.string("unit", kMaxIdChars);
      out.type = item.string("type", 16);
      out.summary = item.string("summary", 1000, true);
      out.answer = item.string("answer", 2000, true);
      auto published = parse_iso8601(item.string("published_at", 40, true));
      if (!published) throw FieldError(item.where("published_at") + " is not a date and time");
      out.published_ms = published->unix_ms;
      item.finish();
      board.items.push_back(std::move(out));
    }
    return board;
  });
}

std::string decode_settings(std::string_view body, std::string* seal_key) {
  json message = parse(body, 1024 * 1024);
  check_protocol(message);
  const json& settings = member(message, "settings");
  if (!settings.is_object()) throw WireError("'settings' must be an object");
  if (seal_key) {
    seal_key->clear();
    if (auto key = message.find("seal_key"); key != message.end()) {
      if (!key->is_string() || !seal::is_public_key(key->get_ref<const std::string&>()))
        throw WireError("'seal_key' must be a base64 public key of 32 bytes");
      *seal_key = key->get<std::string>();
    }
  }
  if (auto phone = message.find("phone"); phone != message.end()) {
    json merged = settings;
    merged["phone"] = *phone;
    return merged.dump();  // checked with the rest of the settings by the kiosk
  }
  return settings.dump();
}

std::string encode_error(std::string_view reason) {
  // A reason may quote a malformed request (a parser's message shows the bad
  // bytes); replace what is not UTF-8 rather than fail to answer.
  return json{{"protocol", kProtocol}, {"error", shorten(reason, kMaxReasonBytes)}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

std::string decode_error(std::string_view body) {
  try {
    json message = parse(body, 64 * 1024);
    if (message.is_object() && message.contains("error") && message["error"].is_string())
      return message["error"].get<std::string>();
  } catch (const WireError&) {
  }
  return {};
}

std::string encode_key_registration(std::string_view public_key) {
  return json{{"protocol", kProtocol}, {"public_key", std::string(public_key)}}.dump();
}

std::string decode_key_registration(std::string_view body) {
  return read_message(body, 4096, "registration", [](Fields& fields) {
    auto key = fields.string("public_key", 100, true);
    fields.finish();
    if (!signing::is_public_key(key))
      throw FieldError("public_key must be the base64 of a 32-byte Ed25519 public key");
    return key;
  });
}

}  // namespace kotak::core::wire
