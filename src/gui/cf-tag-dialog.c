/* cf-tag-dialog.c — tagging from the keyboard (see cf-tag-dialog.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-tag-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cf-gui-util.h"

struct _CfTagDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *title;
  GtkButton *tag_button;
  GtkSearchEntry *search_entry;
  GtkListBox *claims_list;
  AdwComboRow *stance_row;
  AdwEntryRow *pinpoint_row;
  AdwEntryRow *note_row;

  char *pinpoint;
  char *note;
};

G_DEFINE_FINAL_TYPE (CfTagDialog, cf_tag_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static gint64
row_claim (GtkListBoxRow *row)
{
  return row ? (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "cf-claim-id")) : 0;
}

static void
update_enabled (CfTagDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->claims_list);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tag.confirm",
                                 row != NULL && gtk_widget_get_child_visible (GTK_WIDGET (row)));
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  CfTagDialog *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *title = g_object_get_data (G_OBJECT (row), "cf-folded-title");
  g_autofree char *folded = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;
  folded = g_utf8_casefold (text, -1);
  return strstr (title, folded) != NULL;
}

static void
on_search_changed (CfTagDialog *self)
{
  GtkListBoxRow *first = NULL;

  gtk_list_box_invalidate_filter (self->claims_list);
  /* Keep a visible claim selected so Enter tags to it. */
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->claims_list, i);

      if (row == NULL)
        break;
      if (filter_row (row, self))
        {
          first = row;
          break;
        }
    }
  {
    GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->claims_list);

    if (selected == NULL || !filter_row (selected, self))
      gtk_list_box_select_row (self->claims_list, first);
  }
  update_enabled (self);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CfTagDialog *self = CF_TAG_DIALOG (widget);
  g_autofree char *pinpoint = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pinpoint_row))));
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));

  if (cf_tag_dialog_get_claim_id (self) <= 0)
    return;
  g_free (self->pinpoint);
  g_free (self->note);
  self->pinpoint = pinpoint[0] ? g_steal_pointer (&pinpoint) : NULL;
  self->note = note[0] ? g_steal_pointer (&note) : NULL;
  g_signal_emit (self, signals [DONE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_search_activate (CfTagDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "tag.confirm", NULL);
}

/* Escape in the filter clears it first, then closes the dialog. */
static void
on_stop_search (CfTagDialog *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_row_activated (CfTagDialog   *self,
                  GtkListBoxRow *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "tag.confirm", NULL);
}

static void
cf_tag_dialog_finalize (GObject *object)
{
  CfTagDialog *self = CF_TAG_DIALOG (object);

  g_free (self->pinpoint);
  g_free (self->note);
  G_OBJECT_CLASS (cf_tag_dialog_parent_class)->finalize (object);
}

static void
cf_tag_dialog_class_init (CfTagDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cf_tag_dialog_finalize;

  signals [DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-tag-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CfTagDialog, title);
  gtk_widget_class_bind_template_child (widget_class, CfTagDialog, tag_button);
  gtk_widget_class_bind_template_child (widget_class, CfTagDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CfTagDialog, claims_list);
  gtk_widget_class_bind_template_child (widget_class, CfTagDialog, stance_row);
  gtk_widget_class_bind_template_child (widget_class, CfTagDialog, pinpoint_row);
  gtk_widget_class_bind_template_child (widget_class, CfTagDialog, note_row);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);

  gtk_widget_class_install_action (widget_class, "tag.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cf_tag_dialog_init (CfTagDialog *self)
{
  g_autoptr(GtkStringList) stances = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->tag_button));
  gtk_list_box_set_filter_func (self->claims_list, filter_row, self, NULL);
  g_signal_connect_swapped (self->claims_list, "row-selected", G_CALLBACK (update_enabled), self);
  gtk_string_list_append (stances, cf_stance_label (CF_STANCE_SUPPORTS));
  gtk_string_list_append (stances, cf_stance_label (CF_STANCE_UNDERMINES));
  gtk_string_list_append (stances, cf_stance_label (CF_STANCE_CONTEXT));
  adw_combo_row_set_model (self->stance_row, G_LIST_MODEL (stances));
  /* The search entry types into the filter; arrows move in the list. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

CfTagDialog *
cf_tag_dialog_new (GtkWindow *parent,
                   GPtrArray *claims,
                   guint      n_documents,
                   gint64     claim_id)
{
  CfTagDialog *self = g_object_new (CF_TYPE_TAG_DIALOG, "transient-for", parent, NULL);
  g_autofree char *count = cf_format_count (n_documents);
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s document",
                                                            "%s documents", n_documents), count);

  gtk_window_set_title (GTK_WINDOW (self), _("Tag to Claim"));
  adw_window_title_set_title (self->title, _("Tag to Claim"));
  adw_window_title_set_subtitle (self->title, subtitle);

  for (guint i = 0; i < claims->len; i++)
    {
      CfClaim *claim = g_ptr_array_index (claims, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cf_claim_get_title (claim));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (cf_claim_get_side (claim) == CF_SIDE_THEIRS)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cf_side_label (CF_SIDE_THEIRS));
      /* Sub-claims sit indented under their parent. */
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 g_object_new (GTK_TYPE_BOX, "width-request",
                                               (int) cf_claim_get_depth (claim) * 18, NULL));
      if (i < 9)
        {
          g_autofree char *accel = g_strdup_printf ("Ctrl+%u", i + 1);
          GtkWidget *label = gtk_label_new (accel);

          gtk_widget_add_css_class (label, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }
      g_object_set_data (G_OBJECT (row), "cf-claim-id", GSIZE_TO_POINTER ((gsize) cf_claim_get_id (claim)));
      g_object_set_data_full (G_OBJECT (row), "cf-folded-title",
                              g_utf8_casefold (cf_claim_get_title (claim), -1), g_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->claims_list, row);
    }
  if (claim_id <= 0 || !cf_tag_dialog_select_claim (self, claim_id))
    gtk_list_box_select_row (self->claims_list, gtk_list_box_get_row_at_index (self->claims_list, 0));
  update_enabled (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}

gint64
cf_tag_dialog_get_claim_id (CfTagDialog *self)
{
  g_return_val_if_fail (CF_IS_TAG_DIALOG (self), 0);
  return row_claim (gtk_list_box_get_selected_row (self->claims_list));
}

CfStance
cf_tag_dialog_get_stance (CfTagDialog *self)
{
  g_return_val_if_fail (CF_IS_TAG_DIALOG (self), CF_STANCE_SUPPORTS);
  return (CfStance) adw_combo_row_get_selected (self->stance_row);
}

const char *
cf_tag_dialog_get_pinpoint (CfTagDialog *self)
{
  g_return_val_if_fail (CF_IS_TAG_DIALOG (self), NULL);
  return self->pinpoint;
}

const char *
cf_tag_dialog_get_note (CfTagDialog *self)
{
  g_return_val_if_fail (CF_IS_TAG_DIALOG (self), NULL);
  return self->note;
}

gboolean
cf_tag_dialog_select_claim (CfTagDialog *self,
                            gint64       claim_id)
{
  g_return_val_if_fail (CF_IS_TAG_DIALOG (self), FALSE);

  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->claims_list, i);

      if (row == NULL)
        return FALSE;
      if (row_claim (row) == claim_id)
        {
          gtk_list_box_select_row (self->claims_list, row);
          return TRUE;
        }
    }
}
