// The server database's version 18 in SQLite's dialect, from issue 13
// ("Speed at a million", the read side; the list of versions is
// storage/schema.cpp; postgres/schema_lists.cpp has its twin): what lets
// the register list a page of a million cases without reading them all.
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server::sqlite_sql {

// Version 18:
// - cases.list_rank, list_key, list_age, list_seq: the register's default
//   order (storage/case_list.hpp) as plain columns, so that one index
//   gives it and a page can start after the last case of the page before
//   (keyset paging). Rank 0: open and alarming, 1: open, 2: closed; within
//   an open rank by due time (the overdue come first by themselves), within
//   closed newest first. Virtual: computed on reading, only the indexes
//   store them.
// - The same order across every facility (the district's admin), and
//   newest/oldest and due indexes that end in the id.
// - cases_text: a trigram full-text index of the cases' text (external
//   content: the text is stored once, in cases), kept by triggers, so that
//   a word search finds its few cases without reading every text.
std::string_view v18() {
  return R"sql(
ALTER TABLE cases ADD COLUMN list_rank INTEGER GENERATED ALWAYS AS (
  CASE WHEN status IN ('baru', 'diverifikasi', 'diteruskan') THEN
         CASE WHEN urgent = 1 OR rating = 1 THEN 0 ELSE 1 END
       ELSE 2 END) VIRTUAL;
ALTER TABLE cases ADD COLUMN list_key INTEGER GENERATED ALWAYS AS (
  CASE WHEN status IN ('baru', 'diverifikasi', 'diteruskan') THEN due_ms ELSE -received_ms END) VIRTUAL;
ALTER TABLE cases ADD COLUMN list_age INTEGER GENERATED ALWAYS AS (-received_ms) VIRTUAL;
ALTER TABLE cases ADD COLUMN list_seq INTEGER GENERATED ALWAYS AS (-id) VIRTUAL;
CREATE INDEX cases_by_priority ON cases (facility_id, list_rank, list_key, list_age, list_seq);
CREATE INDEX cases_by_priority_all ON cases (list_rank, list_key, list_age, list_seq);
CREATE INDEX cases_by_received ON cases (received_ms);
CREATE INDEX cases_by_due ON cases (facility_id, due_ms);

CREATE VIRTUAL TABLE cases_text USING fts5 (
  content, content = 'cases', content_rowid = 'id', tokenize = 'trigram', detail = 'none');
INSERT INTO cases_text (cases_text) VALUES ('rebuild');
CREATE TRIGGER cases_text_insert AFTER INSERT ON cases BEGIN
  INSERT INTO cases_text (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER cases_text_delete AFTER DELETE ON cases BEGIN
  INSERT INTO cases_text (cases_text, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER cases_text_update AFTER UPDATE OF content ON cases BEGIN
  INSERT INTO cases_text (cases_text, rowid, content) VALUES ('delete', old.id, old.content);
  INSERT INTO cases_text (rowid, content) VALUES (new.id, new.content);
END;
)sql";
}

}  // namespace kotak::server::sqlite_sql
