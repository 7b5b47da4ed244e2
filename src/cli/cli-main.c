/* cli-main.c — casefile-cli: the command-line face of the Casefile core.
 * Scripts depend on its interface; see README.md. */
#include "config.h"

#include <glib.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "cli-commands.h"
#include "cli-common.h"

static const CliCommand commands[] = {
  { "new", "CASE --title TITLE", "Create a case", cli_cmd_new },
  { "info", "CASE", "Show a case's settings and counts", cli_cmd_info },
  { "import", "CASE PATH…", "Import files and folders (ZIP/TAR archives become families)", cli_cmd_import },
  { "list", "CASE", "List the documents", cli_cmd_list },
  { "show", "CASE DOC", "Show one document", cli_cmd_show },
  { "search", "CASE QUERY…", "Find documents by their words and facts", cli_cmd_search },
  { "claim", "add|list|edit|move|rm …", "Manage the claims tree", cli_cmd_claim },
  { "tag", "CASE --claim CLAIM DOC…", "Tag documents to a claim", cli_cmd_tag },
  { "untag", "CASE --claim CLAIM DOC…", "Untag documents from a claim", cli_cmd_untag },
  { "edit", "CASE DOC", "Edit a document's title, date or author", cli_cmd_edit },
  { "privilege", "CASE DOC (--basis TEXT | --clear)", "Mark or clear privilege", cli_cmd_privilege },
  { "rm", "CASE DOC… [--reason TEXT]", "Remove documents imported by mistake", cli_cmd_rm },
  { "number", "CASE", "Assign exhibit numbers", cli_cmd_number },
  { "export", "CASE OUT", "Write the evidence bundle", cli_cmd_export },
  { "verify", "BUNDLE", "Check a bundle against its checksums", cli_cmd_verify },
  { "reextract", "CASE [DOC…]", "Read documents again (text, dates, attachments)", cli_cmd_reextract },
  { "log", "CASE", "Show the custody log", cli_cmd_log },
  { "fsck", "CASE", "Check a case for damage", cli_cmd_fsck },
};

static void
print_usage (void)
{
  g_print ("Usage: casefile-cli COMMAND [OPTION…]\n\n"
           "Casefile keeps evidence for a lawsuit: originals byte for byte, tagged to the\n"
           "claims of the case, numbered as exhibits, exported as a verifiable bundle.\n\n"
           "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %-36s %s\n", commands[i].name, commands[i].args, commands[i].summary);
  g_print ("\nEach command has --help. Exit status: 0 done, 1 some items failed or problems\n"
           "were found, 2 usage or case error.\n");
}

/* libarchive and the name decoding need a UTF-8 locale; fall back to
 * C.UTF-8 rather than mangle Hangul. */
static void
setup_locale (void)
{
  const char *charset = NULL;

  setlocale (LC_ALL, "");
  if (!g_get_charset (&charset))
    setlocale (LC_CTYPE, "C.UTF-8");
  /* The command line speaks English throughout, also where the core's
   * messages are translated for the app (malformed searches). */
  setlocale (LC_MESSAGES, "C");
}

int
main (int    argc,
      char **argv)
{
  setup_locale ();
  g_set_prgname ("casefile-cli");
  /* Past a file size limit, a write should fail with EFBIG (an error we
   * report) rather than kill us. */
  signal (SIGXFSZ, SIG_IGN);

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage ();
      return argc < 2 ? CLI_ERROR : CLI_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("casefile-cli %s\n", PACKAGE_VERSION);
      return CLI_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  g_printerr ("casefile-cli: unknown command “%s”\n\n", argv[1]);
  print_usage ();
  return CLI_ERROR;
}
