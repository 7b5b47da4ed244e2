/* cf-check-dialog.c — running the case checker (see cf-check-dialog.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-check-dialog.h"

#include <glib/gi18n.h>

#include "cf-case-async.h"
#include "cf-gui-util.h"

struct _CfCheckDialog
{
  AdwWindow parent_instance;

  GtkStack *stack;
  GtkProgressBar *progress_bar;
  AdwStatusPage *result_page;
  AdwPreferencesGroup *problems_group;
  AdwPreferencesGroup *notes_group;

  GCancellable *cancellable;
  int n_problems;
};

G_DEFINE_FINAL_TYPE (CfCheckDialog, cf_check_dialog, ADW_TYPE_WINDOW)

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  CfCheckDialog *self = user_data;
  g_autofree char *a = cf_format_count (done);
  g_autofree char *b = cf_format_count (total);
  g_autofree char *text = g_strdup_printf (_("%s of %s originals"), a, b);

  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) done / total : 0);
}

static void
add_lines (AdwPreferencesGroup *group,
           GPtrArray           *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (lines, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (group), lines->len > 0);
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CfCheckDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CfFsckReport) report = cf_case_fsck_finish (CF_CASE (object), result, &error);
  g_autofree char *documents = NULL;
  g_autofree char *description = NULL;

  g_clear_object (&self->cancellable);
  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cf_show_error (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))),
                       _("The case could not be checked"), error);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  self->n_problems = report->problems->len;
  documents = cf_format_count (report->n_documents);
  if (report->problems->len == 0)
    {
      adw_status_page_set_icon_name (self->result_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->result_page, _("The Case Is Sound"));
      description = g_strdup_printf (_("%s documents; every original matches its SHA-256 and the "
                                       "custody log’s chain is unbroken."), documents);
    }
  else
    {
      adw_status_page_set_icon_name (self->result_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->result_page, _("The Case Has Problems"));
      description = g_strdup (_("Keep a copy of the case folder as it is, and do not export from "
                                "it until the problems below are understood."));
    }
  adw_status_page_set_description (self->result_page, description);
  add_lines (self->problems_group, report->problems);
  add_lines (self->notes_group, report->notes);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_cancellable_cancel (CF_CHECK_DIALOG (widget)->cancellable);
}

static void
cf_check_dialog_dispose (GObject *object)
{
  CfCheckDialog *self = CF_CHECK_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (cf_check_dialog_parent_class)->dispose (object);
}

static void
cf_check_dialog_class_init (CfCheckDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_check_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-check-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CfCheckDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CfCheckDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CfCheckDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, CfCheckDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, CfCheckDialog, notes_group);

  gtk_widget_class_install_action (widget_class, "check.stop", NULL, stop_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cf_check_dialog_init (CfCheckDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->n_problems = -1;
}

CfCheckDialog *
cf_check_dialog_new (GtkWindow *parent,
                     CfSession *session)
{
  CfCheckDialog *self = g_object_new (CF_TYPE_CHECK_DIALOG, "transient-for", parent, NULL);

  self->cancellable = g_cancellable_new ();
  cf_case_fsck_async (cf_session_get_case (session), on_progress, g_object_ref (self), g_object_unref,
                      self->cancellable, on_checked, g_object_ref (self));
  return self;
}

int
cf_check_dialog_get_problems (CfCheckDialog *self)
{
  g_return_val_if_fail (CF_IS_CHECK_DIALOG (self), -1);
  return self->n_problems;
}
