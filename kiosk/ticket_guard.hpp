// "Cek status pengaduan" on a public kiosk (issue 15 item 5): guessing
// codes must stay cheap to refuse. A code that is none of this kiosk's
// tickets is a miss; the first kFreeMisses misses within kWindow seconds
// cost nothing (a patient mistypes), each later one makes the next try wait
// kFirstWait seconds, doubling up to kMaxWait. A code that is found does not
// wipe the misses, or one real ticket would let a guesser start over. What
// a lucky guess shows is a status and an answer staff published anyway;
// with 22^9 codes and a few hundred tickets per kiosk, guessing at this pace
// finds one in millions of years. Kept in memory (monotonic seconds): a
// restart clears it, which takes longer than the waits it clears.
#pragma once

#include <deque>

namespace kotak::kiosk {

class TicketGuard {
 public:
  static constexpr int kFreeMisses = 3;
  static constexpr double kWindow = 600;
  static constexpr double kFirstWait = 15;
  static constexpr double kMaxWait = 300;

  // Seconds before the next code may be tried at now; 0 when it may.
  double wait(double now) const;
  // A code that found nothing, tried at now.
  void missed(double now);

 private:
  int recent(double now) const;
  std::deque<double> misses_;  // times of the misses in the window, oldest first
};

}  // namespace kotak::kiosk
