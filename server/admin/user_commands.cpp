// `kotak-server user add|list|password|disable|enable`: the staff accounts of
// the dashboard. Passwords are read from a file or from standard input
// (typed without echo on a terminal), never from the command line, where
// other users could see them in the process list.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "server/admin/admin.hpp"
#include "server/staff/password.hpp"
#include "server/staff/password_policy.hpp"
#include "server/units.hpp"

namespace kotak::server::admin {

namespace {

std::string read_line_quietly(const char* prompt) {
  bool terminal = isatty(STDIN_FILENO);
  termios saved{};
  if (terminal) {
    std::fprintf(stderr, "%s", prompt);
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  return line;
}

std::string read_password(const std::filesystem::path& file, const std::string& username) {
  std::string password;
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in || !std::getline(in, password)) throw std::runtime_error("cannot read a password from " + file.string());
  } else {
    password = read_line_quietly("Password: ");
    if (isatty(STDIN_FILENO) && read_line_quietly("Again: ") != password)
      throw std::runtime_error("the two passwords differ; nothing was changed");
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (auto problem = staff::password_problem(password, username))
    throw std::runtime_error(staff::describe(*problem) + "; nothing was changed");
  return password;
}

// The staff log's line for a change made on the command line.
void log_change(Storage& storage, const std::string& action, const std::string& username,
                const std::string& detail = "") {
  auto user = storage.user(username);
  storage.add_staff_log({core::now().unix_ms, std::nullopt, "kotak-server", action, username,
                         user ? user->facility_id : "", detail});
}

// The config's rule for a mail address (core::plausible_address); "" is none.
std::string checked_email(const std::string& email) {
  auto e = core::trim(email);
  if (!e.empty() && !core::plausible_address(e))
    throw std::runtime_error("\"" + e + "\" does not look like a mail address (e.g. sari@puskesmas.example.go.id)");
  return e;
}

}  // namespace

int user_add(Storage& storage, const core::ServerConfig& config, const UserOptions& o) {
  auto role = staff::parse_role(o.role);
  if (!role) throw std::runtime_error("the role must be petugas, mutu, kepala, unit or admin");
  if (!staff::is_username(o.username))
    throw std::runtime_error("the user name must be 1 to 64 of a-z 0-9 . _ - (e.g. sari.petugas)");
  if (*role == staff::Role::admin && !o.facility.empty())
    throw std::runtime_error("an admin sees every facility: leave out --facility");
  if (*role != staff::Role::admin && o.facility.empty())
    throw std::runtime_error("say which puskesmas the user works for: --facility ID");
  if (*role == staff::Role::unit) {
    if (o.unit.empty()) throw std::runtime_error("say which unit the account answers for: --unit ID");
    auto units = facility_units(storage, config.units, o.facility);
    std::string known;
    for (const auto& u : units) {
      if (u.id == o.unit) known = u.id;
    }
    if (known.empty()) {
      std::string list;
      for (const auto& u : units) list += (list.empty() ? "" : ", ") + u.id;
      throw std::runtime_error("'" + o.unit + "' is not a unit of " + o.facility + " (its units: " +
                               (list.empty() ? "none" : list) + "); nothing was added");
    }
  } else if (!o.unit.empty()) {
    throw std::runtime_error("only a unit account has a unit: leave out --unit, or use --role unit");
  }
  if (o.dpo && !staff::may_be_dpo(*role))
    throw std::runtime_error("only a petugas, mutu or kepala can be the data-protection officer (--dpo)");
  auto name = core::trim(o.name.empty() ? o.username : o.name);
  auto length = core::utf8_length(name);
  if (!length || *length > 100 || core::has_control_chars(name))
    throw std::runtime_error("the name must be 1 to 100 characters of plain text");
  staff::User user;
  user.username = o.username;
  user.display_name = name;
  user.facility_id = o.facility;
  user.role = *role;
  user.unit = o.unit;
  user.dpo = o.dpo;
  user.email = checked_email(o.email);
  user.password_hash = staff::hash_password(read_password(o.password_file, o.username));
  user.created_ms = core::now().unix_ms;
  storage.add_user(user);
  log_change(storage, "user.create", user.username,
             o.role + (o.unit.empty() ? "" : " " + o.unit) + (o.dpo ? " dpo" : ""));
  std::printf("User %s (%s, %s%s) added. They log in at the dashboard, /app/ of this server.\n",
              user.username.c_str(), name.c_str(), o.role.c_str(),
              o.facility.empty() ? ", all facilities" : (", " + o.facility).c_str());
  return 0;
}

int user_list(Storage& storage, const std::string& facility_id) {
  auto users = storage.users(facility_id);
  if (users.empty()) {
    std::printf("No users yet. Add one with: kotak-server user add --facility F --role petugas --username U\n");
    return 0;
  }
  std::printf("%-24s %-28s %-18s %-24s %s\n", "USER", "NAME", "ROLE", "FACILITY", "STATE");
  for (const auto& u : users) {
    // "unit:apotek", "kepala+dpo".
    std::string role(staff::to_string(u.role));
    if (!u.unit.empty()) role += ":" + u.unit;
    if (u.dpo) role += "+dpo";
    std::printf("%-24s %-28s %-18s %-24s %s\n", u.username.c_str(), u.display_name.c_str(), role.c_str(),
                u.facility_id.empty() ? "*" : u.facility_id.c_str(),
                u.disabled_ms ? ("disabled " + local_time(u.disabled_ms)).c_str() : "active");
  }
  return 0;
}

int user_password(Storage& storage, const UserOptions& o) {
  if (!storage.user(o.username)) throw std::runtime_error("there is no user '" + o.username + "'");
  storage.set_password(o.username, staff::hash_password(read_password(o.password_file, o.username)));
  log_change(storage, "password.set", o.username);
  std::printf("Password of %s changed; their open sessions have ended.\n", o.username.c_str());
  return 0;
}

int user_disable(Storage& storage, const std::string& username, bool disable) {
  storage.set_disabled(username, disable ? std::optional(core::now().unix_ms) : std::nullopt);
  log_change(storage, disable ? "user.disable" : "user.enable", username);
  std::printf(disable ? "User %s disabled; their sessions have ended.\n" : "User %s enabled.\n", username.c_str());
  return 0;
}

int user_dpo(Storage& storage, const std::string& username, bool dpo) {
  auto user = storage.user(username);
  if (!user) throw std::runtime_error("there is no user '" + username + "'");
  if (dpo && !staff::may_be_dpo(user->role))
    throw std::runtime_error("only a petugas, mutu or kepala can be the data-protection officer; " + username +
                             " is " + std::string(staff::to_string(user->role)));
  storage.set_dpo(username, dpo);
  log_change(storage, dpo ? "user.dpo_on" : "user.dpo_off", username);
  std::printf(dpo ? "%s is now the data-protection officer of %s: they review every identity view.\n"
                  : "%s is no longer the data-protection officer of %s.\n",
              username.c_str(), user->facility_id.c_str());
  return 0;
}

int user_email(Storage& storage, const std::string& username, const std::string& email) {
  auto address = checked_email(email);
  if (!storage.user(username)) throw std::runtime_error("there is no user '" + username + "'");
  storage.set_email(username, address);
  log_change(storage, "user.email", username, address);
  if (address.empty())
    std::printf("%s gets no reminders by mail any more.\n", username.c_str());
  else
    std::printf("%s gets reminders at %s.\n", username.c_str(), address.c_str());
  return 0;
}

int user_totp_reset(Storage& storage, const std::string& username) {
  auto user = storage.user(username);
  if (!user) throw std::runtime_error("there is no user '" + username + "'");
  if (user->totp_secret.empty() && user->totp_pending.empty()) {
    std::printf("%s has no second factor; nothing was changed.\n", username.c_str());
    return 0;
  }
  storage.clear_totp(user->id);
  log_change(storage, "totp.reset", username);
  std::printf("Second factor of %s turned off: they log in with their password and may set it up again.\n",
              username.c_str());
  return 0;
}

}  // namespace kotak::server::admin
