/* cli-log.c — `log` (the custody log, with its chain checked) and `fsck`. */
#include "config.h"

#include "cli-commands.h"
#include "cli-common.h"

#include "cf-error.h"
#include "cf-fsck.h"
#include "cf-search.h"

int
cli_cmd_log (int    argc,
             char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GPtrArray) entries_list = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;
  gboolean json = FALSE;
  gint64 document_id = 0;
  GOptionEntry entries[] = {
    { "document", 0, 0, G_OPTION_ARG_STRING, &document, "Only the entries of this document", "DOC" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };

  if (!cli_parse ("log", "CASE", "Show the custody log: who did what, when (UTC), each entry "
                  "chained to the one before by SHA-256. Exit 1 when the chain is broken.",
                  entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 2)
    return cli_usage_error ("log", "give exactly one CASE folder");
  if (document != NULL && !cli_parse_id (document, "document", &document_id))
    return CLI_ERROR;
  kase = cli_open_case (argv[1], FALSE);
  if (kase == NULL)
    return CLI_ERROR;
  entries_list = cf_case_list_custody (kase, document_id, &error);
  if (entries_list == NULL || !cf_case_verify_custody (kase, problems, &error))
    return cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < entries_list->len; i++)
        {
          CfCustodyEntry *e = g_ptr_array_index (entries_list, i);
          g_autoptr(JsonNode) details = json_from_string (e->details, NULL);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "seq");
          json_builder_add_int_value (b, e->seq);
          json_builder_set_member_name (b, "time");
          json_builder_add_string_value (b, e->time);
          json_builder_set_member_name (b, "user");
          json_builder_add_string_value (b, e->user);
          json_builder_set_member_name (b, "host");
          json_builder_add_string_value (b, e->host);
          json_builder_set_member_name (b, "action");
          json_builder_add_string_value (b, e->action);
          json_builder_set_member_name (b, "document");
          if (e->document_id > 0)
            json_builder_add_int_value (b, e->document_id);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "claim");
          if (e->claim_id > 0)
            json_builder_add_int_value (b, e->claim_id);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "details");
          if (details != NULL)
            json_builder_add_value (b, g_steal_pointer (&details));
          else
            json_builder_add_string_value (b, e->details);
          json_builder_set_member_name (b, "prev_hash");
          json_builder_add_string_value (b, e->prev_hash);
          json_builder_set_member_name (b, "hash");
          json_builder_add_string_value (b, e->hash);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
    }
  else
    for (guint i = 0; i < entries_list->len; i++)
      {
        CfCustodyEntry *e = g_ptr_array_index (entries_list, i);
        g_autofree char *doc = e->document_id > 0 ? g_strdup_printf (" doc %" G_GINT64_FORMAT, e->document_id) : g_strdup ("");
        g_autofree char *claim = e->claim_id > 0 ? g_strdup_printf (" claim %" G_GINT64_FORMAT, e->claim_id) : g_strdup ("");

        g_print ("%6" G_GINT64_FORMAT " %s %s@%s %s%s%s %s\n", e->seq, e->time, e->user, e->host,
                 e->action, doc, claim, e->details);
      }

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("casefile-cli: %s\n", (const char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    {
      g_printerr ("casefile-cli: the custody log has been tampered with or damaged\n");
      return CLI_PARTIAL;
    }
  if (!json)
    g_printerr ("Custody chain verified.\n");
  return CLI_OK;
}

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  cli_progress_line ("re-hashing objects: %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT, done, total);
}

int
cli_cmd_fsck (int    argc,
              char **argv)
{
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(CfFsckReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hashed = NULL;
  gboolean repair_index = FALSE;
  GOptionEntry entries[] = {
    { "repair-index", 0, 0, G_OPTION_ARG_NONE, &repair_index,
      "Rebuild the search index from the case first (it holds nothing that cannot be rebuilt)", NULL },
    { NULL }
  };

  if (!cli_parse ("fsck", "CASE",
                  "Check a case: the database, every original re-hashed, rows without objects and "
                  "objects without rows, leftovers, the custody chain. Opening it for the check "
                  "also finishes crash recovery. Exit 0 clean, 1 problems.",
                  entries, &argc, &argv))
    return CLI_ERROR;
  if (argc != 2)
    return cli_usage_error ("fsck", "give exactly one CASE folder");

  kase = cf_case_open (argv[1], CF_CASE_OPEN_DEFAULT, &error);
  if (kase == NULL && g_error_matches (error, CF_ERROR, CF_ERROR_LOCKED))
    {
      /* Someone is working in it: check what can be checked without
       * touching it. */
      g_printerr ("casefile-cli: %s\ncasefile-cli: checking read-only\n", error->message);
      g_clear_error (&error);
      kase = cf_case_open (argv[1], CF_CASE_OPEN_READ_ONLY, &error);
    }
  if (kase == NULL)
    return cli_fail (error);
  if (cf_case_get_recovery_note (kase) != NULL)
    g_print ("Recovered: %s\n", cf_case_get_recovery_note (kase));
  if (repair_index)
    {
      if (!cf_case_rebuild_search_index (kase, &error))
        return cli_fail (error);
      g_print ("The search index was rebuilt.\n");
    }

  report = cf_case_fsck (kase, on_progress, NULL, NULL, &error);
  cli_progress_clear ();
  if (report == NULL)
    return cli_fail (error);

  for (guint i = 0; i < report->problems->len; i++)
    g_print ("problem: %s\n", (const char *) g_ptr_array_index (report->problems, i));
  for (guint i = 0; i < report->notes->len; i++)
    g_print ("note: %s\n", (const char *) g_ptr_array_index (report->notes, i));
  hashed = cli_format_size (report->bytes_hashed);
  g_print ("%s: %" G_GUINT64_FORMAT " documents, %" G_GUINT64_FORMAT " objects (%s re-hashed), %"
           G_GUINT64_FORMAT " custody entries, %u problem%s\n",
           report->problems->len == 0 ? "Clean" : "DAMAGED",
           report->n_documents, report->n_objects, hashed, report->n_custody,
           report->problems->len, report->problems->len == 1 ? "" : "s");
  return report->problems->len == 0 ? CLI_OK : CLI_PARTIAL;
}
