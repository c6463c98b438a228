#include <doctest/doctest.h>

#include <fstream>

#include "core/bundle.hpp"
#include "core/wire.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak::core;
using kotak::test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::vector<Submission>& samples() {
  static const std::vector<Submission> made = [] {
    auto written = kotak::test::sample_written("Antrean apotek lama sekali.");
    written.identity_mode = IdentityMode::named;
    written.identity = {"Ibu Sari", "0812", "Jl. Melati 3"};
    return std::vector<Submission>{written, kotak::test::sample_rating(3),
                                   kotak::test::sample_skm()};
  }();
  return made;
}

fs::path write_bundle(const fs::path& parent) {
  bundle::Writer writer(parent, "pkm-test", "kiosk-1", {1795412820123, 420});
  for (const auto& s : samples()) writer.add(s);
  return writer.finish();
}

void corrupt(const fs::path& file, std::streamoff at) {
  std::fstream stream(file, std::ios::in | std::ios::out | std::ios::binary);
  stream.seekp(at);
  stream.put('#');
}

std::string open_error(const fs::path& path) {
  try {
    bundle::Reader reader(path);
  } catch (const bundle::BundleError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a bundle reads back what was written, with its manifest") {
  TempDir dir;
  auto path = write_bundle(dir.path());
  CHECK(path.filename() == "kotak-pkm-test-kiosk-1-20261123T124700");
  CHECK(fs::exists(path / "SHA256SUMS"));
  CHECK(!fs::exists(path.string() + ".partial"));
  bundle::Reader reader(path);
  CHECK(reader.manifest().facility_id == "pkm-test");
  CHECK(reader.manifest().device_id == "kiosk-1");
  CHECK(reader.manifest().count == 3);
  std::vector<std::string> lines;
  for (std::string line; reader.next(line);) lines.push_back(line);
  const auto& expected = samples();
  REQUIRE(lines.size() == expected.size());
  for (std::size_t i = 0; i < lines.size(); ++i)
    CHECK(lines[i] == wire::encode_submission(expected[i]));
  // SHA256SUMS checks the files the way sha256sum -c does.
  CHECK(bundle::file_sha256(path / "submissions.jsonl") == reader.manifest().sha256);
}

TEST_CASE("a bundle that was altered, cut short or is not a bundle is refused") {
  TempDir dir;
  auto path = write_bundle(dir.path());
  corrupt(path / "submissions.jsonl", 10);
  CHECK(open_error(path).find("does not match its checksum") != std::string::npos);

  TempDir other;
  auto cut = write_bundle(other.path());
  fs::resize_file(cut / "submissions.jsonl", 100);
  CHECK(open_error(cut).find("does not match its checksum") != std::string::npos);

  TempDir third;
  auto edited = write_bundle(third.path());
  corrupt(edited / "manifest.json", 5);
  CHECK(open_error(edited).find("manifest.json") != std::string::npos);

  CHECK(open_error(dir.path()).find("no SHA256SUMS") != std::string::npos);
  CHECK(open_error(dir / "missing").find("is not a directory") != std::string::npos);
}

TEST_CASE("a bundle whose files are links or devices is refused, not read forever") {
  // A link to /dev/zero was hashed without end; a FIFO would block the import.
  TempDir dir;
  auto path = write_bundle(dir.path());
  fs::remove(path / "submissions.jsonl");
  fs::create_symlink("/dev/zero", path / "submissions.jsonl");
  CHECK(open_error(path).find("submissions.jsonl' is not a plain file") != std::string::npos);
  fs::remove(path / "submissions.jsonl");
  fs::create_directory(path / "submissions.jsonl");
  CHECK(open_error(path).find("is not a plain file") != std::string::npos);
  fs::remove(path / "SHA256SUMS");
  fs::create_symlink(path / "manifest.json", path / "SHA256SUMS");
  CHECK(open_error(path).find("SHA256SUMS' is not a plain file") != std::string::npos);
}

TEST_CASE("an unfinished bundle leaves nothing behind that looks complete") {
  TempDir dir;
  {
    bundle::Writer writer(dir.path(), "pkm-test", "kiosk-1", {1795412820123, 420});
    writer.add(kotak::test::sample_rating(2));
    // destroyed without finish(): the stick was pulled, the export failed
  }
  CHECK(fs::is_empty(dir.path()));
  CHECK_THROWS_AS(bundle::Writer(dir / "nowhere", "pkm-test", "kiosk-1", {}), bundle::BundleError);
}

TEST_CASE("a bundle carries a spoken complaint's recording at its largest, byte for byte") {
  TempDir dir;
  auto spoken = kotak::test::sample_written("");
  spoken.audio = "OggS";
  for (std::size_t i = 4; i < kMaxAudioBytes; ++i) spoken.audio.push_back(static_cast<char>(i * 31));
  spoken.audio_ms = 300000;
  bundle::Writer writer(dir.path(), "pkm-test", "kiosk-1", {1795412820123, 420});
  writer.add(spoken);
  writer.add(kotak::test::sample_rating(2));
  auto path = writer.finish();
  bundle::Reader reader(path);
  std::string line;
  REQUIRE(reader.next(line));
  auto decoded = wire::decode_batch(R"({"protocol":1,"submissions":[)" + line + "]}", "kiosk-1", "pkm-test");
  REQUIRE(decoded.size() == 1u);
  REQUIRE_MESSAGE(decoded[0].submission, decoded[0].error);
  CHECK(decoded[0].submission->audio == spoken.audio);
  CHECK(decoded[0].submission->audio_ms == 300000);
  CHECK(wire::content_hash(*decoded[0].submission) == wire::content_hash(spoken));
  REQUIRE(reader.next(line));
  CHECK_FALSE(reader.next(line));
}
