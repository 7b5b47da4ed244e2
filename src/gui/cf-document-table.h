/* cf-document-table.h — the document list: a sortable GtkColumnView over a
 * lazy CfDocumentList, families shown under their parent, many rows
 * selectable, rows draggable onto claims, a context menu.
 *
 * Sorting happens in SQLite (a sort model would have to read every row),
 * so the column headers only tell the list which order to ask for. While
 * a search shows, its results (CfSearchResults) take the list's place,
 * flat, with the words around the hits under each title; the table asks
 * for the search to run again ("sort-changed", "search-outdated") rather
 * than running it.
 */
#pragma once

#include <adwaita.h>

#include "cf-document-list.h"
#include "cf-search-results.h"
#include "cf-session.h"

G_BEGIN_DECLS

#define CF_TYPE_DOCUMENT_TABLE (cf_document_table_get_type ())
G_DECLARE_FINAL_TYPE (CfDocumentTable, cf_document_table, CF, DOCUMENT_TABLE, GtkWidget)

void            cf_document_table_set_session      (CfDocumentTable  *self,
                                                    CfSession        *session);
/* Shows another view (keeps the sort and the search). */
void            cf_document_table_set_view         (CfDocumentTable  *self,
                                                    CfDocumentView    view,
                                                    gint64            id);
CfDocumentView  cf_document_table_get_view         (CfDocumentTable  *self,
                                                    gint64           *id);
/* Shows what a search found instead of the view (NULL: the view again).
 * The same search run again moves the rows in place. */
void            cf_document_table_set_results      (CfDocumentTable  *self,
                                                    CfSearchResults  *results);
CfSearchResults *cf_document_table_get_results     (CfDocumentTable  *self);
/* The column order the user chose (IMPORTED when none: import order for
 * a view, relevance for a search). */
void            cf_document_table_get_sort         (CfDocumentTable  *self,
                                                    CfDocumentSort   *sort,
                                                    gboolean         *descending);
/* What to say when the view is empty, and whether to offer importing. */
void            cf_document_table_set_empty_text   (CfDocumentTable  *self,
                                                    const char       *title,
                                                    const char       *description,
                                                    gboolean          offer_import);
gboolean        cf_document_table_grab_focus       (CfDocumentTable  *self);
/* From the search: to the selected row, or the first (selecting it). */
gboolean        cf_document_table_focus_rows       (CfDocumentTable  *self);
void            cf_document_table_set_context_menu (CfDocumentTable  *self,
                                                    GMenuModel       *menu);

/* Reads the rows' ids again (new or moved documents). */
void            cf_document_table_reload           (CfDocumentTable  *self);
/* Rows whose data changed; NULL means all of them. */
void            cf_document_table_invalidate       (CfDocumentTable  *self,
                                                    GArray           *ids);
/* Any document may have changed (read, numbered) but not moved: the rows
 * show the current data, without rebuilding them. */
void            cf_document_table_refresh          (CfDocumentTable  *self);
/* Just-imported documents; returns FALSE when the view must reload to
 * place them. */
gboolean        cf_document_table_add_imported     (CfDocumentTable  *self,
                                                    const gint64     *ids,
                                                    const gint64     *parent_ids,
                                                    guint             n_ids);

/* The selected documents' ids, in row order. */
GArray         *cf_document_table_get_selected_ids (CfDocumentTable  *self);
guint           cf_document_table_get_n_selected   (CfDocumentTable  *self);
/* The one selected document, or NULL (none or many). */
CfDocument     *cf_document_table_dup_selected     (CfDocumentTable  *self);
/* Selects a document shown at the top level; FALSE when it is not. */
gboolean        cf_document_table_select_id        (CfDocumentTable  *self,
                                                    gint64            id);
/* Selects a document and scrolls to it, opening the families above it;
 * FALSE when this view or search does not show it. */
gboolean        cf_document_table_reveal           (CfDocumentTable  *self,
                                                    gint64            id);
void            cf_document_table_select_all       (CfDocumentTable  *self);
guint           cf_document_table_get_n_rows       (CfDocumentTable  *self);
/* The document of a row of the column view's model as it shows now
 * (families open or not), or 0. */
gint64          cf_document_table_get_row_id       (CfDocumentTable  *self,
                                                    guint             position);

CfDocumentList *cf_document_table_get_list         (CfDocumentTable  *self);
GtkColumnView  *cf_document_table_get_column_view  (CfDocumentTable  *self);
/* Rows read from the case by this table's lists (for tests). */
guint64         cf_document_table_get_n_rows_read  (CfDocumentTable  *self);

G_END_DECLS
