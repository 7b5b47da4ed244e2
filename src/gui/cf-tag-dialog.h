/* cf-tag-dialog.h — tagging from the keyboard: pick a claim (type to
 * filter), a stance, a pinpoint and a note for the selected documents. */
#pragma once

#include <adwaita.h>

#include "cf-claim.h"

G_BEGIN_DECLS

#define CF_TYPE_TAG_DIALOG (cf_tag_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CfTagDialog, cf_tag_dialog, CF, TAG_DIALOG, AdwWindow)

/* claims: CfClaim depth first; claim_id preselects one. Emits "done". */
CfTagDialog *cf_tag_dialog_new           (GtkWindow   *parent,
                                          GPtrArray   *claims,
                                          guint        n_documents,
                                          gint64       claim_id);
gint64       cf_tag_dialog_get_claim_id  (CfTagDialog *self);
CfStance     cf_tag_dialog_get_stance    (CfTagDialog *self);
/* NULL when left empty (a re-tag then keeps what it had). */
const char  *cf_tag_dialog_get_pinpoint  (CfTagDialog *self);
const char  *cf_tag_dialog_get_note      (CfTagDialog *self);
gboolean     cf_tag_dialog_select_claim  (CfTagDialog *self,
                                          gint64       claim_id);

G_END_DECLS
