/* cf-window.c — the window: welcome view, opening a case, wiring the
 * sidebar, list and details together, and the one place that decides
 * which commands are enabled. Commands live in cf-window-actions.c,
 * importing in cf-window-import.c. */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-window-private.h"

#include <glib/gi18n.h>

#include "cf-error.h"
#include "cf-gui-util.h"

#define RECENT_MAX 10

G_DEFINE_FINAL_TYPE (CfWindow, cf_window, ADW_TYPE_APPLICATION_WINDOW)

/* Which commands make sense now ------------------------------------------- */

void
cf_window_update_actions (CfWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_case = self->session != NULL;
  gboolean writable = has_case && !cf_session_get_read_only (self->session);
  gboolean importing = cf_window_get_busy_importing (self);
  gboolean busy = self->exclusive_busy;
  guint n_selected = has_case ? cf_document_table_get_n_selected (self->table) : 0;
  gboolean can_tag = writable && !busy && n_selected > 0;
  g_autofree char *undo_tip = NULL;

  gtk_widget_action_set_enabled (widget, "win.import-files", writable && !importing && !busy);
  gtk_widget_action_set_enabled (widget, "win.import-folder", writable && !importing && !busy);
  gtk_widget_action_set_enabled (widget, "win.import-paths", writable && !importing && !busy);
  gtk_widget_action_set_enabled (widget, "win.cancel-import", importing);
  gtk_widget_action_set_enabled (widget, "win.read-documents", writable && !importing && !busy);
  gtk_widget_action_set_enabled (widget, "win.show-unreadable", has_case);
  gtk_widget_action_set_enabled (widget, "win.tag", can_tag);
  gtk_widget_action_set_enabled (widget, "win.tag-to-claim", can_tag);
  gtk_widget_action_set_enabled (widget, "win.tag-to-nth-claim", can_tag);
  gtk_widget_action_set_enabled (widget, "win.untag-from-claim", can_tag);
  gtk_widget_action_set_enabled (widget, "win.mark-privileged", can_tag);
  gtk_widget_action_set_enabled (widget, "win.clear-privilege", can_tag);
  /* Not during an import: it may still be adding members to a family. */
  gtk_widget_action_set_enabled (widget, "win.remove-documents",
                                 can_tag && !importing && cf_window_can_remove (self));
  gtk_widget_action_set_enabled (widget, "win.undo",
                                 writable && !busy && cf_session_can_undo (self->session));
  gtk_widget_action_set_enabled (widget, "win.redo",
                                 writable && !busy && cf_session_can_redo (self->session));
  gtk_widget_action_set_enabled (widget, "win.number", writable && !importing && !busy);
  gtk_widget_action_set_enabled (widget, "win.number-then-export", writable && !importing && !busy);
  gtk_widget_action_set_enabled (widget, "win.export", writable && !importing && !busy);
  gtk_widget_action_set_enabled (widget, "win.check-case", has_case);
  gtk_widget_action_set_enabled (widget, "win.toggle-sidebar", has_case);
  gtk_widget_action_set_enabled (widget, "win.toggle-details", has_case);
  gtk_widget_action_set_enabled (widget, "win.new-claim", writable && !busy);
  gtk_widget_action_set_enabled (widget, "win.show-import-report",
                                 g_list_model_get_n_items (G_LIST_MODEL (self->import_notes)) > 0);

  if (has_case && cf_session_get_undo_label (self->session) != NULL)
    undo_tip = g_strdup_printf (_("Undo “%s” (Ctrl+Z)"), cf_session_get_undo_label (self->session));
  else
    undo_tip = g_strdup (_("Undo (Ctrl+Z)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tip);
  cf_window_update_search_actions (self);
}

void
cf_window_update_status (CfWindow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_rows, n_selected;
  g_autofree char *rows = NULL;

  if (self->session == NULL)
    return;
  n_rows = cf_document_table_get_n_rows (self->table);
  n_selected = cf_document_table_get_n_selected (self->table);
  rows = cf_format_count (n_rows);
  if (cf_document_table_get_results (self->table) != NULL)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s document matches the search",
                                               "%s documents match the search", n_rows),
                            rows);
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s document", "%s documents", n_rows),
                            rows);
  if (n_selected > 0)
    {
      g_autofree char *selected = cf_format_count (n_selected);

      g_string_append (text, " · ");
      g_string_append_printf (text, _("%s selected"), selected);
    }
  if (cf_session_get_read_only (self->session))
    g_string_append_printf (text, " · %s", _("read-only"));
  gtk_label_set_text (self->status_label, text->str);
}

void
cf_window_show_notice (CfWindow   *self,
                       const char *text)
{
  gtk_label_set_text (self->notice_label, text);
  gtk_revealer_set_reveal_child (self->notice_revealer, text != NULL);
}

static void
on_notice_dismiss (CfWindow *self)
{
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

void
cf_window_set_exclusive_busy (CfWindow *self,
                              gboolean  busy)
{
  self->exclusive_busy = busy;
  cf_window_update_actions (self);
}

static void
on_passing_toast_dismissed (AdwToast *toast,
                            CfWindow *self)
{
  if (self->passing_toast == toast)
    self->passing_toast = NULL;
}

/* Takes the toast. */
void
cf_window_show_passing_toast (CfWindow *self,
                              AdwToast *toast)
{
  AdwToast *previous = self->passing_toast;

  self->passing_toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_passing_toast_dismissed), self, 0);
  if (previous != NULL)
    adw_toast_dismiss (previous);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
cf_window_add_toast (CfWindow   *self,
                     const char *text)
{
  g_return_if_fail (CF_IS_WINDOW (self));
  cf_window_show_passing_toast (self, cf_toast_new (text));
}

/* Remembered folders --------------------------------------------------------- */

void
cf_window_remember_folder (CfWindow   *self,
                           const char *key,
                           GFile      *file)
{
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path != NULL)
    g_settings_set_string (self->settings, key, path);
}

GFile *
cf_window_dup_folder (CfWindow   *self,
                      const char *key)
{
  g_autofree char *path = g_settings_get_string (self->settings, key);

  if (path == NULL || path[0] == '\0' || !g_file_test (path, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_file_new_for_path (path);
}

/* Recent cases --------------------------------------------------------------- */

static void
add_recent (CfWindow   *self,
            const char *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-cases");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < RECENT_MAX; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-cases", (const char * const *) recent);
}

static void
on_recent_activated (AdwActionRow *row,
                     CfWindow     *self)
{
  const char *path = g_object_get_data (G_OBJECT (row), "cf-path");

  cf_window_open_case (self, path, FALSE);
}

static void
fill_recent (CfWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-cases");
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent[i] != NULL; i++)
    {
      GtkWidget *row;
      g_autofree char *name = NULL;
      g_autofree char *location = cf_display_path (recent[i]);

      /* A case on a disconnected drive stays listed but cannot open. */
      row = adw_action_row_new ();
      name = g_path_get_basename (recent[i]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), location);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("folder-documents-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      if (cf_case_is_case_folder (recent[i]))
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "cf-path", g_strdup (recent[i]), g_free);
          g_signal_connect (row, "activated", G_CALLBACK (on_recent_activated), self);
        }
      else
        {
          gtk_widget_set_sensitive (row, FALSE);
          gtk_widget_set_tooltip_text (row, _("This case folder cannot be found"));
        }
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), shown > 0);
}

/* The open case -------------------------------------------------------------- */

static void
update_title (CfWindow *self)
{
  CfCase *reader = cf_session_get_reader (self->session);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (cf_case_get_court (reader) && cf_case_get_court (reader)[0])
    g_string_append (subtitle, cf_case_get_court (reader));
  if (cf_case_get_case_number (reader) && cf_case_get_case_number (reader)[0])
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "",
                            cf_case_get_case_number (reader));
  g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "",
                          cf_party_label (cf_case_get_party (reader)));
  if (cf_session_get_read_only (self->session))
    g_string_append_printf (subtitle, " · %s", _("Read-Only"));
  adw_window_title_set_title (self->window_title, cf_case_get_title (reader));
  adw_window_title_set_subtitle (self->window_title, subtitle->str);
  gtk_window_set_title (GTK_WINDOW (self), cf_case_get_title (reader));
}

void
cf_window_update_empty_text (CfWindow *self)
{
  CfDocumentView view = cf_sidebar_get_view (self->sidebar, NULL);

  if (gtk_widget_get_visible (self->search_message_box))
    {
      /* The last search that ran found nothing; the one typed cannot run. */
      cf_document_table_set_empty_text (self->table, _("The Search Needs a Correction"),
                                        gtk_label_get_text (self->search_message), FALSE);
      return;
    }
  if (cf_document_table_get_results (self->table) != NULL)
    {
      cf_document_table_set_empty_text (self->table, _("No Matches"),
                                        view == CF_DOCUMENT_VIEW_ALL
                                        ? _("No document says that. Try fewer or shorter words, "
                                            "or remove a filter.")
                                        : _("No document in this view says that. Choose All "
                                            "Documents to search the whole case."), FALSE);
      return;
    }
  switch (view)
    {
    case CF_DOCUMENT_VIEW_UNTAGGED:
      cf_document_table_set_empty_text (self->table, _("Everything Is Tagged"),
                                        _("Every document is tagged to a claim or belongs to a "
                                          "tagged family."), FALSE);
      break;
    case CF_DOCUMENT_VIEW_PRIVILEGED:
      cf_document_table_set_empty_text (self->table, _("Nothing Privileged"),
                                        _("Documents marked privileged are withheld from the "
                                          "bundle and listed in its privilege log."), FALSE);
      break;
    case CF_DOCUMENT_VIEW_DUPLICATES:
      cf_document_table_set_empty_text (self->table, _("No Duplicates"),
                                        _("Files with the same bytes as an earlier one show here."), FALSE);
      break;
    case CF_DOCUMENT_VIEW_UNREADABLE:
      cf_document_table_set_empty_text (self->table, _("Everything Was Read"),
                                        _("Files that could not be read or stored show here, "
                                          "with the reason."), FALSE);
      break;
    case CF_DOCUMENT_VIEW_CLAIM:
      cf_document_table_set_empty_text (self->table, _("No Documents on This Claim"),
                                        _("Drag documents onto the claim in the sidebar, or select "
                                          "them and press Ctrl+T."), FALSE);
      break;
    case CF_DOCUMENT_VIEW_ALL:
    case CF_DOCUMENT_VIEW_CHILDREN:
    default:
      cf_document_table_set_empty_text (self->table, _("No Documents Yet"),
                                        _("Import files and folders with the Import button, or "
                                          "drop them on this window. ZIP and TAR archives are "
                                          "opened into families."), TRUE);
      break;
    }
}

static void
on_view_changed (CfSidebar *sidebar,
                 CfWindow  *self)
{
  gint64 claim_id;
  CfDocumentView view = cf_sidebar_get_view (sidebar, &claim_id);

  cf_document_table_set_view (self->table, view, claim_id);
  /* A search shows within the view: it runs there. */
  cf_window_search_again (self, FALSE);
  cf_window_update_empty_text (self);
  cf_window_update_status (self);
}

static void
on_selection_changed (CfDocumentTable *table,
                      GParamSpec      *pspec,
                      CfWindow        *self)
{
  guint n = cf_document_table_get_n_selected (table);
  g_autoptr(CfDocument) document = n == 1 ? cf_document_table_dup_selected (table) : NULL;

  cf_details_pane_show (self->details, document ? cf_document_get_id (document) : 0, n);
  cf_window_update_actions (self);
  cf_window_update_status (self);
}

/* Going to a document the details name (the family it belongs to, an
 * attachment): where it shows, else in All Documents, which shows every
 * family. */
static void
on_open_document (CfDetailsPane *details,
                  gint64         id,
                  CfWindow      *self)
{
  if (self->session == NULL)
    return;
  if (!cf_document_table_reveal (self->table, id))
    {
      if (cf_document_table_get_results (self->table) != NULL)
        cf_window_stop_search (self);
      cf_sidebar_select_view (self->sidebar, CF_DOCUMENT_VIEW_ALL, 0);
      if (!cf_document_table_reveal (self->table, id))
        return;
    }
  cf_document_table_focus_rows (self->table);
}

static void
on_rows_changed (CfDocumentTable *table,
                 GParamSpec      *pspec,
                 CfWindow        *self)
{
  cf_window_update_status (self);
}

static void
on_documents_changed (CfSession *session,
                      GArray    *ids,
                      CfWindow  *self)
{
  CfDocumentView view = cf_sidebar_get_view (self->sidebar, NULL);

  cf_document_table_invalidate (self->table, ids);
  /* Tags and privilege move documents in and out of these views. */
  if (view != CF_DOCUMENT_VIEW_ALL || cf_document_table_get_results (self->table) != NULL)
    cf_document_table_reload (self->table);
}

static void
on_claims_changed (CfSession *session,
                   CfWindow  *self)
{
  if (cf_sidebar_get_view (self->sidebar, NULL) == CF_DOCUMENT_VIEW_CLAIM)
    cf_document_table_reload (self->table);
}

static void
on_claims_reloaded (CfSidebar *sidebar,
                    CfWindow  *self)
{
  cf_window_rebuild_claim_menus (self);
  cf_window_search_claims_changed (self);
}

static void
on_history_changed (CfSession  *session,
                    GParamSpec *pspec,
                    CfWindow   *self)
{
  cf_window_update_actions (self);
}

static void
on_tag_documents (CfSidebar     *sidebar,
                  gint64         claim_id,
                  CfDocumentIds *ids,
                  CfWindow      *self)
{
  GPtrArray *claims = cf_sidebar_get_claims (sidebar);
  g_autoptr(CfEdit) edit = NULL;
  g_autofree char *label = NULL;
  g_autofree char *done = NULL;
  g_autofree char *count = cf_format_count (ids->len);
  const char *title = "";

  if (self->session == NULL || cf_session_get_read_only (self->session))
    return;
  for (guint i = 0; claims && i < claims->len; i++)
    if (cf_claim_get_id (g_ptr_array_index (claims, i)) == claim_id)
      title = cf_claim_get_title (g_ptr_array_index (claims, i));
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tag %s Document to “%s”",
                                        "Tag %s Documents to “%s”", ids->len), count, title);
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tagged %s document to “%s”",
                                       "Tagged %s documents to “%s”", ids->len), count, title);
  edit = cf_edit_new (label);
  cf_edit_tag (edit, claim_id, (const gint64 *) (gpointer) ids->data, ids->len,
               CF_STANCE_SUPPORTS, NULL, NULL);
  cf_window_apply_edit (self, edit, done);
}

static void
set_session (CfWindow  *self,
             CfSession *session)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);

  cf_sidebar_set_session (self->sidebar, session);
  cf_document_table_set_session (self->table, session);
  cf_details_pane_set_session (self->details, session);

  if (session == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Casefile"));
      fill_recent (self);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      gtk_widget_grab_focus (GTK_WIDGET (self->new_case_button));
      cf_window_update_actions (self);
      return;
    }

  g_signal_connect (session, "documents-changed", G_CALLBACK (on_documents_changed), self);
  g_signal_connect (session, "claims-changed", G_CALLBACK (on_claims_changed), self);
  g_signal_connect_swapped (session, "saved-searches-changed",
                            G_CALLBACK (cf_window_saved_searches_changed), self);
  g_signal_connect (session, "notify::can-undo", G_CALLBACK (on_history_changed), self);
  g_signal_connect (session, "notify::can-redo", G_CALLBACK (on_history_changed), self);
  g_signal_connect (session, "notify::busy", G_CALLBACK (on_history_changed), self);

  update_title (self);
  cf_window_update_empty_text (self);
  cf_window_rebuild_claim_menus (self);
  add_recent (self, cf_session_get_path (session));
  gtk_stack_set_visible_child_name (self->main_stack, "case");
  cf_window_update_actions (self);
  cf_window_update_status (self);
  /* Keyboard shortcuts only reach the window through a focused widget:
   * something in the case must have the focus from the start. */
  cf_document_table_grab_focus (self->table);

  /* Documents left unread (an import stopped, or made by casefile-cli
   * import --no-extract) are read now. */
  if (!cf_session_get_read_only (session) &&
      cf_case_count_unread (cf_session_get_reader (session)) > 0)
    cf_window_read_documents (self);
}

/* Opening ----------------------------------------------------------------------- */

typedef struct
{
  CfWindow *self;
  char *path;
  gboolean read_only;
} OpenRequest;

static void
open_request_free (OpenRequest *request)
{
  g_object_unref (request->self);
  g_free (request->path);
  g_free (request);
}

static void
open_request_notify (gpointer  data,
                     GClosure *closure)
{
  open_request_free (data);
}

static void
on_locked_response (AdwMessageDialog *dialog,
                    const char       *response,
                    OpenRequest      *request)
{
  if (g_strcmp0 (response, "read-only") == 0)
    cf_window_open_case (request->self, request->path, TRUE);
  else if (request->self->session == NULL)
    gtk_stack_set_visible_child_name (request->self->main_stack, "welcome");
}

static void
show_locked (CfWindow   *self,
             const char *path,
             GError     *error)
{
  g_autofree char *holder = cf_case_describe_writer (path);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  OpenRequest *request;

  /* The core's sentence names the holder; ours says it in the user's
   * language when we know who it is. */
  if (holder != NULL)
    body = g_strdup_printf (_("The case is open in another program: %s.\n\nClose it there to "
                              "make changes here, or open the case read-only to look at it now."),
                            holder);
  else
    body = g_strdup_printf ("%s", error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The Case Is Open Elsewhere"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "read-only", _("Open _Read-Only"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "read-only", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "read-only");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "cf-locked-dialog");

  request = g_new0 (OpenRequest, 1);
  request->self = g_object_ref (self);
  request->path = g_strdup (path);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_locked_response), request,
                         open_request_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_finish_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  OpenRequest *request = user_data;
  CfWindow *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CfSession) session = cf_session_open_finish (result, &error);

  if (session == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ;
      else if (g_error_matches (error, CF_ERROR, CF_ERROR_LOCKED))
        show_locked (self, request->path, error);
      else
        {
          gtk_stack_set_visible_child_name (self->main_stack,
                                            self->session ? "case" : "welcome");
          cf_show_error (GTK_WIDGET (self), _("Could not open the case"), error);
        }
      if (!g_error_matches (error, CF_ERROR, CF_ERROR_LOCKED) && self->session == NULL)
        gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      open_request_free (request);
      return;
    }

  set_session (self, session);
  {
    CfCase *kase = cf_session_get_case (session);
    g_autoptr(GString) notice = g_string_new (NULL);

    if (request->read_only)
      g_string_append (notice, _("Opened read-only: you can look at everything, but nothing "
                                 "here can change the case."));
    if (cf_case_get_recovery_note (kase) != NULL)
      g_string_append_printf (notice, "%s%s %s", notice->len ? "\n" : "",
                              _("Casefile recovered the case after an interruption:"),
                              cf_case_get_recovery_note (kase));
    if (cf_case_get_storage_warning (kase) != NULL)
      g_string_append_printf (notice, "%s%s %s", notice->len ? "\n" : "",
                              _("Keep cases on a local disk:"),
                              cf_case_get_storage_warning (kase));
    cf_window_show_notice (self, notice->len ? notice->str : NULL);
  }
  open_request_free (request);
}

/* What the loading page says while a case opens: upgrading one written by
 * an earlier Casefile can take a minute (its search index is rebuilt),
 * and nobody should think the window hung. The open says when it
 * upgrades (open_upgrading_cb). */
static void
show_loading (CfWindow *self,
              gboolean  upgrading)
{
  if (upgrading)
    {
      adw_status_page_set_title (self->loading_page, _("Upgrading the Case…"));
      adw_status_page_set_description (self->loading_page,
                                       _("An earlier Casefile wrote this case. Its search index "
                                         "is being rebuilt, once; for a large case this takes a "
                                         "minute or two."));
    }
  else
    {
      adw_status_page_set_title (self->loading_page, _("Opening the Case…"));
      adw_status_page_set_description (self->loading_page,
                                       _("Checking the case database and recovering from any "
                                         "interrupted work."));
    }
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

static void
open_upgrading_cb (gpointer user_data)
{
  OpenRequest *request = user_data;

  show_loading (request->self, TRUE);
}

void
cf_window_open_case (CfWindow   *self,
                     const char *path,
                     gboolean    read_only)
{
  OpenRequest *request;

  g_return_if_fail (CF_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  /* One case per window: another case opens beside this one. */
  if (self->session != NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      CfWindow *other = cf_window_new (app);

      gtk_window_present (GTK_WINDOW (other));
      cf_window_open_case (other, path, read_only);
      return;
    }

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();
  show_loading (self, FALSE);

  request = g_new0 (OpenRequest, 1);
  request->self = g_object_ref (self);
  request->path = g_strdup (path);
  request->read_only = read_only;
  cf_session_open_async (path, read_only, open_upgrading_cb, self->open_cancellable, open_finish_cb,
                         request);
}

static void
create_finish_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CfWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CfSession) session = cf_session_create_finish (result, &error);

  if (session == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, self->session ? "case" : "welcome");
      cf_show_error (GTK_WIDGET (self), _("Could not create the case"), error);
      return;
    }
  set_session (self, session);
  cf_window_show_notice (self, NULL);
  cf_window_add_toast (self, _("Case created. Add its claims, then import the evidence."));
}

void
cf_window_create_case (CfWindow             *self,
                       const char           *path,
                       const CfCaseSettings *settings)
{
  if (self->session != NULL)
    {
      CfWindow *other = cf_window_new (gtk_window_get_application (GTK_WINDOW (self)));

      gtk_window_present (GTK_WINDOW (other));
      cf_window_create_case (other, path, settings);
      return;
    }
  show_loading (self, FALSE);
  cf_session_create_async (path, settings, NULL, create_finish_cb, g_object_ref (self));
}

/* Dropping files ----------------------------------------------------------------- */

static GdkDragAction
on_drop_enter (GtkDropTarget *target,
               double         x,
               double         y,
               CfWindow      *self)
{
  gboolean can_import = self->session != NULL && !cf_session_get_read_only (self->session) &&
                        !cf_window_get_busy_importing (self) && !self->exclusive_busy;

  if (!can_import)
    return 0;
  gtk_revealer_set_reveal_child (self->drop_revealer, TRUE);
  return GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget *target,
               CfWindow      *self)
{
  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);
}

static gboolean
on_drop_files (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               CfWindow      *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    {
      cf_window_add_toast (self, _("Only files and folders on this computer can be imported"));
      return FALSE;
    }
  g_ptr_array_add (paths, NULL);
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.import-paths",
                                      g_variant_new_strv ((const char * const *) paths->pdata, -1));
  return TRUE;
}

/* The menu of selected documents: the claims submenus are filled from the
 * sidebar's claims whenever they change. */
static void
build_document_menu (CfWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) tagging = g_menu_new ();
  g_autoptr(GMenu) privilege = g_menu_new ();
  g_autoptr(GMenu) removal = g_menu_new ();

  self->tag_menu = g_menu_new ();
  self->untag_menu = g_menu_new ();
  g_menu_append (tagging, _("_Tag to Claim…"), "win.tag");
  g_menu_append_submenu (tagging, _("Tag _To"), G_MENU_MODEL (self->tag_menu));
  g_menu_append_submenu (tagging, _("_Untag From"), G_MENU_MODEL (self->untag_menu));
  g_menu_append (privilege, _("Mark _Privileged…"), "win.mark-privileged");
  g_menu_append (privilege, _("_Clear Privilege"), "win.clear-privilege");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (tagging));
  g_menu_append (removal, _("_Remove from Case…"), "win.remove-documents");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (privilege));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));
  cf_document_table_set_context_menu (self->table, G_MENU_MODEL (menu));
}

/* GObject and GtkWidget ---------------------------------------------------------- */

static gboolean
cf_window_close_request (GtkWindow *window)
{
  CfWindow *self = CF_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (self->session != NULL)
    g_settings_set_int (self->settings, "paned-position", gtk_paned_get_position (self->paned));

  /* What an import committed stays; the rest can be imported again. What
   * was not read yet is read when the case opens next. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->read_cancellable != NULL)
    g_cancellable_cancel (self->read_cancellable);

  return GTK_WINDOW_CLASS (cf_window_parent_class)->close_request (window);
}

static void
cf_window_dispose (GObject *object)
{
  CfWindow *self = (CfWindow *)object;

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  cf_window_dispose_import (self);
  cf_window_dispose_search (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->tag_menu);
  g_clear_object (&self->untag_menu);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cf_window_parent_class)->dispose (object);
}

static void
cf_window_class_init (CfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cf_window_dispose;
  window_class->close_request = cf_window_close_request;

  g_type_ensure (CF_TYPE_SIDEBAR);
  g_type_ensure (CF_TYPE_DOCUMENT_TABLE);
  g_type_ensure (CF_TYPE_DETAILS_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/casefile/Casefile/ui/cf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, drop_overlay);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, drop_revealer);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, table);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, details);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, import_count_label);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, import_bytes_label);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, import_current_label);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, import_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, number_button);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, CfWindow, new_case_button);
  gtk_widget_class_bind_template_callback (widget_class, on_notice_dismiss);

  cf_window_class_init_actions (widget_class);
  cf_window_class_init_import (widget_class);
  cf_window_class_init_search (widget_class);
  cf_window_class_init_remove (widget_class);
}

static void
cf_window_init (CfWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->paned, g_settings_get_int (self->settings, "paned-position"));
  g_settings_bind (self->settings, "show-details", self->details, "visible", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect (self->sidebar, "view-changed", G_CALLBACK (on_view_changed), self);
  g_signal_connect (self->sidebar, "tag-documents", G_CALLBACK (on_tag_documents), self);
  g_signal_connect (self->sidebar, "claims-reloaded", G_CALLBACK (on_claims_reloaded), self);
  g_signal_connect (self->table, "notify::n-selected", G_CALLBACK (on_selection_changed), self);
  g_signal_connect (self->table, "notify::n-rows", G_CALLBACK (on_rows_changed), self);
  g_signal_connect (self->details, "open-document", G_CALLBACK (on_open_document), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_enter), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_files), self);
  gtk_widget_add_controller (GTK_WIDGET (self->drop_overlay), GTK_EVENT_CONTROLLER (drop));

  build_document_menu (self);
  cf_window_init_import (self);
  cf_window_init_search (self);
  fill_recent (self);
  cf_window_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->new_case_button));
}

CfWindow *
cf_window_new (GtkApplication *application)
{
  return g_object_new (CF_TYPE_WINDOW, "application", application, NULL);
}

CfSession *
cf_window_get_session (CfWindow *self)
{
  g_return_val_if_fail (CF_IS_WINDOW (self), NULL);
  return self->session;
}

GtkWidget *
cf_window_get_table (CfWindow *self)
{
  g_return_val_if_fail (CF_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->table);
}

GtkWidget *
cf_window_get_sidebar (CfWindow *self)
{
  g_return_val_if_fail (CF_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->sidebar);
}

GtkWidget *
cf_window_get_details (CfWindow *self)
{
  g_return_val_if_fail (CF_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->details);
}

const char *
cf_window_get_status_text (CfWindow *self)
{
  g_return_val_if_fail (CF_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

GListModel *
cf_window_get_import_notes (CfWindow *self)
{
  g_return_val_if_fail (CF_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->import_notes);
}

gboolean
cf_window_get_importing (CfWindow *self)
{
  g_return_val_if_fail (CF_IS_WINDOW (self), FALSE);
  return cf_window_get_busy_importing (self);
}
