#include "server/periodic.hpp"

#include <exception>

#include "core/log.hpp"

namespace kotak::server {

Periodic::Periodic(std::string name, std::chrono::milliseconds every, std::function<void()> tick)
    : name_(std::move(name)), every_(every), tick_(std::move(tick)) {}

Periodic::~Periodic() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Periodic::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        tick_();
      } catch (const std::exception& failure) {
        core::log::error(name_ + ": " + failure.what());
      }
      lock.lock();
      wake_.wait_for(lock, every_, [this] { return stopping_; });
    }
  });
}

}  // namespace kotak::server
