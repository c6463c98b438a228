// The dashboard's SKM imports (skm/import.hpp): a CSV file uploaded as
// base64, checked whole and stored whole, refused when its content was
// imported before (saying when), stored with a warning when most of its
// rows repeat earlier imports; and the undo of an import, by a user of the
// role that made it, kept in the list of imports.
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/dashboard/skm_json.hpp"
#include "server/skm/import.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::size_t kListedErrors = 500;  // bad lines sent back at most

json import_errors_json(const std::vector<skm::ImportLineError>& errors, const std::string& file,
                        const core::Catalog& t) {
  json out = json::array();
  for (const auto& e : errors) {
    if (out.size() == kListedErrors) break;
    json problems = json::array();
    for (const auto& p : e.problems)
      problems.push_back({{"code", p.code}, {"column", p.column}, {"value", p.value},
                          {"text", skm::describe(p, t)}});
    out.push_back({{"line", e.line}, {"where", skm::where(e, file, t)}, {"problems", problems}});
  }
  return out;
}

}  // namespace

std::optional<std::string> decode_base64(const std::string& text) {
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), "\r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  bytes.resize(length);
  return bytes;
}

WebResponse Dashboard::skm_import(const WebRequest& request) {
  auto refused = "error.role.skm_import";
  return skm_change(request, staff::can_manage_skm, refused,
                    [&](const Caller& caller, const Facility& facility, const json& body) {
    const auto& t = catalog(body.value("lang", std::string("id")));
    auto bytes = decode_base64(body.at("content_base64").get<std::string>());
    if (!bytes) return error(400, "content_base64 is not base64");
    skm::ImportOptions options;
    auto source = parse_skm_source(body.value("source", std::string("kertas")));
    if (!source || !importable(*source)) return error(400, "source must be kertas or web");
    options.default_source = *source;
    options.units = units_of(facility.id);
    auto now = now_ms();
    options.today = skm::local_day(now);
    auto name = skm::plain_name(body.value("file_name", std::string()), "berkas.csv");
    auto role = std::string(staff::to_string(caller.user().role));
    auto outcome = skm::import_skm_csv(storage_, facility.id, name, *bytes, options, caller.actor(), role, now);
    if (const auto& p = outcome.previous) {
      auto refusal = error(409, skm::duplicate_text(*p, t));
      auto answer = json::parse(refusal.body);
      answer["previous"] = skm_imports_json({*p}).front();
      refusal.body = answer.dump();
      return refusal;
    }
    WebResponse response;
    if (!outcome.errors.empty()) {
      json answer{{"protocol", 1},
                  {"error", t.format("skm.import.refused", {{"file", name},
                                                            {"count", std::to_string(outcome.errors.size())}})},
                  {"bad_lines", outcome.errors.size()},
                  {"errors", import_errors_json(outcome.errors, name, t)}};
      response.status = 422;
      response.body = answer.dump();
      return response;
    }
    core::log::info("dashboard: " + caller.user().username + " imported " +
                    std::to_string(outcome.responses) + " SKM responses into " + facility.id + " from " + name);
    response.body = json{{"imported", outcome.responses},
                         {"import_id", *outcome.import_id},
                         {"ignored_columns", outcome.ignored_columns},
                         {"overlapping", outcome.overlapping},
                         {"warning", skm::overlap_text(outcome, t)}}
                        .dump();
    return response;
  });
}

WebResponse Dashboard::skm_import_undo(const WebRequest& request) {
  auto refused = "error.role.skm_import";
  return skm_change(request, staff::can_manage_skm, refused,
                    [&](const Caller& caller, const Facility& facility, const json& body) {
    auto id = body.at("id").get<std::int64_t>();
    auto import = storage_.skm_import(facility.id, id);
    if (!import) return error(404, "there is no SKM import " + std::to_string(id));
    // The role that made it undoes it: the team that typed the paper
    // questionnaires in, not another role looking at the report.
    if (import->user_role != staff::to_string(caller.user().role))
      return refuse(403, "error.role.skm_undo", {{"role", import->user_role.empty() ? "kotak-server" : import->user_role}});
    auto undone = storage_.undo_skm_import(facility.id, id, caller.actor(), now_ms());
    core::log::info("dashboard: " + caller.user().username + " undid SKM import " + std::to_string(id) +
                    " (" + undone.file_name + ", " + std::to_string(undone.responses) + " responses) of " +
                    facility.id);
    WebResponse response;
    response.body = json{{"undone", skm_imports_json({undone}).front()}}.dump();
    return response;
  });
}

}  // namespace kotak::server
