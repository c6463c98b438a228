// Version 24 of the server's schema (issue 13, the SKM report over a million
// responses): the counts the report is computed from, per facility, local
// day, unit and source, kept by triggers on every write of a response in
// both engines. Listed in storage/schema.cpp; skm_counts_sql.cpp builds the
// SQL of both dialects from one description.
//
// What is counted, so that a count can be checked against a recount of the
// responses (tests/server/skm_counts_test.cpp does):
// - a response that answered at least one of the nine elements (one that
//   answered none is no respondent; core::IkmCalculator);
// - a kiosk or phone response (skm_responses) on the local day of its
//   submission's created_at_ms + utc_offset_min, under its submission's unit
//   or else its profile's service, as source "kiosk" or "ponsel" (its
//   channel); a clock correction that moves created_at_ms moves the count;
// - an imported response (skm_imported) while its import is not undone.
//
// skm_day_counts: respondents, and uE_A: how many answered element E (1..9)
// with A (1..4). skm_profile_counts: respondents per profile field (sex,
// age_group, education, occupation) and value, per facility, day and unit.
// A count brought back to zero (an undone import) stays as a row of zeros.
#pragma once

#include <string>
#include <string_view>

namespace kotak::server {
// The count columns of skm_day_counts: "respondents, u1_1, ..., u9_4".
std::string skm_count_columns();

// Version 27 (issue 13): PostgreSQL's statement trigger that counts an
// ingest batch's responses reaches each one's submission by its primary key
// whatever the planner's statistics say; SQLite counts them in the ingest
// code since version 26 and changes nothing.
namespace sqlite_sql {
std::string_view v24();
std::string_view v27();
// Since version 26: the two statements (day counts, profile counts) that
// add the responses of submission seq ?1 and after, once per ingest batch.
const std::string (&skm_counts_added_since())[2];
}
namespace pg_sql {
std::string_view v24();
std::string_view v27();
}
}  // namespace kotak::server
