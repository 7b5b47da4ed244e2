/* cf-row-slots.c — top-level rows that outlive what they show (see
 * cf-row-slots.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-row-slots.h"

#include <string.h>

/* The slot ------------------------------------------------------------------- */

struct _CfRowSlot
{
  GObject parent_instance;

  gint64 id;
  CfRowSlotAnswer answer;
};

G_DEFINE_FINAL_TYPE (CfRowSlot, cf_row_slot, G_TYPE_OBJECT)

static void
cf_row_slot_class_init (CfRowSlotClass *klass)
{
}

static void
cf_row_slot_init (CfRowSlot *self)
{
}

static CfRowSlot *
cf_row_slot_new (gint64 id)
{
  CfRowSlot *self = g_object_new (CF_TYPE_ROW_SLOT, NULL);

  self->id = id;
  return self;
}

gint64
cf_row_slot_get_id (CfRowSlot *self)
{
  g_return_val_if_fail (CF_IS_ROW_SLOT (self), 0);
  return self->id;
}

CfRowSlotAnswer
cf_row_slot_get_answer (CfRowSlot *self)
{
  g_return_val_if_fail (CF_IS_ROW_SLOT (self), CF_ROW_SLOT_UNASKED);
  return self->answer;
}

void
cf_row_slot_set_answer (CfRowSlot       *self,
                        CfRowSlotAnswer  answer)
{
  g_return_if_fail (CF_IS_ROW_SLOT (self));
  self->answer = answer;
}

/* The model ------------------------------------------------------------------ */

struct _CfRowSlots
{
  GObject parent_instance;

  GListModel *source;
  CfRowSlotsIdFunc get_id;
  /* One entry per row of the source: the slot handed out for it, or NULL
   * while nobody asked (GTK asks for the rows it shows). */
  GPtrArray *slots;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CfRowSlots, cf_row_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
list_get_item_type (GListModel *model)
{
  return CF_TYPE_ROW_SLOT;
}

static guint
list_get_n_items (GListModel *model)
{
  return CF_ROW_SLOTS (model)->slots->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  CfRowSlots *self = CF_ROW_SLOTS (model);
  CfRowSlot *slot;

  if (position >= self->slots->len)
    return NULL;
  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      slot = cf_row_slot_new (self->get_id (self->source, position));
      g_ptr_array_index (self->slots, position) = slot;
    }
  return g_object_ref (slot);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* The source's own changes: its rows moved, came or went, and their slots
 * with them. */
static void
on_source_items_changed (GListModel *source,
                         guint       position,
                         guint       removed,
                         guint       added,
                         CfRowSlots *self)
{
  guint n_after;

  g_ptr_array_remove_range (self->slots, position, removed);
  /* Room for the new rows in one move, not one insertion each (an import
   * adds thousands). */
  n_after = self->slots->len - position;
  g_ptr_array_set_size (self->slots, self->slots->len + added);
  memmove (self->slots->pdata + position + added, self->slots->pdata + position,
           n_after * sizeof (gpointer));
  memset (self->slots->pdata + position, 0, added * sizeof (gpointer));
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
cf_row_slots_dispose (GObject *object)
{
  CfRowSlots *self = CF_ROW_SLOTS (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, on_source_items_changed, self);
  g_clear_object (&self->source);
  G_OBJECT_CLASS (cf_row_slots_parent_class)->dispose (object);
}

static void
cf_row_slots_finalize (GObject *object)
{
  CfRowSlots *self = CF_ROW_SLOTS (object);

  g_ptr_array_unref (self->slots);
  G_OBJECT_CLASS (cf_row_slots_parent_class)->finalize (object);
}

static void
cf_row_slots_class_init (CfRowSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cf_row_slots_dispose;
  object_class->finalize = cf_row_slots_finalize;
}

/* Entries are NULL until asked for. */
static void
slot_free (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
cf_row_slots_init (CfRowSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (slot_free);
}

CfRowSlots *
cf_row_slots_new (void)
{
  return g_object_new (CF_TYPE_ROW_SLOTS, NULL);
}

GListModel *
cf_row_slots_get_source (CfRowSlots *self)
{
  g_return_val_if_fail (CF_IS_ROW_SLOTS (self), NULL);
  return self->source;
}

/* A run of replaced slots: the widgets are told once the slots all show
 * the new source. */
typedef struct
{
  guint start, end;
} Run;

static void
add_run (GArray *runs,
         guint   start,
         guint   end)
{
  Run run = { start, end };

  if (end > start)
    g_array_append_val (runs, run);
}

/* Drops the slots handed out from start to end, as one run from the first
 * to the last of them. */
static void
drop_handed_out (CfRowSlots *self,
                 guint       start,
                 guint       end,
                 GArray     *runs)
{
  guint first = G_MAXUINT, last = 0;

  for (guint i = start; i < end; i++)
    if (g_ptr_array_index (self->slots, i) != NULL)
      {
        g_clear_object ((CfRowSlot **) &g_ptr_array_index (self->slots, i));
        first = MIN (first, i);
        last = i;
      }
  if (first != G_MAXUINT)
    add_run (runs, first, last + 1);
}

void
cf_row_slots_set_source (CfRowSlots         *self,
                         GListModel         *source,
                         CfRowSlotsIdFunc    get_id,
                         guint               keep_start,
                         guint               keep_end,
                         CfRowSlotsKeepFunc  keep,
                         gpointer            user_data)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  guint n_old, n_new, n_kept;
  guint run = G_MAXUINT;       /* start of a run of dropped slots */

  g_return_if_fail (CF_IS_ROW_SLOTS (self));
  g_return_if_fail (source == NULL || (G_IS_LIST_MODEL (source) && get_id != NULL));

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, on_source_items_changed, self);
  g_set_object (&self->source, source);
  self->get_id = get_id;
  if (source != NULL)
    g_signal_connect (source, "items-changed", G_CALLBACK (on_source_items_changed), self);

  n_old = self->slots->len;
  n_new = source ? g_list_model_get_n_items (source) : 0;
  n_kept = MIN (n_old, n_new);
  keep_end = MIN (keep_end, n_kept);
  keep_start = MIN (keep_start, keep_end);

  /* First every slot shows the new source or is dropped, so that whatever
   * the widgets ask while they are told shows it. Rows outside the range
   * kept have no widgets: their slots are dropped wholesale, which costs
   * the widgets nothing (asking whether each could stay would read their
   * documents). In the range, a slot keep refuses is dropped; a position
   * whose slot was dropped gets a new one when asked. */
  drop_handed_out (self, 0, keep_start, runs);
  for (guint i = keep_start; i < keep_end; i++)
    {
      CfRowSlot *slot = g_ptr_array_index (self->slots, i);
      gint64 id;

      if (slot != NULL)
        {
          id = get_id (source, i);
          if (keep == NULL || keep (slot, id, user_data))
            slot->id = id;
          else
            {
              g_clear_object ((CfRowSlot **) &g_ptr_array_index (self->slots, i));
              if (run == G_MAXUINT)
                run = i;
              continue;
            }
        }
      if (run != G_MAXUINT)
        add_run (runs, run, i);
      run = G_MAXUINT;
    }
  if (run != G_MAXUINT)
    add_run (runs, run, keep_end);
  drop_handed_out (self, keep_end, n_kept, runs);
  if (n_new < n_old)
    g_ptr_array_remove_range (self->slots, n_new, n_old - n_new);
  else
    g_ptr_array_set_size (self->slots, n_new);

  /* Then the widgets are told: the rows at the end that came or went, and
   * the runs of replaced rows; nothing about the slots kept. */
  if (n_new != n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_kept, n_old - n_kept, n_new - n_kept);
  for (guint i = 0; i < runs->len; i++)
    {
      Run *r = &g_array_index (runs, Run, i);

      g_list_model_items_changed (G_LIST_MODEL (self), r->start, r->end - r->start, r->end - r->start);
    }
}
