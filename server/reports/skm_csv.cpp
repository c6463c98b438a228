// See skm_csv.hpp.
#include "server/reports/skm_csv.hpp"

#include "core/timestamp.hpp"
#include "server/reports/csv.hpp"
#include "server/reports/recap.hpp"

namespace kotak::server::reports {

namespace {

class SkmCsv {
 public:
  SkmCsv(const core::Catalog& t, char separator) : t_(t), csv_(separator) {}

  void line(const std::string& key, const std::string& value) {
    csv_.text(t_.get(key)).text(value);
    csv_.end_row();
  }
  void title(const std::string& key) {
    csv_.end_row();
    csv_.text(t_.get(key));
    csv_.end_row();
  }
  void optional_decimal(const std::optional<double>& value, int places) {
    value ? csv_.decimal(*value, places) : csv_.empty();
  }

  void head(const SkmReport& r, const SkmCsvContext& c) {
    line("skm.title", c.facility_name);
    line("skm.period", format_day(r.period.first_day) + " – " + format_day(r.period.last_day));
    line("skm.unit", c.unit_label.empty() ? t_.get("skm.all_units") : c.unit_label);
    csv_.text(t_.get("skm.respondents")).number(r.ikm.respondents);
    csv_.end_row();
    csv_.text(t_.get("skm.population"));
    r.population ? csv_.number(*r.population) : csv_.text(t_.get("skm.population_unset"));
    csv_.end_row();
    if (r.minimum_sample) {
      csv_.text(t_.get("skm.minimum_sample")).number(*r.minimum_sample);
      csv_.text(t_.get(r.sample_reached ? "skm.sample_reached" : "skm.sample_short"));
      csv_.end_row();
    }
    for (auto source : kSkmSources) {
      csv_.text(t_.get("skm.source." + std::string(to_string(source))));
      csv_.number(r.by_source[static_cast<std::size_t>(source)]);
      csv_.end_row();
    }
  }

  void index(const SkmReport& r) {
    title("skm.elements");
    for (auto key : {"skm.code", "skm.element", "skm.answered", "skm.sum", "skm.nrr",
                     "skm.converted", "skm.mutu"})
      csv_.text(t_.get(key));
    csv_.end_row();
    for (const auto& e : r.ikm.elements) {
      std::string code(e.code);
      csv_.text(code).text(t_.get("skm.unsur." + code)).number(e.respondents).number(e.sum);
      optional_decimal(e.nrr, 3);
      optional_decimal(e.converted, 2);
      e.converted ? csv_.text(core::to_string(core::classify_nik(*e.converted))) : csv_.empty();
      csv_.end_row();
    }
    csv_.end_row();
    csv_.text(t_.get("skm.ikm"));
    optional_decimal(r.ikm.ikm, 4);
    csv_.end_row();
    csv_.text(t_.get("skm.nik"));
    optional_decimal(r.ikm.nik, 2);
    csv_.end_row();
    csv_.text(t_.get("skm.mutu"));
    r.ikm.mutu ? csv_.text(core::to_string(*r.ikm.mutu)) : csv_.text(t_.get("skm.no_data"));
    csv_.end_row();
    csv_.text(t_.get("skm.kinerja"));
    r.ikm.mutu ? csv_.text(t_.get("skm.kinerja." + std::string(core::to_string(*r.ikm.mutu))))
               : csv_.empty();
    csv_.end_row();
    element_line("skm.weakest", r.ikm.weakest);
    element_line("skm.strongest", r.ikm.strongest);
    csv_.text(t_.get("skm.missing"));
    for (auto code : r.ikm.missing) csv_.text(code);
    csv_.end_row();
  }

  void profile(const SkmReport& r) {
    title("skm.profile");
    const std::pair<const char*, const std::map<std::string, std::int64_t>*> fields[] = {
        {"skm.profile.sex", &r.profile.sex},
        {"skm.profile.age", &r.profile.age_group},
        {"skm.profile.education", &r.profile.education},
        {"skm.profile.occupation", &r.profile.occupation},
        {"skm.profile.service", &r.profile.service}};
    for (const auto& [key, counts] : fields) {
      for (const auto& [value, n] : *counts) {
        csv_.text(t_.get(key)).text(value.empty() ? t_.get("skm.profile.none") : value).number(n);
        csv_.end_row();
      }
    }
  }

  void trend(const SkmReport& r) {
    title("skm.trend");
    for (auto key : {"skm.period", "skm.respondents", "skm.ikm", "skm.nik", "skm.mutu"})
      csv_.text(t_.get(key));
    csv_.end_row();
    for (const auto& p : r.trend) {
      csv_.text(format_day(p.period.first_day) + " – " + format_day(p.period.last_day));
      csv_.number(p.respondents);
      optional_decimal(p.ikm, 4);
      optional_decimal(p.nik, 2);
      p.mutu ? csv_.text(core::to_string(*p.mutu)) : csv_.empty();
      csv_.end_row();
    }
  }

  void rtl(const SkmCsvContext& c) {
    title("skm.rtl");
    if (c.rtl.empty()) {
      csv_.text(t_.get("skm.rtl_none"));
    } else {
      csv_.text(c.rtl.front().text).text(c.rtl.front().user_name);
      auto ms = c.rtl.front().saved_ms;
      csv_.text(core::format_iso8601({ms, core::local_offset_minutes(ms / 1000)}).substr(0, 10));
    }
    csv_.end_row();
  }

  const std::string& str() const { return csv_.str(); }

 private:
  void element_line(const std::string& key, const std::optional<std::string_view>& code) {
    csv_.text(t_.get(key));
    if (code) csv_.text(std::string(*code)).text(t_.get("skm.unsur." + std::string(*code)));
    csv_.end_row();
  }

  const core::Catalog& t_;
  CsvWriter csv_;
};

}  // namespace

std::string skm_csv_text(const SkmReport& report, const SkmCsvContext& context,
                         const core::Catalog& t, char separator) {
  SkmCsv csv(t, separator);
  csv.head(report, context);
  csv.index(report);
  csv.profile(report);
  csv.trend(report);
  csv.rtl(context);
  return csv.str();
}

}  // namespace kotak::server::reports
