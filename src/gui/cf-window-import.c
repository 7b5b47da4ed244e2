/* cf-window-import.c — importing into the open case: the file choosers, a
 * drop, the progress bar with Cancel, the list filling as documents are
 * committed, and the summary at the end.
 *
 * The importer works in its own thread with its own database connection
 * and hands items over in batches on the main loop; this file only keeps
 * up with it, so the window stays responsive however large the import. */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-window-private.h"

#include <glib/gi18n.h>

#include "cf-gui-util.h"
#include "cf-import-report.h"

/* Views the importer cannot append to (sorted, filtered) re-read their
 * ids at most this often while an import runs. */
#define RELOAD_INTERVAL_MS 750

/* GTK 4.8's list creates and measures a widget for each of the first 200
 * or so rows at once; a short list therefore takes new rows a few at a
 * time, one batch per main loop turn, so that no turn takes long. Past
 * that, rows are added below what is shown and cost nothing. */
#define SHORT_LIST_ROWS 256
#define ROWS_PER_TURN   8

static gboolean flush_idle (gpointer data);

static void
flush_imported (CfWindow *self)
{
  guint take;

  g_clear_handle_id (&self->import_flush_source, g_source_remove);
  if (self->import_ids->len == 0)
    return;
  take = self->import_ids->len;
  if (cf_document_table_get_n_rows (self->table) < SHORT_LIST_ROWS)
    take = MIN (take, ROWS_PER_TURN);
  if (!cf_document_table_add_imported (self->table, (const gint64 *) (gpointer) self->import_ids->data,
                                       (const gint64 *) (gpointer) self->import_parents->data, take))
    self->import_needs_reload = TRUE;
  g_array_remove_range (self->import_ids, 0, take);
  g_array_remove_range (self->import_parents, 0, take);
  cf_sidebar_queue_count (self->sidebar);
  if (self->import_ids->len > 0)
    self->import_flush_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, flush_idle, self, NULL);
}

static gboolean
flush_idle (gpointer data)
{
  CfWindow *self = data;

  self->import_flush_source = 0;
  flush_imported (self);
  return G_SOURCE_REMOVE;
}

static gboolean
reload_timeout (gpointer data)
{
  CfWindow *self = data;

  if (self->import_needs_reload)
    {
      self->import_needs_reload = FALSE;
      cf_document_table_reload (self->table);
    }
  if (self->importer == NULL)
    {
      self->import_reload_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_import_item (const CfImportItem *item,
                gpointer            user_data)
{
  CfWindow *self = user_data;

  if (self->importer == NULL)
    return;
  if (item->document_id > 0 && item->outcome != CF_IMPORT_SKIPPED)
    {
      g_array_append_val (self->import_ids, item->document_id);
      g_array_append_val (self->import_parents, item->parent_id);
    }
  if (item->outcome != CF_IMPORT_IMPORTED)
    {
      g_autoptr(CfImportNote) note = cf_import_note_new (item);

      g_list_store_append (self->import_notes, note);
    }
  /* Items come in batches; the list takes each batch in one go. */
  if (self->import_flush_source == 0)
    self->import_flush_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, flush_idle, self, NULL);
}

static void
on_import_progress (const CfImportProgress *progress,
                    gpointer                user_data)
{
  CfWindow *self = user_data;
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  g_autofree char *count = NULL;
  g_autofree char *bytes_done = NULL;
  g_autofree char *bytes_total = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *bytes = NULL;
  double seconds;

  if (self->importer == NULL)
    return;
  done = cf_format_count (progress->n_items);
  total = cf_format_count (progress->n_items_total);
  count = g_strdup_printf (_("%s of %s items"), done, total);
  bytes_done = g_format_size (progress->bytes_done);
  bytes_total = g_format_size (progress->bytes_total);
  seconds = (g_get_monotonic_time () - self->import_started) / (double) G_USEC_PER_SEC;
  rate = g_format_size (seconds > 0.5 ? (guint64) (progress->bytes_done / seconds) : 0);
  bytes = g_strdup_printf (_("%s of %s · %s/s"), bytes_done, bytes_total, rate);

  gtk_label_set_text (self->import_count_label, count);
  gtk_label_set_text (self->import_bytes_label, bytes);
  gtk_label_set_text (self->import_current_label, progress->current ? progress->current : "");
  if (progress->bytes_total > 0)
    gtk_progress_bar_set_fraction (self->import_progress,
                                   MIN (1.0, (double) progress->bytes_done / progress->bytes_total));
  else if (progress->n_items_total > 0)
    gtk_progress_bar_set_fraction (self->import_progress,
                                   (double) progress->n_items / progress->n_items_total);
  else
    gtk_progress_bar_pulse (self->import_progress);
}

static char *
summary_text (const CfImportProgress *totals,
              gboolean                cancelled)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *imported = cf_format_count (totals->n_imported);

  if (cancelled)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "Import cancelled after %s document",
                                               "Import cancelled after %s documents",
                                               totals->n_imported), imported);
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Imported %s document",
                                               "Imported %s documents", totals->n_imported),
                            imported);
  if (totals->n_duplicates > 0)
    {
      g_autofree char *n = cf_format_count (totals->n_duplicates);

      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s duplicate", "%s duplicates",
                                                 totals->n_duplicates), n);
    }
  if (totals->n_skipped > 0)
    {
      g_autofree char *n = cf_format_count (totals->n_skipped);

      g_string_append (text, ", ");
      g_string_append_printf (text, _("%s skipped"), n);
    }
  if (totals->n_failed > 0)
    {
      g_autofree char *n = cf_format_count (totals->n_failed);

      g_string_append (text, ", ");
      g_string_append_printf (text, _("%s failed"), n);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_import_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CfWindow) self = user_data;
  g_autoptr(CfImporter) importer = CF_IMPORTER (g_object_ref (object));
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean cancelled;
  AdwToast *toast;

  cf_importer_run_finish (importer, result, &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The window may have closed meanwhile: then nothing is left to show. */
  if (self->importer != importer)
    return;
  g_clear_object (&self->importer);
  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  if (self->import_needs_reload)
    {
      /* Reading the view again places what is still pending too. */
      self->import_needs_reload = FALSE;
      g_clear_handle_id (&self->import_flush_source, g_source_remove);
      g_array_set_size (self->import_ids, 0);
      g_array_set_size (self->import_parents, 0);
      cf_document_table_reload (self->table);
    }
  else
    flush_imported (self);
  cf_sidebar_reload (self->sidebar);
  cf_window_update_actions (self);
  cf_window_update_status (self);

  summary = summary_text (cf_importer_get_totals (importer), cancelled);
  if (error != NULL && !cancelled)
    {
      g_autofree char *what = g_strdup_printf (_("The import stopped. %s; what was imported "
                                                 "before stays in the case."), summary);

      cf_show_error (GTK_WIDGET (self), what, error);
      return;
    }
  toast = adw_toast_new (summary);
  adw_toast_set_timeout (toast, 6);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->import_notes)) > 0)
    {
      /* What was not imported stays on screen until read. */
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-import-report");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
cf_window_import_paths (CfWindow           *self,
                        const char * const *paths)
{
  g_return_if_fail (CF_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  if (self->session == NULL || paths[0] == NULL)
    return;
  if (self->importer != NULL)
    {
      cf_window_add_toast (self, _("An import is already running; wait for it or cancel it"));
      return;
    }
  if (cf_session_get_read_only (self->session))
    {
      cf_window_add_toast (self, _("The case is open read-only; nothing can be imported"));
      return;
    }

  self->importer = cf_importer_new (cf_session_get_case (self->session));
  cf_importer_set_item_func (self->importer, on_import_item, self);
  cf_importer_set_progress_func (self->importer, on_import_progress, self);
  self->import_cancellable = g_cancellable_new ();
  self->import_started = g_get_monotonic_time ();
  self->import_needs_reload = FALSE;
  g_list_store_remove_all (self->import_notes);

  gtk_label_set_text (self->import_count_label, _("Looking through what you chose…"));
  gtk_label_set_text (self->import_bytes_label, "");
  gtk_label_set_text (self->import_current_label, paths[0]);
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  if (self->import_reload_source == 0)
    self->import_reload_source = g_timeout_add (RELOAD_INTERVAL_MS, reload_timeout, self);

  cf_importer_run_async (self->importer, paths, self->import_cancellable, on_import_done,
                         g_object_ref (self));
  cf_window_update_actions (self);
}

/* Actions --------------------------------------------------------------------------- */

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     CfWindow        *self)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *key = g_object_get_data (G_OBJECT (chooser), "cf-settings-key");

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (i == 0)
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);

          cf_window_remember_folder (self, key, parent);
        }
      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (paths->len == 0)
    return;
  g_ptr_array_add (paths, NULL);
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.import-paths",
                                      g_variant_new_strv ((const char * const *) paths->pdata, -1));
}

static void
choose_and_import (CfWindow             *self,
                   GtkFileChooserAction  action,
                   const char           *title)
{
  g_autoptr(GFile) folder = cf_window_dup_folder (self, "last-import-folder");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_object_set_data (G_OBJECT (chooser), "cf-settings-key", (gpointer) "last-import-folder");
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_files_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_and_import (CF_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Import Files"));
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_and_import (CF_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("Import Folders"));
}

static void
import_paths_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autofree const char **paths = g_variant_get_strv (parameter, NULL);

  cf_window_import_paths (CF_WINDOW (widget), paths);
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);

  if (self->import_cancellable == NULL)
    return;
  gtk_label_set_text (self->import_count_label, _("Stopping after the current file…"));
  g_cancellable_cancel (self->import_cancellable);
}

void
cf_window_class_init_import (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-files", NULL, import_files_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.import-paths", "as", import_paths_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.import-files", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.import-folder", NULL);
}

void
cf_window_init_import (CfWindow *self)
{
  self->import_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->import_parents = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->import_notes = g_list_store_new (CF_TYPE_IMPORT_NOTE);
}

void
cf_window_dispose_import (CfWindow *self)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_handle_id (&self->import_flush_source, g_source_remove);
  g_clear_handle_id (&self->import_reload_source, g_source_remove);
  /* A running import keeps this window alive (as its callback's data) and
   * finishes in the background; the callbacks see importer == NULL and
   * stop there. */
  g_clear_object (&self->importer);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->import_ids, g_array_unref);
  g_clear_pointer (&self->import_parents, g_array_unref);
  g_clear_object (&self->import_notes);
}
