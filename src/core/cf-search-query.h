/* cf-search-query.h — what a person types in the search box, turned into
 * an FTS5 expression and SQL conditions, or a clear message.
 *
 *   위수탁 계약서            both words (a Korean word matches inside longer ones)
 *   "제3자 제공"             the exact phrase
 *   유출 OR 제공             either
 *   -초안                    not this
 *   동*                      words starting so (one syllable alone is a prefix)
 *   from:partner  to:kim     sender / recipients contain
 *   type:pdf  type:mail      kind of document (pdf, mail, image, word, excel, hwp, html, text, archive,
 *                            a MIME type, or else a file name's extension)
 *   claim:3  claim:위수탁    tagged to the claim (or a sub-claim), by id or title
 *   tag:supports             tagged with this stance (supports, undermines, context, any, none)
 *   date:2018-04..2018-06    the date the document bears, in a range (YYYY, YYYY-MM or YYYY-MM-DD; open ends allowed)
 *   exhibit:갑3  exhibit:3-2  exhibit:any  exhibit:none
 * Any of these can be negated with a leading minus.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct
{
  char *match;          /* FTS5 MATCH expression of the positive terms, or NULL */
  char *exclude;        /* FTS5 expression of the negated terms, or NULL */
  GString *where;       /* SQL conditions on documents d (AND-ed), "1" when none */
  GPtrArray *params;    /* bound in order: strings ("s…") or integers ("i…") */
  GArray *match_groups;  /* guint per FTS5 phrase of match (each term is
                          * one): match is the AND of its groups, a group
                          * the OR of its phrases */
  guint n_match_groups;
  guint n_exclude_phrases; /* FTS5 phrases in exclude */
} CfSearchQuery;

void            cf_search_query_free  (CfSearchQuery *query);

/* Parses query (NFC-normalised first). Claims named by title are looked up
 * in db. Returns NULL with CF_ERROR_INVALID and a message for people when
 * the query cannot be understood, in the user's language (the messages are
 * in the "casefile" text domain; the app binds it, the CLI stays English). */
CfSearchQuery  *cf_search_query_parse (sqlite3        *db,
                                       const char     *query,
                                       GError        **error);

/* The words and phrases a query looks for (not filters, not exclusions),
 * for marking them in a preview. Never fails; a malformed query gives
 * what could be read. */
GStrv           cf_search_query_terms (const char     *query);

/* Binds the parameters into stmt starting at index first. */
void            cf_search_query_bind  (CfSearchQuery  *query,
                                       sqlite3_stmt   *stmt,
                                       int             first);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfSearchQuery, cf_search_query_free)

G_END_DECLS
