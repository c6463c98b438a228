// See phone_page.hpp. The page is one HTML document of a few kilobytes:
// a choice, the survey (profile, then the nine questions) and the
// complaint form, and a place for the result. phone.js shows one part at a
// time and sends; phone.css makes every choice a large target at 320 px.
#include "server/dashboard/phone_page.hpp"

#include <array>
#include <tuple>
#include <utility>

#include "core/submission.hpp"

namespace kotak::server {

namespace {

using Choices = std::vector<std::pair<std::string, std::string>>;  // value, catalog key

// The profile's choices: core's stored values with the kiosk's words for
// them (kiosk/screens/skm_text.cpp lists the same).
const Choices kSex = {{"L", "skm.sex.L"}, {"P", "skm.sex.P"}};
const Choices kAge = {{"<20", "skm.age.under20"}, {"20-29", "skm.age.20-29"},
                      {"30-39", "skm.age.30-39"}, {"40-49", "skm.age.40-49"},
                      {"50-59", "skm.age.50-59"}, {"60+", "skm.age.60plus"}};
const Choices kEducation = {{"SD", "skm.edu.SD"}, {"SMP", "skm.edu.SMP"}, {"SMA", "skm.edu.SMA"},
                            {"D3", "skm.edu.D3"}, {"S1", "skm.edu.S1"},   {"S2", "skm.edu.S2"},
                            {"S3", "skm.edu.S3"}};
const Choices kOccupation = {{"PNS", "skm.job.PNS"},         {"TNI", "skm.job.TNI"},
                             {"POLRI", "skm.job.POLRI"},     {"Swasta", "skm.job.Swasta"},
                             {"Wirausaha", "skm.job.Wirausaha"}, {"Lainnya", "skm.job.Lainnya"}};
const std::array<const char*, 4> kTypes = {"keluhan", "saran", "pujian", "pertanyaan"};

class Html {
 public:
  explicit Html(const core::Catalog& words) : words_(words) {}
  Html& raw(const std::string& text) {
    out_ += text;
    return *this;
  }
  Html& text(const std::string& text) {
    out_ += html_escape(text);
    return *this;
  }
  Html& word(const std::string& key) { return text(words_.get(key)); }
  // A tag with the catalog's words in it.
  Html& tag(const std::string& open, const std::string& key, const std::string& close) {
    return raw(open).word(key).raw(close);
  }
  // A group of large radio choices: value and words of each.
  Html& radios(const std::string& name, const std::string& legend_key,
               const std::vector<std::pair<std::string, std::string>>& choices, bool words_are_keys) {
    raw("<fieldset><legend>").word(legend_key).raw("</legend>");
    for (const auto& [value, label] : choices) {
      raw("<label class=\"choice\"><input type=\"radio\" name=\"").raw(name).raw("\" value=\"");
      text(value).raw("\"><span>");
      words_are_keys ? word(label) : text(label);
      raw("</span></label>");
    }
    return raw("</fieldset>");
  }
  std::string done() { return std::move(out_); }

 private:
  const core::Catalog& words_;
  std::string out_;
};

// The facility's units in the page's language, as choices.
Choices unit_choices(const PhonePage& page) {
  Choices units;
  for (const auto& unit : page.units) units.emplace_back(unit.id, unit.label_for(page.language));
  return units;
}

void head(Html& h, const std::string& language, const std::string& title) {
  h.raw("<!doctype html><html lang=\"").text(language).raw("\"><head><meta charset=\"utf-8\">")
      .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
      .raw("<title>").text(title).raw("</title><link rel=\"stylesheet\" href=\"/app/phone.css\">")
      .raw("</head>");
}

void survey(Html& h, const PhonePage& page) {
  h.raw("<form id=\"skm\" class=\"step\" hidden>").tag("<h2>", "skm.intro.title", "</h2>");
  h.tag("<p>", "skm.intro.text", "</p>");
  h.tag("<h3>", "skm.intro.profile", "</h3>").tag("<p class=\"hint\">", "skm.profile.hint", "</p>");
  h.radios("sex", "skm.profile.sex", kSex, true);
  h.radios("age_group", "skm.profile.age", kAge, true);
  h.radios("education", "skm.profile.education", kEducation, true);
  h.radios("occupation", "skm.profile.occupation", kOccupation, true);
  const Choices units = unit_choices(page);
  if (!units.empty()) h.radios("service", "skm.profile.service", units, false);
  for (int e = 0; e < core::kSkmElements; ++e) {
    const std::string code(core::kSkmCodes[static_cast<std::size_t>(e)]);
    Choices answers;
    for (int a = 1; a <= 4; ++a) answers.emplace_back(std::to_string(a), "skm." + code + ".a" + std::to_string(a));
    h.raw("<section class=\"question\">").tag("<h3>", "skm." + code + ".title", "</h3>");
    h.radios(code, "skm." + code + ".question", answers, true).raw("</section>");
  }
  h.raw("<button type=\"submit\" class=\"primary\">").word("review.send").raw("</button></form>");
}

void complaint(Html& h, const PhonePage& page) {
  h.raw("<form id=\"written\" class=\"step\" hidden>").tag("<h2>", "write.bar", "</h2>");
  Choices types;
  for (const char* type : kTypes) types.emplace_back(type, std::string("type.") + type);
  h.radios("type", "write_type.question", types, true);
  const Choices units = unit_choices(page);
  if (!units.empty()) h.radios("unit", "unit.write_question", units, false);
  h.raw("<label class=\"field\"><span>").word("phone.text_label").raw("</span>");
  h.raw("<textarea name=\"text\" rows=\"6\" maxlength=\"2000\" required></textarea></label>");
  h.radios("identity_mode", "identity.question",
           {{"anonim", "identity.anonymous"}, {"named", "identity.named"}}, true);
  h.tag("<p class=\"hint\">", "identity.notice", "</p>");
  h.raw("<div id=\"contact\" hidden>");
  for (auto [name, key, type, max] :
       {std::tuple{"name", "review.name", "text", 100}, std::tuple{"phone", "review.phone", "tel", 20},
        std::tuple{"address", "review.address", "text", 300}}) {
    h.raw("<label class=\"field\"><span>").word(key).raw("</span><input name=\"").raw(name);
    h.raw("\" type=\"").raw(type).raw("\" maxlength=\"").raw(std::to_string(max)).raw("\"></label>");
  }
  h.raw("</div><label class=\"choice\"><input type=\"checkbox\" name=\"urgent\"><span>");
  h.word("phone.urgent").raw("</span></label>");
  h.raw("<button type=\"submit\" class=\"primary\">").word("review.send").raw("</button></form>");
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string phone_page_html(const PhonePage& page, const core::Catalog& words) {
  Html h(words);
  head(h, page.language, words.get("phone.title"));
  // What phone.js needs: the token and window it sends with the answers,
  // and the words it shows (as text, never as HTML).
  h.raw("<body><main id=\"phone\" data-facility=\"").text(page.facility_id);
  h.raw("\" data-k=\"").text(page.token).raw("\" data-w=\"").raw(std::to_string(page.window));
  h.raw("\" data-lang=\"").text(page.language);
  static const std::pair<const char*, const char*> kScriptWords[] = {
      {"sending", "phone.sending"}, {"offline", "phone.offline"},     {"refused", "phone.refused"},
      {"sent-skm", "phone.sent_skm"}, {"thanks", "thanks.title"},     {"promise", "thanks.promise"},
      {"ticket", "thanks.ticket_label"}, {"keep", "thanks.keep_ticket"}, {"track", "phone.track"}};
  for (const auto& [attribute, key] : kScriptWords)
    h.raw("\" data-").raw(attribute).raw("=\"").word(key);
  h.raw("\"><header><p class=\"brand\">").word("phone.title").raw("</p><h1>");
  h.text(page.facility_name).raw("</h1><nav>");
  for (const auto& language : page.languages)
    h.raw("<a href=\"?k=").text(page.token).raw("&amp;lang=").text(language).raw("\"")
        .raw(language == page.language ? " aria-current=\"page\"" : "").raw(">").text(language)
        .raw("</a>");
  h.raw("</nav></header><noscript><p class=\"notice\">").word("phone.no_script").raw("</p></noscript>");
  h.raw("<section id=\"choose\" class=\"step\">").tag("<h2>", "phone.choose", "</h2>");
  h.raw("<button type=\"button\" class=\"big\" data-show=\"skm\">").word("home.skm").raw("</button>");
  h.raw("<button type=\"button\" class=\"big\" data-show=\"written\">").word("write.bar").raw("</button>");
  h.raw("</section>");
  survey(h, page);
  complaint(h, page);
  h.raw("<p id=\"status\" role=\"status\" hidden></p><section id=\"done\" class=\"step\" hidden></section>");
  h.raw("</main><script src=\"/app/js/phone.js\"></script></body></html>");
  return h.done();
}

std::string phone_expired_html(const core::Catalog& indonesian, const core::Catalog& english) {
  Html h(indonesian);
  head(h, "id", indonesian.get("phone.expired.title"));
  h.raw("<body><main class=\"expired\">");
  for (const auto* words : {&indonesian, &english}) {
    Html part(*words);
    part.raw("<section lang=\"").raw(words == &indonesian ? "id" : "en").raw("\">");
    part.tag("<h1>", "phone.expired.title", "</h1>").tag("<p>", "phone.expired.text", "</p>");
    h.raw(part.raw("</section>").done());
  }
  h.raw("</main></body></html>");
  return h.done();
}

}  // namespace kotak::server
