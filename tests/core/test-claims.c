/* test-claims.c — the claims tree, tags, document edits and privilege, each
 * with its custody entry. */
#include "test-util.h"

#include <string.h>

#include "cf-error.h"

static gint64
add_claim (CfCase     *kase,
           const char *title,
           gint64      parent)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cf_case_add_claim (kase, title, parent, CF_SIDE_OURS, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
tree_titles (CfCase *kase)
{
  g_autoptr(GPtrArray) claims = cf_case_list_claims (kase, NULL);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < claims->len; i++)
    {
      CfClaim *c = g_ptr_array_index (claims, i);

      g_string_append_printf (s, "%s%u:%s", i ? " " : "", cf_claim_get_depth (c),
                              cf_claim_get_title (c));
    }
  return g_string_free (s, FALSE);
}

static const char *
last_action (CfCase *kase)
{
  static char action[64];
  g_autoptr(GPtrArray) log = cf_case_list_custody (kase, 0, NULL);

  g_strlcpy (action, ((CfCustodyEntry *) g_ptr_array_index (log, log->len - 1))->action, sizeof action);
  return action;
}

static void
test_tree (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) kase = tu_new_case (dir, "Claims");
  g_autoptr(GError) error = NULL;
  g_autoptr(CfClaim) claim = NULL;
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL, *t4 = NULL;
  gint64 entrust, contract, control, consent, third;

  entrust = add_claim (kase, "위수탁이지 유출이 아님", 0);
  g_assert_cmpstr (last_action (kase), ==, "claim-add");
  contract = add_claim (kase, "위수탁계약이 존재하고 목적을 제한함", entrust);
  control = add_claim (kase, "수탁자가 회사의 통제 아래 업무를 처리함", entrust);
  consent = add_claim (kase, "고객 동의 불요", 0);
  third = cf_case_add_claim (kase, "제3자 제공에 해당", 0, CF_SIDE_THEIRS, "규제기관의 주장", &error);
  g_assert_no_error (error);

  t1 = tree_titles (kase);
  g_assert_cmpstr (t1, ==, "0:위수탁이지 유출이 아님 1:위수탁계약이 존재하고 목적을 제한함 "
                           "1:수탁자가 회사의 통제 아래 업무를 처리함 0:고객 동의 불요 0:제3자 제공에 해당");

  claim = cf_case_get_claim (kase, third, &error);
  g_assert_cmpint (cf_claim_get_side (claim), ==, CF_SIDE_THEIRS);
  g_assert_cmpstr (cf_claim_get_description (claim), ==, "규제기관의 주장");

  /* Reorder siblings, nest, un-nest. */
  g_assert_true (cf_case_move_claim (kase, control, entrust, 0, &error));
  t2 = tree_titles (kase);
  g_assert_true (g_str_has_prefix (t2, "0:위수탁이지 유출이 아님 1:수탁자가"));
  g_assert_true (cf_case_move_claim (kase, consent, entrust, -1, &error));
  g_assert_true (cf_case_move_claim (kase, contract, 0, 0, &error));
  t3 = tree_titles (kase);
  g_assert_cmpstr (t3, ==, "0:위수탁계약이 존재하고 목적을 제한함 0:위수탁이지 유출이 아님 "
                           "1:수탁자가 회사의 통제 아래 업무를 처리함 1:고객 동의 불요 0:제3자 제공에 해당");
  g_assert_cmpstr (last_action (kase), ==, "claim-move");

  /* A claim cannot go under itself or its own sub-claim. */
  g_assert_false (cf_case_move_claim (kase, entrust, consent, -1, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cf_case_move_claim (kase, entrust, entrust, -1, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cf_case_edit_claim (kase, contract, "위수탁계약 존재", NULL, -1, &error));
  g_assert_cmpstr (last_action (kase), ==, "claim-edit");

  /* Removing a claim with sub-claims needs recursive. */
  g_assert_false (cf_case_remove_claim (kase, entrust, FALSE, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cf_case_remove_claim (kase, entrust, TRUE, &error));
  t4 = tree_titles (kase);
  g_assert_cmpstr (t4, ==, "0:위수탁계약 존재 0:제3자 제공에 해당");

  g_assert_cmpint (cf_case_add_claim (kase, "", 0, CF_SIDE_OURS, NULL, &error), ==, 0);
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cf_case_add_claim (kase, "orphan", 9999, CF_SIDE_OURS, NULL, &error), ==, 0);
  g_assert_error (error, CF_ERROR, CF_ERROR_NOT_FOUND);
}

static gint64
import_text (CfCase     *kase,
             const char *dir,
             const char *name,
             const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GPtrArray) items = NULL;

  tu_write_text (path, text);
  items = tu_import_one (kase, path);
  return ((TuItem *) g_ptr_array_index (items, 0))->document_id;
}

static void
test_tags (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) kase = tu_new_case (dir, "Tags");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GArray) tagged = NULL;
  g_autoptr(GPtrArray) doc_log = NULL;
  g_autoptr(CfClaim) claim = NULL;
  gint64 a, b, c1, c2, ids[2];
  CfTag *tag;

  a = import_text (kase, dir, "contract.txt", "contract");
  b = import_text (kase, dir, "email.txt", "email");
  c1 = add_claim (kase, "위수탁", 0);
  c2 = add_claim (kase, "안전성 확보조치 이행", 0);
  ids[0] = a;
  ids[1] = b;

  g_assert_true (cf_case_tag (kase, c1, ids, 2, CF_STANCE_SUPPORTS, "p.2, 제4조", "목적 제한", &error));
  g_assert_no_error (error);
  g_assert_true (cf_case_tag (kase, c2, &a, 1, CF_STANCE_CONTEXT, NULL, NULL, &error));

  tags = cf_case_list_tags (kase, a, &error);
  g_assert_cmpuint (tags->len, ==, 2);
  tag = g_ptr_array_index (tags, 0);
  g_assert_cmpint (cf_tag_get_claim_id (tag), ==, c1);
  g_assert_cmpstr (cf_tag_get_claim_title (tag), ==, "위수탁");
  g_assert_cmpint (cf_tag_get_stance (tag), ==, CF_STANCE_SUPPORTS);
  g_assert_cmpstr (cf_tag_get_pinpoint (tag), ==, "p.2, 제4조");
  g_assert_cmpstr (cf_tag_get_note (tag), ==, "목적 제한");
  claim = cf_case_get_claim (kase, c1, NULL);
  g_assert_cmpuint (cf_claim_get_n_documents (claim), ==, 2);

  /* Tagging again updates the stance and keeps the pinpoint when none is
   * given. */
  g_assert_true (cf_case_tag (kase, c1, &a, 1, CF_STANCE_UNDERMINES, NULL, "새 메모", &error));
  g_clear_pointer (&tags, g_ptr_array_unref);
  tags = cf_case_list_tags (kase, a, &error);
  tag = g_ptr_array_index (tags, 0);
  g_assert_cmpint (cf_tag_get_stance (tag), ==, CF_STANCE_UNDERMINES);
  g_assert_cmpstr (cf_tag_get_pinpoint (tag), ==, "p.2, 제4조");
  g_assert_cmpstr (cf_tag_get_note (tag), ==, "새 메모");

  g_assert_true (cf_case_untag (kase, c1, ids, 2, &error));
  tagged = cf_case_list_tagged_ids (kase, c1, &error);
  g_assert_cmpuint (tagged->len, ==, 0);

  /* Unknown documents are refused, and nothing of the batch is kept. */
  ids[1] = 9999;
  g_assert_false (cf_case_tag (kase, c1, ids, 2, CF_STANCE_SUPPORTS, NULL, NULL, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&tagged, g_array_unref);
  tagged = cf_case_list_tagged_ids (kase, c1, &error);
  g_assert_cmpuint (tagged->len, ==, 0);

  doc_log = cf_case_list_custody (kase, a, &error);
  {
    GString *actions = g_string_new (NULL);
    for (guint i = 0; i < doc_log->len; i++)
      g_string_append_printf (actions, "%s ", ((CfCustodyEntry *) g_ptr_array_index (doc_log, i))->action);
    g_assert_cmpstr (actions->str, ==, "import tag tag tag untag ");
    g_string_free (actions, TRUE);
  }

  /* Removing a claim removes its tags, documents stay. */
  g_assert_true (cf_case_remove_claim (kase, c2, FALSE, &error));
  g_clear_pointer (&tags, g_ptr_array_unref);
  tags = cf_case_list_tags (kase, a, &error);
  g_assert_cmpuint (tags->len, ==, 0);
  g_assert_cmpuint (cf_case_count_documents (kase), ==, 2);
  tu_assert_fsck_clean (kase);
}

static void
test_document_edits (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) kase = tu_new_case (dir, "Edits");
  g_autoptr(GError) error = NULL;
  g_autoptr(CfDocument) doc = NULL;
  g_autoptr(GPtrArray) log = NULL;
  gint64 a = import_text (kase, dir, "scan.txt", "scan");
  CfCustodyEntry *last;

  g_assert_true (cf_case_edit_document (kase, a, "위수탁계약서", "2018-04-02", "카카오페이", &error));
  doc = cf_case_get_document (kase, a, &error);
  g_assert_cmpstr (cf_document_get_title (doc), ==, "위수탁계약서");
  g_assert_cmpstr (cf_document_get_date (doc), ==, "2018-04-02");
  g_assert_cmpstr (cf_document_get_author (doc), ==, "카카오페이");
  log = cf_case_list_custody (kase, a, &error);
  last = g_ptr_array_index (log, log->len - 1);
  g_assert_cmpstr (last->action, ==, "edit");
  g_assert_nonnull (strstr (last->details, "\"previous_title\":\"scan\""));

  g_assert_true (cf_case_edit_document (kase, a, NULL, "2018-04", "", &error));
  g_clear_object (&doc);
  doc = cf_case_get_document (kase, a, &error);
  g_assert_cmpstr (cf_document_get_title (doc), ==, "위수탁계약서");
  g_assert_cmpstr (cf_document_get_date (doc), ==, "2018-04");
  g_assert_null (cf_document_get_author (doc));

  g_assert_false (cf_case_edit_document (kase, a, NULL, "2018-02-30", NULL, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cf_case_edit_document (kase, a, NULL, "yesterday", NULL, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cf_case_edit_document (kase, a, "", NULL, NULL, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cf_case_edit_document (kase, 4242, "x", NULL, NULL, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (cf_case_set_privileged (kase, a, "", &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cf_case_set_privileged (kase, a, "변호사-의뢰인 비밀유지", &error));
  g_clear_object (&doc);
  doc = cf_case_get_document (kase, a, &error);
  g_assert_true (cf_document_get_privileged (doc));
  g_assert_cmpstr (cf_document_get_privilege_basis (doc), ==, "변호사-의뢰인 비밀유지");
  g_assert_true (cf_case_set_privileged (kase, a, NULL, &error));
  g_clear_object (&doc);
  doc = cf_case_get_document (kase, a, &error);
  g_assert_false (cf_document_get_privileged (doc));
  tu_assert_fsck_clean (kase);
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/claims/tree", test_tree);
  g_test_add_func ("/claims/tags", test_tags);
  g_test_add_func ("/claims/document-edits", test_document_edits);
  return g_test_run ();
}
