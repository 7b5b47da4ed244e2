/* test-row-slots.c — CfRowSlots, the document list's top-level rows: the
 * slots handed out stay the same objects when other rows show (so GTK 4.8
 * keeps their widgets), show the documents now in their places, and tell
 * the widgets only what was replaced and how the count changed. */
#include <gtk/gtk.h>

#include "cf-row-slots.h"

typedef struct
{
  guint position, removed, added;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
assert_changes (GArray *changes,
                guint   n,
                ...)
{
  va_list args;

  g_assert_cmpuint (changes->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      Change *change = &g_array_index (changes, Change, i);

      g_assert_cmpuint (change->position, ==, va_arg (args, guint));
      g_assert_cmpuint (change->removed, ==, va_arg (args, guint));
      g_assert_cmpuint (change->added, ==, va_arg (args, guint));
    }
  va_end (args);
  g_array_set_size (changes, 0);
}

/* The sources: lists of ids as strings. */
static gint64
string_id (gpointer source,
           guint    position)
{
  return g_ascii_strtoll (gtk_string_list_get_string (source, position), NULL, 10);
}

static GtkStringList *
ids (const char *first,
     ...)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    gtk_string_list_append (list, id);
  va_end (args);
  return list;
}

static CfRowSlot *
slot_at (CfRowSlots *slots,
         guint       position)
{
  CfRowSlot *slot = g_list_model_get_item (G_LIST_MODEL (slots), position);

  g_assert_nonnull (slot);
  g_object_unref (slot);    /* the model keeps it */
  return slot;
}

static gint64
id_at (CfRowSlots *slots,
       guint       position)
{
  return cf_row_slot_get_id (slot_at (slots, position));
}

static gboolean
refuse_twenty (CfRowSlot *slot,
               gint64     id,
               gpointer   user_data)
{
  return id != 20;
}

static void
test_same_slots_new_documents (void)
{
  g_autoptr(CfRowSlots) slots = cf_row_slots_new ();
  g_autoptr(GtkStringList) five = ids ("1", "2", "3", "4", "5", NULL);
  g_autoptr(GtkStringList) three = ids ("10", "20", "30", NULL);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  CfRowSlot *first, *second, *third;

  g_signal_connect (slots, "items-changed", G_CALLBACK (on_items_changed), changes);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (slots)) == CF_TYPE_ROW_SLOT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);

  cf_row_slots_set_source (slots, G_LIST_MODEL (five), string_id, 0, 0, NULL, NULL);
  assert_changes (changes, 1, 0, 0, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 5);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (slots), 5));
  first = slot_at (slots, 0);
  second = slot_at (slots, 1);
  third = slot_at (slots, 2);
  g_assert_true (slot_at (slots, 0) == first);
  g_assert_cmpint (id_at (slots, 0), ==, 1);
  g_assert_cmpint (id_at (slots, 4), ==, 5);

  /* Three rows instead of five: the slots stay and show 10, 20, 30; only
   * the two rows at the end are said to go. */
  cf_row_slots_set_source (slots, G_LIST_MODEL (three), string_id, 0, 5, NULL, NULL);
  assert_changes (changes, 1, 3, 2, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 3);
  g_assert_true (slot_at (slots, 0) == first);
  g_assert_true (slot_at (slots, 1) == second);
  g_assert_true (slot_at (slots, 2) == third);
  g_assert_cmpint (id_at (slots, 0), ==, 10);
  g_assert_cmpint (id_at (slots, 1), ==, 20);
  g_assert_cmpint (id_at (slots, 2), ==, 30);

  /* And back: two rows come at the end. */
  cf_row_slots_set_source (slots, G_LIST_MODEL (five), string_id, 0, 3, NULL, NULL);
  assert_changes (changes, 1, 3, 0, 2);
  g_assert_true (slot_at (slots, 1) == second);
  g_assert_cmpint (id_at (slots, 1), ==, 2);
  g_assert_cmpint (id_at (slots, 3), ==, 4);

  /* None. */
  cf_row_slots_set_source (slots, NULL, NULL, 0, 5, NULL, NULL);
  assert_changes (changes, 1, 0, 5, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);
  g_assert_null (cf_row_slots_get_source (slots));
}

static void
test_refused_and_outside_replaced (void)
{
  g_autoptr(CfRowSlots) slots = cf_row_slots_new ();
  g_autoptr(GtkStringList) before = ids ("1", "2", "3", "4", "5", "6", NULL);
  g_autoptr(GtkStringList) after = ids ("10", "20", "30", "40", "50", "60", NULL);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  CfRowSlot *kept[6];

  cf_row_slots_set_source (slots, G_LIST_MODEL (before), string_id, 0, 0, NULL, NULL);
  for (guint i = 0; i < 6; i++)
    kept[i] = slot_at (slots, i);
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_items_changed), changes);

  /* Rows 1 to 3 have widgets: the slot keep refuses (it would show 20) is
   * replaced, as are those outside (0, 4 and 5, told as one change each
   * side); the count is the same, so nothing more. */
  cf_row_slots_set_source (slots, G_LIST_MODEL (after), string_id, 1, 4, refuse_twenty, NULL);
  assert_changes (changes, 3, 0, 1, 1, 1, 1, 1, 4, 2, 2);
  g_assert_true (slot_at (slots, 0) != kept[0]);
  g_assert_true (slot_at (slots, 1) != kept[1]);
  g_assert_true (slot_at (slots, 2) == kept[2]);
  g_assert_true (slot_at (slots, 3) == kept[3]);
  g_assert_true (slot_at (slots, 4) != kept[4]);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (id_at (slots, i), ==, (i + 1) * 10);
  /* A new slot starts unasked. */
  g_assert_cmpint (cf_row_slot_get_answer (slot_at (slots, 1)), ==, CF_ROW_SLOT_UNASKED);
  cf_row_slot_set_answer (slot_at (slots, 1), CF_ROW_SLOT_LEAF);
  g_assert_cmpint (cf_row_slot_get_answer (slot_at (slots, 1)), ==, CF_ROW_SLOT_LEAF);
}

static void
test_source_changes_move_slots (void)
{
  g_autoptr(CfRowSlots) slots = cf_row_slots_new ();
  g_autoptr(GtkStringList) list = ids ("1", "2", "3", NULL);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  const char *more[] = { "7", "8", NULL };
  CfRowSlot *second, *third;

  cf_row_slots_set_source (slots, G_LIST_MODEL (list), string_id, 0, 0, NULL, NULL);
  second = slot_at (slots, 1);
  third = slot_at (slots, 2);
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_items_changed), changes);

  /* Two rows come before the second: it and the third move down with
   * their documents; the new rows get slots of their own. */
  gtk_string_list_splice (list, 1, 0, more);
  assert_changes (changes, 1, 1, 0, 2);
  g_assert_true (slot_at (slots, 3) == second);
  g_assert_true (slot_at (slots, 4) == third);
  g_assert_cmpint (id_at (slots, 1), ==, 7);
  g_assert_cmpint (id_at (slots, 2), ==, 8);
  g_assert_cmpint (id_at (slots, 3), ==, 2);

  /* The first goes. */
  gtk_string_list_remove (list, 0);
  assert_changes (changes, 1, 0, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 4);
  g_assert_true (slot_at (slots, 2) == second);
  g_assert_cmpint (id_at (slots, 0), ==, 7);

  /* A source no longer shown says nothing through the slots. */
  cf_row_slots_set_source (slots, NULL, NULL, 0, 0, NULL, NULL);
  g_array_set_size (changes, 0);
  gtk_string_list_append (list, "9");
  g_assert_cmpuint (changes->len, ==, 0);
}

/* What the widgets read while they are told of a change (every row, as
 * a tree model may) is the new source's, from the first change on. */
static void
check_every_row (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 guint      *n_checked)
{
  CfRowSlots *slots = CF_ROW_SLOTS (model);
  GListModel *source = cf_row_slots_get_source (slots);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_list_model_get_n_items (source));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_assert_cmpint (id_at (slots, i), ==, string_id (source, i));
  (*n_checked)++;
}

static void
test_consistent_while_told (void)
{
  g_autoptr(CfRowSlots) slots = cf_row_slots_new ();
  g_autoptr(GtkStringList) five = ids ("1", "2", "3", "4", "5", NULL);
  g_autoptr(GtkStringList) three = ids ("10", "20", "30", NULL);
  guint n_checked = 0;

  cf_row_slots_set_source (slots, G_LIST_MODEL (five), string_id, 0, 0, NULL, NULL);
  for (guint i = 0; i < 5; i++)
    slot_at (slots, i);
  g_signal_connect (slots, "items-changed", G_CALLBACK (check_every_row), &n_checked);
  /* Fewer rows, one refused, some outside the range kept. */
  cf_row_slots_set_source (slots, G_LIST_MODEL (three), string_id, 1, 3, refuse_twenty, NULL);
  g_assert_cmpuint (n_checked, ==, 3);
  /* More rows. */
  cf_row_slots_set_source (slots, G_LIST_MODEL (five), string_id, 0, 3, refuse_twenty, NULL);
  g_assert_cmpuint (n_checked, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/row-slots/same-slots-new-documents", test_same_slots_new_documents);
  g_test_add_func ("/row-slots/refused-and-outside-replaced", test_refused_and_outside_replaced);
  g_test_add_func ("/row-slots/source-changes-move-slots", test_source_changes_move_slots);
  g_test_add_func ("/row-slots/consistent-while-told", test_consistent_while_told);
  return g_test_run ();
}
