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
#include "cf-search-rank.h"
#include "cf-search-tokenizer.h"

/* The weight of a hit in each column of the index: title, name and
 * source, people, text, pinpoints and notes. */
static const double column_weights[] = { 10.0, 4.0, 3.0, 1.0, 3.0 };

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

/* The expression again, with each FTS5 string asking the tokenizer for a
 * term at every position (cf-search-tokenizer.h): the same documents
 * match, and FTS5 marks whole words. */
static char *
snippet_expression (const char *expression)
{
  GString *s = g_string_sized_new (strlen (expression) + 16);
  gboolean in_string = FALSE;

  for (const char *p = expression; *p; p++)
    {
      g_string_append_c (s, *p);
      if (*p != '"')
        continue;
      if (!in_string)
        {
          g_string_append_c (s, CF_SEARCH_SNIPPET_MARK);
          in_string = TRUE;
        }
      else if (p[1] == '"')
        g_string_append_c (s, *++p);    /* a quote within the string */
      else
        in_string = FALSE;
    }
  return g_string_free (s, FALSE);
}

/* FROM … WHERE … of a query without positive terms, shared by the
 * search and the count. An exclusion is bound as ?1; the filters follow
 * from *first_param on. */
static char *
from_where (CfSearchQuery *q,
            int           *first_param)
{
  GString *sql = g_string_new (NULL);

  *first_param = 1;
  /* ?1 must come first in the text: plain ? are numbered after the
   * largest number already seen. */
  g_string_append (sql, "FROM documents d LEFT JOIN exhibits e ON e.document_id = d.id WHERE ");
  if (q->exclude != NULL)
    {
      g_string_append (sql, "d.id NOT IN (SELECT rowid FROM search WHERE search MATCH ?1) AND ");
      *first_param = 2;
    }
  g_string_append_printf (sql, "(%s)", q->where->str);
  return g_string_free (sql, FALSE);
}

static void
bind_exclusion (sqlite3_stmt  *stmt,
                CfSearchQuery *q)
{
  if (q->exclude != NULL)
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

/* Steps stmt to its end, appending its first column (ids) to ids. */
static gboolean
collect_ids (sqlite3       *db,
             sqlite3_stmt  *stmt,
             GArray        *ids,
             GError       **error)
{
  for (;;)
    {
      int rc = sqlite3_step (stmt);
      gint64 id;

      if (rc == SQLITE_DONE)
        return TRUE;
      if (rc != SQLITE_ROW)
        {
          set_search_error (error, db);
          return FALSE;
        }
      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
}

/* The documents that pass the query's filters, as bits by id, or NULL
 * with error set. */
static guint8 *
filter_bits (sqlite3        *db,
             CfSearchQuery  *q,
             gsize          *n_bits,
             guint          *n_passing,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = g_strdup_printf ("SELECT d.id FROM documents d WHERE (%s)", q->where->str);
  gint64 max_id = cf_db_query_int64 (db, "SELECT coalesce (max (id), 0) FROM documents", 0);
  g_autofree guint8 *bits = NULL;

  if (max_id < 0 || max_id > G_MAXINT32)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_CORRUPT, "Document ids are out of range");
      return NULL;
    }
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_search_error (error, db);
      return NULL;
    }
  cf_search_query_bind (q, stmt, 1);
  if (!collect_ids (db, stmt, ids, error))
    return NULL;

  *n_bits = (gsize) max_id + 1;
  *n_passing = 0;
  bits = g_malloc0 ((*n_bits + 7) / 8);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (id >= 0 && (gsize) id < *n_bits)
        {
          bits[id >> 3] |= 1u << (id & 7);
          (*n_passing)++;
        }
    }
  return g_steal_pointer (&bits);
}

/* Every match of the expression that passes the filters, ranked by
 * casefile_top (cf-search-rank.h): counts them and keeps the best `keep`
 * (all when 0), best first. Only ids and ranks are read here; snippets
 * and details are read for the hits that are shown (fetch_hits). */
static GArray *
rank_matches (sqlite3        *db,
              CfSearchQuery  *q,
              const char     *expression,
              guint           keep,
              guint          *total,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (CfSearchRanked));
  g_autofree guint8 *bits = NULL;
  CfSearchRankFilter filter = { NULL, 0 };
  CfSearchRankPlan plan = {
    .n_phrases = q->match_groups->len,
    .groups = (const guint *) q->match_groups->data,
    .n_groups = q->n_match_groups,
    .n_exclusions = q->n_exclude_phrases,
    .weights = column_weights,
    .n_weights = G_N_ELEMENTS (column_weights),
    .keep = keep,
    .hits = ranked,
  };
  int rc;

  if (total != NULL)
    *total = 0;
  /* Filters are conditions on documents d, worked out once (through the
   * indexes on type and date) rather than for every hit. */
  if (strcmp (q->where->str, "1") != 0)
    {
      guint n_passing;

      bits = filter_bits (db, q, &filter.n_bits, &n_passing, error);
      if (bits == NULL)
        return NULL;
      if (n_passing == 0)
        return g_steal_pointer (&ranked);
      filter.bits = bits;
      plan.filter = &filter;
    }
  stmt = cf_db_prepare (db, "SELECT " CF_SEARCH_RANK_FUNCTION " (search, ?2) "
                        "FROM search WHERE search MATCH ?1 LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_TRANSIENT);
  sqlite3_bind_pointer (stmt, 2, &plan, CF_SEARCH_RANK_PLAN_TYPE, NULL);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_search_error (error, db);
      return NULL;
    }
  if (total != NULL)
    *total = plan.total;
  return g_steal_pointer (&ranked);
}

/* A hit's details from columns 1–6 of a row: title, date, source, MIME
 * type, exhibit main and sub number (column 0 is the caller's). */
static CfSearchHit *
hit_from_row (CfCase       *self,
              sqlite3_stmt *stmt)
{
  CfSearchHit *hit = g_new0 (CfSearchHit, 1);

  hit->title = cf_db_column_dup (stmt, 1);
  hit->date = cf_db_column_dup (stmt, 2);
  hit->source = cf_db_column_dup (stmt, 3);
  hit->mime_type = cf_db_column_dup (stmt, 4);
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    hit->exhibit = cf_case_format_exhibit (self, sqlite3_column_int (stmt, 5),
                                           sqlite3_column_int (stmt, 6));
  return hit;
}

/* The details and snippet of each ranked hit from `from` on. FTS5 finds a
 * single row of a MATCH by its rowid without walking the whole match. */
static GPtrArray *
fetch_hits (CfCase      *self,
            sqlite3     *db,
            const char  *expression,
            GArray      *ranked,
            guint        from,
            guint        to,
            const char  *open,
            const char  *close,
            GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cf_search_hit_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *sql;

  /* The markers are ours (or the caller's), quoted by SQLite. */
  sql = sqlite3_mprintf ("SELECT snippet (search, -1, %Q, %Q, '…', 24), d.title, d.doc_date, "
                         "d.source, d.mime_type, e.main, e.sub "
                         "FROM search JOIN documents d ON d.id = search.rowid "
                         "LEFT JOIN exhibits e ON e.document_id = d.id "
                         "WHERE search MATCH ?1 AND search.rowid = ?2", open, close);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_free (sql);
      set_search_error (error, db);
      return NULL;
    }
  sqlite3_free (sql);
  sqlite3_bind_text (stmt, 1, snippet_expression (expression), -1, g_free);
  for (guint i = from; i < MIN (to, ranked->len); i++)
    {
      const CfSearchRanked *r = &g_array_index (ranked, CfSearchRanked, i);
      CfSearchHit *hit;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 2, r->id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;       /* gone since it was ranked */
      if (rc != SQLITE_ROW)
        {
          set_search_error (error, db);
          return NULL;
        }
      hit = hit_from_row (self, stmt);
      hit->document_id = r->id;
      hit->rank = r->rank;
      hit->snippet = cf_db_column_dup (stmt, 0);
      g_ptr_array_add (hits, hit);
    }
  return g_steal_pointer (&hits);
}

/* A query of filters (and perhaps exclusions) only: every document that
 * passes, by the date it bears. */
static GPtrArray *
search_by_filters (CfCase         *self,
                   sqlite3        *db,
                   CfSearchQuery  *q,
                   guint           limit,
                   guint           offset,
                   guint          *total,
                   GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cf_search_hit_free);
  g_autofree char *tail = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *count_sql = NULL;
  gboolean has_row;
  int first, n;

  tail = from_where (q, &first);
  sql = g_strdup_printf ("SELECT d.id, d.title, d.doc_date, d.source, d.mime_type, e.main, e.sub "
                         "%s ORDER BY coalesce (d.doc_date, '9999'), d.id LIMIT ? OFFSET ?", tail);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_search_error (error, db);
      return NULL;
    }
  bind_exclusion (stmt, q);
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
      hit = hit_from_row (self, stmt);
      hit->document_id = sqlite3_column_int64 (stmt, 0);
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
          bind_exclusion (count, q);
          cf_search_query_bind (q, count, first);
          if (!cf_db_step (db, count, &has_row, error))
            return NULL;
          *total = has_row ? sqlite3_column_int64 (count, 0) : 0;
        }
    }
  return g_steal_pointer (&hits);
}

/* The ids of ranked hits, in order. */
static GArray *
ids_of (GArray *ranked)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ranked->len);

  g_array_set_size (ids, ranked->len);
  for (guint i = 0; i < ranked->len; i++)
    g_array_index (ids, gint64, i) = g_array_index (ranked, CfSearchRanked, i).id;
  return ids;
}

/* The hits from the options' offset, with snippets; with all_ids, also
 * every matching id in rank order, from the same ranking. */
static GPtrArray *
search (CfCase                 *self,
        const char             *query,
        const CfSearchOptions  *options,
        guint                  *total,
        GArray                **all_ids,
        GError                **error)
{
  sqlite3 *db;
  g_autoptr(CfSearchQuery) q = NULL;
  g_autoptr(GArray) ranked = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autofree char *expression = NULL;
  const char *open = options && options->open ? options->open : "[";
  const char *close = options && options->close ? options->close : "]";
  guint limit = options && options->limit ? options->limit : 100;
  guint offset = options ? options->offset : 0;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  db = cf_case_get_db (self);
  q = cf_search_query_parse (db, query, error);
  if (q == NULL)
    return NULL;
  expression = match_expression (q);
  if (expression == NULL)
    {
      /* Filters alone rank nothing: the ids in order, and a page of them. */
      if (all_ids != NULL && (ids = cf_case_search_ids (self, query, error)) == NULL)
        return NULL;
      page = search_by_filters (self, db, q, limit, offset, total, error);
    }
  else
    {
      ranked = rank_matches (db, q, expression, all_ids != NULL ? 0 : offset + limit, total, error);
      if (ranked == NULL)
        return NULL;
      page = fetch_hits (self, db, expression, ranked, offset, offset + limit, open, close, error);
      if (all_ids != NULL)
        ids = ids_of (ranked);
    }
  if (page != NULL && all_ids != NULL)
    *all_ids = g_steal_pointer (&ids);
  return g_steal_pointer (&page);
}

GPtrArray *
cf_case_search (CfCase                 *self,
                const char             *query,
                const CfSearchOptions  *options,
                guint                  *total,
                GError                **error)
{
  return search (self, query, options, total, NULL, error);
}

GPtrArray *
cf_case_search_all (CfCase                 *self,
                    const char             *query,
                    const CfSearchOptions  *options,
                    GArray                **ids,
                    GError                **error)
{
  CfSearchOptions first = { 0 };

  g_return_val_if_fail (ids != NULL, NULL);

  if (options != NULL)
    first = *options;
  first.offset = 0;
  return search (self, query, &first, NULL, ids, error);
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
  if (expression != NULL)
    {
      g_autoptr(GArray) ranked = rank_matches (db, q, expression, 0, NULL, error);

      return ranked ? ids_of (ranked) : NULL;
    }

  tail = from_where (q, &first);
  sql = g_strdup_printf ("SELECT d.id %s ORDER BY d.id", tail);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_search_error (error, db);
      return NULL;
    }
  bind_exclusion (stmt, q);
  cf_search_query_bind (q, stmt, first);
  if (!collect_ids (db, stmt, ids, error))
    return NULL;
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
  /* A rebuild writes many segments too. */
  return cf_search_merge (db, NULL, error);
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
