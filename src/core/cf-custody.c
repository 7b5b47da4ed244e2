/* cf-custody.c — the append-only, hash-chained custody log. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-custody.h"

#include <json-glib/json-glib.h>
#include <stdarg.h>

#include "cf-db.h"
#include "cf-error.h"
#include "cf-fsutil.h"
#include "cf-sha256.h"

void
cf_custody_entry_free (CfCustodyEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->time);
  g_free (entry->user);
  g_free (entry->host);
  g_free (entry->action);
  g_free (entry->details);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

char *
cf_custody_entry_hash (const CfCustodyEntry *entry)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char doc[32] = "", claim[32] = "";

  if (entry->document_id > 0)
    g_snprintf (doc, sizeof doc, "%" G_GINT64_FORMAT, entry->document_id);
  if (entry->claim_id > 0)
    g_snprintf (claim, sizeof claim, "%" G_GINT64_FORMAT, entry->claim_id);

  g_string_append_printf (text, "%s\n%" G_GINT64_FORMAT "\n%s\n%s\n%s\n%s\n%s\n%s\n%s",
                          entry->prev_hash, entry->seq, entry->time, entry->user,
                          entry->host, entry->action, doc, claim, entry->details);
  return cf_sha256_hex_of (text->str, text->len);
}

char *
cf_custody_details (const char *first_key,
                    ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, value);
    }
  va_end (args);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
cf_custody_append (sqlite3     *db,
                   const char  *action,
                   gint64       document_id,
                   gint64       claim_id,
                   const char  *details,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) last = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *hash = NULL;
  CfCustodyEntry entry = { 0 };
  g_autofree char *prev = NULL;
  g_autofree char *now = NULL;
  gboolean has_row;

  g_return_val_if_fail (!sqlite3_get_autocommit (db), FALSE);

  last = cf_db_prepare (db, "SELECT seq, hash FROM custody ORDER BY seq DESC LIMIT 1", error);
  if (last == NULL || !cf_db_step (db, last, &has_row, error))
    return FALSE;
  entry.seq = has_row ? sqlite3_column_int64 (last, 0) + 1 : 1;
  prev = has_row ? cf_db_column_dup (last, 1) : g_strdup (CF_CUSTODY_GENESIS);
  now = cf_utc_now_iso ();

  entry.time = now;
  entry.user = (char *) g_get_user_name ();
  entry.host = (char *) g_get_host_name ();
  entry.action = (char *) action;
  entry.document_id = document_id;
  entry.claim_id = claim_id;
  entry.details = (char *) (details ? details : "{}");
  entry.prev_hash = prev;
  hash = cf_custody_entry_hash (&entry);

  insert = cf_db_prepare (db,
                          "INSERT INTO custody (seq, time, user, host, action, document_id, "
                          "claim_id, details, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                          error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, entry.seq);
  cf_db_bind_text (insert, 2, entry.time);
  cf_db_bind_text (insert, 3, entry.user);
  cf_db_bind_text (insert, 4, entry.host);
  cf_db_bind_text (insert, 5, entry.action);
  cf_db_bind_id (insert, 6, document_id);
  cf_db_bind_id (insert, 7, claim_id);
  cf_db_bind_text (insert, 8, entry.details);
  cf_db_bind_text (insert, 9, prev);
  cf_db_bind_text (insert, 10, hash);
  return cf_db_step_done (db, insert, error);
}

static CfCustodyEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  CfCustodyEntry *entry = g_new0 (CfCustodyEntry, 1);

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->time = cf_db_column_dup (stmt, 1);
  entry->user = cf_db_column_dup (stmt, 2);
  entry->host = cf_db_column_dup (stmt, 3);
  entry->action = cf_db_column_dup (stmt, 4);
  entry->document_id = sqlite3_column_int64 (stmt, 5);
  entry->claim_id = sqlite3_column_int64 (stmt, 6);
  entry->details = cf_db_column_dup (stmt, 7);
  entry->prev_hash = cf_db_column_dup (stmt, 8);
  entry->hash = cf_db_column_dup (stmt, 9);
  return entry;
}

GPtrArray *
cf_custody_list (sqlite3  *db,
                 gint64    document_id,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cf_custody_entry_free);
  gboolean has_row;

  stmt = cf_db_prepare (db,
                        document_id > 0
                        ? "SELECT seq, time, user, host, action, document_id, claim_id, details, "
                          "prev_hash, hash FROM custody WHERE document_id = ? ORDER BY seq"
                        : "SELECT seq, time, user, host, action, document_id, claim_id, details, "
                          "prev_hash, hash FROM custody ORDER BY seq",
                        error);
  if (stmt == NULL)
    return NULL;
  if (document_id > 0)
    sqlite3_bind_int64 (stmt, 1, document_id);
  for (;;)
    {
      if (!cf_db_step (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (entries, entry_from_row (stmt));
    }
  return g_steal_pointer (&entries);
}

gboolean
cf_custody_verify (sqlite3    *db,
                   GPtrArray  *problems,
                   GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *prev = g_strdup (CF_CUSTODY_GENESIS);
  gint64 expected = 1;
  gboolean has_row;

  stmt = cf_db_prepare (db,
                        "SELECT seq, time, user, host, action, document_id, claim_id, details, "
                        "prev_hash, hash FROM custody ORDER BY seq",
                        error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      g_autoptr(CfCustodyEntry) entry = NULL;
      g_autofree char *hash = NULL;

      if (!cf_db_step (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      entry = entry_from_row (stmt);
      if (entry->seq != expected)
        g_ptr_array_add (problems,
                         g_strdup_printf ("custody log: entry %" G_GINT64_FORMAT
                                          " follows %" G_GINT64_FORMAT " (entries missing)",
                                          entry->seq, expected - 1));
      if (g_strcmp0 (entry->prev_hash, prev) != 0)
        g_ptr_array_add (problems,
                         g_strdup_printf ("custody log: entry %" G_GINT64_FORMAT
                                          " does not chain to the entry before it",
                                          entry->seq));
      hash = cf_custody_entry_hash (entry);
      if (g_strcmp0 (hash, entry->hash) != 0)
        g_ptr_array_add (problems,
                         g_strdup_printf ("custody log: entry %" G_GINT64_FORMAT
                                          " was altered (its hash does not match)",
                                          entry->seq));
      g_free (prev);
      prev = g_strdup (entry->hash);
      expected = entry->seq + 1;
    }
  return TRUE;
}
