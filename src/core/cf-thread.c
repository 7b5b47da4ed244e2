/* cf-thread.c — see cf-thread.h. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-thread.h"

typedef struct
{
  GTask *task;
  CfThreadFunc func;
  CfThreadDoneFunc done;
  GThread *thread;
  GMutex lock;          /* held while thread is being set */
  gboolean ok;
  GError *error;
} Run;

static gboolean
complete_on_main (gpointer data)
{
  Run *run = data;

  GThread *thread;

  /* The thread's last act was to schedule this; joining waits at most
   * for it to unwind. */
  g_mutex_lock (&run->lock);
  thread = run->thread;
  g_mutex_unlock (&run->lock);
  g_thread_join (thread);
  g_mutex_clear (&run->lock);
  if (run->done != NULL)
    run->done (run->task, g_task_get_task_data (run->task));
  if (run->ok)
    g_task_return_boolean (run->task, TRUE);
  else
    g_task_return_error (run->task, run->error);
  g_object_unref (run->task);
  g_free (run);
  return G_SOURCE_REMOVE;
}

static gpointer
thread_main (gpointer data)
{
  Run *run = data;
  GMainContext *context = g_task_get_context (run->task);
  GSource *idle;

  run->ok = run->func (run->task, g_task_get_task_data (run->task),
                       g_task_get_cancellable (run->task), &run->error);
  if (!run->ok && run->error == NULL)
    g_set_error_literal (&run->error, G_IO_ERROR, G_IO_ERROR_FAILED, "The work failed");
  /* From here on the thread touches nothing: run belongs to the idle. */
  idle = g_idle_source_new ();
  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, complete_on_main, run, NULL);
  g_source_attach (idle, context);
  g_source_unref (idle);
  return NULL;
}

void
cf_task_run_in_joined_thread (GTask            *task,
                              CfThreadFunc      func,
                              CfThreadDoneFunc  done)
{
  Run *run;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  run = g_new0 (Run, 1);
  run->task = g_object_ref (task);
  run->func = func;
  run->done = done;
  g_mutex_init (&run->lock);
  /* The thread may be done before g_thread_new returns. */
  g_mutex_lock (&run->lock);
  run->thread = g_thread_new ("casefile-work", thread_main, run);
  g_mutex_unlock (&run->lock);
}
