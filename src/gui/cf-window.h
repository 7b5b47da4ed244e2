/* cf-window.h — a Casefile window: the welcome view (new case, open case,
 * recent cases) or one open case with its claims sidebar, document list,
 * details pane, import progress and every command as a window action. */
#pragma once

#include <adwaita.h>

#include "cf-session.h"

G_BEGIN_DECLS

#define CF_TYPE_WINDOW (cf_window_get_type ())
G_DECLARE_FINAL_TYPE (CfWindow, cf_window, CF, WINDOW, AdwApplicationWindow)

CfWindow   *cf_window_new              (GtkApplication  *application);
/* Opens the case in this window (asks to open read-only when another
 * program holds it). */
void        cf_window_open_case        (CfWindow        *self,
                                        const char      *path,
                                        gboolean         read_only);
/* The open case, or NULL on the welcome view. */
CfSession  *cf_window_get_session      (CfWindow        *self);
void        cf_window_add_toast        (CfWindow        *self,
                                        const char      *text);
/* What the Import button, the file chooser and a drop all end in. */
void        cf_window_import_paths     (CfWindow        *self,
                                        const char * const *paths);
gboolean    cf_window_get_importing    (CfWindow        *self);

/* The parts, for tests. */
GtkWidget  *cf_window_get_table        (CfWindow        *self);
GtkWidget  *cf_window_get_sidebar      (CfWindow        *self);
GtkWidget  *cf_window_get_details      (CfWindow        *self);
const char *cf_window_get_status_text  (CfWindow        *self);
/* The last import's items that were not simply imported (CfImportNote). */
GListModel *cf_window_get_import_notes (CfWindow        *self);
/* Whether a search is waiting to run or running (tests wait for it). */
gboolean    cf_window_get_searching    (CfWindow        *self);
/* The query the last search ran (NULL when none shows). */
const char *cf_window_get_search_query (CfWindow        *self);
/* From the last change of the query to its results showing, in µs. */
gint64      cf_window_get_search_latency (CfWindow      *self);

G_END_DECLS
