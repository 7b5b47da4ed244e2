/* cli-export.c — `export` and `verify`. */
#include "config.h"

#include <string.h>

#include "cli-commands.h"
#include "cli-common.h"

#include "cf-bundle.h"

static void
on_progress (const CfExportProgress *p,
             gpointer                user_data)
{
  g_autofree char *done = cli_format_size (p->bytes_done);
  g_autofree char *total = cli_format_size (p->bytes_total);

  if (g_strcmp0 (p->phase, "verifying") == 0)
    cli_progress_line ("verifying the bundle…");
  else
    cli_progress_line ("writing %s/%s  %s", done, total, p->current ? p->current : "");
}

int
cli_cmd_export (int    argc,
                char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(CfExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) claims = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) claim_texts = NULL;
  g_autofree char *format = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *passphrase = NULL;
  g_autofree char *size = NULL;
  gboolean encrypt = FALSE, force = FALSE;
  CfExportOptions options = { 0 };
  GOptionEntry entries[] = {
    { "claim", 0, 0, G_OPTION_ARG_STRING_ARRAY, &claim_texts,
      "Export this claim (with its sub-claims); repeat for more; default all", "CLAIM" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "zip (default) or tar", "FORMAT" },
    { "encrypt", 0, 0, G_OPTION_ARG_NONE, &encrypt,
      "Encrypt with AES-256 (ZIP; opens with 7-Zip, not Windows Explorer)", NULL },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      "Read the passphrase from the first line of this file (else it is asked for)", "FILE" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, "Replace OUT if it exists", NULL },
    { NULL }
  };

  if (!cli_parse ("export", "CASE OUT",
                  "Write the evidence bundle: the exhibits' originals with an index, a per-claim "
                  "view, a privilege log, a custody log and SHA256SUMS. Numbers exported are locked.",
                  entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 3)
    return cli_usage_error ("export", "give a CASE and an OUT file");
  options.format = CF_BUNDLE_ZIP;
  if (format != NULL && strcmp (format, "tar") == 0)
    options.format = CF_BUNDLE_TAR;
  else if (format != NULL && strcmp (format, "zip") != 0)
    return cli_usage_error ("export", "--format must be zip or tar");
  if (passphrase_file != NULL && !encrypt)
    return cli_usage_error ("export", "--passphrase-file goes with --encrypt");
  if (encrypt && options.format != CF_BUNDLE_ZIP)
    return cli_usage_error ("export", "only ZIP bundles can be encrypted");
  for (guint i = 0; claim_texts && claim_texts[i]; i++)
    {
      gint64 id;

      if (!cli_parse_id (claim_texts[i], "claim", &id))
        return CLI_ERROR;
      g_array_append_val (claims, id);
    }

  if (encrypt)
    {
      if (!cf_bundle_can_encrypt ())
        {
          g_printerr ("casefile-cli: this system's libarchive cannot write AES-256 ZIP files; "
                      "nothing was written (ZipCrypto is never used)\n");
          return CLI_ERROR;
        }
      passphrase = cli_read_passphrase (passphrase_file, TRUE, &error);
      if (passphrase == NULL)
        return cli_fail (error);
    }

  kase = cli_open_case (argv[1], TRUE);
  if (kase == NULL)
    return CLI_ERROR;

  options.claim_ids = claims->len ? (const gint64 *) (gpointer) claims->data : NULL;
  options.n_claim_ids = claims->len;
  options.passphrase = passphrase;
  options.overwrite = force;
  result = cf_case_export_bundle (kase, argv[2], &options, on_progress, NULL, NULL, &error);
  if (passphrase != NULL)
    memset (passphrase, 0, strlen (passphrase));
  cli_progress_clear ();
  if (result == NULL)
    return cli_fail (error);

  size = cli_format_size (result->size);
  g_print ("Wrote %s (%s): %u exhibits, %u withheld as privileged, %u withdrawn numbers%s\n",
           result->path, size, result->n_exhibits, result->n_privileged, result->n_withdrawn,
           result->encrypted ? ", AES-256 encrypted" : "");
  g_print ("SHA-256: %s\n", result->sha256);
  return CLI_OK;
}

static void
print_list (const char *what,
            GPtrArray  *items)
{
  for (guint i = 0; i < items->len; i++)
    g_print ("%-8s %s\n", what, (const char *) g_ptr_array_index (items, i));
}

int
cli_cmd_verify (int    argc,
                char **argv)
{
  g_autoptr(CfVerifyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *passphrase = NULL;
  gboolean ask = FALSE;
  GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      "The passphrase of an encrypted bundle, from this file", "FILE" },
    { "ask-passphrase", 0, 0, G_OPTION_ARG_NONE, &ask, "Ask for the passphrase", NULL },
    { NULL }
  };

  if (!cli_parse ("verify", "BUNDLE",
                  "Re-hash every file of a bundle (ZIP, TAR or an extracted folder) against its "
                  "SHA256SUMS and manifest.json; report altered, missing and extra files. "
                  "Exit 0 intact, 1 problems, 2 unreadable.", entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 2)
    return cli_usage_error ("verify", "give exactly one BUNDLE");
  if (passphrase_file != NULL || ask)
    {
      passphrase = cli_read_passphrase (passphrase_file, FALSE, &error);
      if (passphrase == NULL)
        return cli_fail (error);
    }

  report = cf_bundle_verify (argv[1], passphrase, NULL, &error);
  if (report == NULL)
    return cli_fail (error);

  print_list ("altered", report->altered);
  print_list ("missing", report->missing);
  print_list ("extra", report->extra);
  if (report->sha256 != NULL)
    g_print ("Bundle SHA-256: %s\n", report->sha256);
  if (cf_verify_report_is_intact (report))
    {
      g_print ("Intact: all %u files match SHA256SUMS and manifest.json\n", report->n_checked);
      return CLI_OK;
    }
  g_print ("NOT intact: %u altered, %u missing, %u extra (%u files matched)\n",
           report->altered->len, report->missing->len, report->extra->len, report->n_checked);
  return CLI_PARTIAL;
}
