/* cf-extract-embedded-private.h — what the embedded-object code's two
 * files share: writing one child (cf-extract-embedded.c) and unwrapping
 * OLE objects (cf-extract-ole-object.c). */
#pragma once

#include "cf-extract-embedded.h"

G_BEGIN_DECLS

typedef struct _CfEmbedded CfEmbedded;
typedef struct _CfEmbeddedChild CfEmbeddedChild;

CfExtractResult *cf_embedded_get_result   (CfEmbedded       *embedded);

/* A child being written; NULL when no more children are allowed or the
 * file cannot be made (a warning says so). what names the object in
 * warnings (the member it came from). */
CfEmbeddedChild *cf_embedded_child_begin  (CfEmbedded       *embedded,
                                           const char       *what,
                                           const char       *name,
                                           const char       *mime_type);
gboolean         cf_embedded_child_write  (CfEmbeddedChild  *child,
                                           const void       *data,
                                           gsize             len,
                                           GError          **error);
/* Records the child (unless it is a copy of the document itself). */
void             cf_embedded_child_end    (CfEmbeddedChild  *child);
/* Drops it, file and all, with a warning saying why. */
void             cf_embedded_child_abandon (CfEmbeddedChild *child,
                                            const char      *reason);

/* The OLE compound file at path (a copy of the object `what`) as a
 * child: what it wraps, or itself. name is the object's own name
 * (oleObject1.bin, Object 2). */
void             cf_embedded_add_ole_file (CfEmbedded       *embedded,
                                           const char       *path,
                                           const char       *what,
                                           const char       *name);

/* The name without its extension ("oleObject1.bin" → "oleObject1"). */
char            *cf_embedded_stem         (const char       *name);

G_END_DECLS
