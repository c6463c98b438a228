// The wire format of issue 15 items 5 and 12: a kiosk's tickets with the
// board and a kiosk's health report - round trips, and what a hostile
// server or device may send refused with a reason.
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "core/wire.hpp"

using namespace kotak::core;
using namespace kotak::core::wire;
using nlohmann::json;

namespace {

std::string board_with_ticket(const json& ticket) {
  return json{{"protocol", 1}, {"cursor", "r3.tab"}, {"items", json::array()},
              {"tickets", json::array({ticket})}}
      .dump();
}

std::string error_of(const std::function<void()>& decode) {
  try {
    decode();
  } catch (const WireError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a kiosk's tickets round-trip with the board - and only when the server sent them") {
  Board board;
  board.cursor = "r3.t0f";
  board.tickets = std::vector<TicketStatus>{
      {"K7M-4FX-9AC", "ditanggapi", "Loket kedua dibuka.", 1795412820000},
      {"343-XYW-ACD", "baru", "", 1795412000000}};
  auto decoded = decode_board(encode_board(board));
  REQUIRE(decoded.tickets.has_value());
  CHECK(*decoded.tickets == *board.tickets);
  Board older;
  older.cursor = "r3";
  CHECK_MESSAGE(!decode_board(encode_board(older)).tickets.has_value(),
                "(a board without the member leaves the kiosk's tickets alone)");
  Board none = board;
  none.tickets = std::vector<TicketStatus>{};
  auto empty = decode_board(encode_board(none));
  REQUIRE(empty.tickets.has_value());
  CHECK(empty.tickets->empty());
}

TEST_CASE("a hostile server's tickets are refused with a reason") {
  const json good{{"ticket", "K7M-4FX-9AC"}, {"status", "baru"}, {"answer", ""},
                  {"updated_at", "2026-11-23T12:47:00.000+07:00"}};
  CHECK(decode_board(board_with_ticket(good)).tickets->size() == 1u);
  auto with = [&](const char* key, const json& value) {
    json t = good;
    t[key] = value;
    return error_of([&] { decode_board(board_with_ticket(t)); });
  };
  CHECK(with("ticket", "K7M-4FX-9A0").find("ticket code") != std::string::npos);
  CHECK(with("ticket", "<script>").find("ticket") != std::string::npos);
  CHECK(with("status", "Baru; DROP").find("status") != std::string::npos);
  CHECK(with("answer", std::string(2001, 'a')).find("answer") != std::string::npos);
  CHECK(with("updated_at", "kemarin").find("updated_at") != std::string::npos);
  CHECK(with("extra", 1).find("unknown member") != std::string::npos);
  json many = json::array();
  for (std::size_t i = 0; i <= kMaxBoardTickets; ++i) many.push_back(good);
  auto too_many = json{{"protocol", 1}, {"cursor", "c"}, {"items", json::array()}, {"tickets", many}}.dump();
  CHECK(error_of([&] { decode_board(too_many); }).find("more than") != std::string::npos);
  CHECK(error_of([&] { decode_board(R"({"protocol":1,"cursor":"c","items":[],"tickets":{}})"); })
            .find("must be a list") != std::string::npos);
}

TEST_CASE("a health report round-trips and a hostile device's is refused") {
  HealthReport report{7, 1, "1.4.0~rc1", 123456789, -2500};
  CHECK(decode_health_report(encode_health_report(report)) == report);
  HealthReport unknown{0, 0, "1.4.0", std::nullopt, std::nullopt};
  auto text = encode_health_report(unknown);
  CHECK(text.find("disk_free_bytes") == std::string::npos);
  CHECK(decode_health_report(text) == unknown);
  auto body = [](const json& change) {
    json message{{"protocol", 1}, {"queue", 1}, {"quarantined", 0}, {"version", "1.4.0"}};
    message.update(change);
    return error_of([&] { decode_health_report(message.dump()); });
  };
  CHECK(body({{"queue", -1}}).find("queue") != std::string::npos);
  CHECK(body({{"queue", kMaxHealthCount + 1}}).find("queue") != std::string::npos);
  CHECK(body({{"quarantined", "many"}}).find("quarantined") != std::string::npos);
  CHECK(body({{"version", ""}}).find("version") != std::string::npos);
  CHECK(body({{"version", std::string(41, '1')}}).find("version") != std::string::npos);
  CHECK(body({{"version", "1.4 beta"}}).find("version") != std::string::npos);
  CHECK(body({{"disk_free_bytes", -5}}).find("disk_free_bytes") != std::string::npos);
  CHECK(body({{"clock_offset_ms", kMaxClockOffsetMs + 1}}).find("clock_offset_ms") != std::string::npos);
  CHECK(body({{"hostname", "pi"}}).find("unknown member") != std::string::npos);
  CHECK(error_of([] { decode_health_report(std::string(5000, ' ')); }) != "no error");
}
