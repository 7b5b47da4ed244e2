/* test-import.c — importing files and folders: originals stored byte for
 * byte under their SHA-256, duplicates, repeated imports, and the hostile
 * things folders hold (FIFOs, links out of the folder, loops, odd names,
 * empty files, files that change while read). */
#include "test-util.h"
#include "test-fixtures.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cf-error.h"
#include "cf-extraction.h"
#include "cf-sha256.h"

static CfDocument *
get_doc (CfCase *kase,
         gint64  id)
{
  g_autoptr(GError) error = NULL;
  CfDocument *doc = cf_case_get_document (kase, id, &error);

  g_assert_no_error (error);
  return doc;
}

static void
test_files_stored_byte_for_byte (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *src = g_build_filename (dir, "증거", NULL);
  g_autofree char *a = g_build_filename (src, "위수탁계약서.txt", NULL);
  g_autofree char *b = g_build_filename (src, "binary.bin", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Import");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CfDocument) doc = NULL;
  g_autofree char *object = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected_sha = NULL;
  guint8 binary[3000];
  gsize len;
  struct stat st;
  TuItem *item;

  for (guint i = 0; i < sizeof binary; i++)
    binary[i] = (i * 7919) & 0xff;
  tu_mkdir (src);
  tu_write_text (a, "제1조 (목적) 이 계약은 개인정보 처리업무의 위탁에 관한 사항을 정한다.\n");
  tu_write_file (b, binary, sizeof binary);

  items = tu_import_one (kase, src);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpuint (tu_count_outcome (items, CF_IMPORT_IMPORTED), ==, 2);

  item = tu_find_item (items, "증거/binary.bin");
  g_assert_nonnull (item);
  doc = get_doc (kase, item->document_id);
  g_assert_cmpstr (cf_document_get_source (doc), ==, "증거/binary.bin");
  g_assert_cmpstr (cf_document_get_name (doc), ==, "binary.bin");
  g_assert_cmpuint (cf_document_get_size (doc), ==, sizeof binary);
  expected_sha = cf_sha256_hex_of (binary, sizeof binary);
  g_assert_cmpstr (cf_document_get_sha256 (doc), ==, expected_sha);
  g_assert_nonnull (cf_document_get_modified (doc));

  object = cf_case_dup_object_path (kase, doc);
  stored = tu_read_file (object, &len);
  g_assert_cmpmem (stored, len, binary, sizeof binary);
  /* Originals are read-only on disk. */
  g_assert_cmpint (stat (object, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0222, ==, 0);

  g_clear_object (&doc);
  item = tu_find_item (items, "위수탁계약서.txt");
  doc = get_doc (kase, item->document_id);
  g_assert_cmpstr (cf_document_get_title (doc), ==, "위수탁계약서");
  g_assert_cmpstr (cf_document_get_mime_type (doc), ==, "text/plain");
  g_assert_cmpint (cf_document_get_status (doc), ==, CF_STATUS_OK);
  tu_assert_fsck_clean (kase);
}

static void
test_duplicates_and_reimport (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *src = g_build_filename (dir, "src", NULL);
  g_autofree char *a = g_build_filename (src, "a.txt", NULL);
  g_autofree char *b = g_build_filename (src, "b-copy.txt", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Dups");
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(CfDocument) dup = NULL;
  g_autoptr(CfDocument) orig = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  TuItem *ia, *ib;

  tu_mkdir (src);
  tu_write_text (a, "same bytes");
  tu_write_text (b, "same bytes");
  first = tu_import_one (kase, src);
  ia = tu_find_item (first, "/a.txt");
  ib = tu_find_item (first, "/b-copy.txt");
  g_assert_cmpint (ia->outcome, ==, CF_IMPORT_IMPORTED);
  g_assert_cmpint (ib->outcome, ==, CF_IMPORT_DUPLICATE);
  g_assert_cmpint (ib->duplicate_of, ==, ia->document_id);

  orig = get_doc (kase, ia->document_id);
  dup = get_doc (kase, ib->document_id);
  g_assert_cmpint (cf_document_get_duplicate_of (dup), ==, ia->document_id);
  g_assert_cmpstr (cf_document_get_name (dup), ==, "b-copy.txt");
  g_assert_cmpstr (cf_document_get_sha256 (dup), ==, cf_document_get_sha256 (orig));
  /* Stored once. */
  p1 = cf_case_dup_object_path (kase, orig);
  p2 = cf_case_dup_object_path (kase, dup);
  g_assert_cmpstr (p1, ==, p2);

  /* The same import again changes nothing. */
  again = tu_import_one (kase, src);
  g_assert_cmpuint (tu_count_outcome (again, CF_IMPORT_SKIPPED), ==, 2);
  g_assert_nonnull (strstr (tu_find_item (again, "/a.txt")->reason, "Already in the case"));
  g_assert_cmpuint (cf_case_count_documents (kase), ==, 2);
  tu_assert_fsck_clean (kase);
}

static void
test_hostile_folder (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *src = g_build_filename (dir, "evidence", NULL);
  g_autofree char *sub = g_build_filename (src, "sub", NULL);
  g_autofree char *fifo = g_build_filename (src, "pipe", NULL);
  g_autofree char *outside = g_build_filename (src, "passwd-link", NULL);
  g_autofree char *inside = g_build_filename (sub, "link-to-a", NULL);
  g_autofree char *loop = g_build_filename (sub, "loop", NULL);
  g_autofree char *broken = g_build_filename (src, "broken", NULL);
  g_autofree char *empty = g_build_filename (src, "empty.pdf", NULL);
  g_autofree char *a = g_build_filename (src, "a.txt", NULL);
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Hostile");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CfDocument) doc = NULL;
  g_auto(GStrv) warnings = NULL;
  TuItem *item;

  tu_mkdir (sub);
  tu_write_text (a, "a");
  tu_write_text (secret, "outside the picked folder");
  tu_write_text (empty, "");
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (symlink (secret, outside), ==, 0);
  g_assert_cmpint (symlink ("../a.txt", inside), ==, 0);
  g_assert_cmpint (symlink ("..", loop), ==, 0);
  g_assert_cmpint (symlink ("does-not-exist", broken), ==, 0);

  /* A FIFO would block a naive reader forever; this must finish. */
  items = tu_import_one (kase, src);

  item = tu_find_item (items, "evidence/pipe");
  g_assert_cmpint (item->outcome, ==, CF_IMPORT_SKIPPED);
  g_assert_nonnull (strstr (item->reason, "FIFO"));

  item = tu_find_item (items, "evidence/passwd-link");
  g_assert_cmpint (item->outcome, ==, CF_IMPORT_SKIPPED);
  g_assert_nonnull (strstr (item->reason, "outside"));

  item = tu_find_item (items, "evidence/broken");
  g_assert_cmpint (item->outcome, ==, CF_IMPORT_SKIPPED);

  item = tu_find_item (items, "sub/loop");
  g_assert_cmpint (item->outcome, ==, CF_IMPORT_SKIPPED);
  g_assert_nonnull (strstr (item->reason, "loop"));

  item = tu_find_item (items, "sub/link-to-a");
  g_assert_cmpint (item->outcome, ==, CF_IMPORT_DUPLICATE);

  item = tu_find_item (items, "empty.pdf");
  g_assert_cmpint (item->outcome, ==, CF_IMPORT_IMPORTED);
  doc = get_doc (kase, item->document_id);
  g_assert_cmpuint (cf_document_get_size (doc), ==, 0);
  g_assert_cmpstr (cf_document_get_sha256 (doc), ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  warnings = cf_case_list_warnings (kase, item->document_id, NULL);
  g_assert_nonnull (warnings[0]);
  g_assert_cmpstr (warnings[0], ==, "empty");

  /* Nothing outside the folder came in. */
  g_assert_null (tu_find_item (items, "secret.txt"));
  g_assert_cmpuint (tu_count_outcome (items, CF_IMPORT_FAILED), ==, 0);
  tu_assert_fsck_clean (kase);
}

static void
test_odd_file_names (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *src = g_build_filename (dir, "names", NULL);
  g_autofree char *nfd_name = tu_to_nfd ("개인정보처리방침.txt");
  g_autofree char *nfd_path = NULL;
  g_autofree char *cp949 = NULL;
  g_autofree char *cp949_path = NULL;
  g_autofree char *invalid_path = NULL;
  g_autofree char *bidi_path = NULL;
  g_autoptr(CfCase) kase = tu_new_case (dir, "Names");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  gboolean saw_nfd = FALSE, saw_cp949 = FALSE, saw_invalid = FALSE, saw_bidi = FALSE;
  gsize len;

  tu_mkdir (src);
  nfd_path = g_build_filename (src, nfd_name, NULL);
  tu_write_text (nfd_path, "macOS");
  cp949 = tu_to_cp949 ("똠방각하.txt", &len);
  cp949_path = g_build_filename (src, cp949, NULL);
  tu_write_text (cp949_path, "Korean Windows");
  invalid_path = g_build_filename (src, "bad\xff\xfe.txt", NULL);
  tu_write_text (invalid_path, "invalid");
  bidi_path = g_build_filename (src, "invoice\xE2\x80\xAE" "fdp.exe", NULL);
  tu_write_text (bidi_path, "disguised");

  items = tu_import_one (kase, src);
  g_assert_cmpuint (tu_count_outcome (items, CF_IMPORT_IMPORTED), ==, 4);
  docs = cf_case_list_documents (kase, NULL);
  for (guint i = 0; i < docs->len; i++)
    {
      CfDocument *d = g_ptr_array_index (docs, i);
      const char *name = cf_document_get_name (d);
      const char *enc = cf_document_get_name_encoding (d);

      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_true (g_utf8_validate (cf_document_get_source (d), -1, NULL));
      if (g_strcmp0 (name, "개인정보처리방침.txt") == 0)
        {
          saw_nfd = TRUE;
          g_assert_cmpstr (enc, ==, "utf-8-nfd");
          g_assert_cmpstr (cf_document_get_source (d), ==, "names/개인정보처리방침.txt");
        }
      else if (g_strcmp0 (name, "똠방각하.txt") == 0)
        {
          saw_cp949 = TRUE;
          g_assert_cmpstr (enc, ==, "cp949");
        }
      else if (g_str_has_prefix (name, "bad"))
        {
          saw_invalid = TRUE;
          g_assert_cmpstr (enc, ==, "invalid");
        }
      else if (g_str_has_prefix (name, "invoice"))
        {
          g_auto(GStrv) w = cf_case_list_warnings (kase, cf_document_get_id (d), NULL);
          gboolean flagged = FALSE;

          saw_bidi = TRUE;
          g_assert_null (strstr (name, "\xE2\x80\xAE"));
          for (guint k = 0; w[k]; k += 2)
            if (g_strcmp0 (w[k], "name-control") == 0)
              flagged = TRUE;
          g_assert_true (flagged);
        }
    }
  g_assert_true (saw_nfd && saw_cp949 && saw_invalid && saw_bidi);
}

/* A path longer than the system allows cannot be read; it is reported
 * and the rest of the folder still imports. (As root, permissions do not
 * stop reads, so an over-long path stands in for an unreadable item.) */
static void
test_unreadable_item_reported (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *src = g_build_filename (dir, "deep", NULL);
  g_autofree char *ok = g_build_filename (src, "ok.txt", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Deep");
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *component = g_strnfill (200, 'd');
  int fd;

  tu_mkdir (src);
  tu_write_text (ok, "fine");
  fd = open (src, O_RDONLY | O_DIRECTORY);
  g_assert_cmpint (fd, >=, 0);
  for (int i = 0; i < 25; i++)
    {
      int next;

      g_assert_cmpint (mkdirat (fd, component, 0755), ==, 0);
      next = openat (fd, component, O_RDONLY | O_DIRECTORY);
      close (fd);
      fd = next;
    }
  g_assert_cmpint (fd, >=, 0);
  {
    int f = openat (fd, "hidden.txt", O_WRONLY | O_CREAT, 0644);
    g_assert_cmpint (write (f, "x", 1), ==, 1);
    close (f);
  }
  close (fd);

  items = tu_import_one (kase, src);
  g_assert_cmpint (tu_find_item (items, "deep/ok.txt")->outcome, ==, CF_IMPORT_IMPORTED);
  g_assert_cmpuint (tu_count_outcome (items, CF_IMPORT_FAILED), >=, 1);
  for (guint i = 0; i < items->len; i++)
    {
      TuItem *item = g_ptr_array_index (items, i);

      if (item->outcome == CF_IMPORT_FAILED)
        g_assert_nonnull (item->reason);
    }
  tu_assert_fsck_clean (kase);
}

typedef struct
{
  char *path;
  gint stop;
} Writer;

static gpointer
keep_writing (gpointer data)
{
  Writer *w = data;
  int fd = open (w->path, O_WRONLY | O_APPEND);

  g_assert_cmpint (fd, >=, 0);
  while (!g_atomic_int_get (&w->stop))
    {
      g_assert_cmpint (write (fd, "more", 4), ==, 4);
      g_usleep (500);
    }
  close (fd);
  return NULL;
}

static void
test_file_changed_while_read (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "growing.log", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Changing");
  g_autoptr(GPtrArray) items = NULL;
  g_autofree guint8 *big = g_malloc0 (64 * 1024 * 1024);
  Writer w = { path, 0 };
  GThread *thread;
  TuItem *item;

  tu_write_file (path, big, 64 * 1024 * 1024);
  thread = g_thread_new ("writer", keep_writing, &w);
  g_usleep (2000);
  items = tu_import_one (kase, path);
  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);

  item = tu_find_item (items, "growing.log");
  g_assert_cmpint (item->outcome, ==, CF_IMPORT_FAILED);
  g_assert_nonnull (strstr (item->reason, "changed while it was being read"));
  g_assert_cmpuint (cf_case_count_documents (kase), ==, 0);
  /* The refused copy left nothing behind. */
  tu_assert_fsck_clean (kase);

  /* Once it is quiet, importing it again works. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = tu_import_one (kase, path);
  g_assert_cmpint (tu_find_item (items, "growing.log")->outcome, ==, CF_IMPORT_IMPORTED);
}

static void
test_missing_source (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "not-there.pdf", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Missing");
  g_autoptr(GPtrArray) items = tu_import_one (kase, missing);
  g_autoptr(GPtrArray) log = cf_case_list_custody (kase, 0, NULL);
  gboolean logged = FALSE;

  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (((TuItem *) g_ptr_array_index (items, 0))->outcome, ==, CF_IMPORT_FAILED);
  for (guint i = 0; i < log->len; i++)
    if (g_strcmp0 (((CfCustodyEntry *) g_ptr_array_index (log, i))->action, "import-failed") == 0)
      logged = TRUE;
  g_assert_true (logged);
}

static void
test_type_mismatch_warning (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *fake = g_build_filename (dir, "contract.pdf", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Types");
  g_autoptr(GPtrArray) items = NULL;
  g_auto(GStrv) warnings = NULL;
  gboolean mismatch = FALSE;
  /* PNG bytes named .pdf */
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1,
                                8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde };

  tu_write_file (fake, png, sizeof png);
  items = tu_import_one (kase, fake);
  warnings = cf_case_list_warnings (kase, ((TuItem *) g_ptr_array_index (items, 0))->document_id, NULL);
  for (guint i = 0; warnings[i]; i += 2)
    if (g_strcmp0 (warnings[i], "type-mismatch") == 0)
      mismatch = TRUE;
  g_assert_true (mismatch);
}

static void
test_cancel_keeps_committed (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *src = g_build_filename (dir, "many", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Cancel");
  g_autoptr(CfImporter) importer = cf_importer_new (kase);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char *paths[] = { src, NULL };

  tu_mkdir (src);
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *p = g_strdup_printf ("%s/file-%03d.txt", src, i);
      g_autofree char *text = g_strdup_printf ("file %d", i);

      tu_write_text (p, text);
    }
  g_cancellable_cancel (cancellable);
  g_assert_false (cf_importer_run (importer, paths, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  tu_assert_fsck_clean (kase);

  items = tu_import_one (kase, src);
  g_assert_cmpuint (cf_case_count_documents (kase), ==, 50);
}

typedef struct
{
  GMainLoop *loop;
  gboolean ok;
} AsyncDone;

static void
on_import_done (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  AsyncDone *done = data;
  g_autoptr(GError) error = NULL;

  done->ok = cf_importer_run_finish (CF_IMPORTER (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (done->loop);
}

static void
on_read_done (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  AsyncDone *done = data;
  g_autoptr(GError) error = NULL;

  done->ok = cf_extractor_run_finish (CF_EXTRACTOR (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (done->loop);
}

/* When an import or a reading run reports that it is done, nothing of it
 * holds the case any more: dropping the caller's references closes the
 * case there and then (a tool that exits next leaves it closed cleanly,
 * its lock file empty). Repeated, because the old way lost a race. */
static void
test_async_runs_let_go_of_the_case (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *docs = g_build_filename (dir, "docs", NULL);
  g_autofree char *case_path = NULL;

  tu_mkdir (docs);
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/문서-%02d.txt", docs, i);
      g_autofree char *text = g_strdup_printf ("문서 %d", i);

      tu_write_text (path, text);
    }
  for (int round = 0; round < 10; round++)
    {
      g_autofree char *sub = g_strdup_printf ("%s/case-%d", dir, round);
      CfCase *kase = (tu_mkdir (sub), tu_new_case (sub, "Async"));
      gpointer watch = kase;
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      AsyncDone done = { loop, FALSE };
      const char *paths[] = { docs, NULL };
      g_autofree char *lock = NULL;
      g_autofree char *holder = NULL;
      CfImporter *importer;
      CfExtractor *extractor;

      g_free (case_path);
      case_path = g_strdup (cf_case_get_path (kase));
      g_object_add_weak_pointer (G_OBJECT (kase), &watch);
      importer = cf_importer_new (kase);
      cf_importer_run_async (importer, paths, NULL, on_import_done, &done);
      g_main_loop_run (loop);
      g_assert_true (done.ok);
      g_object_unref (importer);

      extractor = cf_extractor_new (kase);
      done.ok = FALSE;
      cf_extractor_run_async (extractor, NULL, on_read_done, &done);
      g_main_loop_run (loop);
      g_assert_true (done.ok);
      g_object_unref (extractor);

      g_object_unref (kase);
      g_assert_null (watch);
      lock = g_build_filename (case_path, "lock", NULL);
      g_assert_true (g_file_get_contents (lock, &holder, NULL, NULL));
      g_assert_cmpstr (holder, ==, "");
    }
  tu_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/import/byte-for-byte", test_files_stored_byte_for_byte);
  g_test_add_func ("/import/duplicates-reimport", test_duplicates_and_reimport);
  g_test_add_func ("/import/hostile-folder", test_hostile_folder);
  g_test_add_func ("/import/odd-names", test_odd_file_names);
  g_test_add_func ("/import/unreadable-reported", test_unreadable_item_reported);
  g_test_add_func ("/import/changed-while-read", test_file_changed_while_read);
  g_test_add_func ("/import/missing-source", test_missing_source);
  g_test_add_func ("/import/type-mismatch", test_type_mismatch_warning);
  g_test_add_func ("/import/cancel", test_cancel_keeps_committed);
  g_test_add_func ("/import/async-lets-go", test_async_runs_let_go_of_the_case);
  return g_test_run ();
}
