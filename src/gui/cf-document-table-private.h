/* cf-document-table-private.h — what the files of CfDocumentTable share:
 * cf-document-table.c (the widget, its cells, columns and pointer) and
 * cf-document-table-rows.c (which rows show, reloading, selection). */
#pragma once

#include "cf-document-table.h"

#include "cf-row-slots.h"
#include "cf-search-results.h"

G_BEGIN_DECLS

typedef enum
{
  COLUMN_EXHIBIT,
  COLUMN_TITLE,
  COLUMN_DATE,
  COLUMN_TYPE,
  COLUMN_AUTHOR,
  COLUMN_CLAIMS,
  COLUMN_SIZE,
  N_COLUMNS
} Column;

struct _CfDocumentTable
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkColumnView *column_view;
  GtkColumnViewColumn *exhibit_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *type_column;
  GtkColumnViewColumn *author_column;
  GtkColumnViewColumn *claims_column;
  GtkColumnViewColumn *size_column;
  AdwStatusPage *empty_page;
  GtkWidget *empty_actions;
  GtkPopoverMenu *context_popover;

  CfSession *session;
  CfDocumentView view;
  gint64 view_id;
  CfDocumentSort sort;
  gboolean descending;
  int probe;

  CfDocumentList *list;          /* the view's rows */
  CfSearchResults *results;      /* shown instead while searching */
  CfRowSlots *rows;              /* the top-level rows of either, in the tree */
  GtkTreeListModel *tree;
  GtkMultiSelection *selection;
  /* The family lists handed to the tree, by parent id, so that imports
   * and edits reach rows under an expanded parent. */
  GHashTable *children;
  guint64 n_rows_read_before;   /* by lists this table no longer holds */
  gboolean list_stale;          /* the view or sort changed while searching */
  gboolean list_outdated;       /* documents came or changed while searching */
  /* Cells bound to a row (GtkListItem → column), and how many times
   * everything was refreshed in place: a cell bound before the last time
   * binds again when it next shows. */
  GHashTable *bound;
  guint generation;
  guint n_rows_on_screen;       /* when the cells were last bound again */
  GPtrArray *stale;             /* GtkListItem shown again since, to bind */
  GPtrArray *sweep;             /* GtkListItem off screen, to bind by and by */
  guint sweep_tick;
  gint64 sweep_after;           /* the frame that shows the new rows */
  guint stale_source;
  GHashTable *icons;            /* MIME type → GIcon */
};

/* cf-document-table.c */
GListModel *cf_table_root_model            (CfDocumentTable *self);
gint64      cf_table_root_get_id           (CfDocumentTable *self,
                                            guint            position);
guint       cf_table_root_find             (CfDocumentTable *self,
                                            gint64           id);
gboolean    cf_table_root_is_tree          (CfDocumentTable *self);
gint64      cf_table_item_id               (gpointer         item);
CfDocument *cf_table_document_of_row       (CfDocumentTable *self,
                                            GtkTreeListRow  *row);
void        cf_table_set_root              (CfDocumentTable *self);
void        cf_table_rebind                (CfDocumentTable *self);
void        cf_table_bind_near             (CfDocumentTable *self,
                                            guint            position);
void        cf_table_rebuild               (CfDocumentTable *self);
void        cf_table_bind_item             (CfDocumentTable *self,
                                            GtkListItem     *item,
                                            Column           column);
void        cf_table_show_snippet          (CfDocumentTable *self,
                                            GtkWidget       *snippet,
                                            gint64           id);
guint64     cf_table_rows_read_by_children (CfDocumentTable *self);
void        cf_table_on_items_changed      (GListModel      *model,
                                            guint            position,
                                            guint            removed,
                                            guint            added,
                                            CfDocumentTable *self);
void        cf_table_search_outdated       (CfDocumentTable *self);

G_END_DECLS
