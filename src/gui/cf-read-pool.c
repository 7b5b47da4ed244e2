/* cf-read-pool.c — read-only jobs in threads with their own connections
 * (see cf-read-pool.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-read-pool.h"

struct _CfReadPool
{
  GObject parent_instance;

  char *case_path;
  GThreadPool *threads;
  GMutex lock;
  GPtrArray *idle;          /* CfCase: connections no job holds */
  guint n_jobs;
};

G_DEFINE_FINAL_TYPE (CfReadPool, cf_read_pool, G_TYPE_OBJECT)

typedef struct
{
  CfReadFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_free (job);
}

/* A connection for one job; NULL with error when the case cannot be
 * opened (it was moved, its disk went away). */
static CfCase *
take_connection (CfReadPool  *self,
                 GError     **error)
{
  CfCase *reader = NULL;

  g_mutex_lock (&self->lock);
  if (self->idle->len > 0)
    reader = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
  g_mutex_unlock (&self->lock);
  if (reader == NULL)
    reader = cf_case_open (self->case_path, CF_CASE_OPEN_READ_ONLY, error);
  return reader;
}

static void
give_back (CfReadPool *self,
           CfCase     *reader)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->idle, reader);
  g_mutex_unlock (&self->lock);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  GTask *task = data;
  CfReadPool *self = user_data;
  Job *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  CfCase *reader;
  gpointer result;

  /* Superseded while it waited (the user typed on): skip the work. */
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  reader = take_connection (self, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  result = job->func (reader, job->data, cancellable, &error);
  give_back (self, reader);
  if (result != NULL)
    g_task_return_pointer (task, result, job->result_free);
  else
    g_task_return_error (task, error != NULL ? error
                                             : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                                    "The job gave no result"));
  /* The callback holds its own reference, on the caller's thread, so the
   * pool is never finalised from one of its threads. */
  g_object_unref (task);
}

static void
cf_read_pool_finalize (GObject *object)
{
  CfReadPool *self = (CfReadPool *)object;

  /* Every job holds a reference: none is left to wait for. */
  g_thread_pool_free (self->threads, TRUE, TRUE);
  g_clear_pointer (&self->idle, g_ptr_array_unref);
  g_mutex_clear (&self->lock);
  g_free (self->case_path);

  G_OBJECT_CLASS (cf_read_pool_parent_class)->finalize (object);
}

static void
cf_read_pool_class_init (CfReadPoolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cf_read_pool_finalize;
}

static void
cf_read_pool_init (CfReadPool *self)
{
  g_mutex_init (&self->lock);
  self->idle = g_ptr_array_new_with_free_func (g_object_unref);
}

CfReadPool *
cf_read_pool_new (const char *case_path,
                  guint       max_jobs)
{
  CfReadPool *self;

  g_return_val_if_fail (case_path != NULL, NULL);
  g_return_val_if_fail (max_jobs > 0, NULL);

  self = g_object_new (CF_TYPE_READ_POOL, NULL);
  self->case_path = g_strdup (case_path);
  self->threads = g_thread_pool_new (run_job, self, (int) max_jobs, FALSE, NULL);
  return self;
}

static void
on_task_completed (GTask      *task,
                   GParamSpec *pspec,
                   CfReadPool *self)
{
  g_assert (self->n_jobs > 0);
  self->n_jobs--;
}

void
cf_read_pool_run_async (CfReadPool          *self,
                        CfReadFunc           func,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (CF_IS_READ_POOL (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cf_read_pool_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  self->n_jobs++;
  g_signal_connect (task, "notify::completed", G_CALLBACK (on_task_completed), self);
  /* The thread pool takes this reference. */
  g_thread_pool_push (self->threads, task, NULL);
}

gpointer
cf_read_pool_run_finish (CfReadPool    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
cf_read_pool_get_n_jobs (CfReadPool *self)
{
  g_return_val_if_fail (CF_IS_READ_POOL (self), 0);
  return self->n_jobs;
}
