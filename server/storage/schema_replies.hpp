// Version 21 of the server's schema in each engine's dialect (sqlite/ and
// postgres/schema_replies.cpp), listed in storage/schema.cpp. Declared apart
// from the engines' schema_sql.hpp so that adding it touches only these.
#pragma once

#include <string_view>

namespace kotak::server {
namespace sqlite_sql {
std::string_view v21();  // the answer to the patient: case_identities.email, case_replies
}
namespace pg_sql {
std::string_view v21();
}
}  // namespace kotak::server
