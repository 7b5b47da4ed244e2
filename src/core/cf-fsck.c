/* cf-fsck.c — the case checker (see cf-fsck.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-fsck.h"

#include <string.h>
#include <sys/stat.h>

#include "cf-case-private.h"
#include "cf-custody.h"
#include "cf-db.h"
#include "cf-search-index.h"
#include "cf-sha256.h"

void
cf_fsck_report_free (CfFsckReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->notes, g_ptr_array_unref);
  g_free (report);
}

static gboolean
run_pragma_check (sqlite3      *db,
                  const char   *pragma,
                  CfFsckReport *report,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = cf_db_prepare (db, pragma, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      const char *first;

      if (!cf_db_step (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      first = cf_db_column_text (stmt, 0);
      if (sqlite3_column_count (stmt) == 1 && g_strcmp0 (first, "ok") == 0)
        continue;
      if (sqlite3_column_count (stmt) == 1)
        g_ptr_array_add (report->problems, g_strdup_printf ("database: %s", first));
      else
        g_ptr_array_add (report->problems,
                         g_strdup_printf ("database: row %lld of %s points at a missing row of %s",
                                          (long long) sqlite3_column_int64 (stmt, 1), first,
                                          cf_db_column_text (stmt, 2)));
    }
  return TRUE;
}

static gboolean
check_objects (CfCase              *self,
               CfFsckReport        *report,
               CfFsckProgressFunc   progress,
               gpointer             progress_data,
               GCancellable        *cancellable,
               GError             **error)
{
  sqlite3 *db = cf_case_get_db (self);
  CfObjectStore *store = cf_case_get_store (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) users = NULL;
  guint64 total = cf_db_query_int64 (db, "SELECT count(*) FROM objects", 0);
  gboolean has_row;

  stmt = cf_db_prepare (db, "SELECT sha256, size FROM objects ORDER BY sha256", error);
  users = cf_db_prepare (db,
                         "SELECT group_concat (id, ', ') FROM "
                         "(SELECT id FROM documents WHERE sha256 = ? ORDER BY id LIMIT 10)",
                         error);
  if (stmt == NULL || users == NULL)
    return FALSE;
  for (;;)
    {
      g_autofree char *path = NULL;
      g_autofree char *hex = NULL;
      g_autoptr(GError) read_error = NULL;
      const char *sha;
      guint64 size;
      struct stat st;
      const char *problem = NULL;

      if (!cf_db_step (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      sha = cf_db_column_text (stmt, 0);
      size = sqlite3_column_int64 (stmt, 1);
      report->n_objects++;
      if (!cf_sha256_is_valid_hex (sha))
        {
          g_ptr_array_add (report->problems, g_strdup_printf ("object row “%s” is not a SHA-256", sha));
          continue;
        }
      path = cf_object_store_path (store, sha);
      if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        problem = "is missing";
      else if ((guint64) st.st_size != size)
        problem = "has the wrong size";
      else
        {
          hex = cf_sha256_file (path, &read_error);
          report->bytes_hashed += size;
          if (hex == NULL)
            problem = "cannot be read";
          else if (strcmp (hex, sha) != 0)
            problem = "is corrupt (its bytes no longer match its SHA-256)";
        }
      if (problem != NULL)
        {
          sqlite3_reset (users);
          cf_db_bind_text (users, 1, sha);
          g_ptr_array_add (report->problems,
                           g_strdup_printf ("object %s %s (documents %s)", sha, problem,
                                            sqlite3_step (users) == SQLITE_ROW
                                            ? cf_db_column_text (users, 0) : "none"));
        }
      if (progress)
        progress (report->n_objects, total, progress_data);
    }
  return TRUE;
}

static gboolean
check_store_files (CfCase        *self,
                   CfFsckReport  *report,
                   GError       **error)
{
  sqlite3 *db = cf_case_get_db (self);
  CfObjectStore *store = cf_case_get_store (self);
  g_autoptr(sqlite3_stmt) known = cf_db_prepare (db, "SELECT 1 FROM objects WHERE sha256 = ?", error);
  g_autoptr(GDir) tmp = NULL;
  const char *name;

  if (known == NULL)
    return FALSE;
  for (guint fan = 0; fan < 256; fan++)
    {
      g_autofree char *dir_path = g_strdup_printf ("%s/%02x", cf_object_store_get_dir (store), fan);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);

      if (dir == NULL)
        {
          g_ptr_array_add (report->problems, g_strdup_printf ("store folder %s is missing", dir_path));
          continue;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *sha = g_strdup_printf ("%02x%s", fan, name);

          if (!cf_sha256_is_valid_hex (sha))
            {
              g_ptr_array_add (report->problems,
                               g_strdup_printf ("unexpected file in the store: %s/%s", dir_path, name));
              continue;
            }
          sqlite3_reset (known);
          cf_db_bind_text (known, 1, sha);
          if (sqlite3_step (known) != SQLITE_ROW)
            g_ptr_array_add (report->problems,
                             g_strdup_printf ("object %s is in the store but no document names it", sha));
        }
    }

  tmp = g_dir_open (cf_object_store_get_tmp_dir (store), 0, NULL);
  if (tmp != NULL && !cf_case_get_read_only (self))
    while ((name = g_dir_read_name (tmp)) != NULL)
      g_ptr_array_add (report->problems, g_strdup_printf ("temporary file left in tmp/: %s", name));
  return TRUE;
}

static void
check_rows (CfCase       *self,
            CfFsckReport *report)
{
  sqlite3 *db = cf_case_get_db (self);
  struct
  {
    const char *sql;
    const char *what;
    gboolean problem;
  } checks[] = {
    { "SELECT id FROM documents WHERE sha256 IS NOT NULL AND sha256 NOT IN (SELECT sha256 FROM objects)",
      "document %s names an object the store does not record", TRUE },
    { "SELECT d.id FROM documents d JOIN exhibits e ON e.document_id = d.id WHERE d.privileged = 1",
      "document %s is privileged but still has a live exhibit number", TRUE },
    { "SELECT id FROM documents WHERE duplicate_of IS NOT NULL AND duplicate_of NOT IN "
      "(SELECT id FROM documents)", "document %s is a duplicate of a document that does not exist", TRUE },
    { "SELECT id FROM import_runs WHERE finished IS NULL",
      "import run %s never finished", !cf_case_get_read_only (self) },
    { "SELECT id FROM documents WHERE expansion = 'pending'",
      "archive document %s was not fully expanded (an import was interrupted); import the same "
      "file again to complete it", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (sqlite3_prepare_v2 (db, checks[i].sql, -1, &stmt, NULL) != SQLITE_OK)
        continue;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *id = g_strdup_printf ("%lld", (long long) sqlite3_column_int64 (stmt, 0));
          /* The templates are the constants above, each with one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          char *line = g_strdup_printf (checks[i].what, id);
#pragma GCC diagnostic pop

          g_ptr_array_add (checks[i].problem ? report->problems : report->notes, line);
        }
    }
}

CfFsckReport *
cf_case_fsck (CfCase              *self,
              CfFsckProgressFunc   progress,
              gpointer             progress_data,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(CfFsckReport) report = g_new0 (CfFsckReport, 1);
  sqlite3 *db;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);

  db = cf_case_get_db (self);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  report->n_documents = cf_db_query_int64 (db, "SELECT count(*) FROM documents", 0);
  report->n_custody = cf_db_query_int64 (db, "SELECT count(*) FROM custody", 0);

  if (!run_pragma_check (db, "PRAGMA integrity_check", report, error) ||
      !run_pragma_check (db, "PRAGMA foreign_key_check", report, error) ||
      !cf_custody_verify (db, report->problems, error) ||
      !check_objects (self, report, progress, progress_data, cancellable, error) ||
      !check_store_files (self, report, error))
    return NULL;
  /* FTS5 checks its index only through a write statement. */
  if (sqlite3_db_readonly (db, "main") == 1)
    g_ptr_array_add (report->notes, g_strdup ("The search index was not checked: the case is open read-only"));
  else if (!cf_search_check (db, report->problems, error))
    return NULL;
  check_rows (self, report);
  return g_steal_pointer (&report);
}
