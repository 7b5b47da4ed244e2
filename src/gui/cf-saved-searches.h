/* cf-saved-searches.h — the sidebar's saved searches: named queries kept
 * in the case (cf_case_save_search). Choosing one runs it; each row has a
 * remove button (win.remove-saved-search, undoable), Delete does the same
 * from the keyboard. Hidden while there are none. */
#pragma once

#include <adwaita.h>

#include "cf-session.h"

G_BEGIN_DECLS

#define CF_TYPE_SAVED_SEARCHES (cf_saved_searches_get_type ())
G_DECLARE_FINAL_TYPE (CfSavedSearches, cf_saved_searches, CF, SAVED_SEARCHES, GtkWidget)

void         cf_saved_searches_set_session (CfSavedSearches *self,
                                            CfSession       *session);
/* Reads the saved searches again. */
void         cf_saved_searches_reload      (CfSavedSearches *self);
guint        cf_saved_searches_get_n_items (CfSavedSearches *self);
const char  *cf_saved_searches_get_name    (CfSavedSearches *self,
                                            guint            position);
const char  *cf_saved_searches_get_query   (CfSavedSearches *self,
                                            guint            position);
/* The position of the saved search shown, or -1. */
int          cf_saved_searches_get_selected (CfSavedSearches *self);
/* Chooses the saved search at position, as clicking it does. */
void         cf_saved_searches_activate    (CfSavedSearches *self,
                                            guint            position);
/* Marks the saved search whose query this is as the one shown (none when
 * no saved search has it), without running it. */
void         cf_saved_searches_show_query  (CfSavedSearches *self,
                                            const char      *query);

G_END_DECLS
