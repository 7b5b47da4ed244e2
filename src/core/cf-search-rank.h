/* cf-search-rank.h — the ranking of search hits, as an FTS5 auxiliary
 * function registered on every connection:
 *
 *   casefile_rank (search, n_scored, weight, weight… [, filter])
 *
 * n_scored is how many of the query's phrases, from the first, can occur
 * in a hit: the rest are exclusions ("a NOT b"), which add nothing to any
 * hit's score and need no counting. One weight per column follows.
 *
 *
 * It orders hits exactly as FTS5's bm25() does (k1 = 1.2, b = 0.75, one
 * weight per column, lower is better), only faster on large cases:
 *  - bm25() reads each hit's length with an SQL statement; this keeps the
 *    lengths of all documents in memory (4 bytes each), read again only
 *    when the index has changed;
 *  - bm25() counts the documents holding each phrase with a scan of the
 *    index on every query; for a query of one scored phrase the count
 *    cannot change the order and is skipped, exclusions are not counted,
 *    and otherwise the count stops at half the documents, where BM25 gives
 *    a phrase its least weight anyway.
 * The values are not bm25()'s (a one-phrase query is not scaled by its
 * IDF); only their order is the same.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CF_SEARCH_RANK_FUNCTION "casefile_rank"

/* A set of documents, as bits by id, given as one more argument after the
 * weights (sqlite3_bind_pointer with the type CF_SEARCH_RANK_FILTER_TYPE):
 * hits outside it are not ranked and get NULL. Filters of a query (type,
 * date, claim…) are worked out this way once, through the indexes, instead
 * of looking up the document of every hit. */
#define CF_SEARCH_RANK_FILTER_TYPE "casefile_rank_filter"

typedef struct
{
  const guint8 *bits;
  gsize n_bits;
} CfSearchRankFilter;

static inline gboolean
cf_search_rank_filter_has (const CfSearchRankFilter *filter,
                           sqlite3_int64             id)
{
  return id >= 0 && (gsize) id < filter->n_bits && (filter->bits[id >> 3] & (1u << (id & 7))) != 0;
}

/* Registers the function on db through the FTS5 API; the cache of
 * lengths lives as long as the connection. */
int  cf_search_rank_register (sqlite3  *db,
                              fts5_api *api);

G_END_DECLS
