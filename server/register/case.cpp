// See case.hpp.
#include "server/register/case.hpp"

#include <cstdio>

namespace kotak::server::reg {

namespace {

constexpr std::string_view kStatusNames[] = {"baru",       "diverifikasi", "diteruskan",
                                             "ditanggapi", "selesai",      "bukan_wewenang",
                                             "arsip"};
constexpr std::string_view kChannelNames[] = {"kiosk",   "kotak_saran",  "sms_wa",
                                              "telepon", "email",        "website",
                                              "media_sosial", "tatap_muka", "formulir",
                                              "qr_ponsel"};
constexpr std::string_view kAnswerChannelNames[] = {"telepon",    "sms_wa", "email", "website",
                                                    "tatap_muka", "surat",  "papan"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse(std::string_view text, const std::string_view (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Status status) { return kStatusNames[static_cast<int>(status)]; }
std::string_view to_string(Channel channel) { return kChannelNames[static_cast<int>(channel)]; }
std::string_view to_string(AnswerChannel channel) {
  return kAnswerChannelNames[static_cast<int>(channel)];
}
std::optional<Status> parse_status(std::string_view text) { return parse<Status>(text, kStatusNames); }
std::optional<Channel> parse_channel(std::string_view text) {
  return parse<Channel>(text, kChannelNames);
}
std::optional<AnswerChannel> parse_answer_channel(std::string_view text) {
  return parse<AnswerChannel>(text, kAnswerChannelNames);
}

bool is_open(Status status) {
  return status == Status::baru || status == Status::diverifikasi || status == Status::diteruskan;
}

bool is_closed(Status status) {
  return status == Status::selesai || status == Status::bukan_wewenang || status == Status::arsip;
}

bool allowed_transition(Status from, Status to) {
  using enum Status;
  if (from == to) return false;
  switch (from) {
    // A new case is verified, or found not to be the puskesmas' business.
    // An urgent one may be forwarded at once (SOP step 5).
    case baru:
      return to == diverifikasi || to == diteruskan || to == bukan_wewenang;
    case diverifikasi:
      return to == diteruskan || to == bukan_wewenang;
    // A unit may hand a case back for another look.
    case diteruskan:
      return to == diverifikasi;
    // After the answer: closed, or sent to a unit again when it needs more
    // follow-up (unresolved cases go on, SOP step 8).
    case ditanggapi:
      return to == selesai || to == diteruskan;
    case selesai:
      return to == arsip || to == ditanggapi;  // reopened: the answer did not settle it
    case bukan_wewenang:
      return to == arsip || to == diverifikasi;  // a mistaken exit is undone
    case arsip:
      return false;
  }
  return false;
}

std::vector<Status> next_statuses(Status from) {
  std::vector<Status> out;
  for (Status to : kStatuses)
    if (allowed_transition(from, to)) out.push_back(to);
  return out;
}

Status answered_status(Status current) {
  return is_open(current) ? Status::ditanggapi : current;
}

std::string register_label(std::int64_t number, int year) {
  char text[48];
  std::snprintf(text, sizeof text, "%04lld/%d", static_cast<long long>(number), year);
  return text;
}

}  // namespace kotak::server::reg
