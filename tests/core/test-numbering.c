/* test-numbering.c — exhibit numbers: claim order then date, families with
 * sub-numbers, privilege, locked numbers after export, withdrawn gaps. */
#include "test-util.h"
#include "test-fixtures.h"

#include <string.h>

#include "cf-bundle.h"
#include "cf-numbering.h"

typedef struct
{
  char *dir;
  CfCase *kase;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = tu_temp_dir ();
  f->kase = tu_new_case (f->dir, "Numbering");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->kase);
  g_free (f->dir);
}

static gint64
import_text (Fixture    *f,
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
tag (Fixture *f,
     gint64   claim,
     gint64   doc)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cf_case_tag (f->kase, claim, &doc, 1, CF_STANCE_SUPPORTS, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
set_date (Fixture    *f,
          gint64      doc,
          const char *date)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cf_case_edit_document (f->kase, doc, NULL, date, NULL, &error));
}

static char *
exhibit_of (Fixture *f,
            gint64   doc)
{
  g_autoptr(CfDocument) d = cf_case_get_document (f->kase, doc, NULL);

  return g_strdup (cf_document_get_exhibit (d));
}

#define assert_exhibit(f, doc, expected) \
  G_STMT_START { \
    g_autofree char *_e = exhibit_of (f, doc); \
    g_assert_cmpstr (_e, ==, expected); \
  } G_STMT_END

static void
number (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = cf_case_number_exhibits (f->kase, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (changes);
}

static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  gint64 claim_a = cf_case_add_claim (f->kase, "A", 0, CF_SIDE_OURS, NULL, NULL);
  gint64 claim_b = cf_case_add_claim (f->kase, "B", 0, CF_SIDE_OURS, NULL, NULL);
  gint64 late = import_text (f, "late.txt", "late");
  gint64 early = import_text (f, "early.txt", "early");
  gint64 undated = import_text (f, "undated.txt", "undated");
  gint64 in_b = import_text (f, "b.txt", "b");
  gint64 untagged = import_text (f, "untagged.txt", "untagged");

  set_date (f, late, "2019-01-01");
  set_date (f, early, "2018-04-02");
  set_date (f, in_b, "2010-01-01");
  tag (f, claim_b, in_b);
  tag (f, claim_a, undated);
  tag (f, claim_a, late);
  tag (f, claim_a, early);

  /* A preview changes nothing. */
  preview = cf_case_number_exhibits (f->kase, TRUE, &error);
  g_assert_cmpuint (preview->len, ==, 4);
  assert_exhibit (f, early, NULL);
  g_assert_cmpuint (cf_case_count_unnumbered (f->kase), ==, 4);

  number (f);
  /* Claim order first (A before B), then date, undated last. */
  assert_exhibit (f, early, "갑 제1호증");
  assert_exhibit (f, late, "갑 제2호증");
  assert_exhibit (f, undated, "갑 제3호증");
  assert_exhibit (f, in_b, "갑 제4호증");
  assert_exhibit (f, untagged, NULL);
  g_assert_cmpuint (cf_case_count_unnumbered (f->kase), ==, 0);

  /* Numbering again changes nothing. */
  g_clear_pointer (&preview, g_ptr_array_unref);
  preview = cf_case_number_exhibits (f->kase, FALSE, &error);
  g_assert_cmpuint (preview->len, ==, 0);

  /* Moving claim B first reorders unlocked numbers. */
  g_assert_true (cf_case_move_claim (f->kase, claim_b, 0, 0, &error));
  number (f);
  assert_exhibit (f, in_b, "갑 제1호증");
  assert_exhibit (f, early, "갑 제2호증");
}

static void
test_families (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *zip_path = g_build_filename (f->dir, "email-with-attachments.zip", NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) children = NULL;
  gint64 claim = cf_case_add_claim (f->kase, "위수탁", 0, CF_SIDE_OURS, NULL, NULL);
  gint64 single, family, privileged_child;
  TuZip *zip = tu_zip_new ();

  tu_zip_add (zip, "1-본문.txt", -1, "mail body", 9, TU_ZIP_STORE);
  tu_zip_add (zip, "2-계약서.pdf", -1, "%PDF-1.4 contract", 17, TU_ZIP_STORE);
  tu_zip_add (zip, "3-내부검토.txt", -1, "privileged memo", 15, TU_ZIP_STORE);
  tu_zip_write (zip, zip_path);

  single = import_text (f, "single.txt", "single");
  items = tu_import_one (f->kase, zip_path);
  family = tu_find_item (items, "email-with-attachments.zip")->document_id;
  children = cf_case_list_children (f->kase, family, NULL);
  privileged_child = cf_document_get_id (g_ptr_array_index (children, 2));
  g_assert_true (cf_case_set_privileged (f->kase, privileged_child, "법률 자문", NULL));

  set_date (f, single, "2018-01-01");
  set_date (f, family, "2018-02-01");
  tag (f, claim, single);
  tag (f, claim, family);
  number (f);

  assert_exhibit (f, single, "갑 제1호증");
  assert_exhibit (f, family, "갑 제2호증의 1");
  assert_exhibit (f, cf_document_get_id (g_ptr_array_index (children, 0)), "갑 제2호증의 2");
  assert_exhibit (f, cf_document_get_id (g_ptr_array_index (children, 1)), "갑 제2호증의 3");
  /* Privileged: withheld, never numbered. */
  assert_exhibit (f, privileged_child, NULL);

  /* Untagging the email takes its attachments out too: unlocked numbers
   * leave withdrawn gaps, which the next numbering closes. */
  g_assert_true (cf_case_untag (f->kase, claim, &family, 1, NULL));
  assert_exhibit (f, family, NULL);
  assert_exhibit (f, cf_document_get_id (g_ptr_array_index (children, 0)), NULL);
  assert_exhibit (f, single, "갑 제1호증");
}

static void
test_locked_numbers (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *bundle = g_build_filename (f->dir, "bundle.zip", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CfExportResult) result = NULL;
  g_autoptr(CfDocument) d = NULL;
  g_autoptr(GPtrArray) log = NULL;
  CfExportOptions options = { .format = CF_BUNDLE_ZIP };
  gint64 claim = cf_case_add_claim (f->kase, "A", 0, CF_SIDE_OURS, NULL, NULL);
  gint64 one = import_text (f, "one.txt", "one");
  gint64 two = import_text (f, "two.txt", "two");
  gint64 three = import_text (f, "three.txt", "three");
  gint64 earlier = import_text (f, "earlier.txt", "earlier");
  gboolean withdrawn_logged = FALSE;

  set_date (f, one, "2018-01-01");
  set_date (f, two, "2018-02-01");
  set_date (f, three, "2018-03-01");
  set_date (f, earlier, "2017-01-01");
  tag (f, claim, one);
  tag (f, claim, two);
  tag (f, claim, three);
  number (f);

  result = cf_case_export_bundle (f->kase, bundle, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  d = cf_case_get_document (f->kase, two, NULL);
  g_assert_true (cf_document_get_exhibit_locked (d));

  /* An earlier document arrives after production: it does not push the
   * produced numbers; it gets the next one. */
  tag (f, claim, earlier);
  number (f);
  assert_exhibit (f, one, "갑 제1호증");
  assert_exhibit (f, two, "갑 제2호증");
  assert_exhibit (f, three, "갑 제3호증");
  assert_exhibit (f, earlier, "갑 제4호증");

  /* Untagging a produced exhibit leaves a locked, withdrawn gap forever. */
  g_assert_true (cf_case_untag (f->kase, claim, &two, 1, NULL));
  number (f);
  assert_exhibit (f, two, NULL);
  assert_exhibit (f, three, "갑 제3호증");
  assert_exhibit (f, earlier, "갑 제4호증");
  log = cf_case_list_custody (f->kase, two, NULL);
  for (guint i = 0; i < log->len; i++)
    if (g_strcmp0 (((CfCustodyEntry *) g_ptr_array_index (log, i))->action, "exhibit-withdraw") == 0)
      withdrawn_logged = TRUE;
  g_assert_true (withdrawn_logged);

  /* Tagged again, it comes back under a new number, never the old one. */
  tag (f, claim, two);
  number (f);
  assert_exhibit (f, two, "갑 제5호증");

  /* Privileging a produced exhibit withdraws it as well. */
  g_assert_true (cf_case_set_privileged (f->kase, three, "착오로 포함", NULL));
  assert_exhibit (f, three, NULL);
  tu_assert_fsck_clean (f->kase);
}

static void
test_us_style (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "us", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CfCase) kase = NULL;
  CfCaseSettings settings = { .title = "Acme v Widget", .party = CF_PARTY_PLAINTIFF,
                              .numbering = CF_NUMBERING_US, .prefix = "ACME" };
  g_autofree char *l1 = NULL, *l2 = NULL;

  kase = cf_case_create (path, &settings, &error);
  g_assert_no_error (error);
  l1 = cf_case_format_exhibit (kase, 7, 0);
  l2 = cf_case_format_exhibit (kase, 12, 3);
  g_assert_cmpstr (l1, ==, "ACME-0007");
  g_assert_cmpstr (l2, ==, "ACME-0012.3");
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add ("/numbering/order", Fixture, NULL, fixture_set_up, test_order, fixture_tear_down);
  g_test_add ("/numbering/families", Fixture, NULL, fixture_set_up, test_families, fixture_tear_down);
  g_test_add ("/numbering/locked", Fixture, NULL, fixture_set_up, test_locked_numbers, fixture_tear_down);
  g_test_add ("/numbering/us-style", Fixture, NULL, fixture_set_up, test_us_style, fixture_tear_down);
  return g_test_run ();
}
