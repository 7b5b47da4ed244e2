/* cli-number.c — `number`: assign exhibit numbers, or preview them. */
#include "config.h"

#include "cli-commands.h"
#include "cli-common.h"

#include "cf-numbering.h"

int
cli_cmd_number (int    argc,
                char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, "Show what would change; change nothing", NULL },
    { NULL }
  };

  if (!cli_parse ("number", "CASE",
                  "Assign exhibit numbers to tagged, unprivileged documents: in claim order, then "
                  "by date; a family shares a main number with sub-numbers. Numbers produced in a "
                  "bundle never change.", entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 2)
    return cli_usage_error ("number", "give exactly one CASE folder");
  kase = cli_open_case (argv[1], !dry_run);
  if (kase == NULL)
    return CLI_ERROR;
  changes = cf_case_number_exhibits (kase, dry_run, &error);
  if (changes == NULL)
    return cli_fail (error);

  for (guint i = 0; i < changes->len; i++)
    {
      CfNumberingChange *c = g_ptr_array_index (changes, i);

      g_autofree char *before = cli_pad (c->before ? c->before : "(none)", 16);
      g_autofree char *after = cli_pad (c->after ? c->after : "(none)", 16);

      g_print ("%6" G_GINT64_FORMAT "  %s → %s %s\n", c->document_id, before, after, c->title);
    }
  g_print ("%s%u change%s\n", dry_run ? "Would make " : "", changes->len,
           changes->len == 1 ? "" : "s");
  return CLI_OK;
}
