// The phone pages' HTML (issue 18): the page a patient's phone opens from
// the kiosk's QR code, and the plain page of a code that is no longer good.
// Rendered on the server in one language from the kiosk's own catalogs
// (assets/i18n/kiosk), so the phone asks the same nine SKM questions, with
// the same answers and profile, as the kiosk. Everything a patient or staff
// member typed (a facility or unit name) is escaped: shown as text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/i18n.hpp"

namespace kotak::server {

struct PhonePage {
  std::string facility_id;
  std::string facility_name;
  std::string language;  // id, en or jv
  std::vector<std::string> languages;  // offered as links
  std::string token;     // the QR token the page was opened with
  std::int64_t window = 0;
  std::vector<core::Unit> units;
};

std::string html_escape(const std::string& text);

// The whole page with both forms; phone.js shows one step at a time.
std::string phone_page_html(const PhonePage& page, const core::Catalog& words);

// "Scan the kiosk's code again", in Bahasa Indonesia and English.
std::string phone_expired_html(const core::Catalog& indonesian, const core::Catalog& english);

}  // namespace kotak::server
