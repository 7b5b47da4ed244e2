/* cf-verify-dialog.h — "Verify Bundle…": pick a bundle (ZIP, TAR or an
 * extracted folder), give its passphrase if it is encrypted, and read the
 * report: intact, or which files were altered, are missing or were added. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CF_TYPE_VERIFY_DIALOG (cf_verify_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CfVerifyDialog, cf_verify_dialog, CF, VERIFY_DIALOG, AdwWindow)

CfVerifyDialog *cf_verify_dialog_new        (GtkWindow      *parent);
/* Verifies this bundle now (what choosing it does). */
void            cf_verify_dialog_verify     (CfVerifyDialog *self,
                                             GFile          *bundle);
/* After a check: whether it was intact; the report's text. */
gboolean        cf_verify_dialog_get_intact (CfVerifyDialog *self);
const char     *cf_verify_dialog_get_result_title (CfVerifyDialog *self);

G_END_DECLS
