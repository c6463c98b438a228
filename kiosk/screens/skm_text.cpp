// See skm_text.hpp.
#include "kiosk/screens/skm_text.hpp"

#include "core/submission.hpp"
#include "core/sync_result.hpp"

namespace kotak::kiosk {

std::string skm_title_key(int element) {
  return "skm." + std::string(core::kSkmCodes[static_cast<std::size_t>(element)]) + ".title";
}

std::string skm_question_key(int element) {
  return "skm." + std::string(core::kSkmCodes[static_cast<std::size_t>(element)]) + ".question";
}

std::string skm_answer_key(int element, int score) {
  return "skm." + std::string(core::kSkmCodes[static_cast<std::size_t>(element)]) + ".a" +
         std::to_string(score);
}

const std::vector<ProfileChoice>& sex_choices() {
  static const std::vector<ProfileChoice> choices = {{"L", "skm.sex.L"}, {"P", "skm.sex.P"}};
  return choices;
}

const std::vector<ProfileChoice>& age_choices() {
  static const std::vector<ProfileChoice> choices = {
      {"<20", "skm.age.under20"}, {"20-29", "skm.age.20-29"}, {"30-39", "skm.age.30-39"},
      {"40-49", "skm.age.40-49"}, {"50-59", "skm.age.50-59"}, {"60+", "skm.age.60plus"}};
  return choices;
}

const std::vector<ProfileChoice>& education_choices() {
  static const std::vector<ProfileChoice> choices = {
      {"SD", "skm.edu.SD"}, {"SMP", "skm.edu.SMP"}, {"SMA", "skm.edu.SMA"}, {"D3", "skm.edu.D3"},
      {"S1", "skm.edu.S1"}, {"S2", "skm.edu.S2"},   {"S3", "skm.edu.S3"}};
  return choices;
}

const std::vector<ProfileChoice>& occupation_choices() {
  static const std::vector<ProfileChoice> choices = {{"PNS", "skm.job.PNS"},
                                                     {"TNI", "skm.job.TNI"},
                                                     {"POLRI", "skm.job.POLRI"},
                                                     {"Swasta", "skm.job.Swasta"},
                                                     {"Wirausaha", "skm.job.Wirausaha"},
                                                     {"Lainnya", "skm.job.Lainnya"}};
  return choices;
}

std::vector<std::string> runtime_text_keys() {
  std::vector<std::string> keys;
  for (int e = 0; e < core::kSkmElements; ++e) {
    keys.push_back(skm_title_key(e));
    keys.push_back(skm_question_key(e));
    for (int a = 1; a <= 4; ++a) keys.push_back(skm_answer_key(e, a));
  }
  for (const auto* list :
       {&sex_choices(), &age_choices(), &education_choices(), &occupation_choices()})
    for (const auto& choice : *list) keys.push_back(choice.key);
  // The admin screen's words for kotak-sync's result codes.
  keys.emplace_back("sync.result.never");
  for (auto name : core::kSyncResultNames) keys.push_back("sync.result." + std::string(name));
  // What the admin screen's tasks say (admin.cpp, draw_task_status).
  for (const char* task : {"sync", "export", "enrol"})
    for (const char* state : {"_running", "_done", "_failed"})
      keys.push_back(std::string("admin.") + task + state);
  keys.emplace_back("admin.purge_done");
  keys.emplace_back("admin.purge_failed");
  // Why the kiosk cannot work (kiosk/app_store.cpp, kiosk/catalogs.cpp).
  for (const char* reason : {"config", "database", "database_cannot_open", "database_not_kotak",
                             "database_too_new", "database_corrupt", "catalog_missing",
                             "catalog_broken", "catalog_keys"})
    keys.push_back(std::string("unavailable.reason.") + reason);
  return keys;
}

}  // namespace kotak::kiosk
