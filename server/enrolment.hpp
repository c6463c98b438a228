// Enrolment codes: how a technician enrols a kiosk without carrying a token
// file to it (issue 17). The district admin makes a code for a facility
// (`kotak-server device code`); the technician types it on the kiosk's admin
// screen or runs `kotak-sync enroll CODE`; the kiosk sends it to
// POST /api/v1/enrol and gets its device token back.
//
// A code is 8 symbols of Crockford's base32 (no I, L, O or U), shown as
// "K7QM-4XPD": 40 random bits, easy to read aloud and type on a touch
// keyboard. What is typed is forgiven the way Crockford's alphabet intends:
// lower case, spaces and dashes, O for 0, I or L for 1. A code is single use
// and expires (24 hours by default); wrong codes count against the sender's
// address like failed log-ins, so 40 bits are far out of a guesser's reach.
// Only the SHA-256 of a code is stored.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kotak::server {

inline constexpr int kEnrolmentCodeSymbols = 8;

// A new random code, "XXXX-XXXX". Needs sodium_init() to have run.
std::string new_enrolment_code();
// The code's 8 symbols as stored (upper case, no dash), or nullopt when the
// text cannot be a code.
std::optional<std::string> normalise_enrolment_code(std::string_view typed);
// What the storage keeps of a normalised code.
std::string hash_enrolment_code(std::string_view normalised);

}  // namespace kotak::server
