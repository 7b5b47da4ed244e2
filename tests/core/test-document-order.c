/* test-document-order.c — search hits put in a list column's order: the
 * same order the document list gives those documents, for every column and
 * both directions; unknown ids dropped; on a read-only connection too. */
#include "test-util.h"
#include "test-fixtures.h"

#include <string.h>

#include "cf-document-list.h"
#include "cf-document-order.h"
#include "cf-numbering.h"

typedef struct
{
  char *dir;
  CfCase *kase;
} Fixture;

static gint64
add_text (Fixture    *f,
          const char *name,
          const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GPtrArray) items = NULL;

  tu_write_text (path, text);
  items = tu_import_one (f->kase, path);
  return ((TuItem *) g_ptr_array_index (items, 0))->document_id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *zip_path = NULL;
  g_autoptr(GPtrArray) items = NULL;
  TuZip *zip;
  gint64 contract, memo, notice, claim;

  f->dir = tu_temp_dir ();
  f->kase = tu_new_case (f->dir, "순서");
  contract = add_text (f, "위탁계약서.txt", "위수탁 계약");
  memo = add_text (f, "내부 메모.txt", "메모입니다 조금 더 긴 글");
  notice = add_text (f, "공문.txt", "공문");
  add_text (f, "Answer.txt", "An English answer of some length, longer than the others.");
  zip = tu_zip_new ();
  tu_zip_add (zip, "첨부 1.txt", -1, "하나", strlen ("하나"), TU_ZIP_UTF8_FLAG);
  tu_zip_add (zip, "첨부 2.txt", -1, "둘", strlen ("둘"), TU_ZIP_UTF8_FLAG);
  zip_path = g_build_filename (f->dir, "묶음.zip", NULL);
  tu_zip_write (zip, zip_path);
  items = tu_import_one (f->kase, zip_path);
  g_assert_cmpuint (items->len, ==, 3);

  /* Dates on some, an author on one, a claim and numbers on two. */
  g_assert_true (cf_case_edit_document (f->kase, contract, NULL, "2018-04-02", "페이코리아", &error));
  g_assert_true (cf_case_edit_document (f->kase, notice, NULL, "2017-01-09", NULL, &error));
  claim = cf_case_add_claim (f->kase, "위수탁", 0, CF_SIDE_OURS, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cf_case_tag (f->kase, claim, (gint64[]) { memo, contract }, 2, CF_STANCE_SUPPORTS,
                              NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) changes = cf_case_number_exhibits (f->kase, FALSE, &error);

    g_assert_no_error (error);
    g_assert_nonnull (changes);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->kase);
  g_free (f->dir);
}

static GArray *
list_ids (CfCase         *kase,
          CfDocumentSort  sort,
          gboolean        descending)
{
  g_autoptr(CfDocumentList) list = cf_document_list_new (kase, CF_DOCUMENT_VIEW_ALL, 0);
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  cf_document_list_set_sort (list, sort, descending);
  g_assert_true (cf_document_list_reload (list, &error));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      gint64 id = cf_document_list_get_id (list, i);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* For every column and direction, the hits (the list's rows, given in a
 * scrambled order) come back in the list's order. */
static void
test_same_as_list (Fixture       *f,
                   gconstpointer  data)
{
  for (CfDocumentSort sort = CF_DOCUMENT_SORT_IMPORTED; sort <= CF_DOCUMENT_SORT_SIZE; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr(GArray) expected = list_ids (f->kase, sort, descending);
        g_autoptr(GArray) scrambled = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(GArray) ordered = NULL;
        g_autoptr(GError) error = NULL;

        g_assert_cmpuint (expected->len, ==, 5);
        for (guint i = 0; i < expected->len; i++)
          g_array_append_val (scrambled, g_array_index (expected, gint64, (i * 3 + 1) % expected->len));
        ordered = cf_case_order_documents (f->kase, (const gint64 *) (gpointer) scrambled->data,
                                           scrambled->len, sort, descending, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (ordered->len, ==, expected->len);
        for (guint i = 0; i < expected->len; i++)
          g_assert_cmpint (g_array_index (ordered, gint64, i), ==, g_array_index (expected, gint64, i));
      }
}

/* Members of families (hits a search finds inside an archive) sort among
 * the rest; ids that are not documents are left out; none gives none. */
static void
test_members_and_unknown (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) all = cf_case_list_documents (f->kase, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ordered = NULL;
  g_autoptr(GError) error = NULL;
  gint64 unknown = 999999;
  g_autofree char *previous = g_strdup ("");

  for (guint i = all->len; i > 0; i--)
    {
      gint64 id = cf_document_get_id (g_ptr_array_index (all, i - 1));

      g_array_append_val (ids, id);
    }
  g_array_append_val (ids, unknown);
  ordered = cf_case_order_documents (f->kase, (const gint64 *) (gpointer) ids->data, ids->len,
                                     CF_DOCUMENT_SORT_TITLE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ordered->len, ==, all->len);
  for (guint i = 0; i < ordered->len; i++)
    {
      g_autoptr(CfDocument) document = cf_case_get_document (f->kase, g_array_index (ordered, gint64, i),
                                                             &error);

      g_assert_no_error (error);
      g_assert_cmpint (strcmp (previous, cf_document_get_title (document)), <=, 0);
      /* The title belongs to the document, freed with it. */
      g_free (previous);
      previous = g_strdup (cf_document_get_title (document));
    }
  g_clear_pointer (&ordered, g_array_unref);
  ordered = cf_case_order_documents (f->kase, NULL, 0, CF_DOCUMENT_SORT_DATE, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ordered->len, ==, 0);
}

/* The app orders hits on read-only connections of its own. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CfCase) reader = cf_case_open (cf_case_get_path (f->kase), CF_CASE_OPEN_READ_ONLY, NULL);
  g_autoptr(GArray) expected = list_ids (f->kase, CF_DOCUMENT_SORT_DATE, TRUE);
  g_autoptr(GArray) ordered = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (reader);
  ordered = cf_case_order_documents (reader, (const gint64 *) (gpointer) expected->data, expected->len,
                                     CF_DOCUMENT_SORT_DATE, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ordered->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (g_array_index (ordered, gint64, i), ==, g_array_index (expected, gint64, i));
}

int
main (int   argc,
      char *argv[])
{
  tu_init (&argc, &argv);
  g_test_add ("/document-order/same-as-list", Fixture, NULL, fixture_set_up, test_same_as_list,
              fixture_tear_down);
  g_test_add ("/document-order/members-and-unknown", Fixture, NULL, fixture_set_up,
              test_members_and_unknown, fixture_tear_down);
  g_test_add ("/document-order/read-only", Fixture, NULL, fixture_set_up, test_read_only,
              fixture_tear_down);
  return g_test_run ();
}
