/* test-workflow.c — the whole job through the real window, as a paralegal
 * does it: create a case, add claims, import a folder through the Import
 * command and its file chooser, tag by action, by the Tag dialog and by
 * dropping on a claim, undo and redo, edit and mark privileged, number with
 * the preview, export and verify the bundle. Each step asserts on the case
 * (through the core) and on what the widgets show.
 *
 * The steps run in order on one window; each is its own test case so a
 * failure says where. */
#include "gui-test-util.h"

#include "cf-claim-dialog.h"
#include "cf-details-pane.h"
#include "cf-document-table.h"
#include "cf-export-dialog.h"
#include "cf-new-case-dialog.h"
#include "cf-numbering-dialog.h"
#include "cf-page-view.h"
#include "cf-preview.h"
#include "cf-sidebar.h"
#include "cf-tag-dialog.h"
#include "cf-verify-dialog.h"
#include "cf-error.h"
#include "cf-extraction.h"
#include "cf-gui-util.h"

static struct
{
  char *dir;
  char *evidence;
  char *case_path;
  char *bundle;
  guint n_evidence;
  guint n_top;
  CfWindow *window;
  gint64 claim_entrustment;   /* 위수탁이지 유출이 아님 */
  gint64 claim_contract;      /* its sub-claim */
  gint64 claim_third_party;   /* their claim: 제3자 제공에 해당 */
} w;

static CfSession *
session (void)
{
  return cf_window_get_session (w.window);
}

static CfCase *
reader (void)
{
  return cf_session_get_reader (session ());
}

static gint64
document_titled (const char *title)
{
  return gt_document_titled (reader (), title);
}

static CfDocumentTable *
table (void)
{
  return CF_DOCUMENT_TABLE (cf_window_get_table (w.window));
}

static CfSidebar *
sidebar (void)
{
  return CF_SIDEBAR (cf_window_get_sidebar (w.window));
}

static CfTag *
tag_of (gint64 document_id,
        gint64 claim_id)
{
  g_autoptr(GPtrArray) tags = cf_case_list_tags (reader (), document_id, NULL);

  for (guint i = 0; tags && i < tags->len; i++)
    if (cf_tag_get_claim_id (g_ptr_array_index (tags, i)) == claim_id)
      return g_object_ref (g_ptr_array_index (tags, i));
  return NULL;
}

static void
activate (const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (w.window), action, parameter));
}

static void
select_only (gint64 id)
{
  g_assert_true (cf_document_table_select_id (table (), id));
  gt_spin (30);
}

static gboolean
has_case (gpointer data)
{
  return cf_window_get_session (w.window) != NULL;
}

/* Steps ------------------------------------------------------------------------ */

/* The keyboard focus is on a widget on screen inside @ancestor: a hidden
 * widget with the focus would swallow every shortcut. */
static GtkWidget *
assert_focus_within (GtkWidget *ancestor)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (w.window));

  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, ancestor));
  g_assert_true (gtk_widget_get_mapped (focus));
  return focus;
}

static void
test_create_case (void)
{
  CfNewCaseDialog *dialog;
  g_autoptr(GFile) location = g_file_new_for_path (w.dir);
  GtkEditable *title, *court, *number;
  AdwWindowTitle *window_title;

  w.window = gt_new_window ();
  g_assert_null (cf_window_get_session (w.window));

  activate ("win.new-case", NULL);
  dialog = CF_NEW_CASE_DIALOG (gt_wait_toplevel (CF_TYPE_NEW_CASE_DIALOG));
  title = GTK_EDITABLE (gt_child (dialog, CF_TYPE_NEW_CASE_DIALOG, "title_row"));
  court = GTK_EDITABLE (gt_child (dialog, CF_TYPE_NEW_CASE_DIALOG, "court_row"));
  number = GTK_EDITABLE (gt_child (dialog, CF_TYPE_NEW_CASE_DIALOG, "number_row"));
  gtk_editable_set_text (title, "페이코리아 v 개인정보보호위원회");
  gtk_editable_set_text (court, "서울행정법원");
  gtk_editable_set_text (number, "2024구합12345");
  cf_new_case_dialog_set_location (dialog, location);
  w.case_path = cf_new_case_dialog_dup_path (dialog);
  g_assert_true (g_str_has_prefix (w.case_path, w.dir));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-case.create", NULL));
  gt_wait_until (has_case, NULL, 20000, "the new case");
  gt_spin (100);

  /* The case exists on disk with what was typed. */
  g_assert_true (cf_case_is_case_folder (w.case_path));
  g_assert_cmpstr (cf_case_get_title (reader ()), ==, "페이코리아 v 개인정보보호위원회");
  g_assert_cmpstr (cf_case_get_court (reader ()), ==, "서울행정법원");
  g_assert_cmpstr (cf_case_get_case_number (reader ()), ==, "2024구합12345");
  g_assert_cmpint (cf_case_get_party (reader ()), ==, CF_PARTY_PLAINTIFF);
  g_assert_false (cf_session_get_read_only (session ()));

  /* The window shows it. */
  window_title = ADW_WINDOW_TITLE (gt_child (w.window, CF_TYPE_WINDOW,
                                                                  "window_title"));
  g_assert_cmpstr (adw_window_title_get_title (window_title), ==, "페이코리아 v 개인정보보호위원회");
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (window_title), "서울행정법원"));
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, 0);
  /* Something shown has the keyboard focus, so shortcuts work at once:
   * with no documents yet, the offer to import them. */
  gt_spin (50);
  g_assert_true (GTK_IS_BUTTON (assert_focus_within (GTK_WIDGET (table ()))));
}

static gint64
add_claim (const char *action,
           const char *title,
           gboolean    theirs)
{
  CfClaimDialog *dialog;
  GPtrArray *claims;
  guint before = cf_sidebar_get_claims (sidebar ())->len;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), action, NULL));
  dialog = CF_CLAIM_DIALOG (gt_wait_toplevel (CF_TYPE_CLAIM_DIALOG));
  /* Typing goes straight to the title. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)),
                                         gt_child (dialog, CF_TYPE_CLAIM_DIALOG, "title_row")));
  gtk_editable_set_text (GTK_EDITABLE (gt_child (dialog, CF_TYPE_CLAIM_DIALOG,
                                                                      "title_row")), title);
  adw_combo_row_set_selected (ADW_COMBO_ROW (gt_child (dialog, CF_TYPE_CLAIM_DIALOG,
                                                                            "side_row")),
                              theirs ? 1 : 0);
  cf_claim_dialog_confirm (dialog);
  gt_wait_edits (w.window);
  claims = cf_sidebar_get_claims (sidebar ());
  g_assert_cmpuint (claims->len, ==, before + 1);
  for (guint i = 0; i < claims->len; i++)
    if (g_strcmp0 (cf_claim_get_title (g_ptr_array_index (claims, i)), title) == 0)
      return cf_claim_get_id (g_ptr_array_index (claims, i));
  g_error ("The claim %s is not in the sidebar", title);
  return 0;
}

static void
test_claims (void)
{
  g_autoptr(GPtrArray) claims = NULL;
  GtkWidget *claims_view;

  w.claim_entrustment = add_claim ("sidebar.add-claim", "위수탁이지 유출이 아님", FALSE);
  cf_sidebar_select_view (sidebar (), CF_DOCUMENT_VIEW_CLAIM, w.claim_entrustment);
  gt_spin (30);
  w.claim_contract = add_claim ("sidebar.add-sub-claim", "위탁계약이 목적을 제한함", FALSE);
  w.claim_third_party = add_claim ("sidebar.add-claim", "제3자 제공에 해당", TRUE);

  /* In the case: a tree, the sub-claim under its parent, their claim. */
  claims = cf_case_list_claims (reader (), NULL);
  g_assert_cmpuint (claims->len, ==, 3);
  g_assert_cmpint (cf_claim_get_id (g_ptr_array_index (claims, 1)), ==, w.claim_contract);
  g_assert_cmpint (cf_claim_get_parent_id (g_ptr_array_index (claims, 1)), ==, w.claim_entrustment);
  g_assert_cmpint (cf_claim_get_side (g_ptr_array_index (claims, 2)), ==, CF_SIDE_THEIRS);

  /* In the sidebar: the three titles. */
  claims_view = gt_child (sidebar (), CF_TYPE_SIDEBAR, "claims_view");
  g_assert_nonnull (gt_find_widget (claims_view, GTK_TYPE_LABEL, "위수탁이지 유출이 아님"));
  g_assert_nonnull (gt_find_widget (claims_view, GTK_TYPE_LABEL, "위탁계약이 목적을 제한함"));
  g_assert_nonnull (gt_find_widget (claims_view, GTK_TYPE_LABEL, "제3자 제공에 해당"));

  /* Moving the sub-claim out one level is undoable like any edit. */
  cf_sidebar_select_view (sidebar (), CF_DOCUMENT_VIEW_CLAIM, w.claim_contract);
  gt_spin (30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), "sidebar.outdent-claim", NULL));
  gt_wait_edits (w.window);
  {
    g_autoptr(CfClaim) moved = cf_case_get_claim (reader (), w.claim_contract, NULL);

    g_assert_cmpint (cf_claim_get_parent_id (moved), ==, 0);
  }
  activate ("win.undo", NULL);
  gt_wait_edits (w.window);
  {
    g_autoptr(CfClaim) back = cf_case_get_claim (reader (), w.claim_contract, NULL);

    g_assert_cmpint (cf_claim_get_parent_id (back), ==, w.claim_entrustment);
  }
  cf_sidebar_select_view (sidebar (), CF_DOCUMENT_VIEW_ALL, 0);
  gt_spin (30);
}

static gboolean
import_done (gpointer data)
{
  return !cf_window_get_importing (w.window);
}

static void
test_import (void)
{
  g_autoptr(GFile) folder = g_file_new_for_path (w.evidence);
  GtkWidget *column_view;
  GtkWidget *count_label;

  /* The Import menu's folder item: the same action, then its chooser. */
  activate ("win.import-folder", NULL);
  gt_answer_file_chooser (folder);
  gt_wait_until (import_done, NULL, 60000, "the import to finish");
  gt_spin (100);

  /* The case holds every file, both archive members and the mail's
   * attachment, which reading the mail found: the import read what it
   * stored. */
  g_assert_cmpuint (cf_case_count_documents (reader ()), ==, w.n_evidence);
  g_assert_cmpuint (cf_case_count_unread (reader ()), ==, 0);
  {
    gint64 mail = document_titled ("재위탁 문의에 대한 회신");
    g_autoptr(CfDocument) document = cf_case_get_document (reader (), mail, NULL);

    g_assert_cmpstr (cf_document_get_date (document), ==, "2018-04-20");
    g_assert_nonnull (strstr (cf_document_get_author (document), "페이코리아 법무팀"));
    g_assert_cmpuint (cf_document_get_n_children (document), ==, 1);
    g_assert_cmpstr (cf_document_get_text_status (document), ==, "ok");
  }
  /* The list shows the top of each family: the four files, the archive
   * and the mail, with what reading found (the mail's subject). */
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, w.n_top);
  column_view = GTK_WIDGET (cf_document_table_get_column_view (table ()));
  g_assert_nonnull (gt_find_widget (column_view, GTK_TYPE_LABEL, "위탁계약서"));
  g_assert_nonnull (gt_find_widget (column_view, GTK_TYPE_LABEL, "메일 첨부"));
  g_assert_nonnull (gt_find_widget (column_view, GTK_TYPE_LABEL, "재위탁 문의에 대한 회신"));
  g_assert_nonnull (gt_find_widget (column_view, GTK_TYPE_LABEL, "2018-04-20"));
  {
    g_autofree char *expected = g_strdup_printf ("%u", w.n_top);

    g_assert_nonnull (strstr (cf_window_get_status_text (w.window), expected));
  }
  /* The rows took the focus from the import button that brought them. */
  assert_focus_within (column_view);

  /* The sidebar counts what is left to tag. */
  count_label = gt_child (sidebar (), CF_TYPE_SIDEBAR, "all_count");
  gt_spin (600);
  {
    g_autofree char *expected = g_strdup_printf ("%u", w.n_evidence);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count_label)), ==, expected);
  }
  /* Nothing was a duplicate or failed. */
  g_assert_cmpuint (g_list_model_get_n_items (cf_window_get_import_notes (w.window)), ==, 0);
}

static CfPreview *
preview (void)
{
  return CF_PREVIEW (gt_child (cf_window_get_details (w.window), CF_TYPE_DETAILS_PANE, "preview"));
}

static gboolean
preview_loaded (gpointer data)
{
  CfPreviewKind kind = cf_preview_get_kind (preview ());
  CfPageView *pages = cf_preview_get_page_view (preview ());

  if (kind == CF_PREVIEW_IMAGE || kind == CF_PREVIEW_PAGES)
    return !cf_page_view_get_loading (pages) && cf_page_view_get_paintable (pages) != NULL;
  return kind != CF_PREVIEW_LOADING;
}

static const char *
details_subtitle (const char *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (gt_child (cf_window_get_details (w.window),
                                                                CF_TYPE_DETAILS_PANE, row)));
}

/* Selecting a document shows it: the start of a CP949 text file decoded,
 * a picture, the text reading found in a mail, with its recipients. */
static void
test_details (void)
{
  GtkWidget *details = cf_window_get_details (w.window);
  gint64 memo = document_titled ("euc-kr 공문");
  gint64 picture = document_titled ("화면캡처");
  gint64 mail = document_titled ("재위탁 문의에 대한 회신");

  select_only (memo);
  gt_wait_until (preview_loaded, NULL, 20000, "the text preview");
  g_assert_cmpint (cf_details_pane_get_document (CF_DETAILS_PANE (details)), ==, memo);
  g_assert_cmpint (cf_preview_get_kind (preview ()), ==, CF_PREVIEW_TEXT);
  {
    g_autofree char *text = cf_preview_dup_text (preview ());

    g_assert_nonnull (strstr (text, "제3자 제공에 해당함"));
  }
  g_assert_nonnull (strstr (cf_preview_get_note (preview ()), "CP949"));
  /* Reading said so too, in words. */
  g_assert_nonnull (gt_find_widget (details, ADW_TYPE_ACTION_ROW,
                                    "The text is not UTF-8; it was read as CP949 (Korean Windows)"));

  select_only (picture);
  gt_wait_until (preview_loaded, NULL, 20000, "the picture");
  g_assert_cmpint (cf_preview_get_kind (preview ()), ==, CF_PREVIEW_IMAGE);
  /* A picture has no words a reader without OCR can take. */
  g_assert_nonnull (strstr (details_subtitle ("reading_row"), "OCR"));

  select_only (mail);
  gt_wait_until (preview_loaded, NULL, 20000, "the mail's text");
  g_assert_cmpint (cf_preview_get_kind (preview ()), ==, CF_PREVIEW_MAIL);
  {
    g_autofree char *text = cf_preview_dup_text (preview ());

    g_assert_nonnull (strstr (text, "재위탁은 허용되지 않습니다"));
    g_assert_null (strstr (text, "Content-Transfer-Encoding"));
  }
  /* The body was ks_c_5601-1987: reading took it as CP949. */
  g_assert_nonnull (strstr (cf_preview_get_note (preview ()), "CP949"));
  g_assert_cmpstr (cf_preview_get_header (preview (), "Subject"), ==, "재위탁 문의에 대한 회신");
  g_assert_cmpuint (cf_preview_get_n_family (preview ()), ==, 1);
  g_assert_cmpstr (details_subtitle ("recipients_row"), ==,
                   "ops@globalpay.example, 김 변호사 <counsel@lawfirm.example>");
  g_assert_false (gtk_widget_get_visible (gt_child (details, CF_TYPE_DETAILS_PANE, "reading_row")));

  /* Its attachment opens under it. */
  {
    GtkSelectionModel *model = gtk_column_view_get_model (cf_document_table_get_column_view (table ()));
    guint position = cf_document_list_find (cf_document_table_get_list (table ()), mail);
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);

    g_assert_true (gtk_tree_list_row_is_expandable (row));
    gtk_tree_list_row_set_expanded (row, TRUE);
    gt_spin (50);
    g_assert_nonnull (gt_find_widget (GTK_WIDGET (cf_document_table_get_column_view (table ())),
                                      GTK_TYPE_LABEL, "첨부 계약서"));
    gtk_tree_list_row_set_expanded (row, FALSE);
    gt_spin (20);
  }
}

/* Ctrl+F, a few letters, Enter: the matching documents (the text is
 * searched, so the attachment quoting the contract comes too, after the
 * contract whose title it is), the first one selected with the keyboard
 * on it, ready for Ctrl+1. Escape brings all back. */
static void
test_search (void)
{
  GtkWidget *entry = gt_child (w.window, CF_TYPE_WINDOW, "search_entry");
  GtkWidget *column_view = GTK_WIDGET (cf_document_table_get_column_view (table ()));
  guint all = cf_document_table_get_n_rows (table ());
  CfSearchResults *results;

  activate ("win.search", NULL);
  gt_spin (50);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (w.window)), entry));
  gt_search (w.window, "위탁계약");
  results = cf_document_table_get_results (table ());
  g_assert_nonnull (results);
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, 2);
  g_assert_cmpint (cf_search_results_get_id (results, 0), ==, document_titled ("위탁계약서"));
  g_assert_cmpint (cf_search_results_get_id (results, 1), ==, document_titled ("첨부 계약서"));
  g_assert_nonnull (gt_find_widget (column_view, GTK_TYPE_LABEL, "위탁계약서"));

  g_signal_emit_by_name (entry, "activate");
  gt_spin (50);
  g_assert_cmpuint (cf_document_table_get_n_selected (table ()), ==, 1);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (w.window)), column_view));
  {
    g_autoptr(GArray) selected = cf_document_table_get_selected_ids (table ());

    g_assert_cmpint (g_array_index (selected, gint64, 0), ==, document_titled ("위탁계약서"));
  }

  g_signal_emit_by_name (entry, "stop-search");
  gt_spin (100);
  g_assert_null (cf_document_table_get_results (table ()));
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, all);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (w.window)), column_view));
  /* What was selected in the results still is. */
  {
    g_autoptr(GArray) selected = cf_document_table_get_selected_ids (table ());

    g_assert_cmpuint (selected->len, ==, 1);
    g_assert_cmpint (g_array_index (selected, gint64, 0), ==, document_titled ("위탁계약서"));
  }
}

static void
test_import_duplicates (void)
{
  g_autofree char *copy_dir = g_build_filename (w.dir, "again", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "계약서 사본.txt", NULL);
  g_autofree char *original = g_build_filename (w.evidence, "위탁계약서.txt", NULL);
  g_autofree char *text = tu_read_file (original, NULL);
  const char *paths[] = { NULL, NULL };
  GListModel *notes;

  /* The same bytes under another name: recorded, marked a duplicate, and
   * reported at the end. */
  tu_mkdir (copy_dir);
  tu_write_text (copy, text);
  paths[0] = copy_dir;
  activate ("win.import-paths", g_variant_new_strv (paths, -1));
  gt_wait_until (import_done, NULL, 60000, "the second import");
  gt_spin (50);
  notes = cf_window_get_import_notes (w.window);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  g_assert_cmpuint (cf_case_count_documents (reader ()), ==, w.n_evidence + 1);
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, w.n_top + 1);
}

/* Files dropped from a file manager on the window are imported. */
static void
test_import_by_drop (void)
{
  g_autofree char *dropped = g_build_filename (w.dir, "끌어다 놓은 메모.txt", NULL);
  GtkWidget *overlay = gt_child (w.window, CF_TYPE_WINDOW, "drop_overlay");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (overlay);
  GtkDropTarget *target = NULL;
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  guint before = cf_case_count_documents (reader ());

  tu_write_text (dropped, "전화 통화 메모: 위탁 범위 재확인\n");
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  files = g_slist_append (files, g_file_new_for_path (dropped));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 300.0, 300.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  gt_wait_until (import_done, NULL, 60000, "the dropped file to import");
  gt_spin (100);
  g_assert_cmpuint (cf_case_count_documents (reader ()), ==, before + 1);
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (cf_document_table_get_column_view (table ())),
                                    GTK_TYPE_LABEL, "끌어다 놓은 메모"));
}

static void
test_tag_by_action (void)
{
  gint64 contract = document_titled ("위탁계약서");
  g_autoptr(CfTag) tag = NULL;
  CfDetailsPane *details = CF_DETAILS_PANE (cf_window_get_details (w.window));
  GtkWidget *claims_group;

  select_only (contract);
  g_assert_cmpint (cf_details_pane_get_document (details), ==, contract);
  /* The context menu's "Tag To" item and Ctrl+1 share this action. */
  activate ("win.tag-to-claim", g_variant_new_int64 (w.claim_contract));
  gt_wait_edits (w.window);

  tag = tag_of (contract, w.claim_contract);
  g_assert_nonnull (tag);
  g_assert_cmpint (cf_tag_get_stance (tag), ==, CF_STANCE_SUPPORTS);

  /* The details pane lists the claim; the row's claims cell names it. */
  claims_group = gt_child (details, CF_TYPE_DETAILS_PANE, "claims_group");
  g_assert_nonnull (gt_find_widget (claims_group, ADW_TYPE_EXPANDER_ROW, "위탁계약이 목적을 제한함"));
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (cf_document_table_get_column_view (table ())),
                                    GTK_TYPE_LABEL, "위탁계약이 목적을 제한함"));
  /* The selection survived the row's refresh. */
  g_assert_cmpuint (cf_document_table_get_n_selected (table ()), ==, 1);

  /* Ctrl+1 tags to the first claim in the sidebar. */
  activate ("win.tag-to-nth-claim", g_variant_new_uint32 (1));
  gt_wait_edits (w.window);
  g_clear_object (&tag);
  tag = tag_of (contract, w.claim_entrustment);
  g_assert_nonnull (tag);
}

static void
test_tag_dialog (void)
{
  gint64 memo = document_titled ("내부 메모");
  CfTagDialog *dialog;
  g_autoptr(CfTag) tag = NULL;

  select_only (memo);
  activate ("win.tag", NULL);
  dialog = CF_TAG_DIALOG (gt_wait_toplevel (CF_TYPE_TAG_DIALOG));
  g_assert_true (cf_tag_dialog_select_claim (dialog, w.claim_third_party));
  adw_combo_row_set_selected (ADW_COMBO_ROW (gt_child (dialog, CF_TYPE_TAG_DIALOG,
                                                                            "stance_row")),
                              CF_STANCE_UNDERMINES);
  gtk_editable_set_text (GTK_EDITABLE (gt_child (dialog, CF_TYPE_TAG_DIALOG,
                                                                      "pinpoint_row")), "2쪽");
  gtk_editable_set_text (GTK_EDITABLE (gt_child (dialog, CF_TYPE_TAG_DIALOG,
                                                                      "note_row")),
                         "재위탁 금지를 확인함");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "tag.confirm", NULL));
  gt_wait_edits (w.window);

  tag = tag_of (memo, w.claim_third_party);
  g_assert_nonnull (tag);
  g_assert_cmpint (cf_tag_get_stance (tag), ==, CF_STANCE_UNDERMINES);
  g_assert_cmpstr (cf_tag_get_pinpoint (tag), ==, "2쪽");
  g_assert_cmpstr (cf_tag_get_note (tag), ==, "재위탁 금지를 확인함");
}

static void
test_tag_by_drop (void)
{
  gint64 legacy = document_titled ("euc-kr 공문");
  gint64 screenshot = document_titled ("화면캡처");
  GtkDropTarget *target;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  GtkWidget *count_label;

  g_array_append_val (ids, legacy);
  g_array_append_val (ids, screenshot);

  /* What a drag from the list carries, dropped on the claim's row. */
  target = cf_sidebar_get_drop_target_for_claim (sidebar (), w.claim_third_party);
  g_assert_nonnull (target);
  g_value_init (&value, CF_TYPE_DOCUMENT_IDS);
  g_value_set_boxed (&value, ids);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 5.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  gt_wait_edits (w.window);

  {
    g_autoptr(CfTag) a = tag_of (legacy, w.claim_third_party);
    g_autoptr(CfTag) b = tag_of (screenshot, w.claim_third_party);

    g_assert_nonnull (a);
    g_assert_nonnull (b);
  }
  /* The claim's count in the sidebar follows: the memo and these two. */
  gt_spin (600);
  count_label = gt_find_widget (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)),
                                GTK_TYPE_LABEL, "3");
  g_assert_nonnull (count_label);
}

static void
test_undo_redo (void)
{
  gint64 legacy = document_titled ("euc-kr 공문");
  gint64 memo = document_titled ("내부 메모");

  /* Undo takes back the drop (both documents)… */
  activate ("win.undo", NULL);
  gt_wait_edits (w.window);
  {
    g_autoptr(CfTag) gone = tag_of (legacy, w.claim_third_party);

    g_assert_null (gone);
  }
  /* …redo puts it back… */
  activate ("win.redo", NULL);
  gt_wait_edits (w.window);
  {
    g_autoptr(CfTag) again = tag_of (legacy, w.claim_third_party);

    g_assert_nonnull (again);
  }

  /* …and undoing a re-tag restores the stance, pinpoint and note the tag
   * had, not defaults. */
  select_only (memo);
  activate ("win.tag-to-claim", g_variant_new_int64 (w.claim_third_party));
  gt_wait_edits (w.window);
  {
    g_autoptr(CfTag) retagged = tag_of (memo, w.claim_third_party);

    g_assert_cmpint (cf_tag_get_stance (retagged), ==, CF_STANCE_SUPPORTS);
  }
  activate ("win.undo", NULL);
  gt_wait_edits (w.window);
  {
    g_autoptr(CfTag) restored = tag_of (memo, w.claim_third_party);

    g_assert_cmpint (cf_tag_get_stance (restored), ==, CF_STANCE_UNDERMINES);
    g_assert_cmpstr (cf_tag_get_pinpoint (restored), ==, "2쪽");
    g_assert_cmpstr (cf_tag_get_note (restored), ==, "재위탁 금지를 확인함");
  }

  /* Untag from the context menu's "Untag From", then undo. */
  activate ("win.untag-from-claim", g_variant_new_int64 (w.claim_third_party));
  gt_wait_edits (w.window);
  {
    g_autoptr(CfTag) untagged = tag_of (memo, w.claim_third_party);

    g_assert_null (untagged);
  }
  activate ("win.undo", NULL);
  gt_wait_edits (w.window);
  {
    g_autoptr(CfTag) back = tag_of (memo, w.claim_third_party);

    g_assert_nonnull (back);
    g_assert_cmpstr (cf_tag_get_note (back), ==, "재위탁 금지를 확인함");
  }
}

/* Working through "Not Yet Tagged" from the keyboard: each tagged document
 * leaves the view and the next one is selected. */
static void
test_triage (void)
{
  GtkWidget *count = gt_child (sidebar (), CF_TYPE_SIDEBAR, "untagged_count");
  guint rows;
  gint64 first, second;

  cf_sidebar_select_view (sidebar (), CF_DOCUMENT_VIEW_UNTAGGED, 0);
  gt_spin (50);
  rows = cf_document_table_get_n_rows (table ());
  g_assert_cmpuint (rows, >=, 2);
  /* The last one (tagging an archive would take its members along). */
  first = cf_document_list_get_id (cf_document_table_get_list (table ()), rows - 1);
  second = cf_document_list_get_id (cf_document_table_get_list (table ()), rows - 2);
  select_only (first);

  /* Ctrl+2: the second claim in the sidebar. */
  activate ("win.tag-to-nth-claim", g_variant_new_uint32 (2));
  gt_wait_edits (w.window);
  {
    g_autoptr(CfTag) tag = tag_of (first, w.claim_contract);

    g_assert_nonnull (tag);
  }
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, rows - 1);
  g_assert_cmpuint (cf_document_table_get_n_selected (table ()), ==, 1);
  {
    g_autoptr(GArray) selected = cf_document_table_get_selected_ids (table ());

    g_assert_cmpint (g_array_index (selected, gint64, 0), ==, second);
  }
  gt_spin (600);
  {
    g_autofree char *expected = g_strdup_printf ("%u", rows - 1);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, expected);
  }

  /* Undo brings it back into the view. */
  activate ("win.undo", NULL);
  gt_wait_edits (w.window);
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, rows);
  cf_sidebar_select_view (sidebar (), CF_DOCUMENT_VIEW_ALL, 0);
  gt_spin (50);
}

/* Renaming, reordering, nesting by drag and deleting claims. */
static void
test_claim_editing (void)
{
  CfClaimDialog *dialog;
  AdwMessageDialog *confirm;
  gint64 extra;
  GtkDropTarget *target;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  /* Rename through Edit Claim… (F2). */
  cf_sidebar_select_view (sidebar (), CF_DOCUMENT_VIEW_CLAIM, w.claim_third_party);
  gt_spin (30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), "sidebar.edit-claim", NULL));
  dialog = CF_CLAIM_DIALOG (gt_wait_toplevel (CF_TYPE_CLAIM_DIALOG));
  gtk_editable_set_text (GTK_EDITABLE (gt_child (dialog, CF_TYPE_CLAIM_DIALOG, "title_row")),
                         "제3자 제공에 해당 (위원회 주장)");
  cf_claim_dialog_confirm (dialog);
  gt_wait_edits (w.window);
  {
    g_autoptr(CfClaim) renamed = cf_case_get_claim (reader (), w.claim_third_party, NULL);

    g_assert_cmpstr (cf_claim_get_title (renamed), ==, "제3자 제공에 해당 (위원회 주장)");
    g_assert_cmpint (cf_claim_get_side (renamed), ==, CF_SIDE_THEIRS);
  }

  /* A new claim moves up above the one before it (Alt+Up)… */
  extra = add_claim ("sidebar.add-claim", "안전성 확보조치 이행", FALSE);
  cf_sidebar_select_view (sidebar (), CF_DOCUMENT_VIEW_CLAIM, extra);
  gt_spin (30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), "sidebar.move-claim-up", NULL));
  gt_wait_edits (w.window);
  {
    g_autoptr(CfClaim) moved = cf_case_get_claim (reader (), extra, NULL);
    g_autoptr(CfClaim) other = cf_case_get_claim (reader (), w.claim_third_party, NULL);

    g_assert_cmpuint (cf_claim_get_position (moved), <, cf_claim_get_position (other));
  }

  /* …is dragged onto another claim to nest under it… */
  target = cf_sidebar_get_drop_target_for_claim (sidebar (), w.claim_entrustment);
  g_assert_nonnull (target);
  {
    g_autoptr(CfClaim) dragged = cf_case_get_claim (reader (), extra, NULL);

    g_value_init (&value, CF_TYPE_CLAIM);
    g_value_set_object (&value, dragged);
    g_signal_emit_by_name (target, "drop", &value, 5.0, 5.0, &accepted);
    g_value_unset (&value);
  }
  g_assert_true (accepted);
  gt_wait_edits (w.window);
  {
    g_autoptr(CfClaim) nested = cf_case_get_claim (reader (), extra, NULL);

    g_assert_cmpint (cf_claim_get_parent_id (nested), ==, w.claim_entrustment);
  }

  /* …and is deleted after a confirmation, which empties the history. */
  cf_sidebar_select_view (sidebar (), CF_DOCUMENT_VIEW_CLAIM, extra);
  gt_spin (30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), "sidebar.delete-claim", NULL));
  confirm = ADW_MESSAGE_DIALOG (gt_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gt_respond (confirm, "delete");
  gt_wait_edits (w.window);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CfClaim) gone = cf_case_get_claim (reader (), extra, &error);

    g_assert_null (gone);
    g_assert_error (error, CF_ERROR, CF_ERROR_NOT_FOUND);
  }
  g_assert_false (cf_session_can_undo (session ()));
  /* The view falls back to all documents. */
  g_assert_cmpint (cf_sidebar_get_view (sidebar (), NULL), ==, CF_DOCUMENT_VIEW_ALL);
}

static void
test_edit_and_privilege (void)
{
  gint64 memo = document_titled ("내부 메모");
  CfDetailsPane *details = CF_DETAILS_PANE (cf_window_get_details (w.window));
  GtkWidget *title_row, *date_row;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  select_only (memo);
  title_row = gt_child (details, CF_TYPE_DETAILS_PANE, "title_row");
  date_row = gt_child (details, CF_TYPE_DETAILS_PANE, "date_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "재위탁 검토 메모");
  g_signal_emit_by_name (title_row, "apply");
  gt_wait_edits (w.window);
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2023-01-04");
  g_signal_emit_by_name (date_row, "apply");
  gt_wait_edits (w.window);
  {
    g_autoptr(CfDocument) edited = cf_case_get_document (reader (), memo, NULL);

    g_assert_cmpstr (cf_document_get_title (edited), ==, "재위탁 검토 메모");
    g_assert_cmpstr (cf_document_get_date (edited), ==, "2023-01-04");
  }
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (cf_document_table_get_column_view (table ())),
                                    GTK_TYPE_LABEL, "재위탁 검토 메모"));

  /* A date the court would not accept is refused, with a dialog, and the
   * field shows what the case holds again. */
  gtk_editable_set_text (GTK_EDITABLE (date_row), "4 January");
  g_signal_emit_by_name (date_row, "apply");
  gt_wait_edits (w.window);
  dialog = ADW_MESSAGE_DIALOG (gt_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gt_respond (dialog, "close");
  gt_spin (50);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, "2023-01-04");

  /* Undo the date, then the title. */
  activate ("win.undo", NULL);
  gt_wait_edits (w.window);
  activate ("win.undo", NULL);
  gt_wait_edits (w.window);
  {
    g_autoptr(CfDocument) restored = cf_case_get_document (reader (), memo, NULL);

    g_assert_cmpstr (cf_document_get_title (restored), ==, "내부 메모");
    g_assert_null (cf_document_get_date (restored));
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "내부 메모");

  /* Mark privileged with a basis through the dialog Ctrl+P opens. */
  activate ("win.mark-privileged", NULL);
  dialog = ADW_MESSAGE_DIALOG (gt_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "변호사-의뢰인 간 통신");
  gt_respond (dialog, "mark");
  gt_wait_edits (w.window);
  {
    g_autoptr(CfDocument) privileged = cf_case_get_document (reader (), memo, NULL);

    g_assert_true (cf_document_get_privileged (privileged));
    g_assert_cmpstr (cf_document_get_privilege_basis (privileged), ==, "변호사-의뢰인 간 통신");
  }
  {
    GtkWidget *privilege_row = gt_child (details, CF_TYPE_DETAILS_PANE,
                                                              "privilege_row");

    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (privilege_row)), ==,
                     "변호사-의뢰인 간 통신");
  }
}

static gboolean
preview_ready (gpointer data)
{
  return cf_numbering_dialog_get_changes (data) != NULL;
}

static gboolean
numbers_missing_shown (gpointer data)
{
  return gtk_widget_get_visible (gt_child (data, CF_TYPE_EXPORT_DIALOG, "numbers_group"));
}

static void
test_number (void)
{
  CfExportDialog *export;
  CfNumberingDialog *dialog;
  GPtrArray *changes;
  gint64 contract = document_titled ("위탁계약서");
  gint64 memo = document_titled ("내부 메모");

  /* Export first, as a user might: the dialog says three tagged
   * documents have no number and offers to assign them. */
  activate ("win.export", NULL);
  export = CF_EXPORT_DIALOG (gt_wait_toplevel (CF_TYPE_EXPORT_DIALOG));
  gt_wait_until (numbers_missing_shown, export, 20000, "the export to check the numbers");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gt_child (export, CF_TYPE_EXPORT_DIALOG,
                                                                                 "numbers_row"))),
                   ==, "3 tagged documents have no exhibit number yet");
  /* It gives way to the numbering (one dialog at a time). */
  g_object_add_weak_pointer (G_OBJECT (export), (gpointer *) &export);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (export), "export.number", NULL));
  gt_spin (50);
  g_assert_null (export);
  dialog = CF_NUMBERING_DIALOG (gt_wait_toplevel (CF_TYPE_NUMBERING_DIALOG));
  gt_wait_until (preview_ready, dialog, 20000, "the numbering preview");
  changes = cf_numbering_dialog_get_changes (dialog);
  /* The contract (two claims), the legacy notice and the screenshot get
   * numbers; the privileged memo does not. */
  g_assert_cmpuint (changes->len, ==, 3);
  {
    g_autoptr(CfDocument) before = cf_case_get_document (reader (), contract, NULL);

    /* A preview changes nothing. */
    g_assert_null (cf_document_get_exhibit (before));
  }
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "갑 제1호증"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "numbering.apply", NULL));
  gt_wait_gone (GTK_WIDGET (dialog));
  gt_spin (50);
  {
    g_autoptr(CfDocument) numbered = cf_case_get_document (reader (), contract, NULL);
    g_autoptr(CfDocument) withheld = cf_case_get_document (reader (), memo, NULL);

    g_assert_cmpstr (cf_document_get_exhibit (numbered), ==, "갑 제1호증");
    g_assert_false (cf_document_get_exhibit_locked (numbered));
    g_assert_null (cf_document_get_exhibit (withheld));
  }
  /* The list shows the number. */
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (cf_document_table_get_column_view (table ())),
                                    GTK_TYPE_LABEL, "갑 제1호증"));
  /* And the export is back, with nothing missing now. */
  export = CF_EXPORT_DIALOG (gt_wait_toplevel (CF_TYPE_EXPORT_DIALOG));
  gt_spin (300);
  g_assert_false (gtk_widget_get_visible (gt_child (export, CF_TYPE_EXPORT_DIALOG, "numbers_group")));
  gt_close (GTK_WIDGET (export));
}

static gboolean
export_finished (gpointer data)
{
  return cf_export_dialog_get_sha256 (data) != NULL;
}

static void
test_export (void)
{
  CfExportDialog *dialog;
  g_autoptr(GFile) bundle = NULL;
  g_autofree char *data = NULL;
  g_autofree char *sha = NULL;
  gsize len = 0;
  gint64 contract = document_titled ("위탁계약서");
  GtkWidget *sha_row;

  w.bundle = g_build_filename (w.dir, "갑호증 묶음.zip", NULL);
  bundle = g_file_new_for_path (w.bundle);
  activate ("win.export", NULL);
  dialog = CF_EXPORT_DIALOG (gt_wait_toplevel (CF_TYPE_EXPORT_DIALOG));
  cf_export_dialog_set_destination (dialog, bundle);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.start", NULL));
  gt_wait_until (export_finished, dialog, 60000, "the export");

  /* The SHA-256 shown is the file's. */
  data = tu_read_file (w.bundle, &len);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  g_assert_cmpstr (cf_export_dialog_get_sha256 (dialog), ==, sha);
  sha_row = gt_child (dialog, CF_TYPE_EXPORT_DIALOG, "sha_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (sha_row)), ==, sha);

  /* Produced numbers are locked now. */
  {
    g_autoptr(CfDocument) exported = cf_case_get_document (reader (), contract, NULL);

    g_assert_true (cf_document_get_exhibit_locked (exported));
  }
  gt_close (GTK_WIDGET (dialog));
}

static gboolean
verified (gpointer data)
{
  GtkStack *stack = GTK_STACK (gt_child (data, CF_TYPE_VERIFY_DIALOG, "stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "result") == 0;
}

static void
test_verify (void)
{
  CfVerifyDialog *dialog;
  g_autoptr(GFile) bundle = g_file_new_for_path (w.bundle);
  g_autofree char *tampered_path = g_build_filename (w.dir, "tampered", NULL);

  activate ("win.verify-bundle", NULL);
  dialog = CF_VERIFY_DIALOG (gt_wait_toplevel (CF_TYPE_VERIFY_DIALOG));
  /* What the Choose Bundle button's chooser does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "verify.choose-file", NULL));
  gt_answer_file_chooser (bundle);
  gt_wait_until (verified, dialog, 30000, "the verification");
  g_assert_true (cf_verify_dialog_get_intact (dialog));
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (dialog), ADW_TYPE_STATUS_PAGE,
                                    cf_verify_dialog_get_result_title (dialog)));

  /* An extracted copy with one exhibit altered is reported as altered. */
  {
    const char *argv[] = { "bsdtar", "-xf", w.bundle, "-C", tampered_path, NULL };
    g_autoptr(GError) error = NULL;
    int status = 0;
    g_autoptr(GDir) dir = NULL;
    g_autofree char *top = NULL;
    g_autofree char *exhibits = NULL;
    g_autoptr(GFile) folder = NULL;
    const char *name;

    tu_mkdir (tampered_path);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                                 NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    dir = g_dir_open (tampered_path, 0, NULL);
    top = g_build_filename (tampered_path, g_dir_read_name (dir), NULL);
    exhibits = g_build_filename (top, "exhibits", NULL);
    g_clear_pointer (&dir, g_dir_close);
    dir = g_dir_open (exhibits, 0, NULL);
    g_assert_nonnull (dir);
    name = g_dir_read_name (dir);
    g_assert_nonnull (name);
    {
      g_autofree char *victim = g_build_filename (exhibits, name, NULL);

      tu_write_text (victim, "바꿔치기한 내용\n");
    }
    folder = g_file_new_for_path (top);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "verify.again", NULL));
    cf_verify_dialog_verify (dialog, folder);
    gt_wait_until (verified, dialog, 30000, "the second verification");
    g_assert_false (cf_verify_dialog_get_intact (dialog));
    g_assert_nonnull (gt_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, NULL));
  }
  gt_close (GTK_WIDGET (dialog));
}

/* The case was released and is sound. */
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
  w.n_evidence = gt_write_evidence (w.evidence, &w.n_top);

  g_test_add_func ("/workflow/create-case", test_create_case);
  g_test_add_func ("/workflow/claims", test_claims);
  g_test_add_func ("/workflow/import", test_import);
  g_test_add_func ("/workflow/details", test_details);
  g_test_add_func ("/workflow/search", test_search);
  g_test_add_func ("/workflow/import-duplicates", test_import_duplicates);
  g_test_add_func ("/workflow/import-by-drop", test_import_by_drop);
  g_test_add_func ("/workflow/tag-by-action", test_tag_by_action);
  g_test_add_func ("/workflow/tag-dialog", test_tag_dialog);
  g_test_add_func ("/workflow/tag-by-drop", test_tag_by_drop);
  g_test_add_func ("/workflow/undo-redo", test_undo_redo);
  g_test_add_func ("/workflow/triage", test_triage);
  g_test_add_func ("/workflow/claim-editing", test_claim_editing);
  g_test_add_func ("/workflow/edit-and-privilege", test_edit_and_privilege);
  g_test_add_func ("/workflow/number", test_number);
  g_test_add_func ("/workflow/export", test_export);
  g_test_add_func ("/workflow/verify", test_verify);
  g_test_add_func ("/workflow/close", test_close);
  return g_test_run ();
}
