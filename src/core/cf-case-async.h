/* cf-case-async.h — the long and the writing operations of a case, run off
 * the caller's thread, for the GUI.
 *
 * A CfCase's database connection must never be used by two threads at
 * once. The rule these calls keep: every job that uses a case runs in that
 * case's own worker thread, one job at a time, in the order they were
 * queued; a caller that hands a case to these calls must not touch it
 * itself until nothing is queued (the GUI reads through a second, read-only
 * CfCase instead). A numbering preview, which only reads, opens its own
 * read-only connection and runs beside the queue; reading the documents
 * holds the queue only while it uses the case's connection, then runs
 * beside it on its own.
 *
 * Results and progress arrive on the thread-default main context of the
 * caller; progress is merged, so a fast job wakes the caller at most once
 * per idle.
 */
#pragma once

#include <gio/gio.h>

#include "cf-bundle.h"
#include "cf-case.h"
#include "cf-extraction.h"
#include "cf-fsck.h"

G_BEGIN_DECLS

/* A job of the case's worker: runs in the worker thread with the case to
 * itself. Returns the result (freed with result_free if nobody takes it),
 * or NULL with error set. */
typedef gpointer (*CfCaseJobFunc) (CfCase        *kase,
                                   gpointer       job_data,
                                   GCancellable  *cancellable,
                                   GError       **error);

void             cf_case_run_async             (CfCase               *self,
                                                CfCaseJobFunc         func,
                                                gpointer              job_data,
                                                GDestroyNotify        job_data_free,
                                                GDestroyNotify        result_free,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/* Returns the job's result (owned by the caller), or NULL with error. */
gpointer         cf_case_run_finish            (CfCase               *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* Blocks until every job queued so far on this case has run (tests, and
 * closing a case cleanly). Must not be called from a job. */
void             cf_case_wait_idle             (CfCase               *self);

/* Exhibit numbering. A dry run reads through its own connection; a real
 * run is a job of the worker. Returns the CfNumberingChange array. */
void             cf_case_number_exhibits_async (CfCase               *self,
                                                gboolean              dry_run,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray       *cf_case_number_exhibits_finish (CfCase              *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* The evidence bundle, as a job of the worker. options is copied. */
void             cf_case_export_bundle_async   (CfCase                 *self,
                                                const char             *out_path,
                                                const CfExportOptions  *options,
                                                CfExportProgressFunc    progress,
                                                gpointer                progress_data,
                                                GDestroyNotify          progress_data_free,
                                                GCancellable           *cancellable,
                                                GAsyncReadyCallback     callback,
                                                gpointer                user_data);
CfExportResult  *cf_case_export_bundle_finish  (CfCase                 *self,
                                                GAsyncResult           *result,
                                                GError                **error);

/* Checking the case, as a job of the worker (edits wait for it). */
void             cf_case_fsck_async            (CfCase               *self,
                                                CfFsckProgressFunc    progress,
                                                gpointer              progress_data,
                                                GDestroyNotify        progress_data_free,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
CfFsckReport    *cf_case_fsck_finish           (CfCase               *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* Reading the unread documents (cf-extraction.h) with @extractor, made on
 * this case. The reading holds the worker only for its start and then
 * runs beside it, so edits go on meanwhile. @item_func gets each document
 * the reading adds (attachments, messages), then @progress the merged
 * progress, both with @data on the caller's context. Cancelling stops
 * after the documents being read; the rest stay unread. */
void             cf_case_read_documents_async  (CfCase                   *self,
                                                CfExtractor              *extractor,
                                                CfExtractionProgressFunc  progress,
                                                CfImportItemFunc          item_func,
                                                gpointer                  data,
                                                GDestroyNotify            data_free,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean         cf_case_read_documents_finish (CfCase                   *self,
                                                GAsyncResult             *result,
                                                GError                  **error);

/* Verifying a bundle needs no case. */
void             cf_bundle_verify_async        (const char           *path,
                                                const char           *passphrase,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
CfVerifyReport  *cf_bundle_verify_finish       (GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
