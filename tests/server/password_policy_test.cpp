// What a staff password must be (issue 14 item 6).
#include <doctest/doctest.h>

#include "server/staff/password_policy.hpp"

using namespace kotak::server::staff;

TEST_CASE("a staff password: ten characters or more, not the user name, not a common password") {
  CHECK(password_problem("12345678", "sari") == PasswordProblem::too_short);
  CHECK(password_problem("rahasia", "sari") == PasswordProblem::too_short);
  CHECK(password_problem("sariwulandari", "sariwulandari") == PasswordProblem::user_name);
  CHECK(password_problem("Sari-2026-pkm", "sari") == PasswordProblem::user_name);
  CHECK(password_problem("iras-loket-12", "sari") == PasswordProblem::user_name);
  for (const char* common : {"1234567890", "password123", "qwertyuiop", "abcdefghij"})
    CHECK_MESSAGE(password_problem(common, "dewi") == PasswordProblem::common, common);
  CHECK_FALSE(password_problem("rahasia-123", "sari"));  // the test suites' password
  CHECK_FALSE(password_problem("kipas angin biru di loket tiga", "sari"));
  CHECK(describe(PasswordProblem::too_short).find("10 characters") != std::string::npos);
}
