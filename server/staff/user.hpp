// Staff accounts and what each role may do (issue 5, "People and access").
//
//   role     facility      register  change cases  answer  review (RTL)  publish  identity
//   petugas  own           read      yes           yes     no            yes      yes
//   mutu     own           read      yes           yes     yes           yes      no
//   kepala   own           read      yes           yes     yes           yes      yes
//   admin    all (district) read     no            no      no            no       no
//   unit     own, one unit  its inbox its answer   no      no            no       no
//
// Identity (name, phone, address) is personal data (UU 27/2022): it is shown
// only to the roles that answer complaints to the person, the complaint
// officer and the head who confirms urgent answers (SOP step 5), and every
// view is written to the case's history. The quality team works on the
// content, not on who sent it. The district admin reads every facility's
// register and reports but does not run a puskesmas' register.
//
// A unit (issue 15 item 2: poli umum, apotek, laboratorium...) answers for
// itself: it reads only the cases forwarded to it, never who sent them,
// and writes its answer back to the complaint officer. Everything else of
// the dashboard refuses it, on the server (dashboard/auth.cpp).
//
// The facility's data-protection officer (issue 14 item 3, users.dpo) is a
// petugas, mutu or kepala who also reviews every identity view.
//
// The SKM report (issue 6) is aggregate, with no personal data: every role
// reads it. Its population and CSV imports are kept by the quality team, the
// head and the district admin (who often runs the district's SKM web site);
// its follow-up plan (RTL) is written by those who review: mutu and kepala.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kotak::server::staff {

enum class Role { petugas, mutu, kepala, admin, unit };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct User {
  std::int64_t id = 0;
  std::string username;      // what is typed at log-in: 1..64 of [a-z0-9._-]
  std::string display_name;  // shown in the history and on answers
  std::string facility_id;   // empty for admin
  Role role = Role::petugas;
  std::string password_hash;  // crypto_pwhash_str (argon2id)
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> disabled_ms;
  // The second factor (totp.hpp): the base32 key once confirmed ("" none),
  // the key offered at enrolment and not yet confirmed, the last step used.
  std::string totp_secret = {};
  std::string totp_pending = {};
  std::optional<std::int64_t> totp_last_step = {};
  std::string unit = {};  // a unit account's unit id ("" for every other role)
  bool dpo = false;       // the facility's data-protection officer
  std::string email = {};  // where reminders reach the account ("" none; issue 15 item 3)
};

inline bool can_change_cases(Role r) { return r != Role::admin && r != Role::unit; }
inline bool can_answer(Role r) { return r != Role::admin && r != Role::unit; }
inline bool can_review(Role r) { return r == Role::mutu || r == Role::kepala; }
inline bool can_publish(Role r) { return r != Role::admin && r != Role::unit; }
inline bool can_see_identity(Role r) { return r == Role::petugas || r == Role::kepala; }
// Rahasia (docs/dashboard.md, "Privacy"): the reporter's identity is seen by
// the complaint officer alone, each look with a reason; the text is read by
// the facility's handlers, never by the district.
inline bool can_see_rahasia_identity(Role r) { return r == Role::petugas; }
inline bool can_read_rahasia_text(Role r) { return r != Role::admin && r != Role::unit; }
// Only a facility's own staff who handle its cases may be its DPO.
inline bool may_be_dpo(Role r) { return r == Role::petugas || r == Role::mutu || r == Role::kepala; }
// Who may own a case (issue 15 item 1): those who work the facility's cases,
// never a unit's account nor the district admin.
inline bool may_own_cases(Role r) { return r == Role::petugas || r == Role::mutu || r == Role::kepala; }
// The head answers for personal data in the puskesmas: who looked, when,
// why; so does the facility's data-protection officer, when there is one.
inline bool can_review_access(Role r) { return r == Role::kepala; }
inline bool can_review_access(const User& u) { return can_review_access(u.role) || (u.dpo && may_be_dpo(u.role)); }
// Finds, exports and erases a person's records on their request (UU
// 27/2022): the head of a puskesmas, never the district admin.
inline bool can_serve_data_subject(Role r) { return r == Role::kepala; }
inline bool is_unit(Role r) { return r == Role::unit; }
inline bool all_facilities(Role r) { return r == Role::admin; }
inline bool can_manage_skm(Role r) { return r != Role::petugas && r != Role::unit; }
// Accounts (issue 14 item 6): the district admin manages every account, the
// head of a puskesmas those of their own facility (never an admin); the
// second factor is offered to the two roles that manage accounts.
inline bool can_manage_users(Role r) { return r == Role::admin || r == Role::kepala; }
inline bool can_use_totp(Role r) { return r == Role::admin || r == Role::kepala; }
// Whether `actor` may create, disable, enable or reset an account of this
// role and facility ("" for an admin).
bool may_manage(const User& actor, Role role, const std::string& facility_id);

bool is_username(std::string_view text);

}  // namespace kotak::server::staff
