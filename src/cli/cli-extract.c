/* cli-extract.c — reading documents from the command line: what `import`
 * does after storing, and `reextract` to read documents again once
 * Casefile knows more. */
#include "config.h"

#include <glib-unix.h>

#include "cli-commands.h"
#include "cli-common.h"

#include "cf-extraction.h"

static void
on_progress (const CfExtractionProgress *p,
             gpointer                    user_data)
{
  cli_progress_line ("reading %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " documents  %s",
                     p->n_done, p->n_total, p->current ? p->current : "");
}

typedef struct
{
  GMainLoop *loop;
  gboolean ok;
  GError *error;
} Wait;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = cf_extractor_run_finish (CF_EXTRACTOR (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_printerr ("\ncasefile-cli: stopping after the documents being read…\n");
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

/* Reads every unread document (attachments it finds are printed like
 * imported items); prints one line per document that could not be read and
 * a summary. Runs in a worker thread so Ctrl+C stops it cleanly. Returns
 * the exit status. */
int
cli_read_documents (CfCase *kase)
{
  g_autoptr(CfExtractor) extractor = cf_extractor_new (kase);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  const CfExtractionProgress *t;
  guint n_unreadable = 0, n_ocr = 0, n_encrypted = 0;
  Wait wait = { loop, FALSE, NULL };
  guint sigint, sigterm;

  if (cf_case_count_unread (kase) == 0)
    return CLI_OK;
  cf_extractor_set_progress_func (extractor, on_progress, NULL);
  cf_extractor_set_item_func (extractor, cli_print_import_item, NULL);
  sigint = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);
  cf_extractor_run_async (extractor, cancellable, on_done, &wait);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  cli_progress_clear ();
  if (!wait.ok)
    {
      if (g_error_matches (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_printerr ("casefile-cli: reading was stopped; the rest is read next time "
                    "(or with “casefile-cli reextract”)\n");
      else
        g_printerr ("casefile-cli: reading stopped: %s\n", wait.error->message);
      g_clear_error (&wait.error);
      return CLI_ERROR;
    }

  documents = cf_case_list_documents (kase, &error);
  if (documents == NULL)
    return cli_fail (error);
  for (guint i = 0; i < documents->len; i++)
    {
      CfDocument *d = g_ptr_array_index (documents, i);
      const char *status = cf_document_get_text_status (d);

      if (g_strcmp0 (status, "failed") == 0)
        {
          n_unreadable++;
          g_print ("%-9s %6" G_GINT64_FORMAT " %s: %s\n", "unread", cf_document_get_id (d),
                   cf_document_get_source (d), cf_document_get_problem (d));
        }
      else if (g_strcmp0 (status, "encrypted") == 0)
        n_encrypted++;
      else if (g_strcmp0 (status, "needs-ocr") == 0)
        n_ocr++;
    }
  t = cf_extractor_get_totals (extractor);
  g_print ("Read %" G_GUINT64_FORMAT " documents: %u could not be read, %u encrypted, "
           "%u need OCR\n", t->n_done, n_unreadable, n_encrypted, n_ocr);
  return CLI_OK;
}

int
cli_cmd_reextract (int    argc,
                   char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (!cli_parse ("reextract", "CASE [DOC…]",
                  "Read documents again (all, or the ones given): their text, title, date, "
                  "author and attachments. Fields a person edited stay as they are; "
                  "attachments found before are not added twice.",
                  NULL, &argc, &argv))
    return CLI_ERROR;
  if (argc < 2)
    return cli_usage_error ("reextract", "give a CASE");
  if (!cli_parse_document_ids (argc, argv, 2, &ids))
    return CLI_ERROR;
  kase = cli_open_case (argv[1], TRUE);
  if (kase == NULL)
    return CLI_ERROR;
  if (!cf_case_mark_for_reading (kase, (const gint64 *) (gpointer) ids->data, ids->len, &error))
    return cli_fail (error);
  return cli_read_documents (kase);
}
