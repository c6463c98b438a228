// kotak-complaint-writer: a test helper that stands in for a patient at the
// kiosk writing one complaint. Adds one written submission with the given
// text to a kiosk database and prints its id (the UUID of its public ticket
// page) on stdout.
//
//   kotak-complaint-writer DATABASE FACILITY DEVICE TEXT [urgent] [named] [rahasia]
//                          [unit=ID] [face=N] [ahead=DAYS] [behind=DAYS] [unsynced=BOOT]
//                          [phone=TEXT]
// phone=TEXT: the named sender's phone as an old kiosk may have stored it.
// ahead=DAYS dates it that many days after now: a kiosk whose clock runs ahead;
// behind=DAYS that many before. unsynced=BOOT saves it as in boot BOOT with a
// clock that was not synchronised (core/clock_state.hpp).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/store.hpp"
#include "tests/support/samples.hpp"

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr,
                 "usage: kotak-complaint-writer DATABASE FACILITY DEVICE TEXT [urgent] [named] "
                 "[rahasia] [unit=ID] [face=N] [ahead=DAYS] [behind=DAYS] [unsynced=BOOT]\n");
    return 2;
  }
  try {
    auto s = kotak::test::sample_written(argv[4]);
    s.facility_id = argv[2];
    s.device_id = argv[3];
    s.created_at = kotak::core::now();
    s.rating = 2;
    for (int i = 5; i < argc; ++i) {
      std::string option = argv[i];
      if (option == "urgent") s.urgent = true;
      if (option == "named" || option == "rahasia") {
        s.identity_mode = option == "named" ? kotak::core::IdentityMode::named
                                            : kotak::core::IdentityMode::rahasia;
        s.identity = {"Ibu Sari <b>Wulandari</b>", "0812 3456 7890", "Jl. Melati 3, Klaten"};
      }
      if (option.rfind("unit=", 0) == 0) s.unit = option.substr(5);
      if (option.rfind("face=", 0) == 0) s.rating = std::atoi(option.c_str() + 5);
      if (option.rfind("ahead=", 0) == 0)
        s.created_at.unix_ms += std::atoll(option.c_str() + 6) * 24 * 3600 * 1000LL;
      if (option.rfind("behind=", 0) == 0)
        s.created_at.unix_ms -= std::atoll(option.c_str() + 7) * 24 * 3600 * 1000LL;
      if (option.rfind("unsynced=", 0) == 0) s.clock = {false, option.substr(9)};
    }
    for (int i = 5; i < argc; ++i)
      if (std::string(argv[i]).rfind("phone=", 0) == 0) s.identity.phone = argv[i] + 6;
    auto store = kotak::core::Store::open(argv[1], {.quick_check = false});
    store.add(s);
    std::printf("%s\n", s.id.c_str());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kotak-complaint-writer: %s\n", error.what());
    return 1;
  }
  return 0;
}
