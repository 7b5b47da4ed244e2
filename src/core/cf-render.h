/* cf-render.h — pictures of documents for the app's preview. The picture
 * is drawn by casefile-extract in its own process under limits, so the app
 * never runs poppler or an image decoder on evidence itself; the app shows
 * the PNG it gets back. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *png_path;      /* a PNG in a private temporary folder (cf_render_get_folder); the
                        * caller deletes it when done, and the folder and whatever is left
                        * in it go when the process exits */
  int n_pages;
  int width;
  int height;
} CfRendering;

void         cf_rendering_free            (CfRendering    *rendering);

/* The folder this process's pictures go to (made on first use), or NULL
 * if none could be made. */
const char  *cf_render_get_folder         (void);

/* Whether pictures can be made of this type (PDF, images). */
gboolean     cf_render_can_render         (const char     *mime_type);

/* page counts from 1; highlights (or NULL) are words to mark on the page
 * (see cf_search_highlight_terms). */
CfRendering *cf_render_page               (const char     *object_path,
                                           const char     *mime_type,
                                           int             page,
                                           int             width,
                                           const char * const *highlights,
                                           GCancellable   *cancellable,
                                           GError        **error);
void         cf_render_page_async         (const char     *object_path,
                                           const char     *mime_type,
                                           int             page,
                                           int             width,
                                           const char * const *highlights,
                                           GCancellable   *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer        user_data);
CfRendering *cf_render_page_finish        (GAsyncResult   *result,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfRendering, cf_rendering_free)

G_END_DECLS
