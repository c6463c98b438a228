// Version 23 of the server's schema in each engine's dialect (sqlite/ and
// postgres/schema_unit_lists.cpp), listed in storage/schema.cpp. Declared
// apart from the engines' schema_sql.hpp so that adding it touches only these.
#pragma once

#include <string_view>

namespace kotak::server {
namespace sqlite_sql {
std::string_view v23();  // a unit's cases by index
}
namespace pg_sql {
std::string_view v23();  // the same, and statistics on the local day of a case and of an answer
}
}  // namespace kotak::server
