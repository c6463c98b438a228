// The Indonesian mobile number rule shared by the kiosk and the dashboard.
#include <doctest/doctest.h>

#include "core/phone.hpp"

using kotak::core::national_phone;
using kotak::core::phone_digits;

TEST_CASE("an Indonesian mobile number is 08... or +62 8..., 10 to 13 digits, however grouped") {
  CHECK(national_phone("081255551234") == "081255551234");
  CHECK(national_phone("0812-5555-1234") == "081255551234");
  CHECK(national_phone(" 0812 5555 1234 ") == "081255551234");
  CHECK(national_phone("+62 812 5555 1234") == "081255551234");
  CHECK(national_phone("62812.5555.1234") == "081255551234");
  CHECK(national_phone("0812345678") == "0812345678");        // 10 digits
  CHECK(national_phone("0812345678901") == "0812345678901");  // 13 digits
}

TEST_CASE("anything else is not a phone number") {
  for (const char* text : {"", "081234", "081234567", "08123456789012", "0272 321456", "+1 212 555 0100",
                           "+62 272 321456", "<svg onload=alert()>", "0812--5555-1234", "0812 5555 1234x",
                           "-0812 5555 1234", "+", "08l2 5555 1234", "0812\t5555\t1234"})
    CHECK_MESSAGE(!national_phone(text), text);
}

TEST_CASE("phone digits compare numbers written in different ways") {
  CHECK(phone_digits("+62 812-5555-1234") == phone_digits("0812 5555 1234"));
  CHECK(phone_digits("(0272) 321456") == "0272321456");
}
