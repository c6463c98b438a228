// Finding personal data in text staff write for the public, and taking it
// out again (issue 14 items 1 and 4; DOMAIN.md "Personal data").
//
// Published text (the board, the kiosks, /papan, the ticket page) must
// never hold a name, phone number, address, email address or NIK. A person
// cannot be trusted to notice "Rina" in a paragraph at the end of a long
// day, so the server looks before it publishes, and refuses naming what it
// found. What it looks for:
// - the case's own contact details: each word of the reporter's name
//   (three letters or more, honorifics such as "Ibu" left out) as a whole
//   word in any case; the whole address, and its first part (the street,
//   before the first comma) when that has two words or more, so that the
//   name of the town alone does not count; the case's own phone number
//   however it is written; its email address;
// - anyone's: an Indonesian mobile number (core/phone.hpp), a 16-digit
//   NIK (the national identity number, with or without separators), an
//   email address.
// The same search, with every finding replaced, erases a person from the
// text of their case when their identity is erased (retention, the right to
// erasure), so that what stays for statistics names nobody.
//
// Pure functions over text: shared by every storage engine (which checks a
// publication inside its transaction) and the dashboard.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/register/case.hpp"

namespace kotak::server::reg {

enum class PersonalKind { name, address, phone, email, nik };

struct Finding {
  PersonalKind kind;
  std::size_t offset = 0;  // bytes into the text
  std::size_t length = 0;
  std::string text;        // what was found, as written
};

std::string_view to_string(PersonalKind kind);

// Every finding in text, in order of offset; overlapping ones are merged
// into the first.
std::vector<Finding> find_personal_data(std::string_view text, const Contact& own);

// text with every finding replaced by mark.
inline constexpr std::string_view kErasedMark = "[…]";
std::string redact(std::string_view text, const Contact& own,
                   std::string_view mark = kErasedMark);

}  // namespace kotak::server::reg
