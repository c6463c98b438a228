// Version 25 of the server's schema in each engine's dialect (sqlite/ and
// postgres/schema_month_filters.cpp), listed in storage/schema.cpp.
#pragma once

#include <string_view>

namespace kotak::server {
namespace sqlite_sql {
std::string_view v25();  // the received-time index holds each case's type and channel
}
namespace pg_sql {
std::string_view v25();  // the same, as included columns
}
}  // namespace kotak::server
