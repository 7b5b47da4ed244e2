/* cf-new-case-dialog.h — asks for what a new case needs: title, court,
 * case number, our party (갑/을/병), numbering style, and where its folder
 * goes. Emits "create" when the user confirms; the window creates it. */
#pragma once

#include <adwaita.h>

#include "cf-case.h"

G_BEGIN_DECLS

#define CF_TYPE_NEW_CASE_DIALOG (cf_new_case_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CfNewCaseDialog, cf_new_case_dialog, CF, NEW_CASE_DIALOG, AdwWindow)

CfNewCaseDialog *cf_new_case_dialog_new          (GtkWindow       *parent,
                                                  GFile           *folder);
/* The folder the case will be created in (inside the chosen location). */
char            *cf_new_case_dialog_dup_path     (CfNewCaseDialog *self);
/* Strings are owned by the dialog. */
void             cf_new_case_dialog_get_settings (CfNewCaseDialog *self,
                                                  CfCaseSettings  *settings);
/* Where the case folder goes (what the Choose button sets). */
void             cf_new_case_dialog_set_location (CfNewCaseDialog *self,
                                                  GFile           *folder);

G_END_DECLS
