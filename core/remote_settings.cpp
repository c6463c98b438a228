// See remote_settings.hpp.
#include "core/remote_settings.hpp"

#include <nlohmann/json.hpp>

#include "core/i18n.hpp"
#include "core/submission.hpp"
#include "core/text.hpp"
#include "core/wire.hpp"

namespace kotak::core {

using nlohmann::json;

namespace {

std::string text_member(const json& object, const char* name, std::size_t max_chars) {
  const json& value = object.at(name);
  if (!value.is_string())
    throw wire::WireError(std::string("settings.") + name + " must be a string");
  auto text = value.get<std::string>();
  auto length = utf8_length(text);
  if (!length || *length > max_chars || has_control_chars(text))
    throw wire::WireError(std::string("settings.") + name + " must be text of at most " +
                          std::to_string(max_chars) + " characters");
  return text;
}

std::map<std::string, std::string> labels(const json& value, const std::string& where) {
  if (!value.is_object()) throw wire::WireError(where + " must be an object of language: text");
  std::map<std::string, std::string> out;
  for (const auto& [language, text] : value.items()) {
    if (!is_language_code(language))
      throw wire::WireError(where + " has an unknown language '" + language + "' (expected " +
                            language_codes_text() + ")");
    json holder{{"text", text}};
    out[language] = text_member(holder, "text", 200);
  }
  return out;
}

}  // namespace

RemoteSettings parse_remote_settings(std::string_view text) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception& error) {
    throw wire::WireError(std::string("settings are not valid JSON: ") + error.what());
  }
  if (!root.is_object()) throw wire::WireError("settings must be a JSON object");
  RemoteSettings settings;
  for (const auto& [key, value] : root.items()) {
    if (key == "facility_name") {
      settings.facility_name = text_member(root, "facility_name", 120);
    } else if (key == "skm_url") {
      auto url = text_member(root, "skm_url", 2000);
      if (!url.empty() && url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
        throw wire::WireError("settings.skm_url must start with http:// or https://");
      settings.skm_url = url;
    } else if (key == "units") {
      if (!value.is_array() || value.size() > 40)
        throw wire::WireError("settings.units must be a list of at most 40 units");
      std::vector<Unit> units;
      for (const auto& item : value) {
        if (!item.is_object() || !item.contains("id") || !item.contains("label"))
          throw wire::WireError("each of settings.units needs an id and a label");
        Unit unit;
        unit.id = text_member(item, "id", kMaxIdChars);
        if (!is_identifier(unit.id))
          throw wire::WireError("settings.units id '" + unit.id + "' is not a unit id");
        unit.label = labels(item.at("label"), "settings.units label");
        if (!unit.label.count("id"))
          throw wire::WireError("settings.units label needs Bahasa Indonesia (id)");
        units.push_back(std::move(unit));
      }
      settings.units = std::move(units);
    } else if (key == "notice") {
      settings.notice = labels(value, "settings.notice");
    } else if (key == "phone") {
      if (!value.is_object() || !value.contains("url") || !value.contains("facility") ||
          !value.contains("secret"))
        throw wire::WireError("settings.phone must be an object with url, facility and secret");
      PhoneLink phone;
      phone.url = text_member(value, "url", 2000);
      phone.facility = text_member(value, "facility", kMaxIdChars);
      phone.secret = text_member(value, "secret", 200);
      if (phone.url.rfind("https://", 0) != 0 && phone.url.rfind("http://", 0) != 0)
        throw wire::WireError("settings.phone.url must start with http:// or https://");
      if (!is_identifier(phone.facility) || phone.secret.size() < 16)
        throw wire::WireError("settings.phone needs a facility id and a secret");
      settings.phone = std::move(phone);
    } else {
      throw wire::WireError("settings has an unknown member '" + key + "'");
    }
  }
  return settings;
}

std::string encode_remote_settings(const RemoteSettings& settings) {
  json root = json::object();
  if (settings.facility_name) root["facility_name"] = *settings.facility_name;
  if (settings.skm_url) root["skm_url"] = *settings.skm_url;
  if (settings.units) {
    json units = json::array();
    for (const auto& unit : *settings.units)
      units.push_back({{"id", unit.id}, {"label", unit.label}});
    root["units"] = units;
  }
  if (!settings.notice.empty()) root["notice"] = settings.notice;
  if (settings.phone)
    root["phone"] = {{"url", settings.phone->url},
                     {"facility", settings.phone->facility},
                     {"secret", settings.phone->secret}};
  return root.dump();
}

KioskConfig apply(const KioskConfig& config, const RemoteSettings& settings) {
  KioskConfig out = config;
  if (settings.facility_name) out.facility_name = *settings.facility_name;
  if (settings.skm_url) out.skm_url = *settings.skm_url;
  if (settings.units) out.units = *settings.units;
  if (settings.phone) out.phone = *settings.phone;
  return out;
}

}  // namespace kotak::core
