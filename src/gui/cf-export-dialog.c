/* cf-export-dialog.c — the evidence bundle export (see cf-export-dialog.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-export-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cf-bundle.h"
#include "cf-case-async.h"
#include "cf-error.h"
#include "cf-gui-util.h"
#include "cf-numbering.h"

#define MIN_PASSPHRASE 8

struct _CfExportDialog
{
  AdwWindow parent_instance;

  GtkButton *cancel_button;
  GtkButton *export_button;
  GtkStack *stack;
  GtkListBox *claims_list;
  AdwComboRow *format_row;
  AdwExpanderRow *encrypt_row;
  AdwPasswordEntryRow *passphrase_row;
  AdwPasswordEntryRow *confirm_row;
  AdwActionRow *destination_row;
  GtkProgressBar *progress_bar;
  GtkLabel *phase_label;
  GtkLabel *current_label;
  AdwStatusPage *done_page;
  AdwActionRow *sha_row;
  AdwActionRow *path_row;
  AdwPreferencesGroup *numbers_group;
  AdwActionRow *numbers_row;

  CfSession *session;
  GSettings *settings;
  GtkCheckButton *all_check;
  GPtrArray *claim_checks;      /* GtkCheckButton, with "cf-claim-id" */
  GFile *destination;
  gboolean overwrite;           /* the user agreed to replace it */
  GCancellable *cancellable;
  GCancellable *check_cancellable;
  CfExportResult *result;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (CfExportDialog, cf_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_busy (CfExportDialog *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static CfBundleFormat
format (CfExportDialog *self)
{
  return adw_combo_row_get_selected (self->format_row) == 1 ? CF_BUNDLE_TAR : CF_BUNDLE_ZIP;
}

static const char *
extension (CfBundleFormat f)
{
  return f == CF_BUNDLE_TAR ? ".tar" : ".zip";
}

/* The destination follows the format's extension unless the user named
 * the file. */
static void
update_destination (CfExportDialog *self)
{
  g_autofree char *path = NULL;

  if (self->destination == NULL)
    return;
  path = g_file_get_path (self->destination);
  if (!self->overwrite && (g_str_has_suffix (path, ".zip") || g_str_has_suffix (path, ".tar")) &&
      !g_str_has_suffix (path, extension (format (self))))
    {
      g_autofree char *stem = g_strndup (path, strlen (path) - 4);
      g_autofree char *swapped = g_strconcat (stem, extension (format (self)), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (swapped);

      g_set_object (&self->destination, file);
      g_free (path);
      path = g_steal_pointer (&swapped);
    }
  {
    g_autofree char *shown = cf_display_path (path);

    adw_action_row_set_subtitle (self->destination_row, shown);
  }
}

static gboolean
passphrase_ok (CfExportDialog *self,
               const char    **problem)
{
  const char *a = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *b = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));

  *problem = NULL;
  if (!adw_expander_row_get_enable_expansion (self->encrypt_row))
    return TRUE;
  if (g_utf8_strlen (a, -1) < MIN_PASSPHRASE)
    *problem = _("The passphrase needs at least 8 characters.");
  else if (strcmp (a, b) != 0)
    *problem = _("The two passphrases differ.");
  return *problem == NULL;
}

static gboolean
any_claim (CfExportDialog *self)
{
  if (gtk_check_button_get_active (self->all_check))
    return TRUE;
  for (guint i = 0; i < self->claim_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->claim_checks, i)))
      return TRUE;
  return FALSE;
}

static void
on_changed (CfExportDialog *self)
{
  const char *problem;
  gboolean can_encrypt = format (self) == CF_BUNDLE_ZIP && cf_bundle_can_encrypt ();
  gboolean ok;

  /* Template signals may fire before the claims are listed. */
  if (self->all_check == NULL)
    return;
  if (!can_encrypt)
    adw_expander_row_set_enable_expansion (self->encrypt_row, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->encrypt_row), can_encrypt);
  if (!cf_bundle_can_encrypt ())
    adw_expander_row_set_subtitle (self->encrypt_row,
                                   _("This system cannot write AES-256 ZIP files."));
  /* With every claim chosen, the single claims are moot. */
  for (guint i = 0; i < self->claim_checks->len; i++)
    gtk_widget_set_sensitive (gtk_widget_get_ancestor (g_ptr_array_index (self->claim_checks, i),
                                                       ADW_TYPE_ACTION_ROW),
                              !gtk_check_button_get_active (self->all_check));
  update_destination (self);

  ok = passphrase_ok (self, &problem) && self->destination != NULL && any_claim (self);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->confirm_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->confirm_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button), problem);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.start", ok && !self->busy);
}

void
cf_export_dialog_set_destination (CfExportDialog *self,
                                  GFile          *file)
{
  g_return_if_fail (CF_IS_EXPORT_DIALOG (self));

  g_set_object (&self->destination, file);
  self->overwrite = TRUE;
  on_changed (self);
}

static void
on_destination_response (GtkNativeDialog *chooser,
                         int              response,
                         CfExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GFile) parent = file ? g_file_get_parent (file) : NULL;
      g_autofree char *folder = parent ? g_file_get_path (parent) : NULL;

      if (file != NULL)
        {
          /* The chooser asked before replacing an existing file. */
          cf_export_dialog_set_destination (self, file);
          if (folder != NULL)
            g_settings_set_string (self->settings, "last-export-folder", folder);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_choose_destination (CfExportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = self->destination ? g_file_get_basename (self->destination) : NULL;
  g_autoptr(GFile) folder = self->destination ? g_file_get_parent (self->destination) : NULL;

  chooser = gtk_file_chooser_native_new (_("Save the Bundle As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_destination_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Export ------------------------------------------------------------------------ */

static void
on_progress (const CfExportProgress *progress,
             gpointer                user_data)
{
  CfExportDialog *self = user_data;
  gboolean verifying = g_strcmp0 (progress->phase, "verifying") == 0;

  gtk_label_set_text (self->phase_label,
                      verifying ? _("Reading the bundle back to check every file…")
                                : _("Copying the exhibits and writing the index…"));
  gtk_label_set_text (self->current_label, progress->current ? progress->current : "");
  if (verifying)
    gtk_progress_bar_pulse (self->progress_bar);
  else if (progress->bytes_total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   MIN (1.0, (double) progress->bytes_done / progress->bytes_total));
}

static void
on_export_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CfExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  CfExportResult *export_result = cf_case_export_bundle_finish (CF_CASE (object), result, &error);
  g_autofree char *description = NULL;
  g_autofree char *exhibits = NULL;

  set_busy (self, FALSE);
  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);

  if (export_result == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "options");
      gtk_widget_set_visible (GTK_WIDGET (self->export_button), TRUE);
      gtk_button_set_label (self->cancel_button, _("_Cancel"));
      on_changed (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          cf_show_toast (GTK_WIDGET (self), _("Export cancelled; nothing was written"));
          return;
        }
      if (g_error_matches (error, CF_ERROR, CF_ERROR_NOT_NUMBERED))
        {
          g_autofree char *what = g_strdup (_("Some tagged documents have no exhibit number yet. "
                                              "Assign numbers first (the Number button), then "
                                              "export."));

          cf_show_error (GTK_WIDGET (self), what, error);
          return;
        }
      cf_show_error (GTK_WIDGET (self), _("The bundle was not written"), error);
      return;
    }

  self->result = export_result;
  /* Exported numbers are locked now. */
  cf_session_documents_changed (self->session, NULL);

  exhibits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u exhibit", "%u exhibits",
                                           export_result->n_exhibits), export_result->n_exhibits);
  description = g_strdup_printf (_("%s, %u withheld as privileged, %u withdrawn numbers, %u files "
                                   "listed in SHA256SUMS%s. The exhibit numbers in it are now "
                                   "locked."),
                                 exhibits, export_result->n_privileged, export_result->n_withdrawn,
                                 export_result->n_files,
                                 export_result->encrypted ? _(", AES-256 encrypted") : "");
  adw_status_page_set_description (self->done_page, description);
  adw_action_row_set_subtitle (self->sha_row, export_result->sha256);
  {
    g_autofree char *shown = cf_display_path (export_result->path);

    adw_action_row_set_subtitle (self->path_row, shown);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "done");
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CfExportDialog *self = CF_EXPORT_DIALOG (widget);
  g_autoptr(GArray) claims = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = NULL;
  g_autofree char *passphrase = NULL;
  CfExportOptions options = { 0 };

  if (self->destination == NULL || self->busy)
    return;
  if (!gtk_check_button_get_active (self->all_check))
    for (guint i = 0; i < self->claim_checks->len; i++)
      {
        GtkCheckButton *check = g_ptr_array_index (self->claim_checks, i);
        gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "cf-claim-id"));

        if (gtk_check_button_get_active (check))
          g_array_append_val (claims, id);
      }

  path = g_file_get_path (self->destination);
  options.format = format (self);
  options.claim_ids = claims->len ? (const gint64 *) (gpointer) claims->data : NULL;
  options.n_claim_ids = claims->len;
  options.overwrite = self->overwrite;
  if (adw_expander_row_get_enable_expansion (self->encrypt_row))
    {
      passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
      options.passphrase = passphrase;
    }

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  gtk_widget_action_set_enabled (widget, "export.start", FALSE);
  gtk_button_set_label (self->cancel_button, _("_Stop"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->phase_label, _("Planning the bundle…"));
  gtk_label_set_text (self->current_label, "");
  gtk_stack_set_visible_child_name (self->stack, "progress");
  cf_case_export_bundle_async (cf_session_get_case (self->session), path, &options,
                               on_progress, g_object_ref (self), g_object_unref,
                               self->cancellable, on_export_done, g_object_ref (self));
  if (passphrase != NULL)
    memset (passphrase, 0, strlen (passphrase));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CfExportDialog *self = CF_EXPORT_DIALOG (widget);

  if (self->busy)
    {
      gtk_label_set_text (self->phase_label, _("Stopping and removing the unfinished bundle…"));
      g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Tagged documents without a number cannot go into a bundle: say so
 * before the user presses Export, and offer the numbering. */
static void
on_numbering_checked (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CfExportDialog) self = user_data;
  g_autoptr(GPtrArray) changes = cf_case_number_exhibits_finish (CF_CASE (object), result, NULL);
  g_autofree char *title = NULL;
  guint n = 0;

  if (changes == NULL || self->stack == NULL)
    return;
  for (guint i = 0; i < changes->len; i++)
    {
      CfNumberingChange *change = g_ptr_array_index (changes, i);

      if (change->before == NULL && change->after != NULL)
        n++;
    }
  if (n == 0)
    return;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u tagged document has no exhibit number yet",
                                        "%u tagged documents have no exhibit number yet", n), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->numbers_row), title);
  gtk_widget_set_visible (GTK_WIDGET (self->numbers_group), TRUE);
}

static void
number_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  /* One dialog at a time: this one gives way to the numbering. */
  gtk_window_destroy (GTK_WINDOW (widget));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.number-then-export", NULL);
}

static void
copy_sha256_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CfExportDialog *self = CF_EXPORT_DIALOG (widget);

  if (self->result == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->result->sha256);
  cf_show_toast (widget, _("SHA-256 copied"));
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CfExportDialog *self = CF_EXPORT_DIALOG (widget);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;

  if (self->result == NULL)
    return;
  file = g_file_new_for_path (self->result->path);
  folder = g_file_get_parent (file);
  uri = g_file_get_uri (folder);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* GObject -------------------------------------------------------------------------- */

static gboolean
cf_export_dialog_close_request (GtkWindow *window)
{
  CfExportDialog *self = CF_EXPORT_DIALOG (window);

  /* Closing while writing stops the export first (it cleans up after
   * itself); the window goes when it has. */
  if (self->busy)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "export.cancel", NULL);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (cf_export_dialog_parent_class)->close_request (window);
}

static void
cf_export_dialog_dispose (GObject *object)
{
  CfExportDialog *self = CF_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->destination);
  g_clear_pointer (&self->claim_checks, g_ptr_array_unref);
  g_clear_pointer (&self->result, cf_export_result_free);
  G_OBJECT_CLASS (cf_export_dialog_parent_class)->dispose (object);
}

static void
cf_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CfExportDialog *self = CF_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cf_export_dialog_class_init (CfExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_export_dialog_dispose;
  object_class->get_property = cf_export_dialog_get_property;
  GTK_WINDOW_CLASS (klass)->close_request = cf_export_dialog_close_request;

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, claims_list);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, encrypt_row);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, phase_label);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, sha_row);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, path_row);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, numbers_group);
  gtk_widget_class_bind_template_child (widget_class, CfExportDialog, numbers_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_destination);

  gtk_widget_class_install_action (widget_class, "export.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "export.copy-sha256", NULL, copy_sha256_action);
  gtk_widget_class_install_action (widget_class, "export.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "export.number", NULL, number_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
cf_export_dialog_init (CfExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->export_button));
  self->claim_checks = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);
}

static GtkWidget *
check_row (const char     *title,
           const char     *subtitle,
           guint           depth,
           GtkCheckButton *check)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (GTK_WIDGET (check), GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (GTK_WIDGET (check), depth * 18);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (check));
  return row;
}

CfExportDialog *
cf_export_dialog_new (GtkWindow *parent,
                      CfSession *session,
                      GPtrArray *claims)
{
  CfExportDialog *self = g_object_new (CF_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  CfCase *reader = cf_session_get_reader (session);
  g_autofree char *folder = g_settings_get_string (self->settings, "last-export-folder");
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *row;

  self->session = g_object_ref (session);

  self->all_check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_check_button_set_active (self->all_check, TRUE);
  g_signal_connect_swapped (self->all_check, "toggled", G_CALLBACK (on_changed), self);
  row = check_row (_("All Claims"), _("The whole case"), 0, self->all_check);
  gtk_list_box_append (self->claims_list, row);
  for (guint i = 0; claims != NULL && i < claims->len; i++)
    {
      CfClaim *claim = g_ptr_array_index (claims, i);
      GtkCheckButton *check = GTK_CHECK_BUTTON (gtk_check_button_new ());

      g_object_set_data (G_OBJECT (check), "cf-claim-id",
                         GSIZE_TO_POINTER ((gsize) cf_claim_get_id (claim)));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_changed), self);
      g_ptr_array_add (self->claim_checks, check);
      gtk_list_box_append (self->claims_list,
                           check_row (cf_claim_get_title (claim), NULL, cf_claim_get_depth (claim),
                                      check));
    }

  if (folder == NULL || folder[0] == '\0' || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      g_free (folder);
      folder = g_strdup (documents ? documents : g_get_home_dir ());
    }
  date = g_date_time_format (now, "%Y-%m-%d");
  /* TRANSLATORS: the default name of a bundle: case title, date */
  name = g_strdup_printf (_("%s evidence %s"), cf_case_get_title (reader), date);
  g_strdelimit (name, "/\\:*?\"<>|", '_');
  path = g_build_filename (folder, name, NULL);
  {
    g_autofree char *candidate = g_strconcat (path, ".zip", NULL);

    for (guint i = 2; g_file_test (candidate, G_FILE_TEST_EXISTS) && i < 1000; i++)
      {
        g_free (candidate);
        candidate = g_strdup_printf ("%s (%u).zip", path, i);
      }
    self->destination = g_file_new_for_path (candidate);
  }
  on_changed (self);
  self->check_cancellable = g_cancellable_new ();
  cf_case_number_exhibits_async (cf_session_get_case (session), TRUE, self->check_cancellable,
                                 on_numbering_checked, g_object_ref (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->export_button));
  return self;
}

const char *
cf_export_dialog_get_sha256 (CfExportDialog *self)
{
  g_return_val_if_fail (CF_IS_EXPORT_DIALOG (self), NULL);
  return self->result ? self->result->sha256 : NULL;
}
