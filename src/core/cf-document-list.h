/* cf-document-list.h — a lazy GListModel of CfDocument over a case, for
 * lists of 100,000 documents and more.
 *
 * The list knows only the ids of its rows, in order (one query, filtered
 * and sorted by SQLite). A row's CfDocument is read when a widget asks for
 * it, together with the rows around it, and kept in a bounded cache. So
 * opening a large case or scrolling through it reads what is shown, not
 * the whole table.
 *
 * A list shows one view of the case: every top-level document (families
 * hang under their parent as CF_DOCUMENT_VIEW_CHILDREN lists, which is
 * what a GtkTreeListModel's create function returns), the documents not yet
 * tagged, the privileged ones, duplicates, unreadable ones, the documents
 * of a claim.
 *
 * Reads use the given case's connection on the calling thread: give it a
 * case that no other thread uses (the GUI's read-only reader).
 */
#pragma once

#include <gio/gio.h>

#include "cf-case.h"

G_BEGIN_DECLS

typedef enum
{
  CF_DOCUMENT_VIEW_ALL,         /* top-level documents */
  CF_DOCUMENT_VIEW_UNTAGGED,    /* no claim on the document nor on a family ancestor */
  CF_DOCUMENT_VIEW_PRIVILEGED,
  CF_DOCUMENT_VIEW_DUPLICATES,  /* the same bytes as an earlier document */
  CF_DOCUMENT_VIEW_UNREADABLE,  /* status failed or partial */
  CF_DOCUMENT_VIEW_CLAIM,       /* tagged to the claim or one of its sub-claims */
  CF_DOCUMENT_VIEW_CHILDREN,    /* the members of one family, in family order */
} CfDocumentView;

typedef enum
{
  CF_DOCUMENT_SORT_IMPORTED,    /* import order */
  CF_DOCUMENT_SORT_EXHIBIT,     /* numbered first, by number */
  CF_DOCUMENT_SORT_TITLE,
  CF_DOCUMENT_SORT_DATE,        /* the document's date, else its file date */
  CF_DOCUMENT_SORT_TYPE,
  CF_DOCUMENT_SORT_AUTHOR,
  CF_DOCUMENT_SORT_CLAIMS,      /* by the number of claims */
  CF_DOCUMENT_SORT_SIZE,
} CfDocumentSort;

#define CF_TYPE_DOCUMENT_LIST (cf_document_list_get_type ())
G_DECLARE_FINAL_TYPE (CfDocumentList, cf_document_list, CF, DOCUMENT_LIST, GObject)

/* id is the claim for CF_DOCUMENT_VIEW_CLAIM, the parent for
 * CF_DOCUMENT_VIEW_CHILDREN, and unused otherwise. The list is empty until
 * the first cf_document_list_reload. */
CfDocumentList *cf_document_list_new          (CfCase          *kase,
                                               CfDocumentView   view,
                                               gint64           id);

CfCase         *cf_document_list_get_case     (CfDocumentList  *self);
CfDocumentView  cf_document_list_get_view     (CfDocumentList  *self);
gint64          cf_document_list_get_view_id  (CfDocumentList  *self);
/* Children lists ignore the sort: families keep their order. */
void            cf_document_list_set_sort     (CfDocumentList  *self,
                                               CfDocumentSort   sort,
                                               gboolean         descending);
CfDocumentSort  cf_document_list_get_sort     (CfDocumentList  *self,
                                               gboolean        *descending);
/* Whether rows are the tops of families (the all-documents view): then a
 * row's children belong under it. Searches are cf-search.h's. */
gboolean        cf_document_list_is_tree      (CfDocumentList  *self);

/* Reads the ids again and tells the widgets only what changed (rows kept
 * at the start and at the end stay as they are). Cached rows are kept. */
gboolean        cf_document_list_reload       (CfDocumentList  *self,
                                               GError         **error);
/* The documents changed (tagged, edited…): drops their cached rows and
 * tells the widgets the rows that show them changed. */
void            cf_document_list_invalidate   (CfDocumentList  *self,
                                               const gint64    *ids,
                                               guint            n_ids);
/* The current data of a document: the cached row, else read now (and
 * cached). Views that keep the objects the model handed out (GTK's tree
 * model does) use this to show documents that changed in place, without
 * telling the widgets that every row changed. */
CfDocument     *cf_document_list_lookup       (CfDocumentList  *self,
                                               gint64           id);
/* Drops every cached row without a word to the widgets: the next
 * cf_document_list_lookup() or new row reads the document again. */
void            cf_document_list_forget       (CfDocumentList  *self);
/* Drops every cached row (e.g. after numbering) and says all changed. */
void            cf_document_list_invalidate_all (CfDocumentList *self);
/* Newly imported documents: appended at once when the view is in import
 * order and takes them for sure (all documents, a family); returns FALSE
 * when the view needs a reload to place them. */
gboolean        cf_document_list_add_imported (CfDocumentList  *self,
                                               const gint64    *ids,
                                               const gint64    *parent_ids,
                                               guint            n_ids);

gint64          cf_document_list_get_id       (CfDocumentList  *self,
                                               guint            position);
/* The position of a document, or G_MAXUINT. */
guint           cf_document_list_find         (CfDocumentList  *self,
                                               gint64           id);
/* How many rows were read from the database since the list was made
 * (tests and benchmarks use it to prove the list stays lazy). */
guint64         cf_document_list_get_n_rows_read (CfDocumentList *self);

/* Counts for a sidebar -------------------------------------------------- */

typedef struct
{
  guint n_documents;
  guint n_untagged;
  guint n_privileged;
  guint n_duplicates;
  guint n_unreadable;
  guint n_numbered;
  guint n_locked;
} CfCaseCounts;

gboolean        cf_case_get_counts            (CfCase          *kase,
                                               CfCaseCounts    *counts,
                                               GError         **error);
/* Documents tagged to each claim or any of its sub-claims, as a table
 * from claim id (gint64 *) to count (GUINT_TO_POINTER). */
GHashTable     *cf_case_count_claim_documents (CfCase          *kase,
                                               GError         **error);

G_END_DECLS
