/* test-large-case.c — a case of 100,000 documents opens, scrolls, sorts,
 * searches and selects in the real window without reading every row: the
 * list reads ids first and rows on demand, and this counts the rows read.
 *
 * Importing 100,000 files would take minutes of fsyncs, so the rows are
 * written straight into a case the core created (the schema's columns the
 * list shows); nothing else about the case is faked. Timings go to the
 * test log. */
#include "gui-test-util.h"

#include <sqlite3.h>

#include "cf-case-async.h"
#include "cf-document-list.h"
#include "cf-document-table.h"
#include "cf-search.h"
#include "cf-sidebar.h"

#define N_DOCUMENTS   100000
#define N_FAMILIES    1000
#define N_MEMBERS     3
#define N_TOP         (N_DOCUMENTS - N_FAMILIES * N_MEMBERS)

/* Showing a screen reads the rows around it (the list widget keeps some
 * above and below): a few hundred rows, never the whole case. */
#define MAX_ROWS_READ         2000
#define MAX_ROWS_READ_PER_JUMP 250

static char *case_path;
static CfWindow *window;

static void
sql (sqlite3    *db,
     const char *statement)
{
  char *message = NULL;

  if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statement, message);
}

static void
make_case (const char *dir)
{
  g_autoptr(CfCase) kase = tu_new_case (dir, "대량 사건");
  g_autofree char *db_path = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  gint64 id = 0;
  static const char *types[] = { "application/pdf", "text/plain", "image/jpeg", "message/rfc822",
                                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document" };
  static const char *authors[] = { "페이코리아 법무팀", "해외 결제사", "개인정보보호위원회", NULL };
  gint64 started = g_get_monotonic_time ();

  case_path = g_strdup (cf_case_get_path (kase));
  db_path = g_build_filename (case_path, CF_CASE_DATABASE_NAME, NULL);
  g_clear_object (&kase);

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sql (db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO documents (id, parent_id, name, name_raw, "
                                       "name_encoding, source, size, modified, mime_type, title, "
                                       "doc_date, author, imported, position, expansion, text_status) "
                                       "VALUES (?1, ?2, ?3, ?3, 'utf-8', ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                                       "'2026-11-28T00:00:00Z', ?11, ?12, 'ok')",
                                       -1, &insert, NULL), ==, SQLITE_OK);
  /* Every 97th top-level document is an archive with three members. */
  for (guint top = 0; top < N_TOP; top++)
    {
      gboolean family = top % 97 == 0 && top / 97 < N_FAMILIES;
      gint64 parent;

      id++;
      parent = id;
      {
        g_autofree char *name = g_strdup_printf ("증거 문서 %05u.%s", top, family ? "zip" : "pdf");
        g_autofree char *title = g_strdup_printf ("증거 문서 %05u", top);
        g_autofree char *date = g_strdup_printf ("20%02u-%02u-%02u", 18 + top % 6, 1 + top % 12, 1 + top % 28);

        sqlite3_reset (insert);
        sqlite3_bind_int64 (insert, 1, id);
        sqlite3_bind_null (insert, 2);
        sqlite3_bind_text (insert, 3, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (insert, 4, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64 (insert, 5, 1000 + top * 7 % 900000);
        sqlite3_bind_text (insert, 6, "2026-01-01T00:00:00Z", -1, SQLITE_STATIC);
        sqlite3_bind_text (insert, 7, family ? "application/zip" : types[top % G_N_ELEMENTS (types)],
                           -1, SQLITE_STATIC);
        sqlite3_bind_text (insert, 8, title, -1, SQLITE_TRANSIENT);
        if (top % 3 == 0)
          sqlite3_bind_null (insert, 9);
        else
          sqlite3_bind_text (insert, 9, date, -1, SQLITE_TRANSIENT);
        if (authors[top % 4] != NULL)
          sqlite3_bind_text (insert, 10, authors[top % 4], -1, SQLITE_STATIC);
        else
          sqlite3_bind_null (insert, 10);
        sqlite3_bind_int (insert, 11, 0);
        if (family)
          sqlite3_bind_text (insert, 12, "done", -1, SQLITE_STATIC);
        else
          sqlite3_bind_null (insert, 12);
        g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      }
      for (guint m = 0; family && m < N_MEMBERS; m++)
        {
          g_autofree char *name = g_strdup_printf ("첨부 %u.txt", m + 1);
          g_autofree char *source = g_strdup_printf ("증거 문서 %05u.zip!/첨부 %u.txt", top, m + 1);
          g_autofree char *title = g_strdup_printf ("첨부 %u", m + 1);

          id++;
          sqlite3_reset (insert);
          sqlite3_bind_int64 (insert, 1, id);
          sqlite3_bind_int64 (insert, 2, parent);
          sqlite3_bind_text (insert, 3, name, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (insert, 4, source, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (insert, 5, 120);
          sqlite3_bind_text (insert, 6, "2026-01-01T00:00:00Z", -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 7, "text/plain", -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 8, title, -1, SQLITE_TRANSIENT);
          sqlite3_bind_null (insert, 9);
          sqlite3_bind_null (insert, 10);
          sqlite3_bind_int (insert, 11, m + 1);
          sqlite3_bind_null (insert, 12);
          g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
        }
    }
  sqlite3_finalize (insert);
  sql (db, "COMMIT");
  sqlite3_close (db);
  g_assert_cmpint (id, ==, N_DOCUMENTS);
  /* The search index learns the rows as an import would have told it. */
  {
    g_autoptr(GError) error = NULL;

    kase = cf_case_open (case_path, CF_CASE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    cf_case_rebuild_search_index (kase, &error);
    g_assert_no_error (error);
    g_clear_object (&kase);
  }
  g_test_message ("wrote %d documents in %.2f s", N_DOCUMENTS,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
}

static CfDocumentTable *
table (void)
{
  return CF_DOCUMENT_TABLE (cf_window_get_table (window));
}

static GtkAdjustment *
vadjustment (void)
{
  GtkWidget *view = GTK_WIDGET (cf_document_table_get_column_view (table ()));

  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
test_open (void)
{
  gint64 start = g_get_monotonic_time ();
  guint64 read;

  window = gt_new_window ();
  gt_open_case (window, case_path);
  g_test_message ("opened the case and showed the list in %.3f s", seconds_since (start));

  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, N_TOP);
  read = cf_document_table_get_n_rows_read (table ());
  g_test_message ("rows read to show the first screen: %" G_GUINT64_FORMAT, read);
  g_assert_cmpuint (read, >, 0);
  g_assert_cmpuint (read, <, MAX_ROWS_READ);
  /* What is on screen is the start of the case. */
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (cf_document_table_get_column_view (table ())),
                                    GTK_TYPE_LABEL, "증거 문서 00001"));
  /* The sidebar counted all of them (not only the top of each family). */
  gt_spin (600);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gt_child (cf_window_get_sidebar (window), CF_TYPE_SIDEBAR,
                                                            "all_count"))), ==, "100000");
}

static void
test_scroll (void)
{
  GtkAdjustment *adjustment = vadjustment ();
  gint64 start = g_get_monotonic_time ();
  guint64 read;
  g_autofree char *last = g_strdup_printf ("증거 문서 %05u", N_TOP - 1);

  /* Jump through the list the way a scrollbar drag does. */
  for (guint step = 1; step <= 20; step++)
    {
      gtk_adjustment_set_value (adjustment,
                                (gtk_adjustment_get_upper (adjustment) -
                                 gtk_adjustment_get_page_size (adjustment)) * step / 20.0);
      gt_spin (20);
    }
  g_test_message ("scrolled through %d rows in 20 jumps in %.3f s", N_TOP, seconds_since (start));
  read = cf_document_table_get_n_rows_read (table ());
  g_test_message ("rows read after scrolling to the end: %" G_GUINT64_FORMAT " (%.1f%% of the case)",
                  read, 100.0 * read / N_DOCUMENTS);
  /* The first screen and 20 more. */
  g_assert_cmpuint (read, <, 21 * MAX_ROWS_READ_PER_JUMP);
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (cf_document_table_get_column_view (table ())),
                                    GTK_TYPE_LABEL, last));
  gtk_adjustment_set_value (adjustment, 0);
  gt_spin (50);
}

typedef struct
{
  gint64 ids[2];
} Retitle;

static gpointer
retitle_job (CfCase        *kase,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Retitle *retitle = data;

  for (guint i = 0; i < G_N_ELEMENTS (retitle->ids); i++)
    {
      g_autofree char *title = g_strdup_printf ("고친 제목 %u", i + 1);

      if (!cf_case_edit_document (kase, retitle->ids[i], title, NULL, NULL, error))
        return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *n_changes)
{
  (*n_changes)++;
}

static gboolean
shows_label (gpointer text)
{
  return gt_find_widget (GTK_WIDGET (cf_document_table_get_column_view (table ())), GTK_TYPE_LABEL,
                         text) != NULL;
}

/* Documents that changed in place (read, numbered) show their new data
 * without the rows being rebuilt: the rows on screen bind again at once,
 * reading only themselves; those kept off screen when they show again. */
static void
test_refresh (void)
{
  CfDocumentList *list = cf_document_table_get_list (table ());
  GtkWidget *view = GTK_WIDGET (cf_document_table_get_column_view (table ()));
  GtkAdjustment *adjustment = vadjustment ();
  CfCase *writer = cf_session_get_case (cf_window_get_session (window));
  Retitle retitle = { { cf_document_list_get_id (list, 1), cf_document_list_get_id (list, 120) } };
  guint n_changes = 0;
  guint64 read_before;
  gulong handler;

  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_nonnull (gt_find_widget (view, GTK_TYPE_LABEL, "증거 문서 00001"));
  cf_case_run_async (writer, retitle_job, &retitle, NULL, NULL, NULL, NULL, NULL);
  cf_case_wait_idle (writer);

  handler = g_signal_connect (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)), "items-changed",
                              G_CALLBACK (count_changes), &n_changes);
  read_before = cf_document_table_get_n_rows_read (table ());
  cf_document_table_refresh (table ());
  /* Rows on screen bind at once; on a busy machine the list may still be
   * mapping some after the scrolling before. */
  gt_wait_until (shows_label, (gpointer) "고친 제목 1", 10000, "the row to show its new title");
  g_signal_handler_disconnect (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)), handler);

  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_null (gt_find_widget (view, GTK_TYPE_LABEL, "증거 문서 00001"));
  g_test_message ("rows read to refresh the screen: %" G_GUINT64_FORMAT,
                  cf_document_table_get_n_rows_read (table ()) - read_before);
  g_assert_cmpuint (cf_document_table_get_n_rows_read (table ()) - read_before, <, MAX_ROWS_READ_PER_JUMP);

  /* Row 120 was kept bound off screen with the old title; it binds again
   * once it shows. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * 115 / N_TOP);
  gt_wait_until (shows_label, (gpointer) "고친 제목 2", 10000, "the row to show its new title");
  g_assert_null (gt_find_widget (view, GTK_TYPE_LABEL, "증거 문서 00120"));
  gtk_adjustment_set_value (adjustment, 0);
  gt_spin (50);
}

static void
test_family (void)
{
  GtkColumnView *view = cf_document_table_get_column_view (table ());
  GtkSelectionModel *model = gtk_column_view_get_model (view);
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  guint before = g_list_model_get_n_items (G_LIST_MODEL (model));

  /* The first document is an archive: its members open under it. */
  g_assert_true (gtk_tree_list_row_is_expandable (row));
  gtk_tree_list_row_set_expanded (row, TRUE);
  gt_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, before + N_MEMBERS);
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, "첨부 2"));
  gtk_tree_list_row_set_expanded (row, FALSE);
  gt_spin (20);
}

static void
test_sort (void)
{
  GtkColumnView *view = cf_document_table_get_column_view (table ());
  GtkColumnViewColumn *title = GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (GTK_WIDGET (table ()),
                                                                                      CF_TYPE_DOCUMENT_TABLE,
                                                                                      "title_column"));
  g_autofree char *last = g_strdup_printf ("증거 문서 %05u", N_TOP - 1);
  gint64 start = g_get_monotonic_time ();
  guint64 read_before = cf_document_table_get_n_rows_read (table ());
  gboolean descending;

  /* What clicking the Title header twice does. */
  gtk_column_view_sort_by_column (view, title, GTK_SORT_DESCENDING);
  gt_spin (50);
  g_test_message ("sorted %d rows by title in %.3f s", N_TOP, seconds_since (start));
  g_assert_cmpint (cf_document_list_get_sort (cf_document_table_get_list (table ()), &descending),
                   ==, CF_DOCUMENT_SORT_TITLE);
  g_assert_true (descending);
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, last));
  g_assert_cmpuint (cf_document_table_get_n_rows_read (table ()) - read_before, <, MAX_ROWS_READ);

  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  gt_spin (50);
  g_test_message ("back to import order in %.3f s", seconds_since (start));
  g_assert_cmpint (cf_document_list_get_sort (cf_document_table_get_list (table ()), NULL),
                   ==, CF_DOCUMENT_SORT_IMPORTED);
}

/* The full-text search over 100,000 documents, typed into the window's
 * search as a user does: a rare prefix, and a word every document has.
 * The log gives, from the keystroke to the rows on screen, the time (the
 * entry waits 150 ms for typing to pause) and what the search took in the
 * read pool. */
static void
log_search (const char *query,
            gint64      elapsed)
{
  CfSearchResults *results = cf_document_table_get_results (table ());

  g_test_message ("search “%s” over %d documents: %u hits on screen %.0f ms after the keystroke "
                  "(%.0f ms of it in the read pool)", query, N_DOCUMENTS,
                  g_list_model_get_n_items (G_LIST_MODEL (results)), elapsed / 1000.0,
                  cf_search_results_get_elapsed (results) / 1000.0);
}

static void
test_search (void)
{
  gint64 elapsed;
  guint64 read_before = cf_document_table_get_n_rows_read (table ());

  elapsed = gt_search (window, "문서 0500*");
  log_search ("문서 0500*", elapsed);
  /* 05000 … 05009 */
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, 10);
  g_assert_nonnull (gt_find_widget (GTK_WIDGET (cf_document_table_get_column_view (table ())),
                                    GTK_TYPE_LABEL, "증거 문서 05003"));

  elapsed = gt_search (window, "문서");
  log_search ("문서", elapsed);
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, N_DOCUMENTS);
  /* The hits are rows read when shown, not all of them. */
  g_assert_cmpuint (cf_document_table_get_n_rows_read (table ()) - read_before, <, MAX_ROWS_READ);

  elapsed = gt_search (window, "");
  g_test_message ("back to all documents %.0f ms after emptying the search", elapsed / 1000.0);
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, N_TOP);
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Microseconds until the window has drawn a frame: the rows laid out and
 * painted, what the user sees. */
static gint64
wait_frame (void)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gint64 start = g_get_monotonic_time ();
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);

  gtk_widget_queue_draw (GTK_WIDGET (window));
  gt_wait_until (is_true, &painted, 10000, "a frame");
  g_signal_handler_disconnect (clock, handler);
  return g_get_monotonic_time () - start;
}

/* Whether the row at position of the list as it shows can open. */
static gboolean
row_opens (guint position)
{
  GtkSelectionModel *model = gtk_column_view_get_model (cf_document_table_get_column_view (table ()));
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);

  return gtk_tree_list_row_is_expandable (row);
}

/* The title label of a row. */
static GtkWidget *
title_label (guint position)
{
  g_autoptr(CfDocument) document =
    cf_case_get_document (cf_session_get_reader (cf_window_get_session (window)),
                          cf_document_table_get_row_id (table (), position), NULL);

  g_assert_nonnull (document);
  return gt_find_widget (GTK_WIDGET (cf_document_table_get_column_view (table ())),
                         GTK_TYPE_LABEL, cf_document_get_title (document));
}

/* Going from the list to a search and back keeps the row widgets (GTK 4.8
 * builds each of its ~200 rows again when its items are replaced, see
 * cf-row-slots.h): the second row's title label is the same widget and
 * shows the second hit, then the second document again. Whether a row
 * opens follows what it shows: the first document is an archive (its row
 * is made anew), a search shows no family. */
static void
test_search_keeps_rows (void)
{
  g_autofree char *title = NULL;
  GtkWidget *label;
  gint64 elapsed, second;

  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, N_TOP);
  g_assert_cmpint (cf_document_table_get_row_id (table (), 0), ==, 1);
  second = cf_document_table_get_row_id (table (), 1);
  label = title_label (1);
  g_assert_nonnull (label);
  title = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  g_assert_true (row_opens (0));
  g_assert_false (row_opens (1));
  g_assert_true (row_opens (97));

  elapsed = gt_search (window, "문서");
  elapsed += wait_frame ();
  g_test_message ("list to a search of every document: drawn %.0f ms after the keystroke", elapsed / 1000.0);
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), ==, N_DOCUMENTS);
  g_assert_true (title_label (1) == label);
  g_assert_false (row_opens (0));
  g_assert_false (row_opens (97));

  elapsed = gt_search (window, "문서 0*");
  elapsed += wait_frame ();
  g_test_message ("one search to another as the user types: drawn %.0f ms after the keystroke",
                  elapsed / 1000.0);
  g_assert_true (title_label (1) == label);

  elapsed = gt_search (window, "");
  elapsed += wait_frame ();
  g_test_message ("back to all documents: drawn %.0f ms after emptying the search", elapsed / 1000.0);
  g_assert_cmpint (cf_document_table_get_row_id (table (), 0), ==, 1);
  g_assert_cmpint (cf_document_table_get_row_id (table (), 1), ==, second);
  g_assert_true (title_label (1) == label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, title);
  g_assert_true (row_opens (0));
  g_assert_false (row_opens (1));
  g_assert_true (row_opens (97));
}

typedef struct
{
  guint n_shown;        /* title cells on screen */
  guint n_hidden;       /* of those, transparent until bound */
} Shown;

/* Every title on screen is its row's document's, or shows nothing yet. */
static void
check_titles (GtkWidget *widget,
              CfCase    *reader,
              Shown     *shown)
{
  if (GTK_IS_TREE_EXPANDER (widget) && gtk_widget_get_mapped (widget))
    {
      GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (widget));
      GtkWidget *texts = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
      GtkWidget *label = gtk_widget_get_first_child (texts);
      GtkListItem *item = g_object_get_data (G_OBJECT (widget), "cf-list-item");
      g_autoptr(CfDocument) document =
        cf_case_get_document (reader, cf_document_table_get_row_id (table (), gtk_list_item_get_position (item)),
                              NULL);

      g_assert_nonnull (document);
      shown->n_shown++;
      if (gtk_widget_get_opacity (widget) == 0)
        shown->n_hidden++;
      else
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, cf_document_get_title (document));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_titles (child, reader, shown);
}

/* Right after the list shows a search, the rows GTK keeps below the
 * screen are not bound again yet (they are, a few each frame): scrolling
 * to them at once shows them blank for a frame, never with the document
 * they showed before; a moment later they show their own. */
static void
test_scroll_right_after_search (void)
{
  CfCase *reader = cf_session_get_reader (cf_window_get_session (window));
  GtkAdjustment *adjustment = vadjustment ();
  Shown first = { 0 }, later = { 0 };

  gt_search (window, "문서 1*");
  g_assert_cmpuint (cf_document_table_get_n_rows (table ()), >, 1000);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_page_size (adjustment) * 4);
  wait_frame ();
  check_titles (GTK_WIDGET (cf_document_table_get_column_view (table ())), reader, &first);
  g_test_message ("scrolled at once: %u of %u rows on screen blank for a frame",
                  first.n_hidden, first.n_shown);
  g_assert_cmpuint (first.n_shown, >, 0);

  gt_spin (300);
  check_titles (GTK_WIDGET (cf_document_table_get_column_view (table ())), reader, &later);
  g_assert_cmpuint (later.n_shown, >, 0);
  g_assert_cmpuint (later.n_hidden, ==, 0);
  gtk_adjustment_set_value (adjustment, 0);
  gt_search (window, "");
}

static void
test_select_all (void)
{
  guint64 read_before = cf_document_table_get_n_rows_read (table ());
  g_autoptr(GArray) ids = NULL;
  gint64 start;

  /* Ctrl+A in the list. */
  cf_document_table_select_all (table ());
  gt_spin (20);
  g_assert_cmpuint (cf_document_table_get_n_selected (table ()), ==, N_TOP);
  start = g_get_monotonic_time ();
  ids = cf_document_table_get_selected_ids (table ());
  g_test_message ("ids of %d selected rows in %.3f s", N_TOP, seconds_since (start));
  g_assert_cmpuint (ids->len, ==, N_TOP);
  g_assert_cmpuint (cf_document_table_get_n_rows_read (table ()) - read_before, <, MAX_ROWS_READ);
  /* The status line says so. */
  g_assert_nonnull (strstr (cf_window_get_status_text (window), "selected"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;

  gt_init (&argc, &argv);
  dir = tu_temp_dir ();
  make_case (dir);

  g_test_add_func ("/large-case/open", test_open);
  g_test_add_func ("/large-case/scroll", test_scroll);
  g_test_add_func ("/large-case/refresh", test_refresh);
  g_test_add_func ("/large-case/family", test_family);
  g_test_add_func ("/large-case/sort", test_sort);
  g_test_add_func ("/large-case/search", test_search);
  g_test_add_func ("/large-case/search-keeps-rows", test_search_keeps_rows);
  g_test_add_func ("/large-case/scroll-right-after-search", test_scroll_right_after_search);
  g_test_add_func ("/large-case/select-all", test_select_all);
  return g_test_run ();
}
