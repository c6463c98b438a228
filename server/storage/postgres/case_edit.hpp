// Writing a planned change of a case (case_rules.hpp) in the PostgreSQL
// engine, as sqlite/case_edit.hpp.
#pragma once

#include <cstdint>

#include "server/storage/case_rules.hpp"
#include "server/storage/postgres/pq.hpp"

namespace kotak::server::pg_cases {
void write_edit(pq::Connection& db, const CaseEdit& edit, const Actor& actor, std::int64_t now_ms);
}
