// Version 26 of the server's schema in each engine's dialect (sqlite/ and
// postgres/schema_ingest_batches.cpp), listed in storage/schema.cpp.
#pragma once

#include <string_view>

namespace kotak::server {
namespace sqlite_sql {
// A new case's text and a new SKM response's counts are added by the code
// that records them, once per ingest batch.
std::string_view v26();
}
namespace pg_sql {
std::string_view v26();  // nothing: PostgreSQL batches both already
}
}  // namespace kotak::server
