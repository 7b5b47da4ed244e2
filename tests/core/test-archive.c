/* test-archive.c — ZIP and TAR archives become families; hostile archives
 * (traversal names, links, encryption, bad CRCs, truncation, bombs) are
 * kept, flagged and never escape. */
#include "test-util.h"
#include "test-fixtures.h"

#include <string.h>
#include <unistd.h>

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

static gboolean
has_warning (CfCase     *kase,
             gint64      id,
             const char *code)
{
  g_auto(GStrv) warnings = cf_case_list_warnings (kase, id, NULL);

  for (guint i = 0; warnings[i]; i += 2)
    if (g_strcmp0 (warnings[i], code) == 0)
      return TRUE;
  return FALSE;
}

static void
test_zip_family_and_names (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *zip_path = g_build_filename (dir, "client.zip", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "ZIP");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(CfDocument) archive = NULL;
  g_autofree char *cp949 = NULL;
  g_autofree char *nfd = tu_to_nfd ("메일/개인정보 제공 동의서.pdf");
  const char *contract = "위수탁 계약서\n";
  TuZip *zip = tu_zip_new ();
  gsize cp949_len;
  TuItem *item;

  cp949 = tu_to_cp949 ("계약/똠방각하 위수탁계약서.txt", &cp949_len);
  tu_zip_add (zip, "계약/", -1, "", 0, TU_ZIP_DIRECTORY | TU_ZIP_UTF8_FLAG);
  tu_zip_add (zip, cp949, cp949_len, contract, strlen (contract), TU_ZIP_DEFLATE);
  /* macOS Archive Utility writes NFD names without the UTF-8 flag. (For
   * flagged names libarchive itself normalises to NFC before we see them.) */
  tu_zip_add (zip, nfd, -1, "%PDF-1.4\n", 9, TU_ZIP_STORE);
  tu_zip_add (zip, "utf8/memo.txt", -1, "memo", 4, TU_ZIP_UTF8_FLAG | TU_ZIP_DEFLATE);
  tu_zip_write (zip, zip_path);

  items = tu_import_one (kase, zip_path);
  item = tu_find_item (items, "client.zip");
  g_assert_cmpint (item->outcome, ==, CF_IMPORT_IMPORTED);
  archive = get_doc (kase, item->document_id);
  g_assert_cmpstr (cf_document_get_mime_type (archive), ==, "application/zip");
  g_assert_cmpint (cf_document_get_status (archive), ==, CF_STATUS_OK);
  g_assert_cmpuint (cf_document_get_n_children (archive), ==, 3);

  children = cf_case_list_children (kase, item->document_id, NULL);
  g_assert_cmpuint (children->len, ==, 3);
  {
    CfDocument *c = g_ptr_array_index (children, 0);
    g_autofree char *object = cf_case_dup_object_path (kase, c);
    g_autofree char *bytes = tu_read_file (object, NULL);

    g_assert_cmpstr (cf_document_get_name (c), ==, "똠방각하 위수탁계약서.txt");
    g_assert_cmpstr (cf_document_get_name_encoding (c), ==, "cp949");
    g_assert_cmpstr (cf_document_get_source (c), ==, "client.zip!/계약/똠방각하 위수탁계약서.txt");
    g_assert_cmpint (cf_document_get_parent_id (c), ==, item->document_id);
    g_assert_cmpstr (bytes, ==, contract);
    g_assert_true (has_warning (kase, cf_document_get_id (c), "name-cp949"));
  }
  {
    CfDocument *c = g_ptr_array_index (children, 1);

    g_assert_cmpstr (cf_document_get_name (c), ==, "개인정보 제공 동의서.pdf");
    g_assert_cmpstr (cf_document_get_name_encoding (c), ==, "utf-8-nfd");
    g_assert_cmpstr (cf_document_get_mime_type (c), ==, "application/pdf");
  }
  {
    CfDocument *c = g_ptr_array_index (children, 2);

    g_assert_cmpstr (cf_document_get_name (c), ==, "memo.txt");
    g_assert_cmpstr (cf_document_get_name_encoding (c), ==, "utf-8");
  }
  tu_assert_fsck_clean (kase);
}

static void
test_zip_hostile_members (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *zip_path = g_build_filename (dir, "hostile.zip", NULL);
  g_autofree char *escaped = g_build_filename (dir, "escaped.txt", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Hostile ZIP");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(CfDocument) archive = NULL;
  TuZip *zip = tu_zip_new ();
  gint64 archive_id;
  guint n_traversal = 0;

  tu_zip_add (zip, "../escaped.txt", -1, "climb", 5, TU_ZIP_STORE);
  tu_zip_add (zip, "../../../../../../tmp/abs-escape.txt", -1, "climb", 5, TU_ZIP_STORE);
  tu_zip_add (zip, "/etc/cron.d/evil", -1, "absolute", 8, TU_ZIP_STORE);
  tu_zip_add (zip, "C:\\Windows\\evil.txt", -1, "drive", 5, TU_ZIP_STORE);
  tu_zip_add (zip, "link-to-passwd", -1, "/etc/passwd", 11, TU_ZIP_SYMLINK);
  tu_zip_add (zip, "secret.txt", -1, "not really encrypted", 20, TU_ZIP_ENCRYPTED);
  tu_zip_add (zip, "crc.txt", -1, "checksum is wrong", 17, TU_ZIP_BAD_CRC);
  tu_zip_add (zip, "fine.txt", -1, "fine", 4, TU_ZIP_STORE);
  tu_zip_write (zip, zip_path);

  items = tu_import_one (kase, zip_path);
  archive_id = tu_find_item (items, "hostile.zip")->document_id;
  archive = get_doc (kase, archive_id);

  /* Nothing was ever written outside the case. */
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("/tmp/abs-escape.txt", G_FILE_TEST_EXISTS));

  children = cf_case_list_children (kase, archive_id, NULL);
  for (guint i = 0; i < children->len; i++)
    {
      CfDocument *c = g_ptr_array_index (children, i);
      gint64 id = cf_document_get_id (c);
      const char *name = cf_document_get_name (c);

      if (has_warning (kase, id, "member-path-traversal") ||
          has_warning (kase, id, "member-path-absolute") ||
          has_warning (kase, id, "member-path-drive"))
        n_traversal++;
      if (g_strcmp0 (name, "secret.txt") == 0)
        {
          g_assert_cmpint (cf_document_get_status (c), ==, CF_STATUS_FAILED);
          g_assert_null (cf_document_get_sha256 (c));
          g_assert_nonnull (strstr (cf_document_get_problem (c), "encrypted"));
        }
      if (g_strcmp0 (name, "crc.txt") == 0)
        {
          /* The bytes are kept as found, and flagged. */
          g_assert_cmpint (cf_document_get_status (c), !=, CF_STATUS_OK);
          g_assert_nonnull (cf_document_get_problem (c));
        }
      if (g_strcmp0 (name, "fine.txt") == 0)
        g_assert_cmpint (cf_document_get_status (c), ==, CF_STATUS_OK);
    }
  g_assert_cmpuint (n_traversal, ==, 4);

  /* The symlink member is metadata only. */
  g_assert_cmpint (tu_find_item (items, "!/link-to-passwd")->outcome, ==, CF_IMPORT_SKIPPED);
  g_assert_true (has_warning (kase, archive_id, "member-symlink"));

  g_assert_cmpint (cf_document_get_status (archive), ==, CF_STATUS_PARTIAL);
  g_assert_nonnull (strstr (cf_document_get_problem (archive), "encrypted"));
  tu_assert_fsck_clean (kase);
}

static void
test_truncated_zip (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *zip_path = g_build_filename (dir, "cut.zip", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Truncated");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CfDocument) archive = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *original = NULL;
  gsize stored_len, original_len;
  TuZip *zip = tu_zip_new ();
  char big[4096];

  memset (big, 'x', sizeof big);
  tu_zip_add (zip, "one.txt", -1, "one", 3, TU_ZIP_STORE);
  tu_zip_add (zip, "two.txt", -1, big, sizeof big, TU_ZIP_STORE);
  tu_zip_write_truncated (zip, zip_path, 200);

  items = tu_import_one (kase, zip_path);
  archive = get_doc (kase, tu_find_item (items, "cut.zip")->document_id);
  /* Kept byte for byte, marked, and the case is fine. */
  original = tu_read_file (zip_path, &original_len);
  {
    g_autofree char *object = cf_case_dup_object_path (kase, archive);
    stored = tu_read_file (object, &stored_len);
  }
  g_assert_cmpmem (stored, stored_len, original, original_len);
  g_assert_cmpint (cf_document_get_status (archive), ==, CF_STATUS_PARTIAL);
  g_assert_nonnull (cf_document_get_problem (archive));
  g_test_message ("truncated: %s", cf_document_get_problem (archive));
  tu_assert_fsck_clean (kase);
}

static void
test_garbage_zip (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *zip_path = g_build_filename (dir, "garbage.zip", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Garbage");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CfDocument) doc = NULL;
  guint8 junk[5000];

  /* Starts like a ZIP, then nonsense. */
  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (i * 131 + 7) & 0xff;
  memcpy (junk, "PK\x03\x04", 4);
  tu_write_file (zip_path, junk, sizeof junk);
  items = tu_import_one (kase, zip_path);
  doc = get_doc (kase, tu_find_item (items, "garbage.zip")->document_id);
  g_assert_nonnull (cf_document_get_sha256 (doc));
  g_assert_cmpuint (cf_case_count_documents (kase), >=, 1);
  tu_assert_fsck_clean (kase);
}

static void
test_ratio_bomb (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *bomb_path = g_build_filename (dir, "bomb.zip", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Bomb");
  g_autoptr(GBytes) bomb = tu_zip_ratio_bomb (64 * 1024 * 1024);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CfDocument) archive = NULL;
  CfImportLimits limits;
  const char *paths[] = { bomb_path, NULL };

  tu_write_file (bomb_path, g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb));
  g_test_message ("bomb: %zu bytes expanding to 64 MiB", g_bytes_get_size (bomb));
  cf_importer_get_default_limits (&limits);
  limits.min_ratio_bytes = 1024 * 1024;
  limits.max_ratio = 100;

  items = tu_import (kase, paths, &limits);
  archive = get_doc (kase, tu_find_item (items, "bomb.zip")->document_id);
  g_assert_cmpint (cf_document_get_status (archive), ==, CF_STATUS_PARTIAL);
  g_assert_nonnull (strstr (cf_document_get_problem (archive), "archive bomb"));
  /* The member that tripped the limit was not recorded. */
  g_assert_cmpuint (cf_document_get_n_children (archive), ==, 0);
  tu_assert_fsck_clean (kase);
}

static void
test_expanded_size_limit (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "large.zip", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Size");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CfDocument) archive = NULL;
  g_autofree char *chunk = g_malloc (300 * 1024);
  CfImportLimits limits;
  TuZip *zip = tu_zip_new ();
  const char *paths[] = { path, NULL };

  for (guint i = 0; i < 300 * 1024; i++)
    chunk[i] = g_random_int () & 0xff;
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("part%d.bin", i);

      chunk[0] = i;
      tu_zip_add (zip, name, -1, chunk, 300 * 1024, TU_ZIP_STORE);
    }
  tu_zip_write (zip, path);
  cf_importer_get_default_limits (&limits);
  limits.max_expanded_bytes = 1024 * 1024;

  items = tu_import (kase, paths, &limits);
  archive = get_doc (kase, tu_find_item (items, "large.zip")->document_id);
  g_assert_cmpint (cf_document_get_status (archive), ==, CF_STATUS_PARTIAL);
  g_assert_nonnull (strstr (cf_document_get_problem (archive), "expanded size limit"));
  g_assert_cmpuint (cf_document_get_n_children (archive), ==, 3);
  tu_assert_fsck_clean (kase);
}

static void
test_nested_bomb (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "nested.zip", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Nested");
  g_autoptr(GBytes) nested = tu_zip_nested (12);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  CfImportLimits limits;
  const char *paths[] = { path, NULL };
  gboolean found_limited = FALSE;
  guint max_depth = 0;

  tu_write_file (path, g_bytes_get_data (nested, NULL), g_bytes_get_size (nested));
  cf_importer_get_default_limits (&limits);
  limits.max_depth = 4;
  items = tu_import (kase, paths, &limits);

  for (guint i = 0; i < items->len; i++)
    max_depth = MAX (max_depth, ((TuItem *) g_ptr_array_index (items, i))->depth);
  g_assert_cmpuint (max_depth, ==, 4);
  docs = cf_case_list_documents (kase, NULL);
  g_assert_cmpuint (docs->len, ==, 5);
  for (guint i = 0; i < docs->len; i++)
    {
      CfDocument *d = g_ptr_array_index (docs, i);

      if (cf_document_get_problem (d) && strstr (cf_document_get_problem (d), "nesting depth limit"))
        found_limited = TRUE;
    }
  g_assert_true (found_limited);
  tu_assert_fsck_clean (kase);
}

static void
test_member_count_limit (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "many.zip", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Many");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CfDocument) archive = NULL;
  CfImportLimits limits;
  TuZip *zip = tu_zip_new ();
  const char *paths[] = { path, NULL };

  for (int i = 0; i < 2000; i++)
    {
      g_autofree char *name = g_strdup_printf ("tiny-%04d.txt", i);
      g_autofree char *text = g_strdup_printf ("%d", i);

      tu_zip_add (zip, name, -1, text, strlen (text), TU_ZIP_STORE);
    }
  tu_zip_write (zip, path);
  cf_importer_get_default_limits (&limits);
  limits.max_members = 100;
  items = tu_import (kase, paths, &limits);
  archive = get_doc (kase, tu_find_item (items, "many.zip")->document_id);
  g_assert_cmpuint (cf_document_get_n_children (archive), ==, 100);
  g_assert_nonnull (strstr (cf_document_get_problem (archive), "member count limit"));
}

static void
test_tar_family (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *tar_path = g_build_filename (dir, "메일함.tar.gz", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "TAR");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CfDocument) archive = NULL;
  g_autoptr(GBytes) inner = tu_zip_nested (1);
  g_autofree char *inner_path = g_build_filename (dir, "inner.zip", NULL);
  g_autofree char *inner_data = NULL;
  gint64 archive_id;
  TuTarEntry entries[] = {
    { TU_TAR_DIR, "mail/", NULL },
    { TU_TAR_FILE, "mail/2018-04-02 정산 데이터 전송.eml", "From: a@example.com\r\n\r\nbody\r\n" },
    { TU_TAR_FILE, "../../outside.txt", "climb" },
    { TU_TAR_SYMLINK, "mail/shadow", "/etc/shadow" },
    { TU_TAR_HARDLINK, "mail/hard", "mail/2018-04-02 정산 데이터 전송.eml" },
    { TU_TAR_FIFO, "mail/fifo", NULL },
  };

  tu_tar_write (tar_path, entries, G_N_ELEMENTS (entries));
  items = tu_import_one (kase, tar_path);
  archive_id = tu_find_item (items, "메일함.tar.gz")->document_id;
  archive = get_doc (kase, archive_id);
  g_assert_cmpstr (cf_document_get_mime_type (archive), ==, "application/x-compressed-tar");
  g_assert_cmpuint (cf_document_get_n_children (archive), ==, 2);
  g_assert_cmpint (tu_find_item (items, "정산 데이터 전송.eml")->outcome, ==, CF_IMPORT_IMPORTED);
  g_assert_cmpint (tu_find_item (items, "mail/shadow")->outcome, ==, CF_IMPORT_SKIPPED);
  g_assert_cmpint (tu_find_item (items, "mail/hard")->outcome, ==, CF_IMPORT_SKIPPED);
  g_assert_cmpint (tu_find_item (items, "mail/fifo")->outcome, ==, CF_IMPORT_SKIPPED);
  g_assert_true (has_warning (kase, archive_id, "member-symlink"));
  g_assert_true (has_warning (kase, archive_id, "member-hardlink"));
  g_assert_true (has_warning (kase, archive_id, "member-special"));
  g_assert_true (has_warning (kase, tu_find_item (items, "outside.txt")->document_id,
                              "member-path-traversal"));
  g_assert_false (g_file_test ("/outside.txt", G_FILE_TEST_EXISTS));
  tu_assert_fsck_clean (kase);
}

static void
test_office_files_not_expanded (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "위수탁계약서.docx", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "DOCX");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CfDocument) doc = NULL;
  TuZip *zip = tu_zip_new ();
  const char *types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

  tu_zip_add (zip, "[Content_Types].xml", -1, types, strlen (types), TU_ZIP_DEFLATE);
  tu_zip_add (zip, "word/document.xml", -1, "<w:document/>", 13, TU_ZIP_DEFLATE);
  tu_zip_write (zip, path);
  items = tu_import_one (kase, path);
  doc = get_doc (kase, tu_find_item (items, ".docx")->document_id);
  g_assert_cmpuint (cf_document_get_n_children (doc), ==, 0);
  g_assert_true (g_str_has_prefix (cf_document_get_mime_type (doc),
                                   "application/vnd.openxmlformats-officedocument"));
}

static void
test_same_attachment_in_two_archives (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *one = g_build_filename (dir, "one.zip", NULL);
  g_autofree char *two = g_build_filename (dir, "two.zip", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Shared");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) c1 = NULL;
  g_autoptr(GPtrArray) c2 = NULL;
  const char *paths[] = { one, two, NULL };
  TuZip *z1 = tu_zip_new ();
  TuZip *z2 = tu_zip_new ();

  tu_zip_add (z1, "same.pdf", -1, "%PDF-1.4 same", 13, TU_ZIP_STORE);
  tu_zip_add (z1, "only-one.txt", -1, "1", 1, TU_ZIP_STORE);
  tu_zip_write (z1, one);
  tu_zip_add (z2, "renamed.pdf", -1, "%PDF-1.4 same", 13, TU_ZIP_STORE);
  tu_zip_write (z2, two);

  items = tu_import (kase, paths, NULL);
  c1 = cf_case_list_children (kase, tu_find_item (items, "one.zip")->document_id, NULL);
  c2 = cf_case_list_children (kase, tu_find_item (items, "two.zip")->document_id, NULL);
  /* Each family keeps its own child, pointing at one stored object. */
  g_assert_cmpuint (c1->len, ==, 2);
  g_assert_cmpuint (c2->len, ==, 1);
  g_assert_cmpstr (cf_document_get_sha256 (g_ptr_array_index (c1, 0)), ==,
                   cf_document_get_sha256 (g_ptr_array_index (c2, 0)));
  g_assert_cmpint (cf_document_get_duplicate_of (g_ptr_array_index (c2, 0)), ==,
                   cf_document_get_id (g_ptr_array_index (c1, 0)));
  g_assert_cmpstr (cf_document_get_name (g_ptr_array_index (c2, 0)), ==, "renamed.pdf");
}

/* An import stopped in the middle of an archive leaves it 'pending'; the
 * same import again completes the family without duplicating members. */
typedef struct
{
  GCancellable *cancellable;
  guint seen;
} StopAfter;

static void
stop_after_items (const CfImportItem *item,
                  gpointer            user_data)
{
  StopAfter *s = user_data;

  if (++s->seen == 1)
    g_cancellable_cancel (s->cancellable);
}

static void
test_resume_interrupted_archive (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "big.zip", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Resume");
  g_autoptr(CfImporter) importer = cf_importer_new (kase);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *blob = g_malloc (3 * 1024 * 1024);
  StopAfter stop = { cancellable, 0 };
  TuZip *zip = tu_zip_new ();
  const char *paths[] = { path, NULL };
  guint n_children;

  /* Enough members that a batch commits before the end. */
  for (int i = 0; i < 600; i++)
    {
      g_autofree char *name = g_strdup_printf ("m%03d.txt", i);
      g_autofree char *text = g_strdup_printf ("member %d", i);

      tu_zip_add (zip, name, -1, text, strlen (text), TU_ZIP_STORE);
    }
  tu_zip_write (zip, path);

  cf_importer_set_item_func (importer, stop_after_items, &stop);
  g_assert_false (cf_importer_run (importer, paths, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  n_children = cf_case_count_documents (kase);
  g_assert_cmpuint (n_children, <, 601);
  tu_assert_fsck_clean (kase);

  items = tu_import_one (kase, path);
  docs = cf_case_list_documents (kase, NULL);
  g_assert_cmpuint (docs->len, ==, 601);
  g_assert_cmpuint (cf_document_get_n_children (g_ptr_array_index (docs, 0)), ==, 600);
  tu_assert_fsck_clean (kase);
  (void) blob;
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/archive/zip-family-names", test_zip_family_and_names);
  g_test_add_func ("/archive/zip-hostile-members", test_zip_hostile_members);
  g_test_add_func ("/archive/zip-truncated", test_truncated_zip);
  g_test_add_func ("/archive/zip-garbage", test_garbage_zip);
  g_test_add_func ("/archive/ratio-bomb", test_ratio_bomb);
  g_test_add_func ("/archive/expanded-size-limit", test_expanded_size_limit);
  g_test_add_func ("/archive/nested-bomb", test_nested_bomb);
  g_test_add_func ("/archive/member-count-limit", test_member_count_limit);
  g_test_add_func ("/archive/tar-family", test_tar_family);
  g_test_add_func ("/archive/office-not-expanded", test_office_files_not_expanded);
  g_test_add_func ("/archive/shared-attachment", test_same_attachment_in_two_archives);
  g_test_add_func ("/archive/resume-interrupted", test_resume_interrupted_archive);
  return g_test_run ();
}
