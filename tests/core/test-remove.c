/* test-remove.c — removing documents imported by mistake: families go
 * whole, copies kept elsewhere become the original, objects go only when
 * nothing else holds them, produced evidence and family members are
 * refused without changing anything, the index and the custody log follow,
 * and the same files can be imported again. */
#include <string.h>

#include "cf-bundle.h"
#include "cf-case.h"
#include "cf-document.h"
#include "cf-error.h"
#include "cf-numbering.h"
#include "cf-search.h"
#include "test-fixtures.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  char *src;
  CfCase *kase;
  gint64 contract;    /* src/계약/위수탁계약서.txt */
  gint64 archive;     /* src/사진/묶음.zip, holding 가족사진.txt and a copy of the contract */
  gint64 photo;       /* 묶음.zip!/가족사진.txt */
  gint64 member_copy; /* 묶음.zip!/위수탁계약서.txt, a duplicate of contract */
  gint64 loose_photo; /* src/사진/사본 가족사진.txt, a duplicate of photo */
} Fixture;

static const char contract_text[] = "위수탁 계약: 수탁자는 개인정보를 목적 외로 쓰지 않는다.";
static const char photo_text[] = "가족 여행 사진 목록 (개인용)";

static gint64
id_of (GPtrArray  *items,
       const char *suffix)
{
  TuItem *item = tu_find_item (items, suffix);

  g_assert_nonnull (item);
  return item->document_id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *contract_dir = NULL;
  g_autofree char *photo_dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) items = NULL;
  TuZip *zip = tu_zip_new ();
  const char *paths[2] = { NULL, NULL };

  f->dir = tu_temp_dir ();
  f->src = g_build_filename (f->dir, "src", NULL);
  contract_dir = g_build_filename (f->src, "계약", NULL);
  photo_dir = g_build_filename (f->src, "사진", NULL);
  tu_mkdir (contract_dir);
  tu_mkdir (photo_dir);

  path = g_build_filename (contract_dir, "위수탁계약서.txt", NULL);
  tu_write_text (path, contract_text);
  g_free (path);
  tu_zip_add (zip, "가족사진.txt", -1, photo_text, strlen (photo_text), TU_ZIP_DEFLATE);
  tu_zip_add (zip, "위수탁계약서.txt", -1, contract_text, strlen (contract_text), TU_ZIP_DEFLATE);
  path = g_build_filename (photo_dir, "묶음.zip", NULL);
  tu_zip_write (zip, path);
  g_free (path);
  path = g_build_filename (photo_dir, "사본 가족사진.txt", NULL);
  tu_write_text (path, photo_text);

  f->kase = tu_new_case (f->dir, "삭제 시험");
  paths[0] = f->src;
  items = tu_import (f->kase, paths, NULL);
  f->contract = id_of (items, "src/계약/위수탁계약서.txt");
  f->archive = id_of (items, "src/사진/묶음.zip");
  f->photo = id_of (items, "묶음.zip!/가족사진.txt");
  f->member_copy = id_of (items, "묶음.zip!/위수탁계약서.txt");
  f->loose_photo = id_of (items, "사본 가족사진.txt");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->kase);
  g_free (f->src);
  g_free (f->dir);
}

static gboolean
exists (Fixture *f,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CfDocument) d = cf_case_get_document (f->kase, id, &error);

  if (d == NULL)
    g_assert_error (error, CF_ERROR, CF_ERROR_NOT_FOUND);
  return d != NULL;
}

static char *
object_path (Fixture *f,
             gint64   id)
{
  g_autoptr(CfDocument) d = cf_case_get_document (f->kase, id, NULL);

  g_assert_nonnull (d);
  return cf_case_dup_object_path (f->kase, d);
}

static guint
n_hits (Fixture    *f,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = cf_case_search_ids (f->kase, query, &error);

  g_assert_no_error (error);
  return ids->len;
}

static guint
count_custody (Fixture    *f,
               const char *action)
{
  g_autoptr(GPtrArray) log = cf_case_list_custody (f->kase, 0, NULL);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    {
      CfCustodyEntry *e = g_ptr_array_index (log, i);

      if (g_strcmp0 (e->action, action) == 0)
        n++;
    }
  return n;
}

static void
test_family_and_copies (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CfDocument) promoted = NULL;
  g_autoptr(CfDocument) contract = NULL;
  g_autofree char *photo_object = object_path (f, f->photo);
  g_autofree char *archive_object = object_path (f, f->archive);
  g_autofree char *contract_object = object_path (f, f->contract);
  guint before = cf_case_count_documents (f->kase);
  guint removed = 0;

  g_assert_cmpuint (before, ==, 5);
  g_assert_cmpuint (n_hits (f, "가족"), ==, 2);

  g_assert_true (cf_case_remove_documents (f->kase, &f->archive, 1, "개인 자료를 잘못 가져옴",
                                           &removed, &error));
  g_assert_no_error (error);

  /* The archive went with both its members. */
  g_assert_cmpuint (removed, ==, 3);
  g_assert_cmpuint (cf_case_count_documents (f->kase), ==, before - 3);
  g_assert_false (exists (f, f->archive));
  g_assert_false (exists (f, f->photo));
  g_assert_false (exists (f, f->member_copy));

  /* The loose copy of the photo list stays, and is now the original. */
  promoted = cf_case_get_document (f->kase, f->loose_photo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cf_document_get_duplicate_of (promoted), ==, 0);
  contract = cf_case_get_document (f->kase, f->contract, &error);
  g_assert_cmpint (cf_document_get_duplicate_of (contract), ==, 0);

  /* Bytes another document holds stay; the archive's own go. */
  g_assert_false (g_file_test (archive_object, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (photo_object, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (contract_object, G_FILE_TEST_EXISTS));

  /* The index follows: one 가족 left, the archive's name gone. */
  g_assert_cmpuint (n_hits (f, "가족"), ==, 1);
  g_assert_cmpuint (n_hits (f, "묶음"), ==, 0);
  g_assert_cmpuint (n_hits (f, "위수탁"), ==, 1);

  /* The log says what went, why, and which copy stayed. */
  g_assert_cmpuint (count_custody (f, "remove"), ==, 3);
  {
    g_autoptr(GPtrArray) log = cf_case_list_custody (f->kase, f->photo, NULL);
    CfCustodyEntry *last = g_ptr_array_index (log, log->len - 1);
    g_autofree char *copy = g_strdup_printf ("\"copy_kept\":\"%" G_GINT64_FORMAT "\"", f->loose_photo);

    g_assert_cmpstr (last->action, ==, "remove");
    g_assert_nonnull (strstr (last->details, "개인 자료를 잘못 가져옴"));
    g_assert_nonnull (strstr (last->details, copy));
  }
  tu_assert_fsck_clean (f->kase);

  /* Reopening finds nothing to recover or sweep. */
  {
    g_autofree char *path = g_strdup (cf_case_get_path (f->kase));

    g_clear_object (&f->kase);
    f->kase = cf_case_open (path, CF_CASE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_null (cf_case_get_recovery_note (f->kase));
  }
}

/* Removing every copy of some bytes removes the bytes. */
static void
test_every_copy (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *photo_object = object_path (f, f->photo);
  gint64 both[] = { f->archive, f->loose_photo };

  g_assert_true (cf_case_remove_documents (f->kase, both, G_N_ELEMENTS (both), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (photo_object, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_hits (f, "가족"), ==, 0);
  tu_assert_fsck_clean (f->kase);
}

static void
assert_unchanged (Fixture *f,
                  guint    n_documents,
                  guint    n_custody)
{
  g_autoptr(GPtrArray) log = cf_case_list_custody (f->kase, 0, NULL);

  g_assert_cmpuint (cf_case_count_documents (f->kase), ==, n_documents);
  g_assert_cmpuint (log->len, ==, n_custody);
  g_assert_cmpuint (count_custody (f, "remove"), ==, 0);
  g_assert_cmpuint (n_hits (f, "가족"), ==, 2);
  tu_assert_fsck_clean (f->kase);
}

/* A member alone is refused, and so is a list that holds one beside a
 * document that could go: nothing changes. */
static void
test_member_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = cf_case_list_custody (f->kase, 0, NULL);
  guint n_documents = cf_case_count_documents (f->kase);
  gint64 mixed[] = { f->loose_photo, f->photo };
  gint64 missing = 9999;

  g_assert_false (cf_case_remove_documents (f->kase, &f->photo, 1, NULL, NULL, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "묶음.zip"));
  g_clear_error (&error);

  g_assert_false (cf_case_remove_documents (f->kase, mixed, G_N_ELEMENTS (mixed), NULL, NULL, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (exists (f, f->loose_photo));

  g_assert_false (cf_case_remove_documents (f->kase, &missing, 1, NULL, NULL, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assert_unchanged (f, n_documents, log->len);
}

/* Numbers: an unlocked one goes with its document; a produced one keeps
 * its document in the case, even after it was withdrawn. */
static void
test_produced_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(CfExportResult) result = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *bundle = g_build_filename (f->dir, "bundle.zip", NULL);
  CfExportOptions options = { .format = CF_BUNDLE_ZIP };
  gint64 claim = cf_case_add_claim (f->kase, "위탁", 0, CF_SIDE_OURS, NULL, &error);
  guint n_documents;

  g_assert_no_error (error);
  g_assert_true (cf_case_tag (f->kase, claim, &f->contract, 1, CF_STANCE_SUPPORTS, NULL, NULL, &error));
  g_assert_true (cf_case_tag (f->kase, claim, &f->loose_photo, 1, CF_STANCE_CONTEXT, NULL, NULL, &error));
  changes = cf_case_number_exhibits (f->kase, FALSE, &error);
  g_assert_no_error (error);

  /* Numbered but not produced: the number goes with it, as a gap. */
  g_assert_true (cf_case_remove_documents (f->kase, &f->loose_photo, 1, NULL, NULL, &error));
  g_assert_no_error (error);
  tu_assert_fsck_clean (f->kase);

  result = cf_case_export_bundle (f->kase, bundle, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cf_case_untag (f->kase, claim, &f->contract, 1, &error));

  log = cf_case_list_custody (f->kase, 0, NULL);
  n_documents = cf_case_count_documents (f->kase);
  g_assert_false (cf_case_remove_documents (f->kase, &f->contract, 1, NULL, NULL, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_PRODUCED);
  g_assert_nonnull (strstr (error->message, "갑 제1호증"));
  g_assert_true (exists (f, f->contract));
  g_assert_cmpuint (cf_case_count_documents (f->kase), ==, n_documents);
  {
    g_autoptr(GPtrArray) after = cf_case_list_custody (f->kase, 0, NULL);

    g_assert_cmpuint (after->len, ==, log->len);
  }
}

/* What was removed can be imported again, as new documents. */
static void
test_import_again (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *zip = g_build_filename (f->src, "사진", "묶음.zip", NULL);

  g_assert_true (cf_case_remove_documents (f->kase, &f->archive, 1, NULL, NULL, &error));
  items = tu_import_one (f->kase, zip);
  /* The archive is new again; its members are copies of what stayed. */
  g_assert_cmpuint (tu_count_outcome (items, CF_IMPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (tu_count_outcome (items, CF_IMPORT_DUPLICATE), ==, 2);
  g_assert_cmpuint (cf_case_count_documents (f->kase), ==, 5);
  /* The archive and its members (their sources name it). */
  g_assert_cmpuint (n_hits (f, "묶음"), ==, 3);
  tu_assert_fsck_clean (f->kase);
}

/* A case opened read-only refuses. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (cf_case_get_path (f->kase));
  g_autoptr(CfCase) reader = NULL;

  g_clear_object (&f->kase);
  reader = cf_case_open (path, CF_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (cf_case_remove_documents (reader, &f->archive, 1, NULL, NULL, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_READ_ONLY);
}

int
main (int   argc,
      char *argv[])
{
  tu_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/remove/family-and-copies", test_family_and_copies);
  ADD ("/remove/every-copy", test_every_copy);
  ADD ("/remove/member-refused", test_member_refused);
  ADD ("/remove/produced-refused", test_produced_refused);
  ADD ("/remove/import-again", test_import_again);
  ADD ("/remove/read-only", test_read_only);
#undef ADD
  return g_test_run ();
}
