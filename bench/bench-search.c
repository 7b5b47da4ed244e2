/* bench-search.c — query latency over a case, in process (no start-up
 * cost), with snippets, as the app and the CLI run them.
 * Usage: bench-search CASE QUERIES_FILE [REPEAT]
 *   QUERIES_FILE: one "class<TAB>query" per line.
 *   --rebuild CASE: time a full rebuild of the index instead.
 * Prints per class and overall: count, p50, p95, max in milliseconds, and
 * each query's hits as document ids (for recall). */
#include <glib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cf-case.h"
#include "cf-search.h"

#include "bench-stats.h"

static void
report (const char *name,
        GArray     *times)
{
  if (times->len == 0)
    return;
  g_print ("%-22s %5u queries  p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", name, times->len,
           bench_percentile (times, 0.5), bench_percentile (times, 0.95), bench_percentile (times, 1.0));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CfCase) kase = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  GHashTableIter iter;
  gpointer key, value;
  int repeat;

  /* Queries are printed back; they must stay UTF-8. */
  setlocale (LC_ALL, "");
  if (argc >= 3 && strcmp (argv[1], "--rebuild") == 0)
    {
      gint64 start;

      kase = cf_case_open (argv[2], CF_CASE_OPEN_DEFAULT, &error);
      if (kase == NULL)
        g_error ("%s", error->message);
      start = g_get_monotonic_time ();
      if (!cf_case_rebuild_search_index (kase, &error))
        g_error ("%s", error->message);
      g_print ("%.2f\n", (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
      return 0;
    }
  if (argc < 3)
    {
      g_printerr ("usage: bench-search CASE QUERIES [REPEAT] | bench-search --rebuild CASE\n");
      return 2;
    }
  repeat = argc > 3 ? atoi (argv[3]) : 5;
  kase = cf_case_open (argv[1], CF_CASE_OPEN_READ_ONLY, &error);
  if (kase == NULL)
    g_error ("%s", error->message);
  if (!g_file_get_contents (argv[2], &contents, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], "\t", 2);
      GArray *times;
      guint total = 0;

      if (g_strv_length (parts) != 2)
        continue;
      times = g_hash_table_lookup (classes, parts[0]);
      if (times == NULL)
        {
          times = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (classes, g_strdup (parts[0]), times);
        }
      for (int r = 0; r < repeat; r++)
        {
          CfSearchOptions options = { .limit = 20 };
          g_autoptr(GPtrArray) hits = NULL;
          gint64 start = g_get_monotonic_time ();
          double ms;

          hits = cf_case_search (kase, parts[1], &options, &total, &error);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          if (hits == NULL)
            g_error ("%s: %s", parts[1], error->message);
          /* The first run of each query warms the page cache; keep the rest. */
          if (r > 0)
            {
              g_array_append_val (times, ms);
              g_array_append_val (all, ms);
            }
        }
      {
        g_autoptr(GArray) ids = cf_case_search_ids (kase, parts[1], &error);
        GString *list = g_string_new (NULL);

        for (guint k = 0; ids && k < ids->len; k++)
          g_string_append_printf (list, "%s%" G_GINT64_FORMAT, k ? "," : "", g_array_index (ids, gint64, k));
        g_print ("hits\t%s\t%s\n", parts[1], list->str);
        g_string_free (list, TRUE);
      }
    }

  g_hash_table_iter_init (&iter, classes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    report (key, value);
  report ("all", all);
  return 0;
}
