// A background thread of `serve` that calls a function now and then every
// interval until it is destroyed: the shape of the mail notifier and the
// nightly retention job. Whether another process already does the same work
// is the function's own business (lease_job, SKIP LOCKED).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace kotak::server {

class Periodic {
 public:
  // `tick` runs first at start() and then `every` after the end of the last
  // run; what it throws is logged under `name` and the next run is kept.
  Periodic(std::string name, std::chrono::milliseconds every, std::function<void()> tick);
  ~Periodic();  // wakes the thread and waits for a running tick to end
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

  void start();

 private:
  std::string name_;
  std::chrono::milliseconds every_;
  std::function<void()> tick_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kotak::server
