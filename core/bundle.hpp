// The USB bundle: how a puskesmas with no network at all hands its kiosk's
// answers to the server. `kotak-sync export DIR` writes one; `kotak-server
// import BUNDLE` reads it and feeds every line through the same idempotent
// ingest path as POST /api/v1/submissions, so importing twice, or importing
// and later syncing over the network, never counts an answer twice.
//
// A bundle is a directory named kotak-<facility>-<device>-<YYYYMMDDTHHMMSS>
// (characters that FAT file systems accept) holding three files:
//
//   submissions.jsonl  one wire ITEM per line (wire::encode_submission), in
//                      creation order. It carries contact details when the
//                      patient gave them: treat the stick as sensitive.
//   manifest.json      {"format": "kotak-bundle", "version": 1,
//                       "created_at": "2026-11-23T12:47:00.123+07:00",
//                       "facility_id": "...", "device_id": "...",
//                       "submissions": {"file": "submissions.jsonl",
//                                       "count": N, "bytes": B, "sha256": HEX}}
//   SHA256SUMS         sha256sum's format for the two files above, so that a
//                      technician can check a stick by hand: sha256sum -c SHA256SUMS
//   SIGNATURE          {"algorithm": "ed25519", "public_key": BASE64,
//                       "signature": BASE64}: the kiosk's signature
//                      (signing.hpp) over "kotak-bundle-signature 1\n" followed
//                      by SHA256SUMS, which holds the checksums of the manifest
//                      and of the answers. Anyone can recompute a checksum after
//                      editing a bundle; only the kiosk can sign, and the server
//                      refuses a bundle whose signature is not its device's.
//
// The writer builds the bundle under a ".partial" name, syncs every file and
// renames it last, so a stick pulled out half-way never holds a bundle that
// looks complete. The reader checks the checksums, the count and the manifest
// before it hands out a single line. Both stream: memory stays flat however
// many answers a bundle holds.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/signing.hpp"
#include "core/submission.hpp"

namespace kotak::core::bundle {

inline constexpr std::string_view kFormat = "kotak-bundle";
inline constexpr int kVersion = 1;
inline constexpr std::string_view kSubmissionsFile = "submissions.jsonl";
inline constexpr std::string_view kManifestFile = "manifest.json";
inline constexpr std::string_view kChecksumsFile = "SHA256SUMS";
inline constexpr std::string_view kSignatureFile = "SIGNATURE";

// What a bundle's signature says, checked against the key the server holds.
enum class SignatureCheck { valid, no_signature, other_key, bad_signature };

// The bytes a bundle's signature covers.
std::string signed_message(std::string_view checksums);

// A bundle that cannot be written or is not acceptable; what() says why and
// what to do.
class BundleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Manifest {
  std::string facility_id;
  std::string device_id;
  Timestamp created_at;
  std::int64_t count = 0;
  std::int64_t bytes = 0;
  std::string sha256;  // of submissions.jsonl, lower-case hex
};

class Writer {
 public:
  // Starts a bundle in parent (which must exist). Throws BundleError.
  Writer(const std::filesystem::path& parent, const std::string& facility_id,
         const std::string& device_id, Timestamp created_at);
  ~Writer();  // removes the unfinished bundle
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void add(const Submission& submission);
  // Writes the manifest, the checksums and (with a key) the signature,
  // syncs, renames; returns the bundle's path.
  std::filesystem::path finish(const signing::KeyPair* key = nullptr);
  std::int64_t count() const { return manifest_.count; }

 private:
  struct Hasher;
  std::filesystem::path partial_;
  std::filesystem::path final_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<Hasher> hasher_;
  Manifest manifest_;
  bool finished_ = false;
};

class Reader {
 public:
  // Opens a bundle and verifies it whole (checksums, manifest, line count)
  // before returning. Throws BundleError.
  explicit Reader(const std::filesystem::path& directory);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  const Manifest& manifest() const { return manifest_; }
  // The public key the bundle says it was signed with ("" when unsigned).
  const std::string& signer() const { return signer_; }
  // The signature checked against public_key (base64).
  SignatureCheck check_signature(const std::string& public_key) const;
  // The next submission line (one wire ITEM as text); false at the end.
  bool next(std::string& line);

 private:
  void read_signature(const std::filesystem::path& path);

  Manifest manifest_;
  std::string checksums_;  // SHA256SUMS as read
  std::string signer_;
  std::string signature_;
  std::FILE* file_ = nullptr;
};

// SHA-256 of a whole file, lower-case hex, read in chunks. Throws BundleError.
std::string file_sha256(const std::filesystem::path& file);

}  // namespace kotak::core::bundle
