// The kiosk store's tickets (schema version 8): kept with the board in one
// transaction, left alone by a board from an older server, and the time
// kotak-sync last heard the server.
#include <doctest/doctest.h>

#include "core/store.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak::core;
using kotak::test::TempDir;

TEST_CASE("a kiosk's tickets are kept with the board and replaced whole") {
  TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  CHECK(store.tickets().empty());
  CHECK_FALSE(store.board_checked().has_value());
  std::vector<TicketStatus> tickets{{"K7M-4FX-9AC", "ditanggapi", "Loket kedua dibuka.", 5},
                                    {"343-XYW-ACD", "baru", "", 4}};
  store.replace_board({}, "r1.ta", tickets);
  auto kept = store.tickets();
  REQUIRE(kept.size() == 2u);
  CHECK(kept[0] == tickets[1]);  // by code
  CHECK(kept[1] == tickets[0]);
  // A board from an older server says nothing of tickets: they stay.
  store.replace_board({}, "r2");
  CHECK(store.tickets().size() == 2u);
  CHECK(store.board_cursor() == "r2");
  store.replace_board({}, "r3.tb", std::vector<TicketStatus>{tickets[0]});
  kept = store.tickets();
  REQUIRE(kept.size() == 1u);
  CHECK(kept[0].ticket == "K7M-4FX-9AC");
  store.set_board_checked(1795412820000);
  CHECK(store.board_checked() == 1795412820000);
  // The kiosk's own connection sees what kotak-sync wrote.
  auto kiosk = Store::open(dir / "kiosk.db");
  CHECK(kiosk.tickets().size() == 1u);
  CHECK(kiosk.board_checked() == 1795412820000);
}
