// Finding personal data in text meant for the public, and erasing it.
#include <doctest/doctest.h>

#include "server/register/personal_data.hpp"

using namespace kotak;
using namespace kotak::server::reg;

namespace {

Contact contact(std::string name, std::string phone = "", std::string address = "", std::string email = "") {
  Contact c;
  c.name = std::move(name);
  c.phone = std::move(phone);
  c.address = std::move(address);
  c.email = std::move(email);
  return c;
}

const Contact kRina = contact("Ibu Rina Marlina", "0812-5555-1234", "Jl. Melati 3, Klaten", "rina.m@mail.example");

std::vector<std::string> kinds(const std::vector<Finding>& found) {
  std::vector<std::string> out;
  for (const auto& f : found) out.emplace_back(to_string(f.kind));
  return out;
}

std::vector<std::string> texts(const std::vector<Finding>& found) {
  std::vector<std::string> out;
  for (const auto& f : found) out.push_back(f.text);
  return out;
}

}  // namespace

TEST_CASE("the complaint of issue 14 is refused for its name and phone number") {
  auto found = find_personal_data("Saya Rina Marlina (0812-5555-1234), antrean apotek lama.", kRina);
  CHECK(kinds(found) == std::vector<std::string>{"name", "name", "phone"});
  CHECK(texts(found) == std::vector<std::string>{"Rina", "Marlina", "0812-5555-1234"});
}

TEST_CASE("the case's own details are found however they are written") {
  CHECK(texts(find_personal_data("bu RINA datang lagi", kRina)) == std::vector<std::string>{"RINA"});
  CHECK(texts(find_personal_data("hubungi +62 812 5555 1234", kRina)) == std::vector<std::string>{"+62 812 5555 1234"});
  CHECK(texts(find_personal_data("rumahnya di jl.  melati 3 dekat pasar", kRina)) ==
        std::vector<std::string>{"jl.  melati 3"});
  CHECK(texts(find_personal_data("tulis ke RINA.M@mail.example ya", kRina)) ==
        std::vector<std::string>{"RINA.M@mail.example"});
  // The own phone number even when it is no mobile number.
  auto landline = contact("", "(0272) 321456");
  CHECK(kinds(find_personal_data("telepon 0272-321456", landline)) == std::vector<std::string>{"phone"});
}

TEST_CASE("anyone's phone number, NIK or email address is found") {
  Contact nobody;
  CHECK(kinds(find_personal_data("WA 0857 1111 2222 atau 081399998888.", nobody)) ==
        std::vector<std::string>{"phone", "phone"});
  CHECK(kinds(find_personal_data("NIK 3310012345670001 terdaftar", nobody)) == std::vector<std::string>{"nik"});
  CHECK(kinds(find_personal_data("NIK 3310.0123.4567.0001", nobody)) == std::vector<std::string>{"nik"});
  CHECK(kinds(find_personal_data("kirim ke pengaduan@pkm.go.id.", nobody)) == std::vector<std::string>{"email"});
  CHECK(texts(find_personal_data("kirim ke pengaduan@pkm.go.id.", nobody)) ==
        std::vector<std::string>{"pengaduan@pkm.go.id"});
  CHECK(kinds(find_personal_data("Pada 2026 0812 5555 1234 menelepon", nobody)) == std::vector<std::string>{"phone"});
}

TEST_CASE("ordinary public text is not refused") {
  const char* fine[] = {
      "Loket apotek kedua dibuka setiap pagi mulai pukul 07.30.",
      "Antrean di Puskesmas Klaten Tengah terlalu lama pada 23-11-2026.",
      "Biaya Rp 10.000 dihapus sejak 1 Januari 2026; layanan gratis.",
      "Ruang tunggu dipasang 2 kipas angin baru; keluhan ibu-ibu ditindaklanjuti.",
      "Telepon puskesmas (0272) 321456 setiap hari kerja.",  // a landline, not a person's mobile
      "Kendaraan B1234XY diparkir di halaman.",
      "Kami mohon maaf @semua pasien.",
  };
  for (const char* text : fine) CHECK_MESSAGE(find_personal_data(text, kRina).empty(), text);
  // Part of a word is not the name; the town alone is not the address.
  CHECK(find_personal_data("Marlinawati dan Rinaldi", kRina).empty());
  CHECK(find_personal_data("Warga Klaten mengeluh", kRina).empty());
  // Honorifics and short words of the name are no findings by themselves.
  CHECK(find_personal_data("Ibu-ibu dan bapak-bapak", contact("Ibu Ani")).empty());
}

TEST_CASE("redacting replaces every finding and leaves the rest") {
  CHECK(redact("Saya Rina Marlina (0812-5555-1234) dari Jl. Melati 3, Klaten.", kRina) ==
        "Saya […] […] ([…]) dari […].");
  CHECK(redact("Tidak ada data pribadi.", kRina) == "Tidak ada data pribadi.");
  CHECK(redact("NIK 3310012345670001", {}, "***") == "NIK ***");
}
