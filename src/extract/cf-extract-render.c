/* cf-extract-render.c — pictures of documents for the app's preview: a
 * PDF page or an image, drawn to a PNG at a requested width. The app never
 * runs poppler or an image decoder on evidence itself; it asks this helper
 * (under the same limits as reading) and shows the PNG it gets back.
 *
 *   casefile-extract --render --input PATH --type MIME --page N --width PX --output FILE.png
 *
 * On success prints {"pages": N, "width": W, "height": H} on stdout. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-render.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>

#define MAX_WIDTH 4000

/* Marks where the search hits are, the way a highlighter would. */
static void
draw_highlights (cairo_t            *cr,
                 PopplerPage        *page,
                 double              page_height,
                 const char * const *highlights)
{
  for (guint i = 0; highlights != NULL && highlights[i] != NULL; i++)
    {
      GList *found;

      if (highlights[i][0] == '\0')
        continue;
      found = poppler_page_find_text_with_options (page, highlights[i], POPPLER_FIND_DEFAULT);
      for (GList *l = found; l != NULL; l = l->next)
        {
          PopplerRectangle *r = l->data;

          /* find_text counts y from the bottom of the page. */
          cairo_rectangle (cr, r->x1, page_height - r->y2, r->x2 - r->x1, r->y2 - r->y1);
        }
      g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
    }
  cairo_set_source_rgba (cr, 1.0, 0.85, 0.0, 0.4);
  cairo_fill (cr);
}

static gboolean
render_pdf (const char         *path,
            int                 page_index,
            int                 width,
            const char * const *highlights,
            const char         *output,
            GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PopplerDocument *doc = NULL;
  PopplerPage *page = NULL;
  cairo_surface_t *surface = NULL;
  cairo_t *cr;
  double page_w, page_h, scale;
  int height, n_pages;
  cairo_status_t status;
  gboolean ok = FALSE;

  doc = poppler_document_new_from_gfile (file, NULL, NULL, error);
  if (doc == NULL)
    return FALSE;
  n_pages = poppler_document_get_n_pages (doc);
  if (page_index < 0 || page_index >= n_pages)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "There is no page %d (the document has %d)", page_index + 1, n_pages);
      goto out;
    }
  page = poppler_document_get_page (doc, page_index);
  poppler_page_get_size (page, &page_w, &page_h);
  if (page_w < 1 || page_h < 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The page has no size");
      goto out;
    }
  scale = width / page_w;
  height = (int) ceil (page_h * scale);
  if (height > MAX_WIDTH * 4)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The page is absurdly tall");
      goto out;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  draw_highlights (cr, page, page_h, highlights);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, output);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write the picture: %s",
                   cairo_status_to_string (status));
      goto out;
    }
  printf ("{\"pages\": %d, \"width\": %d, \"height\": %d}\n", n_pages, width, height);
  ok = TRUE;

out:
  if (surface != NULL)
    cairo_surface_destroy (surface);
  g_clear_object (&page);
  g_clear_object (&doc);
  return ok;
}

static gboolean
render_image (const char  *path,
              int          width,
              const char  *output,
              GError     **error)
{
  g_autoptr(GdkPixbuf) original = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  int w, h, height;

  /* Refuse decompression bombs before decoding: the header says the size. */
  if (gdk_pixbuf_get_file_info (path, &w, &h) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not an image this system can show");
      return FALSE;
    }
  if ((gint64) w * h > G_GINT64_CONSTANT (100) * 1000 * 1000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The image claims %d × %d pixels; it is not decoded", w, h);
      return FALSE;
    }
  original = gdk_pixbuf_new_from_file (path, error);
  if (original == NULL)
    return FALSE;
  oriented = gdk_pixbuf_apply_embedded_orientation (original);
  w = gdk_pixbuf_get_width (oriented);
  h = gdk_pixbuf_get_height (oriented);
  if (width > w)
    width = w;
  height = MAX (1, (int) ((double) h * width / w));
  scaled = gdk_pixbuf_scale_simple (oriented, width, height, GDK_INTERP_BILINEAR);
  if (scaled == NULL || !gdk_pixbuf_save (scaled, output, "png", error, NULL))
    {
      if (error && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not scale the image");
      return FALSE;
    }
  printf ("{\"pages\": 1, \"width\": %d, \"height\": %d}\n", width, height);
  return TRUE;
}

gboolean
cf_extract_render (const char         *path,
                   const char         *mime_type,
                   int                 page,
                   int                 width,
                   const char * const *highlights,
                   const char         *output,
                   GError            **error)
{
  width = CLAMP (width, 16, MAX_WIDTH);
  if (g_strcmp0 (mime_type, "application/pdf") == 0)
    return render_pdf (path, page, width, highlights, output, error);
  if (g_str_has_prefix (mime_type, "image/"))
    return render_image (path, width, output, error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No picture can be made of %s", mime_type);
  return FALSE;
}
