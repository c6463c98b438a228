// The phone pages (issue 18): GET /s/FACILITY?k=TOKEN, the survey and the
// complaint form a patient's phone opens from the kiosk's QR code, and
// POST /api/public/phone/FACILITY, where phone.js sends one answer.
//
// Only someone who scanned the kiosk's code lately may send: the page opens
// only with the token of the current or the previous window
// (core/qr_token.hpp), and a send must carry the token and window the page
// was opened with, at most kSendWindows windows old. Sends are limited per
// address and per token in the log-in failures table (LoginLimiter), so
// they hold across restarts and server processes.
//
// A send is idempotent: the form's id is made on the phone and kept with
// its answers until the server confirmed them; the answer's time is the
// phone's, held to the window of the page, and a complaint's ticket code is
// derived from the id with the facility's secret, so a resend has the same
// content and is a duplicate, never a second answer or a conflict.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "core/log.hpp"
#include "core/qr_token.hpp"
#include "core/submission.hpp"
#include "core/text.hpp"
#include "core/ticket.hpp"
#include "core/wire.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/dashboard/phone_page.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

// The largest body a phone sends: 2000 characters of text at four bytes,
// contact details and the survey fit in well under this.
constexpr std::size_t kMaxPhoneBody = 16 * 1024;
constexpr std::size_t kMaxPhoneText = 2000;
constexpr const char* kPhoneSends = "# phone sends";

class Refused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string text_field(const json& body, const char* name, std::size_t max_chars) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return {};
  if (!it->is_string()) throw Refused(std::string(name) + " must be text");
  auto text = it->get<std::string>();
  auto length = core::utf8_length(text);
  if (!length) throw Refused(std::string(name) + " is not UTF-8 text");
  if (*length > max_chars)
    throw Refused(std::string(name) + " is longer than " + std::to_string(max_chars) + " characters");
  return text;
}

std::int64_t integer_field(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_number_integer())
    throw Refused(std::string(name) + " must be a whole number");
  return it->get<std::int64_t>();
}

// A ticket code of the answer's id, signed with the facility's secret: the
// same on every resend, and not chosen by the phone.
std::string ticket_of(const std::string& secret, const std::string& id) {
  const std::string mac = core::qr_token::token(secret, "ticket:" + id, 0);
  std::string bare;
  for (std::size_t i = 0; bare.size() < 9 && i < mac.size(); ++i)
    bare += core::kTicketAlphabet[static_cast<unsigned char>(mac[i]) % core::kTicketAlphabet.size()];
  return bare.substr(0, 3) + "-" + bare.substr(3, 3) + "-" + bare.substr(6, 3);
}

void read_survey(const json& body, core::Submission& s) {
  s.kind = core::Kind::skm;
  core::SkmResponse skm;
  auto scores = body.find("scores");
  if (scores == body.end() || !scores->is_array() || scores->size() != core::kSkmElements)
    throw Refused("scores must be a list of nine answers (0 for a question skipped)");
  for (int i = 0; i < core::kSkmElements; ++i) {
    const json& score = (*scores)[static_cast<std::size_t>(i)];
    if (!score.is_number_integer() || score.get<int>() < 0 || score.get<int>() > 4)
      throw Refused("each score must be 0 to 4");
    skm.scores[static_cast<std::size_t>(i)] = score.get<int>();
  }
  skm.profile.sex = text_field(body, "sex", 8);
  skm.profile.age_group = text_field(body, "age_group", 8);
  skm.profile.education = text_field(body, "education", 8);
  skm.profile.occupation = text_field(body, "occupation", 16);
  skm.profile.service = text_field(body, "service", core::kMaxIdChars);
  s.skm = skm;
}

void read_complaint(const json& body, core::Submission& s) {
  s.kind = core::Kind::written;
  auto type = core::parse_feedback_type(text_field(body, "type", 16));
  if (!type) throw Refused("type must be keluhan, saran, pujian or pertanyaan");
  s.type = *type;
  s.unit = text_field(body, "unit", core::kMaxIdChars);
  s.text = text_field(body, "text", kMaxPhoneText);
  if (core::trim(s.text).empty()) throw Refused("the text is empty");
  auto mode = core::parse_identity_mode(text_field(body, "identity_mode", 16));
  if (!mode || *mode == core::IdentityMode::rahasia) throw Refused("identity_mode must be anonim or named");
  s.identity_mode = *mode;
  if (s.identity_mode == core::IdentityMode::named) {
    s.identity.name = text_field(body, "name", core::kMaxNameChars);
    s.identity.phone = text_field(body, "phone", core::kMaxPhoneChars);
    s.identity.address = text_field(body, "address", core::kMaxAddressChars);
  }
  auto urgent = body.find("urgent");
  s.urgent = urgent != body.end() && urgent->is_boolean() && urgent->get<bool>();
}

// Only the members a phone form has; anything else is refused, not ignored.
void check_members(const json& body) {
  static const std::set<std::string> known = {
      "k",   "w",         "id",        "created_ms", "utc_offset_min", "language", "kind",
      "scores", "sex",    "age_group", "education",  "occupation",     "service",  "type",
      "unit", "text",     "identity_mode", "name",   "phone",          "address",  "urgent"};
  for (const auto& [key, value] : body.items())
    if (!known.count(key)) throw Refused("unknown member '" + key.substr(0, 40) + "'");
}

}  // namespace

std::string Dashboard::phone_secret(const std::string& facility_id) {
  return storage_.phone_secret(facility_id, core::qr_token::new_secret(), now_ms());
}

const core::Catalog& Dashboard::phone_words(const std::string& language) const {
  auto it = phone_catalogs_.find(language);
  if (it == phone_catalogs_.end()) it = phone_catalogs_.find("id");
  if (it == phone_catalogs_.end()) throw std::runtime_error("the kiosk's catalogs were not loaded");
  return it->second;
}

WebResponse Dashboard::phone_page(const WebRequest& request) {
  WebResponse response;
  response.content_type = "text/html; charset=utf-8";
  try {
    const std::string& facility_id = request.captures.at(0);
    auto facility = storage_.facility(facility_id);
    const std::string token = request.param("k");
    std::int64_t window = -1;
    if (facility) window = core::qr_token::fresh_window(phone_secret(facility->id), facility->id, token, now_ms());
    if (window < 0) {
      // Expired, forged, or no such puskesmas: the same plain page.
      response.status = 403;
      response.body = phone_expired_html(phone_words("id"), phone_words("en"));
      return response;
    }
    PhonePage page;
    page.facility_id = facility->id;
    page.facility_name = facility->name;
    page.language = request.param("lang");
    for (const char* language : {"id", "en", "jv"})
      if (phone_catalogs_.count(language)) page.languages.emplace_back(language);
    if (!phone_catalogs_.count(page.language)) page.language = "id";
    page.token = token;
    page.window = window;
    page.units = units_of(facility->id);
    response.body = phone_page_html(page, phone_words(page.language));
    return response;
  } catch (const StorageError&) {
    response.status = 503;
    response.body = "<!doctype html><p>Server sibuk, coba lagi. / The server is busy; try again.</p>";
    return response;
  }
}

WebResponse Dashboard::phone_send(const WebRequest& request) {
  if (request.body.size() > kMaxPhoneBody) return error(413, "the answers are larger than a phone form can be");
  if (request.content_type.rfind("application/json", 0) != 0) return error(415, "send the answers as JSON");
  if (other_origin(request)) return error(403, "send the answers from this server's own page");
  const std::string& facility_id = request.captures.at(0);
  const std::int64_t now = now_ms();
  try {
    json body = json::parse(request.body);
    if (!body.is_object()) throw Refused("the answers must be a JSON object");
    check_members(body);
    auto facility = storage_.facility(facility_id);
    if (!facility) return error(404, "there is no such puskesmas");
    const std::string token = text_field(body, "k", core::qr_token::kTokenChars);
    const std::int64_t window = integer_field(body, "w");
    const std::string secret = phone_secret(facility->id);
    if (!core::qr_token::issued_within(secret, facility->id, token, window, now, kPhoneSendWindows))
      return error(403, "this page's QR code is no longer valid; scan the kiosk's code again");
    // Per address over every token, and per token (one code shown on one
    // kiosk for a few minutes) over every address.
    const std::string per_token = "# qr " + facility->id + " " + std::to_string(window);
    std::int64_t wait = std::max(phone_address_limiter_.wait_ms(kPhoneSends, request.remote, now),
                                 phone_token_limiter_.wait_ms(per_token, request.remote, now));
    if (wait > 0) {
      auto response = error(429, "too many answers from here; wait a while");
      response.headers.emplace_back("Retry-After", std::to_string((wait + 999) / 1000));
      return response;
    }
    core::Submission s;
    s.id = text_field(body, "id", 36);
    if (!core::is_uuid(s.id)) throw Refused("id must be a UUID made by the page");
    s.facility_id = facility->id;
    s.device_id = kPhoneDevice;
    // The phone's time, held inside the windows the page may send in, so
    // that a resend has the same content whatever its clock did meanwhile.
    const std::int64_t first = window * core::qr_token::kWindowMs;
    const std::int64_t last = first + (kPhoneSendWindows + 1) * core::qr_token::kWindowMs - 1;
    s.created_at.unix_ms = std::clamp(integer_field(body, "created_ms"), first, last);
    s.created_at.utc_offset_min = static_cast<int>(std::clamp<std::int64_t>(integer_field(body, "utc_offset_min"), -720, 840));
    s.language = text_field(body, "language", 4);
    const std::string kind = text_field(body, "kind", 10);
    if (kind == "skm") {
      read_survey(body, s);
    } else if (kind == "written") {
      read_complaint(body, s);
      s.ticket = ticket_of(secret, s.id);
    } else {
      throw Refused("kind must be skm or written");
    }
    if (!s.unit.empty() && !is_unit_of(facility->id, s.unit)) throw Refused("unit is not a unit of this puskesmas");
    if (s.skm && !s.skm->profile.service.empty() && !is_unit_of(facility->id, s.skm->profile.service))
      throw Refused("service is not a unit of this puskesmas");
    // Checked as a kiosk's answer is; the device name it is stored under is
    // no kiosk's on purpose, so the check sees a kiosk's kind of name.
    core::Submission as_checked = s;
    as_checked.device_id = "ponsel";
    if (auto reason = core::validate(as_checked)) throw Refused(*reason);
    IngestItem item{s, core::wire::content_hash(s), std::nullopt};
    auto outcome = storage_.ingest({facility->id, kPhoneDevice}, std::span(&item, 1), IngestSource::phone, now);
    if (outcome.at(0) == IngestOutcome::accepted) {
      phone_address_limiter_.failed(kPhoneSends, request.remote, now);
      phone_token_limiter_.failed(per_token, request.remote, now);
    } else if (outcome.at(0) == IngestOutcome::conflict) {
      return error(409, "another answer was sent with this form's id; start a new form");
    }
    json answer{{"status", outcome.at(0) == IngestOutcome::accepted ? "accepted" : "duplicate"}};
    if (!s.ticket.empty()) {
      answer["ticket"] = s.ticket;
      answer["link"] = "/t/" + s.id;
    }
    WebResponse response;
    response.body = answer.dump();
    return response;
  } catch (const json::exception&) {
    return error(400, "the answers are not valid JSON");
  } catch (const Refused& refused) {
    return error(400, refused.what());
  } catch (const StorageError&) {
    return error(503, "the server cannot store answers just now; they are kept on the phone and sent again");
  }
}

}  // namespace kotak::server
