/* cf-search-rank.c — BM25 ranking of search hits (see cf-search-rank.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-search-rank.h"

#include <math.h>
#include <string.h>

#define BM25_K1 1.2
#define BM25_B 0.75
/* A length we do not hold; the row's length is then asked of FTS5. */
#define UNKNOWN_LENGTH G_MAXUINT32
/* Rowids are document ids, dense from 1; past this the cache would be
 * mostly holes and FTS5 is asked instead. */
#define MAX_CACHED_ROWID (64 * 1024 * 1024)

/* Per connection: the number of terms in each indexed document, by rowid,
 * and what the index looked like when they were read. */
typedef struct
{
  sqlite3 *db;
  guint32 *lengths;
  gsize n_lengths;
  gboolean loaded;
  unsigned int data_version;
  sqlite3_int64 total_changes;
  sqlite3_int64 n_rows;
  sqlite3_int64 n_terms;
} Ranker;

/* Per query, kept by FTS5 while the query runs. */
typedef struct
{
  int n_columns;
  int n_phrases;
  double *weights;
  double *idf;
  double *freq;
  double avg_length;
} RankQuery;

static void
ranker_free (void *data)
{
  Ranker *ranker = data;

  g_free (ranker->lengths);
  g_free (ranker);
}

static void
rank_query_free (void *data)
{
  RankQuery *q = data;

  g_free (q->weights);
  g_free (q->idf);
  g_free (q->freq);
  g_free (q);
}

/* FTS5 writes sizes as SQLite varints: seven bits a byte, high bit set on
 * all but the last, a ninth byte of eight bits. */
static gsize
read_varint (const guchar *p,
             gsize         n,
             guint64      *value)
{
  guint64 v = 0;
  gsize i;

  for (i = 0; i < n && i < 8; i++)
    {
      v = (v << 7) | (p[i] & 0x7f);
      if ((p[i] & 0x80) == 0)
        {
          *value = v;
          return i + 1;
        }
    }
  if (i == 8 && n > 8)
    {
      *value = (v << 8) | p[8];
      return 9;
    }
  return 0;
}

/* Reads every document's length from the index's own table of sizes.
 * The table belongs to FTS5 but its layout is documented: one row per
 * document, a varint per column. */
static gboolean
ranker_load (Ranker *ranker)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3_int64 max_id;
  gboolean ok = TRUE;

  g_clear_pointer (&ranker->lengths, g_free);
  ranker->n_lengths = 0;
  if (sqlite3_prepare_v2 (ranker->db, "SELECT max (id) FROM search_docsize", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  max_id = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  if (max_id < 0 || max_id > MAX_CACHED_ROWID)
    return FALSE;

  ranker->n_lengths = max_id + 1;
  ranker->lengths = g_new (guint32, ranker->n_lengths);
  memset (ranker->lengths, 0xff, ranker->n_lengths * sizeof (guint32));
  if (sqlite3_prepare_v2 (ranker->db, "SELECT id, sz FROM search_docsize", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  for (;;)
    {
      int rc = sqlite3_step (stmt);
      sqlite3_int64 id;
      const guchar *sz;
      gsize n, at = 0;
      guint64 total = 0;

      if (rc != SQLITE_ROW)
        {
          ok = rc == SQLITE_DONE;
          break;
        }
      id = sqlite3_column_int64 (stmt, 0);
      sz = sqlite3_column_blob (stmt, 1);
      n = sqlite3_column_bytes (stmt, 1);
      while (at < n)
        {
          guint64 v;
          gsize used = read_varint (sz + at, n - at, &v);

          if (used == 0)
            break;
          total += v;
          at += used;
        }
      if (id >= 0 && (gsize) id < ranker->n_lengths && total < UNKNOWN_LENGTH)
        ranker->lengths[id] = total;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* Keeps the lengths in step with the index. Any change to the database,
 * by this connection or another, and any change in the index's totals
 * means reading them again (about 12 ms for 100,000 documents). */
static void
ranker_refresh (Ranker                 *ranker,
                const Fts5ExtensionApi *api,
                Fts5Context            *fts)
{
  unsigned int version = 0;
  sqlite3_int64 changes = sqlite3_total_changes64 (ranker->db);
  sqlite3_int64 n_rows = 0, n_terms = 0;

  sqlite3_file_control (ranker->db, "main", SQLITE_FCNTL_DATA_VERSION, &version);
  api->xRowCount (fts, &n_rows);
  api->xColumnTotalSize (fts, -1, &n_terms);
  if (ranker->loaded && version == ranker->data_version && changes == ranker->total_changes &&
      n_rows == ranker->n_rows && n_terms == ranker->n_terms)
    return;
  if (!ranker_load (ranker))
    {
      g_clear_pointer (&ranker->lengths, g_free);
      ranker->n_lengths = 0;
    }
  ranker->loaded = TRUE;
  ranker->data_version = version;
  ranker->total_changes = changes;
  ranker->n_rows = n_rows;
  ranker->n_terms = n_terms;
}

typedef struct
{
  sqlite3_int64 count;
  sqlite3_int64 enough;
} PhraseCount;

static int
count_row (const Fts5ExtensionApi *api,
           Fts5Context            *fts,
           void                   *data)
{
  PhraseCount *c = data;

  return ++c->count >= c->enough ? SQLITE_DONE : SQLITE_OK;
}

static RankQuery *
rank_query_new (const Fts5ExtensionApi  *api,
                Fts5Context             *fts,
                int                      argc,
                sqlite3_value          **argv,
                int                     *rc)
{
  RankQuery *q = g_new0 (RankQuery, 1);
  sqlite3_int64 n_rows = 0, n_terms = 0;

  int n_scored;

  q->n_columns = api->xColumnCount (fts);
  q->n_phrases = api->xPhraseCount (fts);
  n_scored = argc > 0 ? sqlite3_value_int (argv[0]) : q->n_phrases;
  if (n_scored <= 0 || n_scored > q->n_phrases)
    n_scored = q->n_phrases;
  q->weights = g_new (double, q->n_columns);
  for (int i = 0; i < q->n_columns; i++)
    q->weights[i] = i + 1 < argc ? sqlite3_value_double (argv[i + 1]) : 1.0;
  q->idf = g_new (double, q->n_phrases);
  q->freq = g_new (double, q->n_phrases);

  *rc = api->xRowCount (fts, &n_rows);
  if (*rc == SQLITE_OK)
    *rc = api->xColumnTotalSize (fts, -1, &n_terms);
  q->avg_length = n_rows > 0 ? (double) n_terms / n_rows : 1.0;
  if (q->avg_length <= 0)
    q->avg_length = 1.0;

  /* Exclusions never occur in a hit: their weight is never used. */
  for (int i = n_scored; i < q->n_phrases; i++)
    q->idf[i] = 0;
  if (n_scored == 1)
    q->idf[0] = 1.0;
  for (int i = 0; *rc == SQLITE_OK && n_scored > 1 && i < n_scored; i++)
    {
      /* idf = log ((N - n + 0.5) / (n + 0.5)) is at or below zero from
       * n = N / 2 on, where FTS5 makes it 1e-6; no need to count further. */
      PhraseCount c = { 0, MAX (1, (n_rows + 1) / 2) };
      double idf;

      *rc = api->xQueryPhrase (fts, i, &c, count_row);
      idf = log ((n_rows - c.count + 0.5) / (c.count + 0.5));
      q->idf[i] = idf > 0 && c.count < c.enough ? idf : 1e-6;
    }
  return q;
}

static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      argc,
               sqlite3_value          **argv)
{
  Ranker *ranker = api->xUserData (fts);
  RankQuery *q;
  sqlite3_int64 rowid = api->xRowid (fts);
  double length = 0, score = 0;
  int rc = SQLITE_OK, n_inst = 0;
  int n_columns = api->xColumnCount (fts);

  if (argc > n_columns + 1)
    {
      const CfSearchRankFilter *filter = sqlite3_value_pointer (argv[n_columns + 1],
                                                                CF_SEARCH_RANK_FILTER_TYPE);

      if (filter != NULL && !cf_search_rank_filter_has (filter, rowid))
        {
          sqlite3_result_null (context);
          return;
        }
    }

  q = api->xGetAuxdata (fts, 0);

  if (q == NULL)
    {
      ranker_refresh (ranker, api, fts);
      q = rank_query_new (api, fts, argc, argv, &rc);
      if (rc == SQLITE_OK)
        rc = api->xSetAuxdata (fts, q, rank_query_free);
      else
        rank_query_free (q);
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
    }

  for (int i = 0; i < q->n_phrases; i++)
    q->freq[i] = 0;
  rc = api->xInstCount (fts, &n_inst);
  for (int i = 0; rc == SQLITE_OK && i < n_inst; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK && phrase >= 0 && phrase < q->n_phrases && column >= 0 && column < q->n_columns)
        q->freq[phrase] += q->weights[column];
    }

  if (rc == SQLITE_OK && rowid >= 0 && (gsize) rowid < ranker->n_lengths &&
      ranker->lengths[rowid] != UNKNOWN_LENGTH)
    length = ranker->lengths[rowid];
  else if (rc == SQLITE_OK)
    {
      int n = 0;

      rc = api->xColumnSize (fts, -1, &n);
      length = n;
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  for (int i = 0; i < q->n_phrases; i++)
    score += q->idf[i] * (q->freq[i] * (BM25_K1 + 1.0)) /
             (q->freq[i] + BM25_K1 * (1 - BM25_B + BM25_B * length / q->avg_length));
  sqlite3_result_double (context, -score);
}

int
cf_search_rank_register (sqlite3  *db,
                         fts5_api *api)
{
  Ranker *ranker = g_new0 (Ranker, 1);

  ranker->db = db;
  return api->xCreateFunction (api, CF_SEARCH_RANK_FUNCTION, ranker, rank_function, ranker_free);
}
