// The register as a file (issue 15 item 10): every case the current
// filters find, not one page, as CSV or XLSX (reports/table_file.hpp), with
// Indonesian (or English) headers from the catalogs. See dashboard.hpp.
//
// Who reads what is the case page's rule: a unit's account gets nothing
// (guarded), the district admin no text of a rahasia case, and contact
// details only for the roles that may open them (petugas, kepala), only
// when asked, with a reason, each case's look written in its history and
// the access log as an identity view. A rahasia case's contact details are
// never exported: its page opens them, one case and one reason at a time.
//
// Bounds: at most max_export_cases cases (10,000), read from the storage in chunks;
// a CSV stops at kMaxExportBytes, an XLSX is written row by row to a
// temporary file; at most two exports run at once (export_slots_). Past a
// bound the answer says to narrow the filters (a month, a status).
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/dashboard/form_input.hpp"
#include "server/reports/table_file.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxExportBytes = 32u << 20;
constexpr std::size_t kExportChunk = 500;

// The columns, by catalog key; the contact details last.
constexpr const char* kColumns[] = {"case.number", "case.received", "case.channel",       "case.unit",
                                    "case.type",   "case.urgent",   "case.rating",        "case.identity_mode",
                                    "case.content", "case.status",  "case.owner",         "case.due",
                                    "case.overdue", "case.first_answer", "case.forwarded"};
constexpr const char* kIdentityColumns[] = {"identity.name", "identity.phone", "identity.address"};

// Releases an export slot however the export ends.
struct Slot {
  std::counting_semaphore<2>& slots;
  ~Slot() { slots.release(); }
};

}  // namespace

WebResponse Dashboard::export_cases(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    const auto role = caller.user().role;
    WebResponse refusal;
    auto facility = facility_of(caller, request, refusal);
    if (!facility) return refusal;
    const bool with_identity = request.param("identity") == "1";
    if (with_identity && !staff::can_see_identity(role)) return refuse(403, "error.role.identity");
    std::string reason;
    try {
      reason = text_field(json{{"reason", request.param("reason")}}, "reason", reg::kMaxNoteChars, false);
      if (with_identity && reason.empty())
        throw BadInput("say why the export holds contact details", "error.export.reason");
    } catch (const BadInput& bad) {
      return refuse(400, bad.key, bad.params);
    }
    const std::string language = request.param("lang") == "en" ? "en" : "id";
    const auto& t = catalog(language);
    if (!export_slots_.try_acquire()) {
      auto busy = refuse(503, "error.export.busy");
      busy.headers.emplace_back("Retry-After", "10");
      return busy;
    }
    Slot slot{export_slots_};
    std::unique_ptr<reports::TableFile> file =
        request.captures.at(0) == "xlsx" ? reports::xlsx_table(t.get("register.title"))
                                         : reports::csv_table(request.param("sep") == "comma" ? ',' : ';');
    if (!file) return refuse(501, "error.export.no_xlsx");

    auto query = read_filters(request);
    query.facility_id = *facility;
    query.now_ms = now_ms();
    query.rahasia_text = staff::can_read_rahasia_text(role);
    if (request.param("owner") == "me") query.owner_id = caller.user().id;
    if (request.param("owner") == "none") query.unowned = true;
    query.limit = kExportChunk;
    query.offset = 0;
    auto page = storage_.cases(query);
    // The register counts no further than case_list's cap: capped is "more".
    if (page.total_capped || page.total > static_cast<std::int64_t>(max_export_cases))
      return refuse(413, "error.export.too_many",
                    {{"n", std::to_string(page.total)}, {"max", std::to_string(max_export_cases)}});

    std::vector<std::string> names;
    if (facility->empty()) names.push_back(t.get("case.facility"));
    for (auto key : kColumns) names.push_back(t.get(key));
    if (with_identity)
      for (auto key : kIdentityColumns) names.push_back(t.get(key));
    file->header(names);
    const auto units = units_of(*facility);
    auto unit_label = [&](const std::string& id) -> std::string {
      for (const auto& u : units)
        if (u.id == id) return u.label_for(language);
      return id;
    };
    auto word = [&](const std::string& key) { return t.contains(key) ? t.get(key) : key; };
    using Cell = reports::TableCell;
    std::size_t written = 0;
    while (!page.cases.empty()) {
      std::map<std::int64_t, core::Identity> identities;
      if (with_identity) {
        std::vector<std::int64_t> ids;
        for (const auto& c : page.cases)
          if (c.has_identity && c.identity_mode != core::IdentityMode::rahasia) ids.push_back(c.id);
        if (!ids.empty()) identities = storage_.export_identities(case_scope(caller), ids, caller.actor(), now_ms(), reason);
      }
      for (const auto& c : page.cases) {
        std::vector<Cell> row;
        if (facility->empty()) row.push_back(Cell::of(c.facility_id));
        const bool hidden = c.identity_mode == core::IdentityMode::rahasia && !query.rahasia_text;
        row.push_back(Cell::of(reg::register_label(c.number, c.year)));
        row.push_back(Cell::at(c.received_ms, c.utc_offset_min));
        row.push_back(Cell::of(word("channel." + std::string(reg::to_string(c.channel)))));
        row.push_back(Cell::of(c.unit.empty() ? std::string() : unit_label(c.unit)));
        row.push_back(Cell::of(word("type." + std::string(core::to_string(c.type)))));
        row.push_back(Cell::of(c.urgent ? t.get("export.yes") : std::string()));
        row.push_back(c.rating ? Cell::of(word("face." + std::to_string(*c.rating))) : Cell::none());
        row.push_back(Cell::of(word("identity." + std::string(core::to_string(c.identity_mode)))));
        row.push_back(Cell::of(hidden ? t.get("case.text_hidden_short") : c.content));
        row.push_back(Cell::of(word("status." + std::string(reg::to_string(c.status)))));
        row.push_back(Cell::of(c.owner_name));
        row.push_back(Cell::at(c.due_ms, c.utc_offset_min));
        row.push_back(Cell::of(c.overdue(query.now_ms) ? t.get("export.yes") : std::string()));
        row.push_back(c.first_answer_ms ? Cell::at(*c.first_answer_ms, c.utc_offset_min) : Cell::none());
        row.push_back(Cell::of(c.forwarded_unit.empty() ? std::string() : unit_label(c.forwarded_unit)));
        if (with_identity) {
          auto found = identities.find(c.id);
          for (auto part : {&core::Identity::name, &core::Identity::phone, &core::Identity::address})
            row.push_back(found == identities.end() ? Cell::none() : Cell::of(found->second.*part));
        }
        file->row(row);
      }
      written += page.cases.size();
      if (file->bytes() > kMaxExportBytes)
        return refuse(413, "error.export.too_big", {{"max", std::to_string(kMaxExportBytes >> 20)}});
      if (written >= max_export_cases || written >= static_cast<std::size_t>(page.total)) break;
      query.offset = written;
      page = storage_.cases(query);
    }
    WebResponse response;
    try {
      response.body = file->finish();
    } catch (const std::runtime_error& failure) {
      core::log::error(std::string("dashboard: an export failed: ") + failure.what());
      return refuse(500, "error.failed");
    }
    response.content_type = file->content_type();
    std::string name = "register-" + (facility->empty() ? std::string("semua") : *facility) + "." + file->extension();
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
    core::log::info("dashboard: " + caller.user().username + " exported " + std::to_string(written) + " cases as " +
                    file->extension() + (with_identity ? " with contact details" : ""));
    return response;
  });
}

}  // namespace kotak::server
