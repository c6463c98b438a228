// Logging to standard error. Under systemd (JOURNAL_STREAM is set) each line
// starts with a syslog priority prefix like "<3>", which journald turns into
// the entry's priority; on a terminal the prefix is a plain word.
#pragma once

#include <string_view>

namespace kotak::core::log {

void set_program(std::string_view name);
void error(std::string_view message);
void warning(std::string_view message);
void info(std::string_view message);
void debug(std::string_view message);  // only when KOTAK_DEBUG is set

}  // namespace kotak::core::log
