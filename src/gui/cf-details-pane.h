/* cf-details-pane.h — everything about the selected document: a preview,
 * its claims (stance, pinpoint and note, editable), its title, date and
 * author (editable), privilege, where it came from, its warnings and its
 * custody events. Every edit is an undoable CfEdit. A member of a family
 * says whose it is; "open-document" asks the window to go to that family
 * or to a member the preview lists. */
#pragma once

#include <adwaita.h>

#include "cf-session.h"

G_BEGIN_DECLS

#define CF_TYPE_DETAILS_PANE (cf_details_pane_get_type ())
G_DECLARE_FINAL_TYPE (CfDetailsPane, cf_details_pane, CF, DETAILS_PANE, GtkWidget)

void        cf_details_pane_set_session    (CfDetailsPane *self,
                                            CfSession     *session);
/* id 0 shows nothing; n_selected > 1 shows what a selection can do. */
void        cf_details_pane_show           (CfDetailsPane *self,
                                            gint64         id,
                                            guint          n_selected);
gint64      cf_details_pane_get_document   (CfDetailsPane *self);
/* Runs a page action of the preview ("page.go-next", "page.zoom-in"…)
 * when it shows pages or a picture; FALSE otherwise. */
gboolean    cf_details_pane_page_action    (CfDetailsPane      *self,
                                            const char         *action);
/* What the preview marks and goes to: a search's terms, or NULL. */
void        cf_details_pane_set_highlights (CfDetailsPane      *self,
                                            const char * const *terms);

G_END_DECLS
