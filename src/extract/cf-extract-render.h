/* cf-extract-render.h — a PNG of a PDF page or an image, for previews. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* page is 0-based; width in pixels; highlights (or NULL) are words to
 * mark on a PDF page. */
gboolean cf_extract_render (const char         *path,
                            const char         *mime_type,
                            int                 page,
                            int                 width,
                            const char * const *highlights,
                            const char         *output,
                            GError            **error);

G_END_DECLS
