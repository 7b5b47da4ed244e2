/* cf-wrap-bin.h — holds a wrapping label and asks it for its width
 * without a height.
 *
 * A wrapping GtkLabel asked how wide it must be for a given height (what
 * a vertical box does when its parent measures it for a height) searches
 * for that width by laying its text out again and again. The list's cells
 * are measured that way, and two lines of snippet under each of the rows
 * GTK keeps cost the first frame of a search a few hundred milliseconds.
 * Only the height for a width matters for a cell, so this bin answers the
 * width question with the label's plain minimum and natural widths. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CF_TYPE_WRAP_BIN (cf_wrap_bin_get_type ())
G_DECLARE_FINAL_TYPE (CfWrapBin, cf_wrap_bin, CF, WRAP_BIN, GtkWidget)

GtkWidget *cf_wrap_bin_new       (GtkWidget *child);
GtkWidget *cf_wrap_bin_get_child (CfWrapBin *self);

G_END_DECLS
