/* cf-thread.h — running long work (an import, a reading run) in a thread
 * of its own for a GTask.
 *
 * g_task_run_in_thread() completes the task while the pool's thread still
 * holds it: the last reference to the task, and through it to the case,
 * may then be dropped in that thread, after the caller has moved on — and
 * a command-line tool that returns from main() at that moment exits with
 * the case never closed (its lock file still naming it, so the next open
 * says the case was not closed cleanly). Here the task completes only
 * after the thread has ended: the thread keeps no references of its own.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The work, run in the new thread; returns FALSE with error set on
 * failure. */
typedef gboolean (*CfThreadFunc) (GTask         *task,
                                  gpointer       task_data,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* Called in the task's context after the thread has ended, before the
 * task returns (to hand over what the thread left queued). */
typedef void     (*CfThreadDoneFunc) (GTask    *task,
                                      gpointer  task_data);

/* Runs func in a new thread, then — in the task's main context, once the
 * thread has been joined — calls done (when not NULL) and returns func's
 * result through task (a boolean or the error). Takes a reference to task
 * until then. */
void cf_task_run_in_joined_thread (GTask            *task,
                                   CfThreadFunc      func,
                                   CfThreadDoneFunc  done);

G_END_DECLS
