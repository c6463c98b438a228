// kotak-kiosk-filler: a test and benchmark helper that stands in for the
// kiosk. Adds COUNT pending submissions of every kind (faces, written
// complaints with and without contact details, SKM surveys) to a kiosk
// database, fast: the durability pragmas are relaxed for this one
// connection, which is fine for a test fixture and never done by the kiosk.
//
//   kotak-kiosk-filler DATABASE COUNT [FACILITY DEVICE]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/store.hpp"
#include "core/timestamp.hpp"
#include "tests/support/samples.hpp"

int main(int argc, char** argv) {
  if (argc != 3 && argc != 5) {
    std::fprintf(stderr, "usage: kotak-kiosk-filler DATABASE COUNT [FACILITY DEVICE]\n");
    return 2;
  }
  long count = std::atol(argv[2]);
  std::string facility = argc == 5 ? argv[3] : "pkm-test";
  std::string device = argc == 5 ? argv[4] : "kiosk-1";
  try {
    auto store = kotak::core::Store::open(argv[1], {.quick_check = false});
    store.database().exec("PRAGMA synchronous = OFF");
    // One answer a second, the last one now.
    const std::int64_t first_ms = kotak::core::now().unix_ms - count * 1000;
    for (long i = 0; i < count; ++i)
      store.add(kotak::test::sample_of_mix(i, facility, device, first_ms + i * 1000));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kotak-kiosk-filler: %s\n", error.what());
    return 1;
  }
  return 0;
}
