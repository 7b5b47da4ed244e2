/* test-preview-search.c — reading documents in the preview and finding
 * them, through the real window: a PDF shows as page pictures with its
 * page count, and its pages turn and zoom; a mail shows its headers, and
 * its attachment opens (and says whose it is); a CP949 file says how it
 * was read; a broken PDF says why it shows nothing. Ctrl+F and a Korean
 * query narrow the list, with the words around the hits under each title;
 * a malformed query says what is wrong; a filter chosen in the popover
 * edits the query; a saved search sits in the sidebar, runs again and is
 * removed (and put back by undo); the preview of a hit goes to the page
 * holding it, marked, or scrolls the text to it.
 *
 * The fixtures are written here: a three-page PDF whose only 위수탁계약서
 * is on page 2, a long memo with the term far down, and the evidence every
 * GUI test imports. */
#include "gui-test-util.h"

#include <string.h>

#include "cf-details-pane.h"
#include "cf-document-table.h"
#include "cf-extraction.h"
#include "cf-page-view.h"
#include "cf-preview.h"
#include "cf-saved-searches.h"
#include "cf-search.h"
#include "cf-search-filters.h"
#include "cf-sidebar.h"

#define MEMO_LINES     200
#define MEMO_HIT_LINE  150

static struct
{
  char *dir;
  char *evidence;
  CfWindow *window;
  guint n_documents;
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

static CfDocumentTable *
table (void)
{
  return CF_DOCUMENT_TABLE (cf_window_get_table (w.window));
}

static CfDetailsPane *
details (void)
{
  return CF_DETAILS_PANE (cf_window_get_details (w.window));
}

static CfPreview *
preview (void)
{
  return CF_PREVIEW (gt_child (details (), CF_TYPE_DETAILS_PANE, "preview"));
}

static CfPageView *
page_view (void)
{
  return cf_preview_get_page_view (preview ());
}

static void
activate (const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (w.window), action, parameter));
}

/* Selects a document as a click on its row does (opening its family when
 * it is a member). */
static void
select_document (gint64 id)
{
  g_assert_true (cf_document_table_reveal (table (), id));
  gt_spin (20);
  g_assert_cmpint (cf_details_pane_get_document (details ()), ==, id);
}

/* The toolbar button running this page action. */
static GtkWidget *
page_button (const char *action)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();

  g_ptr_array_add (pending, page_view ());
  while (pending->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (pending, pending->len - 1);

      if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
        return widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (pending, child);
    }
  g_error ("No button for %s", action);
  return NULL;
}

static gboolean
picture_shown (gpointer data)
{
  return cf_preview_get_kind (preview ()) == CF_PREVIEW_ERROR ||
         (!cf_page_view_get_loading (page_view ()) && cf_page_view_get_paintable (page_view ()) != NULL &&
          gtk_widget_get_mapped (GTK_WIDGET (page_view ())));
}

static gboolean
text_shown (gpointer data)
{
  CfPreviewKind kind = cf_preview_get_kind (preview ());

  return kind == CF_PREVIEW_TEXT || kind == CF_PREVIEW_MAIL || kind == CF_PREVIEW_ERROR ||
         kind == CF_PREVIEW_NONE;
}

static void
wait_picture (const char *what)
{
  gt_wait_until (picture_shown, NULL, 30000, what);
}

static guint
texture_width (void)
{
  GdkPaintable *paintable = cf_page_view_get_paintable (page_view ());

  g_assert_true (GDK_IS_TEXTURE (paintable));
  return gdk_texture_get_width (GDK_TEXTURE (paintable));
}

/* Pixels of the highlighter's yellow on white (the helper marks hits with
 * rgba (1, 0.85, 0, 0.4)): red and green high, blue low. */
static guint
count_marked_pixels (void)
{
  GdkTexture *texture = GDK_TEXTURE (cf_page_view_get_paintable (page_view ()));
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  guint n = 0;

  gdk_texture_download (texture, data, stride);
  /* Memory layout is B G R A on little endian (CAIRO_FORMAT_ARGB32). */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = data + y * stride + x * 4;

        if (p[2] > 235 && p[1] > 200 && p[0] < 190)
          n++;
      }
  return n;
}

/* Set-up: a case with the fixtures, imported and read ---------------------------- */

static void
write_fixtures (void)
{
  const char *pages[] = {
    "제1조 (목적) 이 계약은 개인정보 처리업무에 관한 사항을 정한다.\n갑은 을에게 결제 정보의 처리를 맡긴다.",
    "제4조 (범위) 위수탁계약서에 따른 처리 범위는 부정거래 탐지에 한정한다.\n을은 그 밖의 목적으로 처리하지 아니한다.",
    "제9조 (기간) 이 계약은 2018년 4월 1일부터 2년간 효력을 가진다.",
    NULL
  };
  g_autofree char *pdf = g_build_filename (w.evidence, "처리업무 계약 사본.pdf", NULL);
  g_autofree char *broken = g_build_filename (w.evidence, "망가진 스캔.pdf", NULL);
  g_autofree char *memo = g_build_filename (w.evidence, "긴 회의록.txt", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_top = 0;

  w.n_documents = gt_write_evidence (w.evidence, &n_top);
  gt_write_pdf (pdf, "처리업무 계약", pages);
  tu_write_text (broken, "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage\n");
  for (guint i = 0; i < MEMO_LINES; i++)
    g_string_append_printf (text, "%u. %s\n", i + 1,
                            i + 1 == MEMO_HIT_LINE ? "위수탁 구조를 다시 확인하기로 함."
                                                   : "회의에서 일정과 예산을 논의함.");
  tu_write_text (memo, text->str);
  w.n_documents += 3;
}

static gboolean
import_done (gpointer data)
{
  return !cf_window_get_importing (w.window) && cf_case_count_unread (reader ()) == 0;
}

static void
test_set_up (void)
{
  g_autoptr(CfCase) kase = tu_new_case (w.dir, "위수탁 사건");
  g_autofree char *case_path = g_strdup (cf_case_get_path (kase));
  const char *paths[] = { w.evidence, NULL };

  /* Made by the core, opened by the window (which holds it from then). */
  g_clear_object (&kase);
  w.window = gt_new_window ();
  gt_open_case (w.window, case_path);
  activate ("win.import-paths", g_variant_new_strv (paths, -1));
  gt_wait_until (import_done, NULL, 120000, "the import and its reading");
  gt_spin (100);
  g_assert_cmpuint (cf_case_count_documents (reader ()), ==, w.n_documents);
}

/* The preview ------------------------------------------------------------------ */

/* A PDF is its pages, drawn by the helper: the page count, turning pages
 * with the buttons' actions (and Page Down at a page's end), zoom. */
static void
test_pdf_pages (void)
{
  gint64 pdf = document_titled ("처리업무 계약");
  gint64 started = g_get_monotonic_time ();
  guint fitted, zoomed;
  gboolean fit;

  select_document (pdf);
  wait_picture ("the first page");
  g_test_message ("first page of a PDF shown %.0f ms after selecting it",
                  (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpint (cf_preview_get_kind (preview ()), ==, CF_PREVIEW_PAGES);
  g_assert_cmpuint (cf_page_view_get_n_pages (page_view ()), ==, 3);
  g_assert_cmpuint (cf_page_view_get_page (page_view ()), ==, 1);
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (page_view ()), GTK_TYPE_LABEL, "1 of 3"));
  fitted = texture_width ();
  g_assert_cmpuint (fitted, >, 100);
  /* On page 1 of 3 the buttons can go on, not back. */
  g_assert_true (gtk_widget_is_sensitive (page_button ("page.go-next")));
  g_assert_false (gtk_widget_is_sensitive (page_button ("page.go-previous")));

  /* The toolbar's Next, then Previous. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_view ()), "page.go-next", NULL));
  wait_picture ("page 2");
  g_assert_cmpuint (cf_page_view_get_page (page_view ()), ==, 2);
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (page_view ()), GTK_TYPE_LABEL, "2 of 3"));
  g_assert_true (gtk_widget_is_sensitive (page_button ("page.go-previous")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_view ()), "page.go-previous", NULL));
  wait_picture ("page 1 again");
  g_assert_cmpuint (cf_page_view_get_page (page_view ()), ==, 1);
  /* Page Down reads on: the fitted page fits the view's width, and at its
   * end the next page comes. */
  for (guint i = 0; i < 8 && cf_page_view_get_page (page_view ()) == 1; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_view ()), "page.scroll-down", NULL));
      gt_spin (20);
    }
  wait_picture ("page 2 by Page Down");
  g_assert_cmpuint (cf_page_view_get_page (page_view ()), ==, 2);

  /* Zoom in draws a wider picture; Ctrl+0 fits the width again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_view ()), "page.zoom-in", NULL));
  wait_picture ("the zoomed page");
  g_assert_cmpfloat (cf_page_view_get_zoom (page_view (), &fit), >, 1.0);
  g_assert_false (fit);
  zoomed = texture_width ();
  g_assert_cmpuint (zoomed, >, fitted);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_view ()), "page.zoom-fit", NULL));
  wait_picture ("the fitted page");
  cf_page_view_get_zoom (page_view (), &fit);
  g_assert_true (fit);
  /* The view's width (which the pane's layout may have settled since the
   * first picture). */
  g_assert_cmpuint (texture_width (), <, zoomed);
  g_assert_cmpuint (ABS ((int) texture_width () - (int) fitted), <, 40);
}

/* A mail: headers above the body (To and Cc apart); its attachment is a row that opens it,
 * and the attachment says whose it is and goes back there. */
static void
test_mail (void)
{
  gint64 mail = document_titled ("재위탁 문의에 대한 회신");
  GtkWidget *family_button = gt_child (details (), CF_TYPE_DETAILS_PANE, "family_button");
  g_autofree char *body = NULL;
  gint64 attachment;

  select_document (mail);
  gt_wait_until (text_shown, NULL, 20000, "the mail");
  g_assert_cmpint (cf_preview_get_kind (preview ()), ==, CF_PREVIEW_MAIL);
  g_assert_nonnull (strstr (cf_preview_get_header (preview (), "From"), "페이코리아 법무팀"));
  g_assert_nonnull (strstr (cf_preview_get_header (preview (), "From"), "legal@paykorea.example"));
  /* Addressed and copied, each on its own line. */
  g_assert_cmpstr (cf_preview_get_header (preview (), "To"), ==, "ops@globalpay.example");
  g_assert_cmpstr (cf_preview_get_header (preview (), "Cc"), ==, "김 변호사 <counsel@lawfirm.example>");
  g_assert_null (cf_preview_get_header (preview (), "Bcc"));
  g_assert_cmpstr (cf_preview_get_header (preview (), "Subject"), ==, "재위탁 문의에 대한 회신");
  g_assert_cmpstr (cf_preview_get_header (preview (), "Date"), ==, "2018-04-20 15:30 +09:00");
  /* The headers are on screen as labels. */
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (preview ()), GTK_TYPE_LABEL, "ops@globalpay.example"));
  body = cf_preview_dup_text (preview ());
  g_assert_nonnull (strstr (body, "재위탁은 허용되지 않습니다"));
  g_assert_null (strstr (body, "Content-Transfer-Encoding"));
  g_assert_false (gtk_widget_get_visible (family_button));

  /* The attachment row opens the attachment: selected in the list under
   * its mail, shown in the details. */
  g_assert_cmpuint (cf_preview_get_n_family (preview ()), ==, 1);
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (preview ()), ADW_TYPE_ACTION_ROW, "첨부 계약서"));
  cf_preview_open_family_member (preview (), 0);
  gt_spin (50);
  attachment = document_titled ("첨부 계약서");
  g_assert_cmpint (cf_details_pane_get_document (details ()), ==, attachment);
  {
    g_autoptr(GArray) selected = cf_document_table_get_selected_ids (table ());

    g_assert_cmpuint (selected->len, ==, 1);
    g_assert_cmpint (g_array_index (selected, gint64, 0), ==, attachment);
  }
  /* It says which family it belongs to, and the button goes there. */
  g_assert_true (gtk_widget_get_visible (family_button));
  g_assert_nonnull (gt_find_widget (family_button, GTK_TYPE_LABEL, "Attachment of “재위탁 문의에 대한 회신”"));
  gt_wait_until (text_shown, NULL, 20000, "the attachment");
  body = (g_free (body), cf_preview_dup_text (preview ()));
  g_assert_nonnull (strstr (body, "재위탁할 수 없다"));
  g_signal_emit_by_name (family_button, "clicked");
  gt_spin (50);
  g_assert_cmpint (cf_details_pane_get_document (details ()), ==, mail);
}

/* Text: the encoding reading found is said. A broken PDF says why it
 * shows nothing, instead of an empty pane. */
static void
test_text_and_unreadable (void)
{
  gint64 legacy = document_titled ("euc-kr 공문");
  gint64 broken = document_titled ("망가진 스캔");
  GtkWidget *status = NULL;
  g_autofree char *text = NULL;

  select_document (legacy);
  gt_wait_until (text_shown, NULL, 20000, "the CP949 text");
  g_assert_cmpint (cf_preview_get_kind (preview ()), ==, CF_PREVIEW_TEXT);
  text = cf_preview_dup_text (preview ());
  g_assert_nonnull (strstr (text, "제3자 제공에 해당함"));
  g_assert_nonnull (strstr (cf_preview_get_note (preview ()), "CP949"));

  select_document (broken);
  wait_picture ("the broken PDF to fail");
  g_assert_cmpint (cf_preview_get_kind (preview ()), ==, CF_PREVIEW_ERROR);
  status = gt_child (preview (), CF_TYPE_PREVIEW, "status_description");
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (status))), >, 10);
}

/* Flicking through the list: no picture is asked for a document only
 * passed over, and the one stopped on shows. */
static void
test_quick_selection (void)
{
  gint64 pdf = document_titled ("처리업무 계약");
  gint64 others[] = { document_titled ("위탁계약서"), document_titled ("내부 메모"),
                      document_titled ("euc-kr 공문") };
  guint before = cf_page_view_get_n_started (page_view ());
  guint stayed = 0;
  gint64 pdf_shown_at = 0;

  select_document (others[0]);
  for (guint i = 0; i < 50; i++)
    {
      gint64 now = g_get_monotonic_time ();

      /* A loaded machine (other tests beside this one) may hold a PDF
       * longer than the page view's 60 ms wait: then asking for its
       * picture is right, and allowed for. */
      if (pdf_shown_at != 0 && now - pdf_shown_at >= 50 * G_TIME_SPAN_MILLISECOND)
        stayed++;
      pdf_shown_at = i % 2 ? now : 0;
      select_document (i % 2 ? pdf : others[i % G_N_ELEMENTS (others)]);
      gt_spin (2);
    }
  select_document (pdf);
  wait_picture ("the PDF stopped on");
  g_test_message ("helpers started for 50 selections: %u (PDF held past the wait %u times)",
                  cf_page_view_get_n_started (page_view ()) - before, stayed);
  g_assert_cmpuint (cf_page_view_get_n_started (page_view ()) - before, <=, 2 + stayed);
  g_assert_cmpint (cf_preview_get_kind (preview ()), ==, CF_PREVIEW_PAGES);
}

/* Searching -------------------------------------------------------------------- */

static GtkWidget *
snippet_label_containing (const char *text)
{
  GtkWidget *view = GTK_WIDGET (cf_document_table_get_column_view (table ()));
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();

  g_ptr_array_add (pending, view);
  while (pending->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (pending, pending->len - 1);

      if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "cf-snippet") &&
          gtk_widget_is_visible (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text))
        return widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (pending, child);
    }
  return NULL;
}

static gboolean
table_has_snippet (gpointer data)
{
  return snippet_label_containing (data) != NULL;
}

/* Ctrl+F puts the keyboard in the search; a Korean word found inside a
 * longer one (위수탁 in 위수탁계약서) narrows the list; the rows show the
 * words around the hits. */
static void
test_search_korean (void)
{
  GtkWidget *entry = gt_child (w.window, CF_TYPE_WINDOW, "search_entry");
  guint all = cf_document_table_get_n_rows (table ());
  CfSearchResults *results;
  gint64 latency;

  activate ("win.search", NULL);
  gt_spin (50);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (w.window)), entry));
  latency = gt_search (w.window, "위수탁");
  g_test_message ("search “위수탁”: %.0f ms from typing to rows", latency / 1000.0);
  results = cf_document_table_get_results (table ());
  g_assert_nonnull (results);
  /* The PDF (on its page 2) and the long memo; not the rest. */
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, 2);
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), <, all);
  g_assert_cmpuint (cf_search_results_find (results, document_titled ("처리업무 계약")), !=, G_MAXUINT);
  g_assert_cmpuint (cf_search_results_find (results, document_titled ("긴 회의록")), !=, G_MAXUINT);
  /* Each row says where: the hit in the words around it. */
  gt_wait_until (table_has_snippet, (gpointer) "위수탁계약서에 따른", 10000, "the snippets");
  {
    GtkWidget *label = snippet_label_containing ("위수탁계약서에 따른");

    /* The hit itself is set apart (bold on a highlight). */
    g_assert_true (gtk_label_get_use_markup (GTK_LABEL (label)));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "\">위수탁</span>"));
  }
  g_assert_nonnull (strstr (cf_window_get_status_text (w.window), "2"));
}

static gboolean
page_marked (gpointer data)
{
  const char * const *drawn = cf_page_view_get_drawn_highlights (page_view ());

  return picture_shown (NULL) && cf_page_view_get_page (page_view ()) == GPOINTER_TO_UINT (data) &&
         drawn != NULL && g_strv_contains (drawn, "위수탁");
}

static gboolean
text_marked (gpointer data)
{
  return text_shown (NULL) && cf_preview_get_n_marked (preview ()) > 0;
}

/* The preview of a hit: the PDF opens on page 2, the page holding the
 * term, with it marked on the picture; the memo's text scrolls to the
 * line with it, marked. */
static void
test_hit_preview (void)
{
  gint64 pdf = document_titled ("처리업무 계약");
  gint64 memo = document_titled ("긴 회의록");
  guint marked;

  select_document (pdf);
  gt_wait_until (page_marked, GUINT_TO_POINTER (2), 30000, "page 2 with the hit marked");
  marked = count_marked_pixels ();
  g_test_message ("highlighted pixels on page 2: %u", marked);
  g_assert_cmpuint (marked, >, 50);
  g_assert_nonnull (strstr (cf_preview_get_note (preview ()), "marked"));
  /* Page 1 has no hit: nothing marked there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_view ()), "page.go-previous", NULL));
  wait_picture ("page 1");
  g_assert_cmpuint (count_marked_pixels (), <, marked / 10);

  select_document (memo);
  gt_wait_until (text_marked, NULL, 20000, "the memo's hit marked");
  g_assert_cmpuint (cf_preview_get_n_marked (preview ()), ==, 1);
  g_assert_cmpint (cf_preview_get_first_mark_line (preview ()), ==, MEMO_HIT_LINE - 1);
  /* The text view scrolled down to it. */
  gt_spin (200);
  {
    GtkWidget *scroller = gt_child (preview (), CF_TYPE_PREVIEW, "text_scroller");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, gtk_adjustment_get_upper (adjustment) / 2);
  }
}

/* A query that cannot be understood says what is wrong under the entry,
 * in words; the list keeps the last results; a corrected one runs. */
static void
test_search_malformed (void)
{
  GtkWidget *entry = gt_child (w.window, CF_TYPE_WINDOW, "search_entry");
  GtkWidget *message_box = gt_child (w.window, CF_TYPE_WINDOW, "search_message_box");
  GtkWidget *message = gt_child (w.window, CF_TYPE_WINDOW, "search_message");
  guint rows = cf_document_table_get_n_rows (table ());

  gt_search (w.window, "date:2018-13");
  g_assert_true (gtk_widget_get_visible (message_box));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "“2018-13” is not a date"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, rows);
  /* Nothing to save while it cannot run. */
  g_assert_false (gtk_widget_is_sensitive (gt_child (w.window, CF_TYPE_WINDOW, "save_search_button")));

  gt_search (w.window, "\"위수탁");
  g_assert_true (gtk_widget_get_visible (message_box));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "quotation mark is not closed"));

  /* After a search that found nothing, the empty list quotes what was
   * typed: text, not markup (a warning, fatal here, said otherwise). */
  gt_search (w.window, "찾을수없는낱말");
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, 0);
  gt_search (w.window, "date:<&>");
  g_assert_true (gtk_widget_get_visible (message_box));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "<&>"));
  gt_spin (50);

  gt_search (w.window, "위수탁");
  g_assert_false (gtk_widget_get_visible (message_box));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, 2);
}

static gboolean
query_is (gpointer data)
{
  return g_strcmp0 (cf_window_get_search_query (w.window), data) == 0 && !cf_window_get_searching (w.window);
}

/* The filter popover (Ctrl+Shift+F): choosing PDF as the type writes
 * type:pdf into the query, which runs; typing a filter shows in the
 * popover. */
static void
test_search_filters (void)
{
  GtkWidget *button = gt_child (w.window, CF_TYPE_WINDOW, "filters_button");
  GtkWidget *entry = gt_child (w.window, CF_TYPE_WINDOW, "search_entry");
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  AdwComboRow *type_row = ADW_COMBO_ROW (gt_child (popover, CF_TYPE_SEARCH_FILTERS, "type_row"));
  CfSearchResults *results;

  activate ("win.search-filters", NULL);
  gt_spin (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (adw_combo_row_get_selected (type_row), ==, 0);
  /* The second type offered is PDF. */
  adw_combo_row_set_selected (type_row, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "위수탁 type:pdf");
  gt_wait_until (query_is, (gpointer) "위수탁 type:pdf", 10000, "the filtered search");
  results = cf_document_table_get_results (table ());
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, 1);
  g_assert_cmpint (cf_search_results_get_id (results, 0), ==, document_titled ("처리업무 계약"));
  gtk_popover_popdown (popover);

  /* Typed: the popover follows the text. */
  gt_search (w.window, "위수탁 type:text");
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (type_row), ==, 6);
  gt_search (w.window, "위수탁 type:pdf");
}

/* Save Search keeps the query, named, in the sidebar; choosing it there
 * runs it again; removing it is undone like any edit. */
static void
test_saved_search (void)
{
  CfSidebar *sidebar = CF_SIDEBAR (cf_window_get_sidebar (w.window));
  CfSavedSearches *saved = cf_sidebar_get_saved_searches (sidebar);
  AdwMessageDialog *dialog;
  g_auto(GStrv) pairs = NULL;

  g_assert_cmpuint (cf_saved_searches_get_n_items (saved), ==, 0);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_first_child (GTK_WIDGET (saved))));
  activate ("win.save-search", NULL);
  dialog = ADW_MESSAGE_DIALOG (gt_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* The query is the name offered; the user gives a better one. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog))), ==,
                   "위수탁 type:pdf");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "위수탁 계약서 PDF");
  gt_respond (dialog, "save");
  gt_wait_edits (w.window);
  gt_spin (50);

  pairs = cf_case_list_saved_searches (reader (), NULL, NULL);
  g_assert_cmpstr (pairs[0], ==, "위수탁 계약서 PDF");
  g_assert_cmpstr (pairs[1], ==, "위수탁 type:pdf");
  g_assert_cmpuint (cf_saved_searches_get_n_items (saved), ==, 1);
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (saved), GTK_TYPE_LABEL, "위수탁 계약서 PDF"));
  /* It is the search showing. */
  g_assert_true (cf_sidebar_get_showing_saved_search (sidebar));

  /* Away from it: Escape shows every document again. */
  g_signal_emit_by_name (gt_child (w.window, CF_TYPE_WINDOW, "search_entry"), "stop-search");
  gt_wait_until (query_is, NULL, 10000, "the search to end");
  g_assert_null (cf_document_table_get_results (table ()));
  g_assert_false (cf_sidebar_get_showing_saved_search (sidebar));

  /* Choosing it runs it again. */
  cf_saved_searches_activate (saved, 0);
  gt_wait_until (query_is, (gpointer) "위수탁 type:pdf", 10000, "the saved search to run");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gt_child (w.window, CF_TYPE_WINDOW, "search_entry"))),
                   ==, "위수탁 type:pdf");
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, 1);
  g_assert_true (cf_sidebar_get_showing_saved_search (sidebar));

  /* Removed from its row's button (the same action), then undone. */
  activate ("win.remove-saved-search", g_variant_new_string ("위수탁 계약서 PDF"));
  gt_wait_edits (w.window);
  gt_spin (50);
  g_assert_cmpuint (cf_saved_searches_get_n_items (saved), ==, 0);
  activate ("win.undo", NULL);
  gt_wait_edits (w.window);
  gt_spin (50);
  g_assert_cmpuint (cf_saved_searches_get_n_items (saved), ==, 1);
  g_assert_cmpstr (cf_saved_searches_get_query (saved, 0), ==, "위수탁 type:pdf");
}

static void
test_close (void)
{
  g_signal_emit_by_name (gt_child (w.window, CF_TYPE_WINDOW, "search_entry"), "stop-search");
  gt_spin (50);
  gt_close (GTK_WIDGET (w.window));
  gt_spin (200);
}

int
main (int   argc,
      char *argv[])
{
  gt_init (&argc, &argv);

  w.dir = tu_temp_dir ();
  w.evidence = g_build_filename (w.dir, "증거", NULL);
  tu_mkdir (w.evidence);
  write_fixtures ();

  g_test_add_func ("/preview-search/set-up", test_set_up);
  g_test_add_func ("/preview-search/pdf-pages", test_pdf_pages);
  g_test_add_func ("/preview-search/mail", test_mail);
  g_test_add_func ("/preview-search/text-and-unreadable", test_text_and_unreadable);
  g_test_add_func ("/preview-search/quick-selection", test_quick_selection);
  g_test_add_func ("/preview-search/search-korean", test_search_korean);
  g_test_add_func ("/preview-search/hit-preview", test_hit_preview);
  g_test_add_func ("/preview-search/search-malformed", test_search_malformed);
  g_test_add_func ("/preview-search/search-filters", test_search_filters);
  g_test_add_func ("/preview-search/saved-search", test_saved_search);
  g_test_add_func ("/preview-search/close", test_close);
  return g_test_run ();
}
