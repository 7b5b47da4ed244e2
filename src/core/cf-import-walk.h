/* cf-import-walk.h — listing what an import will read.
 *
 * Walks the picked files and folders without opening any file: FIFOs,
 * sockets and devices are listed as skipped (never opened), symbolic links
 * are followed only when they stay inside the picked folder, folder loops
 * are cut, unreadable folders are listed as failed. Names are decoded (UTF-8,
 * else CP949, else marked invalid) into source paths that start with the
 * picked item's own name.
 */
#pragma once

#include <gio/gio.h>

#include "cf-importer.h"
#include "cf-names.h"

G_BEGIN_DECLS

typedef struct
{
  CfImportOutcome outcome;   /* CF_IMPORT_IMPORTED: to be imported; else skipped/failed */
  char *path;                /* where to read it */
  char *source;              /* relative source path, decoded */
  char *raw_name;            /* last component, as bytes */
  char *name;                /* last component, decoded (NFC) */
  CfNameEncoding name_encoding;
  guint64 size;              /* from the walk, for progress */
  char *reason;              /* why skipped or failed */
  GPtrArray *warnings;       /* "code\nmessage" */
} CfWalkEntry;

/* Returns NULL only when cancelled. */
GPtrArray *cf_import_walk (const char * const *paths,
                           GCancellable       *cancellable,
                           GError            **error);

G_END_DECLS
