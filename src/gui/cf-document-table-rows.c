/* cf-document-table-rows.c — the document list's rows: what shows (the
 * view's list or a search's results), reading them again when the case
 * changes, the selection, and going to a document (see
 * cf-document-table.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-document-table-private.h"

#include <glib/gi18n.h>

#include "cf-gui-util.h"

static void
on_snippets_changed (CfSearchResults *results,
                     CfDocumentTable *self)
{
  GHashTableIter iter;
  gpointer item, column;

  /* Only the snippet labels of title cells on screen; the rest take
   * theirs when they bind. */
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, &column))
    {
      GtkWidget *cell = gtk_list_item_get_child (item);
      GtkTreeListRow *row = gtk_list_item_get_item (item);
      g_autoptr(GObject) slot = NULL;
      GtkWidget *box, *texts;

      if (GPOINTER_TO_INT (column) != COLUMN_TITLE || row == NULL || !gtk_widget_get_mapped (cell) ||
          gtk_tree_list_row_get_depth (row) != 0)
        continue;
      slot = gtk_tree_list_row_get_item (row);
      box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (cell));
      texts = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
      cf_table_show_snippet (self, gtk_widget_get_next_sibling (gtk_widget_get_first_child (texts)),
                             cf_table_item_id (slot));
    }
}

void
cf_document_table_set_results (CfDocumentTable *self,
                               CfSearchResults *results)
{
  g_autoptr(CfDocument) selected = NULL;

  g_return_if_fail (CF_IS_DOCUMENT_TABLE (self));
  g_return_if_fail (results == NULL || CF_IS_SEARCH_RESULTS (results));

  if (results == self->results)
    return;
  /* The same search again after a change: the rows move in place, the
   * selection stays. */
  if (results != NULL && self->results != NULL &&
      cf_search_results_same_search (self->results, results))
    {
      cf_search_results_update (self->results, results);
      return;
    }

  /* What was selected stays selected where it shows again, so typing on
   * in the search does not lose the document being read. */
  selected = cf_document_table_dup_selected (self);
  if (self->results != NULL)
    {
      self->n_rows_read_before += cf_search_results_get_n_rows_read (self->results);
      g_signal_handlers_disconnect_by_data (self->results, self);
    }
  g_set_object (&self->results, results);
  if (results != NULL)
    {
      g_signal_connect (results, "items-changed", G_CALLBACK (cf_table_on_items_changed), self);
      g_signal_connect (results, "snippets-changed", G_CALLBACK (on_snippets_changed), self);
    }
  if (results == NULL && self->list_stale)
    cf_table_rebuild (self);
  else
    {
      if (results == NULL && self->list != NULL && self->list_outdated)
        {
          g_autoptr(GError) error = NULL;

          /* Imports and edits went on while searching. */
          if (!cf_document_list_reload (self->list, &error))
            g_debug ("Could not list the documents: %s", error->message);
        }
      self->list_outdated = FALSE;
      cf_table_set_root (self);
    }
  if (selected != NULL)
    cf_document_table_reveal (self, cf_document_get_id (selected));
}

CfSearchResults *
cf_document_table_get_results (CfDocumentTable *self)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), NULL);
  return self->results;
}

void
cf_document_table_get_sort (CfDocumentTable *self,
                            CfDocumentSort  *sort,
                            gboolean        *descending)
{
  g_return_if_fail (CF_IS_DOCUMENT_TABLE (self));
  if (sort != NULL)
    *sort = self->sort;
  if (descending != NULL)
    *descending = self->descending;
}

void
cf_document_table_reload (CfDocumentTable *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  GHashTableIter iter;
  CfDocumentList *children;
  guint first_selected = G_MAXUINT;
  guint n_rows;

  g_return_if_fail (CF_IS_DOCUMENT_TABLE (self));

  if (self->list == NULL)
    return;
  if (self->results != NULL)
    {
      /* The search decides which rows show: it runs again. The view's
       * list is read again when the search ends. */
      self->list_outdated = TRUE;
      cf_table_search_outdated (self);
      return;
    }
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (!gtk_bitset_is_empty (selected))
    first_selected = gtk_bitset_get_minimum (selected);
  g_clear_pointer (&selected, gtk_bitset_unref);

  if (!cf_document_list_reload (self->list, &error))
    {
      cf_show_error (GTK_WIDGET (self), _("Could not list the documents"), error);
      return;
    }
  g_hash_table_iter_init (&iter, self->children);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &children))
    cf_document_list_reload (children, NULL);

  /* Working through a view like "Not Yet Tagged", a tagged document leaves
   * it; the next one is then selected, so tagging goes on from the
   * keyboard without reaching for the mouse. */
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->tree));
  if (first_selected != G_MAXUINT && n_rows > 0 && cf_document_table_get_n_selected (self) == 0)
    {
      guint position = MIN (first_selected, n_rows - 1);

      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", position);
    }
}

/* Replacing a row's item makes the tree collapse it and the selection
 * forget it; both are put back, so tagging an open family keeps it open
 * and selected. */
void
cf_document_table_invalidate (CfDocumentTable *self,
                              GArray          *ids)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  CfDocumentList *children;

  g_return_if_fail (CF_IS_DOCUMENT_TABLE (self));

  if (self->list == NULL)
    return;
  if (ids == NULL)
    {
      cf_document_table_refresh (self);
      return;
    }
  /* A copy: the model hands out its own set, which the change rewrites. */
  {
    g_autoptr(GtkBitset) current = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

    selected = gtk_bitset_copy (current);
  }

  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_contains (self->children, &g_array_index (ids, gint64, i)))
      g_array_append_val (expanded, g_array_index (ids, gint64, i));

  /* Which of those families are open right now. */
  for (guint i = 0; i < expanded->len;)
    {
      guint position = cf_document_list_find (self->list, g_array_index (expanded, gint64, i));
      g_autoptr(GtkTreeListRow) row = position != G_MAXUINT
        ? gtk_tree_list_model_get_child_row (self->tree, position) : NULL;

      if (row != NULL && gtk_tree_list_row_get_expanded (row))
        i++;
      else
        g_array_remove_index (expanded, i);
    }

  cf_document_list_invalidate (self->list, (const gint64 *) (gpointer) ids->data, ids->len);
  if (self->results != NULL)
    cf_search_results_invalidate (self->results, (const gint64 *) (gpointer) ids->data, ids->len);
  g_hash_table_iter_init (&iter, self->children);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &children))
    cf_document_list_invalidate (children, (const gint64 *) (gpointer) ids->data, ids->len);

  for (guint i = 0; i < expanded->len; i++)
    {
      guint position = cf_document_list_find (self->list, g_array_index (expanded, gint64, i));
      g_autoptr(GtkTreeListRow) row = position != G_MAXUINT
        ? gtk_tree_list_model_get_child_row (self->tree, position) : NULL;

      if (row != NULL)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, selected);
}

gboolean
cf_document_table_add_imported (CfDocumentTable *self,
                                const gint64    *ids,
                                const gint64    *parent_ids,
                                guint            n_ids)
{
  g_autoptr(GHashTable) grown = NULL;
  gboolean placed;
  GHashTableIter iter;
  gint64 *key;
  CfDocumentList *children;

  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), FALSE);

  if (self->list == NULL)
    return TRUE;
  /* New documents may match the search: it must run again (reload). */
  if (self->results != NULL)
    return FALSE;
  placed = cf_document_list_add_imported (self->list, ids, parent_ids, n_ids);
  if (!cf_document_list_is_tree (self->list))
    return placed;

  /* Members of an open family join it; a parent that got its first members
   * is redrawn so that it can be expanded. */
  g_hash_table_iter_init (&iter, self->children);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &children))
    cf_document_list_add_imported (children, ids, parent_ids, n_ids);

  grown = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_ids; i++)
    if (parent_ids[i] > 0 && !g_hash_table_contains (self->children, &parent_ids[i]))
      g_hash_table_add (grown, (gpointer) &parent_ids[i]);
  if (g_hash_table_size (grown) > 0)
    {
      g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_hash_table_iter_init (&iter, grown);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
        g_array_append_val (changed, *key);
      cf_document_table_invalidate (self, changed);
    }
  return placed;
}

void
cf_document_table_refresh (CfDocumentTable *self)
{
  GHashTableIter iter;
  CfDocumentList *children;

  g_return_if_fail (CF_IS_DOCUMENT_TABLE (self));

  if (self->list == NULL)
    return;
  /* No items-changed: GTK 4.8 would build a widget for each of the ~200
   * rows it keeps, which takes a third of a second. The cells bind again
   * in place, those on screen now and the others when they show. */
  cf_document_list_forget (self->list);
  if (self->results != NULL)
    cf_search_results_forget (self->results);
  g_hash_table_iter_init (&iter, self->children);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &children))
    cf_document_list_forget (children);
  cf_table_rebind (self);
}

GArray *
cf_document_table_get_selected_ids (CfDocumentTable *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;
  guint n_top = 0, next = 0;

  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), ids);

  if (self->tree == NULL)
    return ids;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->tree)) ==
      g_list_model_get_n_items (cf_table_root_model (self)))
    {
      /* No family is open: rows are the list's rows. */
      for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
           ok;
           ok = gtk_bitset_iter_next (&iter, &position))
        {
          gint64 id = cf_table_root_get_id (self, position);

          g_array_append_val (ids, id);
        }
      return ids;
    }
  /* Top-level rows give their id from the list without reading the row
   * (selecting all of 100,000 rows must not load them); members, which are
   * few, are read. n_top counts the top-level rows above position. */
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(GtkTreeListRow) row = NULL;
      gint64 id;

      for (; next < position; next++)
        {
          g_autoptr(GtkTreeListRow) above = gtk_tree_list_model_get_row (self->tree, next);

          if (above != NULL && gtk_tree_list_row_get_depth (above) == 0)
            n_top++;
        }
      row = gtk_tree_list_model_get_row (self->tree, position);
      if (row == NULL)
        continue;
      if (gtk_tree_list_row_get_depth (row) == 0)
        id = cf_table_root_get_id (self, n_top);
      else
        {
          g_autoptr(GObject) member = gtk_tree_list_row_get_item (row);

          id = cf_table_item_id (member);
        }
      g_array_append_val (ids, id);
    }
  return ids;
}

guint
cf_document_table_get_n_selected (CfDocumentTable *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), 0);

  if (self->tree == NULL)
    return 0;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return (guint) gtk_bitset_get_size (selected);
}

CfDocument *
cf_document_table_dup_selected (CfDocumentTable *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), NULL);

  if (self->tree == NULL)
    return NULL;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_get_size (selected) != 1)
    return NULL;
  row = gtk_tree_list_model_get_row (self->tree, gtk_bitset_get_minimum (selected));
  return cf_table_document_of_row (self, row);
}

gboolean
cf_document_table_select_id (CfDocumentTable *self,
                             gint64           id)
{
  guint position;
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), FALSE);

  if (self->list == NULL)
    return FALSE;
  position = cf_table_root_find (self, id);
  if (position == G_MAXUINT)
    return FALSE;
  row = gtk_tree_list_model_get_child_row (self->tree, position);
  if (row == NULL)
    return FALSE;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection),
                                   gtk_tree_list_row_get_position (row), TRUE);
  return TRUE;
}

static void
select_and_show (CfDocumentTable *self,
                 guint            position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  cf_table_bind_near (self, position);
  gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", position);
}

gboolean
cf_document_table_reveal (CfDocumentTable *self,
                          gint64           id)
{
  g_autoptr(GArray) chain = NULL;
  g_autoptr(GtkTreeListRow) row = NULL;
  CfCase *reader;
  guint position;

  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), FALSE);

  if (self->list == NULL || self->session == NULL)
    return FALSE;
  position = cf_table_root_find (self, id);
  if (position != G_MAXUINT)
    {
      row = gtk_tree_list_model_get_child_row (self->tree, position);
      if (row == NULL)
        return FALSE;
      select_and_show (self, gtk_tree_list_row_get_position (row));
      return TRUE;
    }
  if (!cf_table_root_is_tree (self))
    return FALSE;

  /* A member: its family's head is a top row; each level opens on the
   * way down. Families are shallow (an archive in a mail at most). */
  reader = cf_session_get_reader (self->session);
  chain = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (gint64 current = id; current > 0 && chain->len < 64;)
    {
      g_autoptr(CfDocument) document = cf_case_get_document (reader, current, NULL);

      if (document == NULL)
        return FALSE;
      g_array_prepend_val (chain, current);
      current = cf_document_get_parent_id (document);
    }
  position = cf_table_root_find (self, g_array_index (chain, gint64, 0));
  if (position == G_MAXUINT)
    return FALSE;
  row = gtk_tree_list_model_get_child_row (self->tree, position);
  for (guint level = 1; row != NULL && level < chain->len; level++)
    {
      gint64 head = g_array_index (chain, gint64, level - 1);
      CfDocumentList *family;
      guint at;

      gtk_tree_list_row_set_expanded (row, TRUE);
      family = g_hash_table_lookup (self->children, &head);
      at = family ? cf_document_list_find (family, g_array_index (chain, gint64, level)) : G_MAXUINT;
      if (at == G_MAXUINT)
        return FALSE;
      {
        GtkTreeListRow *child = gtk_tree_list_row_get_child_row (row, at);

        g_object_unref (row);
        row = child;
      }
    }
  if (row == NULL)
    return FALSE;
  select_and_show (self, gtk_tree_list_row_get_position (row));
  return TRUE;
}

gboolean
cf_document_table_focus_rows (CfDocumentTable *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GHashTableIter iter;
  gpointer item, column;
  guint position;

  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), FALSE);

  if (cf_document_table_get_n_rows (self) == 0)
    return FALSE;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (selected))
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
      position = 0;
    }
  else
    position = gtk_bitset_get_minimum (selected);
  /* The row's title cell: the list's keyboard cursor follows it. */
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, &column))
    if (GPOINTER_TO_INT (column) == COLUMN_TITLE && gtk_list_item_get_position (item) == position &&
        gtk_widget_grab_focus (gtk_list_item_get_child (item)))
      return TRUE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
cf_document_table_select_all (CfDocumentTable *self)
{
  g_return_if_fail (CF_IS_DOCUMENT_TABLE (self));
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

guint
cf_document_table_get_n_rows (CfDocumentTable *self)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), 0);
  return self->list ? g_list_model_get_n_items (cf_table_root_model (self)) : 0;
}

gint64
cf_document_table_get_row_id (CfDocumentTable *self,
                              guint            position)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(GObject) item = NULL;

  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), 0);

  row = self->tree ? gtk_tree_list_model_get_row (self->tree, position) : NULL;
  item = row ? gtk_tree_list_row_get_item (row) : NULL;
  return item ? cf_table_item_id (item) : 0;
}

CfDocumentList *
cf_document_table_get_list (CfDocumentTable *self)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), NULL);
  return self->list;
}

guint64
cf_document_table_get_n_rows_read (CfDocumentTable *self)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_TABLE (self), 0);
  return self->n_rows_read_before +
         (self->list ? cf_document_list_get_n_rows_read (self->list) : 0) +
         (self->results ? cf_search_results_get_n_rows_read (self->results) : 0) +
         cf_table_rows_read_by_children (self);
}
