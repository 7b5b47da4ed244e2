/* cf-case-recovery.c — crash recovery on open (see cf-case-recovery.h).
 *
 * Intake renames an object into the store before the transaction that
 * records it commits; a crash between the two leaves an object no row
 * names. Each import marks itself in import_runs and clears the mark when
 * it ends, so only after an interrupted import do we pay for a sweep of
 * the store. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-case-recovery.h"

#include <string.h>
#include <unistd.h>

#include "cf-case-private.h"
#include "cf-custody.h"
#include "cf-db.h"
#include "cf-fsutil.h"
#include "cf-sha256.h"

static gboolean
sweep_orphan_objects (CfCase  *self,
                      guint   *removed,
                      GError **error)
{
  sqlite3 *db = cf_case_get_db (self);
  const char *objects_dir = cf_object_store_get_dir (cf_case_get_store (self));
  g_autoptr(sqlite3_stmt) known = NULL;

  known = cf_db_prepare (db, "SELECT 1 FROM objects WHERE sha256 = ?", error);
  if (known == NULL)
    return FALSE;

  for (guint fan = 0; fan < 256; fan++)
    {
      g_autofree char *dir_path = g_strdup_printf ("%s/%02x", objects_dir, fan);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *sha = g_strdup_printf ("%02x%s", fan, name);
          gboolean has_row;

          /* Anything that is not an object name is not ours to delete;
           * fsck reports it. */
          if (!cf_sha256_is_valid_hex (sha))
            continue;
          sqlite3_reset (known);
          cf_db_bind_text (known, 1, sha);
          if (!cf_db_step (db, known, &has_row, error))
            return FALSE;
          if (!has_row)
            {
              g_autofree char *path = g_build_filename (dir_path, name, NULL);

              if (unlink (path) == 0)
                (*removed)++;
            }
        }
    }
  return TRUE;
}

gboolean
cf_case_recover (CfCase      *self,
                 const char  *previous_holder,
                 char       **note,
                 GError     **error)
{
  sqlite3 *db = cf_case_get_db (self);
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *details = NULL;
  g_autofree char *n_tmp_text = NULL;
  g_autofree char *n_runs_text = NULL;
  g_autofree char *n_orphans_text = NULL;
  guint n_tmp, n_orphans = 0;
  gint64 n_runs;

  *note = NULL;
  n_tmp = cf_object_store_clean_tmp (cf_case_get_store (self));
  n_runs = cf_db_query_int64 (db, "SELECT count(*) FROM import_runs WHERE finished IS NULL", 0);

  if (n_runs > 0 && !sweep_orphan_objects (self, &n_orphans, error))
    return FALSE;

  if (previous_holder == NULL && n_tmp == 0 && n_runs == 0)
    return TRUE;

  if (previous_holder != NULL)
    g_string_append_printf (summary, "The case was not closed cleanly (last held by %s). ",
                            previous_holder);
  if (n_runs > 0)
    g_string_append_printf (summary,
                            "%" G_GINT64_FORMAT " interrupted import(s) were closed; "
                            "%u unrecorded object(s) removed. Import the same files again "
                            "to complete them. ", n_runs, n_orphans);
  if (n_tmp > 0)
    g_string_append_printf (summary, "%u temporary file(s) removed.", n_tmp);
  g_strchomp (summary->str);
  summary->len = strlen (summary->str);

  n_tmp_text = g_strdup_printf ("%u", n_tmp);
  n_runs_text = g_strdup_printf ("%" G_GINT64_FORMAT, n_runs);
  n_orphans_text = g_strdup_printf ("%u", n_orphans);
  details = cf_custody_details ("previous_holder", previous_holder,
                                "temporary_files_removed", n_tmp_text,
                                "interrupted_imports", n_runs_text,
                                "unrecorded_objects_removed", n_orphans_text,
                                NULL);

  if (!cf_db_begin (db, error))
    return FALSE;
  if (n_runs > 0)
    {
      g_autoptr(sqlite3_stmt) close_runs = NULL;
      g_autofree char *now = cf_utc_now_iso ();

      close_runs = cf_db_prepare (db,
                                  "UPDATE import_runs SET finished = ?, outcome = 'interrupted' "
                                  "WHERE finished IS NULL",
                                  error);
      if (close_runs == NULL)
        goto fail;
      cf_db_bind_text (close_runs, 1, now);
      if (!cf_db_step_done (db, close_runs, error))
        goto fail;
    }
  if (!cf_custody_append (db, "recover", 0, 0, details, error) ||
      !cf_db_commit (db, error))
    goto fail;

  *note = g_string_free (g_steal_pointer (&summary), FALSE);
  return TRUE;

fail:
  cf_db_rollback (db);
  return FALSE;
}
