// See bundle.hpp.
#include "core/bundle.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "core/digest.hpp"
#include "core/wire.hpp"

namespace kotak::core::bundle {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// No honest line is longer than the largest item (a spoken complaint at its
// limit, wire.hpp); a longer one means a damaged or hostile file.
constexpr std::size_t kMaxLineBytes = wire::kMaxItemBytes + 1;

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

[[noreturn]] void fail_io(const std::string& action, const fs::path& path) {
  std::string reason = std::strerror(errno);
  if (errno == ENOSPC)
    throw BundleError("could not " + action + " " + quoted(path) +
                      ": the stick is full. Use an emptier stick.");
  throw BundleError("could not " + action + " " + quoted(path) + " (" + reason +
                    "). Check that the stick is mounted and writable.");
}

void sync_path(const fs::path& path, bool directory) {
  int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) fail_io("open", path);
  int rc = ::fsync(fd);
  // Some file systems (and FAT through some drivers) refuse fsync on a
  // directory; the files themselves were synced, which is what matters.
  if (rc != 0 && !(directory && (errno == EINVAL || errno == EBADF))) {
    ::close(fd);
    fail_io("sync", path);
  }
  ::close(fd);
}

void write_text_file(const fs::path& path, const std::string& text) {
  std::FILE* file = std::fopen(path.c_str(), "wbe");
  if (!file) fail_io("create", path);
  bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  ok = std::fflush(file) == 0 && ok;
  ok = ::fsync(fileno(file)) == 0 && ok;
  if (std::fclose(file) != 0 || !ok) fail_io("write", path);
}

std::string bundle_name(const std::string& facility, const std::string& device, Timestamp t) {
  // Local time of the kiosk, as the technician reads it on the stick.
  auto iso = format_iso8601(t);  // 2026-11-23T12:47:00.123+07:00
  std::string stamp = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + "T" +
                      iso.substr(11, 2) + iso.substr(14, 2) + iso.substr(17, 2);
  return "kotak-" + facility + "-" + device + "-" + stamp;
}

std::string manifest_json(const Manifest& m) {
  json manifest{
      {"format", kFormat},
      {"version", kVersion},
      {"created_at", format_iso8601(m.created_at)},
      {"facility_id", m.facility_id},
      {"device_id", m.device_id},
      {"submissions",
       {{"file", kSubmissionsFile}, {"count", m.count}, {"bytes", m.bytes}, {"sha256", m.sha256}}}};
  return manifest.dump(2) + "\n";
}

std::string slurp_small(const fs::path& path, std::size_t max_bytes) {
  std::FILE* file = std::fopen(path.c_str(), "rbe");
  if (!file) return {};
  std::string text;
  char chunk[4096];
  std::size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, file)) > 0 && text.size() <= max_bytes)
    text.append(chunk, n);
  std::fclose(file);
  return text;
}

bool is_hex64(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// SHA256SUMS as name → hash; refuses anything but the two expected names.
std::map<std::string, std::string> read_checksums(const fs::path& directory) {
  auto path = directory / kChecksumsFile;
  std::FILE* file = std::fopen(path.c_str(), "rbe");
  if (!file)
    throw BundleError(quoted(directory) + " is not a Kotak bundle: it has no " +
                      std::string(kChecksumsFile) + ". Copy the whole bundle folder.");
  std::map<std::string, std::string> sums;
  char line[512];
  while (std::fgets(line, sizeof line, file)) {
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (text.empty()) continue;
    // "<hash>  <name>" (two spaces, or " *" for binary mode).
    auto hash = text.substr(0, 64);
    std::string name = text.size() > 66 ? text.substr(66) : "";
    if (!is_hex64(hash) || text.size() <= 66 || (text[65] != ' ' && text[65] != '*') ||
        (name != kManifestFile && name != kSubmissionsFile)) {
      std::fclose(file);
      throw BundleError(quoted(path) + " has a line that is not a checksum of a bundle file: \"" +
                        text.substr(0, 100) + "\"");
    }
    sums[name] = hash;
  }
  std::fclose(file);
  for (auto name : {kManifestFile, kSubmissionsFile})
    if (!sums.count(std::string(name)))
      throw BundleError(quoted(path) + " has no checksum for " + std::string(name));
  return sums;
}

std::string string_member(const json& object, const char* name, const fs::path& path) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string())
    throw BundleError(quoted(path) + ": '" + name + "' is missing or not text");
  return it->get<std::string>();
}

std::int64_t count_member(const json& object, const char* name, const fs::path& path) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_number_unsigned() || it->get<std::uint64_t>() > (1ull << 53))
    throw BundleError(quoted(path) + ": '" + name + "' is missing or not a count");
  return static_cast<std::int64_t>(it->get<std::uint64_t>());
}

Manifest parse_manifest(const fs::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rbe");
  if (!file) throw BundleError(quoted(path) + " cannot be read: " + std::strerror(errno));
  std::string text;
  char chunk[4096];
  std::size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, file)) > 0 && text.size() < 64 * 1024)
    text.append(chunk, n);
  std::fclose(file);
  json manifest;
  try {
    manifest = json::parse(text);
  } catch (const json::exception& error) {
    throw BundleError(quoted(path) + " is not valid JSON: " + error.what());
  }
  if (!manifest.is_object()) throw BundleError(quoted(path) + " is not a bundle manifest");
  if (string_member(manifest, "format", path) != kFormat)
    throw BundleError(quoted(path) + " is not a Kotak bundle manifest");
  auto version = manifest.find("version");
  if (version == manifest.end() || !version->is_number_integer())
    throw BundleError(quoted(path) + ": 'version' is missing");
  if (version->get<std::int64_t>() != kVersion)
    throw BundleError(quoted(path) + " is bundle version " +
                      std::to_string(version->get<std::int64_t>()) + "; this Kotak reads version " +
                      std::to_string(kVersion) + ". Install the same Kotak version on both ends.");
  Manifest m;
  auto created = parse_iso8601(string_member(manifest, "created_at", path));
  if (!created) throw BundleError(quoted(path) + ": 'created_at' is not a date and time");
  m.created_at = *created;
  m.facility_id = string_member(manifest, "facility_id", path);
  m.device_id = string_member(manifest, "device_id", path);
  if (!is_identifier(m.facility_id) || !is_identifier(m.device_id))
    throw BundleError(quoted(path) + ": 'facility_id' and 'device_id' must be identifiers");
  auto submissions = manifest.find("submissions");
  if (submissions == manifest.end() || !submissions->is_object())
    throw BundleError(quoted(path) + ": 'submissions' is missing");
  if (string_member(*submissions, "file", path) != kSubmissionsFile)
    throw BundleError(quoted(path) + ": 'submissions.file' must be " +
                      std::string(kSubmissionsFile));
  m.count = count_member(*submissions, "count", path);
  m.bytes = count_member(*submissions, "bytes", path);
  m.sha256 = string_member(*submissions, "sha256", path);
  if (!is_hex64(m.sha256)) throw BundleError(quoted(path) + ": 'submissions.sha256' is not a hash");
  return m;
}

// Reads one line (without the newline) of at most kMaxLineBytes; false at
// the end of the file.
bool read_line(std::FILE* file, std::string& line, const fs::path& path) {
  line.clear();
  int c;
  while ((c = std::fgetc(file)) != EOF) {
    if (c == '\n') return true;
    if (line.size() >= kMaxLineBytes)
      throw BundleError(quoted(path) + " has a line longer than " + std::to_string(kMaxLineBytes) +
                        " bytes: the file is damaged");
    line += static_cast<char>(c);
  }
  if (std::ferror(file)) throw BundleError(quoted(path) + " cannot be read");
  if (!line.empty())
    throw BundleError(quoted(path) + " ends in the middle of a line: the copy is incomplete");
  return false;
}

}  // namespace

struct Writer::Hasher {
  crypto_hash_sha256_state state;
};

Writer::Writer(const fs::path& parent, const std::string& facility_id, const std::string& device_id,
               Timestamp created_at)
    : hasher_(std::make_unique<Hasher>()) {
  std::error_code ec;
  if (!fs::is_directory(parent, ec))
    throw BundleError(quoted(parent) + " is not a directory. Mount the stick and give its path.");
  if (!is_identifier(facility_id) || !is_identifier(device_id))
    throw BundleError("the facility and device ids of the answers are not identifiers: '" +
                      facility_id + "', '" + device_id + "'");
  manifest_.facility_id = facility_id;
  manifest_.device_id = device_id;
  manifest_.created_at = created_at;
  final_ = parent / bundle_name(facility_id, device_id, created_at);
  partial_ = final_;
  partial_ += ".partial";
  if (fs::exists(final_, ec))
    throw BundleError(quoted(final_) + " already exists. Wait a second and export again.");
  fs::remove_all(partial_, ec);
  if (!fs::create_directory(partial_, ec))
    throw BundleError("could not create " + quoted(partial_) + " (" + ec.message() +
                      "). Check that the stick is writable.");
  auto path = partial_ / kSubmissionsFile;
  file_ = std::fopen(path.c_str(), "wbe");
  if (!file_) fail_io("create", path);
  crypto_hash_sha256_init(&hasher_->state);
}

Writer::~Writer() {
  if (file_) std::fclose(file_);
  if (!finished_) {
    std::error_code ec;
    fs::remove_all(partial_, ec);
  }
}

void Writer::add(const Submission& submission) {
  std::string line = wire::encode_submission(submission) + "\n";
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size())
    fail_io("write", partial_ / kSubmissionsFile);
  crypto_hash_sha256_update(&hasher_->state, reinterpret_cast<const unsigned char*>(line.data()),
                            line.size());
  manifest_.count += 1;
  manifest_.bytes += static_cast<std::int64_t>(line.size());
}

fs::path Writer::finish(const signing::KeyPair* key) {
  auto submissions = partial_ / kSubmissionsFile;
  bool ok = std::fflush(file_) == 0;
  ok = ::fsync(fileno(file_)) == 0 && ok;
  if (std::fclose(file_) != 0 || !ok) {
    file_ = nullptr;
    fail_io("write", submissions);
  }
  file_ = nullptr;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hasher_->state, digest);
  manifest_.sha256 = to_hex(digest, sizeof digest);
  auto manifest = manifest_json(manifest_);
  write_text_file(partial_ / kManifestFile, manifest);
  std::string sums = file_sha256(partial_ / kManifestFile) + "  " + std::string(kManifestFile) +
                     "\n" + manifest_.sha256 + "  " + std::string(kSubmissionsFile) + "\n";
  write_text_file(partial_ / kChecksumsFile, sums);
  if (key) {
    json signature{{"algorithm", "ed25519"},
                   {"public_key", key->public_key},
                   {"signature", signing::sign(*key, signed_message(sums))}};
    write_text_file(partial_ / kSignatureFile, signature.dump(2) + "\n");
  }
  sync_path(partial_, true);
  std::error_code ec;
  fs::rename(partial_, final_, ec);
  if (ec)
    throw BundleError("could not rename " + quoted(partial_) + " to " + quoted(final_) + " (" +
                      ec.message() + ")");
  sync_path(final_.parent_path(), true);
  finished_ = true;
  return final_;
}

Reader::Reader(const fs::path& directory) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec))
    throw BundleError(quoted(directory) +
                      " is not a directory. Give the path of the bundle folder "
                      "(kotak-...), not of a file in it.");
  // A stick formatted other than FAT can hold links and FIFOs: a link to
  // /dev/zero would be hashed forever, a FIFO would block the import. Only
  // plain files are read.
  for (auto name : {kChecksumsFile, kManifestFile, kSubmissionsFile}) {
    auto status = fs::symlink_status(directory / name, ec);
    if (fs::exists(status) && !fs::is_regular_file(status))
      throw BundleError(quoted(directory / name) +
                        " is not a plain file (a link, folder or device): the bundle is not "
                        "what kotak-sync export writes. Export again.");
  }
  auto sums = read_checksums(directory);
  auto manifest_path = directory / kManifestFile;
  if (file_sha256(manifest_path) != sums[std::string(kManifestFile)])
    throw BundleError(quoted(manifest_path) +
                      " does not match its checksum: the copy is damaged. Export again.");
  manifest_ = parse_manifest(manifest_path);
  checksums_ = slurp_small(directory / kChecksumsFile, 4096);
  read_signature(directory / kSignatureFile);
  if (manifest_.sha256 != sums[std::string(kSubmissionsFile)])
    throw BundleError("the manifest and SHA256SUMS of " + quoted(directory) +
                      " disagree about submissions.jsonl: the bundle was altered");
  auto path = directory / kSubmissionsFile;
  // One pass to check the hash, the size and the number of lines.
  std::FILE* check = std::fopen(path.c_str(), "rbe");
  if (!check) throw BundleError(quoted(path) + " cannot be read: " + std::strerror(errno));
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::int64_t bytes = 0, lines = 0;
  unsigned char chunk[65536];
  std::size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, check)) > 0) {
    crypto_hash_sha256_update(&state, chunk, n);
    bytes += static_cast<std::int64_t>(n);
    for (std::size_t i = 0; i < n; ++i) lines += chunk[i] == '\n';
  }
  bool read_error = std::ferror(check) != 0;
  std::fclose(check);
  if (read_error) throw BundleError(quoted(path) + " cannot be read");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  if (to_hex(digest, sizeof digest) != manifest_.sha256 || bytes != manifest_.bytes)
    throw BundleError(quoted(path) +
                      " does not match its checksum: the copy is damaged or incomplete. "
                      "Export again.");
  if (lines != manifest_.count)
    throw BundleError(quoted(path) + " has " + std::to_string(lines) +
                      " lines but the manifest says " + std::to_string(manifest_.count));
  file_ = std::fopen(path.c_str(), "rbe");
  if (!file_) throw BundleError(quoted(path) + " cannot be read: " + std::strerror(errno));
}

void Reader::read_signature(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return;
  auto parsed = json::parse(slurp_small(path, 4096), nullptr, false);
  if (!parsed.is_object() || parsed.value("algorithm", "") != "ed25519" ||
      !parsed.contains("public_key") || !parsed["public_key"].is_string() ||
      !parsed.contains("signature") || !parsed["signature"].is_string())
    throw BundleError(quoted(path) + " is not a bundle signature: the bundle is damaged. Export again.");
  signer_ = parsed["public_key"].get<std::string>().substr(0, 100);
  signature_ = parsed["signature"].get<std::string>().substr(0, 200);
}

SignatureCheck Reader::check_signature(const std::string& public_key) const {
  if (signature_.empty()) return SignatureCheck::no_signature;
  if (signer_ != public_key) return SignatureCheck::other_key;
  return signing::verify(public_key, signed_message(checksums_), signature_)
             ? SignatureCheck::valid
             : SignatureCheck::bad_signature;
}

std::string signed_message(std::string_view checksums) {
  return "kotak-bundle-signature 1\n" + std::string(checksums);
}

Reader::~Reader() {
  if (file_) std::fclose(file_);
}

bool Reader::next(std::string& line) { return read_line(file_, line, kSubmissionsFile); }

std::string file_sha256(const fs::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rbe");
  if (!file) throw BundleError(quoted(path) + " cannot be read: " + std::strerror(errno));
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  unsigned char chunk[65536];
  std::size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, file)) > 0)
    crypto_hash_sha256_update(&state, chunk, n);
  bool read_error = std::ferror(file) != 0;
  std::fclose(file);
  if (read_error) throw BundleError(quoted(path) + " cannot be read");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return to_hex(digest, sizeof digest);
}

}  // namespace kotak::core::bundle
