// What a staff password must be (issue 14 item 6): at least
// kMinPasswordChars characters, not the user name (nor the user name
// turned around or inside it), and not a common password by libpwquality's
// dictionary check (cracklib's word lists, Debian's cracklib-runtime).
// Checked wherever a password is set: `kotak-server user add|password`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kotak::server::staff {

enum class PasswordProblem { too_short, user_name, common };

// The first problem of a password for this user, or nullopt when it is fine.
std::optional<PasswordProblem> password_problem(std::string_view password, std::string_view username);
// Plain English for the operator, with what to do.
std::string describe(PasswordProblem problem);

}  // namespace kotak::server::staff
