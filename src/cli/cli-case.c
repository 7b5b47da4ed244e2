/* cli-case.c — `new` and `info`. */
#include "config.h"

#include "cli-commands.h"
#include "cli-common.h"

#include "cf-case.h"
#include "cf-numbering.h"

int
cli_cmd_new (int    argc,
             char **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *court = NULL;
  g_autofree char *case_number = NULL;
  g_autofree char *party = NULL;
  g_autofree char *numbering = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CfCase) kase = NULL;
  CfCaseSettings settings = { 0 };
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "The case's title (required)", "TITLE" },
    { "court", 0, 0, G_OPTION_ARG_STRING, &court, "The court", "COURT" },
    { "case-number", 0, 0, G_OPTION_ARG_STRING, &case_number, "The court's case number", "N" },
    { "party", 0, 0, G_OPTION_ARG_STRING, &party,
      "Our party: plaintiff (갑, default), defendant (을), intervenor (병)", "PARTY" },
    { "numbering", 0, 0, G_OPTION_ARG_STRING, &numbering,
      "Exhibit numbers: korean (갑 제1호증, default) or us (PX-0001)", "STYLE" },
    { "prefix", 0, 0, G_OPTION_ARG_STRING, &prefix,
      "Prefix of US-style numbers (default PX, DX or IX by party)", "PX" },
    { NULL }
  };

  if (!cli_parse ("new", "CASE --title TITLE", "Create a case: a folder that will hold the "
                  "case database and the originals.", entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 2)
    return cli_usage_error ("new", "give exactly one CASE folder");
  if (title == NULL)
    return cli_usage_error ("new", "--title is required");

  settings.title = title;
  settings.court = court;
  settings.case_number = case_number;
  settings.prefix = prefix;
  if (party != NULL && !cf_party_from_string (party, &settings.party))
    return cli_usage_error ("new", "--party must be plaintiff, defendant or intervenor");
  if (numbering != NULL && !cf_numbering_from_string (numbering, &settings.numbering))
    return cli_usage_error ("new", "--numbering must be korean or us");

  kase = cf_case_create (argv[1], &settings, &error);
  if (kase == NULL)
    return cli_fail (error);
  g_print ("Created the case “%s” in %s\n", cf_case_get_title (kase), cf_case_get_path (kase));
  return CLI_OK;
}

int
cli_cmd_info (int    argc,
              char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *example = NULL;
  g_autofree char *holder = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };

  if (!cli_parse ("info", "CASE", "Show a case's settings and what it holds.", entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 2)
    return cli_usage_error ("info", "give exactly one CASE folder");
  kase = cli_open_case (argv[1], FALSE);
  if (kase == NULL)
    return CLI_ERROR;
  claims = cf_case_list_claims (kase, &error);
  if (claims == NULL)
    return cli_fail (error);
  example = cf_case_format_exhibit (kase, 1, 2);
  holder = cf_case_describe_writer (cf_case_get_path (kase));

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, cf_case_get_path (kase));
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, cf_case_get_uuid (kase));
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, cf_case_get_title (kase));
      json_builder_set_member_name (b, "court");
      json_builder_add_string_value (b, cf_case_get_court (kase));
      json_builder_set_member_name (b, "case_number");
      json_builder_add_string_value (b, cf_case_get_case_number (kase));
      json_builder_set_member_name (b, "party");
      json_builder_add_string_value (b, cf_party_to_string (cf_case_get_party (kase)));
      json_builder_set_member_name (b, "numbering");
      json_builder_add_string_value (b, cf_numbering_to_string (cf_case_get_numbering (kase)));
      json_builder_set_member_name (b, "prefix");
      json_builder_add_string_value (b, cf_case_get_prefix (kase));
      json_builder_set_member_name (b, "created");
      json_builder_add_string_value (b, cf_case_get_created (kase));
      json_builder_set_member_name (b, "documents");
      json_builder_add_int_value (b, cf_case_count_documents (kase));
      json_builder_set_member_name (b, "claims");
      json_builder_add_int_value (b, claims->len);
      json_builder_set_member_name (b, "open_by");
      if (holder)
        json_builder_add_string_value (b, holder);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
      return CLI_OK;
    }

  g_print ("Case:         %s\n", cf_case_get_title (kase));
  g_print ("Court:        %s\n", cf_case_get_court (kase));
  g_print ("Case number:  %s\n", cf_case_get_case_number (kase));
  g_print ("Our party:    %s (%s)\n", cf_party_to_string (cf_case_get_party (kase)),
           cf_party_exhibit_mark (cf_case_get_party (kase)));
  g_print ("Numbering:    %s, e.g. %s\n", cf_numbering_to_string (cf_case_get_numbering (kase)), example);
  g_print ("Folder:       %s\n", cf_case_get_path (kase));
  g_print ("Created:      %s\n", cf_case_get_created (kase));
  g_print ("Documents:    %u\n", cf_case_count_documents (kase));
  g_print ("Claims:       %u\n", claims->len);
  g_print ("Open by:      %s\n", holder ? holder : "nobody");
  return CLI_OK;
}
