/* cf-search-rank.c — BM25 ranking of search hits (see cf-search-rank.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-search-rank.h"

#include <math.h>
#include <string.h>

#define BM25_K1 1.2
#define BM25_B 0.75
/* A length we do not hold; the row's length is then asked of FTS5. */
#define UNKNOWN_LENGTH G_MAXUINT32
/* Rowids are document ids, dense from 1, and ranking keeps arrays by id;
 * past this they would be mostly holes, and searching fails instead. */
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

static void
ranker_free (void *data)
{
  Ranker *ranker = data;

  g_free (ranker->lengths);
  g_free (ranker);
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

/* A hit of one phrase: its document and its BM25 term before the IDF. */
typedef struct
{
  gint64 id;
  double part;
} PhraseHit;

typedef enum
{
  WALK_EXCLUDE,         /* mark the documents holding an excluded phrase */
  WALK_ONLY,            /* the query's only phrase: rank its documents */
  WALK_GROUP,           /* a phrase of a group: collect its candidates */
} WalkMode;

/* One search, while casefile_top runs. */
typedef struct
{
  Ranker *ranker;
  CfSearchRankPlan *plan;
  double avg_length;
  gsize n_ids;          /* the dense arrays cover ids 0 … n_ids - 1 */
  guint8 *excluded;     /* bits by id, or NULL without exclusions */
  guint32 *groups_met;  /* by id: how many groups, from the first, hold it */
  guint32 *last_group;  /* by id: 1 + the last group that counted it */
  double *score;        /* by id: the sum of its phrases' BM25 terms */

  /* The phrase being walked. */
  WalkMode mode;
  guint group;
  sqlite3_int64 count;  /* documents holding it */
  GArray *found;        /* PhraseHit, for WALK_GROUP */
} TopQuery;

/* Better first: lower rank, then the older document. */
static int
compare_ranked (const CfSearchRanked *a,
                const CfSearchRanked *b)
{
  if (a->rank != b->rank)
    return a->rank < b->rank ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

/* Sorting the hits -----------------------------------------------------------
 *
 * A search for a word in most of a large case keeps every hit (the app
 * lists them all): sorting 85,000 by comparison took a third of the
 * search. A radix sort on the bytes of (rank, id) gives the same order as
 * compare_ranked in a dozen passes, skipping the bytes all hits share. */

/* A rank as an unsigned key in the same order (negative and positive
 * zero are one rank, as compare_ranked has them). */
static guint64
rank_key (double rank)
{
  guint64 bits;

  if (rank == 0.0)
    rank = 0.0;
  memcpy (&bits, &rank, sizeof bits);
  return (bits >> 63) ? ~bits : bits | (G_GUINT64_CONSTANT (1) << 63);
}

static guint8
digit (const CfSearchRanked *hit,
       guint                 pass)
{
  /* Passes 0-7 are the id's bytes, least significant first; 8-15 the
   * rank's: the last pass sorts by the most significant byte of the rank,
   * and stability keeps ids in order among equal ranks. */
  if (pass < 8)
    return (guint8) ((guint64) hit->id >> (8 * pass));
  return (guint8) (rank_key (hit->rank) >> (8 * (pass - 8)));
}

static void
sort_ranked (GArray *hits)
{
  guint n = hits->len;
  CfSearchRanked *from = (CfSearchRanked *) hits->data;
  g_autofree CfSearchRanked *buffer = NULL;
  CfSearchRanked *to;

  if (n < 2)
    return;
  buffer = g_new (CfSearchRanked, n);
  to = buffer;
  for (guint pass = 0; pass < 16; pass++)
    {
      guint count[256] = { 0 };
      guint start = 0;
      CfSearchRanked *swap;

      for (guint i = 0; i < n; i++)
        count[digit (&from[i], pass)]++;
      if (count[digit (&from[0], pass)] == n)
        continue;       /* every hit has this byte */
      for (guint b = 0; b < 256; b++)
        {
          guint c = count[b];

          count[b] = start;
          start += c;
        }
      for (guint i = 0; i < n; i++)
        to[count[digit (&from[i], pass)]++] = from[i];
      swap = from;
      from = to;
      to = swap;
    }
  if (from != (CfSearchRanked *) hits->data)
    memcpy (hits->data, from, n * sizeof *from);
}

/* The kept hits are a heap with the worst on top, while there are more
 * than plan->keep; sorted at the end. */
static void
heap_sift_down (CfSearchRanked *heap,
                guint           n,
                guint           i)
{
  for (;;)
    {
      guint worst = i, l = 2 * i + 1, r = 2 * i + 2;
      CfSearchRanked tmp;

      if (l < n && compare_ranked (&heap[l], &heap[worst]) > 0)
        worst = l;
      if (r < n && compare_ranked (&heap[r], &heap[worst]) > 0)
        worst = r;
      if (worst == i)
        return;
      tmp = heap[i];
      heap[i] = heap[worst];
      heap[worst] = tmp;
      i = worst;
    }
}

static void
keep_hit (CfSearchRankPlan *plan,
          gint64            id,
          double            rank)
{
  CfSearchRanked hit = { id, rank };
  CfSearchRanked *h;

  plan->total++;
  if (plan->keep == 0)
    {
      g_array_append_val (plan->hits, hit);
      return;
    }
  if (plan->hits->len == plan->keep)
    {
      h = (CfSearchRanked *) plan->hits->data;
      if (compare_ranked (&hit, &h[0]) < 0)
        {
          h[0] = hit;
          heap_sift_down (h, plan->hits->len, 0);
        }
      return;
    }
  g_array_append_val (plan->hits, hit);
  h = (CfSearchRanked *) plan->hits->data;
  for (guint i = plan->hits->len - 1; i > 0; i = (i - 1) / 2)
    {
      guint parent = (i - 1) / 2;
      CfSearchRanked tmp;

      if (compare_ranked (&h[i], &h[parent]) <= 0)
        break;
      tmp = h[i];
      h[i] = h[parent];
      h[parent] = tmp;
    }
}

static gboolean
bit_is_set (const guint8  *bits,
            sqlite3_int64  id)
{
  return bits != NULL && (bits[id >> 3] & (1u << (id & 7))) != 0;
}

/* The BM25 term of the phrase in the document fts is on, before the IDF:
 * its weighted count of instances against the document's length. */
static int
phrase_part (TopQuery               *t,
             const Fts5ExtensionApi *api,
             Fts5Context            *fts,
             sqlite3_int64           id,
             double                 *part)
{
  const CfSearchRankPlan *plan = t->plan;
  Fts5PhraseIter iter;
  int column, offset, rc;
  double freq = 0, length;

  rc = api->xPhraseFirst (fts, 0, &iter, &column, &offset);
  for (; rc == SQLITE_OK && column >= 0; api->xPhraseNext (fts, &iter, &column, &offset))
    freq += (guint) column < plan->n_weights ? plan->weights[column] : 1.0;
  if (rc != SQLITE_OK)
    return rc;

  if (t->ranker->lengths[id] != UNKNOWN_LENGTH)
    length = t->ranker->lengths[id];
  else
    {
      int n = 0;

      rc = api->xColumnSize (fts, -1, &n);
      length = n;
    }
  *part = freq * (BM25_K1 + 1.0) /
          (freq + BM25_K1 * (1 - BM25_B + BM25_B * length / t->avg_length));
  return rc;
}

/* Called by xQueryPhrase for each document holding the phrase walked. */
static int
walk_document (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               void                   *data)
{
  TopQuery *t = data;
  const CfSearchRankPlan *plan = t->plan;
  sqlite3_int64 id = api->xRowid (fts);
  PhraseHit hit;
  int rc;

  /* Our bug if it happens: the lengths were read in this transaction. */
  if (id < 0 || (gsize) id >= t->n_ids)
    return SQLITE_CORRUPT_VTAB;
  t->count++;
  if (t->mode == WALK_EXCLUDE)
    {
      t->excluded[id >> 3] |= 1u << (id & 7);
      return SQLITE_OK;
    }
  if (bit_is_set (t->excluded, id) ||
      (plan->filter != NULL && !cf_search_rank_filter_has (plan->filter, id)))
    return SQLITE_OK;
  /* Not a hit whatever this phrase says: an earlier group lacks it. */
  if (t->mode == WALK_GROUP && t->groups_met[id] < t->group)
    return SQLITE_OK;

  hit.id = id;
  rc = phrase_part (t, api, fts, id, &hit.part);
  if (rc != SQLITE_OK)
    return rc;
  if (t->mode == WALK_ONLY)
    keep_hit (t->plan, id, -hit.part);
  else
    g_array_append_val (t->found, hit);
  return SQLITE_OK;
}

/* BM25's IDF of a phrase held by count of n_rows documents. From half
 * the documents on it would be zero or less, where FTS5 gives 1e-6. */
static double
phrase_idf (sqlite3_int64 count,
            sqlite3_int64 n_rows)
{
  double idf = log ((n_rows - count + 0.5) / (count + 0.5));

  return idf > 0 && count < MAX (1, (n_rows + 1) / 2) ? idf : 1e-6;
}

/* Walks phrase i of the expression in the given mode. */
static int
walk_phrase (TopQuery               *t,
             const Fts5ExtensionApi *api,
             Fts5Context            *fts,
             int                     i,
             WalkMode                mode)
{
  t->mode = mode;
  t->count = 0;
  return api->xQueryPhrase (fts, i, t, walk_document);
}

static int
rank_groups (TopQuery               *t,
             const Fts5ExtensionApi *api,
             Fts5Context            *fts,
             sqlite3_int64           n_rows)
{
  const CfSearchRankPlan *plan = t->plan;
  int rc = SQLITE_OK;

  /* 16 bytes a document: 1.6 MB for 100,000; refused, not fatal, when
   * there is no room. */
  t->groups_met = g_try_malloc0_n (t->n_ids, sizeof (guint32));
  t->last_group = g_try_malloc0_n (t->n_ids, sizeof (guint32));
  t->score = g_try_malloc0_n (t->n_ids, sizeof (double));
  if (t->groups_met == NULL || t->last_group == NULL || t->score == NULL)
    return SQLITE_NOMEM;
  t->found = g_array_new (FALSE, FALSE, sizeof (PhraseHit));

  /* Group by group, so that a later group only scores the documents
   * every earlier one holds. */
  for (guint g = 0; rc == SQLITE_OK && g < plan->n_groups; g++)
    for (guint i = 0; rc == SQLITE_OK && i < plan->n_phrases; i++)
      {
        double idf;

        if (plan->groups[i] != g)
          continue;
        t->group = g;
        g_array_set_size (t->found, 0);
        rc = walk_phrase (t, api, fts, i, WALK_GROUP);
        idf = phrase_idf (t->count, n_rows);
        for (guint k = 0; rc == SQLITE_OK && k < t->found->len; k++)
          {
            const PhraseHit *hit = &g_array_index (t->found, PhraseHit, k);

            t->score[hit->id] += idf * hit->part;
            if (t->last_group[hit->id] != g + 1)
              {
                t->last_group[hit->id] = g + 1;
                t->groups_met[hit->id]++;
              }
          }
      }
  for (gsize id = 0; rc == SQLITE_OK && id < t->n_ids; id++)
    if (t->groups_met[id] == plan->n_groups)
      keep_hit (t->plan, id, -t->score[id]);
  return rc;
}

static void
top_query_clear (TopQuery *t)
{
  g_free (t->excluded);
  g_free (t->groups_met);
  g_free (t->last_group);
  g_free (t->score);
  if (t->found != NULL)
    g_array_unref (t->found);
}

static void
top_function (const Fts5ExtensionApi  *api,
              Fts5Context             *fts,
              sqlite3_context         *context,
              int                      argc,
              sqlite3_value          **argv)
{
  TopQuery t = { api->xUserData (fts), NULL };
  CfSearchRankPlan *plan;
  sqlite3_int64 n_rows = 0, n_terms = 0;
  int rc;

  plan = argc == 1 ? sqlite3_value_pointer (argv[0], CF_SEARCH_RANK_PLAN_TYPE) : NULL;
  if (plan == NULL || plan->hits == NULL || plan->n_phrases == 0 || plan->n_groups == 0 ||
      (int) (plan->n_phrases + plan->n_exclusions) != api->xPhraseCount (fts))
    {
      sqlite3_result_error (context, CF_SEARCH_RANK_FUNCTION " takes a plan that fits the query", -1);
      return;
    }
  /* Once is all: the rows after the first are not wanted (LIMIT 1). */
  if (plan->ran)
    return;
  plan->ran = TRUE;
  t.plan = plan;

  ranker_refresh (t.ranker, api, fts);
  if (t.ranker->lengths == NULL)
    {
      /* Too many documents to keep their lengths, or the table of
       * sizes could not be read. */
      sqlite3_result_error (context, "The lengths of the indexed documents could not be read", -1);
      return;
    }
  t.n_ids = t.ranker->n_lengths;
  rc = api->xRowCount (fts, &n_rows);
  if (rc == SQLITE_OK)
    rc = api->xColumnTotalSize (fts, -1, &n_terms);
  t.avg_length = n_rows > 0 && n_terms > 0 ? (double) n_terms / n_rows : 1.0;

  if (rc == SQLITE_OK && plan->n_exclusions > 0)
    {
      t.excluded = g_try_malloc0 ((t.n_ids + 7) / 8);
      if (t.excluded == NULL)
        rc = SQLITE_NOMEM;
      for (guint i = 0; rc == SQLITE_OK && i < plan->n_exclusions; i++)
        rc = walk_phrase (&t, api, fts, plan->n_phrases + i, WALK_EXCLUDE);
    }
  if (rc == SQLITE_OK && plan->n_phrases == 1)
    rc = walk_phrase (&t, api, fts, 0, WALK_ONLY);
  else if (rc == SQLITE_OK)
    rc = rank_groups (&t, api, fts, n_rows);
  top_query_clear (&t);

  if (rc != SQLITE_OK)
    {
      g_array_set_size (plan->hits, 0);
      plan->total = 0;
      sqlite3_result_error_code (context, rc);
      return;
    }
  sort_ranked (plan->hits);
  sqlite3_result_null (context);
}

int
cf_search_rank_register (sqlite3  *db,
                         fts5_api *api)
{
  Ranker *ranker = g_new0 (Ranker, 1);

  ranker->db = db;
  return api->xCreateFunction (api, CF_SEARCH_RANK_FUNCTION, ranker, top_function, ranker_free);
}
