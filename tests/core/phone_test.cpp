// The Indonesian mobile number rule shared by the kiosk and the dashboard:
// what the dashboard's contact fields must refuse (issue 14 item 7).
#include <doctest/doctest.h>

#include "core/phone.hpp"

using kotak::core::check_phone;
using kotak::core::PhoneCheck;

TEST_CASE("the dashboard's phone field follows the kiosk's rule: markup and landlines are no mobile numbers") {
  CHECK(check_phone("<svg onload=alert()>") == PhoneCheck::bad_characters);
  CHECK(check_phone("0812-5555-1234") == PhoneCheck::ok);
  CHECK(check_phone("+62 812 5555 1234") == PhoneCheck::ok);
  CHECK(check_phone("(0272) 321456") == PhoneCheck::bad_characters);
  CHECK(check_phone("0272 321456") == PhoneCheck::not_mobile);
  CHECK(check_phone("0812 5555 1234x") == PhoneCheck::bad_characters);
  CHECK(kotak::core::national_phone("+62 812 5555 1234") == "081255551234");
}
