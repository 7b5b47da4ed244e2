/* cf-search-rank.h — the ranking of search hits, as an FTS5 auxiliary
 * function registered on every connection and called once per search:
 *
 *   SELECT casefile_top (search, ?2) FROM search WHERE search MATCH ?1 LIMIT 1
 *
 * with the plan (CfSearchRankPlan, bound with sqlite3_bind_pointer as
 * CF_SEARCH_RANK_PLAN_TYPE) saying how the expression is built and taking
 * the hits. The first row only lends the function FTS5's context: it then
 * walks every phrase of the query itself (xQueryPhrase), in C, and puts
 * the phrases together as the expression does. Letting SQLite step through
 * every match and call a ranking function on each took about twice as long
 * for a word in most documents of a large case, which was most of a
 * search's time.
 *
 * The order is FTS5's bm25() (k1 = 1.2, b = 0.75, one weight per column,
 * lower is better), only faster on large cases:
 *  - bm25() reads each hit's length with an SQL statement; this keeps the
 *    lengths of all documents in memory (4 bytes each), read again only
 *    when the index has changed;
 *  - for a query of one scored phrase the IDF cannot change the order and
 *    is left out; exclusions are not scored.
 * The values are not bm25()'s (a one-phrase query is not scaled by its
 * IDF); only their order is the same. Equal ranks come oldest document
 * first, so an order never changes between runs.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CF_SEARCH_RANK_FUNCTION "casefile_top"
#define CF_SEARCH_RANK_PLAN_TYPE "casefile_top_plan"

/* A set of documents, as bits by id. Filters of a query (type, date,
 * claim…) are worked out this way once, through the indexes, instead of
 * looking up the document of every hit. */
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

/* A hit as ranked, before its details are read. */
typedef struct
{
  gint64 id;
  double rank;          /* lower is better */
} CfSearchRanked;

typedef struct
{
  /* The MATCH expression is (phrases) NOT (exclusions): its first
   * n_phrases phrases make groups, and a hit holds a phrase of every
   * group (AND of groups, OR within one); after them come n_exclusions
   * phrases, none of which a hit holds. */
  guint n_phrases;
  const guint *groups;          /* the group of each phrase, from 0 */
  guint n_groups;
  guint n_exclusions;
  const double *weights;        /* of each column; the rest weigh 1 */
  guint n_weights;
  const CfSearchRankFilter *filter; /* hits only among these, or NULL */
  guint keep;                   /* the best hits to keep; 0 = all */

  /* Filled in: the kept hits, best first, and how many there are in all. */
  GArray *hits;                 /* of CfSearchRanked */
  guint total;
  gboolean ran;
} CfSearchRankPlan;

/* Registers the function on db through the FTS5 API; the cache of
 * lengths lives as long as the connection. */
int  cf_search_rank_register (sqlite3  *db,
                              fts5_api *api);

G_END_DECLS
