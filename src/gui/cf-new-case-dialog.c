/* cf-new-case-dialog.c — the new case form (see cf-new-case-dialog.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-new-case-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cf-gui-util.h"

struct _CfNewCaseDialog
{
  AdwWindow parent_instance;

  GtkButton *create_button;
  AdwEntryRow *title_row;
  AdwEntryRow *court_row;
  AdwEntryRow *number_row;
  AdwComboRow *party_row;
  AdwComboRow *numbering_row;
  AdwEntryRow *prefix_row;
  AdwActionRow *example_row;
  AdwActionRow *location_row;
  AdwActionRow *folder_row;

  GFile *location;
  /* What get_settings hands out. */
  char *title;
  char *court;
  char *case_number;
  char *prefix;
};

G_DEFINE_FINAL_TYPE (CfNewCaseDialog, cf_new_case_dialog, ADW_TYPE_WINDOW)

enum {
  CREATE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static char *
trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* A folder name from the title: no path separators or control characters,
 * nothing Windows would refuse (the case may be copied there), not too long. */
static char *
folder_name (const char *title)
{
  GString *name = g_string_new (NULL);
  glong n = 0;

  for (const char *p = title; *p && n < 80; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || strchr ("/\\:*?\"<>|", (int) (c < 0x80 ? c : 'a')) != NULL)
        g_string_append_c (name, '_');
      else
        g_string_append_unichar (name, c);
    }
  while (name->len > 0 && (name->str[name->len - 1] == '.' || name->str[name->len - 1] == ' '))
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_assign (name, _("New Case"));
  return g_string_free (name, FALSE);
}

char *
cf_new_case_dialog_dup_path (CfNewCaseDialog *self)
{
  g_autofree char *title = trimmed (self->title_row);
  g_autofree char *name = folder_name (title);
  g_autofree char *base = g_file_get_path (self->location);
  char *path = g_build_filename (base, name, NULL);

  /* Never into something that is already there. */
  for (guint i = 2; g_file_test (path, G_FILE_TEST_EXISTS) && i < 1000; i++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s (%u)", name, i);

      g_free (path);
      path = g_build_filename (base, numbered, NULL);
    }
  return path;
}

static CfNumbering
numbering (CfNewCaseDialog *self)
{
  return adw_combo_row_get_selected (self->numbering_row) == 1 ? CF_NUMBERING_US : CF_NUMBERING_KOREAN;
}

static CfParty
party (CfNewCaseDialog *self)
{
  switch (adw_combo_row_get_selected (self->party_row))
    {
    case 1:
      return CF_PARTY_DEFENDANT;
    case 2:
      return CF_PARTY_INTERVENOR;
    case 0:
    default:
      return CF_PARTY_PLAINTIFF;
    }
}

static gboolean
prefix_valid (const char *prefix)
{
  for (const char *p = prefix; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static void
on_changed (CfNewCaseDialog *self)
{
  g_autofree char *title = trimmed (self->title_row);
  g_autofree char *prefix = trimmed (self->prefix_row);
  g_autofree char *path = NULL;
  g_autofree char *example = NULL;
  gboolean us = numbering (self) == CF_NUMBERING_US;
  gboolean ok_prefix = !us || prefix_valid (prefix);

  /* Setting up the combo rows notifies before there is a location. */
  if (self->location == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->prefix_row), us);
  if (us)
    {
      const char *shown = prefix[0] ? prefix : cf_party_default_prefix (party (self));

      example = g_strdup_printf ("%s-0001, %s-0002.1", shown, shown);
    }
  else
    example = g_strdup_printf ("%s 제1호증, %s 제2호증의 1", cf_party_exhibit_mark (party (self)),
                               cf_party_exhibit_mark (party (self)));
  adw_action_row_set_subtitle (self->example_row, example);
  if (ok_prefix)
    gtk_widget_remove_css_class (GTK_WIDGET (self->prefix_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->prefix_row), "error");

  path = cf_new_case_dialog_dup_path (self);
  {
    g_autofree char *shown = cf_display_path (path);

    adw_action_row_set_subtitle (self->folder_row, shown);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-case.create", title[0] != '\0' && ok_prefix);
}

void
cf_new_case_dialog_set_location (CfNewCaseDialog *self,
                                 GFile           *folder)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CF_IS_NEW_CASE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (folder));

  g_set_object (&self->location, folder);
  path = g_file_get_path (folder);
  {
    g_autofree char *shown = cf_display_path (path);

    adw_action_row_set_subtitle (self->location_row, shown);
  }
  on_changed (self);
}

static void
on_location_response (GtkNativeDialog *chooser,
                      int              response,
                      CfNewCaseDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        cf_new_case_dialog_set_location (self, folder);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_choose_location (CfNewCaseDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Create the Case In"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), self->location, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_location_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CfNewCaseDialog *self = CF_NEW_CASE_DIALOG (widget);

  g_signal_emit (self, signals [CREATE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
cf_new_case_dialog_get_settings (CfNewCaseDialog *self,
                                 CfCaseSettings  *settings)
{
  g_return_if_fail (CF_IS_NEW_CASE_DIALOG (self));

  g_free (self->title);
  g_free (self->court);
  g_free (self->case_number);
  g_free (self->prefix);
  self->title = trimmed (self->title_row);
  self->court = trimmed (self->court_row);
  self->case_number = trimmed (self->number_row);
  self->prefix = numbering (self) == CF_NUMBERING_US ? trimmed (self->prefix_row) : g_strdup ("");
  settings->title = self->title;
  settings->court = self->court;
  settings->case_number = self->case_number;
  settings->party = party (self);
  settings->numbering = numbering (self);
  settings->prefix = self->prefix;
}

static void
cf_new_case_dialog_dispose (GObject *object)
{
  CfNewCaseDialog *self = CF_NEW_CASE_DIALOG (object);

  g_clear_object (&self->location);
  G_OBJECT_CLASS (cf_new_case_dialog_parent_class)->dispose (object);
}

static void
cf_new_case_dialog_finalize (GObject *object)
{
  CfNewCaseDialog *self = CF_NEW_CASE_DIALOG (object);

  g_free (self->title);
  g_free (self->court);
  g_free (self->case_number);
  g_free (self->prefix);
  G_OBJECT_CLASS (cf_new_case_dialog_parent_class)->finalize (object);
}

static void
cf_new_case_dialog_class_init (CfNewCaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_new_case_dialog_dispose;
  object_class->finalize = cf_new_case_dialog_finalize;

  signals [CREATE] = g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-new-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CfNewCaseDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, CfNewCaseDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CfNewCaseDialog, court_row);
  gtk_widget_class_bind_template_child (widget_class, CfNewCaseDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, CfNewCaseDialog, party_row);
  gtk_widget_class_bind_template_child (widget_class, CfNewCaseDialog, numbering_row);
  gtk_widget_class_bind_template_child (widget_class, CfNewCaseDialog, prefix_row);
  gtk_widget_class_bind_template_child (widget_class, CfNewCaseDialog, example_row);
  gtk_widget_class_bind_template_child (widget_class, CfNewCaseDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, CfNewCaseDialog, folder_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_location);

  gtk_widget_class_install_action (widget_class, "new-case.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cf_new_case_dialog_init (CfNewCaseDialog *self)
{
  g_autoptr(GtkStringList) parties = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) styles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->create_button));

  gtk_string_list_append (parties, cf_party_label (CF_PARTY_PLAINTIFF));
  gtk_string_list_append (parties, cf_party_label (CF_PARTY_DEFENDANT));
  gtk_string_list_append (parties, cf_party_label (CF_PARTY_INTERVENOR));
  adw_combo_row_set_model (self->party_row, G_LIST_MODEL (parties));
  gtk_string_list_append (styles, cf_numbering_label (CF_NUMBERING_KOREAN));
  gtk_string_list_append (styles, cf_numbering_label (CF_NUMBERING_US));
  adw_combo_row_set_model (self->numbering_row, G_LIST_MODEL (styles));
}

CfNewCaseDialog *
cf_new_case_dialog_new (GtkWindow *parent,
                        GFile     *folder)
{
  CfNewCaseDialog *self = g_object_new (CF_TYPE_NEW_CASE_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GFile) location = NULL;

  if (folder != NULL)
    location = g_object_ref (folder);
  else
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      location = g_file_new_for_path (documents ? documents : g_get_home_dir ());
    }
  cf_new_case_dialog_set_location (self, location);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}
