/* cf-application.c — the application (see cf-application.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-application.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>

#include "cf-window.h"

struct _CfApplication
{
  AdwApplication parent_instance;
  gboolean read_only;
};

G_DEFINE_FINAL_TYPE (CfApplication, cf_application, ADW_TYPE_APPLICATION)

void
cf_application_init_i18n (void)
{
  const char *localedir = g_getenv ("CASEFILE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && localedir[0] ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* A window showing no case yet is reused rather than left empty. */
static CfWindow *
find_idle_window (CfApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CF_IS_WINDOW (l->data) && cf_window_get_session (l->data) == NULL)
      return l->data;
  return NULL;
}

static void
cf_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (cf_window_new (GTK_APPLICATION (application)));
  gtk_window_present (window);
}

static void
cf_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CfApplication *self = CF_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      CfWindow *window = find_idle_window (self);

      if (window == NULL)
        window = cf_window_new (GTK_APPLICATION (self));
      gtk_window_present (GTK_WINDOW (window));
      if (path == NULL)
        {
          cf_window_add_toast (window, _("Only case folders on this computer can be opened"));
          continue;
        }
      cf_window_open_case (window, path, self->read_only);
    }
}

static int
cf_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  CfApplication *self = CF_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("casefile %s\n", PACKAGE_VERSION);
      return 0;
    }
  self->read_only = g_variant_dict_contains (options, "read-only");
  return -1;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  GtkWindow *parent = gtk_application_get_active_window (app);
  const char *developers[] = { "The Casefile developers", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Casefile"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Casefile developers"),
                         "developers", developers,
                         "comments", _("Evidence for litigation: import, tag to claims, number "
                                       "exhibits and export a bundle anyone can verify."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* TRANSLATORS: your name(s), one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing each window saves its size and stops its import cleanly. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

/* Logging out or `kill` closes the windows as Quit does: imports stop
 * cleanly and the case is released, rather than found "not closed
 * cleanly" next time. */
static gboolean
on_terminate (gpointer user_data)
{
  quit_action (NULL, NULL, user_data);
  return G_SOURCE_CONTINUE;
}

static void
cf_application_startup (GApplication *application)
{
  static const GActionEntry entries[] = {
    { "about", about_action, NULL, NULL, NULL, { 0 } },
    { "quit", quit_action, NULL, NULL, NULL, { 0 } },
  };
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (cf_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  g_unix_signal_add (SIGTERM, on_terminate, application);
  g_unix_signal_add (SIGINT, on_terminate, application);
  g_unix_signal_add (SIGHUP, on_terminate, application);
}

static void
cf_application_class_init (CfApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = cf_application_activate;
  app_class->open = cf_application_open;
  app_class->startup = cf_application_startup;
  app_class->handle_local_options = cf_application_handle_local_options;
}

static void
cf_application_init (CfApplication *self)
{
  static const GOptionEntry options[] = {
    { "read-only", 'r', 0, G_OPTION_ARG_NONE, NULL, N_("Open the cases read-only"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[CASE_FOLDER…]"));
}

CfApplication *
cf_application_new (GApplicationFlags flags)
{
  return g_object_new (CF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/org/casefile/Casefile",
                       NULL);
}
