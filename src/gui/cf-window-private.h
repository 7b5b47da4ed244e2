/* cf-window-private.h — what the files of CfWindow share: cf-window.c (the
 * window, opening a case, which actions are enabled), cf-window-actions.c
 * (the commands), cf-window-import.c (importing), cf-window-search.c
 * (searching) and cf-window-remove.c (removing documents). */
#pragma once

#include "cf-window.h"

#include "cf-details-pane.h"
#include "cf-document-table.h"
#include "cf-extraction.h"
#include "cf-importer.h"
#include "cf-search-filters.h"
#include "cf-sidebar.h"

G_BEGIN_DECLS

struct _CfWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  AdwStatusPage *welcome_page;
  AdwPreferencesGroup *recent_group;
  GtkListBox *recent_list;
  AdwStatusPage *loading_page;
  AdwWindowTitle *window_title;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkWidget *filters_button;
  GtkWidget *save_search_button;
  GtkWidget *search_message_box;
  GtkLabel *search_message;
  GtkRevealer *notice_revealer;
  GtkLabel *notice_label;
  GtkOverlay *drop_overlay;
  GtkRevealer *drop_revealer;
  AdwFlap *flap;
  GtkPaned *paned;
  CfSidebar *sidebar;
  CfDocumentTable *table;
  CfDetailsPane *details;
  GtkRevealer *import_revealer;
  GtkLabel *import_count_label;
  GtkLabel *import_bytes_label;
  GtkLabel *import_current_label;
  GtkProgressBar *import_progress;
  GtkButton *import_cancel_button;
  GtkLabel *status_label;
  GtkButton *undo_button;
  GtkWidget *import_button;
  GtkWidget *number_button;
  GtkWidget *export_button;
  GtkWidget *new_case_button;

  GSettings *settings;
  CfSession *session;
  GCancellable *open_cancellable;
  GMenu *tag_menu;          /* "Tag to" submenu of the document menu */
  GMenu *untag_menu;

  /* Import */
  CfImporter *importer;
  GCancellable *import_cancellable;
  GArray *import_ids;       /* committed, not yet shown */
  GArray *import_parents;
  guint import_flush_source;
  guint import_reload_source;
  gboolean import_needs_reload;
  gint64 import_started;
  GListStore *import_notes;  /* CfImportNote of the last import */
  /* Reading what was imported (casefile-extract), after the import or
   * when a case with unread documents opens. */
  CfExtractor *extractor;
  GCancellable *read_cancellable;
  char *import_summary;      /* the import's, said when reading ends */
  gboolean import_had_notes;
  gint64 read_last_refresh;

  /* The last passing toast: the next one replaces it rather than waiting
   * behind it (tagging ten documents in a row says only the last). */
  AdwToast *passing_toast;

  /* Long operations that hold the case (export, numbering) */
  gboolean exclusive_busy;

  /* Search (cf-window-search.c) */
  CfSearchFilters *search_filters;
  GCancellable *search_cancellable;  /* of the search running */
  gboolean search_running;
  guint search_source;               /* a search to run again soon */
  char *search_last_query;           /* what ran last, to run it once */
  CfDocumentView search_last_view;
  gint64 search_last_view_id;
  CfDocumentSort search_last_sort;
  gboolean search_last_descending;
  gint64 search_typed;               /* when the query last changed */
  gint64 search_latency;             /* from then to its results, µs */
};

/* cf-window.c */
void     cf_window_update_actions     (CfWindow    *self);
void     cf_window_update_status      (CfWindow    *self);
void     cf_window_update_empty_text  (CfWindow    *self);
void     cf_window_show_passing_toast (CfWindow    *self,
                                       AdwToast    *toast);
void     cf_window_show_notice        (CfWindow    *self,
                                       const char  *text);
void     cf_window_set_exclusive_busy (CfWindow    *self,
                                       gboolean     busy);
void     cf_window_remember_folder    (CfWindow    *self,
                                       const char  *key,
                                       GFile       *file);
GFile   *cf_window_dup_folder         (CfWindow    *self,
                                       const char  *key);
void     cf_window_create_case        (CfWindow             *self,
                                       const char           *path,
                                       const CfCaseSettings *settings);

/* cf-window-actions.c */
void     cf_window_class_init_actions (GtkWidgetClass *widget_class);
void     cf_window_apply_edit         (CfWindow    *self,
                                       CfEdit      *edit,
                                       const char  *done_text);
void     cf_window_rebuild_claim_menus (CfWindow   *self);

/* cf-window-search.c */
void     cf_window_class_init_search  (GtkWidgetClass *widget_class);
void     cf_window_init_search        (CfWindow    *self);
void     cf_window_dispose_search     (CfWindow    *self);
void     cf_window_update_search_actions (CfWindow *self);
void     cf_window_search_claims_changed (CfWindow *self);
void     cf_window_saved_searches_changed (CfWindow *self);
/* Runs the search shown again (the case changed), soon or now. */
void     cf_window_search_again       (CfWindow    *self,
                                       gboolean     soon);
/* Shows the search bar with this query and runs it. */
void     cf_window_set_search_text    (CfWindow    *self,
                                       const char  *query);
gboolean cf_window_get_search_running (CfWindow    *self);
/* Empties and closes the search; the view shows again. */
void     cf_window_stop_search        (CfWindow    *self);

/* cf-window-remove.c */
void     cf_window_class_init_remove  (GtkWidgetClass *widget_class);
/* Whether the selection holds a top-level document to remove. */
gboolean cf_window_can_remove         (CfWindow    *self);

/* cf-window-import.c */
void     cf_window_class_init_import  (GtkWidgetClass *widget_class);
void     cf_window_init_import        (CfWindow    *self);
void     cf_window_dispose_import     (CfWindow    *self);
void     cf_window_read_documents     (CfWindow    *self);
gboolean cf_window_get_busy_importing (CfWindow    *self);

G_END_DECLS
