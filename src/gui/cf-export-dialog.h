/* cf-export-dialog.h — writing the evidence bundle: which claims, ZIP or
 * TAR, an optional AES-256 passphrase, where; then progress with Cancel;
 * then the bundle's SHA-256 (copyable), its counts and Open Folder. */
#pragma once

#include <adwaita.h>

#include "cf-session.h"

G_BEGIN_DECLS

#define CF_TYPE_EXPORT_DIALOG (cf_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CfExportDialog, cf_export_dialog, CF, EXPORT_DIALOG, AdwWindow)

/* claims: CfClaim, depth first. */
CfExportDialog *cf_export_dialog_new             (GtkWindow      *parent,
                                                  CfSession      *session,
                                                  GPtrArray      *claims);
/* Where the bundle goes (what the Choose button sets). */
void            cf_export_dialog_set_destination (CfExportDialog *self,
                                                  GFile          *file);
/* After a successful export: the bundle's SHA-256, else NULL. */
const char     *cf_export_dialog_get_sha256      (CfExportDialog *self);

G_END_DECLS
