/* cli-claims.c — `claim add|list|edit|move|rm`, `tag` and `untag`. */
#include "config.h"

#include <string.h>

#include "cli-commands.h"
#include "cli-common.h"

static int
claim_add (int    argc,
           char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *side_text = NULL;
  g_autofree char *description = NULL;
  CfSide side = CF_SIDE_OURS;
  gint64 parent_id = 0, id;
  GOptionEntry entries[] = {
    { "parent", 0, 0, G_OPTION_ARG_STRING, &parent, "Put it under this claim", "CLAIM" },
    { "side", 0, 0, G_OPTION_ARG_STRING, &side_text, "ours (default) or theirs", "SIDE" },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, "What it means", "TEXT" },
    { NULL }
  };

  if (!cli_parse ("claim add", "CASE TITLE", "Add a claim; prints its id.", entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 3)
    return cli_usage_error ("claim add", "give a CASE and a TITLE");
  if (side_text != NULL && !cf_side_from_string (side_text, &side))
    return cli_usage_error ("claim add", "--side must be ours or theirs");
  if (parent != NULL && !cli_parse_id (parent, "claim", &parent_id))
    return CLI_ERROR;
  kase = cli_open_case (argv[1], TRUE);
  if (kase == NULL)
    return CLI_ERROR;
  id = cf_case_add_claim (kase, argv[2], parent_id, side, description, &error);
  if (id == 0)
    return cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return CLI_OK;
}

static int
claim_list (int    argc,
            char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };

  if (!cli_parse ("claim list", "CASE", "Show the claims tree.", entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 2)
    return cli_usage_error ("claim list", "give exactly one CASE folder");
  kase = cli_open_case (argv[1], FALSE);
  if (kase == NULL)
    return CLI_ERROR;
  claims = cf_case_list_claims (kase, &error);
  if (claims == NULL)
    return cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < claims->len; i++)
        {
          CfClaim *c = g_ptr_array_index (claims, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, cf_claim_get_id (c));
          json_builder_set_member_name (b, "parent");
          if (cf_claim_get_parent_id (c) > 0)
            json_builder_add_int_value (b, cf_claim_get_parent_id (c));
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "position");
          json_builder_add_int_value (b, cf_claim_get_position (c));
          json_builder_set_member_name (b, "depth");
          json_builder_add_int_value (b, cf_claim_get_depth (c));
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, cf_claim_get_title (c));
          json_builder_set_member_name (b, "side");
          json_builder_add_string_value (b, cf_side_to_string (cf_claim_get_side (c)));
          json_builder_set_member_name (b, "description");
          json_builder_add_string_value (b, cf_claim_get_description (c));
          json_builder_set_member_name (b, "documents");
          json_builder_add_int_value (b, cf_claim_get_n_documents (c));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
      return CLI_OK;
    }

  if (claims->len == 0)
    g_print ("No claims yet. Add one with “casefile-cli claim add CASE TITLE”.\n");
  for (guint i = 0; i < claims->len; i++)
    {
      CfClaim *c = g_ptr_array_index (claims, i);
      g_autofree char *indent = g_strnfill (cf_claim_get_depth (c) * 2, ' ');

      g_print ("%4" G_GINT64_FORMAT "  %-6s %s%s (%u document%s)\n", cf_claim_get_id (c),
               cf_side_to_string (cf_claim_get_side (c)), indent, cf_claim_get_title (c),
               cf_claim_get_n_documents (c), cf_claim_get_n_documents (c) == 1 ? "" : "s");
    }
  return CLI_OK;
}

static int
claim_edit (int    argc,
            char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *side_text = NULL;
  CfSide side;
  gint64 id;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "A new title", "T" },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, "A new description", "T" },
    { "side", 0, 0, G_OPTION_ARG_STRING, &side_text, "ours or theirs", "SIDE" },
    { NULL }
  };

  if (!cli_parse ("claim edit", "CASE CLAIM", "Rename a claim or change its description or side.",
                  entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 3)
    return cli_usage_error ("claim edit", "give a CASE and a CLAIM id");
  if (title == NULL && description == NULL && side_text == NULL)
    return cli_usage_error ("claim edit", "give --title, --description or --side");
  if (side_text != NULL && !cf_side_from_string (side_text, &side))
    return cli_usage_error ("claim edit", "--side must be ours or theirs");
  if (!cli_parse_id (argv[2], "claim", &id))
    return CLI_ERROR;
  kase = cli_open_case (argv[1], TRUE);
  if (kase == NULL)
    return CLI_ERROR;
  if (!cf_case_edit_claim (kase, id, title, description, side_text ? (int) side : -1, &error))
    return cli_fail (error);
  return CLI_OK;
}

static int
claim_move (int    argc,
            char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = NULL;
  gboolean root = FALSE;
  int position = -1;
  gint64 id, parent_id = 0;
  GOptionEntry entries[] = {
    { "parent", 0, 0, G_OPTION_ARG_STRING, &parent, "Move under this claim", "CLAIM" },
    { "root", 0, 0, G_OPTION_ARG_NONE, &root, "Move to the top level", NULL },
    { "position", 0, 0, G_OPTION_ARG_INT, &position, "Place among its siblings (0 = first; default last)", "N" },
    { NULL }
  };

  if (!cli_parse ("claim move", "CASE CLAIM (--parent CLAIM | --root) [--position N]",
                  "Move a claim in the tree.", entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 3)
    return cli_usage_error ("claim move", "give a CASE and a CLAIM id");
  if ((parent == NULL) == !root)
    return cli_usage_error ("claim move", "give either --parent CLAIM or --root");
  if (!cli_parse_id (argv[2], "claim", &id) ||
      (parent != NULL && !cli_parse_id (parent, "claim", &parent_id)))
    return CLI_ERROR;
  kase = cli_open_case (argv[1], TRUE);
  if (kase == NULL)
    return CLI_ERROR;
  if (!cf_case_move_claim (kase, id, parent_id, position, &error))
    return cli_fail (error);
  return CLI_OK;
}

static int
claim_rm (int    argc,
          char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  gboolean recursive = FALSE;
  gint64 id;
  GOptionEntry entries[] = {
    { "recursive", 'r', 0, G_OPTION_ARG_NONE, &recursive, "Also remove its sub-claims", NULL },
    { NULL }
  };

  if (!cli_parse ("claim rm", "CASE CLAIM", "Remove a claim and its tags (documents stay).",
                  entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 3)
    return cli_usage_error ("claim rm", "give a CASE and a CLAIM id");
  if (!cli_parse_id (argv[2], "claim", &id))
    return CLI_ERROR;
  kase = cli_open_case (argv[1], TRUE);
  if (kase == NULL)
    return CLI_ERROR;
  if (!cf_case_remove_claim (kase, id, recursive, &error))
    return cli_fail (error);
  return CLI_OK;
}

int
cli_cmd_claim (int    argc,
               char **argv)
{
  static const CliCommand subcommands[] = {
    { "add", "CASE TITLE", "Add a claim", claim_add },
    { "list", "CASE", "Show the claims tree", claim_list },
    { "edit", "CASE CLAIM", "Change a claim", claim_edit },
    { "move", "CASE CLAIM", "Move a claim", claim_move },
    { "rm", "CASE CLAIM", "Remove a claim", claim_rm },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (strcmp (argv[1], subcommands[i].name) == 0)
        return subcommands[i].run (argc - 1, argv + 1);

  g_print ("Usage: casefile-cli claim SUBCOMMAND …\n\n");
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    g_print ("  %-6s %-12s %s\n", subcommands[i].name, subcommands[i].args, subcommands[i].summary);
  return argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
         ? CLI_OK : CLI_ERROR;
}

int
cli_cmd_tag (int    argc,
             char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *claim = NULL;
  g_autofree char *stance_text = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *note = NULL;
  CfStance stance = CF_STANCE_SUPPORTS;
  gint64 claim_id;
  GOptionEntry entries[] = {
    { "claim", 0, 0, G_OPTION_ARG_STRING, &claim, "The claim (required)", "CLAIM" },
    { "stance", 0, 0, G_OPTION_ARG_STRING, &stance_text,
      "supports (default), undermines or context", "STANCE" },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin, "Where in the document (\"p.2, 제4조\")", "TEXT" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "Why it matters", "TEXT" },
    { NULL }
  };

  if (!cli_parse ("tag", "CASE --claim CLAIM DOC…",
                  "Tag documents to a claim (again: updates stance, pinpoint and note).",
                  entries, &argc, &argv))
    return CLI_ERROR;
  if (argc < 3)
    return cli_usage_error ("tag", "give a CASE and at least one DOC id");
  if (claim == NULL)
    return cli_usage_error ("tag", "--claim is required");
  if (stance_text != NULL && !cf_stance_from_string (stance_text, &stance))
    return cli_usage_error ("tag", "--stance must be supports, undermines or context");
  if (!cli_parse_id (claim, "claim", &claim_id) ||
      !cli_parse_document_ids (argc, argv, 2, &ids))
    return CLI_ERROR;
  kase = cli_open_case (argv[1], TRUE);
  if (kase == NULL)
    return CLI_ERROR;
  if (!cf_case_tag (kase, claim_id, (const gint64 *) (gpointer) ids->data, ids->len, stance, pin,
                    note, &error))
    return cli_fail (error);
  return CLI_OK;
}

int
cli_cmd_untag (int    argc,
               char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *claim = NULL;
  gint64 claim_id;
  GOptionEntry entries[] = {
    { "claim", 0, 0, G_OPTION_ARG_STRING, &claim, "The claim (required)", "CLAIM" },
    { NULL }
  };

  if (!cli_parse ("untag", "CASE --claim CLAIM DOC…",
                  "Untag documents from a claim. A numbered document left without claims keeps "
                  "its number as a withdrawn gap.", entries, &argc, &argv))
    return CLI_ERROR;
  if (argc < 3)
    return cli_usage_error ("untag", "give a CASE and at least one DOC id");
  if (claim == NULL)
    return cli_usage_error ("untag", "--claim is required");
  if (!cli_parse_id (claim, "claim", &claim_id) ||
      !cli_parse_document_ids (argc, argv, 2, &ids))
    return CLI_ERROR;
  kase = cli_open_case (argv[1], TRUE);
  if (kase == NULL)
    return CLI_ERROR;
  if (!cf_case_untag (kase, claim_id, (const gint64 *) (gpointer) ids->data, ids->len, &error))
    return cli_fail (error);
  return CLI_OK;
}
