// The facility's letterhead (kop surat) and signatories, which head the
// printed SKM report: set by mutu, kepala or the district admin. The logo
// arrives as base64 and is kept only when its bytes are a PNG or JPEG of a
// sane size (skm/logo.hpp); `logo_base64: null` removes it, and leaving the
// key out keeps the stored one.
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/text.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/dashboard/skm_json.hpp"
#include "server/skm/logo.hpp"

namespace kotak::server {

using nlohmann::json;

WebResponse Dashboard::skm_letterhead(const WebRequest& request) {
  auto refused = "error.role.skm_letterhead";
  return skm_change(request, staff::can_manage_skm, refused,
                    [&](const Caller& caller, const Facility& facility, const json& body) {
    SkmLetterhead l;
    struct Field {
      const char* key;
      std::string* value;
      std::size_t max_chars;
      bool lines;
    };
    const Field fields[] = {{"government", &l.government, 300, true}, {"name", &l.name, 200, false},
                            {"address", &l.address, 300, true},       {"contact", &l.contact, 300, false},
                            {"place", &l.place, 100, false},          {"head_name", &l.head_name, 120, false},
                            {"head_nip", &l.head_nip, 40, false},     {"mutu_name", &l.mutu_name, 120, false},
                            {"mutu_nip", &l.mutu_nip, 40, false}};
    for (const auto& f : fields) {
      *f.value = core::trim(body.value(f.key, std::string()));
      auto length = core::utf8_length(*f.value);
      if (!length || *length > f.max_chars || core::has_control_chars(*f.value) ||
          (!f.lines && f.value->find_first_of("\r\n\t") != std::string::npos))
        return refuse(400, "error.skm.letterhead_field", {{"field", f.key}});
    }
    bool keep_logo = !body.contains("logo_base64");
    if (!keep_logo && !body.at("logo_base64").is_null()) {
      const auto& text = body.at("logo_base64").get_ref<const std::string&>();
      if (text.size() > skm::kMaxLogoBytes * 4 / 3 + 8) return refuse(400, "error.skm.logo_too_large");
      auto bytes = decode_base64(text);
      if (!bytes) return error(400, "logo_base64 is not base64");
      auto check = skm::check_logo(*bytes);
      if (check.problem == "too_large") return refuse(400, "error.skm.logo_too_large");
      if (check.problem == "dimensions") return refuse(400, "error.skm.logo_dimensions");
      if (!check.problem.empty()) return refuse(400, "error.skm.logo_not_image");
      l.logo_type = check.type;
      l.logo_base64 = text;
      l.logo_base64.erase(std::remove_if(l.logo_base64.begin(), l.logo_base64.end(),
                                         [](char c) { return c == '\r' || c == '\n'; }),
                          l.logo_base64.end());
    }
    storage_.set_letterhead(facility.id, l, keep_logo, caller.actor(), now_ms());
    core::log::info("dashboard: " + caller.user().username + " saved the letterhead of " + facility.id +
                    (keep_logo ? "" : l.logo_type.empty() ? " without a logo" : " with a new logo"));
    WebResponse response;
    response.body = json{{"letterhead", skm_letterhead_json(storage_.letterhead(facility.id))}}.dump();
    return response;
  });
}

}  // namespace kotak::server
