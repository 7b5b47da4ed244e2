/* cf-check-dialog.h — "Check Case…": runs the case checker (database
 * integrity, every original re-hashed, the custody chain) with progress
 * and Stop, and shows its problems and notes. */
#pragma once

#include <adwaita.h>

#include "cf-session.h"

G_BEGIN_DECLS

#define CF_TYPE_CHECK_DIALOG (cf_check_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CfCheckDialog, cf_check_dialog, CF, CHECK_DIALOG, AdwWindow)

CfCheckDialog *cf_check_dialog_new          (GtkWindow     *parent,
                                             CfSession     *session);
/* -1 while checking, else the number of problems found. */
int            cf_check_dialog_get_problems (CfCheckDialog *self);

G_END_DECLS
