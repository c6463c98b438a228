// Ticket codes: what a patient takes home to ask about a written complaint.
//
// A ticket is nine characters from an alphabet without look-alikes (no 0/O/Q,
// 1/I/L, 2/Z, 5/S, 8/B, U/V), shown in three groups of three, "K7M-4FX-9AC",
// which is easy to read aloud over the phone. Kiosks make tickets with no
// network, so uniqueness comes from randomness: 22^9 is about 1.2·10^12
// codes. Staff look a ticket up within their own puskesmas, so a clash needs
// two tickets of one puskesmas: with 10,000 written complaints a year that is
// about once in 24,000 years, and even then both cases are shown, told apart
// by their text. The public tracking page is reached by the submission's
// UUID (in the QR code) or by the ticket itself, and shows the ticket either
// way, so the code on the kiosk, on the page and in the patient's notes is
// one and the same. A guessed code shows nothing personal (a status and the
// answer staff published), and the server slows down an address whose codes
// keep finding nothing (20 in 15 minutes): guessing one of a district's
// cases would take thousands of years.
#pragma once

#include <string>
#include <string_view>

namespace kotak::core {

inline constexpr std::string_view kTicketAlphabet = "34679ACDEFGHJKMNPRTWXY";
inline constexpr std::size_t kTicketChars = 9;

// A new random ticket, formatted "XXX-XXX-XXX".
std::string new_ticket();
// True for a formatted ticket ("XXX-XXX-XXX" over kTicketAlphabet).
bool is_ticket(std::string_view text);
// What a person typed ("k7m 4fx 9ac", "K7M4FX9AC") as a formatted ticket, or
// empty when it cannot be one.
std::string normalize_ticket(std::string_view typed);

}  // namespace kotak::core
