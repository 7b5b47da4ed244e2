/* test-open.c — opening cases: through Open Case and its chooser, a case
 * another program holds (the window names the holder and offers to open it
 * read-only, and then nothing can change it), a folder that is not a case
 * (a dialog says so), a case with documents nobody read yet (they are
 * read as it opens; Stop and Read Unread Documents), and a case an earlier
 * Casefile wrote (the window says it is being upgraded). */
#include "gui-test-util.h"

#include <unistd.h>

#include "cf-case-private.h"
#include "cf-check-dialog.h"
#include "cf-db.h"
#include "cf-document-table.h"
#include "cf-extraction.h"
#include "cf-numbering-dialog.h"

static gboolean
has_case (gpointer data)
{
  return cf_window_get_session (data) != NULL;
}

static gboolean
check_done (gpointer data)
{
  return cf_check_dialog_get_problems (data) >= 0;
}

static void
test_locked_case (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) holder = tu_new_case (dir, "다른 곳에서 연 사건");
  g_autofree char *pid = g_strdup_printf ("pid %d", (int) getpid ());
  CfWindow *window = gt_new_window ();
  AdwMessageDialog *dialog;
  CfSession *session;
  const char *paths[] = { dir, NULL };

  /* The core's holder is this very process, through another open. */
  cf_window_open_case (window, cf_case_get_path (holder), FALSE);
  dialog = ADW_MESSAGE_DIALOG (gt_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog), "cf-locked-dialog"));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Case Is Open Elsewhere");
  /* It says who has it. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), pid));
  g_assert_null (cf_window_get_session (window));

  gt_respond (dialog, "read-only");
  gt_wait_until (has_case, window, 20000, "the case to open read-only");
  gt_spin (100);
  session = cf_window_get_session (window);
  g_assert_true (cf_session_get_read_only (session));

  /* Nothing that writes can run: its buttons are off, and the commands do
   * nothing. The window says why. */
  g_assert_false (gtk_widget_get_sensitive (gt_child (window, CF_TYPE_WINDOW, "number_button")));
  g_assert_false (gtk_widget_get_sensitive (gt_child (window, CF_TYPE_WINDOW, "export_button")));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.import-paths",
                                      g_variant_new_strv (paths, -1));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.number", NULL);
  gt_spin (100);
  g_assert_false (cf_window_get_importing (window));
  g_assert_null (gt_find_toplevel (CF_TYPE_NUMBERING_DIALOG));
  g_assert_cmpuint (cf_case_count_documents (cf_session_get_reader (session)), ==, 0);
  g_assert_nonnull (strstr (cf_window_get_status_text (window), "read-only"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gt_child (window, CF_TYPE_WINDOW,
                                                                         "notice_revealer"))));
  /* Reading still works: Check Case runs to its report. (Whether a
   * read-only case can check everything is the core's business: its
   * search-index check needs to write.) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-case", NULL));
  {
    GtkWidget *check = gt_wait_toplevel (CF_TYPE_CHECK_DIALOG);

    gt_wait_until (check_done, check, 20000, "the check");
    g_test_message ("problems reported for the read-only case: %d",
                    cf_check_dialog_get_problems (CF_CHECK_DIALOG (check)));
    gt_close (check);
  }

  gt_close (GTK_WIDGET (window));
}

static void
test_not_a_case (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  CfWindow *window = gt_new_window ();
  AdwMessageDialog *dialog;

  /* What Open Case… and its chooser do with an ordinary folder. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-case", NULL));
  gt_answer_file_chooser (folder);
  dialog = ADW_MESSAGE_DIALOG (gt_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could not open the case");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not a case folder"));
  gt_respond (dialog, "close");
  g_assert_null (cf_window_get_session (window));
  gt_close (GTK_WIDGET (window));
}

static void
test_open_and_recent (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) kase = tu_new_case (dir, "최근 사건");
  g_autofree char *path = g_strdup (cf_case_get_path (kase));
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  CfWindow *window = gt_new_window ();
  CfWindow *again;
  GtkWidget *recent;

  g_clear_object (&kase);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-case", NULL));
  gt_answer_file_chooser (folder);
  gt_wait_until (has_case, window, 20000, "the chosen case to open");
  g_assert_cmpstr (cf_case_get_title (cf_session_get_reader (cf_window_get_session (window))), ==,
                   "최근 사건");
  gt_close (GTK_WIDGET (window));
  gt_spin (200);

  /* A new window lists it under Recent Cases; activating the row opens it. */
  again = gt_new_window ();
  recent = gt_child (again, CF_TYPE_WINDOW, "recent_list");
  g_assert_true (gtk_widget_get_visible (gt_child (again, CF_TYPE_WINDOW, "recent_group")));
  {
    GtkWidget *row = gtk_widget_get_first_child (recent);

    g_assert_true (ADW_IS_ACTION_ROW (row));
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, path);
    g_signal_emit_by_name (row, "activated");
  }
  gt_wait_until (has_case, again, 20000, "the recent case to open");
  gt_close (GTK_WIDGET (again));
}

/* A case of schema 6, whose search index held bigrams only: opening it
 * says the case is being upgraded, and once open it is searched with the
 * rebuilt index. Opening it again says nothing of an upgrade. */
static void
test_upgrade (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) kase = tu_new_case (dir, "예전 사건");
  g_autofree char *path = g_strdup (cf_case_get_path (kase));
  g_autofree char *file = g_build_filename (dir, "위수탁계약서.txt", NULL);
  g_autoptr(GError) error = NULL;
  CfWindow *window;
  AdwStatusPage *loading;
  CfSession *session;

  tu_write_text (file, "수탁자는 위수탁계약서에 따라 업무를 처리한다.");
  g_ptr_array_unref (tu_import_one (kase, file));
  tu_use_bigram_index (kase);
  g_assert_true (cf_db_exec (cf_case_get_db (kase), "PRAGMA user_version = 6", &error));
  g_assert_no_error (error);
  g_clear_object (&kase);
  g_assert_true (cf_case_needs_upgrade (path));

  window = gt_new_window ();
  loading = ADW_STATUS_PAGE (gt_child (window, CF_TYPE_WINDOW, "loading_page"));
  cf_window_open_case (window, path, FALSE);
  gt_wait_until (has_case, window, 20000, "the old case to open");
  /* What the loading page said while it opened. */
  g_assert_cmpstr (adw_status_page_get_title (loading), ==, "Upgrading the Case…");
  g_assert_nonnull (strstr (adw_status_page_get_description (loading), "search index"));
  session = cf_window_get_session (window);
  g_assert_cmpint (cf_db_schema_version (cf_case_get_db (cf_session_get_reader (session))), ==,
                   CF_SCHEMA_VERSION);
  g_assert_false (cf_case_needs_upgrade (path));
  gt_search (window, "위수탁계약서");
  g_assert_cmpuint (cf_document_table_get_n_rows (CF_DOCUMENT_TABLE (cf_window_get_table (window))), ==, 1);
  gt_close (GTK_WIDGET (window));
  gt_spin (200);

  window = gt_new_window ();
  loading = ADW_STATUS_PAGE (gt_child (window, CF_TYPE_WINDOW, "loading_page"));
  cf_window_open_case (window, path, FALSE);
  gt_wait_until (has_case, window, 20000, "the case to open again");
  g_assert_cmpstr (adw_status_page_get_title (loading), ==, "Opening the Case…");
  gt_close (GTK_WIDGET (window));
}

static gboolean
not_importing (gpointer data)
{
  return !cf_window_get_importing (data);
}

static void
test_reads_unread (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *evidence = g_build_filename (dir, "자료", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "읽지 않은 사건");
  g_autofree char *path = g_strdup (cf_case_get_path (kase));
  g_autoptr(GPtrArray) items = NULL;
  const char *paths[] = { evidence, NULL };
  CfWindow *window;
  CfCase *reader;
  CfDocumentTable *table;
  GtkWidget *column_view;
  guint64 unread;

  /* Stored by the core alone, as casefile-cli import --no-extract does:
   * nothing is read yet. */
  tu_mkdir (evidence);
  gt_write_evidence (evidence, NULL);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/메모 %03u.txt", evidence, i);
      g_autofree char *text = g_strdup_printf ("메모 %u: 확인 필요\n", i);

      tu_write_text (file, text);
    }
  items = tu_import (kase, paths, NULL);
  g_assert_cmpuint (cf_case_count_unread (kase), >, 400);
  g_clear_object (&kase);

  /* Opening it starts reading, with the progress bar and its Stop. */
  window = gt_new_window ();
  cf_window_open_case (window, path, FALSE);
  gt_wait_until (has_case, window, 20000, "the case to open");
  reader = cf_session_get_reader (cf_window_get_session (window));
  g_assert_true (cf_window_get_importing (window));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gt_child (window, CF_TYPE_WINDOW,
                                                                         "import_revealer"))));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gt_child (window, CF_TYPE_WINDOW,
                                                                "import_cancel_button"))),
                   ==, "_Stop Reading");
  /* Numbering waits for the dates reading finds. */
  g_assert_false (gtk_widget_get_sensitive (gt_child (window, CF_TYPE_WINDOW, "number_button")));

  /* Stop: what was read stays read, the rest waits. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-import", NULL));
  gt_wait_until (not_importing, window, 60000, "the reading to stop");
  unread = cf_case_count_unread (reader);
  g_test_message ("stopped with %" G_GUINT64_FORMAT " documents unread", unread);
  g_assert_cmpuint (unread, >, 0);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gt_child (window, CF_TYPE_WINDOW,
                                                                          "import_revealer"))));

  /* Import ▸ Read Unread Documents reads the rest; the list shows what
   * reading found (the mail's subject as its title). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.read-documents", NULL));
  g_assert_true (cf_window_get_importing (window));
  gt_wait_until (not_importing, window, 120000, "the reading to finish");
  gt_spin (100);
  g_assert_cmpuint (cf_case_count_unread (reader), ==, 0);
  table = CF_DOCUMENT_TABLE (cf_window_get_table (window));
  column_view = GTK_WIDGET (cf_document_table_get_column_view (table));
  gt_search (window, "회신");
  /* The mail and its attachment (named after it). */
  g_assert_cmpuint (cf_document_table_get_n_rows (table), ==, 2);
  g_assert_nonnull (gt_find_widget (column_view, GTK_TYPE_LABEL, "재위탁 문의에 대한 회신"));
  g_assert_true (gtk_widget_get_sensitive (gt_child (window, CF_TYPE_WINDOW, "number_button")));
  /* Nothing left: the command says so instead of starting. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.read-documents", NULL));
  g_assert_false (cf_window_get_importing (window));
  gt_close (GTK_WIDGET (window));
}

int
main (int   argc,
      char *argv[])
{
  gt_init (&argc, &argv);
  g_test_add_func ("/open/locked-case", test_locked_case);
  g_test_add_func ("/open/not-a-case", test_not_a_case);
  g_test_add_func ("/open/recent", test_open_and_recent);
  g_test_add_func ("/open/reads-unread", test_reads_unread);
  g_test_add_func ("/open/upgrade", test_upgrade);
  return g_test_run ();
}
