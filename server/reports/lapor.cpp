// See lapor.hpp.
#include "server/reports/lapor.hpp"

#include "core/timestamp.hpp"
#include "server/reports/csv.hpp"

namespace kotak::server::reports {

using nlohmann::json;

namespace {

// The case's history line of escalation n and the last tracking ID given
// to it.
struct Found {
  const reg::Event* escalated = nullptr;
  json detail;
  std::string tracking_id;
};

Found find_escalation(const reg::Case& c, int n) {
  Found out;
  for (const auto& e : c.history) {
    if (e.action != "escalated" && e.action != "escalation_tracking") continue;
    auto detail = json::parse(e.detail, nullptr, false);
    if (!detail.is_object() || detail.value("n", 0) != n) continue;
    if (e.action == "escalated") {
      out.escalated = &e;
      out.detail = detail;
    } else {
      out.tracking_id = detail.value("tracking_id", std::string());
    }
  }
  return out;
}

// The local day of a time: "2026-11-23".
std::string local_day(std::int64_t ms, int offset_min) {
  return core::format_iso8601({ms, offset_min}).substr(0, 10);
}

}  // namespace

std::optional<json> escalation_detail(const reg::Case& c, int n) {
  auto found = find_escalation(c, n);
  if (!found.escalated) return std::nullopt;
  return found.detail;
}

bool is_lapor_classification(const std::string& text) {
  for (auto known : kLaporClassifications)
    if (text == known) return true;
  return false;
}

std::string lapor_classification(core::FeedbackType type) {
  switch (type) {
    case core::FeedbackType::keluhan: return "pengaduan";
    case core::FeedbackType::pertanyaan: return "permintaan_informasi";
    default: return "aspirasi";
  }
}

std::optional<json> lapor_package(const LaporInput& in) {
  const auto& c = *in.c;
  auto found = find_escalation(c, in.n);
  if (!found.escalated) return std::nullopt;
  const auto& d = found.detail;
  const bool rahasia = c.identity_mode == core::IdentityMode::rahasia;
  const bool named = in.reporter && !in.reporter->empty() && !rahasia;
  std::string location = in.facility_name;
  if (!in.unit_label.empty()) location += ", " + in.unit_label;
  json fields = {{"klasifikasi", d.value("classification", std::string())},
                 {"judul", d.value("title", std::string())},
                 {"isi", named ? c.content : reg::redact(c.content, in.own)},
                 {"tanggal_kejadian", local_day(c.received_ms, c.utc_offset_min)},
                 {"lokasi", location},
                 {"instansi_tujuan", d.value("agency", std::string())},
                 {"kategori", d.value("category", std::string())},
                 {"anonim", !named},
                 {"rahasia", rahasia},
                 {"nama_pelapor", named ? in.reporter->name : ""},
                 {"telepon_pelapor", named ? in.reporter->phone : ""}};
  return json{{"n", in.n},
              {"case", {{"id", c.id}, {"label", reg::register_label(c.number, c.year)}, {"ticket", c.ticket},
                        {"channel", reg::to_string(c.channel)}, {"received_ms", c.received_ms},
                        {"utc_offset_min", c.utc_offset_min}}},
              {"fields", fields},
              {"passed_on", {{"by", found.escalated->user}, {"at_ms", found.escalated->at_ms}}},
              {"tracking_id", found.tracking_id},
              {"identity_withheld", in.identity_withheld && !named}};
}

std::string lapor_csv(const json& package, const core::Catalog& words, char separator) {
  CsvWriter csv(separator);
  auto row = [&](const std::string& key, const std::string& value) {
    csv.text(words.get("lapor.field." + key)).text(value);
    csv.end_row();
  };
  const auto& f = package.at("fields");
  auto yes_no = [&](const char* key) { return words.get(f.at(key).get<bool>() ? "lapor.yes" : "lapor.no"); };
  csv.text(words.get("lapor.csv_field")).text(words.get("lapor.csv_value"));
  csv.end_row();
  row("klasifikasi", words.get("lapor.classification." + f.at("klasifikasi").get<std::string>()));
  for (auto key : {"judul", "isi", "tanggal_kejadian", "lokasi", "instansi_tujuan", "kategori"})
    row(key, f.at(key).get<std::string>());
  row("anonim", yes_no("anonim"));
  row("rahasia", yes_no("rahasia"));
  if (!f.at("anonim").get<bool>()) {
    row("nama_pelapor", f.at("nama_pelapor").get<std::string>());
    row("telepon_pelapor", f.at("telepon_pelapor").get<std::string>());
  }
  row("register", package.at("case").at("label").get<std::string>());
  row("tracking_id", package.at("tracking_id").get<std::string>());
  return csv.str();
}

}  // namespace kotak::server::reports
