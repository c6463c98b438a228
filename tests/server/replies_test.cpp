// The answer goes to the patient (issue 15 item 4) on the engine under
// test: Indonesian numbers as +62, the SMS cut to size, gammu-smsd's spool
// file (UTF-16 with a BOM, a name gammu takes), queueing from the case page
// with the use of the contact details on record, the job that sends by
// mail and through the spool (each state), retries with backoff and then
// failure, one process at a time, and who may send what.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <utility>

#include "core/text.hpp"
#include "server/notify/replies.hpp"
#include "server/notify/sms_gateway.hpp"
#include "server/storage/reply_storage.hpp"
#include "tests/server/reply_office.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
namespace fs = std::filesystem;
using test::Office;
using test::code_of;
using test::files_in;
using test::kMin;
using test::read_file;

TEST_CASE("Indonesian mobile numbers become +62 and anything else is refused") {
  for (const char* written : {"0812 3456 7890", "081234567890", "62812-3456-7890", "+62 812 3456 7890"})
    CHECK_MESSAGE(international_phone(written) == std::optional<std::string>("+6281234567890"), "(" << written << ")");
  for (const char* bad : {"", "0812 3456", "021 555 1234", "budi@example.com", "+1 555 0100 200", "0812345678901234"})
    CHECK_MESSAGE(!international_phone(bad), "(" << bad << ")");
}

TEST_CASE("an SMS is cut at a word with an ellipsis and always keeps its link") {
  const std::string text = "PKM A: tanggapan K7M: {answer} Status: https://k.example/t/K7M";
  CHECK(fit_sms(text, "Sudah diperbaiki.", 120) == "PKM A: tanggapan K7M: Sudah diperbaiki. Status: https://k.example/t/K7M");
  std::string answer;
  for (int i = 0; i < 60; ++i) answer += "kata" + std::to_string(i) + " ";
  auto cut = fit_sms(text, answer, 160);
  CHECK(*core::utf8_length(cut) <= 160u);
  CHECK(cut.find("… Status: https://k.example/t/K7M") != std::string::npos);
  auto before = cut.substr(0, cut.find("…"));
  CHECK(before.back() != ' ');
  CHECK(answer.find(before.substr(text.find("{answer}")) + " ") == 0);  // whole words only
}

TEST_CASE("the gammu spool file is UTF-16LE with a BOM under a name gammu-smsd takes, and its moves are its states") {
  test::TempDir dir;
  for (const char* d : {"outbox", "sent", "error"}) fs::create_directories(dir.path() / d);
  GammuSpool spool(dir.path() / "outbox", dir.path() / "sent", dir.path() / "error");
  const std::int64_t at = 1795412820000;  // 2026-11-23 05:47:00 UTC
  auto name = spool.write("+6281234567890", "Terima kasih — obat sudah ada 👍", "kotak7a1", at);
  CHECK(name == "OUTC20261123_054700_00_+6281234567890_kotak7a1.txt");
  CHECK(std::regex_match(name, std::regex(R"(OUT[A-Z]\d{8}_\d{6}_\d{2}_\+62\d+_[A-Za-z0-9]+\.txt)")));
  CHECK(files_in(dir.path() / "outbox") == std::vector<std::string>{name});  // no temporary file left
  auto bytes = read_file(dir.path() / "outbox" / name);
  REQUIRE(bytes.size() >= 4u);
  CHECK(bytes.substr(0, 4) == std::string("\xFF\xFET\0", 4));
  CHECK(bytes == utf16le_with_bom("Terima kasih — obat sudah ada 👍"));
  // The dash is U+2014; the emoji a surrogate pair.
  CHECK(bytes.find(std::string("\x14\x20", 2)) != std::string::npos);
  CHECK(bytes.substr(bytes.size() - 4) == std::string("\x3D\xD8\x4D\xDC", 4));
  CHECK(spool.state(name) == GammuSpool::State::waiting);
  fs::rename(dir.path() / "outbox" / name, dir.path() / "sent" / name);
  CHECK(spool.state(name) == GammuSpool::State::sent);
  fs::rename(dir.path() / "sent" / name, dir.path() / "error" / name);
  CHECK(spool.state(name) == GammuSpool::State::failed);
  fs::remove(dir.path() / "error" / name);
  CHECK(spool.state(name) == GammuSpool::State::missing);
  std::string why;
  try {
    GammuSpool(dir.path() / "none", dir.path(), dir.path()).write("+62812", "x", "t", at);
  } catch (const std::runtime_error& e) {
    why = e.what();
  }
  CHECK_MESSAGE(why.find("gammu_outbox") != std::string::npos, "(" << why << ")");
}

TEST_CASE("the officer answers by email and SMS: queued, the contact use on record, sent, two answers") {
  Office o;
  const std::string answer = "Stok obat sudah kami tambah dan petugas loket sudah kami tegur.";
  auto r = o.reply(o.sari, o.case_id, {{"text", answer}, {"email", true}, {"sms", true}});
  REQUIRE(r.status == 200);
  auto c = json::parse(r.body);
  REQUIRE(c["reply"]["messages"].size() == 2u);
  for (const auto& m : c["reply"]["messages"]) CHECK(m["state"] == "queued");
  CHECK(c["reply"]["messages"][0]["to"] == "b…@example.com");
  CHECK(c["reply"]["messages"][1]["to"] == "+62812…890");
  CHECK(c["answers"].empty());  // recorded only once sent
  // The use of the contact details is on record, like a look at them.
  auto views = o.site.storage.identity_views("pkm-a", 10);
  REQUIRE(!views.empty());
  CHECK(views.front().case_id == o.case_id);
  CHECK(views.front().user == "sari");
  bool used = false;
  for (const auto& e : c["history"])
    used = used || (e["action"] == "identity_viewed" && e["detail"].value("use", "") == "reply");
  CHECK(used);

  auto job = o.job(o.site.storage, *o.replies);
  const auto t0 = o.site.now;
  CHECK(job.run_once(t0) == 1);  // the mail went; the SMS waits for gammu-smsd
  REQUIRE(o.mails.size() == 1u);
  const auto& mail = o.mails[0];
  CHECK(mail.to == std::vector<std::string>{"budi.h@example.com"});
  auto stored = o.site.storage.find_case("pkm-a", o.case_id);
  REQUIRE(stored);
  CHECK(mail.subject.find(stored->ticket) != std::string::npos);
  CHECK(mail.subject.find("Puskesmas A") != std::string::npos);
  CHECK(mail.body.find(answer) != std::string::npos);
  CHECK(mail.body.find("https://kotak.example.go.id/t/" + stored->ticket) != std::string::npos);
  CHECK(mail.body.find("--- English ---") != std::string::npos);
  for (const char* secret : {"Obat di apotek habis", "Hartono", "0812", "3456"})
    CHECK_MESSAGE(mail.body.find(secret) == std::string::npos, "(" << secret << ")");

  auto spooled = files_in(o.outbox);
  REQUIRE(spooled.size() == 1u);
  CHECK(spooled[0].find("_+6281234567890_kotak") != std::string::npos);
  auto sms = read_file(o.outbox / spooled[0]);
  CHECK(sms.substr(0, 2) == "\xFF\xFE");
  CHECK(sms.find(utf16le_with_bom(stored->ticket).substr(2)) != std::string::npos);
  CHECK(o.page(o.case_id)["answers"].size() == 1u);

  job.run_once(t0 + 10 * kMin);  // still in the outbox: waiting
  CHECK(o.page(o.case_id)["reply"]["messages"][1]["state"] == "queued");
  fs::rename(o.outbox / spooled[0], o.sent / spooled[0]);  // as gammu-smsd does after sending
  CHECK(job.run_once(t0 + 11 * kMin) == 1);
  auto after = o.page(o.case_id);
  for (const auto& m : after["reply"]["messages"]) CHECK(m["state"] == "sent");
  REQUIRE(after["answers"].size() == 2u);
  CHECK(after["answers"][0]["channel"] == "email");
  CHECK(after["answers"][1]["channel"] == "sms_wa");
  CHECK(after["answers"][1]["text"] == answer);
  CHECK(after["answers"][1]["officer"] == "sari");
  CHECK(after["status"] == "ditanggapi");
  CHECK(after["first_answer_ms"] == t0);
  int sent_lines = 0;
  for (const auto& e : after["history"])
    if (e["action"] == "answered" && e["detail"].value("reply", false)) ++sent_lines;
  CHECK(sent_lines == 2);
  CHECK(job.run_once(t0 + 20 * kMin) == 0);  // nothing left
  CHECK(o.mails.size() == 1u);
}

// The job that settles a message may commit between the reads of a case's
// page. A page reads the messages first: whatever it shows as sent has its
// answer in the same page (the race a browser test once caught, with the
// case read first: two messages sent beside one answer).
struct SettlesWhileRead final : ReplyStorage {
  ReplyStorage& inner;
  std::function<void()> before_next_read;
  explicit SettlesWhileRead(ReplyStorage& r) : inner(r) {}
  std::vector<Reply> queue_replies(const std::string& f, std::int64_t id, const std::vector<NewReply>& replies,
                                   const Actor& actor, std::int64_t now_ms) override {
    return inner.queue_replies(f, id, replies, actor, now_ms);
  }
  std::vector<Reply> case_replies(const std::string& f, std::int64_t id) override {
    if (auto hook = std::exchange(before_next_read, nullptr)) hook();
    return inner.case_replies(f, id);
  }
  std::vector<Reply> due_replies(std::int64_t now_ms, std::size_t limit) override {
    return inner.due_replies(now_ms, limit);
  }
  void update_reply(const ReplyUpdate& u) override { inner.update_reply(u); }
  void set_case_email(const std::string& f, std::int64_t id, const std::string& email) override {
    inner.set_case_email(f, id, email);
  }
};

TEST_CASE("a case's page never shows a message sent without its answer, whenever the job settles it") {
  Office o;
  SettlesWhileRead racing(*o.replies);
  o.site.dashboard->set_replies(&racing, o.settings);
  REQUIRE(o.reply(o.sari, o.case_id, {{"text", "Sudah kami perbaiki."}, {"email", true}}).status == 200);
  auto job = o.job(o.site.storage, *o.replies);
  racing.before_next_read = [&] { CHECK(job.run_once(o.site.now) == 1); };
  auto page = o.page(o.case_id);
  CHECK_FALSE(racing.before_next_read);  // the job ran inside the page's reads
  REQUIRE(page["reply"]["messages"].size() == 1u);
  CHECK(page["reply"]["messages"][0]["state"] == "sent");
  REQUIRE(page["answers"].size() == 1u);
  CHECK(page["answers"][0]["channel"] == "email");
}

TEST_CASE("a failed mail is tried again after a doubling wait, then shown as failed with its reason") {
  Office o;
  REQUIRE(o.reply(o.sari, o.case_id, {{"text", "Sudah kami tindak lanjuti."}, {"email", true}}).status == 200);
  auto job = o.job(o.site.storage, *o.replies);
  o.mail_failures = 10;
  const auto t0 = o.site.now;
  CHECK(job.run_once(t0) == 0);
  auto m = o.page(o.case_id)["reply"]["messages"][0];
  CHECK(m["state"] == "queued");
  CHECK(m["attempts"] == 1);
  CHECK(m["next_ms"] == t0 + 60000);
  CHECK(m["error"].get<std::string>().find("connection refused") != std::string::npos);
  CHECK(job.run_once(t0 + 59000) == 0);
  CHECK(o.page(o.case_id)["reply"]["messages"][0]["attempts"] == 1);  // not yet due
  CHECK(job.run_once(t0 + 60000) == 0);
  CHECK(o.page(o.case_id)["reply"]["messages"][0]["next_ms"] == t0 + 60000 + 120000);
  CHECK(job.run_once(t0 + 180000) == 1);  // the third and last attempt
  auto c = o.page(o.case_id);
  m = c["reply"]["messages"][0];
  CHECK(m["state"] == "failed");
  CHECK(m["attempts"] == 3);
  CHECK(m["error"].get<std::string>().find("connection refused") != std::string::npos);
  CHECK(c["answers"].empty());
  CHECK(c["history"].back()["action"] == "reply_failed");
  o.mail_failures = 0;
  CHECK(job.run_once(t0 + 3600000) == 0);  // failed is final
  CHECK(o.mails.empty());
}

TEST_CASE("gammu's error folder means a new file, and a file never taken fails after gammu_wait_h") {
  Office o;
  REQUIRE(o.reply(o.sari, o.case_id, {{"text", "Sudah kami tindak lanjuti."}, {"sms", true}}).status == 200);
  auto job = o.job(o.site.storage, *o.replies);
  const auto t0 = o.site.now;
  job.run_once(t0);
  auto first = files_in(o.outbox);
  REQUIRE(first.size() == 1u);
  fs::rename(o.outbox / first[0], o.error / first[0]);  // gammu-smsd could not send it
  job.run_once(t0 + 10 * kMin);
  auto m = o.page(o.case_id)["reply"]["messages"][0];
  CHECK(m["state"] == "queued");
  CHECK(m["error"].get<std::string>().find("error folder") != std::string::npos);
  job.run_once(t0 + 11 * kMin);  // after the wait: a second file
  auto second = files_in(o.outbox);
  REQUIRE(second.size() == 1u);
  CHECK(second[0] != first[0]);
  CHECK(o.page(o.case_id)["reply"]["messages"][0]["attempts"] == 2);
  // gammu-smsd is not running: the file stays where it is.
  job.run_once(t0 + 23 * 60 * kMin);
  CHECK(o.page(o.case_id)["reply"]["messages"][0]["state"] == "queued");
  CHECK(job.run_once(t0 + 24 * 60 * kMin) == 1);
  m = o.page(o.case_id)["reply"]["messages"][0];
  CHECK(m["state"] == "failed");
  CHECK(m["error"].get<std::string>().find("gammu-smsd has not sent it within 24 h") != std::string::npos);
  CHECK(o.page(o.case_id)["answers"].empty());
}

TEST_CASE("only the process holding the job's turn sends, and a message goes once") {
  Office o;
  REQUIRE(o.reply(o.sari, o.case_id, {{"text", "Sudah kami tindak lanjuti."}, {"email", true}}).status == 200);
  auto other = o.site.store.database.open();  // a second server process on the same database
  auto other_replies = open_reply_storage(o.site.config);
  auto first = o.job(o.site.storage, *o.replies);
  auto second = o.job(*other, *other_replies);
  {
    auto turn = o.site.storage.lease_job("replies");  // the first process is in its round
    REQUIRE(turn);
    CHECK(second.run_once(o.site.now) == 0);
    CHECK(o.mails.empty());
  }
  CHECK(second.run_once(o.site.now) == 1);
  CHECK(first.run_once(o.site.now) == 0);
  CHECK(second.run_once(o.site.now + kMin) == 0);
  CHECK(o.mails.size() == 1u);
  CHECK(o.site.store.database.count("SELECT count(*) FROM case_answers") == 1);
}

TEST_CASE("who may send: not a unit, not another puskesmas, not the admin, a rahasia case by its officer alone") {
  Office o;
  staff::User unit{0, "apotek", "Unit apotek", "pkm-a", staff::Role::unit, test::password_hash(), 1, std::nullopt};
  unit.unit = "apotek";
  o.site.storage.add_user(unit);
  const json body{{"text", "Jawaban"}, {"email", true}};
  CHECK(o.reply(test::log_in(o.site, "apotek"), o.case_id, body).status == 403);
  CHECK(o.reply(test::log_in(o.site, "budi"), o.case_id, body).status == 404);
  auto admin = o.reply(test::log_in(o.site, "dinkes"), o.case_id, body);
  CHECK(admin.status == 403);
  CHECK(code_of(admin) == "error.role.answer");
  auto secret = o.add_case("Rahasia: pungutan liar", "rahasia", {{"name", "X"}, {"email", "x@example.com"}});
  auto dewi = test::log_in(o.site, "dewi");
  auto refused = o.reply(dewi, secret, body);
  CHECK(refused.status == 403);
  CHECK(code_of(refused) == "error.reply.rahasia");
  CHECK(json::parse(o.site.dashboard->get_case(dewi.get({std::to_string(secret)})).body)["reply"]["may_send"] == false);
  CHECK(o.reply(o.sari, secret, body).status == 200);
  // Nothing was queued by the refused calls.
  CHECK(o.site.store.database.count("SELECT count(*) FROM case_replies") == 1);
}

TEST_CASE("a number that is not a mobile one, no address, nothing chosen or a channel switched off: refused with the reason") {
  Office o;
  // The site's kiosk case has "0812 3456": too short for a mobile number.
  auto page = o.page(o.site.case_a);
  CHECK(page["reply"]["sms"] == "invalid");
  CHECK(page["reply"]["email"] == "none");
  auto bad = o.reply(o.sari, o.site.case_a, {{"text", "Jawaban"}, {"sms", true}});
  CHECK(bad.status == 400);
  CHECK(code_of(bad) == "error.reply.phone_invalid");
  CHECK(json::parse(bad.body)["error"].get<std::string>().find("bukan nomor HP Indonesia") != std::string::npos);
  CHECK(code_of(o.reply(o.sari, o.site.case_a, {{"text", "Jawaban"}, {"email", true}})) == "error.reply.no_email");
  CHECK(code_of(o.reply(o.sari, o.case_id, {{"text", "Jawaban"}})) == "error.reply.no_channel");
  CHECK(code_of(o.reply(o.sari, o.case_id, {{"text", " "}, {"email", true}})) == "error.field.missing");
  o.settings.sms = "off";
  o.site.dashboard->set_replies(o.replies.get(), o.settings);
  CHECK(o.page(o.case_id)["reply"]["sms"] == "off");
  CHECK(code_of(o.reply(o.sari, o.case_id, {{"text", "Jawaban"}, {"sms", true}})) == "error.reply.sms_off");
  CHECK(o.site.store.database.count("SELECT count(*) FROM case_replies") == 0);
}

TEST_CASE("erasing a case's identity takes the address and number out of its messages and stops those queued") {
  Office o;
  REQUIRE(o.reply(o.sari, o.case_id, {{"text", "Untuk Budi Hartono: sudah beres."}, {"email", true}, {"sms", true}})
              .status == 200);
  o.site.storage.erase_identities({"pkm-a", {o.case_id}, "request", "permintaan pelapor"}, {0, "kartini"}, o.site.now);
  CHECK(o.site.store.database.count("SELECT count(*) FROM case_replies WHERE destination <> ''") == 0);
  CHECK(o.site.store.database.count("SELECT count(*) FROM case_replies WHERE state = 'queued'") == 0);
  CHECK(o.site.store.database.count("SELECT count(*) FROM case_replies WHERE body LIKE '%Hartono%'") == 0);
  auto job = o.job(o.site.storage, *o.replies);
  CHECK(job.run_once(o.site.now) == 0);
  CHECK(o.mails.empty());
  CHECK(files_in(o.outbox).empty());
}
