/* cf-preview.h — a look at a stored original: images (scaled, decoded off
 * the main thread, refusing decompression bombs) and the start of plain
 * text (UTF-8, else CP949, which is what Korean "EUC-KR" files really
 * are); for other kinds the text reading found in them. Kinds with
 * neither say that they have no preview yet. The original is only ever
 * read. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CF_TYPE_PREVIEW (cf_preview_get_type ())
G_DECLARE_FINAL_TYPE (CfPreview, cf_preview, CF, PREVIEW, GtkWidget)

typedef enum
{
  CF_PREVIEW_NONE,      /* nothing to show (no file, unsupported kind) */
  CF_PREVIEW_LOADING,
  CF_PREVIEW_IMAGE,
  CF_PREVIEW_TEXT,
  CF_PREVIEW_ERROR,
} CfPreviewKind;

GtkWidget     *cf_preview_new          (void);
/* path NULL clears the preview. */
void           cf_preview_load         (CfPreview   *self,
                                        const char  *path,
                                        const char  *mime_type,
                                        guint64      size);
/* Shows text read from the document (casefile-extract) instead of the
 * original's bytes: for mail, PDF, office documents. */
void           cf_preview_show_text    (CfPreview   *self,
                                        const char  *text,
                                        gsize        length);
/* Whether the original itself previews well (images, plain text), so the
 * text read from it adds nothing. */
gboolean       cf_preview_shows_original (const char *mime_type);
CfPreviewKind  cf_preview_get_kind     (CfPreview   *self);
/* The text shown, for CF_PREVIEW_TEXT. */
char          *cf_preview_dup_text     (CfPreview   *self);

/* Decodes the start of a text file: UTF-8 when it is valid, else CP949.
 * Sets *encoding to "UTF-8" or "CP949"; NULL when it is not text. */
char          *cf_preview_decode_text  (const char  *data,
                                        gsize        len,
                                        gboolean     truncated,
                                        const char **encoding);

G_END_DECLS
