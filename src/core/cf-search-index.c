/* cf-search-index.c — index maintenance (see cf-search-index.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-search-index.h"

#include "cf-db.h"
#include "cf-error.h"

static gboolean
run_with_id (sqlite3     *db,
             const char  *sql,
             gint64       document_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cf_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  return cf_db_step_done (db, stmt, error);
}

gboolean
cf_search_unindex (sqlite3  *db,
                   gint64    document_id,
                   GError  **error)
{
  return run_with_id (db,
                      "INSERT INTO search (search, rowid, title, name, people, body, notes) "
                      "SELECT 'delete', id, title, name, people, body, notes FROM search_source "
                      "WHERE id = ?",
                      document_id, error);
}

gboolean
cf_search_unindex_removal (sqlite3  *db,
                           GError  **error)
{
  return cf_db_exec (db,
                     "INSERT INTO search (search, rowid, title, name, people, body, notes) "
                     "SELECT 'delete', id, title, name, people, body, notes FROM search_source "
                     "WHERE id IN (SELECT id FROM temp.removal)",
                     error);
}

gboolean
cf_search_index (sqlite3  *db,
                 gint64    document_id,
                 GError  **error)
{
  return run_with_id (db,
                      "INSERT INTO search (rowid, title, name, people, body, notes) "
                      "SELECT id, title, name, people, body, notes FROM search_source WHERE id = ?",
                      document_id, error);
}

gboolean
cf_search_rebuild (sqlite3  *db,
                   GError  **error)
{
  return cf_db_exec (db, "INSERT INTO search (search) VALUES ('rebuild')", error);
}

/* Pages FTS5 writes in one step of merging: some 8 MB, a fraction of a
 * second. */
#define MERGE_STEP_PAGES 2000

gboolean
cf_search_merge (sqlite3       *db,
                 GCancellable  *cancellable,
                 GError       **error)
{
  /* A negative step merges segments of every level, two at a time if need
   * be; FTS5 says it is done when a step changed fewer than two rows. */
  for (;;)
    {
      sqlite3_int64 before;

      if (g_cancellable_is_cancelled (cancellable))
        return TRUE;
      if (!cf_db_begin (db, error))
        return FALSE;
      before = sqlite3_total_changes64 (db);
      if (!cf_db_exec (db, "INSERT INTO search (search, rank) VALUES ('merge', -"
                           G_STRINGIFY (MERGE_STEP_PAGES) ")", error))
        {
          cf_db_rollback (db);
          return FALSE;
        }
      if (sqlite3_total_changes64 (db) - before < 2)
        return cf_db_commit (db, error);
      if (!cf_db_commit (db, error))
        return FALSE;
    }
}

gboolean
cf_search_tidy (sqlite3       *db,
                guint64        n_changed,
                GCancellable  *cancellable,
                GError       **error)
{
  gint64 n_indexed = cf_db_query_int64 (db, "SELECT count(*) FROM search_docsize", 0);

  if (n_changed == 0 || n_changed * 10 < (guint64) MAX (n_indexed, 0))
    return TRUE;
  return cf_search_merge (db, cancellable, error);
}

gboolean
cf_search_check (sqlite3    *db,
                 GPtrArray  *problems,
                 GError    **error)
{
  char *message = NULL;

  /* FTS5 compares the index with the content it reads from the case. */
  if (sqlite3_exec (db, "INSERT INTO search (search, rank) VALUES ('integrity-check', 1)",
                    NULL, NULL, &message) != SQLITE_OK)
    {
      g_ptr_array_add (problems, g_strdup_printf ("the search index disagrees with the case (%s); "
                                                  "rebuild it with “casefile-cli fsck --repair-index”",
                                                  message ? message : "integrity check failed"));
      sqlite3_free (message);
    }
  return TRUE;
}
