/* cf-window-search.c — searching the case from the window: the search bar
 * (Ctrl+F) with live results, the filter popover (Ctrl+Shift+F), the
 * message for a query that cannot be understood, saving and removing
 * searches, and the words the preview marks.
 *
 * The entry waits until typing pauses (GtkSearchEntry's 150 ms), then the
 * search runs in the session's read pool; a newer search cancels the one
 * before, whose results are dropped when they come, so the list only ever
 * shows the latest. A query that cannot be understood keeps the last
 * results and says why under the entry. */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-window-private.h"

#include <glib/gi18n.h>

#include "cf-error.h"
#include "cf-gui-util.h"
#include "cf-search-filters.h"
#include "cf-search-results.h"

/* Imports and edits change what matches; the search runs again once they
 * pause this long. */
#define OUTDATED_DELAY_MS 300

static char *
current_query (CfWindow *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
}

static void
show_message (CfWindow   *self,
              const char *text)
{
  GtkWidget *entry = GTK_WIDGET (self->search_entry);

  gtk_label_set_text (self->search_message, text ? text : "");
  gtk_widget_set_visible (self->search_message_box, text != NULL);
  if (text != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

typedef struct
{
  CfWindow *self;
  GCancellable *cancellable;
} SearchRequest;

static void
search_request_free (SearchRequest *request)
{
  g_object_unref (request->self);
  g_object_unref (request->cancellable);
  g_free (request);
}

static void
on_search_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchRequest *request = user_data;
  CfWindow *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CfSearchResults) results = cf_search_results_run_finish (result, &error);

  /* A newer search took over (or the case closed): this one is stale. */
  if (g_cancellable_is_cancelled (request->cancellable) || self->session == NULL)
    {
      search_request_free (request);
      return;
    }
  self->search_running = FALSE;
  if (results == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, CF_ERROR, CF_ERROR_INVALID))
        text = g_strdup (error->message);   /* the core's, translated */
      else
        text = cf_error_text (_("The search could not be run"), error);
      show_message (self, text);
      cf_window_update_empty_text (self);
      cf_window_update_actions (self);
      search_request_free (request);
      return;
    }

  show_message (self, NULL);
  cf_document_table_set_results (self->table, results);
  cf_details_pane_set_highlights (self->details, cf_search_results_get_terms (results));
  cf_window_update_empty_text (self);
  cf_window_update_status (self);
  cf_window_update_actions (self);
  /* From the last change of the query to the rows showing, debounce and
   * the list's new rows included: what the user waits. */
  self->search_latency = g_get_monotonic_time () - self->search_typed;
  g_debug ("Search “%s”: %u hits, %.1f ms in the pool, %.1f ms after the last change",
           cf_search_results_get_query (results), g_list_model_get_n_items (G_LIST_MODEL (results)),
           cf_search_results_get_elapsed (results) / 1000.0, self->search_latency / 1000.0);
  search_request_free (request);
}

/* Runs the search the entry holds; force runs it even when it is the one
 * already shown (the case changed). */
static void
run_search (CfWindow *self,
            gboolean  force)
{
  g_autofree char *query = current_query (self);
  CfSearchRequest request = { 0 };
  SearchRequest *pending;

  g_clear_handle_id (&self->search_source, g_source_remove);
  if (self->session == NULL)
    return;
  cf_search_filters_set_query (self->search_filters, query);
  cf_sidebar_show_search (self->sidebar, query);

  request.query = query;
  request.view = cf_sidebar_get_view (self->sidebar, &request.view_id);
  cf_document_table_get_sort (self->table, &request.sort, &request.descending);

  if (query[0] == '\0')
    {
      g_cancellable_cancel (self->search_cancellable);
      g_clear_object (&self->search_cancellable);
      self->search_running = FALSE;
      g_clear_pointer (&self->search_last_query, g_free);
      show_message (self, NULL);
      cf_document_table_set_results (self->table, NULL);
      cf_details_pane_set_highlights (self->details, NULL);
      cf_window_update_empty_text (self);
      cf_window_update_status (self);
      cf_window_update_actions (self);
      return;
    }

  /* search-changed comes again after the filter popover or a saved search
   * already ran the same search. */
  if (!force && g_strcmp0 (self->search_last_query, query) == 0 &&
      self->search_last_view == request.view && self->search_last_view_id == request.view_id &&
      self->search_last_sort == request.sort && self->search_last_descending == request.descending)
    return;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  self->search_running = TRUE;
  g_free (self->search_last_query);
  self->search_last_query = g_strdup (query);
  self->search_last_view = request.view;
  self->search_last_view_id = request.view_id;
  self->search_last_sort = request.sort;
  self->search_last_descending = request.descending;

  pending = g_new0 (SearchRequest, 1);
  pending->self = g_object_ref (self);
  pending->cancellable = g_object_ref (self->search_cancellable);
  cf_search_results_run_async (self->session, &request, self->search_cancellable, on_search_done, pending);
}

static gboolean
run_queued (gpointer data)
{
  CfWindow *self = data;

  self->search_source = 0;
  run_search (self, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
run_queued_plain (gpointer data)
{
  CfWindow *self = data;

  self->search_source = 0;
  run_search (self, FALSE);
  return G_SOURCE_REMOVE;
}

void
cf_window_search_again (CfWindow *self,
                        gboolean  soon)
{
  if (self->session == NULL || cf_document_table_get_results (self->table) == NULL)
    {
      if (self->search_running)
        run_search (self, TRUE);
      return;
    }
  if (!soon)
    {
      run_search (self, TRUE);
      return;
    }
  if (self->search_source == 0)
    self->search_source = g_timeout_add (OUTDATED_DELAY_MS, run_queued, self);
}

void
cf_window_set_search_text (CfWindow   *self,
                           const char *query)
{
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  self->search_typed = g_get_monotonic_time ();
  run_search (self, FALSE);
}

void
cf_window_stop_search (CfWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  run_search (self, FALSE);
}

gboolean
cf_window_get_search_running (CfWindow *self)
{
  return self->search_running || self->search_source != 0;
}

/* The entry and the bar --------------------------------------------------------- */

static void
on_search_changed (CfWindow *self)
{
  /* GtkSearchEntry says at once when the text becomes empty, also in the
   * middle of replacing it (gtk_editable_set_text deletes, then inserts):
   * an empty query waits for this turn of the main loop to end, so a
   * replaced query does not show the whole case in between. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0')
    {
      /* At default priority: an idle would wait behind the list's frames. */
      if (self->search_source == 0)
        self->search_source = g_idle_add_full (G_PRIORITY_DEFAULT, run_queued_plain, self, NULL);
      return;
    }
  run_search (self, FALSE);
}

/* Every keystroke: when the user last changed the query, for the latency
 * the debug log reports. */
static void
on_search_text_changed (CfWindow *self)
{
  self->search_typed = g_get_monotonic_time ();
}

/* Enter or Down in the search goes on to the results. */
static void
on_search_activate (CfWindow *self)
{
  cf_document_table_focus_rows (self->table);
}

static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               CfWindow              *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  return cf_document_table_focus_rows (self->table);
}

static void
on_stop_search (CfWindow *self)
{
  cf_window_stop_search (self);
  cf_document_table_grab_focus (self->table);
}

static void
on_search_mode (GtkSearchBar *bar,
                GParamSpec   *pspec,
                CfWindow     *self)
{
  /* Closing the bar (its button, the header toggle) ends the search. */
  if (!gtk_search_bar_get_search_mode (bar) &&
      gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      run_search (self, FALSE);
    }
}

static void
on_filters_query_changed (CfSearchFilters *filters,
                          const char      *query,
                          CfWindow        *self)
{
  cf_window_set_search_text (self, query);
}

static void
on_table_sort_changed (CfDocumentTable *table,
                       CfWindow        *self)
{
  if (cf_document_table_get_results (table) != NULL || self->search_running)
    run_search (self, TRUE);
}

static void
on_table_search_outdated (CfDocumentTable *table,
                          CfWindow        *self)
{
  cf_window_search_again (self, TRUE);
}

static void
on_sidebar_run_search (CfSidebar  *sidebar,
                       const char *query,
                       CfWindow   *self)
{
  cf_window_set_search_text (self, query);
}

/* Commands ----------------------------------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_filters_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->filters_button));
}

static void
on_save_response (AdwMessageDialog *dialog,
                  const char       *response,
                  CfWindow         *self)
{
  GtkEditable *name_entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *query = g_object_get_data (G_OBJECT (dialog), "cf-query");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (name_entry)));
  g_autofree char *label = NULL;
  g_autofree char *done = NULL;
  g_autoptr(CfEdit) edit = NULL;

  if (g_strcmp0 (response, "save") != 0 || name[0] == '\0' || query == NULL)
    return;
  label = g_strdup_printf (_("Save Search “%s”"), name);
  done = g_strdup_printf (_("Saved the search “%s” in the sidebar"), name);
  edit = cf_edit_new (label);
  cf_edit_save_search (edit, name, query);
  cf_window_apply_edit (self, edit, done);
}

static void
on_save_name_changed (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", name[0] != '\0');
}

static void
save_search_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  g_autofree char *query = current_query (self);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (query[0] == '\0')
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Search"),
                                                       _("The search stays in the sidebar; choosing "
                                                         "it runs it again on what the case holds "
                                                         "then.")));
  entry = gtk_entry_new ();
  /* The query itself is a fair first name; the user can say better. */
  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the saved search"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cf-query", g_steal_pointer (&query), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (on_save_name_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
remove_saved_search_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *label = g_strdup_printf (_("Remove Saved Search “%s”"), name);
  g_autofree char *done = g_strdup_printf (_("Removed the saved search “%s”"), name);
  g_autoptr(CfEdit) edit = cf_edit_new (label);

  cf_edit_remove_search (edit, name);
  cf_window_apply_edit (self, edit, done);
}

/* Set-up -------------------------------------------------------------------------- */

void
cf_window_update_search_actions (CfWindow *self)
{
  gboolean has_case = self->session != NULL;
  gboolean writable = has_case && !cf_session_get_read_only (self->session);
  CfSearchResults *shown = has_case ? cf_document_table_get_results (self->table) : NULL;
  g_autofree char *query = current_query (self);
  /* Only a search that ran as typed can be kept (the core refuses others). */
  gboolean valid = shown != NULL && g_strcmp0 (cf_search_results_get_query (shown), query) == 0 &&
                   !gtk_widget_get_visible (self->search_message_box);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_case);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search-filters", has_case);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-search",
                                 writable && !self->exclusive_busy && valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-saved-search",
                                 writable && !self->exclusive_busy);
}

void
cf_window_saved_searches_changed (CfWindow *self)
{
  g_autofree char *query = current_query (self);

  /* The list was read again: the search showing may be one of them now. */
  cf_sidebar_show_search (self->sidebar, cf_document_table_get_results (self->table) ? query : NULL);
}

void
cf_window_search_claims_changed (CfWindow *self)
{
  cf_search_filters_set_claims (self->search_filters, cf_sidebar_get_claims (self->sidebar));
}

void
cf_window_class_init_search (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, CfWindow, filters_button);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, save_search_button);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, search_message_box);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, search_message);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.search-filters", NULL, search_filters_action);
  gtk_widget_class_install_action (widget_class, "win.save-search", NULL, save_search_action);
  gtk_widget_class_install_action (widget_class, "win.remove-saved-search", "s",
                                   remove_saved_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.search-filters", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.save-search", NULL);
}

void
cf_window_init_search (CfWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  g_signal_connect_swapped (self->search_entry, "changed", G_CALLBACK (on_search_text_changed), self);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode), self);

  self->search_filters = CF_SEARCH_FILTERS (cf_search_filters_new ());
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->filters_button), GTK_WIDGET (self->search_filters));
  g_signal_connect (self->search_filters, "query-changed", G_CALLBACK (on_filters_query_changed), self);

  g_signal_connect (self->table, "sort-changed", G_CALLBACK (on_table_sort_changed), self);
  g_signal_connect (self->table, "search-outdated", G_CALLBACK (on_table_search_outdated), self);
  g_signal_connect (self->sidebar, "run-search", G_CALLBACK (on_sidebar_run_search), self);
}

void
cf_window_dispose_search (CfWindow *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_handle_id (&self->search_source, g_source_remove);
  g_clear_pointer (&self->search_last_query, g_free);
}

/* For tests -------------------------------------------------------------------- */

gboolean
cf_window_get_searching (CfWindow *self)
{
  g_return_val_if_fail (CF_IS_WINDOW (self), FALSE);
  return cf_window_get_search_running (self);
}

const char *
cf_window_get_search_query (CfWindow *self)
{
  g_return_val_if_fail (CF_IS_WINDOW (self), NULL);
  return self->search_last_query;
}

gint64
cf_window_get_search_latency (CfWindow *self)
{
  g_return_val_if_fail (CF_IS_WINDOW (self), 0);
  return self->search_latency;
}
