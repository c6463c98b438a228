// The SP4N-LAPOR! package of a case passed on to another agency (issue 15
// item 9; reports/lapor.hpp): GET cases/ID/lapor/N as JSON, with what the
// printed covering letter needs (the facility's letterhead and
// signatories), or cases/ID/lapor/N.csv. Passing on itself is a change of
// the case (POST cases/ID/escalate, cases/ID/tracking in cases.cpp), so it
// is in the history like every other step.
//
// A package that carries the reporter's name and phone is a look at
// contact details: each download is on record with its reason, as opening
// them on the case page is. A reader who may not see them (mutu) gets the
// package without them, and is told so.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/dashboard/skm_json.hpp"
#include "server/reports/lapor.hpp"

namespace kotak::server {

using nlohmann::json;

WebResponse Dashboard::lapor(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    const auto role = caller.user().role;
    if (!staff::can_change_cases(role)) return refuse(403, "error.role.change");
    // The route admits digits only, at most 15 and 4 of them.
    const auto id = std::stoll(request.captures.at(0));
    const int n = std::stoi(request.captures.at(1));
    const bool csv = request.captures.size() > 2 && !request.captures[2].empty();
    auto c = storage_.find_case(case_scope(caller), id);
    if (!c) return error(404, "there is no such case in your puskesmas");

    reports::LaporInput input;
    input.c = &*c;
    input.n = n;
    auto facility = storage_.facility(c->facility_id);
    input.facility_name = facility ? facility->name : c->facility_id;
    for (const auto& u : units_of(c->facility_id))
      if (u.id == c->unit) input.unit_label = u.label_for("id");
    input.own = storage_.case_contact(c->facility_id, c->id);
    auto chosen = reports::escalation_detail(*c, n);
    if (!chosen) return error(404, "the case was not passed on as number " + std::to_string(n));
    if (chosen->value("with_identity", false) && c->identity_mode == core::IdentityMode::named) {
      if (staff::can_see_identity(role)) {
        input.reporter = storage_.case_identity(case_scope(caller), id, caller.actor(), now_ms(),
                                                "SP4N-LAPOR! #" + std::to_string(n))
                             .identity();
        core::log::info("dashboard: " + caller.user().username + " downloaded SP4N-LAPOR! package " +
                        std::to_string(n) + " of case " + std::to_string(id) + " with contact details");
      } else {
        input.identity_withheld = true;
      }
    }
    auto package = reports::lapor_package(input);
    WebResponse response;
    if (csv) {
      response.body = reports::lapor_csv(*package, catalog(request.param("lang")),
                                         request.param("sep") == "comma" ? ',' : ';');
      response.content_type = "text/csv; charset=utf-8";
      auto label = (*package)["case"]["label"].get<std::string>();
      std::replace(label.begin(), label.end(), '/', '-');
      response.headers.emplace_back("Content-Disposition",
                                    "attachment; filename=\"lapor-" + label + "-" + std::to_string(n) + ".csv\"");
    } else {
      (*package)["facility"] = {{"id", c->facility_id}, {"name", input.facility_name}};
      (*package)["letterhead"] = skm_letterhead_json(storage_.letterhead(c->facility_id));
      response.body = package->dump();
    }
    // Contact details may be in it: never kept by a browser or a proxy.
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  });
}

}  // namespace kotak::server
