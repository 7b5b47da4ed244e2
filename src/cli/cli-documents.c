/* cli-documents.c — `list`, `show`, `edit` and `privilege`. */
#include "config.h"

#include <string.h>

#include "cli-commands.h"
#include "cli-common.h"

#include "cf-extraction.h"

static void
member_string (JsonBuilder *b,
               const char  *key,
               const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
member_id (JsonBuilder *b,
           const char  *key,
           gint64       id)
{
  json_builder_set_member_name (b, key);
  if (id > 0)
    json_builder_add_int_value (b, id);
  else
    json_builder_add_null_value (b);
}

static gboolean
add_document_json (JsonBuilder  *b,
                   CfCase       *kase,
                   CfDocument   *d,
                   GError      **error)
{
  g_autoptr(GPtrArray) tags = cf_case_list_tags (kase, cf_document_get_id (d), error);

  if (tags == NULL)
    return FALSE;
  json_builder_begin_object (b);
  member_id (b, "id", cf_document_get_id (d));
  member_id (b, "parent", cf_document_get_parent_id (d));
  member_string (b, "exhibit", cf_document_get_exhibit (d));
  json_builder_set_member_name (b, "exhibit_locked");
  json_builder_add_boolean_value (b, cf_document_get_exhibit_locked (d));
  member_string (b, "title", cf_document_get_title (d));
  member_string (b, "name", cf_document_get_name (d));
  member_string (b, "name_encoding", cf_document_get_name_encoding (d));
  member_string (b, "source", cf_document_get_source (d));
  member_string (b, "sha256", cf_document_get_sha256 (d));
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, cf_document_get_size (d));
  member_string (b, "type", cf_document_get_mime_type (d));
  member_string (b, "date", cf_document_get_date (d));
  member_string (b, "author", cf_document_get_author (d));
  member_string (b, "recipients", cf_document_get_recipients (d));
  json_builder_set_member_name (b, "pages");
  if (cf_document_get_pages (d) > 0)
    json_builder_add_int_value (b, cf_document_get_pages (d));
  else
    json_builder_add_null_value (b);
  member_string (b, "text_status", cf_document_get_text_status (d));
  member_string (b, "modified", cf_document_get_modified (d));
  member_string (b, "imported", cf_document_get_imported (d));
  member_string (b, "status", cf_status_to_string (cf_document_get_status (d)));
  member_string (b, "problem", cf_document_get_problem (d));
  json_builder_set_member_name (b, "privileged");
  json_builder_add_boolean_value (b, cf_document_get_privileged (d));
  member_string (b, "privilege_basis", cf_document_get_privilege_basis (d));
  member_id (b, "duplicate_of", cf_document_get_duplicate_of (d));
  json_builder_set_member_name (b, "children");
  json_builder_add_int_value (b, cf_document_get_n_children (d));
  json_builder_set_member_name (b, "claims");
  json_builder_begin_array (b);
  for (guint i = 0; i < tags->len; i++)
    {
      CfTag *tag = g_ptr_array_index (tags, i);

      json_builder_begin_object (b);
      member_id (b, "id", cf_tag_get_claim_id (tag));
      member_string (b, "title", cf_tag_get_claim_title (tag));
      member_string (b, "stance", cf_stance_to_string (cf_tag_get_stance (tag)));
      member_string (b, "pinpoint", cf_tag_get_pinpoint (tag));
      member_string (b, "note", cf_tag_get_note (tag));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return TRUE;
}

/* What the reader found beyond the common fields, and the first lines of
 * the text. */
static void
print_metadata_and_text (CfCase *kase,
                         gint64  id)
{
  g_autofree char *metadata = cf_case_dup_document_metadata (kase, id, NULL);
  g_autofree char *text = cf_case_dup_document_text (kase, id, NULL);
  g_autoptr(JsonNode) node = metadata ? json_from_string (metadata, NULL) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (object, l->data);
          g_autofree char *shown = NULL;

          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *array = json_node_get_array (value);
              GString *joined = g_string_new (NULL);

              for (guint i = 0; i < json_array_get_length (array) && i < 20; i++)
                g_string_append_printf (joined, "%s%s", i ? ", " : "",
                                        json_node_get_string (json_array_get_element (array, i)));
              shown = g_string_free (joined, FALSE);
            }
          else if (JSON_NODE_HOLDS_VALUE (value))
            shown = json_node_get_value_type (value) == G_TYPE_STRING
                    ? g_strdup (json_node_get_string (value))
                    : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
          if (shown != NULL)
            g_print ("  [%s] %s\n", (const char *) l->data, shown);
        }
    }
  if (text != NULL && text[0] != '\0')
    {
      g_auto(GStrv) lines = g_strsplit_set (text, "\n\f", 12);
      guint shown = 0;

      g_print ("Text (first lines):\n");
      for (guint i = 0; lines[i] && shown < 10; i++)
        {
          g_strstrip (lines[i]);
          if (lines[i][0] == '\0')
            continue;
          if (g_utf8_strlen (lines[i], -1) > 100)
            *g_utf8_offset_to_pointer (lines[i], 100) = '\0';
          g_print ("  %s\n", lines[i]);
          shown++;
        }
    }
}

int
cli_cmd_list (int    argc,
              char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };

  if (!cli_parse ("list", "CASE", "List the documents of a case, families under their parent.",
                  entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 2)
    return cli_usage_error ("list", "give exactly one CASE folder");
  kase = cli_open_case (argv[1], FALSE);
  if (kase == NULL)
    return CLI_ERROR;
  documents = cf_case_list_documents (kase, &error);
  if (documents == NULL)
    return cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < documents->len; i++)
        if (!add_document_json (b, kase, g_ptr_array_index (documents, i), &error))
          return cli_fail (error);
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
      return CLI_OK;
    }

  g_print ("%6s %6s %-16s %10s %-7s %s\n", "ID", "PARENT", "EXHIBIT", "SIZE", "STATUS", "SOURCE");
  for (guint i = 0; i < documents->len; i++)
    {
      CfDocument *d = g_ptr_array_index (documents, i);
      g_autofree char *size = cli_format_size (cf_document_get_size (d));
      g_autofree char *parent = cf_document_get_parent_id (d) > 0
        ? g_strdup_printf ("%" G_GINT64_FORMAT, cf_document_get_parent_id (d)) : g_strdup ("-");
      const char *exhibit = cf_document_get_exhibit (d);
      g_autofree char *marks = g_strdup_printf ("%s%s",
                                                cf_document_get_privileged (d) ? " [privileged]" : "",
                                                cf_document_get_duplicate_of (d) > 0 ? " [duplicate]" : "");

      g_autofree char *exhibit_column = cli_pad (exhibit ? exhibit : "-", 16);

      g_print ("%6" G_GINT64_FORMAT " %6s %s %10s %-7s %s%s\n", cf_document_get_id (d), parent,
               exhibit_column, size, cf_status_to_string (cf_document_get_status (d)),
               cf_document_get_source (d), marks);
    }
  return CLI_OK;
}

int
cli_cmd_show (int    argc,
              char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(CfDocument) d = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) custody = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  gboolean json = FALSE;
  gint64 id;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };

  if (!cli_parse ("show", "CASE DOC", "Show one document: where it came from, what it is, its "
                  "claims, its family and its custody history.", entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 3)
    return cli_usage_error ("show", "give a CASE and a DOC id");
  if (!cli_parse_id (argv[2], "document", &id))
    return CLI_ERROR;
  kase = cli_open_case (argv[1], FALSE);
  if (kase == NULL)
    return CLI_ERROR;
  d = cf_case_get_document (kase, id, &error);
  if (d == NULL)
    return cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      if (!add_document_json (b, kase, d, &error))
        return cli_fail (error);
      root = json_builder_get_root (b);
      cli_print_json (root);
      return CLI_OK;
    }

  tags = cf_case_list_tags (kase, id, &error);
  children = tags ? cf_case_list_children (kase, id, &error) : NULL;
  warnings = children ? cf_case_list_warnings (kase, id, &error) : NULL;
  custody = warnings ? cf_case_list_custody (kase, id, &error) : NULL;
  if (custody == NULL)
    return cli_fail (error);
  size = cli_format_size (cf_document_get_size (d));

  g_print ("Document %" G_GINT64_FORMAT ": %s\n", id, cf_document_get_title (d));
  g_print ("  Exhibit:    %s%s\n", cf_document_get_exhibit (d) ? cf_document_get_exhibit (d) : "(none)",
           cf_document_get_exhibit_locked (d) ? " (locked: produced in a bundle)" : "");
  g_print ("  Name:       %s (%s)\n", cf_document_get_name (d), cf_document_get_name_encoding (d));
  g_print ("  Source:     %s\n", cf_document_get_source (d));
  if (cf_document_get_parent_id (d) > 0)
    g_print ("  Family of:  document %" G_GINT64_FORMAT "\n", cf_document_get_parent_id (d));
  g_print ("  Type:       %s\n", cf_document_get_mime_type (d));
  g_print ("  Size:       %s (%" G_GUINT64_FORMAT " bytes)\n", size, cf_document_get_size (d));
  g_print ("  SHA-256:    %s\n", cf_document_get_sha256 (d) ? cf_document_get_sha256 (d) : "(not stored)");
  g_print ("  Date:       %s\n", cf_document_get_date (d) ? cf_document_get_date (d) : "");
  g_print ("  Author:     %s\n", cf_document_get_author (d) ? cf_document_get_author (d) : "");
  if (cf_document_get_recipients (d) != NULL)
    g_print ("  Recipients: %s\n", cf_document_get_recipients (d));
  if (cf_document_get_pages (d) > 0)
    g_print ("  Pages:      %u\n", cf_document_get_pages (d));
  g_print ("  Text:       %s\n", cf_document_get_text_status (d));
  g_print ("  Modified:   %s\n", cf_document_get_modified (d) ? cf_document_get_modified (d) : "");
  g_print ("  Imported:   %s\n", cf_document_get_imported (d));
  g_print ("  Status:     %s%s%s\n", cf_status_to_string (cf_document_get_status (d)),
           cf_document_get_problem (d) ? ": " : "",
           cf_document_get_problem (d) ? cf_document_get_problem (d) : "");
  if (cf_document_get_duplicate_of (d) > 0)
    g_print ("  Duplicate:  same bytes as document %" G_GINT64_FORMAT "\n", cf_document_get_duplicate_of (d));
  if (cf_document_get_privileged (d))
    g_print ("  Privileged: %s\n", cf_document_get_privilege_basis (d));
  for (guint i = 0; warnings[i] && warnings[i + 1]; i += 2)
    g_print ("  Warning:    %s\n", warnings[i + 1]);

  print_metadata_and_text (kase, id);
  g_print ("Claims:\n");
  if (tags->len == 0)
    g_print ("  (none)\n");
  for (guint i = 0; i < tags->len; i++)
    {
      CfTag *tag = g_ptr_array_index (tags, i);

      g_print ("  %" G_GINT64_FORMAT " %s — %s%s%s%s%s\n", cf_tag_get_claim_id (tag),
               cf_tag_get_claim_title (tag), cf_stance_to_string (cf_tag_get_stance (tag)),
               cf_tag_get_pinpoint (tag)[0] ? ", " : "", cf_tag_get_pinpoint (tag),
               cf_tag_get_note (tag)[0] ? ": " : "", cf_tag_get_note (tag));
    }
  if (children->len > 0)
    {
      g_print ("Family members:\n");
      for (guint i = 0; i < children->len; i++)
        {
          CfDocument *c = g_ptr_array_index (children, i);

          g_print ("  %" G_GINT64_FORMAT " %s\n", cf_document_get_id (c), cf_document_get_name (c));
        }
    }
  g_print ("Custody:\n");
  for (guint i = 0; i < custody->len; i++)
    {
      CfCustodyEntry *e = g_ptr_array_index (custody, i);

      g_print ("  %" G_GINT64_FORMAT " %s %s@%s %s %s\n", e->seq, e->time, e->user, e->host,
               e->action, e->details);
    }
  return CLI_OK;
}

int
cli_cmd_edit (int    argc,
              char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *author = NULL;
  gint64 id;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "The exhibit's title (서증명)", "T" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, "The date it bears: YYYY-MM-DD (\"\" clears)", "DATE" },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, "Its author (\"\" clears)", "A" },
    { NULL }
  };

  if (!cli_parse ("edit", "CASE DOC", "Edit what the exhibit list says of a document.",
                  entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 3)
    return cli_usage_error ("edit", "give a CASE and a DOC id");
  if (title == NULL && date == NULL && author == NULL)
    return cli_usage_error ("edit", "give --title, --date or --author");
  if (!cli_parse_id (argv[2], "document", &id))
    return CLI_ERROR;
  kase = cli_open_case (argv[1], TRUE);
  if (kase == NULL)
    return CLI_ERROR;
  if (!cf_case_edit_document (kase, id, title, date, author, &error))
    return cli_fail (error);
  return CLI_OK;
}

int
cli_cmd_privilege (int    argc,
                   char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basis = NULL;
  gboolean clear = FALSE;
  gint64 id;
  GOptionEntry entries[] = {
    { "basis", 0, 0, G_OPTION_ARG_STRING, &basis,
      "Why it is withheld (e.g. \"attorney-client communication\")", "TEXT" },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, "It is not privileged after all", NULL },
    { NULL }
  };

  if (!cli_parse ("privilege", "CASE DOC (--basis TEXT | --clear)",
                  "Mark a document privileged: it is left out of bundles and listed in the "
                  "privilege log instead.", entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 3)
    return cli_usage_error ("privilege", "give a CASE and a DOC id");
  if ((basis == NULL) == !clear)
    return cli_usage_error ("privilege", "give either --basis TEXT or --clear");
  if (!cli_parse_id (argv[2], "document", &id))
    return CLI_ERROR;
  kase = cli_open_case (argv[1], TRUE);
  if (kase == NULL)
    return CLI_ERROR;
  if (!cf_case_set_privileged (kase, id, clear ? NULL : basis, &error))
    return cli_fail (error);
  return CLI_OK;
}

int
cli_cmd_rm (int    argc,
            char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *reason = NULL;
  guint n_removed = 0;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      "Why they go (kept in the custody log)", "TEXT" },
    { NULL }
  };

  if (!cli_parse ("rm", "CASE DOC…",
                  "Remove documents imported by mistake, each with its family (archive members, "
                  "attachments). Their originals are deleted from the case unless another document "
                  "holds the same bytes; the custody log keeps a record of each. Documents whose "
                  "exhibit number was produced to the court cannot be removed.",
                  entries, &argc, &argv))
    return CLI_ERROR;
  if (argc < 3)
    return cli_usage_error ("rm", "give a CASE and at least one DOC id");
  if (!cli_parse_document_ids (argc, argv, 2, &ids))
    return CLI_ERROR;
  kase = cli_open_case (argv[1], TRUE);
  if (kase == NULL)
    return CLI_ERROR;
  if (!cf_case_remove_documents (kase, (const gint64 *) (gpointer) ids->data, ids->len, reason,
                                 &n_removed, &error))
    return cli_fail (error);
  g_print ("removed %u document%s\n", n_removed, n_removed == 1 ? "" : "s");
  return CLI_OK;
}
