/* cf-document-table.c — the document list widget: its columns and cells, the
 * models under them, pointer and keyboard (see cf-document-table.h); which
 * rows show and the selection are in cf-document-table-rows.c. */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-document-table-private.h"

#include <glib/gi18n.h>

#include "cf-gui-util.h"
#include "cf-search-results.h"
#include "cf-wrap-bin.h"

/* Column sorters that only say who they are -------------------------------
 *
 * GTK 4.8 does not tell which column a GtkColumnViewSorter sorts by (that
 * API came in 4.10). It does compare through the primary column's sorter
 * first and inverts the answer when descending, so comparing two probes
 * tells both: the sorter consulted first records its key, and the sign
 * says the direction. */

#define CF_TYPE_KEY_SORTER (cf_key_sorter_get_type ())
G_DECLARE_FINAL_TYPE (CfKeySorter, cf_key_sorter, CF, KEY_SORTER, GtkSorter)

struct _CfKeySorter
{
  GtkSorter parent_instance;
  CfDocumentSort key;
  int *probe;               /* where to record the key, during a probe */
};

G_DEFINE_FINAL_TYPE (CfKeySorter, cf_key_sorter, GTK_TYPE_SORTER)

static GtkOrdering
cf_key_sorter_compare (GtkSorter *sorter,
                       gpointer   item1,
                       gpointer   item2)
{
  CfKeySorter *self = CF_KEY_SORTER (sorter);

  if (self->probe != NULL && *self->probe < 0)
    *self->probe = self->key;
  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
cf_key_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_TOTAL;
}

static void
cf_key_sorter_class_init (CfKeySorterClass *klass)
{
  GTK_SORTER_CLASS (klass)->compare = cf_key_sorter_compare;
  GTK_SORTER_CLASS (klass)->get_order = cf_key_sorter_get_order;
}

static void
cf_key_sorter_init (CfKeySorter *self)
{
}

/* The table ------------------------------------------------------------------ */

G_DEFINE_FINAL_TYPE (CfDocumentTable, cf_document_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_SELECTED,
  PROP_N_ROWS,
  N_PROPS
};

enum {
  DOCUMENT_ACTIVATED,
  SORT_CHANGED,
  SEARCH_OUTDATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* The top-level rows: the search's when searching, else the view's. */
GListModel *
cf_table_root_model (CfDocumentTable *self)
{
  return self->results ? G_LIST_MODEL (self->results) : G_LIST_MODEL (self->list);
}

gint64
cf_table_root_get_id (CfDocumentTable *self,
             guint            position)
{
  return self->results ? cf_search_results_get_id (self->results, position)
                       : cf_document_list_get_id (self->list, position);
}

guint
cf_table_root_find (CfDocumentTable *self,
           gint64           id)
{
  return self->results ? cf_search_results_find (self->results, id)
                       : cf_document_list_find (self->list, id);
}

/* Families open under their head in the view of all documents; search
 * results are flat (a hit inside a family is a row of its own). */
gboolean
cf_table_root_is_tree (CfDocumentTable *self)
{
  return self->results == NULL && self->list != NULL && cf_document_list_is_tree (self->list);
}

/* The document a row of the tree shows: a top-level row's item is the
 * slot of its position (see cf-row-slots.h), a member's the document its
 * family's list handed out. */
gint64
cf_table_item_id (gpointer item)
{
  if (CF_IS_ROW_SLOT (item))
    return cf_row_slot_get_id (item);
  return cf_document_get_id (item);
}

/* The list a row below the top comes from: its family's. */
static CfDocumentList *
family_of_row (CfDocumentTable *self,
               GtkTreeListRow  *row)
{
  g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
  g_autoptr(GObject) head = NULL;
  gint64 id;

  if (parent == NULL)
    return NULL;
  head = gtk_tree_list_row_get_item (parent);
  id = cf_table_item_id (head);
  return g_hash_table_lookup (self->children, &id);
}

/* What a row shows: the document's current data. The tree model keeps the
 * object it was first handed, so that only gives the id; the row's list
 * has the rest (see cf_document_table_refresh). */
CfDocument *
cf_table_document_of_row (CfDocumentTable *self,
                          GtkTreeListRow  *row)
{
  g_autoptr(GObject) kept = NULL;
  CfDocumentList *family;
  gint64 id;

  if (row == NULL || self->list == NULL)
    return NULL;
  kept = gtk_tree_list_row_get_item (row);
  if (kept == NULL)
    return NULL;
  id = cf_table_item_id (kept);
  family = family_of_row (self, row);
  if (family != NULL)
    return cf_document_list_lookup (family, id);
  if (self->results != NULL)
    return cf_search_results_lookup (self->results, id);
  return cf_document_list_lookup (self->list, id);
}

static CfDocument *
document_of_item (CfDocumentTable *self,
                  GtkListItem     *item)
{
  if (self == NULL)
    return NULL;
  return cf_table_document_of_row (self, gtk_list_item_get_item (item));
}

/* Factories -------------------------------------------------------------------- */

static GtkWidget *
new_cell_label (gboolean numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* Tooltips of cells come from a query, not gtk_widget_set_tooltip_text:
 * setting one makes GTK ask the X server where the pointer is, and binding
 * a screen of rows would wait on hundreds of round trips. */
static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "cf-tooltip");

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
enable_tooltip (GtkWidget *widget)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}

static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  g_object_set_data_full (G_OBJECT (widget), "cf-tooltip", g_strdup (text), g_free);
}


static gboolean
is_current (CfDocumentTable *self,
            GtkListItem     *item)
{
  GtkWidget *cell = gtk_list_item_get_child (item);

  return cell == NULL || GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "cf-generation")) == self->generation;
}

static void
bind_if_stale (CfDocumentTable *self,
               GtkListItem     *item)
{
  gpointer column;

  if (g_hash_table_lookup_extended (self->bound, item, NULL, &column) &&
      gtk_list_item_get_item (item) != NULL && !is_current (self, item))
    cf_table_bind_item (self, item, GPOINTER_TO_INT (column));
}

static gboolean
bind_stale (gpointer data)
{
  CfDocumentTable *self = data;
  g_autoptr(GPtrArray) stale = g_steal_pointer (&self->stale);

  self->stale_source = 0;
  self->stale = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < stale->len; i++)
    bind_if_stale (self, g_ptr_array_index (stale, i));
  return G_SOURCE_REMOVE;
}

static void
queue_stale (CfDocumentTable *self)
{
  if (self->stale_source == 0)
    self->stale_source = g_idle_add (bind_stale, self);
}

/* Cells off screen bound again this many each frame (a row is seven
 * cells), before the frame is laid out: it then measures a few rows anew,
 * not all ~200. The frame that shows the rows on screen anew has enough
 * to measure: the sweep starts with the next. */
#define SWEEP_CELLS 56

static gboolean
sweep_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  CfDocumentTable *self = data;
  guint n;

  if (gdk_frame_clock_get_frame_counter (clock) <= self->sweep_after)
    return G_SOURCE_CONTINUE;
  n = MIN (self->sweep->len, SWEEP_CELLS);
  for (guint i = 0; i < n; i++)
    bind_if_stale (self, g_ptr_array_index (self->sweep, i));
  g_ptr_array_remove_range (self->sweep, 0, n);
  if (self->sweep->len > 0)
    return G_SOURCE_CONTINUE;
  self->sweep_tick = 0;
  return G_SOURCE_REMOVE;
}

/* A cell bound before the last refresh shows again: it binds once this
 * frame is drawn (changing it while it is being laid out is not allowed).
 * Until then it shows nothing rather than another document's data. */
static void
on_cell_map (GtkWidget       *cell,
             CfDocumentTable *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (cell), "cf-list-item");

  if (self->stale == NULL || is_current (self, item))
    return;
  gtk_widget_set_opacity (cell, 0);
  g_ptr_array_add (self->stale, g_object_ref (item));
  queue_stale (self);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *cell;

  switch (column)
    {
    case COLUMN_EXHIBIT:
      {
        GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

        cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
        enable_tooltip (lock);
        set_tooltip (lock, _("Locked: produced to the court, never renumbered"));
        gtk_widget_add_css_class (lock, "dim-label");
        gtk_box_append (GTK_BOX (cell), new_cell_label (FALSE));
        gtk_box_append (GTK_BOX (cell), lock);
      }
      break;
    case COLUMN_TITLE:
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
        GtkWidget *label = new_cell_label (FALSE);
        GtkWidget *snippet = new_cell_label (FALSE);
        GtkWidget *status = gtk_image_new ();

        /* Two lines of the text around the hits. */
        gtk_label_set_single_line_mode (GTK_LABEL (snippet), FALSE);
        gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
        gtk_label_set_lines (GTK_LABEL (snippet), 2);
        gtk_widget_add_css_class (snippet, "caption");
        gtk_widget_add_css_class (snippet, "cf-snippet");
        gtk_widget_set_hexpand (texts, TRUE);
        gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
        enable_tooltip (label);
        enable_tooltip (status);
        gtk_box_append (GTK_BOX (texts), label);
        /* Under the title, while searching: the words around the hits. */
        snippet = cf_wrap_bin_new (snippet);
        gtk_widget_set_visible (snippet, FALSE);
        gtk_box_append (GTK_BOX (texts), snippet);
        gtk_box_append (GTK_BOX (box), gtk_image_new ());
        gtk_box_append (GTK_BOX (box), texts);
        gtk_box_append (GTK_BOX (box), status);
        cell = gtk_tree_expander_new ();
        gtk_tree_expander_set_child (GTK_TREE_EXPANDER (cell), box);
      }
      break;
    case COLUMN_SIZE:
      cell = new_cell_label (TRUE);
      break;
    case COLUMN_DATE:
    case COLUMN_TYPE:
    case COLUMN_CLAIMS:
      cell = new_cell_label (FALSE);
      enable_tooltip (cell);
      break;
    case COLUMN_AUTHOR:
    default:
      cell = new_cell_label (FALSE);
      break;
    }
  /* Pointer events find their row through this. */
  g_object_set_data (G_OBJECT (cell), "cf-list-item", item);
  g_object_set_data (G_OBJECT (cell), "cf-column", GINT_TO_POINTER (column));
  g_signal_connect (cell, "map", G_CALLBACK (on_cell_map),
                    g_object_get_data (G_OBJECT (factory), "cf-table"));
  gtk_list_item_set_child (item, cell);
}

/* The icon of a kind of document: looking one up asks shared-mime-info,
 * too slow to do for each of the rows a list binds at once. */
static GIcon *
type_icon (CfDocumentTable *self,
           const char      *mime_type)
{
  GIcon *icon;

  if (mime_type == NULL)
    mime_type = "application/octet-stream";
  icon = g_hash_table_lookup (self->icons, mime_type);
  if (icon == NULL)
    {
      g_autofree char *content_type = g_content_type_from_mime_type (mime_type);

      icon = content_type ? g_content_type_get_symbolic_icon (content_type)
                          : g_themed_icon_new ("text-x-generic-symbolic");
      g_hash_table_insert (self->icons, g_strdup (mime_type), icon);
    }
  return icon;
}

/* The words around the hits under a title, while searching (id 0: none);
 * snippet is the label's CfWrapBin. The label is set only when its snippet
 * changed: more snippets arriving must not lay out every row again. */
void
cf_table_show_snippet (CfDocumentTable *self,
                       GtkWidget       *snippet,
                       gint64           id)
{
  GtkWidget *label = cf_wrap_bin_get_child (CF_WRAP_BIN (snippet));
  const char *found = self->results != NULL && id > 0
                      ? cf_search_results_get_snippet (self->results, id) : NULL;

  if (found != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (label), "cf-snippet"), found) != 0)
    {
      g_autofree char *markup = cf_search_snippet_markup (found);

      gtk_label_set_markup (GTK_LABEL (label), markup);
    }
  g_object_set_data_full (G_OBJECT (label), "cf-snippet", g_strdup (found), g_free);
  gtk_widget_set_visible (snippet, found != NULL);
}

static void
bind_title (CfDocumentTable *self,
            GtkTreeExpander *expander,
            GtkTreeListRow  *row,
            CfDocument      *document)
{
  GtkWidget *box = gtk_tree_expander_get_child (expander);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_next_sibling (icon);
  GtkWidget *label = gtk_widget_get_first_child (texts);
  GtkWidget *snippet = gtk_widget_get_next_sibling (label);
  GtkWidget *status = gtk_widget_get_next_sibling (texts);
  g_autofree char *status_tip = NULL;
  const char *status_icon = NULL;

  /* A search's rows are flat: no expander, and the tree is never asked
   * whether they open, which it would remember for the slot (see
   * keep_slot). A row bound again in place asks again: its slot may show
   * another document now. */
  if (gtk_tree_expander_get_list_row (expander) == row)
    gtk_tree_expander_set_list_row (expander, NULL);
  if (gtk_tree_list_row_get_depth (row) > 0 || cf_table_root_is_tree (self))
    gtk_tree_expander_set_list_row (expander, row);
  gtk_image_set_from_gicon (GTK_IMAGE (icon), type_icon (self, cf_document_get_mime_type (document)));
  gtk_label_set_text (GTK_LABEL (label), cf_document_get_title (document));
  set_tooltip (label, cf_document_get_source (document));
  cf_table_show_snippet (self, snippet, gtk_tree_list_row_get_depth (row) == 0 ? cf_document_get_id (document) : 0);

  if (cf_document_get_status (document) != CF_STATUS_OK)
    {
      status_icon = "dialog-warning-symbolic";
      status_tip = g_strdup_printf (_("Could not be read: %s"),
                                    cf_document_get_problem (document)
                                    ? cf_document_get_problem (document) : _("no reason recorded"));
    }
  else if (cf_document_get_privileged (document))
    {
      status_icon = "security-high-symbolic";
      status_tip = g_strdup_printf (_("Privileged: %s"),
                                    cf_document_get_privilege_basis (document));
    }
  else if (cf_document_get_duplicate_of (document) > 0)
    {
      status_icon = "edit-copy-symbolic";
      g_autofree char *original = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   cf_document_get_duplicate_of (document));

      /* TRANSLATORS: %s is the number of the document it duplicates */
      status_tip = g_strdup_printf (_("The same bytes as document %s"), original);
    }
  gtk_widget_set_visible (status, status_icon != NULL);
  if (status_icon != NULL)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (status), status_icon);
      set_tooltip (status, status_tip);
    }
}

static char *
claims_text (CfDocumentTable *self,
             CfDocument      *document)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GString) text = NULL;

  if (cf_document_get_n_claims (document) == 0 || self->session == NULL)
    return g_strdup ("");
  /* Only rows on screen get here, so this stays a handful of queries. */
  tags = cf_case_list_tags (cf_session_get_reader (self->session),
                            cf_document_get_id (document), NULL);
  if (tags == NULL)
    return g_strdup ("");
  text = g_string_new (NULL);
  for (guint i = 0; i < tags->len; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "",
                            cf_tag_get_claim_title (g_ptr_array_index (tags, i)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
cf_table_bind_item (CfDocumentTable *self,
           GtkListItem     *item,
           Column           column)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autoptr(CfDocument) document = document_of_item (self, item);
  g_autofree char *text = NULL;

  if (document == NULL)
    return;
  g_object_set_data (G_OBJECT (cell), "cf-generation", GUINT_TO_POINTER (self->generation));
  gtk_widget_set_opacity (cell, 1);

  switch (column)
    {
    case COLUMN_EXHIBIT:
      {
        GtkWidget *label = gtk_widget_get_first_child (cell);
        GtkWidget *lock = gtk_widget_get_next_sibling (label);

        gtk_label_set_text (GTK_LABEL (label), cf_document_get_exhibit (document)
                            ? cf_document_get_exhibit (document) : "");
        gtk_widget_set_visible (lock, cf_document_get_exhibit_locked (document));
      }
      return;
    case COLUMN_TITLE:
      bind_title (self, GTK_TREE_EXPANDER (cell), gtk_list_item_get_item (item), document);
      return;
    case COLUMN_DATE:
      if (cf_document_get_date (document) != NULL)
        {
          gtk_label_set_text (GTK_LABEL (cell), cf_document_get_date (document));
          gtk_widget_remove_css_class (cell, "dim-label");
          set_tooltip (cell, NULL);
        }
      else
        {
          const char *modified = cf_document_get_modified (document);

          text = g_strndup (modified ? modified : "", 10);
          gtk_label_set_text (GTK_LABEL (cell), text);
          gtk_widget_add_css_class (cell, "dim-label");
          set_tooltip (cell, _("The file’s date; the document has no date of its own yet"));
        }
      return;
    case COLUMN_TYPE:
      text = cf_short_type_label (cf_document_get_mime_type (document));
      {
        g_autofree char *description = cf_describe_mime_type (cf_document_get_mime_type (document));

        set_tooltip (cell, description);
      }
      break;
    case COLUMN_AUTHOR:
      text = g_strdup (cf_document_get_author (document) ? cf_document_get_author (document) : "");
      break;
    case COLUMN_CLAIMS:
      text = claims_text (self, document);
      set_tooltip (cell, text);
      break;
    case COLUMN_SIZE:
      text = g_format_size (cf_document_get_size (document));
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (cell), text);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  CfDocumentTable *self = g_object_get_data (G_OBJECT (factory), "cf-table");

  if (self->bound != NULL)
    g_hash_table_insert (self->bound, item, user_data);
  cf_table_bind_item (self, item, GPOINTER_TO_INT (user_data));
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CfDocumentTable *self = g_object_get_data (G_OBJECT (factory), "cf-table");

  if (self->bound != NULL)
    g_hash_table_remove (self->bound, item);
}

static void
set_up_column (CfDocumentTable     *self,
               GtkColumnViewColumn *column,
               Column               kind,
               CfDocumentSort       sort)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(CfKeySorter) sorter = g_object_new (CF_TYPE_KEY_SORTER, NULL);

  g_object_set_data (G_OBJECT (factory), "cf-table", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GINT_TO_POINTER (kind));
  gtk_column_view_column_set_factory (column, factory);

  sorter->key = sort;
  sorter->probe = &self->probe;
  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

/* Models -------------------------------------------------------------------- */

/* Whether the top-level row of the document opens on its family. */
static gboolean
is_family (CfDocumentTable *self,
           gint64           id)
{
  g_autoptr(CfDocument) document = NULL;

  if (!cf_table_root_is_tree (self))
    return FALSE;
  document = cf_document_list_lookup (self->list, id);
  return document != NULL && cf_document_get_n_children (document) > 0;
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  CfDocumentTable *self = user_data;
  CfDocumentList *children;
  g_autoptr(GError) error = NULL;
  gint64 id = cf_table_item_id (item);

  if (CF_IS_ROW_SLOT (item))
    {
      /* The tree keeps the answer, and so does the slot (see keep_slot). */
      gboolean family = is_family (self, id);

      cf_row_slot_set_answer (item, family ? CF_ROW_SLOT_FAMILY : CF_ROW_SLOT_LEAF);
      if (!family)
        return NULL;
    }
  else if (!cf_table_root_is_tree (self) || cf_document_get_n_children (item) == 0)
    return NULL;    /* a member: its family's list has its current data */

  children = g_hash_table_lookup (self->children, &id);
  if (children == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = id;
      children = cf_document_list_new (cf_session_get_reader (self->session),
                                       CF_DOCUMENT_VIEW_CHILDREN, id);
      if (!cf_document_list_reload (children, &error))
        g_debug ("Could not list the family of %" G_GINT64_FORMAT ": %s", id, error->message);
      g_hash_table_insert (self->children, key, children);
    }
  return G_LIST_MODEL (g_object_ref (children));
}

guint64
cf_table_rows_read_by_children (CfDocumentTable *self)
{
  GHashTableIter iter;
  CfDocumentList *list;
  guint64 n = 0;

  g_hash_table_iter_init (&iter, self->children);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &list))
    n += cf_document_list_get_n_rows_read (list);
  return n;
}

static void
update_empty (CfDocumentTable *self)
{
  gboolean empty = self->list == NULL || g_list_model_get_n_items (cf_table_root_model (self)) == 0;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean focus_was_on_empty = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->empty_page));
  gboolean focus_was_on_list = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view));

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  /* A hidden widget with the focus would swallow the shortcuts: when the
   * rows come (after an import) they take the focus, and when the last one
   * goes (the last untagged document tagged) what replaces them does. */
  if ((!empty && focus_was_on_empty) || (empty && focus_was_on_list))
    cf_document_table_grab_focus (self);
}

void
cf_table_on_items_changed (GListModel      *model,
                  guint            position,
                  guint            removed,
                  guint            added,
                  CfDocumentTable *self)
{
  if (model != cf_table_root_model (self))
    return;
  if (removed != added)
    {
      update_empty (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ROWS]);
    }
}

static void
on_selection_changed (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      CfDocumentTable   *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_SELECTED]);
}

static gint64
root_get_id (gpointer source,
             guint    position)
{
  if (CF_IS_SEARCH_RESULTS (source))
    return cf_search_results_get_id (source, position);
  return cf_document_list_get_id (source, position);
}

/* Whether a slot can show another document in place. The tree remembers
 * only that a row does not open (a slot answered a leaf); whether it does
 * it asks again, and bind_title makes the expander ask. */
static gboolean
keep_slot (CfRowSlot *slot,
           gint64     id,
           gpointer   user_data)
{
  CfDocumentTable *self = user_data;

  if (cf_row_slot_get_answer (slot) == CF_ROW_SLOT_LEAF)
    return !is_family (self, id);
  return TRUE;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint pa = gtk_list_item_get_position (*(GtkListItem **) a);
  guint pb = gtk_list_item_get_position (*(GtkListItem **) b);

  return pa < pb ? -1 : pa > pb;
}

/* Binds again every cell on screen, in place; those off screen bind a few
 * rows at a time after each frame, from the top (and at once when they
 * show, on_cell_map). Binding all ~200 rows GTK keeps at once would have
 * it measure them all in the next frame: a third of a second when a
 * search shows two lines of snippet in each. */
void
cf_table_rebind (CfDocumentTable *self)
{
  GHashTableIter iter;
  gpointer item, column;
  guint n_on_screen = 0;

  self->generation++;
  g_ptr_array_set_size (self->sweep, 0);
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, &column))
    if (gtk_widget_get_mapped (gtk_list_item_get_child (item)))
      {
        cf_table_bind_item (self, item, GPOINTER_TO_INT (column));
        if (GPOINTER_TO_INT (column) == COLUMN_TITLE)
          n_on_screen++;
      }
    else
      g_ptr_array_add (self->sweep, g_object_ref (item));
  self->n_rows_on_screen = n_on_screen;
  g_ptr_array_sort (self->sweep, compare_positions);
  if (self->sweep->len > 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->column_view));

      self->sweep_after = clock ? gdk_frame_clock_get_frame_counter (clock) + 1 : 0;
      if (self->sweep_tick == 0)
        self->sweep_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view),
                                                         sweep_tick, self, NULL);
    }
}

/* Before scrolling to position: binds the rows that will show around it
 * now, not once they showed (a frame with what they showed before). */
void
cf_table_bind_near (CfDocumentTable *self,
                    guint            position)
{
  guint reach = MAX (self->n_rows_on_screen, 8) + 2;
  guint first = position > reach ? position - reach : 0;
  GHashTableIter iter;
  gpointer item, column;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, &column))
    {
      GtkWidget *cell = gtk_list_item_get_child (item);
      guint at = gtk_list_item_get_position (item);

      if (at >= first && at <= position + reach &&
          GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "cf-generation")) != self->generation)
        cf_table_bind_item (self, item, GPOINTER_TO_INT (column));
    }
}

/* Shows the top-level rows of the search or the view: the slots show the
 * new documents and the cells bind again in place (see cf-row-slots.h).
 * The tree is made anew only when a family is open (its members' rows
 * would have to go first) or there is none yet. */
void
cf_table_set_root (CfDocumentTable *self)
{
  GListModel *root = cf_table_root_model (self);
  gboolean in_place = self->tree != NULL &&
                      g_list_model_get_n_items (G_LIST_MODEL (self->tree)) ==
                      g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  self->n_rows_read_before += cf_table_rows_read_by_children (self);
  g_hash_table_remove_all (self->children);
  if (in_place)
    {
      guint start = G_MAXUINT, end = 0;
      GHashTableIter iter;
      gpointer item;

      /* The rows with widgets: the only ones worth keeping. */
      g_hash_table_iter_init (&iter, self->bound);
      while (g_hash_table_iter_next (&iter, &item, NULL))
        {
          guint position = gtk_list_item_get_position (item);

          if (position != GTK_INVALID_LIST_POSITION)
            {
              start = MIN (start, position);
              end = MAX (end, position + 1);
            }
        }
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      cf_row_slots_set_source (self->rows, root, root_get_id, start, end, keep_slot, self);
      cf_table_rebind (self);
      if (g_list_model_get_n_items (root) > 0)
        {
          cf_table_bind_near (self, 0);
          gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", 0);
        }
    }
  else
    {
      g_clear_object (&self->rows);
      g_clear_object (&self->tree);
      self->rows = cf_row_slots_new ();
      cf_row_slots_set_source (self->rows, root, root_get_id, 0, 0, NULL, NULL);
      self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                            FALSE, FALSE, create_children, self, NULL);
      gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->tree));
    }
  update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ROWS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_SELECTED]);
}

/* Builds the view's list for the current view and sort. While a search
 * shows, the list waits until it is wanted again. */
void
cf_table_rebuild (CfDocumentTable *self)
{
  g_autoptr(GError) error = NULL;
  CfDocumentList *list;

  if (self->session == NULL)
    return;
  if (self->results != NULL)
    {
      self->list_stale = TRUE;
      return;
    }
  self->list_stale = FALSE;

  if (self->list != NULL)
    {
      self->n_rows_read_before += cf_document_list_get_n_rows_read (self->list);
      g_signal_handlers_disconnect_by_func (self->list, cf_table_on_items_changed, self);
    }

  list = cf_document_list_new (cf_session_get_reader (self->session), self->view, self->view_id);
  cf_document_list_set_sort (list, self->sort, self->descending);
  if (!cf_document_list_reload (list, &error))
    cf_show_error (GTK_WIDGET (self), _("Could not list the documents"), error);
  g_set_object (&self->list, list);
  g_object_unref (list);
  g_signal_connect (self->list, "items-changed", G_CALLBACK (cf_table_on_items_changed), self);
  cf_table_set_root (self);
}

static void
on_sorter_changed (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   CfDocumentTable *self)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  self->probe = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (self->probe < 0 || order == GTK_ORDERING_EQUAL)
    {
      self->sort = CF_DOCUMENT_SORT_IMPORTED;
      self->descending = FALSE;
    }
  else
    {
      self->sort = self->probe;
      self->descending = order == GTK_ORDERING_LARGER;
    }
  self->probe = -1;
  cf_table_rebuild (self);
  /* Search results are ordered where the search runs. */
  g_signal_emit (self, signals [SORT_CHANGED], 0);
}

/* Pointer: which row, drag, context menu ------------------------------------ */

static GtkListItem *
item_at (CfDocumentTable *self,
         double           x,
         double           y)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);

  for (; widget != NULL && widget != GTK_WIDGET (self->column_view);
       widget = gtk_widget_get_parent (widget))
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (widget), "cf-list-item");

      if (item != NULL)
        return item;
    }
  return NULL;
}

/* Right-clicking or dragging a row that is not selected acts on that row
 * alone, like a file manager. */
static gboolean
select_row_at (CfDocumentTable *self,
               double           x,
               double           y)
{
  GtkListItem *item = item_at (self, x, y);
  guint position;

  if (item == NULL || gtk_list_item_get_item (item) == NULL)
    return FALSE;
  position = gtk_list_item_get_position (item);
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  return TRUE;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource   *source,
                 double           x,
                 double           y,
                 CfDocumentTable *self)
{
  g_autoptr(GArray) ids = NULL;
  GValue value = G_VALUE_INIT;
  GdkContentProvider *content;

  if (!select_row_at (self, x, y))
    return NULL;
  ids = cf_document_table_get_selected_ids (self);
  if (ids->len == 0)
    return NULL;
  g_value_init (&value, CF_TYPE_DOCUMENT_IDS);
  g_value_set_boxed (&value, ids);
  content = gdk_content_provider_new_for_value (&value);
  g_value_unset (&value);
  return content;
}

static void
on_drag_begin (GtkDragSource   *source,
               GdkDrag         *drag,
               CfDocumentTable *self)
{
  guint n = cf_document_table_get_n_selected (self);
  g_autofree char *count = cf_format_count (n);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s document",
                                                        "%s documents", n), count);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "cf-drag-label");
  gtk_drag_icon_set_child (GTK_DRAG_ICON (gtk_drag_icon_get_for_drag (drag)), label);
}

static void
popup_menu_at (CfDocumentTable *self,
               double           x,
               double           y)
{
  GdkRectangle rect = { 0, 0, 1, 1 };
  graphene_point_t in, out;

  if (gtk_popover_menu_get_menu_model (self->context_popover) == NULL)
    return;
  graphene_point_init (&in, x, y);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->column_view), GTK_WIDGET (self), &in, &out))
    out = in;
  rect.x = out.x;
  rect.y = out.y;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_popover));
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    CfDocumentTable *self)
{
  if (!select_row_at (self, x, y))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, x, y);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CfDocumentTable *self = CF_DOCUMENT_TABLE (widget);

  if (cf_document_table_get_n_selected (self) == 0)
    return;
  popup_menu_at (self, gtk_widget_get_width (GTK_WIDGET (self->column_view)) / 3.0, 40);
}

/* Right opens the focused family, Left closes it (or goes to its head), as
 * in a file manager's tree. */
static GtkTreeExpander *
focused_expander (CfDocumentTable *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)))
    return NULL;
  if (GTK_IS_TREE_EXPANDER (focus))
    return GTK_TREE_EXPANDER (focus);
  /* The row has the focus; the expander is in its title cell. */
  for (GtkWidget *child = gtk_widget_get_first_child (focus); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    for (GtkWidget *cell = gtk_widget_get_first_child (child); cell != NULL;
         cell = gtk_widget_get_next_sibling (cell))
      if (GTK_IS_TREE_EXPANDER (cell))
        return GTK_TREE_EXPANDER (cell);
  return NULL;
}

static void
expand_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CfDocumentTable *self = CF_DOCUMENT_TABLE (widget);
  GtkTreeExpander *expander = focused_expander (self);
  GtkTreeListRow *row = expander ? gtk_tree_expander_get_list_row (expander) : NULL;
  gboolean expand = g_str_equal (action_name, "table.expand");

  if (row == NULL)
    return;
  if (expand || gtk_tree_list_row_get_expanded (row))
    {
      gtk_tree_list_row_set_expanded (row, expand);
      return;
    }
  /* Left on a member: up to the head of its family. */
  {
    g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

    if (parent != NULL)
      gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u",
                                  gtk_tree_list_row_get_position (parent));
  }
}

/* The column view takes Left and Right for itself; families open and
 * close before it sees them. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CfDocumentTable       *self)
{
  const char *action = NULL;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right || keyval == GDK_KEY_plus ||
      keyval == GDK_KEY_KP_Add)
    action = "table.expand";
  else if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left || keyval == GDK_KEY_minus ||
           keyval == GDK_KEY_KP_Subtract)
    action = "table.collapse";
  if (action == NULL || focused_expander (self) == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
  return TRUE;
}

static void
on_activate (GtkColumnView   *view,
             guint            position,
             CfDocumentTable *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  g_autoptr(GObject) item = row ? gtk_tree_list_row_get_item (row) : NULL;

  if (item != NULL)
    g_signal_emit (self, signals [DOCUMENT_ACTIVATED], 0, cf_table_item_id (item));
}

/* GObject and GtkWidget ------------------------------------------------------ */

static void
cf_document_table_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  CfDocumentTable *self = CF_DOCUMENT_TABLE (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
cf_document_table_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CfDocumentTable *self = CF_DOCUMENT_TABLE (widget);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->context_popover));
}

static void
cf_document_table_dispose (GObject *object)
{
  CfDocumentTable *self = (CfDocumentTable *)object;

  if (self->sweep_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->sweep_tick);
  self->sweep_tick = 0;
  /* gtk_widget_dispose_template is GTK 4.10: unparent by hand. */
  g_clear_pointer ((GtkWidget **) &self->stack, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->context_popover, gtk_widget_unparent);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, cf_table_on_items_changed, self);
  if (self->results != NULL)
    g_signal_handlers_disconnect_by_data (self->results, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->rows);
  g_clear_object (&self->list);
  g_clear_object (&self->results);
  g_clear_pointer (&self->children, g_hash_table_unref);
  g_clear_object (&self->session);
  /* After the cells are gone. */
  g_clear_handle_id (&self->stale_source, g_source_remove);
  g_clear_pointer (&self->stale, g_ptr_array_unref);
  g_clear_pointer (&self->sweep, g_ptr_array_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->icons, g_hash_table_unref);

  G_OBJECT_CLASS (cf_document_table_parent_class)->dispose (object);
}

static void
cf_document_table_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CfDocumentTable *self = CF_DOCUMENT_TABLE (object);

  switch (prop_id)
    {
    case PROP_N_SELECTED:
      g_value_set_uint (value, cf_document_table_get_n_selected (self));
      break;
    case PROP_N_ROWS:
      g_value_set_uint (value, cf_document_table_get_n_rows (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cf_document_table_class_init (CfDocumentTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_document_table_dispose;
  object_class->get_property = cf_document_table_get_property;
  widget_class->measure = cf_document_table_measure;
  widget_class->size_allocate = cf_document_table_size_allocate;

  properties [PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_N_ROWS] =
    g_param_spec_uint ("n-rows", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [DOCUMENT_ACTIVATED] =
    g_signal_new ("document-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* A column header was clicked (see cf_document_table_get_sort). */
  signals [SORT_CHANGED] =
    g_signal_new ("sort-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Documents came or changed while a search shows: it should run again. */
  signals [SEARCH_OUTDATED] =
    g_signal_new ("search-outdated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-document-table.ui");
  gtk_widget_class_bind_template_child (widget_class, CfDocumentTable, stack);
  gtk_widget_class_bind_template_child (widget_class, CfDocumentTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, CfDocumentTable, exhibit_column);
  gtk_widget_class_bind_template_child (widget_class, CfDocumentTable, title_column);
  gtk_widget_class_bind_template_child (widget_class, CfDocumentTable, date_column);
  gtk_widget_class_bind_template_child (widget_class, CfDocumentTable, type_column);
  gtk_widget_class_bind_template_child (widget_class, CfDocumentTable, author_column);
  gtk_widget_class_bind_template_child (widget_class, CfDocumentTable, claims_column);
  gtk_widget_class_bind_template_child (widget_class, CfDocumentTable, size_column);
  gtk_widget_class_bind_template_child (widget_class, CfDocumentTable, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CfDocumentTable, empty_actions);
  gtk_widget_class_bind_template_child (widget_class, CfDocumentTable, context_popover);

  gtk_widget_class_install_action (widget_class, "table.context-menu", NULL, context_menu_action);
  gtk_widget_class_install_action (widget_class, "table.expand", NULL, expand_action);
  gtk_widget_class_install_action (widget_class, "table.collapse", NULL, expand_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "table.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "table.context-menu", NULL);
  /* The window's command, bound here so that Delete in the search entry
   * or a claim's title still edits text (and Delete in the claims still
   * deletes a claim). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.remove-documents", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.remove-documents", NULL);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cf_document_table_init (CfDocumentTable *self)
{
  GtkDragSource *drag;
  GtkGesture *click;
  GtkEventController *key;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->bound = g_hash_table_new (NULL, NULL);
  self->icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->stale = g_ptr_array_new_with_free_func (g_object_unref);
  self->sweep = g_ptr_array_new_with_free_func (g_object_unref);
  self->selection = gtk_multi_selection_new (NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);

  set_up_column (self, self->exhibit_column, COLUMN_EXHIBIT, CF_DOCUMENT_SORT_EXHIBIT);
  set_up_column (self, self->title_column, COLUMN_TITLE, CF_DOCUMENT_SORT_TITLE);
  set_up_column (self, self->date_column, COLUMN_DATE, CF_DOCUMENT_SORT_DATE);
  set_up_column (self, self->type_column, COLUMN_TYPE, CF_DOCUMENT_SORT_TYPE);
  set_up_column (self, self->author_column, COLUMN_AUTHOR, CF_DOCUMENT_SORT_AUTHOR);
  set_up_column (self, self->claims_column, COLUMN_CLAIMS, CF_DOCUMENT_SORT_CLAIMS);
  set_up_column (self, self->size_column, COLUMN_SIZE, CF_DOCUMENT_SORT_SIZE);
  self->probe = -1;
  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed",
                    G_CALLBACK (on_sorter_changed), self);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY | GDK_ACTION_LINK);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), key);
}

/* API ------------------------------------------------------------------------- */

void
cf_document_table_set_session (CfDocumentTable *self,
                               CfSession       *session)
{
  g_return_if_fail (CF_IS_DOCUMENT_TABLE (self));

  if (!g_set_object (&self->session, session))
    return;
  self->view = CF_DOCUMENT_VIEW_ALL;
  self->view_id = 0;
  if (session != NULL)
    cf_table_rebuild (self);
}

void
cf_document_table_set_view (CfDocumentTable *self,
                            CfDocumentView   view,
                            gint64           id)
{
  g_return_if_fail (CF_IS_DOCUMENT_TABLE (self));

  self->view = view;
  self->view_id = id;
  cf_table_rebuild (self);
}

CfDocumentView
cf_document_table_get_view (CfDocumentTable *self,
                            gint64          *id)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), CF_DOCUMENT_VIEW_ALL);
  if (id != NULL)
    *id = self->view_id;
  return self->view;
}

void
cf_document_table_set_empty_text (CfDocumentTable *self,
                                  const char      *title,
                                  const char      *description,
                                  gboolean         offer_import)
{
  g_autofree char *plain = description ? g_markup_escape_text (description, -1) : NULL;

  g_return_if_fail (CF_IS_DOCUMENT_TABLE (self));
  adw_status_page_set_title (self->empty_page, title);
  /* The description is markup to libadwaita, and may quote what was typed
   * in the search ("“<a” holds no letters…"). */
  adw_status_page_set_description (self->empty_page, plain);
  gtk_widget_set_visible (self->empty_actions, offer_import);
}

void
cf_document_table_set_context_menu (CfDocumentTable *self,
                                    GMenuModel      *menu)
{
  g_return_if_fail (CF_IS_DOCUMENT_TABLE (self));
  gtk_popover_menu_set_menu_model (self->context_popover, menu);
}

/* Gives the keyboard focus to the rows, or when there are none to what
 * shows in their place (the offer to import), so that shortcuts keep
 * reaching the window: a hidden list would swallow them. */
gboolean
cf_document_table_grab_focus (CfDocumentTable *self)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  if (gtk_widget_child_focus (GTK_WIDGET (self->empty_page), GTK_DIR_TAB_FORWARD))
    return TRUE;
  /* Nothing to focus on the empty page: the window itself keeps the keys. */
  gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
  return FALSE;
}

GtkColumnView *
cf_document_table_get_column_view (CfDocumentTable *self)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), NULL);
  return self->column_view;
}

/* Private to the table's files -------------------------------------------------- */

void
cf_table_search_outdated (CfDocumentTable *self)
{
  g_signal_emit (self, signals [SEARCH_OUTDATED], 0);
}
