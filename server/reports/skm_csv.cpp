// See skm_csv.hpp.
#include "server/reports/skm_csv.hpp"

#include <algorithm>
#include <span>
#include <tuple>

#include "core/timestamp.hpp"
#include "server/reports/csv.hpp"
#include "server/reports/recap.hpp"

namespace kotak::server::reports {

namespace {

class SkmCsv {
 public:
  SkmCsv(const core::Catalog& t, char separator) : t_(t), separator_(separator), csv_(separator) {}

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

  void head(const SkmDocument& d) {
    const auto& r = d.report;
    if (const auto& l = d.letterhead) {
      for (const auto* text : {&l->government, &l->name, &l->address, &l->contact})
        if (!text->empty()) {
          csv_.text(*text);
          csv_.end_row();
        }
      csv_.end_row();
    }
    line("skm.title", d.facility_name);
    line("skm.number", d.details && !d.details->number.empty() ? d.details->number : "");
    line("skm.period", format_day(r.period.first_day) + " – " + format_day(r.period.last_day));
    line("skm.unit", d.unit_label.empty() ? (d.key.unit.empty() ? t_.get("skm.all_units") : d.key.unit)
                                          : d.unit_label);
    line("skm.method", d.details && !d.details->method.empty() ? d.details->method : t_.get("skm.method_default"));
    auto from = d.details && d.details->fieldwork_from ? d.details->fieldwork_from : r.first_answer_day;
    auto to = d.details && d.details->fieldwork_to ? d.details->fieldwork_to : r.last_answer_day;
    line("skm.fieldwork", from && to ? format_day(*from) + " – " + format_day(*to) : "");
    csv_.text(t_.get("skm.respondents")).number(r.ikm.respondents);
    csv_.end_row();
    csv_.text(t_.get("skm.population"));
    r.population ? csv_.number(*r.population) : csv_.text(t_.get("skm.population_unknown"));
    csv_.end_row();
    csv_.text(t_.get("skm.minimum_sample"));
    if (r.minimum_sample) {
      csv_.number(*r.minimum_sample);
      csv_.text(t_.get(*r.sample_reached ? "skm.sample_reached" : "skm.sample_short"));
    } else {
      csv_.text(t_.get("skm.sample_unknown"));
    }
    csv_.end_row();
    for (auto source : kSkmSources) {
      csv_.text(t_.get("skm.source." + std::string(to_string(source))));
      csv_.number(r.by_source[static_cast<std::size_t>(source)]);
      csv_.end_row();
    }
  }

  void index(const SkmReport& r) {
    title("skm.elements");
    for (auto key : {"skm.code", "skm.element"}) csv_.text(t_.get(key));
    for (int score = 1; score <= 4; ++score)
      csv_.text(t_.format("skm.answer_count", {{"score", std::to_string(score)}}));
    for (auto key : {"skm.answered", "skm.sum", "skm.nrr", "skm.weighted", "skm.converted", "skm.mutu"})
      csv_.text(t_.get(key));
    csv_.end_row();
    for (std::size_t i = 0; i < r.ikm.elements.size(); ++i) {
      const auto& e = r.ikm.elements[i];
      std::string code(e.code);
      csv_.text(code).text(t_.get("skm.unsur." + code));
      for (auto n : e.answers) csv_.number(n);
      csv_.number(e.respondents).number(e.sum);
      optional_decimal(e.nrr, r.places.nrr[i]);
      optional_decimal(e.weighted, r.places.weighted);
      optional_decimal(e.converted, 2);
      e.converted ? csv_.text(core::to_string(core::classify_nik(*e.converted))) : csv_.empty();
      csv_.end_row();
    }
    csv_.text(t_.get("skm.weighted_total"));
    for (int skip = 0; skip < 8; ++skip) csv_.empty();
    optional_decimal(r.ikm.ikm, r.places.ikm);
    csv_.end_row();
    csv_.text(t_.get("skm.rounding_rule"));
    csv_.end_row();
    csv_.end_row();
    csv_.text(t_.get("skm.ikm"));
    optional_decimal(r.ikm.ikm, r.places.ikm);
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

  void intervals() {
    title("skm.intervals");
    for (auto key : {"skm.interval.perception", "skm.interval.ni", "skm.interval.nik", "skm.mutu",
                     "skm.kinerja"})
      csv_.text(t_.get(key));
    csv_.end_row();
    for (const auto& i : kMutuIntervals) {
      auto mutu = std::string(core::to_string(i.mutu));
      csv_.number(i.perception);
      csv_.text(interval(i.ni_low, i.ni_high)).text(interval(i.nik_low, i.nik_high));
      csv_.text(mutu).text(t_.get("skm.kinerja." + mutu));
      csv_.end_row();
    }
  }

  void analysis(const SkmDocument& d) {
    const auto& r = d.report;
    const auto& a = d.analysis;
    title("skm.analysis");
    for (auto key : {"skm.rank", "skm.code", "skm.element", "skm.nrr", "skm.converted", "skm.mutu",
                     "skm.mentions"})
      csv_.text(t_.get(key));
    csv_.end_row();
    int rank = 0;
    for (int i : a.ranking) {
      const auto& e = r.ikm.elements[static_cast<std::size_t>(i)];
      std::string code(e.code);
      csv_.number(++rank).text(code).text(t_.get("skm.unsur." + code));
      optional_decimal(e.nrr, r.places.nrr[static_cast<std::size_t>(i)]);
      optional_decimal(e.converted, 2);
      csv_.text(core::to_string(core::classify_nik(*e.converted)));
      csv_.number(a.mentions[static_cast<std::size_t>(i)]);
      csv_.end_row();
    }
    csv_.text(t_.get("skm.cases")).number(a.cases);
    csv_.end_row();
    for (const auto& [type, n] : a.by_type) {
      csv_.text(t_.get("type." + type)).number(n);
      csv_.end_row();
    }
    csv_.text(t_.get("skm.cases_rahasia")).number(a.rahasia);
    csv_.end_row();
    if (!a.ranking.empty()) {
      std::string weakest(core::kSkmCodes[a.ranking.front()]);
      csv_.text(t_.format("skm.examples", {{"code", weakest}, {"name", t_.get("skm.unsur." + weakest)}}));
      csv_.end_row();
      for (const auto& example : a.examples) {
        csv_.text("").text(example);
        csv_.end_row();
      }
      if (a.examples.empty()) {
        csv_.text("").text(t_.get("skm.examples_none"));
        csv_.end_row();
      }
    }
  }

  void profile(const SkmReport& r) {
    title("skm.profile");
    const std::tuple<const char*, const std::map<std::string, std::int64_t>*, std::span<const std::string_view>>
        fields[] = {{"skm.profile.sex", &r.profile.sex, kSexOrder},
                    {"skm.profile.age", &r.profile.age_group, kAgeOrder},
                    {"skm.profile.education", &r.profile.education, kEducationOrder},
                    {"skm.profile.occupation", &r.profile.occupation, kOccupationOrder},
                    {"skm.profile.service", &r.profile.service, {}}};
    for (const auto& [key, counts, order] : fields) {
      for (const auto& [value, n] : in_profile_order(*counts, order)) {
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
      optional_decimal(p.ikm, p.ikm_places);
      optional_decimal(p.nik, 2);
      p.mutu ? csv_.text(core::to_string(*p.mutu)) : csv_.empty();
      csv_.end_row();
    }
  }

  void rtl_rows(const SkmRtl& plan, bool with_status) {
    for (auto key : {"skm.rtl.element", "skm.rtl.activity", "skm.rtl.time_frame", "skm.rtl.person"})
      csv_.text(t_.get(key));
    if (with_status) csv_.text(t_.get("skm.rtl.status")).text(t_.get("skm.rtl.note"));
    csv_.end_row();
    for (const auto& row : plan.rows) {
      csv_.text(row.element.empty() ? t_.get("skm.rtl.general")
                                    : row.element + " " + t_.get("skm.unsur." + row.element));
      csv_.text(row.activity).text(row.time_frame).text(row.person);
      if (with_status) {
        auto status = row.status == SkmRtlStatus::none ? std::string("none") : std::string(to_string(row.status));
        csv_.text(t_.get("skm.rtl.status." + status)).text(row.note);
      }
      csv_.end_row();
    }
    if (!plan.text.empty()) {
      csv_.text(plan.text);
      csv_.end_row();
    }
  }

  void previous(const SkmDocument& d) {
    if (!d.previous_key) return;
    title("skm.rtl.previous");
    csv_.text(t_.get("skm.period"))
        .text(format_day(d.previous_key->first_day) + " – " + format_day(d.previous_key->last_day));
    csv_.end_row();
    if (d.previous_rtl) rtl_rows(*d.previous_rtl, true);
    else {
      csv_.text(t_.get("skm.rtl.previous_none"));
      csv_.end_row();
    }
  }

  void rtl(const SkmDocument& d) {
    title("skm.rtl");
    if (d.rtl.empty()) {
      csv_.text(t_.get("skm.rtl_none"));
      csv_.end_row();
      return;
    }
    rtl_rows(d.rtl.front(), false);
    const auto& v = d.rtl.front();
    csv_.text(t_.format("skm.rtl_by", {{"user", v.user_name}, {"when", day_of(v.saved_ms)}}));
    csv_.end_row();
  }

  void signatures(const SkmDocument& d) {
    title("skm.sign");
    const auto& l = d.letterhead;
    auto day = d.details && d.details->signed_day ? format_day(*d.details->signed_day) : "";
    csv_.text(t_.get("skm.sign_date")).text(l ? l->place : "").text(day);
    csv_.end_row();
    csv_.text(t_.get("skm.sign_mutu")).text(l ? l->mutu_name : "").text(l && !l->mutu_nip.empty() ? "NIP " + l->mutu_nip : "");
    csv_.end_row();
    csv_.text(t_.get("skm.sign_place") + " " + t_.get("skm.sign_head"))
        .text(l ? l->head_name : "")
        .text(l && !l->head_nip.empty() ? "NIP " + l->head_nip : "");
    csv_.end_row();
  }

  const std::string& str() const { return csv_.str(); }

 private:
  void element_line(const std::string& key, const std::optional<std::string_view>& code) {
    csv_.text(t_.get(key));
    if (code) csv_.text(std::string(*code)).text(t_.get("skm.unsur." + std::string(*code)));
    csv_.end_row();
  }

  static std::string day_of(std::int64_t ms) {
    return core::format_iso8601({ms, core::local_offset_minutes(ms / 1000)}).substr(0, 10);
  }

  // "88,31 – 100,00" with the decimal mark of the file's separator.
  std::string interval(std::string low, std::string high) const {
    if (separator_ == ',') {
      std::replace(low.begin(), low.end(), ',', '.');
      std::replace(high.begin(), high.end(), ',', '.');
    }
    return low + " – " + high;
  }

  const core::Catalog& t_;
  char separator_;
  CsvWriter csv_;
};

}  // namespace

std::string skm_csv_text(const SkmDocument& document, const core::Catalog& t, char separator) {
  SkmCsv csv(t, separator);
  const auto& report = document.report;
  csv.head(document);
  csv.index(report);
  csv.intervals();
  csv.analysis(document);
  csv.profile(report);
  csv.trend(report);
  csv.previous(document);
  csv.rtl(document);
  csv.signatures(document);
  return csv.str();
}

}  // namespace kotak::server::reports
