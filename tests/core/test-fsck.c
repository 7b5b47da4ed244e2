/* test-fsck.c — the checker finds what damage looks like: a flipped byte in
 * an original, a deleted original, a stray object, a tampered custody log;
 * and crash leftovers are cleaned by the next open. */
#include "test-util.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cf-fsck.h"

static CfFsckReport *
fsck (CfCase *kase)
{
  g_autoptr(GError) error = NULL;
  CfFsckReport *report = cf_case_fsck (kase, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (report->problems, i));
  return report;
}

static gboolean
has_problem (CfFsckReport *report,
             const char   *fragment)
{
  for (guint i = 0; i < report->problems->len; i++)
    if (strstr (g_ptr_array_index (report->problems, i), fragment))
      return TRUE;
  return FALSE;
}

static CfCase *
case_with_documents (const char *dir,
                     gint64     *ids)
{
  CfCase *kase = tu_new_case (dir, "fsck");

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/doc-%d.txt", dir, i);
      g_autofree char *text = g_strdup_printf ("document number %d", i);
      g_autoptr(GPtrArray) items = NULL;

      tu_write_text (path, text);
      items = tu_import_one (kase, path);
      ids[i] = ((TuItem *) g_ptr_array_index (items, 0))->document_id;
    }
  return kase;
}

static char *
object_of (CfCase *kase,
           gint64  id)
{
  g_autoptr(CfDocument) d = cf_case_get_document (kase, id, NULL);

  return cf_case_dup_object_path (kase, d);
}

static void
test_clean (void)
{
  g_autofree char *dir = tu_temp_dir ();
  gint64 ids[3];
  g_autoptr(CfCase) kase = case_with_documents (dir, ids);
  g_autoptr(CfFsckReport) report = fsck (kase);

  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->n_documents, ==, 3);
  g_assert_cmpuint (report->n_objects, ==, 3);
  g_assert_cmpuint (report->bytes_hashed, >, 0);
}

/* A case open read-only (another process holds it) is checked as far as
 * reading allows; the search index, which FTS5 checks only by writing, is
 * a note rather than a false problem. */
static void
test_read_only (void)
{
  g_autofree char *dir = tu_temp_dir ();
  gint64 ids[3];
  g_autoptr(CfCase) kase = case_with_documents (dir, ids);
  g_autoptr(CfCase) reader = NULL;
  g_autoptr(CfFsckReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean noted = FALSE;

  reader = cf_case_open (cf_case_get_path (kase), CF_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  report = fsck (reader);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->n_objects, ==, 3);
  for (guint i = 0; i < report->notes->len; i++)
    noted |= strstr (g_ptr_array_index (report->notes, i), "search index was not checked") != NULL;
  g_assert_true (noted);
}

static void
test_flipped_and_missing_objects (void)
{
  g_autofree char *dir = tu_temp_dir ();
  gint64 ids[3];
  g_autoptr(CfCase) kase = case_with_documents (dir, ids);
  g_autoptr(CfFsckReport) report = NULL;
  g_autofree char *flipped = object_of (kase, ids[0]);
  g_autofree char *deleted = object_of (kase, ids[1]);
  g_autofree char *bytes = NULL;
  gsize len;

  bytes = tu_read_file (flipped, &len);
  bytes[3] ^= 0x04;
  chmod (flipped, 0644);
  tu_write_file (flipped, bytes, len);
  g_assert_cmpint (unlink (deleted), ==, 0);

  report = fsck (kase);
  g_assert_cmpuint (report->problems->len, ==, 2);
  g_assert_true (has_problem (report, "is corrupt"));
  g_assert_true (has_problem (report, "is missing"));
  g_assert_true (has_problem (report, "(documents 2)"));
}

static void
test_stray_files (void)
{
  g_autofree char *dir = tu_temp_dir ();
  gint64 ids[3];
  g_autoptr(CfCase) kase = case_with_documents (dir, ids);
  g_autoptr(CfFsckReport) report = NULL;
  g_autofree char *orphan = g_build_filename (cf_case_get_path (kase), "objects", "ab",
                                              "cdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", NULL);
  g_autofree char *foreign = g_build_filename (cf_case_get_path (kase), "objects", "00", "notes.txt", NULL);

  tu_write_text (orphan, "no row names me");
  tu_write_text (foreign, "someone put this here");
  report = fsck (kase);
  g_assert_true (has_problem (report, "no document names it"));
  g_assert_true (has_problem (report, "unexpected file"));
}

static void
test_custody_tampering (void)
{
  g_autofree char *dir = tu_temp_dir ();
  gint64 ids[3];
  g_autoptr(CfCase) kase = case_with_documents (dir, ids);
  g_autofree char *path = g_strdup (cf_case_get_path (kase));
  g_autofree char *db_path = g_build_filename (path, CF_CASE_DATABASE_NAME, NULL);
  g_autoptr(CfFsckReport) report = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  char *message = NULL;
  sqlite3 *db;

  g_clear_object (&kase);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  /* The log refuses edits… */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE custody SET user = 'mallory' WHERE seq = 3",
                                 NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  /* …and someone who drops the guard and edits, or deletes, is caught. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TRIGGER custody_append_only_update;"
                                 "DROP TRIGGER custody_append_only_delete;"
                                 "UPDATE custody SET user = 'mallory' WHERE seq = 3;"
                                 "DELETE FROM custody WHERE seq = 5;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  kase = cf_case_open (path, CF_CASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (cf_case_verify_custody (kase, problems, &error));
  g_assert_cmpuint (problems->len, >=, 2);
  report = fsck (kase);
  g_assert_true (has_problem (report, "entry 3 was altered"));
  g_assert_true (has_problem (report, "entries missing"));
}

static void
test_interrupted_import_recovered (void)
{
  g_autofree char *dir = tu_temp_dir ();
  gint64 ids[3];
  g_autoptr(CfCase) kase = case_with_documents (dir, ids);
  g_autofree char *path = g_strdup (cf_case_get_path (kase));
  g_autofree char *db_path = g_build_filename (path, CF_CASE_DATABASE_NAME, NULL);
  g_autofree char *orphan = g_build_filename (path, "objects", "12",
                                              "3456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", NULL);
  g_autoptr(CfFsckReport) report = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_clear_object (&kase);
  /* What kill -9 between renaming an object into the store and committing
   * its row leaves: an unfinished run and an unrecorded object. */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO import_runs (started) VALUES ('2026-01-01T00:00:00.000Z')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  tu_write_text (orphan, "renamed, never recorded");

  kase = cf_case_open (path, CF_CASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (cf_case_get_recovery_note (kase), "1 unrecorded object"));
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
  report = fsck (kase);
  g_assert_cmpuint (report->problems->len, ==, 0);
  /* Recorded objects were left alone. */
  g_assert_cmpuint (report->n_objects, ==, 3);
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/fsck/clean", test_clean);
  g_test_add_func ("/fsck/read-only", test_read_only);
  g_test_add_func ("/fsck/flipped-missing", test_flipped_and_missing_objects);
  g_test_add_func ("/fsck/stray-files", test_stray_files);
  g_test_add_func ("/fsck/custody-tampering", test_custody_tampering);
  g_test_add_func ("/fsck/interrupted-import", test_interrupted_import_recovered);
  return g_test_run ();
}
