/* cf-page-view.h — a picture of a PDF page or an image, drawn by the
 * sandboxed helper (cf_render_page), with page navigation (buttons,
 * Page Up/Page Down), zoom (fit the width, in and out, Ctrl+plus/minus/0)
 * and the search terms marked on the page.
 *
 * Drawing happens off the main thread, one picture at a time: asking for
 * another page or document cancels the one in progress (its helper is
 * killed), and a short pause first means flicking through documents
 * starts no helper for those only passed over. The last pictures are kept,
 * so going back is instant. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CF_TYPE_PAGE_VIEW (cf_page_view_get_type ())
G_DECLARE_FINAL_TYPE (CfPageView, cf_page_view, CF, PAGE_VIEW, GtkWidget)

/* Shows page (from 1) of the original at object_path. key names the
 * original for the cache (its SHA-256); n_pages what reading counted (0
 * when unknown: the first picture says). highlights may be NULL. */
void          cf_page_view_load            (CfPageView          *self,
                                            const char          *object_path,
                                            const char          *mime_type,
                                            const char          *key,
                                            guint                n_pages,
                                            guint                page,
                                            const char * const  *highlights);
void          cf_page_view_clear           (CfPageView          *self);
/* Marks other words; page > 0 goes there too. */
void          cf_page_view_set_highlights  (CfPageView          *self,
                                            const char * const  *highlights,
                                            guint                page);
void          cf_page_view_set_page        (CfPageView          *self,
                                            guint                page);
guint         cf_page_view_get_page        (CfPageView          *self);
guint         cf_page_view_get_n_pages     (CfPageView          *self);
/* 1.0 is the width of the view; fit is whether it follows that width. */
double        cf_page_view_get_zoom        (CfPageView          *self,
                                            gboolean            *fit);
/* Whether a picture is being drawn. */
gboolean      cf_page_view_get_loading     (CfPageView          *self);
/* The picture shown (a GdkTexture), or NULL. */
GdkPaintable *cf_page_view_get_paintable   (CfPageView          *self);
/* How many pictures were asked of the helper so far (a flick through the
 * list must not start one per document passed). */
guint         cf_page_view_get_n_started   (CfPageView          *self);
/* The highlights the picture shown was drawn with. */
const char * const *cf_page_view_get_drawn_highlights (CfPageView *self);

G_END_DECLS
