/* cf-sidebar.c — smart views and the claims tree (see cf-sidebar.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-sidebar.h"

#include <glib/gi18n.h>

#include "cf-claim-dialog.h"
#include "cf-gui-util.h"
#include "cf-saved-searches.h"

/* Counting untagged documents reads the whole table; during an import the
 * counts follow at this pace rather than with every batch. */
#define COUNT_DELAY_MS 400

/* A claim as the tree shows it: the claim, and its document count, which
 * changes without the tree changing. */
#define CF_TYPE_CLAIM_ITEM (cf_claim_item_get_type ())
G_DECLARE_FINAL_TYPE (CfClaimItem, cf_claim_item, CF, CLAIM_ITEM, GObject)

struct _CfClaimItem
{
  GObject parent_instance;
  CfClaim *claim;
  char *count;
};

G_DEFINE_FINAL_TYPE (CfClaimItem, cf_claim_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_COUNT,
  ITEM_N_PROPS
};

static GParamSpec *item_properties [ITEM_N_PROPS];

static void
cf_claim_item_finalize (GObject *object)
{
  CfClaimItem *self = CF_CLAIM_ITEM (object);

  g_clear_object (&self->claim);
  g_free (self->count);
  G_OBJECT_CLASS (cf_claim_item_parent_class)->finalize (object);
}

static void
cf_claim_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CfClaimItem *self = CF_CLAIM_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_COUNT:
      g_value_set_string (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cf_claim_item_class_init (CfClaimItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cf_claim_item_finalize;
  object_class->get_property = cf_claim_item_get_property;
  item_properties [ITEM_PROP_COUNT] =
    g_param_spec_string ("count", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
cf_claim_item_init (CfClaimItem *self)
{
}

static void
cf_claim_item_set_count (CfClaimItem *self,
                         guint        count)
{
  g_autofree char *text = count > 0 ? cf_format_count (count) : g_strdup ("");

  if (g_strcmp0 (text, self->count) == 0)
    return;
  g_free (self->count);
  self->count = g_steal_pointer (&text);
  g_object_notify_by_pspec (G_OBJECT (self), item_properties [ITEM_PROP_COUNT]);
}

/* The sidebar ------------------------------------------------------------------ */

struct _CfSidebar
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkListBox *views_list;
  GtkListBoxRow *all_row;
  GtkListBoxRow *untagged_row;
  GtkListBoxRow *privileged_row;
  GtkListBoxRow *duplicates_row;
  GtkListBoxRow *unreadable_row;
  GtkLabel *all_count;
  GtkLabel *untagged_count;
  GtkLabel *privileged_count;
  GtkLabel *duplicates_count;
  GtkLabel *unreadable_count;
  CfSavedSearches *saved_searches;
  GtkListView *claims_view;
  GtkLabel *no_claims_label;
  GtkPopoverMenu *claim_popover;

  CfSession *session;
  GPtrArray *claims;            /* CfClaim, depth first */
  GHashTable *items;            /* claim id → CfClaimItem */
  GHashTable *row_widgets;      /* claim id → bound row widget (borrowed) */
  GListStore *roots;
  GHashTable *child_stores;     /* parent id → GListStore */
  GtkSingleSelection *selection;
  CfDocumentView view;
  gint64 claim_id;
  guint count_source;
  gboolean selecting;
};

G_DEFINE_FINAL_TYPE (CfSidebar, cf_sidebar, GTK_TYPE_WIDGET)

enum {
  VIEW_CHANGED,
  TAG_DOCUMENTS,
  CLAIMS_RELOADED,
  RUN_SEARCH,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void update_actions (CfSidebar *self);

static CfClaimItem *
item_of (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row ? gtk_tree_list_row_get_item (row) : NULL;
}

/* Counts ------------------------------------------------------------------------ */

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = cf_format_count (count);

  gtk_label_set_text (label, text);
}

static void
count_now (CfSidebar *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) per_claim = NULL;
  CfCaseCounts counts;
  GHashTableIter iter;
  CfClaimItem *item;
  gint64 *id;

  if (self->session == NULL)
    return;
  if (!cf_case_get_counts (cf_session_get_reader (self->session), &counts, &error))
    {
      g_debug ("Could not count documents: %s", error->message);
      return;
    }
  set_count (self->all_count, counts.n_documents);
  set_count (self->untagged_count, counts.n_untagged);
  set_count (self->privileged_count, counts.n_privileged);
  set_count (self->duplicates_count, counts.n_duplicates);
  set_count (self->unreadable_count, counts.n_unreadable);

  per_claim = cf_case_count_claim_documents (cf_session_get_reader (self->session), &error);
  if (per_claim == NULL)
    {
      g_debug ("Could not count the claims' documents: %s", error->message);
      return;
    }
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &item))
    cf_claim_item_set_count (item, GPOINTER_TO_UINT (g_hash_table_lookup (per_claim, id)));
}

static gboolean
count_timeout (gpointer data)
{
  CfSidebar *self = data;

  self->count_source = 0;
  count_now (self);
  return G_SOURCE_REMOVE;
}

void
cf_sidebar_queue_count (CfSidebar *self)
{
  g_return_if_fail (CF_IS_SIDEBAR (self));

  if (self->count_source == 0)
    self->count_source = g_timeout_add (COUNT_DELAY_MS, count_timeout, self);
}

/* The claims tree ------------------------------------------------------------------ */

static GListModel *
create_claim_children (gpointer item,
                       gpointer user_data)
{
  CfSidebar *self = user_data;
  gint64 id = cf_claim_get_id (CF_CLAIM_ITEM (item)->claim);
  GListStore *store = g_hash_table_lookup (self->child_stores, &id);

  return store ? G_LIST_MODEL (g_object_ref (store)) : NULL;
}

/* Whether the tree shows the same claims in the same places with the same
 * words, so that only counts need updating. */
static gboolean
same_tree (GPtrArray *a,
           GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      CfClaim *x = g_ptr_array_index (a, i);
      CfClaim *y = g_ptr_array_index (b, i);

      if (cf_claim_get_id (x) != cf_claim_get_id (y) ||
          cf_claim_get_parent_id (x) != cf_claim_get_parent_id (y) ||
          cf_claim_get_side (x) != cf_claim_get_side (y) ||
          g_strcmp0 (cf_claim_get_title (x), cf_claim_get_title (y)) != 0 ||
          g_strcmp0 (cf_claim_get_description (x), cf_claim_get_description (y)) != 0)
        return FALSE;
    }
  return TRUE;
}

static guint
find_claim_row (CfSidebar *self,
                gint64     claim_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(CfClaimItem) item = gtk_tree_list_row_get_item (row);

      if (cf_claim_get_id (item->claim) == claim_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
rebuild_tree (CfSidebar *self)
{
  GtkTreeListModel *tree;

  g_list_store_remove_all (self->roots);
  g_hash_table_remove_all (self->child_stores);
  g_hash_table_remove_all (self->items);

  for (guint i = 0; i < self->claims->len; i++)
    {
      CfClaim *claim = g_ptr_array_index (self->claims, i);
      g_autoptr(CfClaimItem) item = g_object_new (CF_TYPE_CLAIM_ITEM, NULL);
      gint64 *key = g_new (gint64, 1);
      gint64 parent = cf_claim_get_parent_id (claim);

      item->claim = g_object_ref (claim);
      item->count = g_strdup ("");
      *key = cf_claim_get_id (claim);
      g_hash_table_insert (self->items, key, g_object_ref (item));
      if (parent <= 0)
        g_list_store_append (self->roots, item);
      else
        {
          GListStore *store = g_hash_table_lookup (self->child_stores, &parent);

          if (store == NULL)
            {
              gint64 *parent_key = g_new (gint64, 1);

              *parent_key = parent;
              store = g_list_store_new (CF_TYPE_CLAIM_ITEM);
              g_hash_table_insert (self->child_stores, parent_key, store);
            }
          g_list_store_append (store, item);
        }
    }

  /* A fresh tree (every family open) is simplest to keep right; claims
   * are few. */
  tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->roots)), FALSE, TRUE,
                                  create_claim_children, self, NULL);
  self->selecting = TRUE;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree));
  g_object_unref (tree);
  if (self->view == CF_DOCUMENT_VIEW_CLAIM)
    gtk_single_selection_set_selected (self->selection, find_claim_row (self, self->claim_id));
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
}

void
cf_sidebar_reload (CfSidebar *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claims = NULL;

  g_return_if_fail (CF_IS_SIDEBAR (self));

  if (self->session == NULL)
    return;
  claims = cf_case_list_claims (cf_session_get_reader (self->session), &error);
  if (claims == NULL)
    {
      cf_show_error (GTK_WIDGET (self), _("Could not read the claims"), error);
      return;
    }
  if (!same_tree (self->claims, claims))
    {
      g_clear_pointer (&self->claims, g_ptr_array_unref);
      self->claims = g_steal_pointer (&claims);
      rebuild_tree (self);
      /* The claim shown may be gone. */
      if (self->view == CF_DOCUMENT_VIEW_CLAIM &&
          !g_hash_table_contains (self->items, &self->claim_id))
        cf_sidebar_select_view (self, CF_DOCUMENT_VIEW_ALL, 0);
    }
  else
    {
      g_clear_pointer (&self->claims, g_ptr_array_unref);
      self->claims = g_steal_pointer (&claims);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_claims_label), self->claims->len == 0);
  g_clear_handle_id (&self->count_source, g_source_remove);
  count_now (self);
  update_actions (self);
  g_signal_emit (self, signals [CLAIMS_RELOADED], 0);
}

/* Claim rows --------------------------------------------------------------------- */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CfSidebar     *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "cf-list-item");
  g_autoptr(CfClaimItem) item = list_item ? item_of (list_item) : NULL;

  if (item == NULL || self->session == NULL)
    return FALSE;

  if (G_VALUE_HOLDS (value, CF_TYPE_DOCUMENT_IDS))
    {
      CfDocumentIds *ids = g_value_get_boxed (value);

      if (ids == NULL || ids->len == 0)
        return FALSE;
      g_signal_emit (self, signals [TAG_DOCUMENTS], 0, cf_claim_get_id (item->claim), ids);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, CF_TYPE_CLAIM))
    {
      CfClaim *moved = g_value_get_object (value);
      g_autoptr(CfEdit) edit = NULL;

      if (moved == NULL || cf_claim_get_id (moved) == cf_claim_get_id (item->claim))
        return FALSE;
      edit = cf_edit_new (_("Move Claim"));
      cf_edit_move_claim (edit, cf_claim_get_id (moved), cf_claim_get_id (item->claim), -1);
      cf_session_apply_async (self->session, edit, NULL, NULL);
      return TRUE;
    }
  return FALSE;
}

static GdkContentProvider *
on_claim_drag_prepare (GtkDragSource *source,
                       double         x,
                       double         y,
                       CfSidebar     *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "cf-list-item");
  g_autoptr(CfClaimItem) item = list_item ? item_of (list_item) : NULL;

  if (item == NULL || self->session == NULL || cf_session_get_read_only (self->session))
    return NULL;
  return gdk_content_provider_new_typed (CF_TYPE_CLAIM, item->claim);
}

static void
on_claim_secondary_click (GtkGestureClick *gesture,
                          int              n_press,
                          double           x,
                          double           y,
                          CfSidebar       *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "cf-list-item");
  GdkRectangle rect = { 0, 0, 1, 1 };
  graphene_point_t in, out;

  if (list_item == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));
  graphene_point_init (&in, x, y);
  if (!gtk_widget_compute_point (widget, GTK_WIDGET (self), &in, &out))
    return;
  rect.x = out.x;
  rect.y = out.y;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->claim_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->claim_popover));
}

static void
setup_claim_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CfSidebar                *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *side = gtk_image_new_from_icon_name ("mail-forward-symbolic");
  GtkWidget *count = gtk_label_new (NULL);
  GtkDropTarget *drop;
  GtkDragSource *drag;
  GtkGesture *click;
  GType types[] = { CF_TYPE_DOCUMENT_IDS, CF_TYPE_CLAIM };

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_tooltip_text (side, _("Their claim: the other side’s proposition, to be answered"));
  gtk_widget_add_css_class (side, "dim-label");
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), side);
  gtk_box_append (GTK_BOX (box), count);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_widget_add_css_class (expander, "cf-claim-row");
  g_object_set_data (G_OBJECT (expander), "cf-list-item", list_item);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY | GDK_ACTION_MOVE | GDK_ACTION_LINK);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (drop));
  g_object_set_data (G_OBJECT (expander), "cf-drop-target", drop);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_claim_drag_prepare), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_claim_secondary_click), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (click));

  gtk_list_item_set_child (list_item, expander);
}

static void
bind_claim_row (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CfSidebar                *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *side = gtk_widget_get_next_sibling (title);
  GtkWidget *count = gtk_widget_get_next_sibling (side);
  g_autoptr(CfClaimItem) item = item_of (list_item);
  GBinding *binding;
  gint64 *key;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), gtk_list_item_get_item (list_item));
  gtk_label_set_text (GTK_LABEL (title), cf_claim_get_title (item->claim));
  gtk_widget_set_tooltip_text (title, cf_claim_get_description (item->claim)[0]
                               ? cf_claim_get_description (item->claim) : NULL);
  gtk_widget_set_visible (side, cf_claim_get_side (item->claim) == CF_SIDE_THEIRS);
  binding = g_object_bind_property (item, "count", count, "label", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (expander), "cf-binding", binding);

  key = g_new (gint64, 1);
  *key = cf_claim_get_id (item->claim);
  g_hash_table_insert (self->row_widgets, key, expander);
}

static void
unbind_claim_row (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CfSidebar                *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GBinding *binding = g_object_steal_data (G_OBJECT (expander), "cf-binding");
  GHashTableIter iter;
  GtkWidget *widget;

  if (binding != NULL)
    g_binding_unbind (binding);
  g_hash_table_iter_init (&iter, self->row_widgets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &widget))
    if (widget == expander)
      g_hash_table_iter_remove (&iter);
}

/* Views --------------------------------------------------------------------------------- */

static GtkListBoxRow *
row_for_view (CfSidebar      *self,
              CfDocumentView  view)
{
  switch (view)
    {
    case CF_DOCUMENT_VIEW_UNTAGGED:
      return self->untagged_row;
    case CF_DOCUMENT_VIEW_PRIVILEGED:
      return self->privileged_row;
    case CF_DOCUMENT_VIEW_DUPLICATES:
      return self->duplicates_row;
    case CF_DOCUMENT_VIEW_UNREADABLE:
      return self->unreadable_row;
    case CF_DOCUMENT_VIEW_ALL:
    default:
      return self->all_row;
    }
}

static void
set_view (CfSidebar      *self,
          CfDocumentView  view,
          gint64          claim_id)
{
  if (self->view == view && self->claim_id == claim_id)
    return;
  self->view = view;
  self->claim_id = claim_id;
  update_actions (self);
  g_signal_emit (self, signals [VIEW_CHANGED], 0);
}

static void
on_view_row_selected (GtkListBox    *box,
                      GtkListBoxRow *row,
                      CfSidebar     *self)
{
  CfDocumentView view;

  if (row == NULL || self->selecting)
    return;
  if (row == self->untagged_row)
    view = CF_DOCUMENT_VIEW_UNTAGGED;
  else if (row == self->privileged_row)
    view = CF_DOCUMENT_VIEW_PRIVILEGED;
  else if (row == self->duplicates_row)
    view = CF_DOCUMENT_VIEW_DUPLICATES;
  else if (row == self->unreadable_row)
    view = CF_DOCUMENT_VIEW_UNREADABLE;
  else
    view = CF_DOCUMENT_VIEW_ALL;
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  cf_saved_searches_show_query (self->saved_searches, NULL);
  self->selecting = FALSE;
  set_view (self, view, 0);
}

static void
on_claim_selected (GtkSingleSelection *selection,
                   GParamSpec         *pspec,
                   CfSidebar          *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr(CfClaimItem) item = row ? gtk_tree_list_row_get_item (row) : NULL;

  if (self->selecting)
    return;
  if (item == NULL)
    {
      update_actions (self);
      return;
    }
  self->selecting = TRUE;
  gtk_list_box_unselect_all (self->views_list);
  cf_saved_searches_show_query (self->saved_searches, NULL);
  self->selecting = FALSE;
  set_view (self, CF_DOCUMENT_VIEW_CLAIM, cf_claim_get_id (item->claim));
}

/* A saved search runs over the whole case: it stands in the sidebar for
 * the view, alone selected. */
static void
on_saved_search_activated (CfSavedSearches *saved,
                           const char      *name,
                           const char      *query,
                           CfSidebar       *self)
{
  self->selecting = TRUE;
  gtk_list_box_unselect_all (self->views_list);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
  set_view (self, CF_DOCUMENT_VIEW_ALL, 0);
  g_signal_emit (self, signals [RUN_SEARCH], 0, query);
}

void
cf_sidebar_show_search (CfSidebar  *self,
                        const char *query)
{
  g_return_if_fail (CF_IS_SIDEBAR (self));

  self->selecting = TRUE;
  cf_saved_searches_show_query (self->saved_searches, query && query[0] ? query : NULL);
  if (self->view == CF_DOCUMENT_VIEW_ALL)
    {
      /* A saved search over the whole case stands alone for the view;
       * typed away from it (or cleared), All Documents shows again. */
      if (cf_sidebar_get_showing_saved_search (self))
        gtk_list_box_unselect_all (self->views_list);
      else if (gtk_list_box_get_selected_row (self->views_list) == NULL)
        gtk_list_box_select_row (self->views_list, self->all_row);
    }
  self->selecting = FALSE;
}

gboolean
cf_sidebar_get_showing_saved_search (CfSidebar *self)
{
  g_return_val_if_fail (CF_IS_SIDEBAR (self), FALSE);
  return cf_saved_searches_get_selected (self->saved_searches) >= 0;
}

CfSavedSearches *
cf_sidebar_get_saved_searches (CfSidebar *self)
{
  g_return_val_if_fail (CF_IS_SIDEBAR (self), NULL);
  return self->saved_searches;
}

/* Claim actions ------------------------------------------------------------------------ */

static CfClaim *
selected_claim (CfSidebar *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(CfClaimItem) item = row ? gtk_tree_list_row_get_item (row) : NULL;

  return item ? item->claim : NULL;
}

/* The siblings of a claim, in order. */
static GPtrArray *
siblings_of (CfSidebar *self,
             gint64     parent_id)
{
  GPtrArray *siblings = g_ptr_array_new ();

  for (guint i = 0; self->claims && i < self->claims->len; i++)
    {
      CfClaim *claim = g_ptr_array_index (self->claims, i);

      if (cf_claim_get_parent_id (claim) == parent_id)
        g_ptr_array_add (siblings, claim);
    }
  return siblings;
}

static void
apply_edit (CfSidebar *self,
            CfEdit    *edit);

static void
on_apply_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CfSidebar) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cf_session_apply_finish (CF_SESSION (object), result, &error))
    cf_show_error (GTK_WIDGET (self), _("Could not change the claims"), error);
}

static void
apply_edit (CfSidebar *self,
            CfEdit    *edit)
{
  cf_session_apply_async (self->session, edit, on_apply_done, g_object_ref (self));
}

static void
on_claim_dialog_done (CfClaimDialog *dialog,
                      CfSidebar     *self)
{
  g_autoptr(CfEdit) edit = NULL;
  CfClaim *claim = cf_claim_dialog_get_claim (dialog);
  const char *title = cf_claim_dialog_get_title (dialog);
  const char *description = cf_claim_dialog_get_description (dialog);
  CfSide side = cf_claim_dialog_get_side (dialog);

  if (claim == NULL)
    {
      edit = cf_edit_new (_("Add Claim"));
      cf_edit_add_claim (edit, title, cf_claim_dialog_get_parent_id (dialog), side, description);
    }
  else
    {
      edit = cf_edit_new (_("Edit Claim"));
      cf_edit_claim (edit, cf_claim_get_id (claim),
                     g_strcmp0 (title, cf_claim_get_title (claim)) ? title : NULL,
                     g_strcmp0 (description, cf_claim_get_description (claim)) ? description : NULL,
                     side != cf_claim_get_side (claim) ? (int) side : -1);
    }
  apply_edit (self, edit);
}

static void
show_claim_dialog (CfSidebar *self,
                   CfClaim   *claim,
                   gint64     parent_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CfClaimDialog *dialog = cf_claim_dialog_new (GTK_WINDOW (root), claim, parent_id);

  g_signal_connect_object (dialog, "done", G_CALLBACK (on_claim_dialog_done), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_claim_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_claim_dialog (CF_SIDEBAR (widget), NULL, 0);
}

static void
add_sub_claim_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CfSidebar *self = CF_SIDEBAR (widget);
  CfClaim *claim = selected_claim (self);

  if (claim != NULL)
    show_claim_dialog (self, NULL, cf_claim_get_id (claim));
}

static void
edit_claim_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CfSidebar *self = CF_SIDEBAR (widget);
  CfClaim *claim = selected_claim (self);

  if (claim != NULL)
    show_claim_dialog (self, claim, cf_claim_get_parent_id (claim));
}

static void
move_claim (CfSidebar  *self,
            gint64      parent_id,
            int         position,
            const char *label)
{
  CfClaim *claim = selected_claim (self);
  g_autoptr(CfEdit) edit = NULL;

  if (claim == NULL)
    return;
  edit = cf_edit_new (label);
  cf_edit_move_claim (edit, cf_claim_get_id (claim), parent_id, position);
  apply_edit (self, edit);
}

static void
move_claim_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CfSidebar *self = CF_SIDEBAR (widget);
  CfClaim *claim = selected_claim (self);
  gboolean up = g_str_has_suffix (action_name, "-up");
  int position;

  if (claim == NULL)
    return;
  position = (int) cf_claim_get_position (claim) + (up ? -1 : 1);
  if (position < 0)
    return;
  move_claim (self, cf_claim_get_parent_id (claim), position,
              up ? _("Move Claim Up") : _("Move Claim Down"));
}

static void
indent_claim_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CfSidebar *self = CF_SIDEBAR (widget);
  CfClaim *claim = selected_claim (self);
  g_autoptr(GPtrArray) siblings = NULL;
  guint position;

  if (claim == NULL || cf_claim_get_position (claim) == 0)
    return;
  siblings = siblings_of (self, cf_claim_get_parent_id (claim));
  position = cf_claim_get_position (claim);
  if (position >= siblings->len)
    return;
  /* Under the claim just above, as its last sub-claim. */
  move_claim (self, cf_claim_get_id (g_ptr_array_index (siblings, position - 1)), -1,
              _("Nest Claim"));
}

static void
outdent_claim_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CfSidebar *self = CF_SIDEBAR (widget);
  CfClaim *claim = selected_claim (self);
  CfClaim *parent = NULL;

  if (claim == NULL || cf_claim_get_parent_id (claim) <= 0)
    return;
  for (guint i = 0; i < self->claims->len; i++)
    if (cf_claim_get_id (g_ptr_array_index (self->claims, i)) == cf_claim_get_parent_id (claim))
      parent = g_ptr_array_index (self->claims, i);
  if (parent == NULL)
    return;
  /* Right after its former parent. */
  move_claim (self, cf_claim_get_parent_id (parent), cf_claim_get_position (parent) + 1,
              _("Move Claim Out"));
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CfSidebar        *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "cf-claim-id"));
  g_autoptr(CfEdit) edit = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  edit = cf_edit_new (_("Delete Claim"));
  cf_edit_remove_claim (edit, id);
  apply_edit (self, edit);
}

static void
delete_claim_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CfSidebar *self = CF_SIDEBAR (widget);
  CfClaim *claim = selected_claim (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  gint64 id;

  if (claim == NULL)
    return;
  id = cf_claim_get_id (claim);
  heading = g_strdup_printf (_("Delete “%s”?"), cf_claim_get_title (claim));
  body = g_strdup (_("The claim, its sub-claims and their tags are removed. The documents "
                     "stay in the case; unlocked exhibit numbers that no longer qualify are "
                     "withdrawn. This cannot be undone."));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "cf-claim-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_actions (CfSidebar *self)
{
  gboolean writable = self->session != NULL && !cf_session_get_read_only (self->session);
  CfClaim *claim = selected_claim (self);
  g_autoptr(GPtrArray) siblings = claim ? siblings_of (self, cf_claim_get_parent_id (claim)) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.add-claim", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.add-sub-claim", writable && claim);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.edit-claim", writable && claim);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.delete-claim", writable && claim);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.move-claim-up",
                                 writable && claim && cf_claim_get_position (claim) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.move-claim-down",
                                 writable && claim &&
                                 cf_claim_get_position (claim) + 1 < siblings->len);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.indent-claim",
                                 writable && claim && cf_claim_get_position (claim) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.outdent-claim",
                                 writable && claim && cf_claim_get_parent_id (claim) > 0);
}

/* GObject and GtkWidget ---------------------------------------------------------------- */

static void
on_documents_changed (CfSession *session,
                      GArray    *ids,
                      CfSidebar *self)
{
  cf_sidebar_queue_count (self);
}

static void
on_claims_changed (CfSession *session,
                   CfSidebar *self)
{
  cf_sidebar_reload (self);
}

static void
on_session_busy (CfSession  *session,
                 GParamSpec *pspec,
                 CfSidebar  *self)
{
  update_actions (self);
}

static void
cf_sidebar_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (CF_SIDEBAR (widget)->scroller), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
cf_sidebar_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  CfSidebar *self = CF_SIDEBAR (widget);

  gtk_widget_allocate (GTK_WIDGET (self->scroller), width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->claim_popover));
}

static void
cf_sidebar_dispose (GObject *object)
{
  CfSidebar *self = (CfSidebar *)object;

  cf_sidebar_set_session (self, NULL);
  g_clear_handle_id (&self->count_source, g_source_remove);
  g_clear_pointer ((GtkWidget **) &self->scroller, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->claim_popover, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->child_stores, g_hash_table_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->row_widgets, g_hash_table_unref);
  g_clear_pointer (&self->claims, g_ptr_array_unref);

  G_OBJECT_CLASS (cf_sidebar_parent_class)->dispose (object);
}

static void
cf_sidebar_class_init (CfSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_sidebar_dispose;
  widget_class->measure = cf_sidebar_measure;
  widget_class->size_allocate = cf_sidebar_size_allocate;

  signals [VIEW_CHANGED] =
    g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CfSidebar::tag-documents:
   * @claim_id: the claim the documents were dropped on
   * @ids: the documents (CfDocumentIds)
   */
  signals [TAG_DOCUMENTS] =
    g_signal_new ("tag-documents", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, CF_TYPE_DOCUMENT_IDS);
  signals [CLAIMS_RELOADED] =
    g_signal_new ("claims-reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CfSidebar::run-search:
   * @query: the saved search chosen
   */
  signals [RUN_SEARCH] =
    g_signal_new ("run-search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (CF_TYPE_SAVED_SEARCHES);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, views_list);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, all_row);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, untagged_row);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, privileged_row);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, unreadable_row);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, all_count);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, untagged_count);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, privileged_count);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, duplicates_count);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, unreadable_count);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, saved_searches);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, claims_view);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, no_claims_label);
  gtk_widget_class_bind_template_child (widget_class, CfSidebar, claim_popover);
  gtk_widget_class_bind_template_callback (widget_class, on_view_row_selected);

  gtk_widget_class_install_action (widget_class, "sidebar.add-claim", NULL, add_claim_action);
  gtk_widget_class_install_action (widget_class, "sidebar.add-sub-claim", NULL, add_sub_claim_action);
  gtk_widget_class_install_action (widget_class, "sidebar.edit-claim", NULL, edit_claim_action);
  gtk_widget_class_install_action (widget_class, "sidebar.delete-claim", NULL, delete_claim_action);
  gtk_widget_class_install_action (widget_class, "sidebar.move-claim-up", NULL, move_claim_action);
  gtk_widget_class_install_action (widget_class, "sidebar.move-claim-down", NULL, move_claim_action);
  gtk_widget_class_install_action (widget_class, "sidebar.indent-claim", NULL, indent_claim_action);
  gtk_widget_class_install_action (widget_class, "sidebar.outdent-claim", NULL, outdent_claim_action);

  /* These work where the focus is in the claims tree. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "sidebar.edit-claim", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "sidebar.delete-claim", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "sidebar.move-claim-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "sidebar.move-claim-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "sidebar.indent-claim", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "sidebar.outdent-claim", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0,
                                       "sidebar.add-sub-claim", NULL);
}

static void
cf_sidebar_init (CfSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->row_widgets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->child_stores = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->roots = g_list_store_new (CF_TYPE_CLAIM_ITEM);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_claim_selected), self);
  gtk_list_view_set_model (self->claims_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_claim_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_claim_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_claim_row), self);
  gtk_list_view_set_factory (self->claims_view, factory);
  g_signal_connect (self->saved_searches, "activated", G_CALLBACK (on_saved_search_activated), self);

  self->view = CF_DOCUMENT_VIEW_ALL;
  gtk_list_box_select_row (self->views_list, self->all_row);
  update_actions (self);
}

void
cf_sidebar_set_session (CfSidebar *self,
                        CfSession *session)
{
  g_return_if_fail (CF_IS_SIDEBAR (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_clear_pointer (&self->claims, g_ptr_array_unref);
  cf_saved_searches_set_session (self->saved_searches, session);
  if (session == NULL)
    return;
  g_signal_connect (session, "documents-changed", G_CALLBACK (on_documents_changed), self);
  g_signal_connect (session, "claims-changed", G_CALLBACK (on_claims_changed), self);
  g_signal_connect (session, "notify::busy", G_CALLBACK (on_session_busy), self);
  self->view = CF_DOCUMENT_VIEW_ALL;
  self->claim_id = 0;
  self->selecting = TRUE;
  gtk_list_box_select_row (self->views_list, self->all_row);
  self->selecting = FALSE;
  cf_sidebar_reload (self);
}

CfDocumentView
cf_sidebar_get_view (CfSidebar *self,
                     gint64    *claim_id)
{
  g_return_val_if_fail (CF_IS_SIDEBAR (self), CF_DOCUMENT_VIEW_ALL);
  if (claim_id != NULL)
    *claim_id = self->claim_id;
  return self->view;
}

void
cf_sidebar_select_view (CfSidebar      *self,
                        CfDocumentView  view,
                        gint64          claim_id)
{
  g_return_if_fail (CF_IS_SIDEBAR (self));

  if (view == CF_DOCUMENT_VIEW_CLAIM)
    {
      guint position = find_claim_row (self, claim_id);

      if (position == GTK_INVALID_LIST_POSITION)
        return;
      gtk_single_selection_set_selected (self->selection, position);
      return;
    }
  gtk_list_box_select_row (self->views_list, row_for_view (self, view));
}

GPtrArray *
cf_sidebar_get_claims (CfSidebar *self)
{
  g_return_val_if_fail (CF_IS_SIDEBAR (self), NULL);
  return self->claims;
}

CfClaim *
cf_sidebar_get_selected_claim (CfSidebar *self)
{
  g_return_val_if_fail (CF_IS_SIDEBAR (self), NULL);
  return selected_claim (self);
}

GtkDropTarget *
cf_sidebar_get_drop_target_for_claim (CfSidebar *self,
                                      gint64     claim_id)
{
  GtkWidget *widget;

  g_return_val_if_fail (CF_IS_SIDEBAR (self), NULL);

  widget = g_hash_table_lookup (self->row_widgets, &claim_id);
  return widget ? g_object_get_data (G_OBJECT (widget), "cf-drop-target") : NULL;
}
