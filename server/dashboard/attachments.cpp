// Files attached to a case (issue 15 item 6): staff attach a photo or scan
// of a paper slip, a WhatsApp screenshot or a letter; the case page shows
// thumbnails and opens each file.
//
//   POST cases/ID/attachments {name, content_base64}   attach (petugas,
//                                        mutu, kepala; at most
//                                        attachments::kMaxPerCase)
//   GET  cases/ID/attachments/N[?download=1]           the file
//   GET  cases/ID/attachments/N/thumbnail              an image's thumbnail
//   POST cases/ID/attachments/N/remove {reason}        takes a file off
//
// Who sees them follows the case and its recording (Dashboard::audio): a
// picture may show who wrote the slip or the number that sent the chat, so
// a unit never sees them (it reads a redacted text), and the files of a
// rahasia case are opened as its identity is, by the complaint officer
// alone, with a reason on record for each (no thumbnails are shown).
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/secret_file.hpp"
#include "server/attachments/file_check.hpp"
#include "server/dashboard/case_json.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/dashboard/form_input.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxReasonChars = 500;

std::optional<std::int64_t> capture_number(const WebRequest& request, std::size_t index) {
  if (request.captures.size() <= index) return std::nullopt;
  const auto& text = request.captures[index];
  if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

// "none": the caller sees no files of the case; "open": they show;
// "reason": each is opened with a reason (rahasia, the complaint officer).
std::string file_access(const reg::Case& c, staff::Role role) {
  if (role == staff::Role::unit) return "none";
  if (c.identity_mode != core::IdentityMode::rahasia) return "open";
  return staff::can_see_rahasia_identity(role) ? "reason" : "none";
}

// The refusal of an Inspection's problem (file_check.hpp).
const char* refusal_key(const std::string& problem) {
  if (problem == "empty") return "error.attachment.empty";
  if (problem == "too_large") return "error.attachment.too_large";
  if (problem == "damaged") return "error.attachment.damaged";
  if (problem == "dimensions") return "error.attachment.dimensions";
  return "error.attachment.type";
}

json attachment_json(const Attachment& a) {
  return {{"id", a.id},          {"name", a.name},     {"media_type", a.media_type}, {"bytes", a.bytes},
          {"sha256", a.sha256},  {"width", a.width},   {"height", a.height},         {"thumbnail", a.thumbnail},
          {"added_ms", a.added_ms}, {"added_by", a.added_by}};
}

// RFC 6266/5987: the name as UTF-8, percent-encoded, and an ASCII fallback.
std::string disposition(const std::string& name, bool download) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : name) {
    ascii += c < 0x80 && c != '"' && c != '\\' ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') encoded += static_cast<char>(c);
    else encoded.append({'%', kHex[c >> 4], kHex[c & 15]});
  }
  return std::string(download ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

json Dashboard::with_attachments(json page, const reg::Case& c, const Caller& caller) {
  if (!attachments_) return page;
  const auto role = caller.user().role;
  const auto access = file_access(c, role);
  json files = json::array();
  auto held = attachments_->case_attachments(case_scope(caller), c.id);
  if (access != "none")
    for (const auto& a : held) files.push_back(attachment_json(a));
  page["attachments"] = {{"access", access},
                         {"files", files},
                         {"count", held.size()},
                         {"may_add", staff::can_change_cases(role) && c.status != reg::Status::arsip &&
                                         held.size() < attachments::kMaxPerCase},
                         {"max_bytes", attachments::kMaxBytes},
                         {"max_files", attachments::kMaxPerCase}};
  return page;
}

WebResponse Dashboard::case_page(std::int64_t id, const Caller& caller) {
  const auto scope = case_scope(caller);
  auto messages = replies_ ? replies_->case_replies(scope, id) : std::vector<Reply>{};
  auto c = storage_.find_case(scope, id);
  if (!c) return error(404, "there is no such case in your puskesmas");
  auto page = case_json(*c, now_ms(), config_.public_url, caller.user().role);
  WebResponse response;
  response.body = with_attachments(with_replies(std::move(page), *c, messages, caller), *c, caller).dump();
  return response;
}

WebResponse Dashboard::attach_file(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    const auto role = caller.user().role;
    if (!attachments_ || !staff::can_change_cases(role)) return refuse(403, "error.role.attach");
    auto id = capture_number(request, 0);
    auto c = id ? storage_.find_case(case_scope(caller), *id) : std::nullopt;
    if (!c) return error(404, "there is no such case in your puskesmas");
    if (file_access(*c, role) == "none") return refuse(403, "error.role.attachment_rahasia");
    auto body = json::parse(request.body);
    NewAttachment file;
    try {
      file.name = attachments::clean_name(text_field(body, "name", 1000, false));
      const auto& text = body.at("content_base64").get_ref<const std::string&>();
      if (text.size() > attachments::kMaxBytes / 3 * 4 + 8)
        throw BadInput("the file is larger than 6 MB", "error.attachment.too_large");
      auto bytes = core::secret_file::from_base64_bounded(text, attachments::kMaxBytes);
      if (!bytes) throw BadInput("content_base64 is not base64 of at most 6 MB", "error.attachment.too_large");
      file.content = std::move(*bytes);
    } catch (const BadInput& bad) {
      return refuse(400, bad.key, bad.params);
    }
    // Decoding an image takes up to 64 MB: two at a time keep a burst of
    // uploads within the service's memory.
    if (!upload_slots_.try_acquire()) return refuse(503, "error.attachment.busy");
    attachments::Inspection seen;
    try {
      seen = attachments::inspect(file.content);
    } catch (...) {
      upload_slots_.release();
      throw;
    }
    upload_slots_.release();
    if (!seen.problem.empty()) {
      core::log::info("dashboard: " + caller.user().username + " attached a file refused as " + seen.problem +
                      " to case " + std::to_string(*id));
      return refuse(400, refusal_key(seen.problem));
    }
    file.media_type = seen.media_type;
    file.width = seen.width;
    file.height = seen.height;
    file.thumbnail = std::move(seen.thumbnail);
    attachments_->add_attachment(case_scope(caller), *id, file, attachments::kMaxPerCase, caller.actor(), now_ms());
    core::log::info("dashboard: " + caller.user().username + " attached " + file.media_type + " (" +
                    std::to_string(file.content.size()) + " bytes) to case " + std::to_string(*id));
    return case_page(*id, caller);
  });
}

WebResponse Dashboard::attachment_file(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    const auto role = caller.user().role;
    if (!attachments_ || role == staff::Role::unit) return refuse(403, "error.role.attachment");
    auto id = capture_number(request, 0);
    auto n = capture_number(request, 1);
    const bool thumbnail = request.captures.size() > 2 && !request.captures[2].empty();
    auto c = id && n ? storage_.find_case(case_scope(caller), *id) : std::nullopt;
    if (!c) return error(404, "there is no such case in your puskesmas");
    const auto access = file_access(*c, role);
    if (access == "none" || (access == "reason" && thumbnail)) return refuse(403, "error.role.attachment_rahasia");
    if (access == "reason") {
      try {
        auto reason = text_field(json{{"reason", request.param("reason")}}, "reason", kMaxReasonChars, false);
        if (reason.empty()) throw BadInput("say why you open a rahasia complaint's file", "error.identity.reason");
        storage_.case_identity(case_scope(caller), *id, caller.actor(), now_ms(), reason);
        core::log::info("dashboard: " + caller.user().username + " opened a file of the rahasia case " +
                        std::to_string(*id));
      } catch (const BadInput& bad) {
        return refuse(400, bad.key, bad.params);
      }
    }
    auto bytes = attachments_->attachment_bytes(case_scope(caller), *id, *n, thumbnail);
    if (!bytes) return error(404, "the case has no such file (it may have been taken off or erased)");
    // A thumbnail is always a JPEG; the file itself needs its type and name
    // (a case page asks for every thumbnail, so they skip this read).
    std::string type = "image/jpeg", name;
    if (!thumbnail)
      for (const auto& a : attachments_->case_attachments(case_scope(caller), *id))
        if (a.id == *n) {
          type = a.media_type;
          name = a.name;
        }
    WebResponse response;
    response.body = std::move(*bytes);
    response.content_type = type;
    // Personal data: kept by no cache; and the file is never a page of
    // this site that could run script (images and PDFs only, by content).
    response.headers.emplace_back("Cache-Control", "private, no-store");
    if (!thumbnail) response.headers.emplace_back("Content-Disposition", disposition(name, request.param("download") == "1"));
    if (type != "application/pdf")
      response.headers.emplace_back("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox");
    return response;
  });
}

WebResponse Dashboard::remove_attachment(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    const auto role = caller.user().role;
    if (!attachments_ || !staff::can_change_cases(role)) return refuse(403, "error.role.attach");
    auto id = capture_number(request, 0);
    auto n = capture_number(request, 1);
    auto c = id && n ? storage_.find_case(case_scope(caller), *id) : std::nullopt;
    if (!c) return error(404, "there is no such case in your puskesmas");
    if (file_access(*c, role) == "none") return refuse(403, "error.role.attachment_rahasia");
    std::string reason;
    try {
      reason = text_field(json::parse(request.body), "reason", kMaxReasonChars, true);
    } catch (const BadInput& bad) {
      return refuse(400, bad.key, bad.params);
    }
    attachments_->remove_attachment(case_scope(caller), *id, *n, reason, caller.actor(), now_ms());
    core::log::info("dashboard: " + caller.user().username + " took file " + std::to_string(*n) + " off case " +
                    std::to_string(*id));
    return case_page(*id, caller);
  });
}

}  // namespace kotak::server
