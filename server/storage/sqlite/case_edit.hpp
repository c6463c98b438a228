// Writing a planned change of a case (case_rules.hpp) in the SQLite engine:
// the case, its answer, its board item and its history line. Shared by the
// engine's case changes and the messages to the patient (replies.cpp).
#pragma once

#include <cstdint>

#include "core/sqlite.hpp"
#include "server/storage/case_rules.hpp"

namespace kotak::server::sqlite_cases {
void write_edit(core::sql::Database& db, const CaseEdit& edit, const Actor& actor, std::int64_t now_ms);
}
