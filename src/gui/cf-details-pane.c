/* cf-details-pane.c — the selected document's details (see
 * cf-details-pane.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-details-pane.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cf-extraction.h"
#include "cf-gui-util.h"
#include "cf-preview.h"

/* A document's log grows with each tag; the newest entries say the most. */
#define CUSTODY_ROWS_MAX 200

struct _CfDetailsPane
{
  GtkWidget parent_instance;

  GtkStack *stack;
  AdwStatusPage *many_page;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkWidget *family_button;
  GtkLabel *family_label;
  CfPreview *preview;
  AdwPreferencesGroup *claims_group;
  AdwEntryRow *title_row;
  AdwEntryRow *date_row;
  AdwEntryRow *author_row;
  AdwActionRow *exhibit_row;
  GtkImage *exhibit_lock;
  AdwActionRow *privilege_row;
  GtkButton *privilege_button;
  AdwActionRow *name_row;
  AdwActionRow *source_row;
  AdwActionRow *type_row;
  AdwActionRow *sha_row;
  AdwActionRow *imported_row;
  AdwActionRow *status_row;
  AdwActionRow *recipients_row;
  AdwActionRow *reading_row;
  AdwPreferencesGroup *warnings_group;
  AdwPreferencesGroup *custody_group;

  CfSession *session;
  CfDocument *document;
  GPtrArray *dynamic_rows;   /* rows added to the groups, to remove on reload */
  gint64 family_head;        /* the document this one belongs to, or 0 */
};

G_DEFINE_FINAL_TYPE (CfDetailsPane, cf_details_pane, GTK_TYPE_WIDGET)

enum {
  OPEN_DOCUMENT,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void reload (CfDetailsPane *self);

/* Edits -------------------------------------------------------------------- */

static void
on_edit_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CfDetailsPane) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cf_session_apply_finish (CF_SESSION (object), result, &error))
    {
      cf_show_error (GTK_WIDGET (self), _("Could not change the document"), error);
      /* Show what the case holds, not what was typed. */
      reload (self);
    }
}

static void
apply (CfDetailsPane *self,
       CfEdit        *edit)
{
  if (self->session == NULL)
    return;
  cf_session_apply_async (self->session, edit, on_edit_done, g_object_ref (self));
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
on_title_apply (CfDetailsPane *self)
{
  g_autofree char *title = entry_text (self->title_row);
  g_autoptr(CfEdit) edit = NULL;

  if (self->document == NULL || g_strcmp0 (title, cf_document_get_title (self->document)) == 0)
    return;
  edit = cf_edit_new (_("Edit Title"));
  cf_edit_document (edit, cf_document_get_id (self->document), title, NULL, NULL);
  apply (self, edit);
}

static void
on_date_apply (CfDetailsPane *self)
{
  g_autofree char *date = entry_text (self->date_row);
  g_autoptr(CfEdit) edit = NULL;

  if (self->document == NULL)
    return;
  edit = cf_edit_new (_("Edit Date"));
  cf_edit_document (edit, cf_document_get_id (self->document), NULL, date, NULL);
  apply (self, edit);
}

static void
on_author_apply (CfDetailsPane *self)
{
  g_autofree char *author = entry_text (self->author_row);
  g_autoptr(CfEdit) edit = NULL;

  if (self->document == NULL)
    return;
  edit = cf_edit_new (_("Edit Author"));
  cf_edit_document (edit, cf_document_get_id (self->document), NULL, NULL, author);
  apply (self, edit);
}

/* A tag row remembers its claim and what the tag said. */
typedef struct
{
  CfDetailsPane *self;
  gint64 claim_id;
  char *claim_title;
} TagRow;

static void
tag_row_free (TagRow *row)
{
  g_free (row->claim_title);
  g_free (row);
}

static void
retag (TagRow     *row,
       int         stance,
       const char *pinpoint,
       const char *note,
       const char *label)
{
  CfDetailsPane *self = row->self;
  g_autoptr(CfEdit) edit = NULL;
  gint64 id;
  g_autoptr(GPtrArray) tags = NULL;
  CfStance current = CF_STANCE_SUPPORTS;

  if (self->document == NULL)
    return;
  id = cf_document_get_id (self->document);
  /* A re-tag states the stance; keep the one the case holds when only the
   * pinpoint or note changes. */
  tags = cf_case_list_tags (cf_session_get_reader (self->session), id, NULL);
  for (guint i = 0; tags && i < tags->len; i++)
    if (cf_tag_get_claim_id (g_ptr_array_index (tags, i)) == row->claim_id)
      current = cf_tag_get_stance (g_ptr_array_index (tags, i));
  edit = cf_edit_new (label);
  cf_edit_tag (edit, row->claim_id, &id, 1, stance >= 0 ? (CfStance) stance : current,
               pinpoint, note);
  apply (self, edit);
}

static void
on_stance_changed (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   TagRow      *row)
{
  retag (row, adw_combo_row_get_selected (combo), NULL, NULL, _("Change Stance"));
}

static void
on_pinpoint_apply (AdwEntryRow *entry,
                   TagRow      *row)
{
  g_autofree char *text = entry_text (entry);

  retag (row, -1, text, NULL, _("Edit Pinpoint"));
}

static void
on_note_apply (AdwEntryRow *entry,
               TagRow      *row)
{
  g_autofree char *text = entry_text (entry);

  retag (row, -1, NULL, text, _("Edit Note"));
}

static void
on_untag_clicked (GtkButton *button,
                  TagRow    *row)
{
  CfDetailsPane *self = row->self;
  g_autoptr(CfEdit) edit = NULL;
  g_autofree char *label = NULL;
  gint64 id;

  if (self->document == NULL)
    return;
  id = cf_document_get_id (self->document);
  label = g_strdup_printf (_("Untag from “%s”"), row->claim_title);
  edit = cf_edit_new (label);
  cf_edit_untag (edit, row->claim_id, &id, 1);
  apply (self, edit);
}

/* A member of a family says whose: "Attachment of “…”" for a mail's, "In
 * “…”" for an archive's; the button goes there. */
static void
show_family_head (CfDetailsPane *self,
                  CfCase        *reader,
                  CfDocument    *document)
{
  g_autoptr(CfDocument) head = NULL;
  g_autofree char *text = NULL;
  const char *mime;

  self->family_head = cf_document_get_parent_id (document);
  if (self->family_head > 0)
    head = cf_case_get_document (reader, self->family_head, NULL);
  gtk_widget_set_visible (self->family_button, head != NULL);
  if (head == NULL)
    return;
  mime = cf_document_get_mime_type (head);
  if (g_strcmp0 (mime, "message/rfc822") == 0 || g_strcmp0 (mime, "application/vnd.ms-outlook") == 0)
    text = g_strdup_printf (_("Attachment of “%s”"), cf_document_get_title (head));
  else if (g_strcmp0 (mime, "application/mbox") == 0)
    text = g_strdup_printf (_("Message in “%s”"), cf_document_get_title (head));
  else
    text = g_strdup_printf (_("Member of “%s”"), cf_document_get_title (head));
  gtk_label_set_text (self->family_label, text);
}

static void
on_family_clicked (CfDetailsPane *self)
{
  if (self->family_head > 0)
    g_signal_emit (self, signals [OPEN_DOCUMENT], 0, self->family_head);
}

static void
on_open_document (CfDetailsPane *self,
                  gint64         id)
{
  g_signal_emit (self, signals [OPEN_DOCUMENT], 0, id);
}

/* Building the rows ------------------------------------------------------------ */

static void
add_row (CfDetailsPane       *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, g_object_ref (row));
}

static void
clear_dynamic_rows (CfDetailsPane *self)
{
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);
}

static GtkWidget *
tag_row_new (CfDetailsPane *self,
             CfTag         *tag,
             gboolean       writable)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *stance = adw_combo_row_new ();
  GtkWidget *pinpoint = adw_entry_row_new ();
  GtkWidget *note = adw_entry_row_new ();
  GtkWidget *untag_row = adw_action_row_new ();
  GtkWidget *untag = gtk_button_new_with_mnemonic (_("_Untag"));
  g_autoptr(GtkStringList) stances = gtk_string_list_new (NULL);
  g_autoptr(GString) subtitle = g_string_new (cf_stance_label (cf_tag_get_stance (tag)));
  TagRow *row = g_new0 (TagRow, 1);

  row->self = self;
  row->claim_id = cf_tag_get_claim_id (tag);
  row->claim_title = g_strdup (cf_tag_get_claim_title (tag));
  g_object_set_data_full (G_OBJECT (expander), "cf-tag-row", row, (GDestroyNotify) tag_row_free);

  if (cf_tag_get_pinpoint (tag) && cf_tag_get_pinpoint (tag)[0])
    g_string_append_printf (subtitle, " · %s", cf_tag_get_pinpoint (tag));
  /* Titles and pinpoints are the user's text ("R&D", "<제4조>"), not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), cf_tag_get_claim_title (tag));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle->str);

  gtk_string_list_append (stances, cf_stance_label (CF_STANCE_SUPPORTS));
  gtk_string_list_append (stances, cf_stance_label (CF_STANCE_UNDERMINES));
  gtk_string_list_append (stances, cf_stance_label (CF_STANCE_CONTEXT));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (stance), _("Stance"));
  adw_combo_row_set_model (ADW_COMBO_ROW (stance), G_LIST_MODEL (stances));
  adw_combo_row_set_selected (ADW_COMBO_ROW (stance), cf_tag_get_stance (tag));
  gtk_widget_set_sensitive (stance, writable);
  g_signal_connect (stance, "notify::selected", G_CALLBACK (on_stance_changed), row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pinpoint), _("Pinpoint (page, article, quote)"));
  gtk_editable_set_text (GTK_EDITABLE (pinpoint), cf_tag_get_pinpoint (tag) ? cf_tag_get_pinpoint (tag) : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (pinpoint), TRUE);
  gtk_editable_set_editable (GTK_EDITABLE (pinpoint), writable);
  g_signal_connect (pinpoint, "apply", G_CALLBACK (on_pinpoint_apply), row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("Why it matters"));
  gtk_editable_set_text (GTK_EDITABLE (note), cf_tag_get_note (tag) ? cf_tag_get_note (tag) : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (note), TRUE);
  gtk_editable_set_editable (GTK_EDITABLE (note), writable);
  g_signal_connect (note, "apply", G_CALLBACK (on_note_apply), row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (untag_row), _("Remove from this claim"));
  gtk_widget_set_valign (untag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (untag, "destructive-action");
  gtk_widget_set_sensitive (untag, writable);
  g_signal_connect (untag, "clicked", G_CALLBACK (on_untag_clicked), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (untag_row), untag);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), stance);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), pinpoint);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), note);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), untag_row);
  gtk_widget_add_css_class (expander, "cf-tag-row");
  return expander;
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (row), text != NULL && text[0] != '\0');
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (row));

  if (g_strcmp0 (shown, text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
fill_claims (CfDetailsPane *self,
             CfCase        *reader,
             gint64         id,
             gboolean       writable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = cf_case_list_tags (reader, id, &error);

  if (tags == NULL)
    {
      g_debug ("Could not list tags: %s", error->message);
      return;
    }
  for (guint i = 0; i < tags->len; i++)
    add_row (self, self->claims_group, tag_row_new (self, g_ptr_array_index (tags, i), writable));
  adw_preferences_group_set_description (self->claims_group,
                                         tags->len == 0
                                         ? _("Not tagged yet. Drag it onto a claim in the sidebar, "
                                             "or press Ctrl+T.")
                                         : NULL);
}

static void
fill_warnings (CfDetailsPane *self,
               CfCase        *reader,
               gint64         id)
{
  g_auto(GStrv) warnings = cf_case_list_warnings (reader, id, NULL);
  guint n = 0;

  for (guint i = 0; warnings && warnings[i] && warnings[i + 1]; i += 2, n++)
    {
      GtkWidget *row = adw_action_row_new ();
      const char *label = cf_warning_label (warnings[i]);

      /* The particulars (which attachment, which header) are in the core's
       * sentence, in English: at hand as the tooltip. */
      /* The core's sentences name files and addresses ("<a@b>"). */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label ? label : warnings[i + 1]);
      if (label != NULL)
        gtk_widget_set_tooltip_text (row, warnings[i + 1]);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      add_row (self, self->warnings_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), n > 0);
}

static void
fill_custody (CfDetailsPane *self,
              CfCase        *reader,
              gint64         id)
{
  g_autoptr(GPtrArray) entries = cf_case_list_custody (reader, id, NULL);
  guint first;

  if (entries == NULL)
    return;
  first = entries->len > CUSTODY_ROWS_MAX ? entries->len - CUSTODY_ROWS_MAX : 0;
  /* Newest first. */
  for (guint i = entries->len; i > first; i--)
    {
      CfCustodyEntry *entry = g_ptr_array_index (entries, i - 1);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = cf_format_timestamp (entry->time);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s@%s · #%" G_GINT64_FORMAT,
                                                   when, entry->user, entry->host, entry->seq);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     cf_custody_action_label (entry->action));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, entry->details);
      add_row (self, self->custody_group, row);
    }
}

static void
reload (CfDetailsPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CfDocument) document = NULL;
  g_autofree char *type = NULL;
  g_autofree char *size = NULL;
  g_autofree char *type_size = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *object_path = NULL;
  g_autofree char *shown = NULL;
  GString *subtitle;
  CfCase *reader;
  gboolean writable;
  gint64 id;

  if (self->document == NULL || self->session == NULL)
    return;
  reader = cf_session_get_reader (self->session);
  id = cf_document_get_id (self->document);
  document = cf_case_get_document (reader, id, &error);
  if (document == NULL)
    {
      g_debug ("Could not read document %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }
  g_set_object (&self->document, document);
  writable = !cf_session_get_read_only (self->session);

  gtk_label_set_text (self->title_label, cf_document_get_title (document));
  subtitle = g_string_new (NULL);
  if (cf_document_get_exhibit (document) != NULL)
    g_string_append (subtitle, cf_document_get_exhibit (document));
  if (cf_document_get_n_children (document) > 0)
    {
      guint n = cf_document_get_n_children (document);
      g_autofree char *family = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Family of %u member",
                                                              "Family of %u members", n), n);

      g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", family);
    }
  gtk_label_set_text (self->subtitle_label, subtitle->str);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle->len > 0);
  g_string_free (subtitle, TRUE);
  show_family_head (self, reader, document);

  set_entry (self->title_row, cf_document_get_title (document));
  set_entry (self->date_row, cf_document_get_date (document));
  set_entry (self->author_row, cf_document_get_author (document));
  gtk_editable_set_editable (GTK_EDITABLE (self->title_row), writable);
  gtk_editable_set_editable (GTK_EDITABLE (self->date_row), writable);
  gtk_editable_set_editable (GTK_EDITABLE (self->author_row), writable);

  adw_action_row_set_subtitle (self->exhibit_row, cf_document_get_exhibit (document)
                               ? cf_document_get_exhibit (document) : _("Not numbered"));
  gtk_widget_set_visible (GTK_WIDGET (self->exhibit_lock), cf_document_get_exhibit_locked (document));

  if (cf_document_get_privileged (document))
    {
      adw_action_row_set_subtitle (self->privilege_row, cf_document_get_privilege_basis (document));
      gtk_button_set_label (self->privilege_button, _("_Clear"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->privilege_button), "win.clear-privilege");
    }
  else
    {
      adw_action_row_set_subtitle (self->privilege_row, _("Not privileged"));
      gtk_button_set_label (self->privilege_button, _("_Mark…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->privilege_button), "win.mark-privileged");
    }

  set_subtitle (self->recipients_row, cf_document_get_recipients (document));
  set_subtitle (self->name_row, cf_document_get_name (document));
  set_subtitle (self->source_row, cf_document_get_source (document));
  type = cf_describe_mime_type (cf_document_get_mime_type (document));
  size = g_format_size (cf_document_get_size (document));
  if (cf_document_get_pages (document) > 0)
    {
      g_autofree char *n = cf_format_count (cf_document_get_pages (document));
      g_autofree char *pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page", "%s pages",
                                                             cf_document_get_pages (document)), n);

      type_size = g_strdup_printf ("%s · %s · %s", type, pages, size);
    }
  else
    type_size = g_strdup_printf ("%s · %s", type, size);
  set_subtitle (self->reading_row, cf_text_status_label (cf_document_get_text_status (document)));
  set_subtitle (self->type_row, type_size);
  set_subtitle (self->sha_row, cf_document_get_sha256 (document));
  imported = cf_format_timestamp (cf_document_get_imported (document));
  set_subtitle (self->imported_row, imported);
  set_subtitle (self->status_row, cf_document_get_status (document) != CF_STATUS_OK
                ? (cf_document_get_problem (document) ? cf_document_get_problem (document)
                                                       : _("No reason was recorded"))
                : NULL);

  clear_dynamic_rows (self);
  fill_claims (self, reader, id, writable);
  fill_warnings (self, reader, id);
  fill_custody (self, reader, id);

  /* The preview shows again only when what it shows changed. */
  cf_preview_show_document (self->preview, document);
}

static void
copy_sha256_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CfDetailsPane *self = CF_DETAILS_PANE (widget);

  if (self->document == NULL || cf_document_get_sha256 (self->document) == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), cf_document_get_sha256 (self->document));
  cf_show_toast (widget, _("SHA-256 copied"));
}

/* GObject ----------------------------------------------------------------------- */

static void
on_documents_changed (CfSession     *session,
                      GArray        *ids,
                      CfDetailsPane *self)
{
  gint64 id;

  if (self->document == NULL)
    return;
  id = cf_document_get_id (self->document);
  for (guint i = 0; ids == NULL || i < ids->len; i++)
    if (ids == NULL || g_array_index (ids, gint64, i) == id)
      {
        reload (self);
        return;
      }
}

static void
on_claims_changed (CfSession     *session,
                   CfDetailsPane *self)
{
  /* A claim's title may have changed. */
  reload (self);
}

static void
cf_details_pane_dispose (GObject *object)
{
  CfDetailsPane *self = CF_DETAILS_PANE (object);

  cf_details_pane_set_session (self, NULL);
  g_clear_pointer ((GtkWidget **) &self->stack, gtk_widget_unparent);
  g_clear_object (&self->document);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (cf_details_pane_parent_class)->dispose (object);
}

static void
cf_details_pane_class_init (CfDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_details_pane_dispose;

  /**
   * CfDetailsPane::open-document:
   * @id: a document to go to: the family it belongs to, or a member
   */
  signals [OPEN_DOCUMENT] =
    g_signal_new ("open-document", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (CF_TYPE_PREVIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, many_page);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, family_button);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, family_label);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, preview);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, claims_group);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, title_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, date_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, author_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, exhibit_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, exhibit_lock);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, privilege_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, privilege_button);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, name_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, source_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, type_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, sha_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, imported_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, status_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, recipients_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, reading_row);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, CfDetailsPane, custody_group);
  gtk_widget_class_bind_template_callback (widget_class, on_title_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_date_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_author_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_family_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_document);

  gtk_widget_class_install_action (widget_class, "details.copy-sha256", NULL, copy_sha256_action);
}

static void
cf_details_pane_init (CfDetailsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dynamic_rows = g_ptr_array_new_with_free_func (g_object_unref);
}

void
cf_details_pane_set_session (CfDetailsPane *self,
                             CfSession     *session)
{
  g_return_if_fail (CF_IS_DETAILS_PANE (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (self->preview != NULL)
    cf_preview_set_session (self->preview, session);
  if (session != NULL)
    {
      g_signal_connect (session, "documents-changed", G_CALLBACK (on_documents_changed), self);
      g_signal_connect (session, "claims-changed", G_CALLBACK (on_claims_changed), self);
    }
  if (self->stack != NULL)
    cf_details_pane_show (self, 0, 0);
}

void
cf_details_pane_show (CfDetailsPane *self,
                      gint64         id,
                      guint          n_selected)
{
  g_return_if_fail (CF_IS_DETAILS_PANE (self));

  if (n_selected != 1 || id <= 0)
    cf_preview_show_document (self->preview, NULL);
  if (n_selected > 1)
    {
      g_autofree char *count = cf_format_count (n_selected);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Document Selected",
                                                             "%s Documents Selected", n_selected),
                                                count);

      g_clear_object (&self->document);
      adw_status_page_set_title (self->many_page, title);
      gtk_stack_set_visible_child_name (self->stack, "many");
      return;
    }
  if (id <= 0 || self->session == NULL)
    {
      g_clear_object (&self->document);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  if (self->document == NULL || cf_document_get_id (self->document) != id)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CfDocument) document = cf_case_get_document (cf_session_get_reader (self->session),
                                                             id, &error);

      if (document == NULL)
        {
          cf_show_error (GTK_WIDGET (self), _("Could not read the document"), error);
          return;
        }
      g_set_object (&self->document, document);
      /* Another document: start at the top. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                                  GTK_SCROLLED_WINDOW (gtk_stack_get_child_by_name (self->stack, "one"))), 0);
    }
  reload (self);
  gtk_stack_set_visible_child_name (self->stack, "one");
}

gint64
cf_details_pane_get_document (CfDetailsPane *self)
{
  g_return_val_if_fail (CF_IS_DETAILS_PANE (self), 0);
  return self->document ? cf_document_get_id (self->document) : 0;
}

void
cf_details_pane_set_highlights (CfDetailsPane      *self,
                                const char * const *terms)
{
  g_return_if_fail (CF_IS_DETAILS_PANE (self));
  cf_preview_set_highlights (self->preview, terms);
}

gboolean
cf_details_pane_page_action (CfDetailsPane *self,
                             const char    *action)
{
  CfPreviewKind kind;

  g_return_val_if_fail (CF_IS_DETAILS_PANE (self), FALSE);

  kind = cf_preview_get_kind (self->preview);
  if (self->document == NULL || (kind != CF_PREVIEW_PAGES && kind != CF_PREVIEW_IMAGE))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (cf_preview_get_page_view (self->preview)), action, NULL);
}
