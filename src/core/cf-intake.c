/* cf-intake.c — batched recording of imported items (see cf-intake.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "config.h"

#include "cf-intake.h"

#include <stdarg.h>
#include <string.h>

#include "cf-case-private.h"
#include "cf-custody.h"
#include "cf-db.h"
#include "cf-error.h"
#include "cf-fsutil.h"
#include "cf-mime.h"
#include "cf-search-index.h"

/* A batch commits after this many items, seconds or bytes, whichever
 * comes first: large enough that the per-commit fsync is amortised,
 * small enough that little is redone after a crash. */
#define BATCH_MAX_ITEMS   256
#define BATCH_MAX_USEC    (1 * G_USEC_PER_SEC)
#define BATCH_MAX_BYTES   (256 * 1024 * 1024)


struct _CfIntake
{
  CfCase *kase;
  sqlite3 *db;
  CfObjectStore *store;
  gint64 run_id;

  gboolean in_batch;
  guint batch_items;
  guint64 batch_bytes;
  gint64 batch_started;
  GQueue pending;

  CfImportItemFunc report;
  gpointer report_data;

  guint8 *buffer;

  sqlite3_stmt *insert_object;
  sqlite3_stmt *insert_document;
  sqlite3_stmt *insert_warning;
  sqlite3_stmt *first_with_sha;
  sqlite3_stmt *find_top_level;
  sqlite3_stmt *find_member;
};


void
cf_warnings_add (GPtrArray  **warnings,
                 const char  *code,
                 const char  *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (*warnings == NULL)
    *warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (*warnings, g_strdup_printf ("%s\n%s", code, message));
}

char *
cf_warnings_join (GPtrArray *warnings)
{
  GString *text;

  if (warnings == NULL || warnings->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < warnings->len; i++)
    {
      const char *w = g_ptr_array_index (warnings, i);
      const char *message = strchr (w, '\n');

      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, message ? message + 1 : w);
    }
  return g_string_free (text, FALSE);
}

static gboolean
prepare_all (CfIntake  *intake,
             GError   **error)
{
  sqlite3 *db = intake->db;

  intake->insert_object = cf_db_prepare (db,
                                         "INSERT OR IGNORE INTO objects (sha256, size) VALUES (?, ?)",
                                         error);
  if (intake->insert_object == NULL)
    return FALSE;
  intake->insert_document = cf_db_prepare (db,
                                           "INSERT INTO documents (parent_id, sha256, duplicate_of, "
                                           "name, name_raw, name_encoding, source, size, modified, "
                                           "mime_type, status, problem, title, imported, import_run, "
                                           "position, expansion, import_status, import_problem, "
                                           "text_status) VALUES "
                                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?11, ?12, ?18)",
                                           error);
  if (intake->insert_document == NULL)
    return FALSE;
  intake->insert_warning = cf_db_prepare (db,
                                          "INSERT INTO document_warnings (document_id, code, message) "
                                          "VALUES (?, ?, ?)",
                                          error);
  if (intake->insert_warning == NULL)
    return FALSE;
  intake->first_with_sha = cf_db_prepare (db,
                                          "SELECT id FROM documents WHERE sha256 = ? AND "
                                          "duplicate_of IS NULL ORDER BY id LIMIT 1",
                                          error);
  if (intake->first_with_sha == NULL)
    return FALSE;
  intake->find_top_level = cf_db_prepare (db,
                                          "SELECT id, expansion, sha256 FROM documents WHERE sha256 = ? AND "
                                          "source = ? AND parent_id IS NULL ORDER BY id LIMIT 1",
                                          error);
  if (intake->find_top_level == NULL)
    return FALSE;
  intake->find_member = cf_db_prepare (db,
                                       "SELECT id, expansion, sha256 FROM documents "
                                       "WHERE parent_id = ? AND position = ? LIMIT 1",
                                       error);
  return intake->find_member != NULL;
}

static gboolean
begin_batch (CfIntake  *intake,
             GError   **error)
{
  if (intake->in_batch)
    return TRUE;
  if (!cf_db_begin (intake->db, error))
    return FALSE;
  intake->in_batch = TRUE;
  intake->batch_items = 0;
  intake->batch_bytes = 0;
  intake->batch_started = g_get_monotonic_time ();
  return TRUE;
}

CfIntake *
cf_intake_new (CfCase             *kase,
               const char * const *paths,
               CfImportItemFunc    report,
               gpointer            report_data,
               GError            **error)
{
  CfIntake *intake;
  g_autoptr(sqlite3_stmt) insert_run = NULL;
  g_autofree char *now = cf_utc_now_iso ();
  g_autofree char *joined = NULL;
  g_autofree char *details = NULL;

  if (!cf_case_require_writable (kase, error))
    return NULL;

  intake = g_new0 (CfIntake, 1);
  intake->kase = g_object_ref (kase);
  intake->report = report;
  intake->report_data = report_data;
  g_queue_init (&intake->pending);
  intake->store = cf_object_store_new (cf_case_get_path (kase));
  intake->db = cf_case_open_worker_db (kase, error);
  if (intake->db == NULL || !prepare_all (intake, error))
    goto fail;

  /* The run row is committed on its own: if we crash, the next open sees
   * an unfinished run and sweeps the objects it may have left. */
  if (!cf_db_begin (intake->db, error))
    goto fail;
  insert_run = cf_db_prepare (intake->db, "INSERT INTO import_runs (started) VALUES (?)", error);
  if (insert_run == NULL)
    goto fail_rollback;
  cf_db_bind_text (insert_run, 1, now);
  if (!cf_db_step_done (intake->db, insert_run, error))
    goto fail_rollback;
  intake->run_id = sqlite3_last_insert_rowid (intake->db);
  {
    g_autofree char *run = g_strdup_printf ("%" G_GINT64_FORMAT, intake->run_id);

    joined = g_strjoinv ("\n", (char **) paths);
    details = cf_custody_details ("run", run, "paths", joined,
                                  "tool", "Casefile " PACKAGE_VERSION, NULL);
  }
  if (!cf_custody_append (intake->db, "import-start", 0, 0, details, error) ||
      !cf_db_commit (intake->db, error))
    goto fail_rollback;
  return intake;

fail_rollback:
  cf_db_rollback (intake->db);
fail:
  cf_intake_free (intake);
  return NULL;
}

void
cf_intake_free (CfIntake *intake)
{
  if (intake == NULL)
    return;
  if (intake->db != NULL)
    cf_db_rollback (intake->db);
  g_clear_pointer (&intake->insert_object, sqlite3_finalize);
  g_clear_pointer (&intake->insert_document, sqlite3_finalize);
  g_clear_pointer (&intake->insert_warning, sqlite3_finalize);
  g_clear_pointer (&intake->first_with_sha, sqlite3_finalize);
  g_clear_pointer (&intake->find_top_level, sqlite3_finalize);
  g_clear_pointer (&intake->find_member, sqlite3_finalize);
  g_clear_pointer (&intake->db, cf_db_close);
  g_clear_pointer (&intake->store, cf_object_store_free);
  g_queue_clear_full (&intake->pending, (GDestroyNotify) cf_import_item_free);
  g_clear_object (&intake->kase);
  g_free (intake->buffer);
  g_free (intake);
}

CfObjectStore *
cf_intake_get_store (CfIntake *intake)
{
  return intake->store;
}

sqlite3 *
cf_intake_get_db (CfIntake *intake)
{
  return intake->db;
}

gboolean
cf_intake_begin (CfIntake  *intake,
                 GError   **error)
{
  if (!begin_batch (intake, error))
    return FALSE;
  intake->batch_items++;
  return TRUE;
}

static void
queue_report (CfIntake           *intake,
              const CfImportItem *item)
{
  g_queue_push_tail (&intake->pending, cf_import_item_copy (item));
}

static void
flush_reports (CfIntake *intake)
{
  CfImportItem *item;

  while ((item = g_queue_pop_head (&intake->pending)) != NULL)
    {
      if (intake->report)
        intake->report (item, intake->report_data);
      cf_import_item_free (item);
    }
}

gboolean
cf_intake_commit (CfIntake  *intake,
                  gboolean   force,
                  GError   **error)
{
  if (!intake->in_batch)
    {
      flush_reports (intake);
      return TRUE;
    }
  if (!force &&
      intake->batch_items < BATCH_MAX_ITEMS &&
      intake->batch_bytes < BATCH_MAX_BYTES &&
      g_get_monotonic_time () - intake->batch_started < BATCH_MAX_USEC)
    return TRUE;

  /* Invariant 1: every object this batch names is durable before the
   * rows naming it commit. */
  if (!cf_object_store_sync (intake->store, error))
    {
      cf_db_rollback (intake->db);
      intake->in_batch = FALSE;
      return FALSE;
    }
  intake->in_batch = FALSE;
  if (!cf_db_commit (intake->db, error))
    return FALSE;
  flush_reports (intake);
  return TRUE;
}

void
cf_intake_add_bytes (CfIntake *intake,
                     guint64   bytes)
{
  intake->batch_bytes += bytes;
}

gboolean
cf_intake_finish (CfIntake    *intake,
                  const char  *outcome,
                  const char  *counts,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) close_run = NULL;
  g_autofree char *now = cf_utc_now_iso ();
  g_autofree char *run = g_strdup_printf ("%" G_GINT64_FORMAT, intake->run_id);
  g_autofree char *details = cf_custody_details ("run", run, "outcome", outcome,
                                                 "counts", counts, NULL);

  if (!begin_batch (intake, error))
    return FALSE;
  close_run = cf_db_prepare (intake->db,
                             "UPDATE import_runs SET finished = ?, outcome = ? WHERE id = ?",
                             error);
  if (close_run == NULL)
    return FALSE;
  cf_db_bind_text (close_run, 1, now);
  cf_db_bind_text (close_run, 2, outcome);
  sqlite3_bind_int64 (close_run, 3, intake->run_id);
  if (!cf_db_step_done (intake->db, close_run, error) ||
      !cf_custody_append (intake->db, "import-finish", 0, 0, details, error))
    return FALSE;
  return cf_intake_commit (intake, TRUE, error);
}

void
cf_intake_tidy_search (CfIntake     *intake,
                       guint64       n_changed,
                       GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!cf_search_tidy (intake->db, n_changed, cancellable, &error))
    g_warning ("Could not merge the search index (searches stay correct, only slower): %s",
               error->message);
}

gint64
cf_intake_find_present (CfIntake    *intake,
                        gint64       parent_id,
                        gint64       position,
                        const char  *source,
                        const char  *sha256,
                        char       **expansion,
                        char       **sha256_out,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 id = 0;

  if (expansion)
    *expansion = NULL;
  if (sha256_out)
    *sha256_out = NULL;
  if (parent_id > 0)
    {
      stmt = intake->find_member;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, parent_id);
      sqlite3_bind_int64 (stmt, 2, position);
    }
  else
    {
      stmt = intake->find_top_level;
      sqlite3_reset (stmt);
      cf_db_bind_text (stmt, 1, sha256);
      cf_db_bind_text (stmt, 2, source);
    }
  if (!cf_db_step (intake->db, stmt, &has_row, error))
    return -1;
  if (has_row)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (expansion)
        *expansion = cf_db_column_dup (stmt, 1);
      if (sha256_out)
        *sha256_out = cf_db_column_dup (stmt, 2);
    }
  sqlite3_reset (stmt);
  return id;
}

static gboolean
insert_warnings (CfIntake   *intake,
                 gint64      document_id,
                 GPtrArray  *warnings,
                 GError    **error)
{
  if (warnings == NULL)
    return TRUE;
  for (guint i = 0; i < warnings->len; i++)
    {
      const char *w = g_ptr_array_index (warnings, i);
      const char *nl = strchr (w, '\n');
      g_autofree char *code = nl ? g_strndup (w, nl - w) : g_strdup ("warning");

      sqlite3_reset (intake->insert_warning);
      sqlite3_bind_int64 (intake->insert_warning, 1, document_id);
      cf_db_bind_text (intake->insert_warning, 2, code);
      cf_db_bind_text (intake->insert_warning, 3, nl ? nl + 1 : w);
      if (!cf_db_step_done (intake->db, intake->insert_warning, error))
        return FALSE;
    }
  return TRUE;
}

static char *
title_from_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name && strlen (dot) <= 6)
    return g_strndup (name, dot - name);
  return g_strdup (name);
}

gint64
cf_intake_record (CfIntake              *intake,
                  const CfIntakeRecord  *r,
                  GError               **error)
{
  sqlite3 *db = intake->db;
  sqlite3_stmt *ins = intake->insert_document;
  g_autofree char *now = cf_utc_now_iso ();
  g_autofree char *title = title_from_name (r->name);
  g_autofree char *joined_warnings = cf_warnings_join (r->warnings);
  g_autofree char *details = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *dup_text = NULL;
  g_autofree char *run_text = NULL;
  CfImportItem item = { 0 };
  gint64 duplicate_of = 0;
  gint64 id;

  if (!begin_batch (intake, error))
    return 0;

  if (r->sha256 != NULL)
    {
      gboolean has_row;

      sqlite3_reset (intake->insert_object);
      cf_db_bind_text (intake->insert_object, 1, r->sha256);
      sqlite3_bind_int64 (intake->insert_object, 2, r->size);
      if (!cf_db_step_done (db, intake->insert_object, error))
        return 0;

      sqlite3_reset (intake->first_with_sha);
      cf_db_bind_text (intake->first_with_sha, 1, r->sha256);
      if (!cf_db_step (db, intake->first_with_sha, &has_row, error))
        return 0;
      if (has_row)
        duplicate_of = sqlite3_column_int64 (intake->first_with_sha, 0);
      sqlite3_reset (intake->first_with_sha);
    }

  sqlite3_reset (ins);
  cf_db_bind_id (ins, 1, r->parent_id);
  cf_db_bind_text (ins, 2, r->sha256);
  cf_db_bind_id (ins, 3, duplicate_of);
  cf_db_bind_text (ins, 4, r->name);
  sqlite3_bind_blob (ins, 5, r->raw_name ? r->raw_name : "", r->raw_name ? r->raw_name_len : 0,
                     SQLITE_TRANSIENT);
  cf_db_bind_text (ins, 6, cf_name_encoding_to_string (r->name_encoding));
  cf_db_bind_text (ins, 7, r->source);
  sqlite3_bind_int64 (ins, 8, r->size);
  cf_db_bind_text (ins, 9, r->modified);
  cf_db_bind_text (ins, 10, r->mime_type ? r->mime_type : "application/octet-stream");
  cf_db_bind_text (ins, 11, cf_status_to_string (r->status));
  cf_db_bind_text (ins, 12, r->problem);
  cf_db_bind_text (ins, 13, title);
  cf_db_bind_text (ins, 14, now);
  sqlite3_bind_int64 (ins, 15, intake->run_id);
  sqlite3_bind_int64 (ins, 16, r->position);
  cf_db_bind_text (ins, 17, r->is_container ? "pending" : NULL);
  /* What could not be stored cannot be read either. */
  cf_db_bind_text (ins, 18, r->sha256 != NULL ? "pending" : "none");
  if (!cf_db_step_done (db, ins, error))
    return 0;
  id = sqlite3_last_insert_rowid (db);

  if (!insert_warnings (intake, id, r->warnings, error) ||
      !cf_search_index (db, id, error))
    return 0;

  size_text = g_strdup_printf ("%" G_GUINT64_FORMAT, r->size);
  dup_text = duplicate_of > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, duplicate_of) : NULL;
  run_text = g_strdup_printf ("%" G_GINT64_FORMAT, intake->run_id);
  details = cf_custody_details ("source", r->source,
                                "name", r->name,
                                "name_encoding", cf_name_encoding_to_string (r->name_encoding),
                                "sha256", r->sha256,
                                "size", size_text,
                                "type", r->mime_type,
                                "duplicate_of", dup_text,
                                "status", cf_status_to_string (r->status),
                                "problem", r->problem,
                                "warnings", joined_warnings,
                                "run", run_text,
                                NULL);
  if (!cf_custody_append (db, "import", id, 0, details, error))
    return 0;

  intake->batch_items++;
  item.outcome = r->status == CF_STATUS_FAILED ? CF_IMPORT_FAILED
                 : duplicate_of > 0 ? CF_IMPORT_DUPLICATE : CF_IMPORT_IMPORTED;
  item.document_id = id;
  item.duplicate_of = duplicate_of;
  item.parent_id = r->parent_id;
  item.depth = r->depth;
  item.source = r->source;
  item.reason = r->status == CF_STATUS_FAILED ? r->problem : joined_warnings;
  item.size = r->size;
  queue_report (intake, &item);
  return id;
}

gboolean
cf_intake_set_expansion (CfIntake    *intake,
                         gint64       document_id,
                         const char  *expansion,
                         CfStatus     status,
                         const char  *problem,
                         GPtrArray   *warnings,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *details = NULL;
  g_autofree char *joined = cf_warnings_join (warnings);

  if (!begin_batch (intake, error))
    return FALSE;
  update = cf_db_prepare (intake->db,
                          "UPDATE documents SET expansion = ?1, import_status = ?2, "
                          "import_problem = ?3 WHERE id = ?4",
                          error);
  if (update == NULL)
    return FALSE;
  cf_db_bind_text (update, 1, expansion);
  cf_db_bind_text (update, 2, cf_status_to_string (status));
  cf_db_bind_text (update, 3, problem);
  sqlite3_bind_int64 (update, 4, document_id);
  if (!cf_db_step_done (intake->db, update, error) ||
      !cf_document_refresh_status (intake->db, document_id, error) ||
      !insert_warnings (intake, document_id, warnings, error))
    return FALSE;
  details = cf_custody_details ("expansion", expansion,
                                "status", cf_status_to_string (status),
                                "problem", problem,
                                "warnings", joined,
                                NULL);
  return cf_custody_append (intake->db, "expand", document_id, 0, details, error);
}

gboolean
cf_intake_note (CfIntake         *intake,
                CfImportOutcome   outcome,
                gint64            parent_id,
                guint             depth,
                const char       *source,
                const char       *reason,
                GError          **error)
{
  CfImportItem item = { 0 };

  if (!begin_batch (intake, error))
    return FALSE;
  if (outcome == CF_IMPORT_FAILED)
    {
      g_autofree char *details = cf_custody_details ("source", source, "reason", reason, NULL);

      if (!cf_custody_append (intake->db, "import-failed", parent_id, 0, details, error))
        return FALSE;
    }
  item.outcome = outcome;
  item.parent_id = parent_id;
  item.depth = depth;
  item.source = source;
  item.reason = reason;
  intake->batch_items++;
  queue_report (intake, &item);
  return TRUE;
}

CfCopyResult
cf_intake_copy (CfIntake        *intake,
                CfObjectWriter  *writer,
                CfReadFunc       read_func,
                gpointer         read_data,
                CfBytesFunc      on_bytes,
                gpointer         bytes_data,
                guint8          *head,
                gsize           *head_len,
                GError         **error)
{
  *head_len = 0;
  if (intake->buffer == NULL)
    intake->buffer = g_malloc (CF_IO_BUFFER_SIZE);

  for (;;)
    {
      gssize n = read_func (read_data, intake->buffer, CF_IO_BUFFER_SIZE, error);

      if (n < 0)
        return CF_COPY_SOURCE_ERROR;
      if (n == 0)
        return CF_COPY_OK;
      if (*head_len < CF_MIME_HEAD_SIZE)
        {
          gsize take = MIN ((gsize) n, CF_MIME_HEAD_SIZE - *head_len);

          memcpy (head + *head_len, intake->buffer, take);
          *head_len += take;
        }
      if (!cf_object_writer_write (writer, intake->buffer, n, error))
        return CF_COPY_CASE_ERROR;
      intake->batch_bytes += n;
      if (on_bytes != NULL && !on_bytes (bytes_data, n, error))
        return CF_COPY_STOPPED;
    }
}
