// The SQLite texts of the server's schema steps (schema.cpp and
// schema_skm.cpp), listed with their PostgreSQL twins in storage/schema.cpp.
#pragma once

#include <string_view>

namespace kotak::server::sqlite_sql {

std::string_view v1();  // facilities, devices, submissions, conflicts, board, settings
std::string_view v2();  // staff, sessions, the register
std::string_view v3();  // the SKM report: imports, population, follow-up plans
std::string_view v4();  // one row per kiosk SKM response
std::string_view v5();  // hostile clients: log-in failures, device keys, claimed times
std::string_view v6();  // corrected faces, tickets by code
std::string_view v7();  // one-time enrolment codes
std::string_view v8();  // the SKM report as a document: letterhead, details, populations, RTL rows, undo
std::string_view v9();  // several server processes: staff request ids, alarms by time
std::string_view v10();  // kiosk clocks that were wrong: boots, offsets, corrected answers
std::string_view v11();  // retention and the data subject: closed and erased times, requests
std::string_view v12();  // accounts: second factor, half-finished log-ins, one-time codes, staff log
std::string_view v13();  // units and the data-protection officer: unit accounts, users.dpo, the unit's answer
std::string_view v14();  // owners of cases, staff mail addresses, reminders claimed
std::string_view v15();  // the phone pages: submissions.channel, the facilities' QR token secrets
std::string_view v16();  // voice complaints: recordings
std::string_view v18();  // speed at a million: the register's order columns and indexes, its text index
std::string_view v19();  // kiosk health, the tickets of a kiosk
std::string_view v20();  // canned answers per facility

}  // namespace kotak::server::sqlite_sql
