/* cf-window-actions.c — the window's commands. Each is one widget action,
 * so the menu item, the button and the shortcut run the same code; which
 * are enabled is decided in cf_window_update_actions. */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-window-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cf-check-dialog.h"
#include "cf-export-dialog.h"
#include "cf-gui-util.h"
#include "cf-import-report.h"
#include "cf-new-case-dialog.h"
#include "cf-numbering-dialog.h"
#include "cf-tag-dialog.h"
#include "cf-verify-dialog.h"

/* Applying edits ------------------------------------------------------------ */

typedef struct
{
  CfWindow *self;
  char *done_text;
} ApplyRequest;

static void
apply_request_free (ApplyRequest *request)
{
  g_object_unref (request->self);
  g_free (request->done_text);
  g_free (request);
}

static void
on_apply_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ApplyRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  if (!cf_session_apply_finish (CF_SESSION (object), result, &error))
    cf_show_error (GTK_WIDGET (request->self), _("The change was not made"), error);
  else if (request->done_text != NULL)
    {
      AdwToast *toast = cf_toast_new (request->done_text);

      /* The toast offers the same undo as Ctrl+Z. */
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      cf_window_show_passing_toast (request->self, toast);
    }
  apply_request_free (request);
}

void
cf_window_apply_edit (CfWindow   *self,
                      CfEdit     *edit,
                      const char *done_text)
{
  ApplyRequest *request;

  if (self->session == NULL || cf_edit_is_empty (edit))
    return;
  request = g_new0 (ApplyRequest, 1);
  request->self = g_object_ref (self);
  request->done_text = g_strdup (done_text);
  cf_session_apply_async (self->session, edit, on_apply_done, request);
}

static const char *
claim_title (CfWindow *self,
             gint64    claim_id)
{
  GPtrArray *claims = cf_sidebar_get_claims (self->sidebar);

  for (guint i = 0; claims && i < claims->len; i++)
    if (cf_claim_get_id (g_ptr_array_index (claims, i)) == claim_id)
      return cf_claim_get_title (g_ptr_array_index (claims, i));
  return NULL;
}

static void
tag_selection (CfWindow   *self,
               gint64      claim_id,
               CfStance    stance,
               const char *pinpoint,
               const char *note)
{
  g_autoptr(GArray) ids = cf_document_table_get_selected_ids (self->table);
  g_autoptr(CfEdit) edit = NULL;
  g_autofree char *count = cf_format_count (ids->len);
  g_autofree char *label = NULL;
  g_autofree char *done = NULL;
  const char *title = claim_title (self, claim_id);

  if (ids->len == 0 || title == NULL)
    return;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tag %s Document to “%s”",
                                        "Tag %s Documents to “%s”", ids->len), count, title);
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tagged %s document to “%s”",
                                       "Tagged %s documents to “%s”", ids->len), count, title);
  edit = cf_edit_new (label);
  cf_edit_tag (edit, claim_id, (const gint64 *) (gpointer) ids->data, ids->len, stance, pinpoint, note);
  cf_window_apply_edit (self, edit, done);
}

/* Tagging ------------------------------------------------------------------ */

static void
on_tag_dialog_done (CfTagDialog *dialog,
                    CfWindow    *self)
{
  tag_selection (self, cf_tag_dialog_get_claim_id (dialog), cf_tag_dialog_get_stance (dialog),
                 cf_tag_dialog_get_pinpoint (dialog), cf_tag_dialog_get_note (dialog));
}

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  GPtrArray *claims = cf_sidebar_get_claims (self->sidebar);
  CfClaim *selected = cf_sidebar_get_selected_claim (self->sidebar);
  CfTagDialog *dialog;

  if (claims == NULL || claims->len == 0)
    {
      cf_window_add_toast (self, _("Add a claim first: the + button above the claims"));
      return;
    }
  dialog = cf_tag_dialog_new (GTK_WINDOW (self), claims,
                              cf_document_table_get_n_selected (self->table),
                              selected ? cf_claim_get_id (selected) : 0);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_tag_dialog_done), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tag_to_claim_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tag_selection (CF_WINDOW (widget), g_variant_get_int64 (parameter), CF_STANCE_SUPPORTS, NULL, NULL);
}

/* Ctrl+1 … Ctrl+9: the claims in the order the sidebar shows them. */
static void
tag_to_nth_claim_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  GPtrArray *claims = cf_sidebar_get_claims (self->sidebar);
  guint n = g_variant_get_uint32 (parameter);

  if (claims == NULL || n == 0 || n > claims->len)
    {
      g_autofree char *text = g_strdup_printf (_("There is no claim %u in the sidebar"), n);

      cf_window_add_toast (self, text);
      return;
    }
  tag_selection (self, cf_claim_get_id (g_ptr_array_index (claims, n - 1)), CF_STANCE_SUPPORTS,
                 NULL, NULL);
}

static void
untag_from_claim_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  gint64 claim_id = g_variant_get_int64 (parameter);
  g_autoptr(GArray) ids = cf_document_table_get_selected_ids (self->table);
  g_autoptr(CfEdit) edit = NULL;
  g_autofree char *count = cf_format_count (ids->len);
  g_autofree char *label = NULL;
  g_autofree char *done = NULL;
  const char *title = claim_title (self, claim_id);

  if (ids->len == 0 || title == NULL)
    return;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Untag %s Document from “%s”",
                                        "Untag %s Documents from “%s”", ids->len), count, title);
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Untagged %s document from “%s”",
                                       "Untagged %s documents from “%s”", ids->len), count, title);
  edit = cf_edit_new (label);
  cf_edit_untag (edit, claim_id, (const gint64 *) (gpointer) ids->data, ids->len);
  cf_window_apply_edit (self, edit, done);
}

void
cf_window_rebuild_claim_menus (CfWindow *self)
{
  GPtrArray *claims = cf_sidebar_get_claims (self->sidebar);

  g_menu_remove_all (self->tag_menu);
  g_menu_remove_all (self->untag_menu);
  for (guint i = 0; claims && i < claims->len; i++)
    {
      CfClaim *claim = g_ptr_array_index (claims, i);
      g_autofree char *indent = g_strnfill (cf_claim_get_depth (claim) * 3, ' ');
      g_autofree char *label = NULL;
      g_autofree char *escaped = NULL;
      g_auto(GStrv) title = NULL;
      g_autoptr(GMenuItem) tag = NULL;
      g_autoptr(GMenuItem) untag = NULL;

      /* Menu labels take mnemonics: a "_" in a title must stay one. */
      title = g_strsplit (cf_claim_get_title (claim), "_", -1);
      escaped = g_strjoinv ("__", title);
      label = g_strconcat (indent, escaped, NULL);
      tag = g_menu_item_new (NULL, NULL);
      g_menu_item_set_attribute (tag, "label", "s", label);
      g_menu_item_set_action_and_target_value (tag, "win.tag-to-claim",
                                               g_variant_new_int64 (cf_claim_get_id (claim)));
      /* Shows the Ctrl+1…9 that tags to the first nine claims. */
      if (i < 9)
        {
          g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);

          g_menu_item_set_attribute (tag, "accel", "s", accel);
        }
      g_menu_append_item (self->tag_menu, tag);
      untag = g_menu_item_new (NULL, NULL);
      g_menu_item_set_attribute (untag, "label", "s", label);
      g_menu_item_set_action_and_target_value (untag, "win.untag-from-claim",
                                               g_variant_new_int64 (cf_claim_get_id (claim)));
      g_menu_append_item (self->untag_menu, untag);
    }
}

/* Privilege ---------------------------------------------------------------------- */

static void
on_privilege_response (AdwMessageDialog *dialog,
                       const char       *response,
                       CfWindow         *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "cf-entry");
  g_autofree char *basis = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CfEdit) edit = NULL;
  g_autofree char *count = NULL;
  g_autofree char *label = NULL;

  if (g_strcmp0 (response, "mark") != 0 || basis[0] == '\0')
    return;
  ids = cf_document_table_get_selected_ids (self->table);
  count = cf_format_count (ids->len);
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mark %s Document Privileged",
                                        "Mark %s Documents Privileged", ids->len), count);
  edit = cf_edit_new (label);
  for (guint i = 0; i < ids->len; i++)
    cf_edit_privilege (edit, g_array_index (ids, gint64, i), basis);
  g_settings_set_string (self->settings, "last-privilege-basis", basis);
  cf_window_apply_edit (self, edit, label);
}

static void
on_basis_changed (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  g_autofree char *basis = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "mark", basis[0] != '\0');
}

static void
mark_privileged_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  guint n = cf_document_table_get_n_selected (self->table);
  g_autofree char *count = cf_format_count (n);
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Mark %s Document Privileged?",
                                                           "Mark %s Documents Privileged?", n),
                                              count);
  g_autofree char *last = g_settings_get_string (self->settings, "last-privilege-basis");
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
    _("Privileged documents are withheld from the bundle and listed in its privilege log "
      "with this basis. Their unlocked exhibit numbers are withdrawn.")));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Basis, e.g. attorney–client communication"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), last ? last : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Basis of the privilege"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "mark", _("_Mark Privileged"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "mark", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "mark");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "cf-entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_basis_changed), dialog);
  on_basis_changed (GTK_EDITABLE (entry), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_privilege_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
clear_privilege_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  g_autoptr(GArray) ids = cf_document_table_get_selected_ids (self->table);
  CfCase *reader = cf_session_get_reader (self->session);
  g_autoptr(CfEdit) edit = NULL;
  guint n = 0;

  edit = cf_edit_new (_("Clear Privilege"));
  /* Only those that are privileged: clearing the others would only add
   * noise to their custody log. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CfDocument) document = cf_case_get_document (reader, g_array_index (ids, gint64, i), NULL);

      if (document != NULL && cf_document_get_privileged (document))
        {
          cf_edit_privilege (edit, cf_document_get_id (document), NULL);
          n++;
        }
    }
  if (n == 0)
    {
      cf_window_add_toast (self, _("None of the selected documents is privileged"));
      return;
    }
  cf_window_apply_edit (self, edit, _("Privilege cleared"));
}

/* Undo and redo --------------------------------------------------------------------- */

static void
on_history_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CfWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = cf_session_history_finish (CF_SESSION (object), result, &error);
  gboolean undone = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "cf-undoing"));
  g_autofree char *text = NULL;

  if (label == NULL)
    {
      cf_show_error (GTK_WIDGET (self), undone ? _("Could not undo") : _("Could not redo"), error);
      return;
    }
  text = g_strdup_printf (undone ? _("Undone: %s") : _("Redone: %s"), label);
  cf_window_add_toast (self, text);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  gboolean undo = g_str_equal (action_name, "win.undo");

  g_object_set_data (G_OBJECT (self), "cf-undoing", GINT_TO_POINTER (undo));
  if (undo)
    cf_session_undo_async (self->session, on_history_done, g_object_ref (self));
  else
    cf_session_redo_async (self->session, on_history_done, g_object_ref (self));
}

/* Cases -------------------------------------------------------------------------- */

static void
on_new_case (CfNewCaseDialog *dialog,
             CfWindow        *self)
{
  CfCaseSettings settings = { 0 };
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = cf_new_case_dialog_dup_path (dialog);

  cf_new_case_dialog_get_settings (dialog, &settings);
  parent = g_file_new_for_path (path);
  parent = g_file_get_parent (parent);
  cf_window_remember_folder (self, "last-case-folder", parent);
  cf_window_create_case (self, path, &settings);
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  g_autoptr(GFile) folder = cf_window_dup_folder (self, "last-case-folder");
  CfNewCaseDialog *dialog = cf_new_case_dialog_new (GTK_WINDOW (self), folder);

  g_signal_connect_object (dialog, "create", G_CALLBACK (on_new_case), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_response (GtkNativeDialog *chooser,
                  int              response,
                  CfWindow        *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = folder ? g_file_get_path (folder) : NULL;
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (path == NULL)
    return;

  if (!cf_case_is_case_folder (path))
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                             _("%s is not a case folder (it has no case database). "
                                               "Choose the folder Casefile created for the case."),
                                             path);

      cf_show_error (GTK_WIDGET (self), _("Could not open the case"), error);
      return;
    }
  {
    g_autoptr(GFile) parent = g_file_get_parent (folder);

    cf_window_remember_folder (self, "last-case-folder", parent);
  }
  cf_window_open_case (self, path, FALSE);
}

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  g_autoptr(GFile) folder = cf_window_dup_folder (self, "last-case-folder");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Case"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Numbering, export, verify, check ----------------------------------------------------- */

static void
on_dialog_busy (GObject    *dialog,
                GParamSpec *pspec,
                CfWindow   *self)
{
  gboolean busy = FALSE;

  g_object_get (dialog, "busy", &busy, NULL);
  cf_window_set_exclusive_busy (self, busy);
}

static void
on_dialog_destroyed (GtkWidget *dialog,
                     CfWindow  *self)
{
  cf_window_set_exclusive_busy (self, FALSE);
}

static void
watch_busy (CfWindow  *self,
            GtkWidget *dialog)
{
  g_signal_connect_object (dialog, "notify::busy", G_CALLBACK (on_dialog_busy), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroyed), self, 0);
}

/* win.number-then-export: the export found documents without numbers;
 * once they have them, the export comes back. */
static void
number_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  CfNumberingDialog *dialog = cf_numbering_dialog_new (GTK_WINDOW (self), self->session);

  if (g_str_equal (action_name, "win.number-then-export"))
    cf_numbering_dialog_set_then_action (dialog, "win.export");
  watch_busy (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  CfExportDialog *dialog = cf_export_dialog_new (GTK_WINDOW (self), self->session,
                                                 cf_sidebar_get_claims (self->sidebar));

  watch_busy (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
verify_bundle_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CfVerifyDialog *dialog = cf_verify_dialog_new (GTK_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_case_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  CfCheckDialog *dialog = cf_check_dialog_new (GTK_WINDOW (self), self->session);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_import_report_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  CfImportReport *report = cf_import_report_new (GTK_WINDOW (self), G_LIST_MODEL (self->import_notes));

  gtk_window_present (GTK_WINDOW (report));
}

/* Views ---------------------------------------------------------------------------------- */

static void
show_unreadable_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  cf_sidebar_select_view (self->sidebar, CF_DOCUMENT_VIEW_UNREADABLE, 0);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
toggle_details_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->details), !gtk_widget_get_visible (GTK_WIDGET (self->details)));
}

static void
new_claim_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->sidebar), "sidebar.add-claim", NULL);
}

static void
focus_list_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);

  cf_document_table_grab_focus (self->table);
}

static void
focus_claims_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_child_focus (GTK_WIDGET (self->sidebar), GTK_DIR_TAB_FORWARD);
}

/* The preview's pages from anywhere in the window: Alt+Page Up/Down turn
 * them (Page Up/Down alone move through the list), Ctrl+plus/minus/0 zoom. */
static void
preview_page_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  const char *page_action = strchr (action_name, '.') + 1 + strlen ("preview-");
  g_autofree char *name = g_strdup_printf ("page.%s", page_action);

  cf_details_pane_page_action (self->details, name);
}

void
cf_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.open-case", NULL, open_case_action);
  gtk_widget_class_install_action (widget_class, "win.tag", NULL, tag_action);
  gtk_widget_class_install_action (widget_class, "win.tag-to-claim", "x", tag_to_claim_action);
  gtk_widget_class_install_action (widget_class, "win.tag-to-nth-claim", "u", tag_to_nth_claim_action);
  gtk_widget_class_install_action (widget_class, "win.untag-from-claim", "x", untag_from_claim_action);
  gtk_widget_class_install_action (widget_class, "win.mark-privileged", NULL, mark_privileged_action);
  gtk_widget_class_install_action (widget_class, "win.clear-privilege", NULL, clear_privilege_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.number", NULL, number_action);
  gtk_widget_class_install_action (widget_class, "win.number-then-export", NULL, number_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.verify-bundle", NULL, verify_bundle_action);
  gtk_widget_class_install_action (widget_class, "win.check-case", NULL, check_case_action);
  gtk_widget_class_install_action (widget_class, "win.show-import-report", NULL, show_import_report_action);
  gtk_widget_class_install_action (widget_class, "win.show-unreadable", NULL, show_unreadable_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-details", NULL, toggle_details_action);
  gtk_widget_class_install_action (widget_class, "win.new-claim", NULL, new_claim_action);
  gtk_widget_class_install_action (widget_class, "win.focus-list", NULL, focus_list_action);
  gtk_widget_class_install_action (widget_class, "win.focus-claims", NULL, focus_claims_action);
  gtk_widget_class_install_action (widget_class, "win.preview-go-previous", NULL, preview_page_action);
  gtk_widget_class_install_action (widget_class, "win.preview-go-next", NULL, preview_page_action);
  gtk_widget_class_install_action (widget_class, "win.preview-zoom-in", NULL, preview_page_action);
  gtk_widget_class_install_action (widget_class, "win.preview-zoom-out", NULL, preview_page_action);
  gtk_widget_class_install_action (widget_class, "win.preview-zoom-fit", NULL, preview_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.tag", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.mark-privileged", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.number", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "win.toggle-details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-claim", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.focus-list", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.focus-claims", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK,
                                       "win.preview-go-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "win.preview-go-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.preview-zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.preview-zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.preview-zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.preview-zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.preview-zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.preview-zoom-fit", NULL);
  for (guint n = 1; n <= 9; n++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + n, GDK_CONTROL_MASK,
                                         "win.tag-to-nth-claim", "u", n);
}
