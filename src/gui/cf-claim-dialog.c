/* cf-claim-dialog.c — adding or editing a claim (see cf-claim-dialog.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-claim-dialog.h"

#include <glib/gi18n.h>

struct _CfClaimDialog
{
  AdwWindow parent_instance;

  GtkButton *confirm_button;
  AdwPreferencesGroup *group;
  AdwEntryRow *title_row;
  AdwEntryRow *description_row;
  AdwComboRow *side_row;

  CfClaim *claim;
  gint64 parent_id;
  char *title;
  char *description;
};

G_DEFINE_FINAL_TYPE (CfClaimDialog, cf_claim_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
on_title_changed (CfClaimDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "claim.confirm", title[0] != '\0');
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CfClaimDialog *self = CF_CLAIM_DIALOG (widget);

  g_free (self->title);
  self->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (self->title[0] == '\0')
    return;
  g_free (self->description);
  self->description = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_row))));
  g_signal_emit (self, signals [DONE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cf_claim_dialog_dispose (GObject *object)
{
  CfClaimDialog *self = CF_CLAIM_DIALOG (object);

  g_clear_object (&self->claim);
  G_OBJECT_CLASS (cf_claim_dialog_parent_class)->dispose (object);
}

static void
cf_claim_dialog_finalize (GObject *object)
{
  CfClaimDialog *self = CF_CLAIM_DIALOG (object);

  g_free (self->title);
  g_free (self->description);
  G_OBJECT_CLASS (cf_claim_dialog_parent_class)->finalize (object);
}

static void
cf_claim_dialog_class_init (CfClaimDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_claim_dialog_dispose;
  object_class->finalize = cf_claim_dialog_finalize;

  signals [DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-claim-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CfClaimDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, CfClaimDialog, group);
  gtk_widget_class_bind_template_child (widget_class, CfClaimDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CfClaimDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, CfClaimDialog, side_row);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);

  gtk_widget_class_install_action (widget_class, "claim.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cf_claim_dialog_init (CfClaimDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->confirm_button));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "claim.confirm", FALSE);
}

CfClaimDialog *
cf_claim_dialog_new (GtkWindow *parent,
                     CfClaim   *claim,
                     gint64     parent_id)
{
  CfClaimDialog *self = g_object_new (CF_TYPE_CLAIM_DIALOG, "transient-for", parent, NULL);

  self->parent_id = parent_id;
  if (claim != NULL)
    {
      self->claim = g_object_ref (claim);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Claim"));
      gtk_button_set_label (self->confirm_button, _("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), cf_claim_get_title (claim));
      gtk_editable_set_text (GTK_EDITABLE (self->description_row), cf_claim_get_description (claim));
      adw_combo_row_set_selected (self->side_row, cf_claim_get_side (claim) == CF_SIDE_THEIRS);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), parent_id > 0 ? _("New Sub-Claim") : _("New Claim"));
      gtk_button_set_label (self->confirm_button, _("_Add"));
      adw_preferences_group_set_description (self->group,
                                             _("A proposition the case must prove or refute, "
                                               "e.g. “위수탁이지 유출이 아님”."));
    }
  /* Typing goes to the title at once, whatever had the focus before. */
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}

CfClaim *
cf_claim_dialog_get_claim (CfClaimDialog *self)
{
  g_return_val_if_fail (CF_IS_CLAIM_DIALOG (self), NULL);
  return self->claim;
}

gint64
cf_claim_dialog_get_parent_id (CfClaimDialog *self)
{
  g_return_val_if_fail (CF_IS_CLAIM_DIALOG (self), 0);
  return self->parent_id;
}

const char *
cf_claim_dialog_get_title (CfClaimDialog *self)
{
  g_return_val_if_fail (CF_IS_CLAIM_DIALOG (self), NULL);
  return self->title;
}

const char *
cf_claim_dialog_get_description (CfClaimDialog *self)
{
  g_return_val_if_fail (CF_IS_CLAIM_DIALOG (self), NULL);
  return self->description;
}

CfSide
cf_claim_dialog_get_side (CfClaimDialog *self)
{
  g_return_val_if_fail (CF_IS_CLAIM_DIALOG (self), CF_SIDE_OURS);
  return adw_combo_row_get_selected (self->side_row) == 1 ? CF_SIDE_THEIRS : CF_SIDE_OURS;
}

void
cf_claim_dialog_confirm (CfClaimDialog *self)
{
  g_return_if_fail (CF_IS_CLAIM_DIALOG (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "claim.confirm", NULL);
}
