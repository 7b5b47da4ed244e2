/* cf-numbering-dialog.c — preview and assign exhibit numbers (see
 * cf-numbering-dialog.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-numbering-dialog.h"

#include <glib/gi18n.h>

#include "cf-case-async.h"
#include "cf-document-list.h"
#include "cf-gui-util.h"
#include "cf-numbering.h"

struct _CfNumberingDialog
{
  AdwWindow parent_instance;

  GtkButton *apply_button;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkLabel *summary_label;
  GtkColumnView *column_view;
  GtkColumnViewColumn *before_column;
  GtkColumnViewColumn *after_column;
  GtkColumnViewColumn *title_column;

  CfSession *session;
  GPtrArray *changes;
  GCancellable *cancellable;
  gboolean busy;
  char *then_action;        /* the parent's, once the numbers are in */
};

G_DEFINE_FINAL_TYPE (CfNumberingDialog, cf_numbering_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_busy (CfNumberingDialog *self,
          gboolean           busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.close", !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

typedef enum
{
  FIELD_BEFORE,
  FIELD_AFTER,
  FIELD_TITLE,
} Field;

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  CfNumberingDialog *self = g_object_get_data (G_OBJECT (factory), "cf-dialog");
  GtkStringObject *index = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  CfNumberingChange *change;
  const char *text;

  change = g_ptr_array_index (self->changes, g_ascii_strtoull (gtk_string_object_get_string (index),
                                                               NULL, 10));
  switch (GPOINTER_TO_INT (user_data))
    {
    case FIELD_BEFORE:
      text = change->before ? change->before : _("(none)");
      break;
    case FIELD_AFTER:
      text = change->after ? change->after : _("(withdrawn)");
      break;
    case FIELD_TITLE:
    default:
      text = change->title;
      break;
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  if (GPOINTER_TO_INT (user_data) == FIELD_BEFORE && change->before == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
set_factory (CfNumberingDialog   *self,
             GtkColumnViewColumn *column,
             Field                field)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "cf-dialog", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (field));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (field));
  gtk_column_view_column_set_factory (column, factory);
}

static void
show_preview (CfNumberingDialog *self)
{
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  CfCaseCounts counts = { 0 };
  guint n_new = 0, n_changed = 0, n_withdrawn = 0;

  for (guint i = 0; i < self->changes->len; i++)
    {
      CfNumberingChange *change = g_ptr_array_index (self->changes, i);
      g_autofree char *index = g_strdup_printf ("%u", i);

      gtk_string_list_append (rows, index);
      if (change->before == NULL)
        n_new++;
      else if (change->after == NULL)
        n_withdrawn++;
      else
        n_changed++;
    }
  cf_case_get_counts (cf_session_get_reader (self->session), &counts, NULL);

  if (self->changes->len == 0)
    {
      g_autofree char *description = NULL;

      if (counts.n_locked > 0)
        description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "Every tagged document already has its number. "
                                                    "%u number is locked: it was produced in a bundle "
                                                    "and never changes.",
                                                    "Every tagged document already has its number. "
                                                    "%u numbers are locked: they were produced in a "
                                                    "bundle and never change.",
                                                    counts.n_locked), counts.n_locked);
      else
        description = g_strdup (_("Every tagged document already has its number. Documents get "
                                  "numbers once they are tagged to a claim."));
      adw_status_page_set_description (self->empty_page, description);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "numbering.apply", FALSE);
      return;
    }

  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u document gets a number",
                                                "%u documents get a number", n_new), n_new);
  if (n_changed > 0)
    {
      g_string_append (summary, ", ");
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u number changes",
                                                    "%u numbers change", n_changed), n_changed);
    }
  if (n_withdrawn > 0)
    {
      g_string_append (summary, ", ");
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u number is withdrawn",
                                                    "%u numbers are withdrawn", n_withdrawn),
                              n_withdrawn);
    }
  g_string_append (summary, ". ");
  if (counts.n_locked > 0)
    g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE,
                                                  "%u locked number stays as it is: it was produced "
                                                  "to the court.",
                                                  "%u locked numbers stay as they are: they were "
                                                  "produced to the court.",
                                                  counts.n_locked), counts.n_locked);
  else
    g_string_append (summary, _("Numbers lock when a bundle is exported; until then they may "
                                "change as tagging changes."));
  gtk_label_set_text (self->summary_label, summary->str);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  gtk_stack_set_visible_child_name (self->stack, "preview");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "numbering.apply", TRUE);
}

static void
on_preview_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CfNumberingDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *changes = cf_case_number_exhibits_finish (CF_CASE (object), result, &error);

  if (changes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          cf_show_error (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))),
                         _("Could not work out the exhibit numbers"), error);
          gtk_window_destroy (GTK_WINDOW (self));
        }
      return;
    }
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  self->changes = changes;
  show_preview (self);
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->apply_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->apply_button));
}

static void
start_preview (CfNumberingDialog *self)
{
  cf_case_number_exhibits_async (cf_session_get_case (self->session), TRUE, self->cancellable,
                                 on_preview_done, g_object_ref (self));
}

/* The preview reads what is committed; tags still being written would be
 * missing from it. */
static void
on_session_busy (CfSession         *session,
                 GParamSpec        *pspec,
                 CfNumberingDialog *self)
{
  if (cf_session_get_busy (session))
    return;
  g_signal_handlers_disconnect_by_func (session, on_session_busy, self);
  start_preview (self);
}

static void
on_apply_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CfNumberingDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = cf_case_number_exhibits_finish (CF_CASE (object), result, &error);
  GtkWidget *parent = GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self)));
  g_autofree char *text = NULL;
  g_autofree char *then_action = NULL;

  set_busy (self, FALSE);
  if (changes == NULL)
    {
      cf_show_error (parent, _("The exhibit numbers were not assigned"), error);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  /* Any row may show a new number. */
  cf_session_documents_changed (self->session, NULL);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u exhibit number changed",
                                       "%u exhibit numbers changed", changes->len), changes->len);
  if (parent != NULL)
    cf_show_toast (parent, text);
  /* Destroying disposes of it. */
  then_action = g_steal_pointer (&self->then_action);
  gtk_window_destroy (GTK_WINDOW (self));
  if (parent != NULL && then_action != NULL)
    gtk_widget_activate_action (parent, then_action, NULL);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CfNumberingDialog *self = CF_NUMBERING_DIALOG (widget);

  gtk_widget_action_set_enabled (widget, "numbering.apply", FALSE);
  set_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  cf_case_number_exhibits_async (cf_session_get_case (self->session), FALSE, NULL,
                                 on_apply_done, g_object_ref (self));
}

static void
cf_numbering_dialog_dispose (GObject *object)
{
  CfNumberingDialog *self = CF_NUMBERING_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_busy, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->then_action, g_free);

  G_OBJECT_CLASS (cf_numbering_dialog_parent_class)->dispose (object);
}

static void
cf_numbering_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CfNumberingDialog *self = CF_NUMBERING_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
cf_numbering_dialog_close_request (GtkWindow *window)
{
  /* Numbering, once started, finishes: it is one transaction. */
  if (CF_NUMBERING_DIALOG (window)->busy)
    return TRUE;
  return GTK_WINDOW_CLASS (cf_numbering_dialog_parent_class)->close_request (window);
}

static void
cf_numbering_dialog_class_init (CfNumberingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_numbering_dialog_dispose;
  object_class->get_property = cf_numbering_dialog_get_property;
  GTK_WINDOW_CLASS (klass)->close_request = cf_numbering_dialog_close_request;

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-numbering-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CfNumberingDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, CfNumberingDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CfNumberingDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CfNumberingDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CfNumberingDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, CfNumberingDialog, before_column);
  gtk_widget_class_bind_template_child (widget_class, CfNumberingDialog, after_column);
  gtk_widget_class_bind_template_child (widget_class, CfNumberingDialog, title_column);

  gtk_widget_class_install_action (widget_class, "numbering.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cf_numbering_dialog_init (CfNumberingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply_button));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "numbering.apply", FALSE);
  set_factory (self, self->before_column, FIELD_BEFORE);
  set_factory (self, self->after_column, FIELD_AFTER);
  set_factory (self, self->title_column, FIELD_TITLE);
  self->cancellable = g_cancellable_new ();
}

CfNumberingDialog *
cf_numbering_dialog_new (GtkWindow *parent,
                         CfSession *session)
{
  CfNumberingDialog *self = g_object_new (CF_TYPE_NUMBERING_DIALOG, "transient-for", parent, NULL);

  self->session = g_object_ref (session);
  if (cf_session_get_busy (session))
    g_signal_connect (session, "notify::busy", G_CALLBACK (on_session_busy), self);
  else
    start_preview (self);
  return self;
}

void
cf_numbering_dialog_set_then_action (CfNumberingDialog *self,
                                     const char        *action_name)
{
  g_return_if_fail (CF_IS_NUMBERING_DIALOG (self));
  g_free (self->then_action);
  self->then_action = g_strdup (action_name);
}

GPtrArray *
cf_numbering_dialog_get_changes (CfNumberingDialog *self)
{
  g_return_val_if_fail (CF_IS_NUMBERING_DIALOG (self), NULL);
  return self->changes;
}
