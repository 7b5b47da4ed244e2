/* cli-import.c — `import`: one line per item, a live progress line on a
 * terminal, a summary, and Ctrl+C that stops cleanly (what was imported
 * stays; run the same import again to finish). */
#include "config.h"

#include <glib-unix.h>
#include <stdio.h>

#include "cli-commands.h"
#include "cli-common.h"

#include "cf-importer.h"

typedef struct
{
  gint64 started;
} ImportRun;

static const char *
outcome_word (CfImportOutcome outcome)
{
  switch (outcome)
    {
    case CF_IMPORT_IMPORTED:
      return "imported";
    case CF_IMPORT_DUPLICATE:
      return "duplicate";
    case CF_IMPORT_SKIPPED:
      return "skipped";
    case CF_IMPORT_FAILED:
    default:
      return "failed";
    }
}

void
cli_print_import_item (const CfImportItem *item,
         gpointer            user_data)
{
  g_autofree char *indent = g_strnfill (item->depth * 2, ' ');
  g_autofree char *id = item->document_id > 0
    ? g_strdup_printf ("%" G_GINT64_FORMAT, item->document_id) : g_strdup ("-");

  cli_progress_clear ();
  switch (item->outcome)
    {
    case CF_IMPORT_DUPLICATE:
      g_print ("%-9s %6s %s%s (same bytes as %" G_GINT64_FORMAT ")%s%s%s\n",
               outcome_word (item->outcome), id, indent, item->source, item->duplicate_of,
               item->reason ? " [" : "", item->reason ? item->reason : "", item->reason ? "]" : "");
      break;
    case CF_IMPORT_IMPORTED:
      g_print ("%-9s %6s %s%s%s%s%s\n", outcome_word (item->outcome), id, indent, item->source,
               item->reason ? " [" : "", item->reason ? item->reason : "", item->reason ? "]" : "");
      break;
    case CF_IMPORT_SKIPPED:
    case CF_IMPORT_FAILED:
    default:
      g_print ("%-9s %6s %s%s: %s\n", outcome_word (item->outcome), id, indent, item->source,
               item->reason ? item->reason : "unknown reason");
      break;
    }
}

static void
on_progress (const CfImportProgress *p,
             gpointer                user_data)
{
  ImportRun *run = user_data;
  double seconds = (g_get_monotonic_time () - run->started) / (double) G_USEC_PER_SEC;
  g_autofree char *done = cli_format_size (p->bytes_done);
  g_autofree char *total = cli_format_size (p->bytes_total);
  g_autofree char *rate = cli_format_size (seconds > 0.2 ? (guint64) (p->bytes_done / seconds) : 0);

  cli_progress_line ("%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " items  %s/%s  %s/s  %s",
                     p->n_items, p->n_items_total, done, total, rate,
                     p->current ? p->current : "");
}

static gboolean
on_interrupt (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_printerr ("\ncasefile-cli: stopping after the current item…\n");
  g_cancellable_cancel (cancellable);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_size (const char *text,
            guint64    *bytes)
{
  char *end = NULL;
  guint64 value = g_ascii_strtoull (text, &end, 10);
  guint64 unit = 1;

  if (end == text)
    return FALSE;
  switch (g_ascii_toupper (*end))
    {
    case 'K': unit = 1024; end++; break;
    case 'M': unit = 1024 * 1024; end++; break;
    case 'G': unit = 1024 * 1024 * 1024; end++; break;
    case '\0': break;
    default: return FALSE;
    }
  if (*end == 'B' || *end == 'b')
    end++;
  if (*end != '\0')
    return FALSE;
  *bytes = value * unit;
  return TRUE;
}

typedef struct
{
  GCancellable *cancellable;
  GMainLoop *loop;
  gboolean ok;
  GError *error;
} AsyncWait;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->ok = cf_importer_run_finish (CF_IMPORTER (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

int
cli_cmd_import (int    argc,
                char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(CfImporter) importer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *max_bytes = NULL;
  g_autofree char *bytes_text = NULL;
  int max_ratio = 0, max_members = 0, max_depth = 0;
  gboolean no_extract = FALSE;
  const CfImportProgress *t;
  CfImportLimits limits;
  ImportRun run;
  AsyncWait wait = { 0 };
  double seconds;
  guint sigint, sigterm;
  GOptionEntry entries[] = {
    { "max-expanded-bytes", 0, 0, G_OPTION_ARG_STRING, &max_bytes,
      "Stop expanding archives of one item after this many bytes (default 64G)", "SIZE" },
    { "max-ratio", 0, 0, G_OPTION_ARG_INT, &max_ratio,
      "Stop expanding an archive that grows more than N times its size (default 200)", "N" },
    { "max-members", 0, 0, G_OPTION_ARG_INT, &max_members,
      "Stop after N archive members per item (default 200000)", "N" },
    { "max-depth", 0, 0, G_OPTION_ARG_INT, &max_depth,
      "Expand archives nested at most N deep (default 8)", "N" },
    { "no-extract", 0, 0, G_OPTION_ARG_NONE, &no_extract,
      "Only store; read the documents (text, dates, attachments) later with reextract", NULL },
    { NULL }
  };

  if (!cli_parse ("import", "CASE PATH…",
                  "Import files and folders. ZIP and TAR archives are kept and their members "
                  "imported as a family. Each original is stored byte for byte under its SHA-256.",
                  entries, &argc, &argv))
    return CLI_ERROR;
  if (argc < 3)
    return cli_usage_error ("import", "give a CASE and at least one PATH");

  cf_importer_get_default_limits (&limits);
  if (max_bytes != NULL && !parse_size (max_bytes, &limits.max_expanded_bytes))
    return cli_usage_error ("import", "--max-expanded-bytes takes a size such as 500M or 64G");
  if (max_ratio > 0)
    {
      limits.max_ratio = max_ratio;
      limits.min_ratio_bytes = MIN (limits.min_ratio_bytes, 1024 * 1024);
    }
  if (max_members > 0)
    limits.max_members = max_members;
  if (max_depth > 0)
    limits.max_depth = max_depth;

  kase = cli_open_case (argv[1], TRUE);
  if (kase == NULL)
    return CLI_ERROR;

  importer = cf_importer_new (kase);
  cf_importer_set_limits (importer, &limits);
  cf_importer_set_item_func (importer, cli_print_import_item, NULL);
  run.started = g_get_monotonic_time ();
  cf_importer_set_progress_func (importer, on_progress, &run);

  /* The import runs in a worker thread so that Ctrl+C is handled at once
   * and the current item is abandoned cleanly. */
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  sigint = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);
  cf_importer_run_async (importer, (const char * const *) argv + 2, cancellable, on_done, &wait);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  cli_progress_clear ();

  t = cf_importer_get_totals (importer);
  seconds = (g_get_monotonic_time () - run.started) / (double) G_USEC_PER_SEC;
  bytes_text = cli_format_size (t->bytes_done);
  g_print ("Imported %" G_GUINT64_FORMAT ", duplicates %" G_GUINT64_FORMAT ", skipped %"
           G_GUINT64_FORMAT ", failed %" G_GUINT64_FORMAT " (%s in %.1f s)\n",
           t->n_imported, t->n_duplicates, t->n_skipped, t->n_failed, bytes_text, seconds);

  if (!wait.ok)
    {
      int status;

      if (g_error_matches (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_printerr ("casefile-cli: the import was stopped; what is listed above was imported. "
                    "Run the same import again to finish it.\n");
      else
        g_printerr ("casefile-cli: the import stopped: %s\n", wait.error->message);
      status = CLI_ERROR;
      g_clear_error (&wait.error);
      return status;
    }
  if (!no_extract)
    {
      int status;

      status = cli_read_documents (kase);
      if (status != CLI_OK)
        return status;
    }
  return t->n_failed > 0 ? CLI_PARTIAL : CLI_OK;
}
