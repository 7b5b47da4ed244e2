/* cf-claim-dialog.h — asks for a claim's title, description and side, to
 * add a claim (or sub-claim) or to edit one. */
#pragma once

#include <adwaita.h>

#include "cf-claim.h"

G_BEGIN_DECLS

#define CF_TYPE_CLAIM_DIALOG (cf_claim_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CfClaimDialog, cf_claim_dialog, CF, CLAIM_DIALOG, AdwWindow)

/* claim NULL adds a claim under parent_id (0: at the top). "done" is
 * emitted when the user confirms. */
CfClaimDialog *cf_claim_dialog_new             (GtkWindow     *parent,
                                                CfClaim       *claim,
                                                gint64         parent_id);
CfClaim       *cf_claim_dialog_get_claim       (CfClaimDialog *self);
gint64         cf_claim_dialog_get_parent_id   (CfClaimDialog *self);
const char    *cf_claim_dialog_get_title       (CfClaimDialog *self);
const char    *cf_claim_dialog_get_description (CfClaimDialog *self);
CfSide         cf_claim_dialog_get_side        (CfClaimDialog *self);
/* Sets the fields and confirms, as the user would (tests). */
void           cf_claim_dialog_confirm         (CfClaimDialog *self);

G_END_DECLS
