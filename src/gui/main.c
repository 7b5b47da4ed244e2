/* main.c — starts Casefile. Everything else is in the casefile-gui
 * library, which the tests link too. */
#include "config.h"

#include <glib/gi18n.h>

#include "cf-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CfApplication) app = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  cf_application_init_i18n ();
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("casefile: the settings schema %s is not installed; install Casefile, or run "
                    "it from the build tree with “meson devenv”\n"), APP_ID);
      return 1;
    }
  app = cf_application_new (G_APPLICATION_HANDLES_OPEN);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
