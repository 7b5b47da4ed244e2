/* test-remove.c — "Remove from Case…" through the real window: a member
 * alone cannot be removed (the command is greyed and Delete does nothing),
 * a member selected without its family is left out and the dialog says
 * so, Cancel changes nothing, and removing an archive takes its members,
 * its original file and its rows, with a "remove" custody entry per
 * document carrying the reason; removing a document that has a copy
 * elsewhere leaves the copy as the original, its file kept. Evidence
 * produced to the court is never offered for removal.
 *
 * The steps run in order on one window; each is its own test case so a
 * failure says where. */
#include "gui-test-util.h"

#include <string.h>

#include "cf-bundle.h"
#include "cf-document-table.h"
#include "cf-extraction.h"
#include "cf-gui-util.h"
#include "cf-numbering.h"

static struct
{
  char *dir;
  char *evidence;
  char *case_path;
  guint n_documents;
  guint n_top;
  CfWindow *window;
} w;

static CfCase *
reader (void)
{
  return cf_session_get_reader (cf_window_get_session (w.window));
}

static gint64
document_titled (const char *title)
{
  return gt_document_titled (reader (), title);
}

static gint64
document_named (const char *name)
{
  return gt_document_named (reader (), name);
}

static CfDocumentTable *
table (void)
{
  return CF_DOCUMENT_TABLE (cf_window_get_table (w.window));
}

static gboolean
is_gone (gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CfDocument) document = cf_case_get_document (reader (), id, &error);

  return document == NULL;
}

static void
select_only (gint64 id)
{
  g_assert_true (cf_document_table_select_id (table (), id));
  gt_spin (30);
}

/* The row of the document in the list as it shows now (families open or
 * not). */
static guint
position_of (gint64 id)
{
  GtkSelectionModel *model = gtk_column_view_get_model (cf_document_table_get_column_view (table ()));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    if (cf_document_table_get_row_id (table (), i) == id)
      return i;
  g_error ("Document %" G_GINT64_FORMAT " is not in the list", id);
  return G_MAXUINT;
}

/* What Delete does in the list: the window's command, from the table. */
static void
press_delete (void)
{
  gtk_widget_activate_action (GTK_WIDGET (table ()), "win.remove-documents", NULL);
  gt_spin (50);
}

/* Delete when it opens the confirmation: the dialog. */
static AdwMessageDialog *
press_delete_for_dialog (void)
{
  press_delete ();
  return ADW_MESSAGE_DIALOG (gt_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Ctrl+click on the document's row: it joins the selection. */
static void
add_to_selection (gint64 id)
{
  GtkSelectionModel *model = gtk_column_view_get_model (cf_document_table_get_column_view (table ()));

  gtk_selection_model_select_item (model, position_of (id), FALSE);
  gt_spin (50);
}

/* The context menu's item, greyed out or not as the action is. */
static gboolean
menu_item_sensitive (void)
{
  GtkWidget *popover = gt_child (table (), CF_TYPE_DOCUMENT_TABLE, "context_popover");
  GtkWidget *label = gt_find_widget (popover, GTK_TYPE_LABEL, "Remove from Case…");

  g_assert_nonnull (label);
  return gtk_widget_is_sensitive (label);
}

static guint
count_custody (const char *action,
               const char *details_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = cf_case_list_custody (reader (), 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      CfCustodyEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->action, action) == 0 &&
          (details_part == NULL || strstr (entry->details, details_part) != NULL))
        n++;
    }
  return n;
}

static gboolean
import_done (gpointer data)
{
  return !cf_window_get_importing (w.window) && cf_case_count_unread (reader ()) == 0;
}

/* A duplicate is not read again (its original was), so it stays unread. */
static gboolean
not_importing (gpointer data)
{
  return !cf_window_get_importing (w.window);
}

static gboolean
list_shows (const char *title)
{
  return gt_find_widget (GTK_WIDGET (cf_document_table_get_column_view (table ())),
                         GTK_TYPE_LABEL, title) != NULL;
}

/* Steps ------------------------------------------------------------------------ */

static void
test_set_up (void)
{
  g_autoptr(CfCase) kase = tu_new_case (w.dir, "잘못 가져온 자료");
  g_autofree char *copy_dir = g_build_filename (w.dir, "다시 받은 자료", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "계약서 사본.txt", NULL);
  g_autofree char *original = g_build_filename (w.evidence, "위탁계약서.txt", NULL);
  g_autofree char *text = tu_read_file (original, NULL);
  const char *paths[] = { w.evidence, NULL };
  g_autofree char *produced_dir = g_build_filename (w.dir, "제출본", NULL);
  g_autofree char *produced = g_build_filename (produced_dir, "제출한 증거.txt", NULL);
  g_autofree char *bundle = g_build_filename (w.dir, "bundle.zip", NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(CfExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CfExportOptions options = { .format = CF_BUNDLE_ZIP };
  gint64 claim, id;

  /* A document produced to the court before the window opens: numbered
   * and exported, so its number is locked. */
  tu_mkdir (produced_dir);
  tu_write_text (produced, "법원에 이미 낸 증거");
  items = tu_import_one (kase, produced);
  id = ((TuItem *) g_ptr_array_index (items, 0))->document_id;
  claim = cf_case_add_claim (kase, "제출한 쟁점", 0, CF_SIDE_OURS, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cf_case_tag (kase, claim, &id, 1, CF_STANCE_SUPPORTS, NULL, NULL, &error));
  changes = cf_case_number_exhibits (kase, FALSE, &error);
  g_assert_no_error (error);
  result = cf_case_export_bundle (kase, bundle, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  w.n_documents++;
  w.n_top++;

  w.case_path = g_strdup (cf_case_get_path (kase));
  g_clear_object (&kase);
  w.window = gt_new_window ();
  gt_open_case (w.window, w.case_path);
  gtk_widget_activate_action_variant (GTK_WIDGET (w.window), "win.import-paths",
                                      g_variant_new_strv (paths, -1));
  gt_wait_until (import_done, NULL, 120000, "the import and its reading");
  gt_spin (100);

  /* The same bytes as the contract from elsewhere: a duplicate row. */
  tu_mkdir (copy_dir);
  tu_write_text (copy, text);
  paths[0] = copy_dir;
  gtk_widget_activate_action_variant (GTK_WIDGET (w.window), "win.import-paths",
                                      g_variant_new_strv (paths, -1));
  gt_wait_until (not_importing, NULL, 120000, "the copy's import");
  gt_spin (100);
  g_assert_cmpuint (cf_case_count_documents (reader ()), ==, w.n_documents + 1);
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, w.n_top + 1);
  w.n_documents++;
  w.n_top++;
}

/* A member alone: the command is greyed out and Delete opens nothing. */
static void
test_member_alone (void)
{
  gint64 member = document_named ("전송 로그.txt");

  select_only (document_titled ("메일 첨부"));
  g_assert_true (menu_item_sensitive ());

  g_assert_true (cf_document_table_reveal (table (), member));
  gt_spin (50);
  g_assert_cmpuint (cf_document_table_get_n_selected (table ()), ==, 1);
  g_assert_false (menu_item_sensitive ());
  press_delete ();
  g_assert_null (gt_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (cf_case_count_documents (reader ()), ==, w.n_documents);
}

/* Produced evidence: alone, the command is greyed; beside a document that
 * may go, the dialog leaves it out and says why. */
static void
test_produced_left_out (void)
{
  gint64 produced = document_titled ("제출한 증거");
  gint64 memo = document_titled ("내부 메모");
  AdwMessageDialog *dialog;

  select_only (produced);
  g_assert_false (menu_item_sensitive ());
  press_delete ();
  g_assert_null (gt_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  add_to_selection (memo);
  g_assert_cmpuint (cf_document_table_get_n_selected (table ()), ==, 2);
  g_assert_true (menu_item_sensitive ());
  dialog = press_delete_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove 1 Document?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "1 selected document is left out: it was produced to the court"));
  gt_respond (dialog, "cancel");
  gt_wait_edits (w.window);
  g_assert_false (is_gone (produced));
  g_assert_cmpuint (count_custody ("remove", NULL), ==, 0);
}

/* A member selected without its family's top is left out, and the dialog
 * says so; Cancel (the default) changes nothing. */
static void
test_member_left_out (void)
{
  gint64 attachment = document_named ("첨부 계약서.txt");
  gint64 memo = document_titled ("내부 메모");
  AdwMessageDialog *dialog;

  g_assert_true (cf_document_table_reveal (table (), attachment));
  gt_spin (50);
  add_to_selection (memo);
  g_assert_cmpuint (cf_document_table_get_n_selected (table ()), ==, 2);
  g_assert_true (menu_item_sensitive ());

  dialog = press_delete_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove 1 Document?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "1 selected member of a family is left out"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cannot be undone"));
  /* A lone memo has no family to mention. */
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "in all"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "remove"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  gt_respond (dialog, "cancel");
  gt_wait_edits (w.window);
  g_assert_false (is_gone (memo));
  g_assert_cmpuint (cf_case_count_documents (reader ()), ==, w.n_documents);
  g_assert_cmpuint (count_custody ("remove", NULL), ==, 0);
}

/* Removing the archive takes its two members and its original file; the
 * reason goes into each custody entry. */
static void
test_remove_family (void)
{
  gint64 archive = document_titled ("메일 첨부");
  gint64 member = document_named ("전송 로그.txt");
  g_autoptr(CfDocument) document = cf_case_get_document (reader (), archive, NULL);
  g_autofree char *object = cf_case_dup_object_path (reader (), document);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_assert_nonnull (object);
  g_assert_true (g_file_test (object, G_FILE_TEST_EXISTS));
  select_only (archive);
  g_assert_true (menu_item_sensitive ());
  dialog = press_delete_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove 1 Document?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "Their families go with them: 3 documents in all."));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "left out"));
  entry = gt_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  다른 사건 자료를 잘못 가져옴 ");
  gt_respond (dialog, "remove");
  gt_wait_edits (w.window);

  g_assert_true (is_gone (archive));
  g_assert_true (is_gone (member));
  g_assert_cmpuint (cf_case_count_documents (reader ()), ==, w.n_documents - 3);
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, w.n_top - 1);
  g_assert_false (list_shows ("메일 첨부"));
  g_assert_false (g_file_test (object, G_FILE_TEST_EXISTS));
  /* One entry per document, each with the reason as typed (trimmed). */
  g_assert_cmpuint (count_custody ("remove", NULL), ==, 3);
  g_assert_cmpuint (count_custody ("remove", "\"다른 사건 자료를 잘못 가져옴\""), ==, 3);
  /* Nothing to undo: the history starts again. */
  g_assert_false (cf_session_can_undo (cf_window_get_session (w.window)));
  {
    g_autofree char *expected = g_strdup_printf ("%u documents", w.n_top - 1);

    g_assert_nonnull (strstr (cf_window_get_status_text (w.window), expected));
  }
  w.n_documents -= 3;
  w.n_top -= 1;
}

/* The contract has a copy from elsewhere: the copy stays, becomes the
 * original, and keeps the file. */
static void
test_remove_with_copy (void)
{
  gint64 contract = document_titled ("위탁계약서");
  gint64 copy = document_titled ("계약서 사본");
  g_autoptr(CfDocument) before = cf_case_get_document (reader (), copy, NULL);
  g_autoptr(CfDocument) after = NULL;
  g_autofree char *object = NULL;
  AdwMessageDialog *dialog;

  g_assert_cmpint (cf_document_get_duplicate_of (before), ==, contract);
  select_only (contract);
  gtk_widget_activate_action (GTK_WIDGET (w.window), "win.remove-documents", NULL);
  dialog = ADW_MESSAGE_DIALOG (gt_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "in all"));
  gt_respond (dialog, "remove");
  gt_wait_edits (w.window);

  g_assert_true (is_gone (contract));
  after = cf_case_get_document (reader (), copy, NULL);
  g_assert_nonnull (after);
  g_assert_cmpint (cf_document_get_duplicate_of (after), ==, 0);
  object = cf_case_dup_object_path (reader (), after);
  g_assert_true (g_file_test (object, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (cf_case_count_documents (reader ()), ==, w.n_documents - 1);
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, w.n_top - 1);
  g_assert_true (list_shows ("계약서 사본"));
  g_assert_cmpuint (count_custody ("remove", NULL), ==, 4);
}

/* What is left is sound: no orphan objects, no dangling rows, the
 * custody chain whole. */
static void
test_close (void)
{
  gt_close_and_check_case (GTK_WIDGET (w.window), w.case_path);
}

int
main (int   argc,
      char *argv[])
{
  gt_init (&argc, &argv);

  w.dir = tu_temp_dir ();
  w.evidence = g_build_filename (w.dir, "의뢰인 자료", NULL);
  tu_mkdir (w.evidence);
  w.n_documents = gt_write_evidence (w.evidence, &w.n_top);

  g_test_add_func ("/remove/set-up", test_set_up);
  g_test_add_func ("/remove/member-alone", test_member_alone);
  g_test_add_func ("/remove/member-left-out", test_member_left_out);
  g_test_add_func ("/remove/produced-left-out", test_produced_left_out);
  g_test_add_func ("/remove/family", test_remove_family);
  g_test_add_func ("/remove/with-copy", test_remove_with_copy);
  g_test_add_func ("/remove/close", test_close);
  return g_test_run ();
}
