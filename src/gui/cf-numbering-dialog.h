/* cf-numbering-dialog.h — "Assign Exhibit Numbers": a preview of what
 * would change (computed off the main thread), then applying it. Locked
 * numbers (produced in a bundle) are said to stay. */
#pragma once

#include <adwaita.h>

#include "cf-session.h"

G_BEGIN_DECLS

#define CF_TYPE_NUMBERING_DIALOG (cf_numbering_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CfNumberingDialog, cf_numbering_dialog, CF, NUMBERING_DIALOG, AdwWindow)

CfNumberingDialog *cf_numbering_dialog_new         (GtkWindow         *parent,
                                                    CfSession         *session);
/* An action of the parent window to activate once the numbers are
 * assigned (the export that asked for them). */
void               cf_numbering_dialog_set_then_action (CfNumberingDialog *self,
                                                        const char        *action_name);
/* The preview's changes (CfNumberingChange), once computed, or NULL. */
GPtrArray         *cf_numbering_dialog_get_changes (CfNumberingDialog *self);

G_END_DECLS
