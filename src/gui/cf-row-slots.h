/* cf-row-slots.h — the document list's top-level rows as objects that
 * outlive what they show, so that showing other rows keeps the widgets.
 *
 * GTK 4.8's list widget keeps about 200 rows of widgets (seven cells and
 * some twenty-five widgets a row). When its model says rows were replaced
 * it destroys those widgets and builds new ones, even where as many rows
 * come back: about 1.5 ms a row, so going from the list to a search, from
 * one search to the next as the user types, or sorting the list anew
 * stalled the window for a third of a second on a large case. It keeps
 * the widgets of a row whose item is the same object as before.
 *
 * So the table's tree is made over a CfRowSlots, not over the list or the
 * search results themselves. It hands out one CfRowSlot per position,
 * holding the id of the document shown there. When the table shows other
 * rows, cf_row_slots_set_source() points the slots already handed out at
 * the documents now in their places and tells the widgets only that the
 * number of rows changed; the table then binds its cells again in place.
 * Changes of the source itself (an import, a reload) are passed on as
 * they come, the slots moving with their rows. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CF_TYPE_ROW_SLOT (cf_row_slot_get_type ())
G_DECLARE_FINAL_TYPE (CfRowSlot, cf_row_slot, CF, ROW_SLOT, GObject)

gint64      cf_row_slot_get_id        (CfRowSlot *self);

/* What the tree was told about the slot's children: a GtkTreeListModel
 * asks once whether a row can open and keeps the answer, so a slot that
 * was answered must not be pointed at a document that answers otherwise
 * (the keep function below decides). */
typedef enum
{
  CF_ROW_SLOT_UNASKED,
  CF_ROW_SLOT_LEAF,
  CF_ROW_SLOT_FAMILY,
} CfRowSlotAnswer;

CfRowSlotAnswer cf_row_slot_get_answer (CfRowSlot       *self);
void            cf_row_slot_set_answer (CfRowSlot       *self,
                                        CfRowSlotAnswer  answer);

#define CF_TYPE_ROW_SLOTS (cf_row_slots_get_type ())
G_DECLARE_FINAL_TYPE (CfRowSlots, cf_row_slots, CF, ROW_SLOTS, GObject)

/* The id of the document at position in source. */
typedef gint64   (*CfRowSlotsIdFunc)   (gpointer   source,
                                        guint      position);
/* Whether slot, as it was answered, can show the document id. */
typedef gboolean (*CfRowSlotsKeepFunc) (CfRowSlot *slot,
                                        gint64     id,
                                        gpointer   user_data);

CfRowSlots *cf_row_slots_new          (void);
/* Shows source's rows (NULL: none). The slots handed out from keep_start
 * to keep_end (the rows that have widgets) are pointed at the documents
 * now in their places, except those keep refuses; the other slots handed
 * out are replaced. The model says which rows were replaced and how the
 * count changed, nothing about the slots kept (their cells need binding
 * again). */
void        cf_row_slots_set_source   (CfRowSlots         *self,
                                       GListModel         *source,
                                       CfRowSlotsIdFunc    get_id,
                                       guint               keep_start,
                                       guint               keep_end,
                                       CfRowSlotsKeepFunc  keep,
                                       gpointer            user_data);
GListModel *cf_row_slots_get_source   (CfRowSlots         *self);

G_END_DECLS
