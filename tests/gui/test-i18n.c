/* test-i18n.c — under LANGUAGE=ko the whole app speaks Korean: every label
 * the user can see in the welcome view, the case window, the dialogs and
 * the shortcuts window is checked, and any that is English fails the test.
 *
 * A label counts as English when it has no Hangul and holds a Latin word
 * of three letters or more that is not a name or format (Casefile,
 * SHA-256, ZIP…). Sizes, dates and numbers pass. */
#include "config.h"

#include "gui-test-util.h"

#include <string.h>

#include "cf-check-dialog.h"
#include "cf-document-table.h"
#include "cf-export-dialog.h"
#include "cf-new-case-dialog.h"
#include "cf-numbering-dialog.h"
#include "cf-sidebar.h"
#include "cf-tag-dialog.h"
#include "cf-verify-dialog.h"

static const char *allowed_words[] = {
  "Casefile", "SHA", "ZIP", "TAR", "PDF", "CSV", "PNG", "JPEG", "HTML", "XML", "JSON",
  "AES", "UTF", "CP949", "Ctrl", "Shift", "Alt", "Enter", "Insert", "Delete", "Left", "Right",
  "Up", "Down", "Home", "Menu", "YYYY", "MM", "DD", "PX", "sha256sum", "SHA256SUMS", "Zip",
  "Windows", "Explorer", "GTK", "GNOME", "GPL", "Ltd", "Lt", "kB", "MB", "GB", "bytes",
  "root", "meson", "devenv", "txt", "zip", "png", "eml", "KR", "Word", "Excel", "HWP", "HWPX",
  "Outlook", "GZIP", "PowerPoint", "Tab", "Space", "Backspace", "Escape", "Esc", "Page",
  NULL
};

static gboolean
has_hangul (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_english (const char *text)
{
  g_autoptr(GRegex) words = g_regex_new ("[A-Za-z]{3,}", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  /* Hangul, or data rather than words of the UI: a path, a hash. */
  if (has_hangul (text) || text[0] == '/' ||
      (strlen (text) == 64 && strspn (text, "0123456789abcdef") == 64))
    return FALSE;
  g_regex_match (words, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *word = g_match_info_fetch (match, 0);

      if (!g_strv_contains (allowed_words, word))
        return TRUE;
      g_match_info_next (match, NULL);
    }
  return FALSE;
}

static void
assert_korean (GtkWidget  *widget,
               const char *where)
{
  g_autoptr(GPtrArray) texts = gt_visible_texts (widget);
  guint n_english = 0;

  g_assert_cmpuint (texts->len, >, 0);
  for (guint i = 0; i < texts->len; i++)
    if (is_english (g_ptr_array_index (texts, i)))
      {
        g_printerr ("%s: English text: “%s”\n", where, (const char *) g_ptr_array_index (texts, i));
        n_english++;
      }
  g_assert_cmpuint (n_english, ==, 0);
  g_test_message ("%s: %u labels, all Korean", where, texts->len);
}

static gboolean
has_case (gpointer data)
{
  return cf_window_get_session (data) != NULL;
}

static gboolean
import_done (gpointer data)
{
  return !cf_window_get_importing (data) &&
         cf_document_table_get_n_rows (CF_DOCUMENT_TABLE (cf_window_get_table (data))) > 0;
}

static void
test_everything_korean (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *evidence = g_build_filename (dir, "자료", NULL);
  g_autoptr(GFile) location = g_file_new_for_path (dir);
  const char *paths[] = { evidence, NULL };
  CfWindow *window;
  GtkWidget *dialog;
  CfDocumentTable *table;

  tu_mkdir (evidence);
  gt_write_evidence (evidence, NULL);

  /* The translation is there at all. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "All Documents"), ==, "모든 문서");

  window = gt_new_window ();
  assert_korean (GTK_WIDGET (window), "welcome view");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-case", NULL);
  dialog = gt_wait_toplevel (CF_TYPE_NEW_CASE_DIALOG);
  gtk_editable_set_text (GTK_EDITABLE (gt_child (dialog, CF_TYPE_NEW_CASE_DIALOG, "title_row")),
                         "번역 시험 사건");
  cf_new_case_dialog_set_location (CF_NEW_CASE_DIALOG (dialog), location);
  assert_korean (dialog, "new case dialog");
  gtk_widget_activate_action (dialog, "new-case.create", NULL);
  gt_wait_until (has_case, window, 20000, "the case");
  gt_spin (200);

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.import-paths",
                                      g_variant_new_strv (paths, -1));
  gt_wait_until (import_done, window, 60000, "the import");
  gt_spin (600);
  table = CF_DOCUMENT_TABLE (cf_window_get_table (window));
  g_assert_true (cf_document_table_select_id (table, cf_document_list_get_id (cf_document_table_get_list (table), 0)));
  gt_spin (300);
  assert_korean (GTK_WIDGET (window), "case window");

  /* A search the core cannot understand: its message comes from the core,
   * translated there. */
  gt_search (window, "date:2018-13");
  {
    GtkWidget *message = gt_child (window, CF_TYPE_WINDOW, "search_message");

    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "2018-13"));
    assert_korean (message, "malformed search message");
  }
  gt_search (window, "");

  gtk_widget_activate_action (cf_window_get_sidebar (window), "sidebar.add-claim", NULL);
  dialog = gt_wait_toplevel (ADW_TYPE_WINDOW);
  assert_korean (dialog, "claim dialog");
  gtk_editable_set_text (GTK_EDITABLE (gt_find_widget (dialog, ADW_TYPE_ENTRY_ROW, NULL)), "번역 쟁점");
  gt_close (dialog);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-claim", NULL);
  dialog = gt_wait_toplevel (ADW_TYPE_WINDOW);
  gtk_editable_set_text (GTK_EDITABLE (gt_find_widget (dialog, ADW_TYPE_ENTRY_ROW, NULL)), "번역 쟁점");
  gtk_widget_activate_action (dialog, "claim.confirm", NULL);
  gt_wait_edits (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.tag", NULL);
  dialog = gt_wait_toplevel (CF_TYPE_TAG_DIALOG);
  assert_korean (dialog, "tag dialog");
  gtk_widget_activate_action (dialog, "tag.confirm", NULL);
  gt_wait_edits (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.number", NULL);
  dialog = gt_wait_toplevel (CF_TYPE_NUMBERING_DIALOG);
  gt_spin (500);
  assert_korean (dialog, "numbering dialog");
  gt_close (dialog);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  dialog = gt_wait_toplevel (CF_TYPE_EXPORT_DIALOG);
  gt_spin (300);
  assert_korean (dialog, "export dialog");
  gt_close (dialog);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.verify-bundle", NULL);
  dialog = gt_wait_toplevel (CF_TYPE_VERIFY_DIALOG);
  assert_korean (dialog, "verify dialog");
  gt_close (dialog);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.check-case", NULL);
  dialog = gt_wait_toplevel (CF_TYPE_CHECK_DIALOG);
  gt_spin (1000);
  assert_korean (dialog, "check dialog");
  gt_close (dialog);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-privileged", NULL);
  dialog = gt_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  assert_korean (dialog, "privilege dialog");
  gt_respond (ADW_MESSAGE_DIALOG (dialog), "cancel");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  dialog = gt_wait_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  assert_korean (dialog, "shortcuts window");
  /* The window keeps its help overlay (hidden, not destroyed). */
  gtk_window_close (GTK_WINDOW (dialog));
  gt_spin (100);

  gt_close (GTK_WIDGET (window));
}

int
main (int   argc,
      char *argv[])
{
  /* Before gettext reads it. */
  g_setenv ("LANGUAGE", "ko", TRUE);
  gt_init (&argc, &argv);
  g_test_add_func ("/i18n/korean", test_everything_korean);
  return g_test_run ();
}
