/* cf-importer.h — bringing files, folders and archives into a case.
 *
 * One pass per file: read, SHA-256, write to a temporary object, fsync,
 * rename into the store, then record it (with its custody entry) in a
 * transaction that commits every few hundred items. Items are reported
 * only once committed, so what the caller has seen survives a crash.
 * ZIP and TAR archives become families: the archive plus its members as
 * child documents, within limits against archive bombs.
 *
 * cf_importer_run blocks and calls the callbacks in the calling thread;
 * cf_importer_run_async runs it in a worker thread and delivers the
 * callbacks, merged, on the caller's main context.
 */
#pragma once

#include <gio/gio.h>

#include "cf-case.h"

G_BEGIN_DECLS

typedef enum
{
  CF_IMPORT_IMPORTED,    /* stored and recorded */
  CF_IMPORT_DUPLICATE,   /* the same bytes were already stored; recorded as a duplicate */
  CF_IMPORT_SKIPPED,     /* deliberately not imported (FIFO, link out of the folder, already present…) */
  CF_IMPORT_FAILED,      /* could not be imported; reason says why */
} CfImportOutcome;

typedef struct
{
  CfImportOutcome outcome;
  gint64 document_id;    /* 0 when nothing was recorded */
  gint64 duplicate_of;   /* for CF_IMPORT_DUPLICATE */
  gint64 parent_id;      /* the archive, for members */
  guint depth;           /* 0 for what the user picked, 1+ inside archives */
  const char *source;    /* relative source path ("evidence/a.zip!/docs/b.pdf") */
  const char *reason;    /* why skipped or failed; warnings for the others */
  guint64 size;
} CfImportItem;

/* A copy that owns its strings, for an item handed to another thread or
 * reported later; free it with cf_import_item_free. */
CfImportItem *cf_import_item_copy (const CfImportItem *item);
void          cf_import_item_free (CfImportItem       *item);

typedef struct
{
  guint64 n_items;       /* items finished so far */
  guint64 n_items_total; /* found while walking the picked paths (archive members add to it) */
  guint64 bytes_done;
  guint64 bytes_total;
  guint64 n_imported;
  guint64 n_duplicates;
  guint64 n_skipped;
  guint64 n_failed;
  const char *current;   /* source being read, or NULL */
} CfImportProgress;

/* Safety limits for expanding archives, per item the user picked. */
typedef struct
{
  guint64 max_expanded_bytes;  /* bytes produced by all nested expansion */
  guint   max_ratio;           /* produced / archive size, checked past min_ratio_bytes */
  guint64 min_ratio_bytes;
  guint   max_members;         /* members across all nested archives */
  guint   max_depth;           /* archive-in-archive nesting */
} CfImportLimits;

typedef void (*CfImportItemFunc)     (const CfImportItem     *item,
                                      gpointer                user_data);
typedef void (*CfImportProgressFunc) (const CfImportProgress *progress,
                                      gpointer                user_data);

#define CF_TYPE_IMPORTER (cf_importer_get_type ())
G_DECLARE_FINAL_TYPE (CfImporter, cf_importer, CF, IMPORTER, GObject)

CfImporter *cf_importer_new               (CfCase                 *kase);
void        cf_importer_get_default_limits (CfImportLimits        *limits);
void        cf_importer_set_limits        (CfImporter             *self,
                                           const CfImportLimits   *limits);
void        cf_importer_set_item_func     (CfImporter             *self,
                                           CfImportItemFunc        func,
                                           gpointer                user_data);
void        cf_importer_set_progress_func (CfImporter             *self,
                                           CfImportProgressFunc    func,
                                           gpointer                user_data);

/* Returns FALSE only when the import as a whole stopped (cancelled, the
 * case's disk is full, the database failed); items that failed on their
 * own are reported and counted, and the run goes on. */
gboolean    cf_importer_run               (CfImporter             *self,
                                           const char * const     *paths,
                                           GCancellable           *cancellable,
                                           GError                **error);
void        cf_importer_run_async         (CfImporter             *self,
                                           const char * const     *paths,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
gboolean    cf_importer_run_finish        (CfImporter             *self,
                                           GAsyncResult           *result,
                                           GError                **error);

/* The totals of the last run. */
const CfImportProgress *cf_importer_get_totals (CfImporter *self);

G_END_DECLS
