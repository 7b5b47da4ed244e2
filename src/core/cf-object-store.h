/* cf-object-store.h — the content-addressed store of originals.
 *
 * An original lives at CASE/objects/ab/cdef… (its SHA-256 in hex), written
 * once, read-only afterwards, never changed. Writing follows invariant 1 of
 * docs/reliability: temp file in CASE/tmp → write while hashing → fsync →
 * rename into place → fsync the directory; only then may the caller commit
 * the database row that names it (cf_object_store_sync must come first).
 */
#pragma once

#include <gio/gio.h>

#include "cf-sha256.h"

G_BEGIN_DECLS

typedef struct _CfObjectStore  CfObjectStore;
typedef struct _CfObjectWriter CfObjectWriter;

CfObjectStore  *cf_object_store_new          (const char     *case_dir);
void            cf_object_store_free         (CfObjectStore  *store);
gboolean        cf_object_store_create_layout (CfObjectStore *store,
                                              GError        **error);
char           *cf_object_store_path         (CfObjectStore  *store,
                                              const char     *sha256);
const char     *cf_object_store_get_dir      (CfObjectStore  *store);
const char     *cf_object_store_get_tmp_dir  (CfObjectStore  *store);
gboolean        cf_object_store_has          (CfObjectStore  *store,
                                              const char     *sha256,
                                              guint64         size);
/* Makes every rename since the last call durable (fsyncs the touched
 * fan-out directories). Call before committing rows naming new objects. */
gboolean        cf_object_store_sync         (CfObjectStore  *store,
                                              GError        **error);
/* Removes every temporary file (left by a crash). Returns the count. */
guint           cf_object_store_clean_tmp    (CfObjectStore  *store);

/* Takes a file someone else wrote inside the case's tmp/ (the extraction
 * helper's children) into the store: hashes it here — the writer is not
 * trusted —, makes it read-only and durable, and renames it into place, or
 * deletes it when the object is stored already. Returns the SHA-256. */
char           *cf_object_store_adopt        (CfObjectStore  *store,
                                              const char     *path,
                                              guint64        *size,
                                              guint8         *head,
                                              gsize           head_max,
                                              gsize          *head_len,
                                              GError        **error);

CfObjectWriter *cf_object_writer_new         (CfObjectStore  *store,
                                              GError        **error);
gboolean        cf_object_writer_write       (CfObjectWriter *writer,
                                              const void     *data,
                                              gsize           len,
                                              GError        **error);
guint64         cf_object_writer_get_size    (CfObjectWriter *writer);
/* fsyncs the temp file and moves it into place (or drops it when the
 * object is already stored). Returns the SHA-256; *was_new tells which. */
const char     *cf_object_writer_commit      (CfObjectWriter *writer,
                                              gboolean       *was_new,
                                              GError        **error);
/* Deletes the temp file if it was not committed, and frees. */
void            cf_object_writer_free        (CfObjectWriter *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfObjectStore, cf_object_store_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfObjectWriter, cf_object_writer_free)

G_END_DECLS
