/* cf-case-remove.c — taking documents imported by mistake out of a case
 * (see cf_case_remove_documents in cf-case.h).
 *
 * One transaction removes the rows (documents with their families, tags,
 * unlocked exhibit numbers, warnings, reading, index entries) and the
 * objects rows no remaining document names, appends a custody entry per
 * document, and marks itself in import_runs. The files go after the
 * commit: a crash before they are gone leaves only objects no row names,
 * which the next open sweeps because the run never finished — the same
 * recovery an interrupted import gets. A crash before the commit changes
 * nothing. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-case-private.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cf-custody.h"
#include "cf-db.h"
#include "cf-error.h"
#include "cf-fsutil.h"
#include "cf-object-store.h"
#include "cf-search-index.h"

/* The documents to remove, on this connection only. */
static const char removal_setup[] =
  "CREATE TEMP TABLE IF NOT EXISTS removal (id INTEGER PRIMARY KEY, copy INTEGER);"
  "DELETE FROM temp.removal;";

/* Each selected document must be the top of its family. */
static gboolean
check_selection (sqlite3       *db,
                 const gint64  *ids,
                 guint          n_ids,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) lookup = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  lookup = cf_db_prepare (db,
                          "WITH RECURSIVE up (id, parent_id, name) AS ("
                          "  SELECT id, parent_id, name FROM documents WHERE id = ?1"
                          "  UNION ALL SELECT d.id, d.parent_id, d.name FROM documents d"
                          "  JOIN up ON d.id = up.parent_id) "
                          "SELECT (SELECT name FROM up WHERE id = ?1), "
                          "(SELECT parent_id FROM up WHERE id = ?1), "
                          "(SELECT id FROM up WHERE parent_id IS NULL), "
                          "(SELECT name FROM up WHERE parent_id IS NULL)",
                          error);
  insert = cf_db_prepare (db, "INSERT OR IGNORE INTO temp.removal (id) VALUES (?)", error);
  if (lookup == NULL || insert == NULL)
    return FALSE;

  for (guint i = 0; i < n_ids; i++)
    {
      gboolean has_row;

      sqlite3_reset (lookup);
      sqlite3_bind_int64 (lookup, 1, ids[i]);
      if (!cf_db_step (db, lookup, &has_row, error))
        return FALSE;
      if (sqlite3_column_type (lookup, 0) == SQLITE_NULL)
        {
          g_set_error (error, CF_ERROR, CF_ERROR_NOT_FOUND,
                       "There is no document %" G_GINT64_FORMAT " in this case", ids[i]);
          return FALSE;
        }
      if (sqlite3_column_type (lookup, 1) != SQLITE_NULL)
        {
          g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                       "“%s” (%" G_GINT64_FORMAT ") is part of “%s” (%" G_GINT64_FORMAT "): a family "
                       "is removed whole, by removing “%s”",
                       cf_db_column_text (lookup, 0), ids[i], cf_db_column_text (lookup, 3),
                       (gint64) sqlite3_column_int64 (lookup, 2), cf_db_column_text (lookup, 3));
          return FALSE;
        }

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, ids[i]);
      if (!cf_db_step_done (db, insert, error))
        return FALSE;
    }

  /* The families come along. */
  return cf_db_exec (db,
                     "WITH RECURSIVE family (id) AS ("
                     "  SELECT id FROM temp.removal"
                     "  UNION SELECT d.id FROM documents d JOIN family f ON d.parent_id = f.id) "
                     "INSERT OR IGNORE INTO temp.removal (id) SELECT id FROM family",
                     error);
}

/* A number produced to the court stays with its document for good. */
static gboolean
check_not_produced (CfCase   *self,
                    sqlite3  *db,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) produced = NULL;
  g_autofree char *exhibit = NULL;
  gboolean has_row;

  produced = cf_db_prepare (db,
                            "SELECT d.name, e.main, e.sub FROM exhibits e "
                            "JOIN temp.removal r ON r.id = coalesce (e.document_id, e.former_document_id) "
                            "JOIN documents d ON d.id = r.id "
                            "WHERE e.locked != 0 ORDER BY e.main, e.sub LIMIT 1",
                            error);
  if (produced == NULL || !cf_db_step (db, produced, &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;

  exhibit = cf_case_format_exhibit (self, sqlite3_column_int (produced, 1),
                                    sqlite3_column_int (produced, 2));
  g_set_error (error, CF_ERROR, CF_ERROR_PRODUCED,
               "“%s” was produced to the court as %s, and produced evidence stays in the "
               "case for good",
               cf_db_column_text (produced, 0), exhibit);
  return FALSE;
}

/* For each removed original, its first copy that stays (temp.removal's
 * copy column), decided once for the log and the promotion. */
static gboolean
find_kept_copies (sqlite3  *db,
                  GError  **error)
{
  return cf_db_exec (db,
                     "UPDATE temp.removal SET copy = (SELECT min (c.id) FROM documents c "
                     "  WHERE c.duplicate_of = temp.removal.id "
                     "  AND c.id NOT IN (SELECT id FROM temp.removal))",
                     error);
}

/* A copy of a removed document that stays becomes the original, and the
 * other copies point at it. */
static gboolean
promote_copies (sqlite3  *db,
                GError  **error)
{
  return cf_db_exec (db,
                     "UPDATE documents SET duplicate_of = CASE WHEN id = "
                     "  (SELECT copy FROM temp.removal WHERE temp.removal.id = documents.duplicate_of) "
                     "  THEN NULL "
                     "  ELSE (SELECT copy FROM temp.removal WHERE temp.removal.id = documents.duplicate_of) END "
                     "WHERE duplicate_of IN (SELECT id FROM temp.removal WHERE copy IS NOT NULL) "
                     "AND id NOT IN (SELECT id FROM temp.removal)",
                     error);
}

/* One custody entry per document, written while its row still says what
 * it was. */
static gboolean
log_removals (sqlite3     *db,
              const char  *reason,
              guint       *n_removed,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) rows = NULL;
  gboolean has_row, ok;

  rows = cf_db_prepare (db,
                        "SELECT d.id, d.sha256, d.name, d.source, d.parent_id, r.copy "
                        "FROM temp.removal r JOIN documents d ON d.id = r.id ORDER BY d.id",
                        error);
  if (rows == NULL)
    return FALSE;

  *n_removed = 0;
  while ((ok = cf_db_step (db, rows, &has_row, error)) && has_row)
    {
      g_autofree char *parent = NULL;
      g_autofree char *copy = NULL;
      g_autofree char *details = NULL;

      if (sqlite3_column_type (rows, 4) != SQLITE_NULL)
        parent = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (rows, 4));
      if (sqlite3_column_type (rows, 5) != SQLITE_NULL)
        copy = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (rows, 5));
      details = cf_custody_details ("sha256", cf_db_column_text (rows, 1),
                                    "name", cf_db_column_text (rows, 2),
                                    "source", cf_db_column_text (rows, 3),
                                    "member_of", parent,
                                    "copy_kept", copy,
                                    "reason", reason,
                                    NULL);
      if (!cf_custody_append (db, "remove", sqlite3_column_int64 (rows, 0), 0, details, error))
        return FALSE;
      (*n_removed)++;
    }
  return ok;
}

/* The objects only the removed documents hold, found while their rows
 * are still there; drop_objects removes them once the rows are gone (a
 * document row must always name an objects row). */
static GPtrArray *
find_unheld_objects (sqlite3  *db,
                     GError  **error)
{
  g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) unheld = NULL;
  gboolean has_row, ok;

  unheld = cf_db_prepare (db,
                          "SELECT DISTINCT d.sha256 FROM temp.removal r JOIN documents d ON d.id = r.id "
                          "WHERE d.sha256 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM documents o "
                          "  WHERE o.sha256 = d.sha256 AND o.id NOT IN (SELECT id FROM temp.removal))",
                          error);
  if (unheld == NULL)
    return NULL;
  while ((ok = cf_db_step (db, unheld, &has_row, error)) && has_row)
    g_ptr_array_add (shas, cf_db_column_dup (unheld, 0));
  if (!ok)
    return NULL;
  return g_steal_pointer (&shas);
}

static gboolean
drop_objects (sqlite3    *db,
              GPtrArray  *shas,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) drop = cf_db_prepare (db, "DELETE FROM objects WHERE sha256 = ?", error);

  if (drop == NULL)
    return FALSE;
  for (guint i = 0; i < shas->len; i++)
    {
      sqlite3_reset (drop);
      cf_db_bind_text (drop, 1, g_ptr_array_index (shas, i));
      if (!cf_db_step_done (db, drop, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
drop_rows (sqlite3  *db,
           GError  **error)
{
  return cf_search_unindex_removal (db, error) &&
         cf_db_exec (db,
                     "DELETE FROM tags WHERE document_id IN (SELECT id FROM temp.removal);"
                     "DELETE FROM document_warnings WHERE document_id IN (SELECT id FROM temp.removal);"
                     "DELETE FROM extractions WHERE document_id IN (SELECT id FROM temp.removal);"
                     "DELETE FROM exhibits WHERE locked = 0 AND "
                     "  (document_id IN (SELECT id FROM temp.removal) "
                     "   OR former_document_id IN (SELECT id FROM temp.removal));"
                     "DELETE FROM documents WHERE id IN (SELECT id FROM temp.removal);",
                     error);
}

/* After the commit. Under the write lock again, so that nothing records
 * one of these objects anew between the check and the unlink (the reading
 * of documents adds children while holding it). */
static gboolean
remove_object_files (CfCase     *self,
                     GPtrArray  *shas,
                     gint64      run,
                     GError    **error)
{
  sqlite3 *db = cf_case_get_db (self);
  CfObjectStore *store = cf_case_get_store (self);
  g_autoptr(sqlite3_stmt) held = NULL;
  g_autoptr(sqlite3_stmt) finish = NULL;
  g_autoptr(GHashTable) dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *now = cf_utc_now_iso ();
  GHashTableIter iter;
  gpointer dir;

  if (!cf_db_begin (db, error))
    return FALSE;
  held = cf_db_prepare (db, "SELECT 1 FROM objects WHERE sha256 = ?", error);
  finish = cf_db_prepare (db,
                          "UPDATE import_runs SET finished = ?1, outcome = 'removed' WHERE id = ?2",
                          error);
  if (held == NULL || finish == NULL)
    goto fail;

  for (guint i = 0; i < shas->len; i++)
    {
      const char *sha = g_ptr_array_index (shas, i);
      g_autofree char *path = NULL;
      gboolean has_row;

      sqlite3_reset (held);
      cf_db_bind_text (held, 1, sha);
      if (!cf_db_step (db, held, &has_row, error))
        goto fail;
      if (has_row)
        continue;
      path = cf_object_store_path (store, sha);
      if (unlink (path) != 0 && errno != ENOENT)
        g_warning ("Could not delete the removed object %s: %s", path, g_strerror (errno));
      g_hash_table_add (dirs, g_path_get_dirname (path));
    }
  /* The unlinks must be durable before the run says it is finished: the
   * next open sweeps only after a run that did not finish. */
  g_hash_table_iter_init (&iter, dirs);
  while (g_hash_table_iter_next (&iter, &dir, NULL))
    if (!cf_fsync_dir (dir, error))
      goto fail;

  cf_db_bind_text (finish, 1, now);
  sqlite3_bind_int64 (finish, 2, run);
  if (!cf_db_step_done (db, finish, error) || !cf_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  cf_db_rollback (db);
  return FALSE;
}

gboolean
cf_case_remove_documents (CfCase       *self,
                          const gint64 *ids,
                          guint         n_ids,
                          const char   *reason,
                          guint        *n_removed,
                          GError      **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autoptr(GPtrArray) shas = NULL;
  g_autoptr(GError) files_error = NULL;
  g_autofree char *now = cf_utc_now_iso ();
  guint removed = 0;
  gint64 run;

  g_return_val_if_fail (CF_IS_CASE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (n_removed != NULL)
    *n_removed = 0;
  if (!cf_case_require_writable (self, error))
    return FALSE;
  if (reason != NULL && !g_utf8_validate (reason, -1, NULL))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "The reason is not valid text");
      return FALSE;
    }
  if (reason != NULL && reason[0] == '\0')
    reason = NULL;
  if (n_ids == 0)
    return TRUE;

  db = cf_case_get_db (self);
  if (!cf_db_exec (db, removal_setup, error) || !cf_db_begin (db, error))
    return FALSE;
  mark = cf_db_prepare (db, "INSERT INTO import_runs (started) VALUES (?)", error);
  if (mark == NULL)
    goto fail;
  cf_db_bind_text (mark, 1, now);
  if (!cf_db_step_done (db, mark, error))
    goto fail;
  run = sqlite3_last_insert_rowid (db);

  if (!check_selection (db, ids, n_ids, error) ||
      !check_not_produced (self, db, error) ||
      !find_kept_copies (db, error) ||
      !log_removals (db, reason, &removed, error) ||
      !promote_copies (db, error) ||
      (shas = find_unheld_objects (db, error)) == NULL ||
      !drop_rows (db, error) ||
      !drop_objects (db, shas, error) ||
      !cf_db_commit (db, error))
    goto fail;

  if (n_removed != NULL)
    *n_removed = removed;
  cf_db_exec (db, "DELETE FROM temp.removal", NULL);
  /* The documents are gone; files left behind by a failure here are
   * swept on the next open, so this is not the caller's error. */
  if (!remove_object_files (self, shas, run, &files_error))
    g_warning ("Removed %u documents; their files go when the case is next opened (%s)", removed,
               files_error->message);
  return TRUE;

fail:
  cf_db_rollback (db);
  cf_db_exec (db, "DELETE FROM temp.removal", NULL);
  return FALSE;
}
