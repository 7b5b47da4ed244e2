/* cf-search-results.h — what a search found, as the document list shows
 * it: a lazy GListModel of CfDocument over the matching ids (in rank
 * order, or a column's order), with the text around the hits of each.
 *
 * The search runs in the session's read pool (cf_case_search_ids), kept to
 * the sidebar's view and put in the column's order there; only the ids come
 * back, and rows are read when a widget asks for them, as in
 * CfDocumentList, so 100,000 hits cost what the screen shows. Snippets
 * (cf_case_search) are read a page of ranks at a time, in the pool too,
 * when a row first wants one; "snippets-changed" says when more arrived.
 */
#pragma once

#include <gio/gio.h>

#include "cf-document-list.h"
#include "cf-session.h"

G_BEGIN_DECLS

/* The markers around a hit in a snippet: control characters that text and
 * titles do not hold, turned into markup by cf_search_snippet_markup. */
#define CF_SNIPPET_OPEN  "\x01"
#define CF_SNIPPET_CLOSE "\x02"

typedef struct
{
  const char *query;
  CfDocumentView view;       /* results stay within it (ALL: the whole case) */
  gint64 view_id;
  CfDocumentSort sort;       /* CF_DOCUMENT_SORT_IMPORTED: by relevance */
  gboolean descending;
} CfSearchRequest;

#define CF_TYPE_SEARCH_RESULTS (cf_search_results_get_type ())
G_DECLARE_FINAL_TYPE (CfSearchResults, cf_search_results, CF, SEARCH_RESULTS, GObject)

/* A query that cannot be understood fails with CF_ERROR_INVALID and a
 * message for people. */
void             cf_search_results_run_async    (CfSession              *session,
                                                 const CfSearchRequest  *request,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
CfSearchResults *cf_search_results_run_finish   (GAsyncResult           *result,
                                                 GError                **error);

const char      *cf_search_results_get_query    (CfSearchResults *self);
/* Whether other is the same search (query, view, order) run again. */
gboolean         cf_search_results_same_search  (CfSearchResults *self,
                                                 CfSearchResults *other);
/* The words and phrases the query looks for (cf_search_highlight_terms). */
const char * const *cf_search_results_get_terms (CfSearchResults *self);
/* How long the search took in the pool, in microseconds. */
gint64           cf_search_results_get_elapsed  (CfSearchResults *self);

gint64           cf_search_results_get_id       (CfSearchResults *self,
                                                 guint            position);
/* The position of a document, or G_MAXUINT. */
guint            cf_search_results_find         (CfSearchResults *self,
                                                 gint64           id);
/* The current data of a document (cached, else read now). */
CfDocument      *cf_search_results_lookup       (CfSearchResults *self,
                                                 gint64           id);
/* Documents that changed: their cached rows are dropped and the rows that
 * show them say so. */
void             cf_search_results_invalidate   (CfSearchResults *self,
                                                 const gint64    *ids,
                                                 guint            n_ids);
/* Drops every cached row without a word to the widgets. */
void             cf_search_results_forget       (CfSearchResults *self);
/* Takes the rows of newer (the same search run again after a change),
 * telling the widgets only what changed. */
void             cf_search_results_update       (CfSearchResults *self,
                                                 CfSearchResults *newer);
guint64          cf_search_results_get_n_rows_read (CfSearchResults *self);

/* The text around the hits in the document, hits between CF_SNIPPET_OPEN
 * and CF_SNIPPET_CLOSE; NULL when it has none (its title or a filter
 * matched) or it is not read yet, which starts reading it. */
const char      *cf_search_results_get_snippet  (CfSearchResults *self,
                                                 gint64           id);

/* Pango markup of a snippet: the rest escaped, the hits bold on a
 * highlight; never invalid, whatever the text holds. */
char            *cf_search_snippet_markup       (const char      *snippet);

G_END_DECLS
