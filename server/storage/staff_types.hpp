// What the storage keeps of staff accounts besides the users themselves
// (storage.hpp, staff/user.hpp): sessions, half-finished log-ins, one-time
// codes and the log of account changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/staff/user.hpp"

namespace kotak::server {

// A staff session: only the SHA-256 of its cookie token is stored.
struct Session {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf;  // sent back by the browser in X-Kotak-CSRF on every change
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;  // absolute end
};

struct SessionUser {
  staff::User user;
  std::string csrf;
  std::string facility_name;  // empty for admin
};

// A half-finished log-in (issue 14 item 6): the password was right and the
// second factor is still to come (kind "totp"), or a one-time code was
// right and a new password is still to be set (kind "password"). It grants
// nothing but that next step; only the SHA-256 of its token is kept.
struct LoginChallenge {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string kind;  // "totp" or "password"
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;
};

// A one-time code an admin or kepala makes for one user: a first password
// or a password reset. Single use, short-lived, only its hash kept.
struct OneTimeCode {
  std::string code_hash;
  std::int64_t user_id = 0;
  std::string created_by;  // the user name of who made it
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;
};
enum class CodeOutcome { accepted, unknown, used, expired };

// One change to an account: who did what to whom, when. Never a secret.
struct StaffLogEntry {
  std::int64_t at_ms = 0;
  std::optional<std::int64_t> actor_id;  // nullopt: the command line
  std::string actor_name;
  std::string action;       // "user.create", "user.disable", "totp.reset", ...
  std::string target;       // the user name acted on
  std::string facility_id;  // the target's ("" for an admin)
  std::string detail;       // e.g. the role given; never a password or code
};

}  // namespace kotak::server
