/* cf-extraction.c — running casefile-extract over the pending documents,
 * several at a time, each under limits (see cf-extraction.h). Results are
 * applied one by one in this thread, through an intake so that children
 * are imported, batched and crash-safe like any other import. */
#define G_LOG_DOMAIN "casefile-core"

#include "config.h"

#include "cf-extraction-private.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cf-case-private.h"
#include "cf-thread.h"
#include "cf-custody.h"
#include "cf-db.h"
#include "cf-error.h"
#include "cf-fsutil.h"

#define PROGRESS_INTERVAL_USEC (100 * 1000)

struct _CfExtractor
{
  GObject parent_instance;

  CfCase *kase;
  CfExtractionLimits limits;
  CfExtractionProgressFunc progress_func;
  gpointer progress_data;
  CfImportItemFunc item_func;
  gpointer item_data;
  char *helper;
  CfExtractionProgress totals;
  char *current;
  gint64 last_progress;
};

G_DEFINE_FINAL_TYPE (CfExtractor, cf_extractor, G_TYPE_OBJECT)

/* What the forked child applies to itself before exec: only
 * async-signal-safe calls here. */
typedef struct
{
  struct rlimit memory;
  struct rlimit file_size;
  char *stderr_path;
} ChildLimits;

typedef struct
{
  gint64 document_id;
  char *name;
  char *source;
  char *out_dir;
  gint64 started;
} Job;

/* One casefile-extract process reading documents one after another. */
typedef struct
{
  GPid pid;
  int fd;                  /* our end of its stdin/stdout socket */
  char *root;              /* the only folder it may write */
  ChildLimits child;
  guint n_done;
  Job *job;
  GString *line;
} Worker;

/* A helper process is replaced after this many documents, which bounds
 * what a slow leak in a parser library can grow to. */
#define DOCUMENTS_PER_HELPER 500

static void
job_free (Job *job)
{
  if (job == NULL)
    return;
  if (job->out_dir != NULL)
    cf_remove_tree (job->out_dir);
  g_free (job->name);
  g_free (job->source);
  g_free (job->out_dir);
  g_free (job);
}

static void
cf_extractor_finalize (GObject *object)
{
  CfExtractor *self = (CfExtractor *)object;

  g_clear_object (&self->kase);
  g_free (self->current);
  g_free (self->helper);
  G_OBJECT_CLASS (cf_extractor_parent_class)->finalize (object);
}

static void
cf_extractor_class_init (CfExtractorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cf_extractor_finalize;
}

static void
cf_extractor_init (CfExtractor *self)
{
  cf_extractor_get_default_limits (&self->limits);
}

void
cf_extractor_get_default_limits (CfExtractionLimits *limits)
{
  limits->max_jobs = 0;
  /* Poppler on a 1,000-page scan needs hundreds of MiB; 2 GiB of address
   * space leaves room and still stops a runaway parser. */
  limits->max_memory = G_GUINT64_CONSTANT (2) * 1024 * 1024 * 1024;
  limits->max_cpu_seconds = 120;
  limits->max_wall_seconds = 300;
  limits->max_text = 64 * 1024 * 1024;
  limits->max_output = G_GUINT64_CONSTANT (16) * 1024 * 1024 * 1024;
}

CfExtractor *
cf_extractor_new (CfCase *kase)
{
  CfExtractor *self;

  g_return_val_if_fail (CF_IS_CASE (kase), NULL);
  self = g_object_new (CF_TYPE_EXTRACTOR, NULL);
  self->kase = g_object_ref (kase);
  return self;
}

void
cf_extractor_set_limits (CfExtractor              *self,
                         const CfExtractionLimits *limits)
{
  g_return_if_fail (CF_IS_EXTRACTOR (self));
  self->limits = *limits;
}

void
cf_extractor_set_progress_func (CfExtractor              *self,
                                CfExtractionProgressFunc  func,
                                gpointer                  user_data)
{
  g_return_if_fail (CF_IS_EXTRACTOR (self));
  self->progress_func = func;
  self->progress_data = user_data;
}

void
cf_extractor_set_helper (CfExtractor *self,
                         const char  *path)
{
  g_return_if_fail (CF_IS_EXTRACTOR (self));
  g_free (self->helper);
  self->helper = g_strdup (path);
}

void
cf_extractor_set_item_func (CfExtractor      *self,
                            CfImportItemFunc  func,
                            gpointer          user_data)
{
  g_return_if_fail (CF_IS_EXTRACTOR (self));
  self->item_func = func;
  self->item_data = user_data;
}

const CfExtractionProgress *
cf_extractor_get_totals (CfExtractor *self)
{
  g_return_val_if_fail (CF_IS_EXTRACTOR (self), NULL);
  return &self->totals;
}

char *
cf_extractor_find_helper (void)
{
  const char *env = g_getenv ("CASEFILE_EXTRACT");
  g_autofree char *self_exe = NULL;

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe != NULL && g_str_has_prefix (self_exe, CASEFILE_BUILD_ROOT "/"))
    return g_build_filename (CASEFILE_BUILD_ROOT, "src", "extract", "casefile-extract", NULL);
  return g_build_filename (LIBEXECDIR, "casefile-extract", NULL);
}

static void
emit_progress (CfExtractor *self,
               gboolean     force)
{
  gint64 now = g_get_monotonic_time ();

  if (self->progress_func == NULL || (!force && now - self->last_progress < PROGRESS_INTERVAL_USEC))
    return;
  self->last_progress = now;
  self->totals.current = self->current;
  self->progress_func (&self->totals, self->progress_data);
}

static void
apply_limits (gpointer data)
{
  ChildLimits *l = data;
  struct rlimit none = { 0, 0 };
  int fd;

#ifndef __SANITIZE_ADDRESS__
  /* AddressSanitizer reserves terabytes of address space; sanitizer builds
   * (tests only) do without this limit. */
  setrlimit (RLIMIT_AS, &l->memory);
#endif
  setrlimit (RLIMIT_FSIZE, &l->file_size);
  setrlimit (RLIMIT_CORE, &none);
  /* If we are killed, our readers go with us rather than write into a
   * folder the next open is cleaning. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  fd = open (l->stderr_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd >= 0)
    dup2 (fd, STDERR_FILENO);
}

static void
worker_stop (Worker *w,
             int    *status)
{
  int ignored;

  if (w->pid > 0)
    {
      kill (w->pid, SIGKILL);
      waitpid (w->pid, status ? status : &ignored, 0);
      g_spawn_close_pid (w->pid);
      w->pid = 0;
    }
  if (w->fd >= 0)
    close (w->fd);
  w->fd = -1;
  g_string_truncate (w->line, 0);
}

static void
worker_clear (Worker *w)
{
  worker_stop (w, NULL);
  job_free (g_steal_pointer (&w->job));
  if (w->root != NULL)
    cf_remove_tree (w->root);
  g_clear_pointer (&w->root, g_free);
  g_clear_pointer (&w->child.stderr_path, g_free);
  g_string_free (w->line, TRUE);
}

/* Ends a helper that is done or being replaced: closing its input lets it
 * exit on its own. */
static void
worker_retire (Worker *w)
{
  int status;

  if (w->fd >= 0)
    close (w->fd);
  w->fd = -1;
  if (w->pid > 0)
    {
      waitpid (w->pid, &status, 0);
      g_spawn_close_pid (w->pid);
      w->pid = 0;
    }
}

static gboolean
worker_start (CfExtractor  *self,
              Worker       *w,
              const char   *helper,
              const char   *tmp_dir,
              GError      **error)
{
  g_autofree char *max_text = g_strdup_printf ("%" G_GUINT64_FORMAT, self->limits.max_text);
  g_autofree char *max_cpu = g_strdup_printf ("%u", self->limits.max_cpu_seconds);
  g_auto(GStrv) env = g_get_environ ();
  int fds[2];
  const char *argv[] = {
    helper, "--batch", "--root", NULL, "--max-cpu", max_cpu, "--max-text", max_text, NULL
  };

  if (w->root == NULL)
    {
      /* In the case's tmp/ so that children can be renamed into the store;
       * a crash leaves it to the next open's clean-up. */
      w->root = g_build_filename (tmp_dir, "extract-XXXXXX", NULL);
      if (g_mkdtemp_full (w->root, 0700) == NULL)
        {
          cf_set_error_from_errno (error, errno, "Could not create a folder in %s", tmp_dir);
          g_clear_pointer (&w->root, g_free);
          return FALSE;
        }
      w->child.stderr_path = g_build_filename (w->root, "stderr.txt", NULL);
    }
  argv[3] = w->root;
  w->child.memory.rlim_cur = w->child.memory.rlim_max = self->limits.max_memory;
  w->child.file_size.rlim_cur = w->child.file_size.rlim_max = self->limits.max_output;

  /* A socket rather than pipes: writing to a helper that just died gives
   * EPIPE with MSG_NOSIGNAL instead of a SIGPIPE that would kill us. */
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      cf_set_error_from_errno (error, errno, "Could not talk to the document reader");
      return FALSE;
    }
  /* The helper's own warnings are its business, not fatal. */
  env = g_environ_unsetenv (env, "G_DEBUG");
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  if (!g_spawn_async_with_fds (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD,
                               apply_limits, &w->child, &w->pid, fds[1], fds[1], -1, error))
    {
      g_prefix_error (error, "Could not start the document reader %s: ", helper);
      close (fds[0]);
      close (fds[1]);
      return FALSE;
    }
  close (fds[1]);
  w->fd = fds[0];
  w->n_done = 0;
  return TRUE;
}

static gboolean
worker_give (Worker     *w,
             Job        *job,
             const char *object_path,
             const char *mime_type,
             GError    **error)
{
  g_autofree char *line = NULL;
  gsize len;

  job->out_dir = g_strdup_printf ("%s/doc-%" G_GINT64_FORMAT, w->root, job->document_id);
  if (mkdir (job->out_dir, 0700) != 0 && errno != EEXIST)
    {
      cf_set_error_from_errno (error, errno, "Could not create %s", job->out_dir);
      return FALSE;
    }
  line = g_strdup_printf ("%s\t%s\t%s\t%s\n", job->out_dir, mime_type, job->name, object_path);
  len = strlen (line);
  job->started = g_get_monotonic_time ();
  w->job = job;
  /* If the helper died, the poll loop sees it and records the failure. */
  if (send (w->fd, line, len, MSG_NOSIGNAL) != (gssize) len)
    g_debug ("The document reader did not take a job: %s", g_strerror (errno));
  return TRUE;
}

static char *
stderr_tail (Worker *w)
{
  g_autofree char *text = NULL;
  gsize len = 0;

  if (!g_file_get_contents (w->child.stderr_path, &text, &len, NULL) || len == 0)
    return NULL;
  if (len > 300)
    {
      char *tail = g_utf8_make_valid (text + len - 300, 300);

      g_free (text);
      text = tail;
    }
  return g_strstrip (g_utf8_make_valid (text, -1));
}

/* Why a helper did not finish a document, in words for the user. */
static char *
describe_failure (CfExtractor *self,
                  Worker      *w,
                  gboolean     timed_out,
                  int          status)
{
  g_autofree char *tail = stderr_tail (w);
  gboolean memory = tail && (strstr (tail, "failed to allocate") || strstr (tail, "out of memory") ||
                             strstr (tail, "bad_alloc") || strstr (tail, "Cannot allocate"));

  if (timed_out)
    return g_strdup_printf ("the reader took longer than %u s and was stopped",
                            self->limits.max_wall_seconds);
  if (memory)
    return g_strdup_printf ("the reader needed more than %" G_GUINT64_FORMAT " MiB of memory",
                            self->limits.max_memory / (1024 * 1024));
  if (WIFSIGNALED (status))
    {
      int sig = WTERMSIG (status);

      if (sig == SIGXCPU)
        return g_strdup_printf ("the reader used more than %u s of CPU time",
                                self->limits.max_cpu_seconds);
      if (sig == SIGXFSZ)
        return g_strdup ("the reader's output grew beyond the limit");
      return g_strdup_printf ("the reader crashed (%s)", g_strsignal (sig));
    }
  if (WIFEXITED (status))
    return g_strdup_printf ("the reader failed (exit %d)%s%s", WEXITSTATUS (status),
                            tail ? ": " : "", tail ? tail : "");
  return g_strdup ("the reader failed");
}

typedef struct
{
  gint64 id;
  char *sha;
  char *mime;
  char *name;
  char *source;
} Pending;

static void
pending_free (Pending *p)
{
  g_free (p->sha);
  g_free (p->mime);
  g_free (p->name);
  g_free (p->source);
  g_free (p);
}

/* The next documents waiting to be read, not already being read. */
static GPtrArray *
next_pending (sqlite3     *db,
              GHashTable  *in_flight,
              guint        want,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *batch = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  gboolean has_row;

  stmt = cf_db_prepare (db,
                        "SELECT id, sha256, mime_type, name, source FROM documents "
                        "WHERE text_status = 'pending' AND sha256 IS NOT NULL ORDER BY id LIMIT ?",
                        error);
  if (stmt == NULL)
    {
      g_ptr_array_unref (batch);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, want + g_hash_table_size (in_flight));
  for (;;)
    {
      Pending *p;
      gint64 id;

      if (!cf_db_step (db, stmt, &has_row, error))
        {
          g_ptr_array_unref (batch);
          return NULL;
        }
      if (!has_row || batch->len >= want)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      if (g_hash_table_contains (in_flight, &id))
        continue;
      p = g_new0 (Pending, 1);
      p->id = id;
      p->sha = cf_db_column_dup (stmt, 1);
      p->mime = cf_db_column_dup (stmt, 2);
      p->name = cf_db_column_dup (stmt, 3);
      p->source = cf_db_column_dup (stmt, 4);
      g_ptr_array_add (batch, p);
    }
  return batch;
}

static void
on_child_item (const CfImportItem *item,
               gpointer            user_data)
{
  CfExtractor *self = user_data;

  /* Children join the work: they will be read in their turn. */
  if (item->outcome == CF_IMPORT_IMPORTED || item->outcome == CF_IMPORT_DUPLICATE)
    self->totals.n_total++;
  if (self->item_func != NULL)
    self->item_func (item, self->item_data);
}

static gboolean
finish_job (CfExtractor           *self,
            CfIntake              *intake,
            Job                   *job,
            const char            *failure,
            const CfImportLimits  *import_limits,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(GArray) present = NULL;
  gboolean ok;

  /* The document may have been removed from the case while it was read:
   * under the write lock the batch takes, it either is still there for the
   * whole of what follows, or its result is dropped. */
  if (!cf_intake_begin (intake, error))
    return FALSE;
  present = cf_db_query_ids (cf_intake_get_db (intake), "SELECT id FROM documents WHERE id = ?1",
                             job->document_id, error);
  if (present == NULL)
    return FALSE;
  if (present->len == 0)
    {
      self->totals.n_done++;
      return cf_intake_commit (intake, FALSE, error);
    }

  if (failure == NULL)
    {
      guint n_children = 0;

      ok = cf_extraction_apply (intake, job->document_id, job->name, job->source, 0,
                                job->out_dir, self->limits.max_text, import_limits,
                                &n_children, cancellable, error);
    }
  else
    {
      ok = cf_extraction_record_failure (intake, job->document_id, failure, error);
      self->totals.n_failed++;
    }
  self->totals.n_done++;
  return ok && cf_intake_commit (intake, FALSE, error);
}

/* Reads what a worker said; TRUE when its current job is done. FALSE with
 * *dead when the helper is gone. */
static gboolean
worker_read (Worker   *w,
             gboolean *dead)
{
  char buf[256];
  gssize n = recv (w->fd, buf, sizeof buf, MSG_DONTWAIT);

  *dead = FALSE;
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
    {
      *dead = TRUE;
      return FALSE;
    }
  if (n > 0)
    g_string_append_len (w->line, buf, n);
  if (strstr (w->line->str, "done\n") != NULL)
    {
      g_string_truncate (w->line, 0);
      return TRUE;
    }
  /* Anything else on the line is not our protocol: treat as dead. */
  if (w->line->len > 64)
    *dead = TRUE;
  return FALSE;
}

static guint
count_unread (sqlite3 *db)
{
  return cf_db_query_int64 (db, "SELECT count(*) FROM documents WHERE text_status = 'pending' "
                                "AND sha256 IS NOT NULL", 0);
}

gboolean
cf_extractor_run (CfExtractor   *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *helper = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autoptr(GHashTable) in_flight = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) run_error = NULL;
  g_autofree Worker *workers = NULL;
  const char *paths[] = { "(reading documents)", NULL };
  CfImportLimits import_limits;
  CfIntake *intake;
  guint n_workers;
  gboolean ok = TRUE;

  g_return_val_if_fail (CF_IS_EXTRACTOR (self), FALSE);

  helper = self->helper ? g_strdup (self->helper) : cf_extractor_find_helper ();
  if (!g_file_test (helper, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_UNSUPPORTED,
                   "The document reader (%s) is missing; reinstall Casefile", helper);
      return FALSE;
    }
  n_workers = self->limits.max_jobs > 0 ? self->limits.max_jobs : MAX (1, g_get_num_processors ());
  cf_importer_get_default_limits (&import_limits);
  tmp_dir = g_build_filename (cf_case_get_path (self->kase), "tmp", NULL);

  memset (&self->totals, 0, sizeof self->totals);
  /* Counted on a connection of the run's own: the app starts runs from a
   * worker thread while its main thread uses the case's connection. */
  {
    sqlite3 *db = cf_case_open_worker_db (self->kase, error);

    if (db == NULL)
      return FALSE;
    self->totals.n_total = count_unread (db);
    cf_db_close (db);
  }
  emit_progress (self, TRUE);
  if (self->totals.n_total == 0)
    return TRUE;

  intake = cf_intake_new (self->kase, paths, on_child_item, self, error);
  if (intake == NULL)
    return FALSE;

  workers = g_new0 (Worker, n_workers);
  for (guint i = 0; i < n_workers; i++)
    {
      workers[i].fd = -1;
      workers[i].line = g_string_new (NULL);
    }

  while (ok)
    {
      struct pollfd fds[64];
      guint busy = 0;
      int timeout_ms = 200;

      if (g_cancellable_set_error_if_cancelled (cancellable, &run_error))
        {
          ok = FALSE;
          break;
        }

      /* Give every idle worker the next document. */
      for (guint i = 0; ok && i < n_workers; i++)
        {
          Worker *w = &workers[i];
          g_autoptr(GPtrArray) next = NULL;
          Pending *p;
          Job *job;
          g_autofree char *object = NULL;

          if (w->job != NULL)
            continue;
          next = next_pending (cf_intake_get_db (intake), in_flight, 1, &run_error);
          if (next == NULL)
            {
              ok = FALSE;
              break;
            }
          if (next->len == 0)
            break;
          if (w->pid > 0 && w->n_done >= DOCUMENTS_PER_HELPER)
            worker_retire (w);
          if (w->pid == 0 && !worker_start (self, w, helper, tmp_dir, &run_error))
            {
              ok = FALSE;
              break;
            }
          p = g_ptr_array_index (next, 0);
          job = g_new0 (Job, 1);
          job->document_id = p->id;
          job->name = g_strdup (p->name);
          job->source = g_strdup (p->source);
          object = cf_object_store_path (cf_intake_get_store (intake), p->sha);
          if (!worker_give (w, job, object, p->mime, &run_error))
            {
              job_free (job);
              ok = FALSE;
              break;
            }
          g_hash_table_add (in_flight, g_memdup2 (&p->id, sizeof p->id));
          g_free (self->current);
          self->current = g_strdup (p->source);
        }
      if (!ok)
        break;

      for (guint i = 0; i < n_workers && busy < G_N_ELEMENTS (fds); i++)
        if (workers[i].job != NULL)
          {
            gint64 left = workers[i].job->started +
                          (gint64) self->limits.max_wall_seconds * G_USEC_PER_SEC -
                          g_get_monotonic_time ();

            fds[busy].fd = workers[i].fd;
            fds[busy].events = POLLIN;
            fds[busy].revents = 0;
            busy++;
            timeout_ms = MIN (timeout_ms, MAX (0, left / 1000));
          }
      if (busy == 0)
        break;

      if (poll (fds, busy, timeout_ms) < 0 && errno != EINTR)
        {
          cf_set_error_from_errno (&run_error, errno, "Could not wait for the document readers");
          ok = FALSE;
          break;
        }

      for (guint i = 0; ok && i < n_workers; i++)
        {
          Worker *w = &workers[i];
          g_autofree char *failure = NULL;
          gboolean dead = FALSE, finished;
          Job *job;

          if (w->job == NULL)
            continue;
          finished = worker_read (w, &dead);
          if (!finished && !dead &&
              g_get_monotonic_time () - w->job->started >
              (gint64) self->limits.max_wall_seconds * G_USEC_PER_SEC)
            {
              worker_stop (w, NULL);
              failure = describe_failure (self, w, TRUE, 0);
            }
          else if (dead)
            {
              int status = 0;

              worker_stop (w, &status);
              failure = describe_failure (self, w, FALSE, status);
            }
          else if (!finished)
            continue;
          else
            w->n_done++;

          job = g_steal_pointer (&w->job);
          g_hash_table_remove (in_flight, &job->document_id);
          ok = finish_job (self, intake, job, failure, &import_limits, cancellable, &run_error);
          job_free (job);
        }
      if (ok)
        ok = cf_intake_commit (intake, FALSE, &run_error);
      emit_progress (self, FALSE);
    }

  for (guint i = 0; i < n_workers; i++)
    worker_clear (&workers[i]);
  g_clear_pointer (&self->current, g_free);
  {
    g_autofree char *counts = g_strdup_printf ("read %" G_GUINT64_FORMAT ", failed %" G_GUINT64_FORMAT,
                                               self->totals.n_done, self->totals.n_failed);
    g_autoptr(GError) finish_error = NULL;

    if (ok)
      ok = cf_intake_finish (intake, "completed", counts, &run_error);
    if (ok)
      cf_intake_tidy_search (intake, self->totals.n_done + self->totals.n_failed, cancellable);
    else if (!cf_intake_finish (intake,
                                g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                ? "cancelled" : "failed",
                                counts, &finish_error))
      g_debug ("Could not close the reading run: %s", finish_error->message);
  }
  cf_intake_free (intake);
  emit_progress (self, TRUE);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&run_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_in_thread (GTask         *task,
               gpointer       task_data,
               GCancellable  *cancellable,
               GError       **error)
{
  return cf_extractor_run (CF_EXTRACTOR (g_task_get_source_object (task)), cancellable, error);
}

void
cf_extractor_run_async (CfExtractor         *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CF_IS_EXTRACTOR (self));
  /* The progress function is called in the worker thread; callers that
   * need the main thread hand it over themselves (as the app does). */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cf_extractor_run_async);
  cf_task_run_in_joined_thread (task, run_in_thread, NULL);
}

gboolean
cf_extractor_run_finish (CfExtractor   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
cf_case_mark_for_reading (CfCase        *self,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autofree char *details = NULL;
  g_autofree char *count = NULL;

  g_return_val_if_fail (CF_IS_CASE (self), FALSE);

  if (!cf_case_require_writable (self, error))
    return FALSE;
  db = cf_case_get_db (self);
  count = n_ids ? g_strdup_printf ("%u", n_ids) : g_strdup ("all");
  details = cf_custody_details ("documents", count, NULL);
  if (!cf_db_begin (db, error))
    return FALSE;
  mark = cf_db_prepare (db,
                        n_ids ? "UPDATE documents SET text_status = 'pending' "
                                "WHERE id = ? AND sha256 IS NOT NULL"
                              : "UPDATE documents SET text_status = 'pending' WHERE sha256 IS NOT NULL",
                        error);
  if (mark == NULL)
    goto fail;
  if (n_ids == 0 && !cf_db_step_done (db, mark, error))
    goto fail;
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(CfDocument) doc = cf_case_get_document (self, ids[i], error);

      if (doc == NULL)
        goto fail;
      sqlite3_reset (mark);
      sqlite3_bind_int64 (mark, 1, ids[i]);
      if (!cf_db_step_done (db, mark, error))
        goto fail;
    }
  if (!cf_custody_append (db, "extract-again", 0, 0, details, error) || !cf_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  cf_db_rollback (db);
  return FALSE;
}

guint
cf_case_count_unread (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), 0);
  return count_unread (cf_case_get_db (self));
}

static char *
dup_extraction_column (CfCase      *self,
                       const char  *column,
                       gint64       document_id,
                       GError     **error)
{
  sqlite3 *db = cf_case_get_db (self);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM extractions WHERE document_id = ?", column);
  g_autoptr(sqlite3_stmt) stmt = cf_db_prepare (db, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!cf_db_step (db, stmt, &has_row, error) || !has_row)
    return NULL;
  return cf_db_column_dup (stmt, 0);
}

char *
cf_case_dup_document_text (CfCase  *self,
                           gint64   document_id,
                           GError **error)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return dup_extraction_column (self, "text", document_id, error);
}

char *
cf_case_dup_document_metadata (CfCase  *self,
                               gint64   document_id,
                               GError **error)
{
  char *metadata;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  metadata = dup_extraction_column (self, "metadata", document_id, error);
  return metadata ? metadata : g_strdup ("{}");
}
