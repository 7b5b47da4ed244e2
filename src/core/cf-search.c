/* cf-search.c — running searches over a case (see cf-search.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-search.h"

#include <string.h>

#include "cf-case-private.h"
#include "cf-custody.h"
#include "cf-db.h"
#include "cf-error.h"
#include "cf-extraction.h"
#include "cf-fsutil.h"
#include "cf-search-index.h"
#include "cf-search-query.h"

/* Title, name and source, people, text, pinpoints and notes. */
#define BM25_WEIGHTS "10.0, 4.0, 3.0, 1.0, 3.0"

void
cf_search_hit_free (CfSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->snippet);
  g_free (hit->title);
  g_free (hit->date);
  g_free (hit->exhibit);
  g_free (hit->source);
  g_free (hit->mime_type);
  g_free (hit);
}

/* The FTS5 expression to MATCH: positives, minus exclusions when there
 * are positives to subtract from. */
static char *
match_expression (CfSearchQuery *q)
{
  if (q->match != NULL && q->exclude != NULL)
    return g_strdup_printf ("(%s) NOT (%s)", q->match, q->exclude);
  return g_strdup (q->match);
}

/* FROM … WHERE … shared by the search and the count. The FTS expression is
 * bound as ?1 (and the exclusion, when alone, as ?2); the filters follow. */
static char *
from_where (CfSearchQuery *q,
            gboolean       with_match,
            int           *first_param)
{
  GString *sql = g_string_new (NULL);

  *first_param = 1;
  if (with_match)
    {
      g_string_append_printf (sql, "FROM search JOIN documents d ON d.id = search.rowid "
                                   "LEFT JOIN exhibits e ON e.document_id = d.id "
                                   "WHERE search MATCH ?1 AND (%s)", q->where->str);
      *first_param = 2;
    }
  else
    {
      /* ?1 must come first in the text: plain ? are numbered after the
       * largest number already seen. */
      g_string_append (sql, "FROM documents d LEFT JOIN exhibits e ON e.document_id = d.id WHERE ");
      if (q->exclude != NULL)
        {
          g_string_append (sql, "d.id NOT IN (SELECT rowid FROM search WHERE search MATCH ?1) AND ");
          *first_param = 2;
        }
      g_string_append_printf (sql, "(%s)", q->where->str);
    }
  return g_string_free (sql, FALSE);
}

static void
bind_expression (sqlite3_stmt  *stmt,
                 CfSearchQuery *q,
                 const char    *expression)
{
  if (expression != NULL)
    sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_TRANSIENT);
  else if (q->exclude != NULL)
    sqlite3_bind_text (stmt, 1, q->exclude, -1, SQLITE_TRANSIENT);
}

/* An FTS5 error at this point is our bug, not the user's; still it must
 * read as a message, not as SQL. */
static void
set_search_error (GError  **error,
                  sqlite3  *db)
{
  g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "The search could not be run (%s)",
               sqlite3_errmsg (db));
}

GPtrArray *
cf_case_search (CfCase                 *self,
                const char             *query,
                const CfSearchOptions  *options,
                guint                  *total,
                GError                **error)
{
  sqlite3 *db;
  g_autoptr(CfSearchQuery) q = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cf_search_hit_free);
  g_autofree char *expression = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *count_sql = NULL;
  const char *open = options && options->open ? options->open : "[";
  const char *close = options && options->close ? options->close : "]";
  guint limit = options && options->limit ? options->limit : 100;
  guint offset = options ? options->offset : 0;
  gboolean has_row;
  int first, n;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  db = cf_case_get_db (self);
  q = cf_search_query_parse (db, query, error);
  if (q == NULL)
    return NULL;
  expression = match_expression (q);
  tail = from_where (q, expression != NULL, &first);

  if (expression != NULL)
    {
      /* The markers are ours (or the caller's), quoted by SQLite; bound
       * parameters must all follow ?1 in the text. */
      char *snippet = sqlite3_mprintf ("snippet (search, -1, %Q, %Q, '…', 24)", open, close);

      sql = g_strdup_printf ("SELECT d.id, bm25 (search, " BM25_WEIGHTS "), %s, "
                             "d.title, d.doc_date, d.source, d.mime_type, e.main, e.sub %s "
                             "ORDER BY 2 LIMIT ? OFFSET ?", snippet, tail);
      sqlite3_free (snippet);
    }
  else
    sql = g_strdup_printf ("SELECT d.id, 0, NULL, d.title, d.doc_date, d.source, d.mime_type, "
                           "e.main, e.sub %s ORDER BY coalesce (d.doc_date, '9999'), d.id "
                           "LIMIT ? OFFSET ?", tail);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_search_error (error, db);
      return NULL;
    }
  bind_expression (stmt, q, expression);
  cf_search_query_bind (q, stmt, first);
  n = first + q->params->len;
  sqlite3_bind_int64 (stmt, n++, limit);
  sqlite3_bind_int64 (stmt, n++, offset);

  for (;;)
    {
      CfSearchHit *hit;
      int rc = sqlite3_step (stmt);

      if (rc == SQLITE_DONE)
        break;
      if (rc != SQLITE_ROW)
        {
          set_search_error (error, db);
          return NULL;
        }
      hit = g_new0 (CfSearchHit, 1);
      hit->document_id = sqlite3_column_int64 (stmt, 0);
      hit->rank = sqlite3_column_double (stmt, 1);
      hit->snippet = cf_db_column_dup (stmt, 2);
      hit->title = cf_db_column_dup (stmt, 3);
      hit->date = cf_db_column_dup (stmt, 4);
      hit->source = cf_db_column_dup (stmt, 5);
      hit->mime_type = cf_db_column_dup (stmt, 6);
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        hit->exhibit = cf_case_format_exhibit (self, sqlite3_column_int (stmt, 7),
                                               sqlite3_column_int (stmt, 8));
      g_ptr_array_add (hits, hit);
    }

  if (total != NULL)
    {
      /* Counting is only needed past the first page. */
      if (offset == 0 && hits->len < limit)
        *total = hits->len;
      else
        {
          count_sql = g_strdup_printf ("SELECT count(*) %s", tail);
          if (sqlite3_prepare_v2 (db, count_sql, -1, &count, NULL) != SQLITE_OK)
            {
              set_search_error (error, db);
              return NULL;
            }
          bind_expression (count, q, expression);
          cf_search_query_bind (q, count, first);
          if (!cf_db_step (db, count, &has_row, error))
            return NULL;
          *total = has_row ? sqlite3_column_int64 (count, 0) : 0;
        }
    }
  return g_steal_pointer (&hits);
}

GArray *
cf_case_search_ids (CfCase      *self,
                    const char  *query,
                    GError     **error)
{
  sqlite3 *db;
  g_autoptr(CfSearchQuery) q = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *expression = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *sql = NULL;
  int first;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);

  db = cf_case_get_db (self);
  q = cf_search_query_parse (db, query, error);
  if (q == NULL)
    return NULL;
  expression = match_expression (q);
  tail = from_where (q, expression != NULL, &first);
  sql = expression != NULL
        ? g_strdup_printf ("SELECT d.id %s ORDER BY bm25 (search, " BM25_WEIGHTS ")", tail)
        : g_strdup_printf ("SELECT d.id %s ORDER BY d.id", tail);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_search_error (error, db);
      return NULL;
    }
  bind_expression (stmt, q, expression);
  cf_search_query_bind (q, stmt, first);
  for (;;)
    {
      int rc = sqlite3_step (stmt);
      gint64 id;

      if (rc == SQLITE_DONE)
        break;
      if (rc != SQLITE_ROW)
        {
          set_search_error (error, db);
          return NULL;
        }
      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

gint64
cf_case_save_search (CfCase      *self,
                     const char  *name,
                     const char  *query,
                     GError     **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(CfSearchQuery) parsed = NULL;
  g_autofree char *now = cf_utc_now_iso ();
  g_autofree char *details = NULL;
  gint64 id;

  g_return_val_if_fail (CF_IS_CASE (self), 0);

  if (!cf_case_require_writable (self, error))
    return 0;
  if (name == NULL || g_utf8_strlen (name, -1) == 0 || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "A saved search needs a name");
      return 0;
    }
  db = cf_case_get_db (self);
  /* Only queries that work are kept. */
  parsed = cf_search_query_parse (db, query, error);
  if (parsed == NULL)
    return 0;
  details = cf_custody_details ("name", name, "query", query, NULL);
  if (!cf_db_begin (db, error))
    return 0;
  stmt = cf_db_prepare (db,
                        "INSERT INTO saved_searches (name, query, created) VALUES (?, ?, ?) "
                        "ON CONFLICT (name) DO UPDATE SET query = excluded.query",
                        error);
  if (stmt == NULL)
    goto fail;
  cf_db_bind_text (stmt, 1, name);
  cf_db_bind_text (stmt, 2, query);
  cf_db_bind_text (stmt, 3, now);
  if (!cf_db_step_done (db, stmt, error))
    goto fail;
  id = cf_db_query_int64 (db, "SELECT max (id) FROM saved_searches", 0);
  {
    g_autoptr(sqlite3_stmt) find = cf_db_prepare (db, "SELECT id FROM saved_searches WHERE name = ?", error);

    if (find == NULL)
      goto fail;
    cf_db_bind_text (find, 1, name);
    if (sqlite3_step (find) == SQLITE_ROW)
      id = sqlite3_column_int64 (find, 0);
  }
  if (!cf_custody_append (db, "search-save", 0, 0, details, error) || !cf_db_commit (db, error))
    goto fail;
  return id;

fail:
  cf_db_rollback (db);
  return 0;
}

GStrv
cf_case_list_saved_searches (CfCase   *self,
                             GArray  **ids,
                             GError  **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GArray) id_list = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);

  db = cf_case_get_db (self);
  stmt = cf_db_prepare (db, "SELECT id, name, query FROM saved_searches ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  for (;;)
    {
      gint64 id;

      if (!cf_db_step (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (id_list, id);
      g_strv_builder_add (builder, cf_db_column_text (stmt, 1));
      g_strv_builder_add (builder, cf_db_column_text (stmt, 2));
    }
  if (ids != NULL)
    *ids = g_steal_pointer (&id_list);
  return g_strv_builder_end (builder);
}

gboolean
cf_case_remove_saved_search (CfCase  *self,
                             gint64   id,
                             GError **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *details = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_return_val_if_fail (CF_IS_CASE (self), FALSE);

  if (!cf_case_require_writable (self, error))
    return FALSE;
  db = cf_case_get_db (self);
  details = cf_custody_details ("saved_search", id_text, NULL);
  if (!cf_db_begin (db, error))
    return FALSE;
  stmt = cf_db_prepare (db, "DELETE FROM saved_searches WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cf_db_step_done (db, stmt, error))
    goto fail;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_NOT_FOUND, "There is no saved search %" G_GINT64_FORMAT, id);
      goto fail;
    }
  if (!cf_custody_append (db, "search-remove", 0, 0, details, error) || !cf_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  cf_db_rollback (db);
  return FALSE;
}

gboolean
cf_case_rebuild_search_index (CfCase  *self,
                              GError **error)
{
  sqlite3 *db;

  g_return_val_if_fail (CF_IS_CASE (self), FALSE);

  if (!cf_case_require_writable (self, error))
    return FALSE;
  db = cf_case_get_db (self);
  if (!cf_db_begin (db, error))
    return FALSE;
  if (!cf_search_rebuild (db, error) ||
      !cf_custody_append (db, "search-rebuild", 0, 0, NULL, error) ||
      !cf_db_commit (db, error))
    {
      cf_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

GStrv
cf_search_highlight_terms (const char *query)
{
  return cf_search_query_terms (query);
}

guint
cf_case_find_text_page (CfCase              *self,
                        gint64               document_id,
                        const char * const  *terms,
                        GError             **error)
{
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) pages = NULL;

  g_return_val_if_fail (CF_IS_CASE (self), 0);

  text = cf_case_dup_document_text (self, document_id, error);
  if (text == NULL || terms == NULL)
    return 0;
  folded = g_utf8_casefold (text, -1);
  pages = g_strsplit (folded, "\f", -1);
  for (guint p = 0; pages[p]; p++)
    for (guint i = 0; terms[i]; i++)
      {
        g_autofree char *nfc = g_utf8_normalize (terms[i], -1, G_NORMALIZE_NFC);
        g_autofree char *term = g_utf8_casefold (nfc ? nfc : terms[i], -1);

        if (term[0] != '\0' && strstr (pages[p], term) != NULL)
          return p + 1;
      }
  return 0;
}
