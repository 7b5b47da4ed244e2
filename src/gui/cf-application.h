/* cf-application.h — the Casefile application: windows, `casefile
 * CASE_DIR` on the command line, the About window, translations. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CF_TYPE_APPLICATION (cf_application_get_type ())
G_DECLARE_FINAL_TYPE (CfApplication, cf_application, CF, APPLICATION, AdwApplication)

/* Sets up gettext for the "casefile" domain; CASEFILE_LOCALEDIR overrides
 * where the catalogs are (an uninstalled build, the tests). */
void           cf_application_init_i18n (void);
CfApplication *cf_application_new       (GApplicationFlags flags);

G_END_DECLS
