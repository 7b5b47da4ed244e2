/* bench-list.c — the document list of the app on a large case: how long
 * the window takes to open the case and show its list, to show a search
 * instead of the list, one search after another (as the user types on),
 * the list again, and the list sorted anew; each from the call to the rows
 * set ("shown") and to the next frame painted ("drawn", what the user
 * sees). The search starts at once, as if
 * the entry's 150 ms pause after typing had passed.
 *
 * Usage (under a display, e.g. xvfb-run -a -s "-screen 0 1280x800x24"):
 *   bench-list CASE QUERIES_FILE [REPEAT]
 * QUERIES_FILE: one "class<TAB>query" per line (bench-search.sh writes one
 * beside the case it keeps with BENCH_KEEP=1). See bench/bench-list.sh. */
#include <adwaita.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cf-application.h"
#include "cf-document-table.h"
#include "cf-window.h"
#include "cf-window-private.h"

#include "bench-stats.h"

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition cond,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out");
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until the window has painted a frame. */
static void
wait_frame (CfWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);

  gtk_widget_queue_draw (GTK_WIDGET (window));
  wait_until (is_true, &painted);
  g_signal_handler_disconnect (clock, handler);
}

static gboolean
has_case (gpointer data)
{
  return cf_window_get_session (data) != NULL && !cf_window_get_importing (data);
}

typedef struct
{
  CfWindow *window;
  const char *query;      /* "" for the list */
} Shown;

static gboolean
search_shown (gpointer data)
{
  Shown *s = data;

  return !cf_window_get_searching (s->window) &&
         g_strcmp0 (cf_window_get_search_query (s->window), s->query[0] ? s->query : NULL) == 0;
}

typedef struct
{
  const char *name;
  GArray *shown;          /* double, ms */
  GArray *drawn;
} Figures;

static Figures *
figures_new (const char *name)
{
  Figures *f = g_new0 (Figures, 1);

  f->name = name;
  f->shown = g_array_new (FALSE, FALSE, sizeof (double));
  f->drawn = g_array_new (FALSE, FALSE, sizeof (double));
  return f;
}

static void
report (Figures *f)
{
  if (f->shown->len == 0)
    return;
  g_print ("%-18s %4u times  shown p50 %6.0f ms  p95 %6.0f ms   drawn p50 %6.0f ms  p95 %6.0f ms\n",
           f->name, f->shown->len, bench_percentile (f->shown, 0.5), bench_percentile (f->shown, 0.95),
           bench_percentile (f->drawn, 0.5), bench_percentile (f->drawn, 0.95));
}

/* Shows query ("" for the list) and records both times. */
static void
show (CfWindow   *window,
      const char *query,
      Figures    *f)
{
  Shown s = { window, query };
  gint64 start = g_get_monotonic_time ();
  double shown;

  cf_window_set_search_text (window, query);
  wait_until (search_shown, &s);
  shown = (g_get_monotonic_time () - start) / 1000.0;
  wait_frame (window);
  g_array_append_val (f->shown, shown);
  shown = (g_get_monotonic_time () - start) / 1000.0;
  g_array_append_val (f->drawn, shown);
}

static void
sort (CfWindow            *window,
      GtkColumnViewColumn *column,
      GtkSortType          order,
      Figures             *f)
{
  GtkColumnView *view = cf_document_table_get_column_view (CF_DOCUMENT_TABLE (cf_window_get_table (window)));
  gint64 start = g_get_monotonic_time ();
  double ms;

  gtk_column_view_sort_by_column (view, column, order);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_array_append_val (f->shown, ms);
  wait_frame (window);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_array_append_val (f->drawn, ms);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  Figures *enter = figures_new ("list → search");
  Figures *next = figures_new ("search → search");
  Figures *leave = figures_new ("search → list");
  Figures *sorted = figures_new ("sort the list");
  GtkApplication *application;
  GtkColumnViewColumn *title;
  CfWindow *window;
  gint64 opened;
  int repeat;

  setlocale (LC_ALL, "");
  if (argc < 3)
    {
      g_printerr ("usage: bench-list CASE QUERIES_FILE [REPEAT]\n");
      return 2;
    }
  repeat = argc > 3 ? MAX (1, atoi (argv[3])) : 3;
  if (!g_file_get_contents (argv[2], &text, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *tab = strchr (lines[i], '\t');

      if (tab != NULL && tab[1] != '\0')
        g_ptr_array_add (queries, g_strdup (tab + 1));
    }

  cf_application_init_i18n ();
  gtk_init ();
  adw_init ();
  application = GTK_APPLICATION (cf_application_new (G_APPLICATION_NON_UNIQUE));
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    g_error ("%s", error->message);
  g_application_hold (G_APPLICATION (application));
  window = cf_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_frame (window);
  opened = g_get_monotonic_time ();
  cf_window_open_case (window, argv[1], FALSE);
  wait_until (has_case, window);
  wait_frame (window);
  g_print ("%u documents shown %.0f ms after opening the case; %u queries, %d times each\n",
           cf_document_table_get_n_rows (CF_DOCUMENT_TABLE (cf_window_get_table (window))),
           (g_get_monotonic_time () - opened) / 1000.0, queries->len, repeat);

  for (int r = 0; r < repeat; r++)
    {
      /* Each query from the list and back. */
      for (guint i = 0; i < queries->len; i++)
        {
          show (window, g_ptr_array_index (queries, i), enter);
          show (window, "", leave);
        }
      /* Then one after another, as typing on does. */
      for (guint i = 0; i < queries->len; i++)
        show (window, g_ptr_array_index (queries, i), i == 0 ? enter : next);
      if (queries->len > 0)
        show (window, "", leave);
    }

  title = GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (cf_window_get_table (window),
                                                                   CF_TYPE_DOCUMENT_TABLE,
                                                                   "title_column"));
  for (int r = 0; r < repeat; r++)
    {
      sort (window, title, GTK_SORT_DESCENDING, sorted);
      sort (window, NULL, GTK_SORT_ASCENDING, sorted);
    }

  report (enter);
  report (next);
  report (leave);
  report (sorted);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
