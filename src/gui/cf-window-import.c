/* cf-window-import.c — importing into the open case: the file choosers, a
 * drop, the progress bar with Cancel, the list filling as documents are
 * committed, then reading them (text, dates, attachments), and the summary
 * at the end.
 *
 * The importer works in its own thread with its own database connection
 * and hands items over in batches on the main loop; so does the reading,
 * whose helper processes run beside it. This file only keeps up with
 * them, so the window stays responsive however large the import. */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-window-private.h"

#include <glib/gi18n.h>

#include "cf-case-async.h"
#include "cf-gui-util.h"
#include "cf-import-report.h"

/* Views the importer cannot append to (sorted, filtered) re-read their
 * ids at most this often while an import runs. */
#define RELOAD_INTERVAL_MS 750

/* While documents are read, the rows on screen show what reading found at
 * most this often. */
#define READ_REFRESH_USEC (1500 * G_TIME_SPAN_MILLISECOND)

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
  if (self->importer == NULL && self->extractor == NULL)
    {
      self->import_reload_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* A document the import (or the reading: an attachment) committed. */
static void
take_item (CfWindow           *self,
           const CfImportItem *item)
{
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
on_import_item (const CfImportItem *item,
                gpointer            user_data)
{
  CfWindow *self = user_data;

  if (self->importer != NULL)
    take_item (self, item);
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
  g_application_release (g_application_get_default ());

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
  if (!cancelled && cf_importer_get_totals (importer)->n_imported > 0)
    {
      /* Then read what came in; the summary waits for the end of that. */
      g_free (self->import_summary);
      self->import_summary = g_steal_pointer (&summary);
      self->import_had_notes = g_list_model_get_n_items (G_LIST_MODEL (self->import_notes)) > 0;
      cf_window_read_documents (self);
      return;
    }
  toast = cf_toast_new (summary);
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

/* Reading --------------------------------------------------------------------- */

static void
on_read_item (const CfImportItem *item,
              gpointer            user_data)
{
  CfWindow *self = user_data;

  if (self->extractor != NULL)
    take_item (self, item);
}

static void
on_read_progress (const CfExtractionProgress *progress,
                  gpointer                    user_data)
{
  CfWindow *self = user_data;
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  g_autofree char *count = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->extractor == NULL)
    return;
  done = cf_format_count (progress->n_done);
  total = cf_format_count (progress->n_total);
  count = g_strdup_printf (_("Reading documents: %s of %s"), done, total);
  gtk_label_set_text (self->import_count_label, count);
  if (progress->n_failed > 0)
    {
      g_autofree char *failed = cf_format_count (progress->n_failed);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s could not be read",
                                                            "%s could not be read",
                                                            progress->n_failed), failed);

      gtk_label_set_text (self->import_bytes_label, text);
    }
  else
    gtk_label_set_text (self->import_bytes_label, "");
  gtk_label_set_text (self->import_current_label, progress->current ? progress->current : "");
  if (progress->n_total > 0)
    gtk_progress_bar_set_fraction (self->import_progress,
                                   MIN (1.0, (double) progress->n_done / progress->n_total));

  /* What reading found (titles, dates, authors) shows on the rows in view
   * as it comes; a view sorted by those, or of what could not be read,
   * places its rows again. */
  if (progress->n_done > 0 && now - self->read_last_refresh >= READ_REFRESH_USEC)
    {
      CfDocumentList *list = cf_document_table_get_list (self->table);
      CfDocumentSort sort = list ? cf_document_list_get_sort (list, NULL) : CF_DOCUMENT_SORT_IMPORTED;
      CfDocumentView view = cf_sidebar_get_view (self->sidebar, NULL);

      self->read_last_refresh = now;
      cf_document_table_refresh (self->table);
      if (sort != CF_DOCUMENT_SORT_IMPORTED || view == CF_DOCUMENT_VIEW_UNREADABLE)
        self->import_needs_reload = TRUE;
      cf_sidebar_queue_count (self->sidebar);
    }
}

static void
on_read_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CfWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CfExtractor) extractor = NULL;
  g_autofree char *import_summary = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const CfExtractionProgress *totals;
  gboolean cancelled;
  AdwToast *toast;

  cf_case_read_documents_finish (CF_CASE (object), result, &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_application_release (g_application_get_default ());
  /* The window closed meanwhile: nothing is left to show. */
  if (self->extractor == NULL)
    return;
  extractor = g_steal_pointer (&self->extractor);
  import_summary = g_steal_pointer (&self->import_summary);
  g_clear_object (&self->read_cancellable);

  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  if (self->import_needs_reload)
    {
      self->import_needs_reload = FALSE;
      g_clear_handle_id (&self->import_flush_source, g_source_remove);
      g_array_set_size (self->import_ids, 0);
      g_array_set_size (self->import_parents, 0);
      cf_document_table_reload (self->table);
    }
  else
    flush_imported (self);
  /* Any document may show what reading found. */
  cf_session_documents_changed (self->session, NULL);
  cf_window_update_actions (self);
  cf_window_update_status (self);

  totals = cf_extractor_get_totals (extractor);
  if (error != NULL && !cancelled)
    {
      g_autofree char *what = NULL;

      if (import_summary != NULL)
        what = g_strdup_printf (_("%s, but reading them stopped. They are safely stored; read "
                                  "them later with Import ▸ Read Unread Documents."),
                                import_summary);
      else
        what = g_strdup (_("Reading the documents stopped. They are safely stored; read them "
                           "later with Import ▸ Read Unread Documents."));
      cf_show_error (GTK_WIDGET (self), what, error);
      return;
    }

  if (import_summary != NULL)
    g_string_append (text, import_summary);
  else
    {
      g_autofree char *n = cf_format_count (totals->n_done);

      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Read %s document",
                                                 "Read %s documents", totals->n_done), n);
    }
  if (totals->n_failed > 0)
    {
      g_autofree char *n = cf_format_count (totals->n_failed);

      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s could not be read",
                                                 "%s could not be read", totals->n_failed), n);
    }
  if (cancelled)
    {
      guint64 left = totals->n_total > totals->n_done ? totals->n_total - totals->n_done : 0;
      g_autofree char *n = cf_format_count (left);

      g_string_append (text, "; ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "reading stopped with %s document unread",
                                                 "reading stopped with %s documents unread",
                                                 left), n);
    }

  toast = cf_toast_new (text->str);
  adw_toast_set_timeout (toast, 6);
  if (self->import_had_notes && import_summary != NULL)
    {
      /* What was not imported stays on screen until read. */
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-import-report");
    }
  else if (totals->n_failed > 0)
    {
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_action_name (toast, "win.show-unreadable");
    }
  self->import_had_notes = FALSE;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Reads the documents of the case that were not read yet: after an import,
 * and when a case opens with some (an import stopped, or made with
 * casefile-cli import --no-extract). */
void
cf_window_read_documents (CfWindow *self)
{
  CfCase *kase;

  g_return_if_fail (CF_IS_WINDOW (self));

  if (self->session == NULL || cf_session_get_read_only (self->session) ||
      self->importer != NULL || self->extractor != NULL)
    return;

  kase = cf_session_get_case (self->session);
  self->extractor = cf_extractor_new (kase);
  self->read_cancellable = g_cancellable_new ();
  self->read_last_refresh = g_get_monotonic_time ();
  self->import_needs_reload = FALSE;

  gtk_label_set_text (self->import_count_label, _("Reading documents…"));
  gtk_label_set_text (self->import_bytes_label, "");
  gtk_label_set_text (self->import_current_label, "");
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_button_set_label (self->import_cancel_button, _("_Stop Reading"));
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  if (self->import_reload_source == 0)
    self->import_reload_source = g_timeout_add (RELOAD_INTERVAL_MS, reload_timeout, self);

  /* Closing the last window lets the reading stop cleanly first. */
  g_application_hold (g_application_get_default ());
  cf_case_read_documents_async (kase, self->extractor, on_read_progress, on_read_item, self, NULL,
                                self->read_cancellable, on_read_done, g_object_ref (self));
  cf_window_update_actions (self);
}

gboolean
cf_window_get_busy_importing (CfWindow *self)
{
  g_return_val_if_fail (CF_IS_WINDOW (self), FALSE);
  return self->importer != NULL || self->extractor != NULL;
}

void
cf_window_import_paths (CfWindow           *self,
                        const char * const *paths)
{
  g_return_if_fail (CF_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  if (self->session == NULL || paths[0] == NULL)
    return;
  if (self->importer != NULL || self->extractor != NULL)
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
  gtk_button_set_label (self->import_cancel_button, _("_Cancel Import"));
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  if (self->import_reload_source == 0)
    self->import_reload_source = g_timeout_add (RELOAD_INTERVAL_MS, reload_timeout, self);

  /* Closing the last window lets the import stop cleanly first. */
  g_application_hold (g_application_get_default ());
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

  if (self->import_cancellable != NULL)
    {
      gtk_label_set_text (self->import_count_label, _("Stopping after the current file…"));
      g_cancellable_cancel (self->import_cancellable);
    }
  if (self->read_cancellable != NULL)
    {
      gtk_label_set_text (self->import_count_label, _("Stopping after the documents being read…"));
      g_cancellable_cancel (self->read_cancellable);
    }
}

static void
read_documents_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);

  if (cf_case_count_unread (cf_session_get_reader (self->session)) == 0)
    {
      cf_window_add_toast (self, _("Every document has been read"));
      return;
    }
  g_clear_pointer (&self->import_summary, g_free);
  cf_window_read_documents (self);
}

void
cf_window_class_init_import (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-files", NULL, import_files_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.import-paths", "as", import_paths_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.read-documents", NULL, read_documents_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.import-files", NULL);
  /* Not Ctrl+Shift+I: GTK opens its inspector with that. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
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
  if (self->read_cancellable != NULL)
    g_cancellable_cancel (self->read_cancellable);
  g_clear_handle_id (&self->import_flush_source, g_source_remove);
  g_clear_handle_id (&self->import_reload_source, g_source_remove);
  /* A running import keeps this window alive (as its callback's data) and
   * finishes in the background; the callbacks see importer == NULL and
   * stop there. */
  g_clear_object (&self->importer);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->extractor);
  g_clear_object (&self->read_cancellable);
  g_clear_pointer (&self->import_summary, g_free);
  g_clear_pointer (&self->import_ids, g_array_unref);
  g_clear_pointer (&self->import_parents, g_array_unref);
  g_clear_object (&self->import_notes);
}
