/* cli-search.c — `search`: documents by what they say and what is known of
 * them (the query language is in src/core/cf-search-query.h). */
#include "config.h"

#include <unistd.h>

#include "cli-commands.h"
#include "cli-common.h"

#include "cf-search.h"

int
cli_cmd_search (int    argc,
                char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  CfSearchOptions options = { 0 };
  gboolean json = FALSE;
  gboolean color;
  int limit = 50;
  guint total = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "Show at most N hits (default 50)", "N" },
    { NULL }
  };

  /* "-draft" is a word to exclude, not an option. */
  if (!cli_parse_full ("search", "CASE QUERY…",
                  "Find documents. Words match inside Korean words (위수탁 finds 위수탁계약서); "
                  "\"quoted phrases\", OR, -word to exclude, word* for prefixes; filters from:, "
                  "to:, type:, claim:, tag:, date:2018-04..2018-06, exhibit:. Hits are ranked; "
                  "the snippet marks them «like this».", entries, TRUE, &argc, &argv))
    return CLI_ERROR;
  if (argc < 3)
    return cli_usage_error ("search", "give a CASE and a QUERY");
  if (limit <= 0)
    return cli_usage_error ("search", "--limit must be positive");
  query = g_strjoinv (" ", argv + 2);
  kase = cli_open_case (argv[1], FALSE);
  if (kase == NULL)
    return CLI_ERROR;

  color = !json && isatty (STDOUT_FILENO);
  options.limit = limit;
  options.open = color ? "\033[1;33m" : "«";
  options.close = color ? "\033[0m" : "»";
  hits = cf_case_search (kase, query, &options, &total, &error);
  if (hits == NULL)
    {
      g_printerr ("casefile-cli: %s\n", error->message);
      return CLI_ERROR;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < hits->len; i++)
        {
          CfSearchHit *h = g_ptr_array_index (hits, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, h->document_id);
          json_builder_set_member_name (b, "exhibit");
          h->exhibit ? json_builder_add_string_value (b, h->exhibit) : json_builder_add_null_value (b);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, h->title);
          json_builder_set_member_name (b, "date");
          h->date ? json_builder_add_string_value (b, h->date) : json_builder_add_null_value (b);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, h->mime_type);
          json_builder_set_member_name (b, "source");
          json_builder_add_string_value (b, h->source);
          json_builder_set_member_name (b, "rank");
          json_builder_add_double_value (b, h->rank);
          json_builder_set_member_name (b, "snippet");
          h->snippet ? json_builder_add_string_value (b, h->snippet) : json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
      return CLI_OK;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      CfSearchHit *h = g_ptr_array_index (hits, i);
      g_autofree char *exhibit = cli_pad (h->exhibit ? h->exhibit : "-", 16);

      g_print ("%6" G_GINT64_FORMAT "  %s %-10s %s\n", h->document_id, exhibit,
               h->date ? h->date : "", h->title);
      if (h->snippet != NULL && h->snippet[0] != '\0')
        {
          g_autofree char *flat = g_strdup (h->snippet);

          g_strdelimit (flat, "\n\r\f\t", ' ');
          g_print ("        %s\n", g_strstrip (flat));
        }
    }
  g_print ("%u document%s found%s\n", total, total == 1 ? "" : "s",
           total > hits->len ? " (showing the best ones; --limit shows more)" : "");
  return CLI_OK;
}
