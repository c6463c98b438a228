// Version 26 of the server's schema in each engine's dialect (sqlite/ and
// postgres/schema_text_index.cpp), listed in storage/schema.cpp.
#pragma once

#include <string_view>

namespace kotak::server {
namespace sqlite_sql {
std::string_view v26();  // a new case's text is indexed by the code that records it, per transaction
}
namespace pg_sql {
std::string_view v26();  // nothing: the trigram index batches by itself
}
}  // namespace kotak::server
