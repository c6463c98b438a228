// See user.hpp.
#include "server/staff/user.hpp"

namespace kotak::server::staff {

namespace {
constexpr std::string_view kRoleNames[] = {"petugas", "mutu", "kepala", "admin", "unit"};
}

std::string_view to_string(Role role) { return kRoleNames[static_cast<int>(role)]; }

std::optional<Role> parse_role(std::string_view text) {
  for (int i = 0; i < 5; ++i)
    if (kRoleNames[i] == text) return static_cast<Role>(i);
  return std::nullopt;
}

bool is_username(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

bool may_manage(const User& actor, Role role, const std::string& facility_id) {
  if (actor.disabled_ms) return false;
  if (actor.role == Role::admin) return true;
  return actor.role == Role::kepala && role != Role::admin && !facility_id.empty() &&
         facility_id == actor.facility_id;
}

}  // namespace kotak::server::staff
