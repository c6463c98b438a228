// kotak-store-writer: a test helper for the durability test. Opens the kiosk
// store and adds submissions one after another, printing each id on stdout
// only after Store::add has returned (the commit is durable). The parent
// kills it with SIGKILL at random moments and then checks every printed id.
// An optional pause between commits makes it write like a (very busy) kiosk
// rather than hold SQLite's write lock nearly all the time.
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <string>
#include <thread>

#include "core/store.hpp"
#include "tests/support/samples.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: kotak-store-writer DATABASE [COUNT [PAUSE_MS]]\n");
    return 2;
  }
  long count = argc > 2 ? std::atol(argv[2]) : -1;
  long pause_ms = argc > 3 ? std::atol(argv[3]) : 0;
  try {
    auto store = kotak::core::Store::open(argv[1], {.quick_check = false});
    for (long i = 0; count < 0 || i < count; ++i) {
      auto submission = i % 3 == 0
                            ? kotak::test::sample_written("Keluhan nomor " + std::to_string(i))
                        : i % 3 == 1 ? kotak::test::sample_rating(static_cast<int>(i % 4) + 1)
                                     : kotak::test::sample_skm();
      if (i % 3 == 0) {
        submission.identity_mode = kotak::core::IdentityMode::named;
        submission.identity = {"Ibu Sari", "0812 3456 7890", "Jl. Melati 3"};
      }
      store.add(submission);
      std::printf("%s\n", submission.id.c_str());
      std::fflush(stdout);
      if (pause_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kotak-store-writer: %s\n", error.what());
    return 1;
  }
  return 0;
}
