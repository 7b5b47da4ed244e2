/* cf-case-async.c — a worker thread per case that runs its jobs one at a
 * time, and the _async/_finish pairs built on it (see cf-case-async.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-case-async.h"

#include <string.h>

#include "cf-extraction.h"
#include "cf-numbering.h"

/* The worker of one case --------------------------------------------------
 *
 * A GThreadPool of one thread runs the jobs in the order they were pushed.
 * It hangs off the case as object data, so every caller of these functions
 * shares it and jobs on one case can never overlap. */

#define WORKER_KEY "cf-case-worker"

typedef struct
{
  GThreadPool *pool;
  GMutex lock;
  GCond idle;
  guint n_pending;
} Worker;

typedef struct
{
  CfCaseJobFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
} Job;

static GMutex worker_create_lock;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
worker_free (Worker *worker)
{
  /* Every queued job holds a reference on the case, so nothing is queued
   * when the case goes; the last job may still be returning, which is why
   * this does not wait (it may even run in that very thread). */
  g_thread_pool_free (worker->pool, TRUE, FALSE);
  g_mutex_clear (&worker->lock);
  g_cond_clear (&worker->idle);
  g_free (worker);
}

static void
worker_run (gpointer data,
            gpointer user_data)
{
  GTask *task = data;
  Worker *worker = user_data;
  Job *job = g_task_get_task_data (task);
  CfCase *kase = g_task_get_source_object (task);
  GError *error = NULL;
  gpointer result = NULL;

  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    result = job->func (kase, job->data, g_task_get_cancellable (task), &error);

  g_mutex_lock (&worker->lock);
  g_assert (worker->n_pending > 0);
  worker->n_pending--;
  if (worker->n_pending == 0)
    g_cond_broadcast (&worker->idle);
  g_mutex_unlock (&worker->lock);

  if (result != NULL)
    g_task_return_pointer (task, result, job->result_free);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "The operation failed without saying why");
  g_object_unref (task);
}

static Worker *
get_worker (CfCase *self)
{
  Worker *worker;

  g_mutex_lock (&worker_create_lock);
  worker = g_object_get_data (G_OBJECT (self), WORKER_KEY);
  if (worker == NULL)
    {
      worker = g_new0 (Worker, 1);
      g_mutex_init (&worker->lock);
      g_cond_init (&worker->idle);
      /* Not exclusive: the thread comes from GLib's shared pool and goes
       * back when idle; max 1 keeps the jobs in order. */
      worker->pool = g_thread_pool_new (worker_run, worker, 1, FALSE, NULL);
      g_object_set_data_full (G_OBJECT (self), WORKER_KEY, worker, (GDestroyNotify) worker_free);
    }
  g_mutex_unlock (&worker_create_lock);
  return worker;
}

void
cf_case_run_async (CfCase              *self,
                   CfCaseJobFunc        func,
                   gpointer             job_data,
                   GDestroyNotify       job_data_free,
                   GDestroyNotify       result_free,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  Worker *worker;
  GTask *task;
  Job *job;

  g_return_if_fail (CF_IS_CASE (self));
  g_return_if_fail (func != NULL);

  worker = get_worker (self);
  job = g_new0 (Job, 1);
  job->func = func;
  job->data = job_data;
  job->data_free = job_data_free;
  job->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cf_case_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  g_mutex_lock (&worker->lock);
  worker->n_pending++;
  g_mutex_unlock (&worker->lock);
  /* The pool owns this reference until the job returns. */
  g_thread_pool_push (worker->pool, task, NULL);
}

gpointer
cf_case_run_finish (CfCase        *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cf_case_wait_idle (CfCase *self)
{
  Worker *worker;

  g_return_if_fail (CF_IS_CASE (self));

  g_mutex_lock (&worker_create_lock);
  worker = g_object_get_data (G_OBJECT (self), WORKER_KEY);
  g_mutex_unlock (&worker_create_lock);
  if (worker == NULL)
    return;
  g_mutex_lock (&worker->lock);
  while (worker->n_pending > 0)
    g_cond_wait (&worker->idle, &worker->lock);
  g_mutex_unlock (&worker->lock);
}

/* Progress relay -----------------------------------------------------------
 *
 * The worker stores the latest progress under a lock and schedules one idle
 * on the caller's context; the idle hands the latest state over. The relay
 * lives on the caller's side and is flushed and freed there when the job
 * completes, so the caller's data is never freed in the worker. */

typedef struct _Relay Relay;
typedef void (*RelayDeliver) (Relay *relay);

struct _Relay
{
  GMutex lock;
  GMainContext *context;
  GSource *idle;
  gboolean have;
  /* The latest state, written by the worker. */
  char *phase;
  char *current;
  guint64 done;
  guint64 total;
  guint64 extra;
  /* The caller's. */
  RelayDeliver deliver;
  gpointer func;
  gpointer data;
  GDestroyNotify data_free;
};

static Relay *
relay_new (RelayDeliver    deliver,
           gpointer        func,
           gpointer        data,
           GDestroyNotify  data_free)
{
  Relay *relay = g_new0 (Relay, 1);

  g_mutex_init (&relay->lock);
  relay->context = g_main_context_ref_thread_default ();
  relay->deliver = deliver;
  relay->func = func;
  relay->data = data;
  relay->data_free = data_free;
  return relay;
}

static gboolean
relay_dispatch (gpointer data)
{
  Relay *relay = data;

  g_mutex_lock (&relay->lock);
  g_clear_pointer (&relay->idle, g_source_unref);
  g_mutex_unlock (&relay->lock);
  relay->deliver (relay);
  return G_SOURCE_REMOVE;
}

/* With the lock held: makes sure an idle will hand the state over. */
static void
relay_schedule_locked (Relay *relay)
{
  relay->have = TRUE;
  if (relay->idle == NULL && relay->func != NULL)
    {
      relay->idle = g_idle_source_new ();
      g_source_set_priority (relay->idle, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (relay->idle, relay_dispatch, relay, NULL);
      g_source_attach (relay->idle, relay->context);
    }
}

/* Called by the worker; strings are copied. */
static void
relay_update_full (Relay      *relay,
                   const char *phase,
                   const char *current,
                   guint64     done,
                   guint64     total,
                   guint64     extra)
{
  g_mutex_lock (&relay->lock);
  if (g_strcmp0 (relay->phase, phase) != 0)
    {
      g_free (relay->phase);
      relay->phase = g_strdup (phase);
    }
  if (g_strcmp0 (relay->current, current) != 0)
    {
      g_free (relay->current);
      relay->current = g_strdup (current);
    }
  relay->done = done;
  relay->total = total;
  relay->extra = extra;
  relay_schedule_locked (relay);
  g_mutex_unlock (&relay->lock);
}

static void
relay_update (Relay      *relay,
              const char *phase,
              const char *current,
              guint64     done,
              guint64     total)
{
  relay_update_full (relay, phase, current, done, total, 0);
}

/* On the caller's context: delivers what is left, then frees. */
static void
relay_finish (Relay *relay)
{
  gboolean have;

  g_mutex_lock (&relay->lock);
  if (relay->idle != NULL)
    {
      g_source_destroy (relay->idle);
      g_clear_pointer (&relay->idle, g_source_unref);
    }
  have = relay->have;
  g_mutex_unlock (&relay->lock);
  if (have && relay->func != NULL)
    relay->deliver (relay);
  if (relay->data_free != NULL)
    relay->data_free (relay->data);
  g_main_context_unref (relay->context);
  g_free (relay->phase);
  g_free (relay->current);
  g_mutex_clear (&relay->lock);
  g_free (relay);
}

/* Numbering ------------------------------------------------------------------ */

static gpointer
number_job (CfCase        *kase,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return cf_case_number_exhibits (kase, FALSE, error);
}

static void
number_preview_in_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(CfCase) reader = NULL;
  GPtrArray *changes;
  GError *error = NULL;

  reader = cf_case_open (path, CF_CASE_OPEN_READ_ONLY, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  changes = cf_case_number_exhibits (reader, TRUE, &error);
  if (changes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, changes, (GDestroyNotify) g_ptr_array_unref);
}

static void
number_job_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;
  GPtrArray *changes = cf_case_run_finish (CF_CASE (object), result, &error);

  if (changes == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, changes, (GDestroyNotify) g_ptr_array_unref);
}

void
cf_case_number_exhibits_async (CfCase              *self,
                               gboolean             dry_run,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CF_IS_CASE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cf_case_number_exhibits_async);
  if (dry_run)
    {
      g_task_set_task_data (task, g_strdup (cf_case_get_path (self)), g_free);
      g_task_run_in_thread (task, number_preview_in_thread);
    }
  else
    cf_case_run_async (self, number_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                       cancellable, number_job_done, g_steal_pointer (&task));
}

GPtrArray *
cf_case_number_exhibits_finish (CfCase        *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Export ---------------------------------------------------------------------- */

typedef struct
{
  char *out_path;
  CfExportOptions options;
  gint64 *claim_ids;
  char *passphrase;
  Relay *relay;        /* owned by the outer task */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->out_path);
  g_free (job->claim_ids);
  if (job->passphrase != NULL)
    {
      memset (job->passphrase, 0, strlen (job->passphrase));
      g_free (job->passphrase);
    }
  g_free (job);
}

static void
deliver_export_progress (Relay *relay)
{
  CfExportProgress progress = { 0 };
  g_autofree char *phase = NULL;
  g_autofree char *current = NULL;

  g_mutex_lock (&relay->lock);
  phase = g_strdup (relay->phase);
  current = g_strdup (relay->current);
  progress.bytes_done = relay->done;
  progress.bytes_total = relay->total;
  relay->have = FALSE;
  g_mutex_unlock (&relay->lock);

  progress.phase = phase;
  progress.current = current;
  ((CfExportProgressFunc) relay->func) (&progress, relay->data);
}

static void
on_export_progress (const CfExportProgress *progress,
                    gpointer                user_data)
{
  ExportJob *job = user_data;

  relay_update (job->relay, progress->phase, progress->current,
                progress->bytes_done, progress->bytes_total);
}

static gpointer
export_job (CfCase        *kase,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportJob *job = data;

  return cf_case_export_bundle (kase, job->out_path, &job->options,
                                on_export_progress, job, cancellable, error);
}

static void
export_job_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;
  CfExportResult *export_result = cf_case_run_finish (CF_CASE (object), result, &error);

  /* The last progress arrives before the result. */
  relay_finish (g_task_get_task_data (outer));
  g_task_set_task_data (outer, NULL, NULL);
  if (export_result == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, export_result, (GDestroyNotify) cf_export_result_free);
}

void
cf_case_export_bundle_async (CfCase                 *self,
                             const char             *out_path,
                             const CfExportOptions  *options,
                             CfExportProgressFunc    progress,
                             gpointer                progress_data,
                             GDestroyNotify          progress_data_free,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  GTask *outer;
  ExportJob *job;

  g_return_if_fail (CF_IS_CASE (self));
  g_return_if_fail (out_path != NULL && options != NULL);

  job = g_new0 (ExportJob, 1);
  job->out_path = g_strdup (out_path);
  job->options = *options;
  if (options->claim_ids != NULL && options->n_claim_ids > 0)
    {
      job->claim_ids = g_memdup2 (options->claim_ids, sizeof (gint64) * options->n_claim_ids);
      job->options.claim_ids = job->claim_ids;
    }
  else
    {
      job->options.claim_ids = NULL;
      job->options.n_claim_ids = 0;
    }
  job->passphrase = g_strdup (options->passphrase);
  job->options.passphrase = job->passphrase;
  job->relay = relay_new (deliver_export_progress, progress, progress_data, progress_data_free);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cf_case_export_bundle_async);
  g_task_set_task_data (outer, job->relay, NULL);
  cf_case_run_async (self, export_job, job, (GDestroyNotify) export_job_free,
                     (GDestroyNotify) cf_export_result_free, cancellable, export_job_done, outer);
}

CfExportResult *
cf_case_export_bundle_finish (CfCase        *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* fsck --------------------------------------------------------------------------- */

/* A job of the worker, on the case itself: the checker also checks what
 * only a writable connection can (the search index), and a check reads
 * every original, which nothing else should be changing meanwhile. */

static void
deliver_fsck_progress (Relay *relay)
{
  guint64 done, total;

  g_mutex_lock (&relay->lock);
  done = relay->done;
  total = relay->total;
  relay->have = FALSE;
  g_mutex_unlock (&relay->lock);
  ((CfFsckProgressFunc) relay->func) (done, total, relay->data);
}

static void
on_fsck_progress (guint64  done,
                  guint64  total,
                  gpointer user_data)
{
  relay_update (user_data, NULL, NULL, done, total);
}

static gpointer
fsck_job (CfCase        *kase,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return cf_case_fsck (kase, on_fsck_progress, data, cancellable, error);
}

static void
fsck_job_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;
  CfFsckReport *report = cf_case_run_finish (CF_CASE (object), result, &error);

  relay_finish (g_task_get_task_data (outer));
  g_task_set_task_data (outer, NULL, NULL);
  if (report == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, report, (GDestroyNotify) cf_fsck_report_free);
}

void
cf_case_fsck_async (CfCase              *self,
                    CfFsckProgressFunc   progress,
                    gpointer             progress_data,
                    GDestroyNotify       progress_data_free,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *outer;
  Relay *relay;

  g_return_if_fail (CF_IS_CASE (self));

  relay = relay_new (deliver_fsck_progress, progress, progress_data, progress_data_free);
  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cf_case_fsck_async);
  g_task_set_task_data (outer, relay, NULL);
  cf_case_run_async (self, fsck_job, relay, NULL, (GDestroyNotify) cf_fsck_report_free,
                     cancellable, fsck_job_done, outer);
}

CfFsckReport *
cf_case_fsck_finish (CfCase        *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reading the documents ---------------------------------------------------------
 *
 * The runner (cf-extraction.c) writes through a connection of its own, its
 * intake's, but counts what is unread through the case's connection as its
 * first step, before its first progress report. So the reading starts as a
 * job of the worker, which holds the worker just until that report (or the
 * end, if the run stops before it), then goes on in a thread of its own
 * beside the queue: edits are not kept waiting while thousands of
 * documents are read. */

typedef struct
{
  CfExtractor *extractor;
  GCancellable *cancellable;
  GTask *outer;                /* until the run has ended */
  GMutex lock;
  GCond cond;
  gboolean started;            /* the count is done, or the run ended */
  Relay *relay;                /* progress and items for the caller */
  GPtrArray *items;            /* CfImportItem copies, under relay->lock */
  CfExtractionProgressFunc progress;
  CfImportItemFunc item_func;
  gpointer data;
  GDestroyNotify data_free;
  gboolean ok;
  GError *error;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_assert (job->relay == NULL);
  g_clear_object (&job->extractor);
  g_clear_object (&job->cancellable);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_clear_error (&job->error);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
read_job_mark_started (ReadJob *job)
{
  g_mutex_lock (&job->lock);
  job->started = TRUE;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);
}

/* On the caller's context: the documents reading added, then progress. */
static void
deliver_read (Relay *relay)
{
  ReadJob *job = relay->data;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *current = NULL;
  CfExtractionProgress progress = { 0 };

  g_mutex_lock (&relay->lock);
  items = g_steal_pointer (&job->items);
  job->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cf_import_item_free);
  current = g_strdup (relay->current);
  progress.n_done = relay->done;
  progress.n_total = relay->total;
  progress.n_failed = relay->extra;
  relay->have = FALSE;
  g_mutex_unlock (&relay->lock);

  for (guint i = 0; job->item_func != NULL && i < items->len; i++)
    job->item_func (g_ptr_array_index (items, i), job->data);
  progress.current = current;
  if (job->progress != NULL)
    job->progress (&progress, job->data);
}

/* In the reading thread. */
static void
on_read_progress (const CfExtractionProgress *progress,
                  gpointer                    user_data)
{
  ReadJob *job = user_data;

  if (!job->started)
    read_job_mark_started (job);
  relay_update_full (job->relay, NULL, progress->current, progress->n_done, progress->n_total,
                     progress->n_failed);
}

/* In the reading thread. */
static void
on_read_item (const CfImportItem *item,
              gpointer            user_data)
{
  ReadJob *job = user_data;
  CfImportItem *copy = cf_import_item_copy (item);

  g_mutex_lock (&job->relay->lock);
  g_ptr_array_add (job->items, copy);
  relay_schedule_locked (job->relay);
  g_mutex_unlock (&job->relay->lock);
}

/* On the caller's context, once the run has ended. */
static gboolean
read_done_in_context (gpointer data)
{
  ReadJob *job = data;
  GTask *outer = g_steal_pointer (&job->outer);

  relay_finish (g_steal_pointer (&job->relay));
  if (job->ok)
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, g_steal_pointer (&job->error));
  /* May free the job. */
  g_object_unref (outer);
  return G_SOURCE_REMOVE;
}

static gpointer
read_thread (gpointer data)
{
  ReadJob *job = data;
  GMainContext *context = g_main_context_ref (job->relay->context);

  job->ok = cf_extractor_run (job->extractor, job->cancellable, &job->error);
  read_job_mark_started (job);
  g_main_context_invoke (context, read_done_in_context, job);
  g_main_context_unref (context);
  return NULL;
}

/* A job of the worker: starts the reading and waits for it to be past its
 * use of the case's connection. */
static gpointer
read_start_job (CfCase        *kase,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  ReadJob *job = data;
  GThread *thread;

  thread = g_thread_try_new ("casefile-read", read_thread, job, error);
  if (thread == NULL)
    return NULL;
  g_thread_unref (thread);
  g_mutex_lock (&job->lock);
  while (!job->started)
    g_cond_wait (&job->cond, &job->lock);
  g_mutex_unlock (&job->lock);
  return GINT_TO_POINTER (TRUE);
}

static void
read_start_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadJob *job = user_data;
  GError *error = NULL;

  if (cf_case_run_finish (CF_CASE (object), result, &error) != NULL)
    return;
  /* No thread: nothing else will end the run. */
  job->ok = FALSE;
  job->error = error;
  read_done_in_context (job);
}

void
cf_case_read_documents_async (CfCase                   *self,
                              CfExtractor              *extractor,
                              CfExtractionProgressFunc  progress,
                              CfImportItemFunc          item_func,
                              gpointer                  data,
                              GDestroyNotify            data_free,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  ReadJob *job;

  g_return_if_fail (CF_IS_CASE (self));
  g_return_if_fail (CF_IS_EXTRACTOR (extractor));

  job = g_new0 (ReadJob, 1);
  job->extractor = g_object_ref (extractor);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  job->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cf_import_item_free);
  job->progress = progress;
  job->item_func = item_func;
  job->data = data;
  job->data_free = data_free;
  /* The relay calls back with the job; the caller's data stays in it. */
  job->relay = relay_new (deliver_read, (gpointer) deliver_read, job, NULL);

  job->outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->outer, cf_case_read_documents_async);
  g_task_set_task_data (job->outer, job, (GDestroyNotify) read_job_free);
  cf_extractor_set_progress_func (extractor, on_read_progress, job);
  cf_extractor_set_item_func (extractor, on_read_item, job);
  /* Not cancellable itself: the run sees the cancellable and ends, which
   * is what completes the task. */
  cf_case_run_async (self, read_start_job, job, NULL, NULL, NULL, read_start_done, job);
}

gboolean
cf_case_read_documents_finish (CfCase        *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Verify ---------------------------------------------------------------------------- */

typedef struct
{
  char *path;
  char *passphrase;
} VerifyJob;

static void
verify_job_free (VerifyJob *job)
{
  g_free (job->path);
  if (job->passphrase != NULL)
    {
      memset (job->passphrase, 0, strlen (job->passphrase));
      g_free (job->passphrase);
    }
  g_free (job);
}

static void
verify_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  VerifyJob *job = task_data;
  CfVerifyReport *report;
  GError *error = NULL;

  report = cf_bundle_verify (job->path, job->passphrase, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) cf_verify_report_free);
}

void
cf_bundle_verify_async (const char          *path,
                        const char          *passphrase,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VerifyJob *job;

  g_return_if_fail (path != NULL);

  job = g_new0 (VerifyJob, 1);
  job->path = g_strdup (path);
  job->passphrase = g_strdup (passphrase);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cf_bundle_verify_async);
  g_task_set_task_data (task, job, (GDestroyNotify) verify_job_free);
  g_task_run_in_thread (task, verify_in_thread);
}

CfVerifyReport *
cf_bundle_verify_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
