/* cf-read-pool.h — reading a case off the main thread: searches, the text
 * and family of the document in the preview, the page a search hit is on.
 *
 * The pool runs jobs in a few threads of its own; each job gets a
 * read-only connection to the case to itself for as long as it runs (the
 * connections are opened when first needed and kept). The main thread's
 * reader and the writer are never touched, so a long search neither waits
 * for an edit nor holds up the list. Results arrive on the caller's
 * thread-default main context; a job whose cancellable was cancelled
 * before it started does not run.
 */
#pragma once

#include <gio/gio.h>

#include "cf-case.h"

G_BEGIN_DECLS

#define CF_TYPE_READ_POOL (cf_read_pool_get_type ())
G_DECLARE_FINAL_TYPE (CfReadPool, cf_read_pool, CF, READ_POOL, GObject)

/* A job: runs in a pool thread with a read-only case of its own. Returns
 * the result (freed with result_free if nobody takes it), or NULL with
 * error set. */
typedef gpointer (*CfReadFunc) (CfCase        *reader,
                                gpointer       data,
                                GCancellable  *cancellable,
                                GError       **error);

/* max_jobs: how many jobs run at once (and connections are kept). */
CfReadPool  *cf_read_pool_new        (const char          *case_path,
                                      guint                max_jobs);

void         cf_read_pool_run_async  (CfReadPool          *self,
                                      CfReadFunc           func,
                                      gpointer             data,
                                      GDestroyNotify       data_free,
                                      GDestroyNotify       result_free,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* The job's result (owned by the caller), or NULL with error. */
gpointer     cf_read_pool_run_finish (CfReadPool          *self,
                                      GAsyncResult        *result,
                                      GError             **error);

/* Jobs queued or running (tests wait for 0). */
guint        cf_read_pool_get_n_jobs (CfReadPool          *self);

G_END_DECLS
