// Fuzz target: the wire reader (core/wire*.cpp), every message as the
// programs read it. One input is read as an error body, and as each message
// whose required member it names (a reader stops at once without it, so
// parsing the input again for it would only slow the fuzzer down):
//   "submissions": a batch, as kotak-server reads POST /api/v1/submissions;
//   "results", "cursor" / "items" / "unchanged", "settings": the results of
//     a batch, the public board and the kiosk settings (which kotak-sync
//     then checks as the kiosk will), as kotak-sync reads the server's answers.
// Beyond "no crash, only WireError": every item the server accepts encodes
// and decodes again to the same submission and hash (deduplication relies
// on it), and the server's answer to any batch is one kotak-sync can read.
#include <nlohmann/json.hpp>

#include "core/remote_settings.hpp"
#include "core/wire.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

using namespace kotak::core;
using kotak::fuzz::check;

const std::string kDevice = "kiosk-1";
const std::string kFacility = "pkm-fuzz";

// A reader's answer to a message that must be readable: its WireError is a
// broken promise, not a refusal.
template <typename Read>
auto must_read(Read&& read, std::string_view promise) {
  try {
    return read();
  } catch (const wire::WireError& error) {
    check(false, promise, error.what());
    throw;
  }
}

void check_round_trip(const Submission& submission) {
  auto again = must_read(
      [&] { return wire::decode_batch(wire::encode_batch({submission}), kDevice, kFacility); },
      "an accepted submission encodes as a readable batch");
  check(again.size() == 1 && again[0].submission.has_value(),
        "an accepted submission decodes again", again.empty() ? "" : again[0].error);
  check(*again[0].submission == submission, "an accepted submission round-trips unchanged",
        wire::encode_submission(submission));
  check(wire::content_hash(*again[0].submission) == wire::content_hash(submission),
        "the content hash of a round-tripped submission is the same");
}

// What the server answers (api.cpp: one result per item, or an error body)
// must be readable by kotak-sync, or a whole queue would wait on one answer.
void check_answer(const std::vector<wire::DecodedItem>& decoded) {
  std::vector<wire::ItemResult> results;
  for (const auto& item : decoded) {
    check(item.submission.has_value() != !item.error.empty(),
          "an item is either a submission or has a reason", item.error);
    results.push_back({item.id,
                       item.submission ? wire::ItemStatus::accepted : wire::ItemStatus::invalid,
                       item.error});
  }
  std::string answer = wire::encode_results(results);
  try {
    auto read = wire::decode_results(answer);
    check(read.size() == results.size(), "kotak-sync reads one result per item");
  } catch (const wire::WireError& error) {
    check(false, "kotak-sync can read the server's results", error.what());
  }
}

void read_batch(std::string_view body) {
  std::vector<wire::DecodedItem> decoded;
  try {
    decoded = wire::decode_batch(body, kDevice, kFacility);
  } catch (const wire::WireError& error) {
    // The server answers 400 with this reason; the sender must read it.
    check(!wire::decode_error(wire::encode_error(error.what())).empty(),
          "an error body carries its reason", error.what());
    return;
  }
  check(decoded.size() <= wire::kMaxBatchItems, "a batch holds at most kMaxBatchItems");
  for (const auto& item : decoded) {
    if (!item.submission) continue;
    check(!validate(*item.submission), "an accepted submission is valid");
    check_round_trip(*item.submission);
  }
  check_answer(decoded);
}

// A reason as sent: the same, or its start with "…" after it.
bool same_or_cut(const std::string& original, const std::string& sent) {
  constexpr std::string_view kEllipsis = "\u2026";
  if (sent == original) return true;
  return sent.size() <= wire::kMaxReasonBytes && sent.ends_with(kEllipsis) &&
         original.starts_with(sent.substr(0, sent.size() - kEllipsis.size()));
}

// The server's encoder and kotak-sync's decoder agree on every result
// kotak-sync can read (a reason past kMaxReasonBytes comes back cut).
void read_results(std::string_view body) {
  std::vector<wire::ItemResult> results;
  try {
    results = wire::decode_results(body);
  } catch (const wire::WireError&) {
    return;
  }
  auto again = must_read([&] { return wire::decode_results(wire::encode_results(results)); },
                         "encoded results decode again");
  check(again.size() == results.size(), "results keep their number");
  for (std::size_t i = 0; i < results.size(); ++i)
    check(again[i].id == results[i].id && again[i].status == results[i].status &&
              same_or_cut(results[i].reason, again[i].reason),
          "a result keeps its id, status and the start of its reason", results[i].reason);
}

void read_board(std::string_view body) {
  try {
    auto board = wire::decode_board(body);
    check(!board.unchanged || board.items.empty(), "an unchanged board carries no items");
    check(board.items.size() <= 200, "a board holds at most 200 items");
  } catch (const wire::WireError&) {
  }
}

// kotak-sync keeps the settings it reads only if the kiosk's own check takes
// them; the server stores what encode_remote_settings wrote.
void read_settings(std::string_view body) {
  RemoteSettings parsed;
  try {
    parsed = parse_remote_settings(wire::decode_settings(body));
  } catch (const wire::WireError&) {
    return;
  }
  auto again = must_read([&] { return parse_remote_settings(encode_remote_settings(parsed)); },
                         "encoded remote settings read again");
  auto same_units = [](const std::optional<std::vector<Unit>>& a,
                       const std::optional<std::vector<Unit>>& b) {
    if (a.has_value() != b.has_value() || (a && a->size() != b->size())) return false;
    for (std::size_t i = 0; a && i < a->size(); ++i)
      if ((*a)[i].id != (*b)[i].id || (*a)[i].label != (*b)[i].label) return false;
    return true;
  };
  check(again.facility_name == parsed.facility_name && again.skm_url == parsed.skm_url &&
            again.notice == parsed.notice && same_units(again.units, parsed.units),
        "remote settings round-trip");
  if (parsed.units)
    for (const auto& unit : *parsed.units)
      check(is_identifier(unit.id) && unit.label.count("id"), "a remote unit has an id and label");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto body = kotak::fuzz::as_text(data, size);
  auto names = [&](std::string_view member) { return body.find(member) != body.npos; };
  if (names("\"submissions\"")) read_batch(body);
  if (names("\"results\"")) read_results(body);
  if (names("\"cursor\"") || names("\"items\"") || names("\"unchanged\"")) read_board(body);
  if (names("\"settings\"")) read_settings(body);
  wire::decode_error(body);
  return 0;
}
