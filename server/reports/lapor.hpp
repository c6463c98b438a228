// The package a case becomes when the complaint officer passes it on to
// the agency it belongs to through SP4N-LAPOR! (issue 15 item 9): the
// fields of LAPOR!'s report form, filled from the case, as JSON (for the
// dashboard, which prints the covering letter from it) and as CSV (one
// field per row, to copy into LAPOR!'s form or attach to a letter).
//
// LAPOR!'s own words are kept: klasifikasi (pengaduan, aspirasi,
// permintaan informasi), judul, isi, tanggal kejadian, lokasi, instansi
// tujuan, kategori, and its two privacy switches: anonim (the agency does
// not learn who reported) and rahasia (the public does not see the
// report). A reporter's name and phone go with it only when the officer
// chose so for a named (bernama) case and the reader may see them; a
// rahasia case is passed on rahasia and anonim, whatever was chosen.
// Whenever the reporter stays anonymous to the agency, what the text says
// of them (their name, phone, address: reg::redact) is cut out of it, as
// it is for a unit.
//
// The package is made from the case as it stands (its text, its contact
// details), never kept as a copy: an erasure reaches it too.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/i18n.hpp"
#include "core/submission.hpp"
#include "server/register/case.hpp"
#include "server/register/personal_data.hpp"

namespace kotak::server::reports {

inline constexpr const char* kLaporClassifications[] = {"pengaduan", "aspirasi", "permintaan_informasi"};
bool is_lapor_classification(const std::string& text);
// What LAPOR! calls a case of this type: keluhan → pengaduan, pertanyaan →
// permintaan_informasi, saran and pujian → aspirasi.
std::string lapor_classification(core::FeedbackType type);

struct LaporInput {
  const reg::Case* c = nullptr;  // read whole (history included)
  int n = 0;                     // which "escalated" line of its history
  std::string facility_name;
  std::string unit_label;                  // "" for none
  reg::Contact own;                        // the case's contact details, to cut from the text
  std::optional<core::Identity> reporter;  // only when it may go with the package
  bool identity_withheld = false;          // chosen, but the reader may not see it
};

// The history detail of the case's escalation n ({"n", "agency",
// "category", "classification", "title", "with_identity"}), if it has one.
std::optional<nlohmann::json> escalation_detail(const reg::Case& c, int n);

// The package of escalation n, or nullopt when the case has no such line.
// {"n", "case": {"id", "label", "ticket"}, "fields": {...LAPOR!'s...},
//  "passed_on": {"by", "at_ms"}, "tracking_id", "identity_withheld"}
std::optional<nlohmann::json> lapor_package(const LaporInput& input);

// The package as CSV rows "field;value", in the catalog's language.
std::string lapor_csv(const nlohmann::json& package, const core::Catalog& words, char separator);

}  // namespace kotak::server::reports
