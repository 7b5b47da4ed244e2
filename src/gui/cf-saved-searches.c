/* cf-saved-searches.c — the sidebar's saved searches (see
 * cf-saved-searches.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-saved-searches.h"

#include <glib/gi18n.h>

#include "cf-search.h"

struct _CfSavedSearches
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkListBox *list;

  CfSession *session;
  GStrv pairs;              /* name, query, name, query… */
  guint n_items;
  gboolean marking;         /* selecting a row to show it, not to run it */
};

G_DEFINE_FINAL_TYPE (CfSavedSearches, cf_saved_searches, GTK_TYPE_WIDGET)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static GtkWidget *
row_new (const char *name,
         const char *query)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *remove_label = g_strdup_printf (_("Remove the saved search “%s”"), name);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("edit-find-symbolic"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  /* The button removes; the row itself runs the search. */
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_add_css_class (remove, "cf-row-remove");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_focus_on_click (remove, FALSE);
  gtk_widget_set_tooltip_text (remove, _("Remove (Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-saved-search");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", name);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* What it looks for, at hand. */
  gtk_widget_set_tooltip_text (row, query);
  return row;
}

void
cf_saved_searches_reload (CfSavedSearches *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pairs = NULL;
  GtkWidget *child;

  g_return_if_fail (CF_IS_SAVED_SEARCHES (self));

  self->marking = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->marking = FALSE;
  g_clear_pointer (&self->pairs, g_strfreev);
  self->n_items = 0;
  if (self->session != NULL)
    {
      pairs = cf_case_list_saved_searches (cf_session_get_reader (self->session), NULL, &error);
      if (pairs == NULL)
        g_debug ("Could not list the saved searches: %s", error->message);
    }
  for (guint i = 0; pairs != NULL && pairs[2 * i] != NULL && pairs[2 * i + 1] != NULL; i++)
    {
      gtk_list_box_append (self->list, row_new (pairs[2 * i], pairs[2 * i + 1]));
      self->n_items++;
    }
  self->pairs = g_steal_pointer (&pairs);
  gtk_widget_set_visible (self->box, self->n_items > 0);
}

static void
on_row_selected (GtkListBox      *list,
                 GtkListBoxRow   *row,
                 CfSavedSearches *self)
{
  if (row == NULL || self->marking)
    return;
  g_signal_emit (self, signals [ACTIVATED], 0,
                 cf_saved_searches_get_name (self, gtk_list_box_row_get_index (row)),
                 cf_saved_searches_get_query (self, gtk_list_box_row_get_index (row)));
}

/* A row chosen again (it stays selected) runs again: the case may have
 * changed since. */
static void
on_row_activated (GtkListBox      *list,
                  GtkListBoxRow   *row,
                  CfSavedSearches *self)
{
  if (gtk_list_box_get_selected_row (list) == row)
    on_row_selected (list, row, self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CfSavedSearches       *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  guint position;

  if ((keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 || row == NULL)
    return FALSE;
  position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  return gtk_widget_activate_action (GTK_WIDGET (self), "win.remove-saved-search", "s",
                                     cf_saved_searches_get_name (self, position));
}

static void
on_saved_searches_changed (CfSession       *session,
                           CfSavedSearches *self)
{
  cf_saved_searches_reload (self);
}

static void
cf_saved_searches_dispose (GObject *object)
{
  CfSavedSearches *self = CF_SAVED_SEARCHES (object);

  cf_saved_searches_set_session (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->pairs, g_strfreev);
  G_OBJECT_CLASS (cf_saved_searches_parent_class)->dispose (object);
}

static void
cf_saved_searches_class_init (CfSavedSearchesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_saved_searches_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /**
   * CfSavedSearches::activated:
   * @name: the saved search's name
   * @query: what it looks for
   */
  signals [ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
cf_saved_searches_init (CfSavedSearches *self)
{
  GtkWidget *heading = gtk_label_new (_("Saved Searches"));
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_start (heading, 18);
  gtk_widget_set_margin_end (heading, 10);
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_bottom (heading, 4);
  gtk_box_append (GTK_BOX (self->box), heading);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Saved Searches"), -1);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), keys);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->list));
  gtk_widget_set_visible (self->box, FALSE);
}

void
cf_saved_searches_set_session (CfSavedSearches *self,
                               CfSession       *session)
{
  g_return_if_fail (CF_IS_SAVED_SEARCHES (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect (session, "saved-searches-changed", G_CALLBACK (on_saved_searches_changed), self);
  if (self->list != NULL)
    cf_saved_searches_reload (self);
}

guint
cf_saved_searches_get_n_items (CfSavedSearches *self)
{
  g_return_val_if_fail (CF_IS_SAVED_SEARCHES (self), 0);
  return self->n_items;
}

const char *
cf_saved_searches_get_name (CfSavedSearches *self,
                            guint            position)
{
  g_return_val_if_fail (CF_IS_SAVED_SEARCHES (self), NULL);
  g_return_val_if_fail (position < self->n_items, NULL);
  return self->pairs[2 * position];
}

const char *
cf_saved_searches_get_query (CfSavedSearches *self,
                             guint            position)
{
  g_return_val_if_fail (CF_IS_SAVED_SEARCHES (self), NULL);
  g_return_val_if_fail (position < self->n_items, NULL);
  return self->pairs[2 * position + 1];
}

int
cf_saved_searches_get_selected (CfSavedSearches *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CF_IS_SAVED_SEARCHES (self), -1);

  row = gtk_list_box_get_selected_row (self->list);
  return row ? gtk_list_box_row_get_index (row) : -1;
}

void
cf_saved_searches_activate (CfSavedSearches *self,
                            guint            position)
{
  GtkListBoxRow *row;

  g_return_if_fail (CF_IS_SAVED_SEARCHES (self));
  g_return_if_fail (position < self->n_items);

  row = gtk_list_box_get_row_at_index (self->list, position);
  if (gtk_list_box_get_selected_row (self->list) == row)
    on_row_selected (self->list, row, self);
  else
    gtk_list_box_select_row (self->list, row);
}

void
cf_saved_searches_show_query (CfSavedSearches *self,
                              const char      *query)
{
  GtkListBoxRow *row = NULL;

  g_return_if_fail (CF_IS_SAVED_SEARCHES (self));

  for (guint i = 0; query != NULL && i < self->n_items; i++)
    if (g_strcmp0 (self->pairs[2 * i + 1], query) == 0)
      {
        row = gtk_list_box_get_row_at_index (self->list, i);
        break;
      }
  if (gtk_list_box_get_selected_row (self->list) == row)
    return;
  self->marking = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->list, row);
  else
    gtk_list_box_unselect_all (self->list);
  self->marking = FALSE;
}
