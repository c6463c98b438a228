// See log.hpp.
#include "core/log.hpp"

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

namespace kotak::core::log {

namespace {

std::string program = "kotak";
std::mutex mutex;

void write(int priority, const char* word, std::string_view message) {
  static const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
  std::lock_guard lock(mutex);
  if (journal)
    std::fprintf(stderr, "<%d>%.*s\n", priority, static_cast<int>(message.size()), message.data());
  else
    std::fprintf(stderr, "%s: %s%.*s\n", program.c_str(), word, static_cast<int>(message.size()),
                 message.data());
  std::fflush(stderr);
}

}  // namespace

void set_program(std::string_view name) { program = name; }
void error(std::string_view message) { write(3, "error: ", message); }
void warning(std::string_view message) { write(4, "warning: ", message); }
void info(std::string_view message) { write(6, "", message); }
void debug(std::string_view message) {
  static const bool enabled = std::getenv("KOTAK_DEBUG") != nullptr;
  if (enabled) write(7, "debug: ", message);
}

}  // namespace kotak::core::log
