/* cf-page-view.c — pictures of pages with navigation and zoom (see
 * cf-page-view.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-page-view.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cf-render.h"

/* A pause before starting a helper: selections passed over in a flick
 * through the list never start one. */
#define RENDER_DELAY_MS   60
/* A resized pane draws again once the resizing pauses. */
#define RESIZE_DELAY_MS   200
#define CACHE_MAX         12
#define MIN_WIDTH         64
#define MAX_WIDTH         4000

static const double zoom_steps[] = { 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0 };

struct _CfPageView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *pages_box;
  GtkLabel *page_label;
  GtkSpinner *spinner;
  GtkButton *zoom_button;
  GtkScrolledWindow *scroller;
  GtkPicture *picture;

  char *object_path;
  char *mime_type;
  char *key;
  GStrv highlights;
  GStrv drawn_highlights;
  guint page;
  guint n_pages;
  double zoom;
  gboolean fit;
  int drawn_width;            /* device pixels of the picture shown */
  gboolean scroll_to_end;     /* went back a page: show its bottom */

  GCancellable *cancellable;
  guint render_source;
  guint resize_source;
  gboolean loading;
  guint n_started;            /* helpers started, for tests */
  GHashTable *cache;          /* cache key → GdkTexture */
  GQueue cache_order;         /* cache keys, oldest first (owned by cache) */
};

G_DEFINE_FINAL_TYPE (CfPageView, cf_page_view, GTK_TYPE_WIDGET)

enum {
  LOADED,
  FAILED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void request_render (CfPageView *self,
                            guint       delay_ms);

/* What the toolbar offers ---------------------------------------------------- */

static void
update_controls (CfPageView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *zoom = NULL;

  if (self->n_pages > 0)
    {
      g_autofree char *text = g_strdup_printf (_("%u of %u"), self->page, self->n_pages);

      gtk_label_set_text (self->page_label, text);
    }
  else
    gtk_label_set_text (self->page_label, "");
  /* Pictures have one page: nothing to turn. */
  gtk_widget_set_visible (self->pages_box, self->n_pages > 1);
  gtk_widget_action_set_enabled (widget, "page.go-previous", self->page > 1);
  gtk_widget_action_set_enabled (widget, "page.go-next", self->page < self->n_pages);
  gtk_widget_action_set_enabled (widget, "page.scroll-up", self->object_path != NULL);
  gtk_widget_action_set_enabled (widget, "page.scroll-down", self->object_path != NULL);
  gtk_widget_action_set_enabled (widget, "page.zoom-in",
                                 self->fit || self->zoom < zoom_steps[G_N_ELEMENTS (zoom_steps) - 1]);
  gtk_widget_action_set_enabled (widget, "page.zoom-out", self->fit || self->zoom > zoom_steps[0]);
  gtk_widget_action_set_enabled (widget, "page.zoom-fit", !self->fit);
  zoom = self->fit ? g_strdup (_("Fit")) : g_strdup_printf ("%d%%", (int) (self->zoom * 100 + 0.5));
  gtk_button_set_label (self->zoom_button, zoom);
  gtk_spinner_set_spinning (self->spinner, self->loading);
}

/* Drawing --------------------------------------------------------------------- */

static int
target_width (CfPageView *self)
{
  int view = gtk_widget_get_width (GTK_WIDGET (self->scroller));
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double width;

  /* Not laid out yet (the pane just appeared): a width like the pane's. */
  if (view < MIN_WIDTH)
    view = 360;
  /* Room for the vertical scroll bar, so fitting the width needs no
   * horizontal one. */
  width = (view - 14) * (self->fit ? 1.0 : self->zoom) * scale;
  return CLAMP ((int) width, MIN_WIDTH, MAX_WIDTH);
}

static char *
cache_key (CfPageView  *self,
           guint        page,
           int          width,
           char       **highlights)
{
  g_autofree char *marks = highlights ? g_strjoinv ("\x1f", highlights) : g_strdup ("");

  return g_strdup_printf ("%s\x1e%u\x1e%d\x1e%s", self->key ? self->key : self->object_path,
                          page, width, marks);
}

static void
cache_add (CfPageView *self,
           char       *key,
           GdkTexture *texture)
{
  if (g_hash_table_contains (self->cache, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_insert (self->cache, key, g_object_ref (texture));
  g_queue_push_tail (&self->cache_order, key);
  while (self->cache_order.length > CACHE_MAX)
    g_hash_table_remove (self->cache, g_queue_pop_head (&self->cache_order));
}

static void
show_texture (CfPageView *self,
              GdkTexture *texture,
              char      **highlights)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  /* The picture is drawn for the device's pixels; it takes their size in
   * the layout's units. */
  gtk_widget_set_size_request (GTK_WIDGET (self->picture),
                               gdk_texture_get_width (texture) / scale,
                               gdk_texture_get_height (texture) / scale);
  self->drawn_width = gdk_texture_get_width (texture);
  g_strfreev (self->drawn_highlights);
  self->drawn_highlights = g_strdupv (highlights);
  /* Back a page: its end, once the new size is laid out (on_vadjustment). */
  if (!self->scroll_to_end)
    gtk_adjustment_set_value (vadjustment, 0);
}

static void
on_vadjustment (GtkAdjustment *adjustment,
                CfPageView    *self)
{
  if (!self->scroll_to_end || self->loading)
    return;
  self->scroll_to_end = FALSE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

typedef struct
{
  char *object_path;
  char *mime_type;
  int page;
  int width;
  GStrv highlights;
  char *cache_key;
  int n_pages;
} Render;

static void
render_free (Render *r)
{
  g_free (r->object_path);
  g_free (r->mime_type);
  g_strfreev (r->highlights);
  g_free (r->cache_key);
  g_free (r);
}

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Render *r = task_data;
  g_autoptr(CfRendering) rendering = NULL;
  g_autoptr(GFile) file = NULL;
  GdkTexture *texture;
  GError *error = NULL;

  rendering = cf_render_page (r->object_path, r->mime_type, r->page, r->width,
                              (const char * const *) r->highlights, cancellable, &error);
  if (rendering == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Decoding the PNG here too keeps the main thread to showing it; the
   * file is ours to delete once read. */
  file = g_file_new_for_path (rendering->png_path);
  texture = gdk_texture_new_from_file (file, &error);
  g_unlink (rendering->png_path);
  if (texture == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  r->n_pages = rendering->n_pages;
  g_task_return_pointer (task, texture, g_object_unref);
}

static void
on_rendered (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Render *r = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);
  CfPageView *self;

  if (texture == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CF_PAGE_VIEW (object);
  self->loading = FALSE;
  if (texture == NULL)
    {
      update_controls (self);
      g_signal_emit (self, signals [FAILED], 0, error->message);
      return;
    }
  if (r->n_pages > 0)
    self->n_pages = r->n_pages;
  cache_add (self, g_steal_pointer (&r->cache_key), texture);
  show_texture (self, texture, r->highlights);
  update_controls (self);
  g_signal_emit (self, signals [LOADED], 0);
}

static gboolean
start_render (gpointer data)
{
  CfPageView *self = data;
  g_autoptr(GTask) task = NULL;
  Render *r;

  self->render_source = 0;
  self->n_started++;
  r = g_new0 (Render, 1);
  r->object_path = g_strdup (self->object_path);
  r->mime_type = g_strdup (self->mime_type);
  r->page = self->page;
  r->width = target_width (self);
  r->highlights = g_strdupv (self->highlights);
  r->cache_key = cache_key (self, self->page, r->width, self->highlights);
  task = g_task_new (self, self->cancellable, on_rendered, NULL);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, r, (GDestroyNotify) render_free);
  g_task_run_in_thread (task, render_in_thread);
  return G_SOURCE_REMOVE;
}

/* Asks for the current page at the current width: from the cache at once,
 * else from the helper after the delay. What was asked before is
 * cancelled. */
static void
request_render (CfPageView *self,
                guint       delay_ms)
{
  g_autofree char *key = NULL;
  GdkTexture *cached;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->render_source, g_source_remove);
  if (self->object_path == NULL)
    return;

  key = cache_key (self, self->page, target_width (self), self->highlights);
  cached = g_hash_table_lookup (self->cache, key);
  if (cached != NULL)
    {
      self->loading = FALSE;
      show_texture (self, cached, self->highlights);
      update_controls (self);
      g_signal_emit (self, signals [LOADED], 0);
      return;
    }
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  update_controls (self);
  self->render_source = g_timeout_add (delay_ms, start_render, self);
}

static gboolean
resize_done (gpointer data)
{
  CfPageView *self = data;

  self->resize_source = 0;
  if (self->object_path != NULL && self->fit && !self->loading &&
      ABS (target_width (self) - self->drawn_width) > 24)
    request_render (self, 0);
  return G_SOURCE_REMOVE;
}

static void
on_view_width (GtkAdjustment *adjustment,
               GParamSpec    *pspec,
               CfPageView    *self)
{
  if (self->object_path == NULL || !self->fit)
    return;
  g_clear_handle_id (&self->resize_source, g_source_remove);
  self->resize_source = g_timeout_add (RESIZE_DELAY_MS, resize_done, self);
}

/* Commands ------------------------------------------------------------------- */

static void
go_to (CfPageView *self,
       guint       page,
       gboolean    from_end)
{
  if (page < 1 || (self->n_pages > 0 && page > self->n_pages) || page == self->page)
    return;
  self->page = page;
  self->scroll_to_end = from_end;
  request_render (self, RENDER_DELAY_MS);
}

static void
go_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  CfPageView *self = CF_PAGE_VIEW (widget);

  if (g_str_equal (action_name, "page.go-next"))
    go_to (self, self->page + 1, FALSE);
  else
    go_to (self, self->page - 1, FALSE);
}

/* Page Up and Page Down read on: within a page taller than the view they
 * scroll it, at its end they turn it. */
static void
scroll_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CfPageView *self = CF_PAGE_VIEW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double value = gtk_adjustment_get_value (adjustment);
  double step = gtk_adjustment_get_page_size (adjustment) * 0.9;
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (g_str_equal (action_name, "page.scroll-down"))
    {
      if (value < end - 1)
        gtk_adjustment_set_value (adjustment, MIN (value + step, end));
      else
        go_to (self, self->page + 1, FALSE);
    }
  else
    {
      if (value > 1)
        gtk_adjustment_set_value (adjustment, MAX (value - step, 0));
      else
        go_to (self, self->page - 1, TRUE);
    }
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CfPageView *self = CF_PAGE_VIEW (widget);
  double current = self->fit ? 1.0 : self->zoom;

  if (g_str_equal (action_name, "page.zoom-fit"))
    {
      self->fit = TRUE;
      self->zoom = 1.0;
    }
  else if (g_str_equal (action_name, "page.zoom-in"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
        if (zoom_steps[i] > current + 0.01)
          {
            self->zoom = zoom_steps[i];
            break;
          }
      self->fit = FALSE;
    }
  else
    {
      for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
        if (zoom_steps[i - 1] < current - 0.01)
          {
            self->zoom = zoom_steps[i - 1];
            break;
          }
      self->fit = FALSE;
    }
  update_controls (self);
  request_render (self, RENDER_DELAY_MS);
}

/* GObject and GtkWidget -------------------------------------------------------- */

static void
cf_page_view_dispose (GObject *object)
{
  CfPageView *self = CF_PAGE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->render_source, g_source_remove);
  g_clear_handle_id (&self->resize_source, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (cf_page_view_parent_class)->dispose (object);
}

static void
cf_page_view_finalize (GObject *object)
{
  CfPageView *self = CF_PAGE_VIEW (object);

  g_free (self->object_path);
  g_free (self->mime_type);
  g_free (self->key);
  g_strfreev (self->highlights);
  g_strfreev (self->drawn_highlights);
  g_queue_clear (&self->cache_order);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  G_OBJECT_CLASS (cf_page_view_parent_class)->finalize (object);
}

static void
cf_page_view_class_init (CfPageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_page_view_dispose;
  object_class->finalize = cf_page_view_finalize;

  signals [LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CfPageView::failed:
   * @message: why no picture could be made
   */
  signals [FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-page-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CfPageView, box);
  gtk_widget_class_bind_template_child (widget_class, CfPageView, pages_box);
  gtk_widget_class_bind_template_child (widget_class, CfPageView, page_label);
  gtk_widget_class_bind_template_child (widget_class, CfPageView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CfPageView, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, CfPageView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CfPageView, picture);

  gtk_widget_class_install_action (widget_class, "page.go-previous", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "page.go-next", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "page.scroll-up", NULL, scroll_action);
  gtk_widget_class_install_action (widget_class, "page.scroll-down", NULL, scroll_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-fit", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "page.scroll-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "page.scroll-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "page.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "page.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "page.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "page.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "page.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "page.zoom-fit", NULL);
}

static void
cf_page_view_init (CfPageView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_queue_init (&self->cache_order);
  self->fit = TRUE;
  self->zoom = 1.0;
  g_signal_connect (gtk_scrolled_window_get_hadjustment (self->scroller), "notify::page-size",
                    G_CALLBACK (on_view_width), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                    G_CALLBACK (on_vadjustment), self);
  update_controls (self);
}

/* API --------------------------------------------------------------------------- */

void
cf_page_view_load (CfPageView         *self,
                   const char         *object_path,
                   const char         *mime_type,
                   const char         *key,
                   guint               n_pages,
                   guint               page,
                   const char * const *highlights)
{
  g_return_if_fail (CF_IS_PAGE_VIEW (self));
  g_return_if_fail (object_path != NULL);

  g_free (self->object_path);
  self->object_path = g_strdup (object_path);
  g_free (self->mime_type);
  self->mime_type = g_strdup (mime_type);
  g_free (self->key);
  self->key = g_strdup (key);
  g_strfreev (self->highlights);
  self->highlights = highlights && highlights[0] ? g_strdupv ((char **) highlights) : NULL;
  self->n_pages = n_pages;
  self->page = MAX (page, 1);
  self->scroll_to_end = FALSE;
  /* Another document starts fitted, from the top. */
  self->fit = TRUE;
  self->zoom = 1.0;
  gtk_picture_set_paintable (self->picture, NULL);
  g_clear_pointer (&self->drawn_highlights, g_strfreev);
  request_render (self, RENDER_DELAY_MS);
}

void
cf_page_view_clear (CfPageView *self)
{
  g_return_if_fail (CF_IS_PAGE_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->render_source, g_source_remove);
  g_clear_pointer (&self->object_path, g_free);
  g_clear_pointer (&self->drawn_highlights, g_strfreev);
  self->loading = FALSE;
  self->n_pages = 0;
  self->page = 0;
  gtk_picture_set_paintable (self->picture, NULL);
  update_controls (self);
}

void
cf_page_view_set_highlights (CfPageView         *self,
                             const char * const *highlights,
                             guint               page)
{
  g_return_if_fail (CF_IS_PAGE_VIEW (self));

  g_strfreev (self->highlights);
  self->highlights = highlights && highlights[0] ? g_strdupv ((char **) highlights) : NULL;
  if (page > 0)
    self->page = self->n_pages > 0 ? MIN (page, self->n_pages) : page;
  if (self->object_path != NULL)
    request_render (self, RENDER_DELAY_MS);
}

void
cf_page_view_set_page (CfPageView *self,
                       guint       page)
{
  g_return_if_fail (CF_IS_PAGE_VIEW (self));
  go_to (self, page, FALSE);
}

guint
cf_page_view_get_page (CfPageView *self)
{
  g_return_val_if_fail (CF_IS_PAGE_VIEW (self), 0);
  return self->page;
}

guint
cf_page_view_get_n_pages (CfPageView *self)
{
  g_return_val_if_fail (CF_IS_PAGE_VIEW (self), 0);
  return self->n_pages;
}

double
cf_page_view_get_zoom (CfPageView *self,
                       gboolean   *fit)
{
  g_return_val_if_fail (CF_IS_PAGE_VIEW (self), 1.0);
  if (fit != NULL)
    *fit = self->fit;
  return self->fit ? 1.0 : self->zoom;
}

gboolean
cf_page_view_get_loading (CfPageView *self)
{
  g_return_val_if_fail (CF_IS_PAGE_VIEW (self), FALSE);
  return self->loading;
}

GdkPaintable *
cf_page_view_get_paintable (CfPageView *self)
{
  g_return_val_if_fail (CF_IS_PAGE_VIEW (self), NULL);
  return gtk_picture_get_paintable (self->picture);
}

const char * const *
cf_page_view_get_drawn_highlights (CfPageView *self)
{
  g_return_val_if_fail (CF_IS_PAGE_VIEW (self), NULL);
  return (const char * const *) self->drawn_highlights;
}

guint
cf_page_view_get_n_started (CfPageView *self)
{
  g_return_val_if_fail (CF_IS_PAGE_VIEW (self), 0);
  return self->n_started;
}
