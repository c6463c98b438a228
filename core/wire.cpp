// See wire.hpp.
#include "core/wire.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/digest.hpp"
#include "core/secret_file.hpp"
#include "core/text.hpp"
#include "core/wire_reader.hpp"

namespace kotak::core::wire {

using nlohmann::json;
using namespace reader;

namespace {

json encode_skm(const SkmResponse& skm) {
  json answers = json::object();
  for (int i = 0; i < kSkmElements; ++i)
    if (skm.scores[i] > 0) answers[std::string(kSkmCodes[i])] = skm.scores[i];
  json profile = json::object();
  const SkmProfile& p = skm.profile;
  for (auto [key, value] :
       {std::pair{"sex", &p.sex}, std::pair{"age_group", &p.age_group},
        std::pair{"education", &p.education}, std::pair{"occupation", &p.occupation},
        std::pair{"service", &p.service}})
    if (!value->empty()) profile[key] = *value;
  return json{{"answers", answers}, {"profile", profile}};
}

SkmResponse decode_skm(const json& value, const std::string& path) {
  Fields fields(value, path);
  SkmResponse skm;
  const json* answers = fields.get("answers");
  if (!answers) throw FieldError(path + ".answers is missing");
  Fields scores(*answers, path + ".answers");
  for (int i = 0; i < kSkmElements; ++i)
    if (auto score = scores.integer(std::string(kSkmCodes[i]), 1, 4))
      skm.scores[i] = static_cast<int>(*score);
  scores.finish();
  if (const json* profile = fields.get("profile")) {
    Fields p(*profile, path + ".profile");
    skm.profile = {p.string("sex", 8), p.string("age_group", 16), p.string("education", 16),
                   p.string("occupation", 32), p.string("service", kMaxIdChars)};
    p.finish();
  }
  fields.finish();
  return skm;
}

// The device clock of an answer (clock_state.hpp): left out when nothing is
// known, as an old kiosk sends it.
void add_clock(json& item, const ClockState& clock) {
  json out = json::object();
  if (clock.synchronised) out["synchronised"] = *clock.synchronised;
  if (!clock.boot_id.empty()) out["boot"] = clock.boot_id;
  if (!out.empty()) item["clock"] = std::move(out);
}

ClockState decode_clock(const json& value, const std::string& path) {
  Fields fields(value, path);
  ClockState clock;
  if (fields.get("synchronised")) clock.synchronised = fields.boolean("synchronised");
  clock.boot_id = fields.string("boot", 64);
  if (!clock.boot_id.empty() && !is_boot_id(clock.boot_id))
    throw FieldError(path + ".boot must be a boot id: 1-64 of 0-9 a-f -");
  fields.finish();
  return clock;
}

// A recording's bytes could be 2 MB: the canonical text names them by
// their SHA-256 (so the content hash covers every byte), the item sent
// carries them as base64.
enum class Audio { digest, bytes };

// The content of a submission; the clock is added by encode_submission only,
// so that canonical() (and every stored content hash) stays what it was.
json to_json(const Submission& s, Audio audio = Audio::digest) {
  json item{{"id", s.id},
            {"created_at", format_iso8601(s.created_at)},
            {"kind", to_string(s.kind)},
            {"urgent", s.urgent},
            {"identity_mode", to_string(s.identity_mode)},
            {"language", s.language}};
  if (s.rating) item["rating"] = *s.rating;
  if (!s.unit.empty()) item["unit"] = s.unit;
  if (s.type) item["type"] = to_string(*s.type);
  if (!s.text.empty()) item["text"] = s.text;
  if (!s.identity.empty()) {
    json identity = json::object();
    if (!s.identity.name.empty()) identity["name"] = s.identity.name;
    if (!s.identity.phone.empty()) identity["phone"] = s.identity.phone;
    if (!s.identity.address.empty()) identity["address"] = s.identity.address;
    item["identity"] = identity;
  }
  if (!s.sealed_identity.empty()) item["identity_sealed"] = s.sealed_identity;
  if (!s.flags.empty()) item["flags"] = s.flags;
  if (!s.ticket.empty()) item["ticket"] = s.ticket;
  if (s.skm) item["skm"] = encode_skm(*s.skm);
  // Only spoken complaints carry it, so every other content hash stays.
  if (!s.audio.empty())
    item["audio"] = audio == Audio::bytes
                        ? json{{"ms", s.audio_ms}, {"ogg", secret_file::to_base64(s.audio)}}
                        : json{{"ms", s.audio_ms}, {"sha256", sha256_hex(s.audio)}};
  // Only corrections carry these, so every other submission's canonical
  // text (and content hash) is what it was before corrections existed.
  if (s.is_correction()) {
    item["replaces"] = s.replaces;
    item["revision"] = s.revision;
  }
  return item;
}

Submission from_json(const json& value, const std::string& path) {
  Fields fields(value, path);
  Submission s;
  s.id = fields.string("id", 36, true);
  auto created = fields.string("created_at", 40, true);
  auto timestamp = parse_iso8601(created);
  if (!timestamp)
    throw FieldError(path + ".created_at must look like 2026-11-23T12:47:00.123+07:00");
  s.created_at = *timestamp;
  s.kind = parse_enum_field<Kind>(fields, "kind", parse_kind, "rating, written, skm");
  if (auto rating = fields.integer("rating", 1, 4)) s.rating = static_cast<int>(*rating);
  s.unit = fields.string("unit", kMaxIdChars);
  if (fields.get("type"))
    s.type = parse_enum_field<FeedbackType>(fields, "type", parse_feedback_type,
                                            "saran, keluhan, pujian, pertanyaan");
  s.text = fields.string("text", kMaxTextChars);
  s.urgent = fields.boolean("urgent");
  s.identity_mode = parse_enum_field<IdentityMode>(fields, "identity_mode", parse_identity_mode,
                                                   "anonim, named, rahasia");
  if (const json* identity = fields.get("identity")) {
    Fields id(*identity, path + ".identity");
    s.identity = {id.string("name", kMaxNameChars), id.string("phone", kMaxPhoneChars),
                  id.string("address", kMaxAddressChars)};
    id.finish();
  }
  s.sealed_identity = fields.string("identity_sealed", kMaxSealedIdentityChars);
  s.language = fields.string("language", 8, true);
  if (const json* flags = fields.get("flags")) {
    if (!flags->is_array() || flags->size() > 8)
      throw FieldError(path + ".flags must be a list of at most 8 strings");
    for (const auto& flag : *flags) {
      if (!flag.is_string()) throw FieldError(path + ".flags must hold only strings");
      s.flags.push_back(flag.get<std::string>());
    }
  }
  s.ticket = fields.string("ticket", 16);
  if (const json* skm = fields.get("skm")) s.skm = decode_skm(*skm, path + ".skm");
  s.replaces = fields.string("replaces", 36);
  if (auto revision = fields.integer("revision", 1, kMaxRevision))
    s.revision = static_cast<int>(*revision);
  if (const json* clock = fields.get("clock")) s.clock = decode_clock(*clock, path + ".clock");
  if (const json* audio = fields.get("audio")) {
    Fields a(*audio, path + ".audio");
    s.audio_ms = static_cast<int>(a.integer("ms", 1, kMaxAudioSeconds * 1000 + 1000).value_or(0));
    const std::string ogg = a.string("ogg", (kMaxAudioBytes + 2) / 3 * 4, true);
    auto bytes = secret_file::from_base64_bounded(ogg, kMaxAudioBytes);
    if (!bytes || bytes->empty())
      throw FieldError(path + ".audio.ogg must be the recording in base64, at most " +
                       std::to_string(kMaxAudioBytes) + " bytes");
    s.audio = std::move(*bytes);
    if (s.audio_ms == 0) throw FieldError(path + ".audio.ms is missing");
    a.finish();
  }
  if (s.replaces.empty() != (s.revision == 0))
    throw FieldError(path + ".replaces and " + path + ".revision go together (a correction)");
  fields.finish();
  return s;
}

}  // namespace

std::string_view to_string(ItemStatus status) {
  static constexpr std::string_view kNames[] = {"accepted", "duplicate", "conflict", "invalid"};
  return kNames[static_cast<int>(status)];
}

std::string encode_submission(const Submission& submission) {
  json item = to_json(submission, Audio::bytes);
  add_clock(item, submission.clock);
  return item.dump();
}

std::string encode_batch(const std::vector<Submission>& submissions) {
  json items = json::array();
  for (const auto& s : submissions) {
    items.push_back(to_json(s, Audio::bytes));
    add_clock(items.back(), s.clock);
  }
  return json{{"protocol", kProtocol}, {"submissions", items}}.dump();
}

std::string canonical(const Submission& submission) { return to_json(submission).dump(); }

std::string content_hash(const Submission& submission) {
  return sha256_hex(canonical(submission));
}

std::vector<DecodedItem> decode_batch(std::string_view body, const std::string& device_id,
                                      const std::string& facility_id, std::size_t max_items) {
  // Counted first without a tree (wire_scan.cpp), so the tree is bounded.
  scan_batch(body, max_items);
  json message = parse(body, kMaxBatchBytes);
  check_protocol(message);
  const json& items = member(message, "submissions");
  if (!items.is_array()) throw WireError("'submissions' must be a list");
  if (items.size() > max_items)
    throw WireError("the batch has " + std::to_string(items.size()) + " submissions; at most " +
                    std::to_string(max_items) + " are allowed");
  std::vector<DecodedItem> decoded;
  decoded.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    DecodedItem out;
    const json& item = items[i];
    if (item.is_object()) {
      auto id = item.find("id");
      if (id != item.end() && id->is_string() && utf8_length(id->get_ref<const std::string&>()))
        out.id = id->get<std::string>().substr(0, 64);
    }
    try {
      Submission s = from_json(item, "submissions[" + std::to_string(i) + "]");
      s.device_id = device_id;
      s.facility_id = facility_id;
      if (auto reason = validate(s))
        out.error = *reason;
      else
        out.submission = std::move(s);
    } catch (const FieldError& error) {
      out.error = error.what();
    }
    decoded.push_back(std::move(out));
  }
  return decoded;
}

std::string encode_results(const std::vector<ItemResult>& results) {
  json items = json::array();
  for (const auto& r : results)
    items.push_back({{"id", r.id},
                     {"status", to_string(r.status)},
                     {"reason", shorten(r.reason, kMaxReasonBytes)}});
  // Reasons may quote what a client sent; replace any byte that is not UTF-8
  // rather than fail to answer.
  return json{{"protocol", kProtocol}, {"results", items}}.dump(-1, ' ', false,
                                                                json::error_handler_t::replace);
}

std::vector<ItemResult> decode_results(std::string_view body) {
  json message = parse(body, kMaxBatchBytes);
  check_protocol(message);
  const json& items = member(message, "results");
  if (!items.is_array()) throw WireError("'results' must be a list");
  std::vector<ItemResult> results;
  for (std::size_t i = 0; i < items.size(); ++i) {
    try {
      Fields fields(items[i], "results[" + std::to_string(i) + "]");
      ItemResult result;
      result.id = fields.string("id", 64, true);
      auto status = fields.string("status", 16, true);
      bool known = false;
      for (auto candidate :
           {ItemStatus::accepted, ItemStatus::duplicate, ItemStatus::conflict, ItemStatus::invalid})
        if (to_string(candidate) == status) result.status = candidate, known = true;
      if (!known)
        throw FieldError(fields.where("status") + " is not a known status: '" + status + "'");
      result.reason = fields.string("reason", 2000);
      fields.finish();
      results.push_back(std::move(result));
    } catch (const FieldError& error) {
      throw WireError(error.what());
    }
  }
  return results;
}

}  // namespace kotak::core::wire
