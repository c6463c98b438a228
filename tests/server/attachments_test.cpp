// Files attached to a case (issue 15 item 6) through the dashboard API, on
// the engine under test: real JPEG, PNG and PDF files (the JPEGs made here
// with libjpeg) are checked by content and come back byte for byte with a
// thumbnail; files that only claim a type, damaged ones, oversized ones and
// the 21st are refused with their reason and leave nothing stored; who may
// see, open and take off files; a rahasia case's files are opened with a
// reason on record; an erased reporter's case loses its files.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdio>
#include <nlohmann/json.hpp>
// jpeglib.h needs FILE and size_t declared first.
#include <jpeglib.h>

#include "core/digest.hpp"
#include "core/secret_file.hpp"
#include "core/text.hpp"
#include "server/attachments/file_check.hpp"
#include "tests/server/dashboard_site.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
using namespace kotak::test;

namespace {

std::string code_of(const WebResponse& r) { return json::parse(r.body).value("code", std::string()); }

// A JPEG of width×height: a gradient, so the thumbnail's pixels can be
// told apart; components 4 makes a CMYK one, progressive a multi-scan one.
std::string make_jpeg(int width, int height, int components = 3, bool progressive = false) {
  jpeg_compress_struct info{};
  jpeg_error_mgr error{};
  info.err = jpeg_std_error(&error);
  jpeg_create_compress(&info);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = JDIMENSION(width);
  info.image_height = JDIMENSION(height);
  info.input_components = components;
  info.in_color_space = components == 4 ? JCS_CMYK : JCS_RGB;
  jpeg_set_defaults(&info);
  if (progressive) jpeg_simple_progression(&info);
  jpeg_start_compress(&info, TRUE);
  std::vector<unsigned char> row(std::size_t(width) * components);
  while (info.next_scanline < info.image_height) {
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < components; ++c) row[std::size_t(x) * components + c] = static_cast<unsigned char>((x + c * 60 + info.next_scanline) % 256);
    auto* p = row.data();
    jpeg_write_scanlines(&info, &p, 1);
  }
  jpeg_finish_compress(&info);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&info);
  std::free(buffer);
  return out;
}

// A real PNG from the repository (a documentation screenshot).
std::string docs_png() {
  auto bytes = read_file(std::filesystem::path(KOTAK_SOURCE_DIR) / "docs" / "lapor-letter.png");
  REQUIRE(bytes.size() > 1000u);
  return bytes;
}

const std::string kPdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

struct FilesSite {
  Site site;
  Dashboard& d = *site.dashboard;
  std::unique_ptr<AttachmentStorage> files;
  Browser sari = log_in(site, "sari"), dewi = log_in(site, "dewi"), kartini = log_in(site, "kartini"),
          budi = log_in(site, "budi"), dinkes = log_in(site, "dinkes");

  FilesSite() {
    site.store.database.configure(site.config);
    files = open_attachment_storage(site.config);
    d.set_attachments(files.get());
  }

  WebResponse attach(const Browser& who, std::int64_t id, const std::string& name, const std::string& bytes,
                     json extra = json::object()) {
    json body{{"name", name}, {"content_base64", core::secret_file::to_base64(bytes)}};
    body.update(extra);
    return d.attach_file(who.post({std::to_string(id)}, body));
  }
  WebResponse open(const Browser& who, std::int64_t id, std::int64_t n, bool thumbnail = false,
                   std::map<std::string, std::string> query = {}) {
    return d.attachment_file(
        who.get({std::to_string(id), std::to_string(n), thumbnail ? "/thumbnail" : ""}, std::move(query)));
  }
  json page(const Browser& who, std::int64_t id) {
    auto r = d.get_case(who.get({std::to_string(id)}));
    REQUIRE(r.status == 200);
    return json::parse(r.body);
  }
  std::int64_t stored() { return site.store.database.count("SELECT count(*) FROM case_attachments"); }
};

}  // namespace

TEST_CASE("staff attach a photo, a picture and a PDF, and each comes back as it was, images with a thumbnail") {
  FilesSite f;
  const auto id = f.site.case_a;
  const auto photo = make_jpeg(1200, 800), picture = docs_png();
  REQUIRE(f.attach(f.sari, id, "C:\\Users\\sari\\slip kotak saran.jpg", photo).status == 200);
  REQUIRE(f.attach(f.dewi, id, "tangkapan WA.png", picture).status == 200);
  auto last = f.attach(f.kartini, id, "surat \"balasan\".pdf", kPdf);
  REQUIRE(last.status == 200);
  auto a = json::parse(last.body)["attachments"];
  CHECK(a["access"] == "open");
  REQUIRE(a["files"].size() == 3u);
  const auto& jpeg = a["files"][0];
  CHECK(jpeg["name"] == "slip kotak saran.jpg");  // the path is not kept
  CHECK(jpeg["media_type"] == "image/jpeg");
  CHECK(jpeg["width"] == 1200);
  CHECK(jpeg["height"] == 800);
  CHECK(jpeg["thumbnail"] == true);
  CHECK(jpeg["added_by"] == "sari");
  CHECK(jpeg["sha256"] == core::sha256_hex(photo));
  CHECK(a["files"][1]["media_type"] == "image/png");
  CHECK(a["files"][1]["thumbnail"] == true);
  CHECK(a["files"][2]["name"] == "surat balasan.pdf");
  CHECK(a["files"][2]["media_type"] == "application/pdf");
  CHECK(a["files"][2]["thumbnail"] == false);

  // Byte for byte, typed by content, never cached, never a page.
  const std::int64_t first = jpeg["id"], second = a["files"][1]["id"], third = a["files"][2]["id"];
  auto got = f.open(f.dewi, id, first);
  REQUIRE(got.status == 200);
  CHECK(got.body == photo);
  CHECK(got.content_type == "image/jpeg");
  CHECK(header(got, "Cache-Control") == "private, no-store");
  CHECK(header(got, "Content-Disposition").find("inline; filename=\"slip kotak saran.jpg\"") == 0);
  CHECK(header(got, "Content-Security-Policy").find("sandbox") != std::string::npos);
  CHECK(header(f.open(f.sari, id, first, false, {{"download", "1"}}), "Content-Disposition").find("attachment;") == 0);
  auto pdf = f.open(f.sari, id, third);
  CHECK(pdf.body == kPdf);
  CHECK(pdf.content_type == "application/pdf");
  CHECK(f.open(f.sari, id, second).body == picture);

  // The thumbnails: JPEGs of at most 320 px on the longer side, in proportion.
  auto small = f.open(f.sari, id, first, true);
  REQUIRE(small.status == 200);
  auto seen = attachments::inspect(small.body);
  CHECK(seen.media_type == "image/jpeg");
  CHECK(seen.width == 320);
  CHECK(seen.height == 213);
  auto png_thumb = attachments::inspect(f.open(f.sari, id, second, true).body);
  CHECK(png_thumb.media_type == "image/jpeg");
  CHECK(std::max(png_thumb.width, png_thumb.height) <= 320);
  CHECK(f.open(f.sari, id, third, true).status == 404);  // a PDF has none

  // The history names each file and who attached it.
  auto history = f.page(f.sari, id)["history"];
  int added = 0;
  for (const auto& e : history)
    if (e["action"] == "attachment_added") ++added;
  CHECK(added == 3);
}

TEST_CASE("a file is judged by its content, and a refused one leaves nothing stored") {
  FilesSite f;
  const auto id = f.site.case_a;
  auto photo = make_jpeg(400, 300);
  auto refused = [&](const std::string& name, const std::string& bytes) {
    auto r = f.attach(f.sari, id, name, bytes);
    CHECK(r.status == 400);
    return code_of(r);
  };
  CHECK(refused("surat.pdf", "") == "error.attachment.empty");
  CHECK(refused("foto.jpg", "<html><script>alert(1)</script></html>") == "error.attachment.type");
  CHECK(refused("foto.jpg", std::string("GIF89a\x01\x00\x01\x00", 10)) == "error.attachment.type");
  CHECK(refused("foto.jpg", photo.substr(0, 200)) == "error.attachment.damaged");
  CHECK(refused("surat.pdf", "%PDF-1.7\nno end of file marker here at all") == "error.attachment.damaged");
  CHECK(refused("gambar.png", docs_png().substr(0, 60)) == "error.attachment.damaged");
  // A header that claims 60000 × 60000 pixels (3.6 gigapixels): refused
  // before anything is decoded.
  auto bomb = photo;
  auto sof = bomb.find("\xFF\xC0");
  REQUIRE(sof != std::string::npos);
  bomb[sof + 5] = bomb[sof + 7] = '\xEA';
  bomb[sof + 6] = bomb[sof + 8] = '\x60';
  CHECK(refused("besar.jpg", bomb) == "error.attachment.dimensions");
  // Past 6 MB.
  std::string big = kPdf;
  big.insert(9, std::string(attachments::kMaxBytes, ' '));
  CHECK(refused("besar.pdf", big) == "error.attachment.too_large");
  auto not_base64 = f.d.attach_file(f.sari.post({std::to_string(id)}, {{"name", "x.pdf"}, {"content_base64", "%%%"}}));
  CHECK(not_base64.status == 400);
  CHECK(f.stored() == 0);

  // Whole but past what a thumbnail may cost: kept, shown as a tile.
  auto cmyk = f.attach(f.sari, id, "cmyk.jpg", make_jpeg(64, 48, 4));
  REQUIRE(cmyk.status == 200);
  auto files = json::parse(cmyk.body)["attachments"]["files"];
  REQUIRE(files.size() == 1u);
  CHECK(files[0]["media_type"] == "image/jpeg");
  CHECK(files[0]["thumbnail"] == false);
  // A progressive JPEG is an ordinary photo.
  auto progressive = f.attach(f.sari, id, "progresif.jpg", make_jpeg(900, 600, 3, true));
  REQUIRE(progressive.status == 200);
  CHECK(json::parse(progressive.body)["attachments"]["files"][1]["thumbnail"] == true);
}

TEST_CASE("a case holds at most 20 files, and a retried upload is stored once") {
  FilesSite f;
  const auto id = f.site.case_a;
  auto once = f.attach(f.sari, id, "a.pdf", kPdf, {{"request_id", "upload-aaaa-1111"}});
  REQUIRE(once.status == 200);
  CHECK(f.attach(f.sari, id, "a.pdf", kPdf, {{"request_id", "upload-aaaa-1111"}}).status == 200);
  CHECK(f.stored() == 1);
  for (std::size_t i = 1; i < attachments::kMaxPerCase; ++i)
    REQUIRE(f.attach(f.sari, id, std::to_string(i).append(".pdf"), kPdf).status == 200);
  auto full = f.attach(f.sari, id, "lagi.pdf", kPdf);
  CHECK(full.status == 409);
  CHECK(code_of(full) == "error.attachment.too_many");
  CHECK(f.stored() == std::int64_t(attachments::kMaxPerCase));
  CHECK(f.page(f.sari, id)["attachments"]["may_add"] == false);
}

TEST_CASE("who sees a case's files: its facility's staff and the district admin, never a unit nor another puskesmas") {
  FilesSite f;
  const auto id = f.site.case_a;
  auto added = f.attach(f.sari, id, "slip.jpg", make_jpeg(100, 80));
  REQUIRE(added.status == 200);
  const std::int64_t n = json::parse(added.body)["attachments"]["files"][0]["id"];
  CHECK(f.open(f.dewi, id, n).status == 200);
  CHECK(f.open(f.kartini, id, n, true).status == 200);
  CHECK(f.open(f.budi, id, n).status == 404);
  CHECK(f.attach(f.budi, id, "x.pdf", kPdf).status == 404);
  // The district admin reads the case with its files but attaches nothing.
  CHECK(f.open(f.dinkes, id, n).status == 200);
  auto admin = f.attach(f.dinkes, id, "x.pdf", kPdf);
  CHECK(admin.status == 403);
  CHECK(code_of(admin) == "error.role.attach");
  // A unit's account: none of it (the staff API refuses the unit role).
  staff::User u{0, "apotek", "Unit apotek", "pkm-a", staff::Role::unit, password_hash(), 1, std::nullopt};
  u.unit = "apotek";
  f.site.storage.add_user(u);
  auto unit = log_in(f.site, "apotek");
  CHECK(f.open(unit, id, n).status == 403);
  CHECK(f.attach(unit, id, "x.pdf", kPdf).status == 403);
  // A file of another case is not found through this one.
  auto other = f.site.add_kiosk_case("Kursi ruang tunggu patah", f.site.now - 60'000);
  CHECK(f.open(f.sari, other, n).status == 404);
  CHECK(f.stored() == 1);
}

TEST_CASE("a rahasia complaint's files are opened by the complaint officer alone, each with a reason on record") {
  FilesSite f;
  auto id = f.site.add_rahasia_case("Petugas loket meminta uang tambahan");
  auto added = f.attach(f.sari, id, "bukti.jpg", make_jpeg(200, 150));
  REQUIRE(added.status == 200);
  const std::int64_t n = json::parse(added.body)["attachments"]["files"][0]["id"];
  auto mine = f.page(f.sari, id)["attachments"];
  CHECK(mine["access"] == "reason");
  auto hidden = f.page(f.dewi, id)["attachments"];
  CHECK(hidden["access"] == "none");
  CHECK(hidden["files"].empty());
  CHECK(hidden["count"] == 1);
  CHECK(code_of(f.open(f.dewi, id, n)) == "error.role.attachment_rahasia");
  CHECK(code_of(f.open(f.kartini, id, n)) == "error.role.attachment_rahasia");
  CHECK(f.open(f.sari, id, n, true).status == 403);  // no thumbnails
  auto no_reason = f.open(f.sari, id, n);
  CHECK(no_reason.status == 400);
  CHECK(code_of(no_reason) == "error.identity.reason");
  const auto views = f.site.storage.identity_views("pkm-a", 100).size();
  auto opened = f.open(f.sari, id, n, false, {{"reason", "memeriksa bukti"}});
  CHECK(opened.status == 200);
  CHECK(f.site.storage.identity_views("pkm-a", 100).size() == views + 1);
}

TEST_CASE("a file taken off leaves the database with a reason in the history, and an erased reporter's case loses its files") {
  FilesSite f;
  const auto id = f.site.case_a;
  auto added = f.attach(f.sari, id, "salah kasus.jpg", make_jpeg(120, 90));
  REQUIRE(added.status == 200);
  const std::int64_t n = json::parse(added.body)["attachments"]["files"][0]["id"];
  auto remove = [&](const Browser& who, std::int64_t file, const json& body) {
    return f.d.remove_attachment(who.post({std::to_string(id), std::to_string(file)}, body));
  };
  CHECK(remove(f.sari, n, json::object()).status == 400);  // a reason is needed
  CHECK(remove(f.dinkes, n, {{"reason", "x"}}).status == 403);
  auto removed = remove(f.sari, n, {{"reason", "lampiran untuk kasus lain"}});
  REQUIRE(removed.status == 200);
  CHECK(json::parse(removed.body)["attachments"]["files"].empty());
  CHECK(f.stored() == 0);
  CHECK(remove(f.sari, n, {{"reason", "lagi"}}).status == 404);
  CHECK(f.open(f.sari, id, n).status == 404);
  auto history = json::parse(removed.body)["history"];
  REQUIRE(!history.empty());
  CHECK(history.back()["action"] == "attachment_removed");
  CHECK(history.back()["detail"]["name"] == "salah kasus.jpg");
  CHECK(history.back()["detail"]["reason"] == "lampiran untuk kasus lain");

  // A picture cannot be redacted: erasing the reporter takes the files.
  REQUIRE(f.attach(f.sari, id, "slip bernama.jpg", make_jpeg(120, 90)).status == 200);
  CHECK(f.site.storage.erase_identities({"pkm-a", {id}, "request", "permintaan pelapor"}, {0, "kartini"}, f.site.now) == 1);
  CHECK(f.stored() == 0);
  // A case with files but no contact details is erased too.
  auto plain = f.site.add_kiosk_case("Toilet tidak ada air", f.site.now - 60'000);
  REQUIRE(f.attach(f.sari, plain, "foto.jpg", make_jpeg(50, 50)).status == 200);
  CHECK(f.site.storage.erase_identities({"pkm-a", {plain}, "request", "permintaan"}, {0, "kartini"}, f.site.now) == 1);
  CHECK(f.stored() == 0);
}

TEST_CASE("file names are shown without paths, control characters or quotes, and at most 120 characters") {
  using attachments::clean_name;
  CHECK(clean_name("/home/sari/Foto 1.jpg") == "Foto 1.jpg");
  CHECK(clean_name("..\\..\\surat.pdf") == "surat.pdf");
  CHECK(clean_name("a\"b\r\nc.png") == "abc.png");
  CHECK(clean_name("") == "lampiran");
  CHECK(clean_name("..") == "lampiran");
  CHECK(clean_name("\xC3\x28.jpg") == "lampiran");  // not UTF-8
  auto long_name = clean_name(std::string(200, 'a') + ".jpg");
  CHECK(long_name.size() == 120u);
  std::string accented;
  for (int i = 0; i < 130; ++i) accented += "\xC3\xA9";  // é
  auto accents = clean_name(accented);
  CHECK(core::utf8_length(accents) == std::optional<std::size_t>(120));
}

TEST_CASE("the person's export (UU 27/2022 right of access) lists the files of their cases") {
  FilesSite f;
  const auto id = f.site.case_a;  // Ibu Sari's, with her contact details
  REQUIRE(f.attach(f.sari, id, "slip dari kotak.pdf", kPdf).status == 200);
  auto exported = f.d.subject_export(f.kartini.post({}, {{"name", "Ibu Sari"}, {"reason", "Permintaan Ibu Sari, KTP dicek"}}));
  REQUIRE(exported.status == 200);
  auto cases = json::parse(exported.body)["cases"];
  REQUIRE(cases.size() == 1u);
  REQUIRE(cases[0]["files"].size() == 1u);
  const auto& file = cases[0]["files"][0];
  CHECK(file["name"] == "slip dari kotak.pdf");
  CHECK(file["type"] == "application/pdf");
  CHECK(file["bytes"] == kPdf.size());
  CHECK(file["sha256"] == core::sha256_hex(kPdf));
  CHECK(file.contains("attached_at"));
  CHECK_FALSE(file.contains("added_by"));  // staff names are not the person's data
}
