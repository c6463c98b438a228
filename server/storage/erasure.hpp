// The engine-neutral half of erasing a data subject (storage.hpp,
// IdentityErasure): what each text becomes and what the history says. Each
// engine reads the rows, calls these and writes them back inside its own
// transaction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/register/personal_data.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

// text with every finding of personal data (reg::redact: the contacts'
// name words, phone, address, email, and anyone's phone, NIK, email)
// replaced by reg::kErasedMark.
std::string redact_all(std::string_view text, const std::vector<reg::Contact>& contacts);

// A history line's JSON detail with its free text redacted (notes, reasons,
// analysis, RTL, published text, before and after); the names of statuses,
// channels, types and units stay as they were. Text that is not a JSON
// object is redacted as text.
std::string redact_detail(const std::string& detail, const std::vector<reg::Contact>& contacts);
// A conflicting copy of an answer as it arrived (the wire item): its texts
// as redact_detail, and its recording (a voice is personal data) dropped.
std::string redact_conflict(const std::string& content, const std::vector<reg::Contact>& contacts);

// The history detail of an erasure: {"by": ..., "reason": ...}, the reason
// redacted with the erased contacts (a kepala may have written the name).
std::string erasure_detail(const IdentityErasure& erasure, const reg::Contact& contact);

// Checks an erasure before any row is touched: by is "retention" or
// "request"; a request names its facility and gives a reason. Throws
// StorageError invalid.
void check_erasure(const IdentityErasure& erasure);

// A SubjectQuery's phone as the stored numbers are compared ("812..."
// without the leading 0), or "" for none; its name as a LIKE pattern
// (lower case, wildcards escaped), or "" for none. Throws StorageError
// invalid for a query without either, without a reason, or of no facility.
struct SubjectMatch {
  std::string phone_digits;
  std::string name_pattern;
};
SubjectMatch subject_match(const SubjectQuery& query);

// The SELECT of a data subject's cases and contact details, newest first,
// in SQLite's placeholders (PostgreSQL: pq::dollar_params): ?1 facility,
// ?2 SubjectMatch::phone_digits, ?3 name_pattern, ?4 limit.
std::string subject_select_sql();

// The cases found (id, contact) read in full, without their history: the
// result of Storage::subject_cases.
std::vector<SubjectCase> read_subject_cases(Storage& storage, const std::string& facility_id,
                                            std::vector<std::pair<std::int64_t, reg::Contact>> found);

}  // namespace kotak::server
