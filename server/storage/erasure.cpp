// See erasure.hpp.
#include "server/storage/erasure.hpp"

#include <nlohmann/json.hpp>

#include "core/phone.hpp"
#include "core/text.hpp"
#include "server/storage/case_rules.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

// Keys of a history detail that name things of the register, never a person.
bool register_key(const std::string& key) {
  for (const char* fixed : {"from", "to", "channel", "type", "unit", "unit_before", "by", "urgent"})
    if (key == fixed) return true;
  return false;
}

void redact_values(json& value, const std::vector<reg::Contact>& contacts) {
  if (value.is_string()) {
    value = redact_all(value.get<std::string>(), contacts);
  } else if (value.is_object()) {
    for (auto& [key, member] : value.items())
      if (!register_key(key)) redact_values(member, contacts);
  } else if (value.is_array()) {
    for (auto& member : value) redact_values(member, contacts);
  }
}

std::string lowered(std::string_view text) {
  std::string out(text);
  for (auto& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

}  // namespace

std::string redact_all(std::string_view text, const std::vector<reg::Contact>& contacts) {
  std::string out(text);
  if (contacts.empty()) return reg::redact(out, {});
  for (const auto& contact : contacts) out = reg::redact(out, contact);
  return out;
}

std::string redact_detail(const std::string& detail, const std::vector<reg::Contact>& contacts) {
  auto parsed = json::parse(detail, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return redact_all(detail, contacts);
  redact_values(parsed, contacts);
  return parsed.dump();
}

std::string redact_conflict(const std::string& content, const std::vector<reg::Contact>& contacts) {
  auto parsed = json::parse(content, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return redact_all(content, contacts);
  parsed.erase("audio");
  redact_values(parsed, contacts);
  return parsed.dump();
}

std::string erasure_detail(const IdentityErasure& erasure, const reg::Contact& contact) {
  json detail{{"by", erasure.by}};
  if (!erasure.reason.empty()) detail["reason"] = redact_all(erasure.reason, {contact});
  return detail.dump();
}

void check_erasure(const IdentityErasure& erasure) {
  if (erasure.by != "retention" && erasure.by != "request")
    throw StorageError(StorageErrc::invalid, "an erasure is by retention or on request");
  if (erasure.by == "request" && erasure.facility_id.empty())
    throw StorageError(StorageErrc::invalid, "an erasure on request names its facility");
  if (erasure.by == "request" && core::trim(erasure.reason).empty())
    throw StorageError(StorageErrc::invalid, "an erasure on request needs its reason",
                       "error.subject.reason");
}

SubjectMatch subject_match(const SubjectQuery& query) {
  if (query.facility_id.empty())
    throw StorageError(StorageErrc::invalid, "a data subject is looked for in one facility");
  if (core::trim(query.reason).empty())
    throw StorageError(StorageErrc::invalid, "a data subject's request needs its reason",
                       "error.subject.reason");
  SubjectMatch match;
  if (!query.phone.empty()) {
    auto national = core::national_phone(query.phone);
    if (core::check_phone(query.phone) != core::PhoneCheck::ok || national.size() < 2)
      throw StorageError(StorageErrc::invalid, "not an Indonesian mobile number", "error.subject.phone");
    std::string digits;
    for (char ch : national)
      if (ch >= '0' && ch <= '9') digits += ch;
    match.phone_digits = digits.substr(1);  // without the leading 0
  }
  auto name = core::trim(query.name);
  if (!name.empty()) {
    if (name.size() < kMinSubjectName || name.size() > kMaxSubjectName)
      throw StorageError(StorageErrc::invalid, "a name to look for has 3 to 100 characters",
                         "error.subject.name");
    match.name_pattern = like_pattern(lowered(name));
  }
  if (match.phone_digits.empty() && match.name_pattern.empty())
    throw StorageError(StorageErrc::invalid, "look for a phone number or a name", "error.subject.empty");
  return match;
}

std::string subject_select_sql() {
  // The phone with what a person types between digits taken out.
  std::string digits = "i.phone";
  for (const char* separator : {" ", "-", ".", "(", ")", "+"})
    digits = "replace(" + digits + ", '" + separator + "', '')";
  const std::string where =
      " WHERE c.facility_id = ?1 AND ((CAST(?2 AS TEXT) <> '' AND (" + digits + " = '0' || CAST(?2 AS TEXT) OR " +
      digits + " = '62' || CAST(?2 AS TEXT))) OR (CAST(?3 AS TEXT) <> '' AND lower(i.name) LIKE CAST(?3 AS TEXT) "
      "ESCAPE '\\'))";
  return "SELECT c.id, i.name, i.phone, i.address FROM cases c JOIN identities i ON i.submission_id = "
         "c.submission_id" + where +
         " UNION ALL SELECT c.id, i.name, i.phone, i.address FROM cases c JOIN case_identities i ON "
         "i.case_id = c.id" + where + " ORDER BY 1 DESC LIMIT ?4";
}

std::vector<SubjectCase> read_subject_cases(Storage& storage, const std::string& facility_id,
                                            std::vector<std::pair<std::int64_t, reg::Contact>> found) {
  std::vector<SubjectCase> out;
  for (auto& [id, contact] : found) {
    auto c = storage.find_case(facility_id, id);
    if (!c) continue;
    c->history.clear();
    out.push_back({std::move(*c), std::move(contact)});
  }
  return out;
}

}  // namespace kotak::server
