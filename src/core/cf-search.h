/* cf-search.h — finding documents by what they say and what is known of
 * them. The language is described in cf-search-query.h; ranking is BM25
 * with titles weighing most; snippets show the hits between markers. */
#pragma once

#include <gio/gio.h>

#include "cf-case.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 document_id;
  double rank;          /* lower is better; 0 when only filters were used */
  char *snippet;        /* text around the hits, hits between the markers; NULL for filters only */
  char *title;
  char *date;
  char *exhibit;
  char *source;
  char *mime_type;
} CfSearchHit;

typedef struct
{
  guint limit;          /* 0 = 100 */
  guint offset;
  const char *open;     /* marker before a hit; NULL = "[" */
  const char *close;    /* marker after a hit; NULL = "]" */
} CfSearchOptions;

void         cf_search_hit_free           (CfSearchHit      *hit);

/* Returns the hits in rank order; *total gets the number of matching
 * documents. A query that cannot be understood fails with
 * CF_ERROR_INVALID and a message for people. */
GPtrArray   *cf_case_search               (CfCase           *self,
                                           const char       *query,
                                           const CfSearchOptions *options,
                                           guint            *total,
                                           GError          **error);
/* Every matching document id, in rank order (for filtering a list). */
GArray      *cf_case_search_ids           (CfCase           *self,
                                           const char       *query,
                                           GError          **error);
/* Both from one ranking, for a list showing every hit: *ids gets every
 * matching document id in rank order, and the first options->limit hits
 * (offset ignored) come back with their snippets. */
GPtrArray   *cf_case_search_all           (CfCase           *self,
                                           const char       *query,
                                           const CfSearchOptions *options,
                                           GArray          **ids,
                                           GError          **error);

/* The words and phrases a query looks for, to mark in a preview. */
GStrv        cf_search_highlight_terms    (const char       *query);
/* The first page (from 1) of a document's text holding one of terms
 * (case ignored), or 0 when none or the text is not paged. */
guint        cf_case_find_text_page       (CfCase           *self,
                                           gint64            document_id,
                                           const char * const *terms,
                                           GError          **error);

/* Saved searches, shown in the app's sidebar. */
gint64       cf_case_save_search          (CfCase           *self,
                                           const char       *name,
                                           const char       *query,
                                           GError          **error);
/* Pairs of strings: name, query, name, query…, with ids in *ids. */
GStrv        cf_case_list_saved_searches  (CfCase           *self,
                                           GArray          **ids,
                                           GError          **error);
gboolean     cf_case_remove_saved_search  (CfCase           *self,
                                           gint64            id,
                                           GError          **error);

/* Rebuilds the search index from the case. */
gboolean     cf_case_rebuild_search_index (CfCase           *self,
                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfSearchHit, cf_search_hit_free)

G_END_DECLS
