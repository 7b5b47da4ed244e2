/* cf-search-filters.c — the filter popover of the search (see
 * cf-search-filters.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-search-filters.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cf-claim.h"
#include "cf-gui-util.h"
#include "cf-query-edit.h"

/* A combo row offering values of one filter; the first item is "no
 * filter". A value the query holds that the list does not (a MIME type, a
 * claim by id, a single exhibit) is added so that it still shows. */
typedef struct
{
  AdwComboRow *row;
  const char *key;
  GtkStringList *labels;
  GPtrArray *values;         /* char *, NULL for no filter */
  guint n_fixed;
} Choice;

enum {
  CHOICE_TYPE,
  CHOICE_EXHIBIT,
  CHOICE_CLAIM,
  CHOICE_TAG,
  N_CHOICES
};

struct _CfSearchFilters
{
  GtkPopover parent_instance;

  AdwEntryRow *from_row;
  AdwEntryRow *to_row;
  AdwComboRow *type_row;
  AdwEntryRow *date_from_row;
  AdwEntryRow *date_to_row;
  AdwComboRow *exhibit_row;
  AdwComboRow *claim_row;
  AdwComboRow *tag_row;
  GtkButton *clear_button;

  Choice choices[N_CHOICES];
  GHashTable *claim_titles;  /* id as text → title */
  char *query;
  gboolean syncing;
};

G_DEFINE_FINAL_TYPE (CfSearchFilters, cf_search_filters, GTK_TYPE_POPOVER)

enum {
  QUERY_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
choice_add (Choice     *choice,
            const char *label,
            const char *value)
{
  gtk_string_list_append (choice->labels, label);
  g_ptr_array_add (choice->values, g_strdup (value));
}

static void
choice_init (Choice      *choice,
             AdwComboRow *row,
             const char  *key,
             const char  *none_label)
{
  choice->row = row;
  choice->key = key;
  choice->labels = gtk_string_list_new (NULL);
  choice->values = g_ptr_array_new_with_free_func (g_free);
  choice_add (choice, none_label, NULL);
}

static void
choice_clear (Choice *choice)
{
  g_clear_object (&choice->labels);
  g_clear_pointer (&choice->values, g_ptr_array_unref);
}

/* Drops what set_value added for a value outside the list. */
static void
choice_trim (Choice *choice)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (choice->labels));

  if (n > choice->n_fixed)
    {
      gtk_string_list_splice (choice->labels, choice->n_fixed, n - choice->n_fixed, NULL);
      g_ptr_array_set_size (choice->values, choice->n_fixed);
    }
}

static void
choice_show (Choice     *choice,
             const char *value,
             const char *label)
{
  guint found = 0;

  choice_trim (choice);
  if (value != NULL)
    {
      for (guint i = 1; i < choice->values->len; i++)
        if (g_utf8_collate (g_ptr_array_index (choice->values, i), value) == 0 ||
            g_ascii_strcasecmp (g_ptr_array_index (choice->values, i), value) == 0)
          found = i;
      if (found == 0)
        {
          found = choice->values->len;
          choice_add (choice, label ? label : value, value);
        }
    }
  adw_combo_row_set_selected (choice->row, found);
}

/* Reading the query into the rows ------------------------------------------- */

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
sync_rows (CfSearchFilters *self)
{
  g_autofree char *from = cf_query_dup_filter (self->query, "from");
  g_autofree char *to = cf_query_dup_filter (self->query, "to");
  g_autofree char *date = cf_query_dup_filter (self->query, "date");
  g_autofree char *claim = cf_query_dup_filter (self->query, "claim");
  gboolean any = FALSE;

  self->syncing = TRUE;
  set_entry (self->from_row, from);
  set_entry (self->to_row, to);
  if (date != NULL && strstr (date, "..") != NULL)
    {
      g_auto(GStrv) ends = g_strsplit (date, "..", 2);

      set_entry (self->date_from_row, ends[0]);
      set_entry (self->date_to_row, ends[1]);
    }
  else
    {
      set_entry (self->date_from_row, date);
      set_entry (self->date_to_row, date);
    }
  for (guint i = 0; i < N_CHOICES; i++)
    {
      g_autofree char *value = cf_query_dup_filter (self->query, self->choices[i].key);
      const char *label = NULL;

      /* claim:3 names the claim by id: show its title. */
      if (i == CHOICE_CLAIM && value != NULL)
        label = g_hash_table_lookup (self->claim_titles, value);
      choice_show (&self->choices[i], value, label);
      any = any || value != NULL;
    }
  any = any || from || to || date || claim;
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), any);
  self->syncing = FALSE;
}

/* Changing the query from the rows ------------------------------------------ */

void
cf_search_filters_choose (CfSearchFilters *self,
                          const char      *key,
                          const char      *value)
{
  g_autofree char *query = NULL;

  g_return_if_fail (CF_IS_SEARCH_FILTERS (self));
  g_return_if_fail (key != NULL);

  query = cf_query_set_filter (self->query, key, value);
  if (g_strcmp0 (query, self->query) == 0)
    return;
  g_free (self->query);
  self->query = g_steal_pointer (&query);
  sync_rows (self);
  g_signal_emit (self, signals [QUERY_CHANGED], 0, self->query);
}

static void
on_entry_apply (CfSearchFilters *self,
                AdwEntryRow     *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (self->syncing)
    return;
  cf_search_filters_choose (self, row == self->from_row ? "from" : "to", text[0] ? text : NULL);
}

static void
on_date_apply (CfSearchFilters *self,
               AdwEntryRow     *row)
{
  g_autofree char *from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_from_row))));
  g_autofree char *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_to_row))));
  g_autofree char *value = NULL;

  if (self->syncing)
    return;
  /* One end alone is an open range; both the same is that period. */
  if (from[0] == '\0' && to[0] == '\0')
    value = NULL;
  else if (g_strcmp0 (from, to) == 0)
    value = g_strdup (from);
  else
    value = g_strdup_printf ("%s..%s", from, to);
  cf_search_filters_choose (self, "date", value);
}

static void
on_combo_changed (CfSearchFilters *self,
                  GParamSpec      *pspec,
                  AdwComboRow     *row)
{
  if (self->syncing)
    return;
  for (guint i = 0; i < N_CHOICES; i++)
    {
      Choice *choice = &self->choices[i];
      guint selected;

      if (choice->row != row)
        continue;
      selected = adw_combo_row_get_selected (row);
      if (selected >= choice->values->len)
        return;
      cf_search_filters_choose (self, choice->key, g_ptr_array_index (choice->values, selected));
      return;
    }
}

static void
on_clear_clicked (CfSearchFilters *self)
{
  static const char *keys[] = { "from", "to", "type", "date", "exhibit", "claim", "tag" };
  g_autofree char *query = g_strdup (self->query);

  /* Every filter the popover shows, and only those: the words stay. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    for (guint n = 0; n < 8; n++)
      {
        g_autofree char *value = cf_query_dup_filter (query, keys[i]);
        char *shorter;

        if (value == NULL)
          break;
        shorter = cf_query_set_filter (query, keys[i], NULL);
        g_free (query);
        query = shorter;
      }
  if (g_strcmp0 (query, self->query) == 0)
    return;
  g_free (self->query);
  self->query = g_steal_pointer (&query);
  sync_rows (self);
  g_signal_emit (self, signals [QUERY_CHANGED], 0, self->query);
}

/* GObject ----------------------------------------------------------------------- */

static void
cf_search_filters_finalize (GObject *object)
{
  CfSearchFilters *self = CF_SEARCH_FILTERS (object);

  for (guint i = 0; i < N_CHOICES; i++)
    choice_clear (&self->choices[i]);
  g_clear_pointer (&self->claim_titles, g_hash_table_unref);
  g_free (self->query);
  G_OBJECT_CLASS (cf_search_filters_parent_class)->finalize (object);
}

static void
cf_search_filters_class_init (CfSearchFiltersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cf_search_filters_finalize;

  /**
   * CfSearchFilters::query-changed:
   * @query: the query with the chosen filter
   */
  signals [QUERY_CHANGED] =
    g_signal_new ("query-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-search-filters.ui");
  gtk_widget_class_bind_template_child (widget_class, CfSearchFilters, from_row);
  gtk_widget_class_bind_template_child (widget_class, CfSearchFilters, to_row);
  gtk_widget_class_bind_template_child (widget_class, CfSearchFilters, type_row);
  gtk_widget_class_bind_template_child (widget_class, CfSearchFilters, date_from_row);
  gtk_widget_class_bind_template_child (widget_class, CfSearchFilters, date_to_row);
  gtk_widget_class_bind_template_child (widget_class, CfSearchFilters, exhibit_row);
  gtk_widget_class_bind_template_child (widget_class, CfSearchFilters, claim_row);
  gtk_widget_class_bind_template_child (widget_class, CfSearchFilters, tag_row);
  gtk_widget_class_bind_template_child (widget_class, CfSearchFilters, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_date_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);
}

static void
cf_search_filters_init (CfSearchFilters *self)
{
  Choice *choice;

  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->claim_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* The kinds cf-search-query.h knows, by the names it takes. */
  choice = &self->choices[CHOICE_TYPE];
  choice_init (choice, self->type_row, "type", _("Any Type"));
  choice_add (choice, "PDF", "pdf");
  choice_add (choice, _("Mail"), "mail");
  choice_add (choice, "Word", "word");
  choice_add (choice, "Excel", "excel");
  choice_add (choice, "HWP", "hwp");
  choice_add (choice, _("Text"), "text");
  choice_add (choice, _("Image"), "image");
  choice_add (choice, _("Archive"), "archive");

  choice = &self->choices[CHOICE_EXHIBIT];
  choice_init (choice, self->exhibit_row, "exhibit", _("Numbered or Not"));
  choice_add (choice, _("Numbered"), "any");
  choice_add (choice, _("Not Numbered"), "none");

  choice = &self->choices[CHOICE_CLAIM];
  choice_init (choice, self->claim_row, "claim", _("Any Claim or None"));

  choice = &self->choices[CHOICE_TAG];
  choice_init (choice, self->tag_row, "tag", _("Tagged or Not"));
  choice_add (choice, cf_stance_label (CF_STANCE_SUPPORTS), "supports");
  choice_add (choice, cf_stance_label (CF_STANCE_UNDERMINES), "undermines");
  choice_add (choice, cf_stance_label (CF_STANCE_CONTEXT), "context");
  choice_add (choice, _("Tagged, Any Stance"), "any");
  choice_add (choice, _("Not Tagged"), "none");

  for (guint i = 0; i < N_CHOICES; i++)
    {
      self->choices[i].n_fixed = self->choices[i].values->len;
      adw_combo_row_set_model (self->choices[i].row, G_LIST_MODEL (self->choices[i].labels));
    }
  self->query = g_strdup ("");
  self->syncing = FALSE;
  sync_rows (self);
}

GtkWidget *
cf_search_filters_new (void)
{
  return g_object_new (CF_TYPE_SEARCH_FILTERS, NULL);
}

void
cf_search_filters_set_claims (CfSearchFilters *self,
                              GPtrArray       *claims)
{
  Choice *choice;
  g_autoptr(GHashTable) depth = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_return_if_fail (CF_IS_SEARCH_FILTERS (self));

  choice = &self->choices[CHOICE_CLAIM];
  self->syncing = TRUE;
  gtk_string_list_splice (choice->labels, 1, g_list_model_get_n_items (G_LIST_MODEL (choice->labels)) - 1,
                          NULL);
  g_ptr_array_set_size (choice->values, 1);
  g_hash_table_remove_all (self->claim_titles);
  for (guint i = 0; claims != NULL && i < claims->len; i++)
    {
      CfClaim *claim = g_ptr_array_index (claims, i);
      gint64 parent = cf_claim_get_parent_id (claim);
      guint level = parent > 0 ? GPOINTER_TO_UINT (g_hash_table_lookup (depth, &parent)) + 1 : 0;
      gint64 *key = g_new (gint64, 1);
      g_autofree char *label = NULL;
      g_autofree char *indent = g_strnfill (MIN (level, 6) * 3, ' ');
      const char *title = cf_claim_get_title (claim);

      /* Claims come parents first; sub-claims indent under them. */
      *key = cf_claim_get_id (claim);
      g_hash_table_insert (depth, key, GUINT_TO_POINTER (level));
      label = g_strdup_printf ("%s%s", indent, title);
      choice_add (choice, label, title);
      g_hash_table_insert (self->claim_titles, g_strdup_printf ("%" G_GINT64_FORMAT, *key),
                           g_strdup (title));
    }
  choice->n_fixed = choice->values->len;
  self->syncing = FALSE;
  sync_rows (self);
}

void
cf_search_filters_set_query (CfSearchFilters *self,
                             const char      *query)
{
  g_return_if_fail (CF_IS_SEARCH_FILTERS (self));

  if (g_strcmp0 (self->query, query ? query : "") == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (query ? query : "");
  sync_rows (self);
}

const char *
cf_search_filters_get_query (CfSearchFilters *self)
{
  g_return_val_if_fail (CF_IS_SEARCH_FILTERS (self), NULL);
  return self->query;
}
