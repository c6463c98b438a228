// See store.hpp.
#include "core/store.hpp"

#include <sqlite3.h>

#include "core/log.hpp"
#include "core/seal.hpp"

namespace kotak::core {

namespace {

constexpr std::string_view kStateNames[] = {"pending", "delivered", "quarantined"};

std::string join_flags(const std::vector<std::string>& flags) {
  std::string out;
  for (const auto& flag : flags) out += (out.empty() ? "" : ",") + flag;
  return out;
}

std::vector<std::string> split_flags(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

SubmissionState parse_state(const std::string& text) {
  for (int i = 0; i < 3; ++i)
    if (kStateNames[i] == text) return static_cast<SubmissionState>(i);
  return SubmissionState::pending;
}

constexpr std::string_view kSelect = R"sql(
SELECT s.seq, s.id, s.device_id, s.facility_id, s.created_at_ms, s.utc_offset_min, s.kind,
       s.rating, s.unit, s.type, s.text, s.urgent, s.identity_mode, s.language, s.flags,
       s.ticket, s.state, s.state_reason, i.name, i.phone, i.address,
       p.sex, p.age_group, p.education, p.occupation, p.service,
       s.replaces, s.revision, s.superseded, i.sealed, s.clock_synchronised, s.boot_id,
       r.ogg, r.duration_ms
FROM submissions s
LEFT JOIN identities i ON i.submission_id = s.id
LEFT JOIN recordings r ON r.submission_id = s.id
LEFT JOIN skm_profiles p ON p.submission_id = s.id
)sql";

StoredSubmission read_row(const sql::Statement& row) {
  StoredSubmission stored;
  Submission& s = stored.submission;
  stored.seq = row.integer(0);
  s.id = row.text(1);
  s.device_id = row.text(2);
  s.facility_id = row.text(3);
  s.created_at = {row.integer(4), static_cast<int>(row.integer(5))};
  s.kind = parse_kind(row.text(6)).value_or(Kind::rating);
  if (auto rating = row.optional_integer(7)) s.rating = static_cast<int>(*rating);
  s.unit = row.text(8);
  if (auto type = row.optional_text(9)) s.type = parse_feedback_type(*type);
  s.text = row.text(10);
  s.urgent = row.integer(11) != 0;
  s.identity_mode = parse_identity_mode(row.text(12)).value_or(IdentityMode::anonim);
  s.language = row.text(13);
  s.flags = split_flags(row.text(14));
  s.ticket = row.text(15);
  stored.state = parse_state(row.text(16));
  stored.reason = row.text(17);
  s.identity = {row.text(18), row.text(19), row.text(20)};
  if (s.kind == Kind::skm) {
    s.skm.emplace();
    s.skm->profile = {row.text(21), row.text(22), row.text(23), row.text(24), row.text(25)};
  }
  s.replaces = row.text(26);
  s.revision = static_cast<int>(row.integer(27));
  stored.superseded = row.integer(28) != 0;
  s.sealed_identity = row.text(29);
  if (auto synchronised = row.optional_integer(30)) s.clock.synchronised = *synchronised != 0;
  s.clock.boot_id = row.text(31);
  s.audio = row.blob(32);
  s.audio_ms = static_cast<int>(row.optional_integer(33).value_or(0));
  return stored;
}

void insert_skm(sql::Database& db, const Submission& s) {
  if (!s.skm) return;
  auto answer =
      db.prepare("INSERT INTO skm_answers (submission_id, element, score) VALUES (?1, ?2, ?3)");
  for (int i = 0; i < kSkmElements; ++i) {
    if (s.skm->scores[i] == 0) continue;
    answer.bind(1, s.id).bind(2, kSkmCodes[i]).bind(3, s.skm->scores[i]).run();
  }
  const SkmProfile& p = s.skm->profile;
  db.prepare(
        "INSERT INTO skm_profiles (submission_id, sex, age_group, education, occupation, service)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, s.id)
      .bind(2, p.sex)
      .bind(3, p.age_group)
      .bind(4, p.education)
      .bind(5, p.occupation)
      .bind(6, p.service)
      .run();
}

constexpr const char* kSealKey = "seal.public_key";

void insert_identity(sql::Database& db, const Submission& s) {
  db.prepare(
        "INSERT INTO identities (submission_id, name, phone, address, sealed) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (submission_id) DO UPDATE SET "
        "name = ?2, phone = ?3, address = ?4, sealed = ?5")
      .bind(1, s.id)
      .bind(2, s.identity.name)
      .bind(3, s.identity.phone)
      .bind(4, s.identity.address)
      .bind(5, s.sealed_identity)
      .run();
}

// Seals s's plain identity to public_key (none: left as it is). A damaged
// key (set_seal_key refuses one, so only an edited file has it) must not
// lose the patient's answer: it is kept plain, as before a key arrived.
void seal_in_place(Submission& s, const std::string& public_key) {
  if (public_key.empty() || s.identity.empty()) return;
  if (!seal::is_public_key(public_key)) {
    log::warning("the seal key in the kiosk database is damaged; contact details are kept "
                 "unsealed until the next sync brings the key again");
    return;
  }
  s.sealed_identity = seal::seal_identity(s.id, s.identity, public_key);
  s.identity = {};
}

// After a correction is stored: of its face answer (the tap and every
// correction naming it) only the highest revision stays counted.
void settle_face(sql::Database& db, const std::string& first_id) {
  db.prepare(R"sql(
UPDATE submissions SET superseded = (revision < (
    SELECT max(revision) FROM submissions WHERE kind = 'rating' AND (id = ?1 OR replaces = ?1)))
WHERE kind = 'rating' AND (id = ?1 OR replaces = ?1))sql")
      .bind(1, first_id)
      .run();
}

}  // namespace

std::string_view to_string(SubmissionState state) { return kStateNames[static_cast<int>(state)]; }

Store Store::open(const std::filesystem::path& path, const OpenOptions& options) {
  auto db = open_database_file(path, kiosk_schema(), options);
  // Freed space is overwritten with zeros, so contact details sealed after
  // they were saved plain (set_seal_key) or purged leave no copy behind.
  db.exec("PRAGMA secure_delete = ON");
  return Store(std::move(db));
}

void Store::add(const Submission& s) {
  if (auto reason = validate(s))
    throw StoreError(StoreErrc::invalid, "refused to store submission " + s.id + ": " + *reason);
  guarded(db_, "save an answer", [&] {
    sql::Transaction transaction(db_);
    db_.prepare(R"sql(
INSERT INTO submissions (id, device_id, facility_id, created_at_ms, utc_offset_min, kind, rating,
                         unit, type, text, urgent, identity_mode, language, flags, ticket,
                         replaces, revision, clock_synchronised, boot_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19))sql")
        .bind(1, s.id)
        .bind(2, s.device_id)
        .bind(3, s.facility_id)
        .bind(4, s.created_at.unix_ms)
        .bind(5, s.created_at.utc_offset_min)
        .bind(6, to_string(s.kind))
        .bind(7, s.rating)
        .bind(8, s.unit)
        .bind(9, s.type ? std::optional(to_string(*s.type)) : std::nullopt)
        .bind(10, s.text)
        .bind(11, s.urgent ? 1 : 0)
        .bind(12, to_string(s.identity_mode))
        .bind(13, s.language)
        .bind(14, join_flags(s.flags))
        .bind(15, s.ticket)
        .bind(16, s.replaces)
        .bind(17, s.revision)
        .bind(18, s.clock.synchronised ? std::optional(*s.clock.synchronised ? 1 : 0)
                                       : std::nullopt)
        .bind(19, s.clock.boot_id)
        .run();
    if (s.is_correction()) settle_face(db_, s.replaces);
    if (s.has_identity()) {
      // Sealed before it is written, so no page of the file, its journal
      // or its WAL ever holds the plain contact details.
      Submission sealed = s;
      seal_in_place(sealed, get_kv(kSealKey));
      insert_identity(db_, sealed);
    }
    insert_skm(db_, s);
    // In the same transaction: a full disk refuses the whole answer, never
    // keeps it without its voice.
    if (!s.audio.empty())
      db_.prepare("INSERT INTO recordings (submission_id, ogg, duration_ms) VALUES (?1, ?2, ?3)")
          .bind(1, s.id)
          .bind_blob(2, s.audio)
          .bind(3, s.audio_ms)
          .run();
    transaction.commit();
  });
}

std::vector<StoredSubmission> Store::load(sql::Statement& statement) {
  std::vector<StoredSubmission> out;
  while (statement.step()) out.push_back(read_row(statement));
  auto answers = db_.prepare("SELECT element, score FROM skm_answers WHERE submission_id = ?1");
  for (auto& stored : out) {
    if (!stored.submission.skm) continue;
    answers.bind(1, stored.submission.id);
    while (answers.step()) {
      std::string element = answers.text(0);
      for (int i = 0; i < kSkmElements; ++i)
        if (kSkmCodes[i] == element)
          stored.submission.skm->scores[i] = static_cast<int>(answers.integer(1));
    }
    answers.reset();
  }
  return out;
}

std::vector<StoredSubmission> Store::pending(std::size_t limit, std::int64_t after_seq) {
  return guarded(db_, "list pending answers", [&] {
    // One read transaction, so a batch is a consistent snapshot while the kiosk writes.
    db_.exec("BEGIN");
    try {
      auto statement =
          db_.prepare(std::string(kSelect) +
                      "WHERE s.state = 'pending' AND s.seq > ?1 ORDER BY s.seq LIMIT ?2");
      statement.bind(1, after_seq).bind(2, static_cast<std::int64_t>(limit));
      auto out = load(statement);
      db_.exec("COMMIT");
      return out;
    } catch (...) {
      db_.exec("ROLLBACK");
      throw;
    }
  });
}

std::optional<StoredSubmission> Store::find(const std::string& id) {
  return guarded(db_, "read an answer", [&]() -> std::optional<StoredSubmission> {
    auto statement = db_.prepare(std::string(kSelect) + "WHERE s.id = ?1");
    statement.bind(1, id);
    auto found = load(statement);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  });
}

std::int64_t Store::mark_delivered(std::span<const std::string> ids, std::int64_t now_ms) {
  auto delivered = guarded(db_, "mark answers delivered", [&] {
    sql::Transaction transaction(db_);
    auto update = db_.prepare(
        "UPDATE submissions SET state = 'delivered', state_changed_ms = ?2 "
        "WHERE id = ?1 AND state = 'pending'");
    // The server has the contact details now: the kiosk keeps them (sealed
    // or not) only until then (UU 27/2022, issue 14 item 4). The row of the
    // answer stays for the retention rule; secure_delete zeroes the freed
    // bytes in the file.
    auto forget = db_.prepare("DELETE FROM identities WHERE submission_id = ?1");
    // So is a voice (a spoken complaint's recording): personal data too.
    auto forget_voice = db_.prepare("DELETE FROM recordings WHERE submission_id = ?1");
    std::int64_t changed = 0;
    for (const auto& id : ids) {
      update.bind(1, id).bind(2, now_ms).run();
      if (db_.changes() == 0) continue;
      ++changed;
      forget.bind(1, id).run();
      forget_voice.bind(1, id).run();
    }
    transaction.commit();
    return changed;
  });
  // The WAL still holds the pages as they were until empty_log(): once per
  // run, not per batch (after every batch its two fsyncs, truncation and
  // copying were most of the agent's time).
  return delivered;
}

void Store::empty_log(const std::string& after_what) {
  try {
    db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (const sql::Error& busy) {
    log::warning("could not empty the WAL after " + after_what + ": " + busy.what());
  }
}

bool Store::mark_quarantined(const std::string& id, const std::string& reason,
                             std::int64_t now_ms) {
  return guarded(db_, "quarantine an answer", [&] {
    db_.prepare(
           "UPDATE submissions SET state = 'quarantined', state_reason = ?2, state_changed_ms = ?3 "
           "WHERE id = ?1 AND state = 'pending'")
        .bind(1, id)
        .bind(2, reason)
        .bind(3, now_ms)
        .run();
    return db_.changes() > 0;
  });
}

std::vector<StoredSubmission> Store::quarantined(std::size_t limit) {
  return guarded(db_, "list quarantined answers", [&] {
    auto statement =
        db_.prepare(std::string(kSelect) + "WHERE s.state = 'quarantined' ORDER BY s.seq LIMIT ?1");
    statement.bind(1, static_cast<std::int64_t>(limit));
    return load(statement);
  });
}

StateCounts Store::counts() {
  return guarded(db_, "count answers", [&] {
    StateCounts counts;
    auto statement = db_.prepare("SELECT state, count(*) FROM submissions GROUP BY state");
    while (statement.step()) {
      switch (parse_state(statement.text(0))) {
        case SubmissionState::pending:
          counts.pending = statement.integer(1);
          break;
        case SubmissionState::delivered:
          counts.delivered = statement.integer(1);
          break;
        case SubmissionState::quarantined:
          counts.quarantined = statement.integer(1);
          break;
      }
    }
    return counts;
  });
}

std::array<std::int64_t, 4> Store::face_counts(std::int64_t since_ms) {
  return guarded(db_, "count faces", [&] {
    std::array<std::int64_t, 4> counts{};
    auto statement = db_.prepare(
        "SELECT rating, count(*) FROM submissions "
        "WHERE kind = 'rating' AND superseded = 0 AND created_at_ms >= ?1 GROUP BY rating");
    statement.bind(1, since_ms);
    while (statement.step()) {
      auto rating = statement.integer(0);
      if (rating >= 1 && rating <= 4) counts[rating - 1] = statement.integer(1);
    }
    return counts;
  });
}

std::int64_t Store::purge_delivered(std::int64_t before_ms) {
  return guarded(db_, "purge old delivered answers", [&] {
    db_.prepare(
           "DELETE FROM submissions WHERE state = 'delivered' AND state_changed_ms < ?1")
        .bind(1, before_ms)
        .run();
    return db_.changes();
  });
}

void Store::set_seal_key(const std::string& public_key) {
  if (!seal::is_public_key(public_key))
    throw StoreError(StoreErrc::invalid,
                     "refused to keep a seal key that is not a base64 public key of 32 bytes");
  bool resealed = guarded(db_, "save the seal key", [&] {
    sql::Transaction transaction(db_);
    if (get_kv(kSealKey) == public_key) return false;
    set_kv(kSealKey, public_key);
    // Contact details saved before the kiosk had a key are sealed now.
    auto statement = db_.prepare(std::string(kSelect) +
                                 "WHERE i.sealed = '' AND (i.name <> '' OR i.phone <> '' OR "
                                 "i.address <> '')");
    auto plain = load(statement);
    for (auto& stored : plain) {
      seal_in_place(stored.submission, public_key);
      insert_identity(db_, stored.submission);
    }
    transaction.commit();
    return !plain.empty();
  });
  // The WAL still holds the pages as they were, plain.
  if (resealed) empty_log("sealing");
}

std::string Store::seal_key() {
  return guarded(db_, "read the seal key", [&] { return get_kv(kSealKey); });
}

}  // namespace kotak::core
