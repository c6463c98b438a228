// Fuzz target: the USB bundle reader (core/bundle.cpp), with everything a
// stick can hold. One input is the files of a bundle folder, separated by a
// line holding only "--8<--":
//
//   manifest.json
//   --8<--
//   submissions.jsonl
//   --8<--
//   SHA256SUMS
//
// A file whose part is missing is not written. When SHA256SUMS is missing,
// the harness writes the true checksums of the other two, and in the
// manifest it replaces @SHA256@, @BYTES@ and @COUNT@ with the truth about
// submissions.jsonl: so a seed passes the checks and its mutations explore
// what lies behind them, while inputs with all three parts explore the
// checks themselves. Each line the reader hands out is then decoded as
// `kotak-server import` does (a batch of wire items).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/bundle.hpp"
#include "core/wire.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

using namespace kotak::core;
using kotak::fuzz::check;
namespace fs = std::filesystem;

constexpr std::string_view kSeparator = "\n--8<--\n";

void replace_all(std::string& text, std::string_view placeholder, const std::string& value) {
  for (auto at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size()))
    text.replace(at, placeholder.size(), value);
}

// Writes the folder the input describes; returns its path.
fs::path write_bundle(std::string_view input) {
  static const fs::path dir = [] {
    auto made = kotak::fuzz::scratch_dir() / "kotak-pkm-fuzz-kiosk-1-20261123T124700";
    fs::create_directory(made);
    return made;
  }();
  auto manifest_file = dir / bundle::kManifestFile;
  auto submissions_file = dir / bundle::kSubmissionsFile;
  auto parts = kotak::fuzz::split(input, kSeparator, 3);
  std::string_view submissions = parts.size() > 1 ? parts[1] : "";
  kotak::fuzz::write_file(submissions_file, submissions);
  std::string manifest(parts[0]);
  std::string sums(parts.size() > 2 ? parts[2] : "");
  if (parts.size() < 3) {
    auto submissions_sha = bundle::file_sha256(submissions_file);
    replace_all(manifest, "@SHA256@", submissions_sha);
    replace_all(manifest, "@BYTES@", std::to_string(submissions.size()));
    replace_all(manifest, "@COUNT@",
                std::to_string(std::count(submissions.begin(), submissions.end(), '\n')));
    kotak::fuzz::write_file(manifest_file, manifest);
    sums = bundle::file_sha256(manifest_file) + "  manifest.json\n" + submissions_sha +
           "  submissions.jsonl\n";
  }
  kotak::fuzz::write_file(manifest_file, manifest);
  kotak::fuzz::write_file(dir / bundle::kChecksumsFile, sums);
  if (parts.size() < 2) fs::remove(submissions_file);
  return dir;
}

// One line through the wire reader, with the bundle's facility and device.
void decode_line(const std::string& line, const bundle::Manifest& manifest) {
  if (!nlohmann::json::accept(line)) return;  // the import reports it on its own
  try {
    auto decoded = wire::decode_batch(R"({"protocol":1,"submissions":[)" + line + "]}",
                                      manifest.device_id, manifest.facility_id);
    check(decoded.size() == 1, "one line is one item");
    if (decoded[0].submission)
      check(decoded[0].submission->facility_id == manifest.facility_id,
            "an item is filed under the bundle's facility");
  } catch (const wire::WireError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto dir = write_bundle(kotak::fuzz::as_text(data, size));
  try {
    bundle::Reader reader(dir);
    const auto& manifest = reader.manifest();
    check(is_identifier(manifest.facility_id) && is_identifier(manifest.device_id),
          "an opened bundle names its facility and device by identifiers");
    std::int64_t lines = 0;
    for (std::string line; reader.next(line); ++lines) decode_line(line, manifest);
    check(lines == manifest.count, "a bundle holds as many lines as its manifest says");
  } catch (const bundle::BundleError&) {
  }
  return 0;
}
