/* test-case.c — creating, opening and locking cases; settings; schema
 * versions; crash leftovers cleaned on open. */
#include "test-util.h"

#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "cf-case-private.h"
#include "cf-db.h"
#include "cf-error.h"

static void
test_create_and_reopen (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "KakaoPay v PIPC.casefile", NULL);
  g_autoptr(GError) error = NULL;
  CfCaseSettings settings = { 0 };
  CfCase *kase;

  settings.title = "카카오페이 v 개인정보보호위원회";
  settings.court = "서울행정법원";
  settings.case_number = "2024구합12345";
  settings.party = CF_PARTY_DEFENDANT;
  settings.numbering = CF_NUMBERING_US;
  kase = cf_case_create (path, &settings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cf_case_get_title (kase), ==, settings.title);
  g_assert_cmpstr (cf_case_get_prefix (kase), ==, "DX");
  g_assert_false (cf_case_get_read_only (kase));
  g_assert_true (cf_case_is_case_folder (path));
  g_object_unref (kase);

  kase = cf_case_open (path, CF_CASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cf_case_get_court (kase), ==, "서울행정법원");
  g_assert_cmpstr (cf_case_get_case_number (kase), ==, "2024구합12345");
  g_assert_cmpint (cf_case_get_party (kase), ==, CF_PARTY_DEFENDANT);
  g_assert_cmpint (cf_case_get_numbering (kase), ==, CF_NUMBERING_US);
  g_assert_null (cf_case_get_recovery_note (kase));
  {
    g_autofree char *label = cf_case_format_exhibit (kase, 3, 2);
    g_assert_cmpstr (label, ==, "DX-0003.2");
  }
  g_object_unref (kase);
}

static void
test_create_refuses (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *busy = g_build_filename (dir, "busy", NULL);
  g_autofree char *file = g_build_filename (busy, "something.txt", NULL);
  g_autofree char *path = g_build_filename (dir, "c", NULL);
  g_autoptr(GError) error = NULL;
  CfCaseSettings settings = { .title = "T" };
  CfCaseSettings untitled = { .title = "" };
  CfCaseSettings bad_prefix = { .title = "T", .prefix = "P/X" };
  g_autoptr(CfCase) kase = NULL;

  tu_mkdir (busy);
  tu_write_text (file, "x");
  g_assert_null (cf_case_create (busy, &settings, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_CASE_EXISTS);
  g_clear_error (&error);

  g_assert_null (cf_case_create (path, &untitled, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cf_case_create (path, &bad_prefix, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);

  kase = cf_case_create (path, &settings, &error);
  g_assert_no_error (error);
  g_clear_object (&kase);
  g_assert_null (cf_case_create (path, &settings, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_CASE_EXISTS);
}

static void
test_open_not_a_case (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "nope", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (cf_case_open (dir, CF_CASE_OPEN_DEFAULT, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_NOT_A_CASE);
  g_clear_error (&error);
  g_assert_null (cf_case_open (missing, CF_CASE_OPEN_DEFAULT, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_NOT_A_CASE);
}

static void
test_one_writer (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) writer = tu_new_case (dir, "Lock test");
  g_autoptr(CfCase) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *holder = NULL;
  const char *path = cf_case_get_path (writer);

  /* A second writer is refused with a message naming the holder. */
  g_assert_null (cf_case_open (path, CF_CASE_OPEN_DEFAULT, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, g_get_user_name ()));
  g_assert_nonnull (strstr (error->message, "pid"));
  g_clear_error (&error);

  holder = cf_case_describe_writer (path);
  g_assert_nonnull (holder);
  g_assert_nonnull (strstr (holder, g_get_host_name ()));

  /* Readers are welcome, and cannot write. */
  reader = cf_case_open (path, CF_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (cf_case_get_read_only (reader));
  g_assert_cmpint (cf_case_add_claim (reader, "x", 0, CF_SIDE_OURS, NULL, &error), ==, 0);
  g_assert_error (error, CF_ERROR, CF_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Once the writer is gone, the case opens again and nobody holds it. */
  g_clear_object (&writer);
  g_clear_pointer (&holder, g_free);
  holder = cf_case_describe_writer (cf_case_get_path (reader));
  g_assert_null (holder);
  writer = cf_case_open (cf_case_get_path (reader), CF_CASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (cf_case_get_recovery_note (writer));
}

static void
test_stale_lock_and_leftovers (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) kase = tu_new_case (dir, "Crash test");
  g_autofree char *path = g_strdup (cf_case_get_path (kase));
  g_autofree char *lock = g_build_filename (path, "lock", NULL);
  g_autofree char *tmp = g_build_filename (path, "tmp", "object-leftover", NULL);
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  CfCustodyEntry *last;

  g_clear_object (&kase);
  /* What a process killed while holding the case leaves behind. */
  tu_write_text (lock, "user=ghost\nhost=elsewhere\npid=99999\nprogram=casefile\nsince=2026-01-01T00:00:00.000Z\n");
  tu_write_text (tmp, "half an object");

  kase = cf_case_open (path, CF_CASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cf_case_get_recovery_note (kase));
  g_assert_nonnull (strstr (cf_case_get_recovery_note (kase), "ghost"));
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));

  log = cf_case_list_custody (kase, 0, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (log, log->len - 1);
  g_assert_cmpstr (last->action, ==, "recover");
  g_assert_nonnull (strstr (last->details, "\"temporary_files_removed\":\"1\""));
  tu_assert_fsck_clean (kase);
}

static void
test_update_settings (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) kase = tu_new_case (dir, "Before");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  CfCaseSettings settings = { .title = "After", .party = CF_PARTY_INTERVENOR,
                              .numbering = CF_NUMBERING_KOREAN };
  g_autofree char *label = NULL;

  g_assert_true (cf_case_update_settings (kase, &settings, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cf_case_get_title (kase), ==, "After");
  g_assert_cmpstr (cf_case_get_court (kase), ==, "서울행정법원");
  label = cf_case_format_exhibit (kase, 12, 0);
  g_assert_cmpstr (label, ==, "병 제12호증");
  log = cf_case_list_custody (kase, 0, &error);
  g_assert_cmpstr (((CfCustodyEntry *) g_ptr_array_index (log, log->len - 1))->action, ==, "case-edit");
}

static void
test_schema_too_new (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) kase = tu_new_case (dir, "Future");
  g_autofree char *path = g_strdup (cf_case_get_path (kase));
  g_autofree char *db_path = g_build_filename (path, CF_CASE_DATABASE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_clear_object (&kase);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_null (cf_case_open (path, CF_CASE_OPEN_DEFAULT, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_TOO_NEW);
  g_clear_error (&error);
  g_assert_null (cf_case_open (path, CF_CASE_OPEN_READ_ONLY, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_TOO_NEW);
}

/* A case of schema 3 (before the indexes of schemas 4 to 6) is read as it
 * is when the case may not be written, and upgraded when it may. */
static void
test_schema_3_upgrade (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) kase = tu_new_case (dir, "Old");
  g_autofree char *path = g_strdup (cf_case_get_path (kase));
  g_autofree char *db_path = g_build_filename (path, CF_CASE_DATABASE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CfCase) reader = NULL;
  g_autoptr(CfCase) writer = NULL;
  sqlite3 *db;

  g_clear_object (&kase);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP INDEX documents_mime_type; DROP INDEX documents_doc_date; "
                                     "DROP INDEX documents_duplicate_of; DROP INDEX documents_author; "
                                     "DROP INDEX documents_recipients; DROP INDEX documents_name; "
                                     "PRAGMA user_version = 3", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  reader = cf_case_open (path, CF_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cf_db_schema_version (cf_case_get_db (reader)), ==, 3);
  g_clear_object (&reader);

  writer = cf_case_open (path, CF_CASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  db = cf_case_get_db (writer);
  g_assert_cmpint (cf_db_schema_version (db), ==, CF_SCHEMA_VERSION);
  g_assert_cmpint (cf_db_query_int64 (db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                          "AND name IN ('documents_mime_type', 'documents_doc_date', "
                                          "'documents_duplicate_of', 'documents_author', "
                                          "'documents_recipients', 'documents_name')", 0), ==, 6);
}

static void
test_damaged_database (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) kase = tu_new_case (dir, "Damaged");
  g_autofree char *path = g_strdup (cf_case_get_path (kase));
  g_autofree char *db_path = g_build_filename (path, CF_CASE_DATABASE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  CfCase *reopened;

  g_clear_object (&kase);
  /* A database cut short by a failing disk or a bad copy. */
  g_assert_cmpint (truncate (db_path, 1000), ==, 0);
  reopened = cf_case_open (path, CF_CASE_OPEN_DEFAULT, &error);
  g_assert_null (reopened);
  g_assert_nonnull (error);
  g_test_message ("damaged database: %s", error->message);
  g_assert_true (error->domain == CF_ERROR);
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/case/create-reopen", test_create_and_reopen);
  g_test_add_func ("/case/create-refuses", test_create_refuses);
  g_test_add_func ("/case/open-not-a-case", test_open_not_a_case);
  g_test_add_func ("/case/one-writer", test_one_writer);
  g_test_add_func ("/case/stale-lock-leftovers", test_stale_lock_and_leftovers);
  g_test_add_func ("/case/update-settings", test_update_settings);
  g_test_add_func ("/case/schema-too-new", test_schema_too_new);
  g_test_add_func ("/case/schema-3-upgrade", test_schema_3_upgrade);
  g_test_add_func ("/case/damaged-database", test_damaged_database);
  return g_test_run ();
}
