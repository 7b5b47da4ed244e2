/* cf-details-pane.h — everything about the selected document: a preview,
 * its claims (stance, pinpoint and note, editable), its title, date and
 * author (editable), privilege, where it came from, its warnings and its
 * custody events. Every edit is an undoable CfEdit. */
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

G_END_DECLS
