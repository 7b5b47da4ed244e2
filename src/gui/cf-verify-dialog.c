/* cf-verify-dialog.c — verifying a bundle (see cf-verify-dialog.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-verify-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cf-case-async.h"
#include "cf-gui-util.h"

struct _CfVerifyDialog
{
  AdwWindow parent_instance;

  GtkStack *stack;
  AdwPasswordEntryRow *passphrase_row;
  AdwStatusPage *result_page;
  AdwPreferencesGroup *problems_group;
  AdwActionRow *sha_row;

  GCancellable *cancellable;
  GPtrArray *problem_rows;
  gboolean intact;
};

G_DEFINE_FINAL_TYPE (CfVerifyDialog, cf_verify_dialog, ADW_TYPE_WINDOW)

static void
add_problems (CfVerifyDialog *self,
              GPtrArray      *paths,
              const char     *what)
{
  for (guint i = 0; i < paths->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (paths, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), what);
      adw_preferences_group_add (self->problems_group, row);
      g_ptr_array_add (self->problem_rows, row);
    }
}

static void
clear_problems (CfVerifyDialog *self)
{
  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_preferences_group_remove (self->problems_group, g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);
}

static void
on_verified (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CfVerifyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CfVerifyReport) report = cf_bundle_verify_finish (result, &error);
  g_autofree char *description = NULL;

  g_clear_object (&self->cancellable);
  if (report == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "choose");
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cf_show_error (GTK_WIDGET (self), _("The bundle could not be checked"), error);
      return;
    }

  clear_problems (self);
  self->intact = cf_verify_report_is_intact (report);
  if (self->intact)
    {
      adw_status_page_set_icon_name (self->result_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->result_page, _("The Bundle Is Intact"));
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u file matches its SHA-256 in SHA256SUMS and "
                                                  "the manifest.",
                                                  "All %u files match their SHA-256 in SHA256SUMS "
                                                  "and the manifest.", report->n_checked),
                                     report->n_checked);
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_page), "cf-verify-failed");
    }
  else
    {
      adw_status_page_set_icon_name (self->result_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->result_page, _("The Bundle Is Not Intact"));
      description = g_strdup_printf (_("%u altered, %u missing, %u added; %u files matched. Do not "
                                       "rely on this copy: get the bundle again from its source."),
                                     report->altered->len, report->missing->len,
                                     report->extra->len, report->n_checked);
      gtk_widget_add_css_class (GTK_WIDGET (self->result_page), "cf-verify-failed");
      add_problems (self, report->altered, _("Altered: its bytes differ from its recorded SHA-256"));
      add_problems (self, report->missing, _("Missing: listed but not in the bundle"));
      add_problems (self, report->extra, _("Added: in the bundle but not listed"));
    }
  adw_status_page_set_description (self->result_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), !self->intact);
  adw_action_row_set_subtitle (self->sha_row, report->sha256 ? report->sha256 : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sha_row), report->sha256 != NULL);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

void
cf_verify_dialog_verify (CfVerifyDialog *self,
                         GFile          *bundle)
{
  g_autofree char *path = NULL;
  const char *passphrase;

  g_return_if_fail (CF_IS_VERIFY_DIALOG (self));

  path = g_file_get_path (bundle);
  if (path == NULL)
    return;
  passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "working");
  cf_bundle_verify_async (path, passphrase[0] ? passphrase : NULL, self->cancellable,
                          on_verified, g_object_ref (self));
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     CfVerifyDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file != NULL)
    cf_verify_dialog_verify (self, file);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gboolean folder = g_str_has_suffix (action_name, "folder");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Verify Bundle"), GTK_WINDOW (widget),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Verify"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (!folder)
    {
      g_autoptr(GtkFileFilter) bundles = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (bundles, _("Bundles (ZIP, TAR)"));
      gtk_file_filter_add_suffix (bundles, "zip");
      gtk_file_filter_add_suffix (bundles, "tar");
      gtk_file_filter_add_suffix (bundles, "gz");
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), bundles);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_cancellable_cancel (CF_VERIFY_DIALOG (widget)->cancellable);
}

static void
again_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_stack_set_visible_child_name (CF_VERIFY_DIALOG (widget)->stack, "choose");
}

static void
cf_verify_dialog_dispose (GObject *object)
{
  CfVerifyDialog *self = CF_VERIFY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (cf_verify_dialog_parent_class)->dispose (object);
}

static void
cf_verify_dialog_class_init (CfVerifyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_verify_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-verify-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CfVerifyDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CfVerifyDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, CfVerifyDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, CfVerifyDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, CfVerifyDialog, sha_row);

  gtk_widget_class_install_action (widget_class, "verify.choose-file", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "verify.choose-folder", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "verify.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "verify.again", NULL, again_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cf_verify_dialog_init (CfVerifyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->problem_rows = g_ptr_array_new ();
}

CfVerifyDialog *
cf_verify_dialog_new (GtkWindow *parent)
{
  return g_object_new (CF_TYPE_VERIFY_DIALOG, "transient-for", parent, NULL);
}

gboolean
cf_verify_dialog_get_intact (CfVerifyDialog *self)
{
  g_return_val_if_fail (CF_IS_VERIFY_DIALOG (self), FALSE);
  return self->intact;
}

const char *
cf_verify_dialog_get_result_title (CfVerifyDialog *self)
{
  g_return_val_if_fail (CF_IS_VERIFY_DIALOG (self), NULL);
  return adw_status_page_get_title (self->result_page);
}
