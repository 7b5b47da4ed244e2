/* cf-schema.c — the case database schema and its forward migrations.
 *
 * Each entry of `migrations` takes the schema from version i to i + 1 and
 * runs in one transaction with the version bump, so a crash mid-migration
 * leaves the old schema. Never edit a released migration; add one.
 */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-db.h"
#include "cf-error.h"

static const char *migrations[] = {
  /* 0 → 1: the first schema. */
  "CREATE TABLE case_info ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  uuid TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  court TEXT NOT NULL DEFAULT '',"
  "  case_number TEXT NOT NULL DEFAULT '',"
  "  party TEXT NOT NULL DEFAULT 'plaintiff'"
  "    CHECK (party IN ('plaintiff', 'defendant', 'intervenor')),"
  "  numbering TEXT NOT NULL DEFAULT 'korean' CHECK (numbering IN ('korean', 'us')),"
  "  prefix TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL"
  ");"

  /* One row per stored original; the file is objects/ab/cdef… */
  "CREATE TABLE objects ("
  "  sha256 TEXT PRIMARY KEY,"
  "  size INTEGER NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE import_runs ("
  "  id INTEGER PRIMARY KEY,"
  "  started TEXT NOT NULL,"
  "  finished TEXT,"
  "  outcome TEXT"
  ");"

  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  parent_id INTEGER REFERENCES documents (id),"
  "  sha256 TEXT REFERENCES objects (sha256),"
  "  duplicate_of INTEGER REFERENCES documents (id),"
  "  name TEXT NOT NULL,"
  "  name_raw BLOB NOT NULL,"
  "  name_encoding TEXT NOT NULL,"
  "  source TEXT NOT NULL,"
  "  size INTEGER NOT NULL DEFAULT 0,"
  "  modified TEXT,"
  "  mime_type TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'partial', 'failed')),"
  "  problem TEXT,"
  "  title TEXT NOT NULL,"
  "  doc_date TEXT,"
  "  author TEXT,"
  "  privileged INTEGER NOT NULL DEFAULT 0,"
  "  privilege_basis TEXT,"
  "  imported TEXT NOT NULL,"
  "  import_run INTEGER REFERENCES import_runs (id),"
  /* Index of a member inside its container (1-based); 0 for top level. */
  "  position INTEGER NOT NULL DEFAULT 0,"
  /* For containers: 'pending' until every member is recorded, then
   * 'done', 'limited' (a safety limit stopped it) or 'failed'. */
  "  expansion TEXT CHECK (expansion IN ('pending', 'done', 'limited', 'failed'))"
  ");"
  "CREATE INDEX documents_parent ON documents (parent_id, position);"
  "CREATE INDEX documents_sha256 ON documents (sha256);"
  "CREATE INDEX documents_source ON documents (source);"

  /* Warnings are evidence: every charset guess, limit and oddity. */
  "CREATE TABLE document_warnings ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id),"
  "  code TEXT NOT NULL,"
  "  message TEXT NOT NULL"
  ");"
  "CREATE INDEX document_warnings_document ON document_warnings (document_id);"

  "CREATE TABLE claims ("
  "  id INTEGER PRIMARY KEY,"
  "  parent_id INTEGER REFERENCES claims (id),"
  "  position INTEGER NOT NULL,"
  "  title TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  side TEXT NOT NULL DEFAULT 'ours' CHECK (side IN ('ours', 'theirs')),"
  "  created TEXT NOT NULL"
  ");"
  "CREATE INDEX claims_parent ON claims (parent_id, position);"

  "CREATE TABLE tags ("
  "  document_id INTEGER NOT NULL REFERENCES documents (id),"
  "  claim_id INTEGER NOT NULL REFERENCES claims (id),"
  "  stance TEXT NOT NULL DEFAULT 'supports'"
  "    CHECK (stance IN ('supports', 'undermines', 'context')),"
  "  pinpoint TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  PRIMARY KEY (document_id, claim_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX tags_claim ON tags (claim_id);"

  /* An exhibit number. A withdrawn one has no document but keeps the
   * former one; a locked one (produced to the court) never changes. */
  "CREATE TABLE exhibits ("
  "  id INTEGER PRIMARY KEY,"
  "  main INTEGER NOT NULL CHECK (main > 0),"
  "  sub INTEGER NOT NULL DEFAULT 0 CHECK (sub >= 0),"
  "  document_id INTEGER UNIQUE REFERENCES documents (id),"
  "  former_document_id INTEGER REFERENCES documents (id),"
  "  locked INTEGER NOT NULL DEFAULT 0,"
  "  withdrawn TEXT,"
  "  UNIQUE (main, sub),"
  "  CHECK ((document_id IS NULL) = (withdrawn IS NOT NULL))"
  ");"

  /* The custody log: append-only, hash-chained, gap-free. Ids are plain
   * integers without foreign keys on purpose: the log outlives rows. */
  "CREATE TABLE custody ("
  "  seq INTEGER PRIMARY KEY,"
  "  time TEXT NOT NULL,"
  "  user TEXT NOT NULL,"
  "  host TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  document_id INTEGER,"
  "  claim_id INTEGER,"
  "  details TEXT NOT NULL,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL"
  ");"
  "CREATE INDEX custody_document ON custody (document_id);"
  "CREATE TRIGGER custody_append_only_update BEFORE UPDATE ON custody"
  "  BEGIN SELECT RAISE (ABORT, 'the custody log is append-only'); END;"
  "CREATE TRIGGER custody_append_only_delete BEFORE DELETE ON custody"
  "  BEGIN SELECT RAISE (ABORT, 'the custody log is append-only'); END;",

  /* 1 → 2: what the documents say (text, metadata), read by the
   * extraction helper. status/problem of a document become the worse of
   * what import found (kept in import_status/import_problem) and what
   * reading it found, so re-reading can recompute them. */
  "ALTER TABLE documents ADD COLUMN import_status TEXT NOT NULL DEFAULT 'ok';"
  "ALTER TABLE documents ADD COLUMN import_problem TEXT;"
  "UPDATE documents SET import_status = status, import_problem = problem;"
  "ALTER TABLE documents ADD COLUMN text_status TEXT NOT NULL DEFAULT 'pending';"
  "ALTER TABLE documents ADD COLUMN recipients TEXT;"
  "ALTER TABLE documents ADD COLUMN pages INTEGER;"
  /* Fields the user set by hand (1 title, 2 date, 4 author): reading a
   * document again never overwrites them. */
  "ALTER TABLE documents ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX documents_text_status ON documents (text_status);"
  "ALTER TABLE document_warnings ADD COLUMN origin TEXT NOT NULL DEFAULT 'import';"
  "CREATE TABLE extractions ("
  "  document_id INTEGER PRIMARY KEY REFERENCES documents (id),"
  "  extractor TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),"
  "  problem TEXT,"
  "  text TEXT,"
  "  text_truncated INTEGER NOT NULL DEFAULT 0,"
  "  metadata TEXT NOT NULL DEFAULT '{}',"
  "  extracted TEXT NOT NULL"
  ");",

  /* 2 → 3: full-text search. The index holds terms only; its content is
   * read through search_source, so nothing is stored twice. Every change
   * to an indexed field goes through cf_search_unindex/cf_search_index
   * (cf-search-index.c) in the same transaction. */
  "CREATE VIEW search_source (id, title, name, people, body, notes) AS "
  "  SELECT d.id, cf_nfc (d.title), cf_nfc (d.name || ' ' || d.source), "
  "    cf_nfc (coalesce (d.author, '') || ' ' || coalesce (d.recipients, '')), "
  "    cf_nfc (coalesce (x.text, '')), "
  "    cf_nfc (coalesce ((SELECT group_concat (t.pinpoint || ' ' || t.note, ' ') "
  "                       FROM tags t WHERE t.document_id = d.id), '')) "
  "  FROM documents d LEFT JOIN extractions x ON x.document_id = d.id;"
  "CREATE VIRTUAL TABLE search USING fts5 (title, name, people, body, notes, "
  "  content = 'search_source', content_rowid = 'id', tokenize = 'casefile');"
  "INSERT INTO search (search) VALUES ('rebuild');"
  "CREATE TABLE saved_searches ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  query TEXT NOT NULL,"
  "  created TEXT NOT NULL"
  ");",

  /* 3 → 4: search filters by type and date (type:mail, date:2018-04)
   * find their documents through indexes instead of reading every row. */
  "CREATE INDEX documents_mime_type ON documents (mime_type);"
  "CREATE INDEX documents_doc_date ON documents (doc_date);",

  /* 4 → 5: removing a document makes SQLite look for rows naming it as
   * their original (the foreign key on duplicate_of); without an index
   * that read every row, 65 ms per document removed from 100,000. */
  "CREATE INDEX documents_duplicate_of ON documents (duplicate_of);",

  /* 5 → 6: from: and to: look for their text anywhere in the sender or
   * the recipients, and type:EXT at the end of the name, which no index
   * can seek; but scanning these small indexes instead of every whole row
   * of documents takes 16 ms instead of 40 in a case of 100,000. */
  "CREATE INDEX documents_author ON documents (author);"
  "CREATE INDEX documents_recipients ON documents (recipients);"
  "CREATE INDEX documents_name ON documents (name);",

  /* 6 → 7: the search index also holds longer grams and joins
   * (cf-search-tokenizer.h), which the tokenizer's argument says: search
   * for a Korean word of three syllables or more, or a phrase, in a case
   * of 100,000 documents takes a third to a fifth of the time. Rebuilt
   * from the case, as the index holds nothing else. FTS5 keeps up to
   * 64 MiB of new terms in memory before writing them out (instead of
   * 1 MiB): the index holds twice the terms it did, and a rebuild of
   * 100,000 documents took a quarter less time with fewer, larger
   * segments to merge, for some 90 MB more memory while it runs. */
  "DROP TABLE search;"
  "CREATE VIRTUAL TABLE search USING fts5 (title, name, people, body, notes, "
  "  content = 'search_source', content_rowid = 'id', tokenize = 'casefile grams');"
  "INSERT INTO search (search, rank) VALUES ('hashsize', 67108864);"
  "INSERT INTO search (search) VALUES ('rebuild');",
};

gboolean
cf_db_migrate (sqlite3  *db,
               GError  **error)
{
  int version = cf_db_schema_version (db);

  if (version > CF_SCHEMA_VERSION)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_TOO_NEW,
                   "This case was written by a newer Casefile (schema %d; this one knows %d). "
                   "Update Casefile to open it.", version, CF_SCHEMA_VERSION);
      return FALSE;
    }

  G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CF_SCHEMA_VERSION);

  for (; version < CF_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!cf_db_begin (db, error))
        return FALSE;
      if (!cf_db_exec (db, migrations[version], error) ||
          !cf_db_exec (db, bump, error) ||
          !cf_db_commit (db, error))
        {
          cf_db_rollback (db);
          g_prefix_error (error, "Could not upgrade the case to schema %d: ", version + 1);
          return FALSE;
        }
    }
  return TRUE;
}
