// Version 22 of the server's schema in each engine's dialect (sqlite/ and
// postgres/schema_attachments.cpp), listed in storage/schema.cpp. Declared
// apart from the engines' schema_sql.hpp so that adding it touches only these.
#pragma once

#include <string_view>

namespace kotak::server {
namespace sqlite_sql {
std::string_view v22();  // files attached to a case: case_attachments
}
namespace pg_sql {
std::string_view v22();
}
}  // namespace kotak::server
