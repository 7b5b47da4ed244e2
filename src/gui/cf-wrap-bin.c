/* cf-wrap-bin.c — a wrapping label measured for its width without a
 * height (see cf-wrap-bin.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-wrap-bin.h"

struct _CfWrapBin
{
  GtkWidget parent_instance;

  GtkWidget *child;
};

G_DEFINE_FINAL_TYPE (CfWrapBin, cf_wrap_bin, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
cf_wrap_bin_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cf_wrap_bin_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  CfWrapBin *self = CF_WRAP_BIN (widget);

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    {
      *minimum = *natural = 0;
      return;
    }
  /* The width whatever the height: no search over widths. */
  gtk_widget_measure (self->child, orientation,
                      orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
cf_wrap_bin_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  CfWrapBin *self = CF_WRAP_BIN (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
cf_wrap_bin_dispose (GObject *object)
{
  CfWrapBin *self = CF_WRAP_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (cf_wrap_bin_parent_class)->dispose (object);
}

static void
cf_wrap_bin_class_init (CfWrapBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_wrap_bin_dispose;
  widget_class->get_request_mode = cf_wrap_bin_get_request_mode;
  widget_class->measure = cf_wrap_bin_measure;
  widget_class->size_allocate = cf_wrap_bin_size_allocate;
}

static void
cf_wrap_bin_init (CfWrapBin *self)
{
}

GtkWidget *
cf_wrap_bin_new (GtkWidget *child)
{
  CfWrapBin *self = g_object_new (CF_TYPE_WRAP_BIN, NULL);

  g_return_val_if_fail (GTK_IS_WIDGET (child), NULL);

  self->child = child;
  gtk_widget_set_parent (child, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}

GtkWidget *
cf_wrap_bin_get_child (CfWrapBin *self)
{
  g_return_val_if_fail (CF_IS_WRAP_BIN (self), NULL);
  return self->child;
}
