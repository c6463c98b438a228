// See submission.hpp.
#include "core/submission.hpp"

#include <uuid/uuid.h>

#include <algorithm>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/ticket.hpp"

namespace kotak::core {

namespace {

constexpr std::string_view kKindNames[] = {"rating", "written", "skm"};
constexpr std::string_view kTypeNames[] = {"saran", "keluhan", "pujian", "pertanyaan"};
constexpr std::string_view kModeNames[] = {"anonim", "named", "rahasia"};
constexpr std::string_view kFlags[] = {kFlagBurst, kFlagIdleTimeout};
constexpr std::string_view kSexes[] = {"L", "P"};
constexpr std::string_view kEducations[] = {"SD", "SMP", "SMA", "D3", "S1", "S2", "S3"};
constexpr std::string_view kOccupations[] = {"PNS",    "TNI",       "POLRI",
                                             "Swasta", "Wirausaha", "Lainnya"};
constexpr std::string_view kAgeGroups[] = {"<20", "20-29", "30-39", "40-49", "50-59", "60+"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_enum(const std::string_view (&names)[N], std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

template <std::size_t N>
bool one_of(const std::string_view (&names)[N], std::string_view text) {
  return std::find(std::begin(names), std::end(names), text) != std::end(names);
}

// Checks a free-text field; returns a reason or an empty string.
std::string check_text(std::string_view field, std::string_view text, std::size_t max_chars) {
  auto length = utf8_length(text);
  if (!length) return std::string(field) + " is not valid UTF-8";
  if (*length > max_chars)
    return std::string(field) + " has " + std::to_string(*length) + " characters; at most " +
           std::to_string(max_chars) + " are allowed";
  if (has_control_chars(text)) return std::string(field) + " contains control characters";
  return {};
}

std::optional<std::string> validate_identity(const Submission& s) {
  const Identity& id = s.identity;
  struct Field {
    std::string_view name;
    std::string_view value;
    std::size_t max_chars;
  };
  for (const Field& field : {Field{"identity.name", id.name, kMaxNameChars},
                             Field{"identity.phone", id.phone, kMaxPhoneChars},
                             Field{"identity.address", id.address, kMaxAddressChars}}) {
    if (auto reason = check_text(field.name, field.value, field.max_chars); !reason.empty())
      return reason;
  }
  if (!std::all_of(id.phone.begin(), id.phone.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-';
      }))
    return "identity.phone may hold only digits, spaces, '+' and '-'";
  if (s.identity_mode == IdentityMode::anonim && s.has_identity())
    return "an anonymous submission must not carry a name, phone or address";
  if (!s.sealed_identity.empty()) {
    // What is inside is checked where it is opened (the server).
    if (!id.empty()) return "a submission carries its identity sealed or plain, not both";
    if (s.sealed_identity.size() > kMaxSealedIdentityChars)
      return "identity_sealed is longer than a sealed identity can be";
    return std::nullopt;
  }
  if (s.identity_mode == IdentityMode::named && id.name.empty() && id.phone.empty())
    return "identity_mode named needs a name or a phone number";
  return std::nullopt;
}

std::optional<std::string> validate_skm(const Submission& s) {
  if (s.kind != Kind::skm) {
    if (s.skm) return "only a submission of kind skm may carry survey answers";
    return std::nullopt;
  }
  if (!s.skm) return "a submission of kind skm needs survey answers";
  bool any = false;
  for (int score : s.skm->scores) {
    if (score < 0 || score > 4) return "SKM scores must be 1 to 4 (0 for a skipped question)";
    any = any || score > 0;
  }
  if (!any) return "an SKM response needs at least one answered element";
  const SkmProfile& p = s.skm->profile;
  if (!p.sex.empty() && !one_of(kSexes, p.sex)) return "skm.profile.sex must be L or P";
  if (!p.age_group.empty() && !one_of(kAgeGroups, p.age_group))
    return "skm.profile.age_group must be one of <20, 20-29, 30-39, 40-49, 50-59, 60+";
  if (!p.education.empty() && !one_of(kEducations, p.education))
    return "skm.profile.education must be one of SD, SMP, SMA, D3, S1, S2, S3";
  if (!p.occupation.empty() && !one_of(kOccupations, p.occupation))
    return "skm.profile.occupation must be one of PNS, TNI, POLRI, Swasta, Wirausaha, Lainnya";
  if (!p.service.empty() && !is_identifier(p.service))
    return "skm.profile.service must be a unit id";
  return std::nullopt;
}

// The bytes are not decoded here (the server and the browser do): a
// recording must look like Ogg and fit its bounds.
std::optional<std::string> validate_audio(const Submission& s) {
  if (s.audio.empty()) {
    if (s.audio_ms != 0) return "audio_ms is set only with a recording";
    return std::nullopt;
  }
  if (s.kind != Kind::written) return "only written submissions carry a recording";
  if (s.audio.size() > kMaxAudioBytes)
    return "the recording is longer than " + std::to_string(kMaxAudioBytes) + " bytes";
  if (s.audio.compare(0, 4, "OggS") != 0) return "the recording is not Ogg (Ogg/Opus expected)";
  if (s.audio_ms <= 0 || s.audio_ms > kMaxAudioSeconds * 1000 + 1000)
    return "audio_ms must be 1.." + std::to_string(kMaxAudioSeconds * 1000 + 1000);
  return std::nullopt;
}

std::optional<std::string> validate_kind(const Submission& s) {
  switch (s.kind) {
    case Kind::rating:
      if (!s.rating) return "a rating needs a face (1 to 4)";
      if (!s.text.empty() || s.type) return "a rating carries no text or type";
      break;
    case Kind::written:
      if (trim(s.text).empty() && s.audio.empty())
        return "a written submission needs text or a recording";
      if (!s.type) return "a written submission needs a type (saran, keluhan, pujian, pertanyaan)";
      if (!is_ticket(s.ticket)) return "a written submission needs a ticket code like ABCD-EFGH";
      break;
    case Kind::skm:
      if (!s.text.empty() || s.type) return "an SKM response carries no text or type";
      break;
  }
  if (auto reason = validate_audio(s)) return reason;
  if (s.kind != Kind::written && !s.ticket.empty())
    return "only written submissions carry a ticket";
  if (s.kind != Kind::written && s.has_identity())
    return "only written submissions carry contact details";
  return std::nullopt;
}

std::optional<std::string> validate_correction(const Submission& s) {
  if (s.replaces.empty()) {
    if (s.revision != 0) return "revision is set only on a correction (with replaces)";
    return std::nullopt;
  }
  if (s.kind != Kind::rating) return "only a face (kind rating) can be corrected";
  if (!is_uuid(s.replaces)) return "replaces must be the lower-case UUID of the first face";
  if (s.replaces == s.id) return "a submission cannot replace itself";
  if (s.revision < 1 || s.revision > kMaxRevision)
    return "revision must be 1 to " + std::to_string(kMaxRevision) + " on a correction";
  return std::nullopt;
}

}  // namespace

bool Submission::has_flag(std::string_view flag) const {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

bool is_identifier(std::string_view text) {
  return !text.empty() && text.size() <= kMaxIdChars &&
         std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
         });
}

std::optional<std::string> validate(const Submission& s) {
  if (!is_uuid(s.id)) return "id must be a lower-case UUID";
  if (!is_identifier(s.device_id)) return "device_id must be 1-64 of A-Z a-z 0-9 . _ -";
  if (!is_identifier(s.facility_id)) return "facility_id must be 1-64 of A-Z a-z 0-9 . _ -";
  // 2020-01-01 .. 2100-01-01: a clock far outside this is a broken RTC, not a date.
  if (s.created_at.unix_ms < 1577836800000 || s.created_at.unix_ms > 4102444800000)
    return "created_at is outside 2020-2100; check the device clock";
  if (s.created_at.utc_offset_min < -720 || s.created_at.utc_offset_min > 840)
    return "utc offset must be between -12:00 and +14:00";
  if (s.rating && (*s.rating < 1 || *s.rating > 4)) return "rating must be 1 to 4";
  if (!s.unit.empty() && !is_identifier(s.unit)) return "unit must be a unit id from the config";
  if (auto reason = check_text("text", s.text, kMaxTextChars); !reason.empty()) return reason;
  if (!is_language_code(s.language)) return "language must be " + language_codes_text();
  for (const auto& flag : s.flags)
    if (!one_of(kFlags, flag)) return "unknown flag '" + flag + "'";
  if (!s.clock.boot_id.empty() && !is_boot_id(s.clock.boot_id))
    return "clock.boot must be a boot id: 1-64 of 0-9 a-f -";
  if (auto reason = validate_kind(s)) return reason;
  if (auto reason = validate_correction(s)) return reason;
  if (auto reason = validate_identity(s)) return reason;
  return validate_skm(s);
}

std::string new_uuid() {
  uuid_t raw;
  uuid_generate_random(raw);
  char text[37];
  uuid_unparse_lower(raw, text);
  return text;
}

std::string new_submission_id(std::int64_t unix_ms) {
  uuid_t raw;
  uuid_generate_random(raw);  // the random bits and the variant (10)
  const auto ms = static_cast<std::uint64_t>(std::max<std::int64_t>(unix_ms, 0));
  for (int i = 0; i < 6; ++i) raw[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  raw[6] = static_cast<unsigned char>((raw[6] & 0x0f) | 0x70);  // version 7
  char text[37];
  uuid_unparse_lower(raw, text);
  return text;
}

std::string new_submission_id() { return new_submission_id(now().unix_ms); }

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

std::string_view to_string(Kind kind) { return kKindNames[static_cast<int>(kind)]; }
std::string_view to_string(FeedbackType type) { return kTypeNames[static_cast<int>(type)]; }
std::string_view to_string(IdentityMode mode) { return kModeNames[static_cast<int>(mode)]; }
std::optional<Kind> parse_kind(std::string_view text) { return parse_enum<Kind>(kKindNames, text); }
std::optional<FeedbackType> parse_feedback_type(std::string_view text) {
  return parse_enum<FeedbackType>(kTypeNames, text);
}
std::optional<IdentityMode> parse_identity_mode(std::string_view text) {
  return parse_enum<IdentityMode>(kModeNames, text);
}

}  // namespace kotak::core
