// See schema.hpp.
#include "server/storage/schema.hpp"

#include "server/storage/postgres/schema_sql.hpp"
#include "server/storage/schema_attachments.hpp"
#include "server/storage/schema_ingest_batches.hpp"
#include "server/storage/schema_month_filters.hpp"
#include "server/storage/schema_replies.hpp"
#include "server/storage/schema_skm_counts.hpp"
#include "server/storage/schema_unit_lists.hpp"
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server {

std::span<const SchemaStep> schema_steps() {
  static const SchemaStep steps[] = {
    {1, "facilities, devices and tokens, submissions, conflicts, the board, kiosk settings",
     sqlite_sql::v1(), pg_sql::v1()},
    {2, "staff accounts and sessions, the register of cases", sqlite_sql::v2(), pg_sql::v2()},
    {3, "the SKM report: imported responses, population, follow-up plans", sqlite_sql::v3(),
     pg_sql::v3()},
    {4, "one row per kiosk SKM response", sqlite_sql::v4(), pg_sql::v4()},
    {5, "hostile clients: log-in failures, device bundle keys, claimed creation times",
     sqlite_sql::v5(), pg_sql::v5()},
    {6, "corrected faces (replaces, revision, superseded_by), tickets by code", sqlite_sql::v6(),
     pg_sql::v6()},
    {7, "one-time enrolment codes", sqlite_sql::v7(), pg_sql::v7()},
    {8, "the SKM report as a document: letterhead, report details, population per period and unit, "
        "follow-up plan rows, import fingerprints and undo",
     sqlite_sql::v8(), pg_sql::v8()},
    {9, "several server processes: staff request ids, alarming cases by time", sqlite_sql::v9(),
     pg_sql::v9()},
    {10, "kiosk clocks that were wrong: the boot and clock of each answer, offsets per boot",
     sqlite_sql::v10(), pg_sql::v10()},
    {11, "retention and the data subject: when a case closed and its identity was erased, "
         "the requests of data subjects",
     sqlite_sql::v11(), pg_sql::v11()},
    {12, "accounts: a second factor (TOTP), half-finished log-ins, one-time codes, the log of account changes",
     sqlite_sql::v12(), pg_sql::v12()},
    {13, "units answer for themselves: accounts of a unit, the data-protection officer, the unit's answer "
         "on a case and when it was forwarded",
     sqlite_sql::v13(), pg_sql::v13()},
    {14, "owners of cases, staff mail addresses, reminders and digests sent", sqlite_sql::v14(), pg_sql::v14()},
    {15, "the phone pages: the channel of an answer, each facility's QR token secret",
     sqlite_sql::v15(), pg_sql::v15()},
    {16, "voice complaints: the recording of a spoken complaint", sqlite_sql::v16(), pg_sql::v16()},
    // 17 was kept for a change the ingest work did not need; a missing
    // number is skipped by both engines' migrations.
    {18, "speed at a million: the register's order as indexed columns, indexes for its pages, a "
         "trigram index of the cases' text",
     sqlite_sql::v18(), pg_sql::v18()},
    {19, "kiosk health: each kiosk's latest report and its silence mailed; a kiosk's tickets",
     sqlite_sql::v19(), pg_sql::v19()},
    {20, "canned answers per facility", sqlite_sql::v20(), pg_sql::v20()},
    {21, "the answer to the patient by email and SMS: a case's mail address, the outgoing messages",
     sqlite_sql::v21(), pg_sql::v21()},
    {22, "photos and scans attached to a case", sqlite_sql::v22(), pg_sql::v22()},
    {23, "a unit's cases by index; PostgreSQL: statistics on the local day of cases and answers (the monthly "
         "recap)",
     sqlite_sql::v23(), pg_sql::v23()},
    {24, "the SKM report's counts per facility, local day, unit and source, kept by triggers",
     sqlite_sql::v24(), pg_sql::v24()},
    {25, "the register's month filters counted by index: the received-time index holds the type and channel",
     sqlite_sql::v25(), pg_sql::v25()},
    {26, "a batch's new cases indexed and its SKM responses counted once per batch, not by row triggers",
     sqlite_sql::v26(), pg_sql::v26()},
    {27, "PostgreSQL: an ingest batch's SKM counts reach each response's submission by its key",
     sqlite_sql::v27(), pg_sql::v27()},
  };
  return steps;
}

int latest_schema_version() { return schema_steps().back().version; }

}  // namespace kotak::server
