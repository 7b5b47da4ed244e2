/* cf-importer.c — walking what the user picked and importing each file
 * (see cf-importer.h). The walk (cf-import-walk.c) lists the work first so
 * progress knows the totals; then each file is streamed into the store,
 * recorded, and expanded when it is an archive. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-importer.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cf-archive-expander.h"
#include "cf-case-private.h"
#include "cf-error.h"
#include "cf-fsutil.h"
#include "cf-import-walk.h"
#include "cf-intake.h"
#include "cf-mime.h"
#include "cf-thread.h"

#define PROGRESS_INTERVAL_USEC (100 * 1000)

struct _CfImporter
{
  GObject parent_instance;

  CfCase *kase;
  CfImportLimits limits;

  CfImportItemFunc item_func;
  gpointer item_data;
  CfImportProgressFunc progress_func;
  gpointer progress_data;

  CfImportProgress totals;
  char *current;
  gint64 last_progress;
};

G_DEFINE_FINAL_TYPE (CfImporter, cf_importer, G_TYPE_OBJECT)

static void
cf_importer_finalize (GObject *object)
{
  CfImporter *self = (CfImporter *)object;

  g_clear_object (&self->kase);
  g_free (self->current);
  G_OBJECT_CLASS (cf_importer_parent_class)->finalize (object);
}

static void
cf_importer_class_init (CfImporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cf_importer_finalize;
}

static void
cf_importer_init (CfImporter *self)
{
  cf_importer_get_default_limits (&self->limits);
}

void
cf_importer_get_default_limits (CfImportLimits *limits)
{
  /* Generous enough for real client archives (tens of GB of scans, highly
   * compressible logs), tight enough that a bomb stops long before the
   * disk fills. */
  limits->max_expanded_bytes = G_GUINT64_CONSTANT (64) * 1024 * 1024 * 1024;
  limits->max_ratio = 200;
  limits->min_ratio_bytes = 256 * 1024 * 1024;
  limits->max_members = 200000;
  limits->max_depth = 8;
}

CfImporter *
cf_importer_new (CfCase *kase)
{
  CfImporter *self;

  g_return_val_if_fail (CF_IS_CASE (kase), NULL);

  self = g_object_new (CF_TYPE_IMPORTER, NULL);
  self->kase = g_object_ref (kase);
  return self;
}

void
cf_importer_set_limits (CfImporter           *self,
                        const CfImportLimits *limits)
{
  g_return_if_fail (CF_IS_IMPORTER (self));
  self->limits = *limits;
  if (self->limits.max_depth == 0)
    self->limits.max_depth = 1;
}

void
cf_importer_set_item_func (CfImporter       *self,
                           CfImportItemFunc  func,
                           gpointer          user_data)
{
  g_return_if_fail (CF_IS_IMPORTER (self));
  self->item_func = func;
  self->item_data = user_data;
}

void
cf_importer_set_progress_func (CfImporter           *self,
                               CfImportProgressFunc  func,
                               gpointer              user_data)
{
  g_return_if_fail (CF_IS_IMPORTER (self));
  self->progress_func = func;
  self->progress_data = user_data;
}

const CfImportProgress *
cf_importer_get_totals (CfImporter *self)
{
  g_return_val_if_fail (CF_IS_IMPORTER (self), NULL);
  return &self->totals;
}

static void
emit_progress (CfImporter *self,
               gboolean    force)
{
  gint64 now = g_get_monotonic_time ();

  if (self->progress_func == NULL)
    return;
  if (!force && now - self->last_progress < PROGRESS_INTERVAL_USEC)
    return;
  self->last_progress = now;
  self->totals.current = self->current;
  self->progress_func (&self->totals, self->progress_data);
}

/* Every committed item passes here on its way to the caller. */
static void
on_item_committed (const CfImportItem *item,
                   gpointer            user_data)
{
  CfImporter *self = user_data;

  self->totals.n_items++;
  switch (item->outcome)
    {
    case CF_IMPORT_IMPORTED:
      self->totals.n_imported++;
      break;
    case CF_IMPORT_DUPLICATE:
      self->totals.n_duplicates++;
      break;
    case CF_IMPORT_SKIPPED:
      self->totals.n_skipped++;
      break;
    case CF_IMPORT_FAILED:
    default:
      self->totals.n_failed++;
      break;
    }
  if (self->item_func)
    self->item_func (item, self->item_data);
  emit_progress (self, FALSE);
}

static gboolean
on_bytes (gpointer   data,
          gsize      n,
          GError   **error)
{
  CfImporter *self = data;

  self->totals.bytes_done += n;
  emit_progress (self, FALSE);
  return TRUE;
}

static void
on_member (gpointer    data,
           const char *source)
{
  CfImporter *self = data;

  self->totals.n_items_total++;
  g_free (self->current);
  self->current = g_strdup (source);
}

typedef struct
{
  int fd;
  GCancellable *cancellable;
  CfImporter *self;
} FileReader;

static gssize
read_file (gpointer   data,
           void      *buffer,
           gsize      len,
           GError   **error)
{
  FileReader *reader = data;

  for (;;)
    {
      gssize n = read (reader->fd, buffer, len);

      if (n >= 0)
        return n;
      if (errno == EINTR)
        continue;
      cf_set_error_from_errno (error, errno, "Could not read the file");
      return -1;
    }
}

static gboolean
on_file_bytes (gpointer   data,
               gsize      n,
               GError   **error)
{
  FileReader *reader = data;

  if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
    return FALSE;
  return on_bytes (reader->self, n, error);
}

static gboolean
same_file_state (const struct stat *a,
                 const struct stat *b)
{
  return a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
         a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec &&
         a->st_ino == b->st_ino && a->st_dev == b->st_dev;
}

static gboolean
expand_if_archive (CfImporter    *self,
                   CfIntake      *intake,
                   gint64         id,
                   const char    *source,
                   const char    *sha,
                   guint64        size,
                   GCancellable  *cancellable,
                   GError       **error)
{
  CfExpansionBudget budget = { 0 };
  g_autofree char *path = cf_object_store_path (cf_intake_get_store (intake), sha);
  gboolean ok;

  budget.limits = &self->limits;
  budget.on_bytes = on_bytes;
  budget.on_bytes_data = self;
  budget.on_member = on_member;
  ok = cf_archive_expand (intake, id, source, path, size, 0, &budget, cancellable, error);
  cf_expansion_budget_clear (&budget);
  return ok;
}

/* Imports one regular file. Returns FALSE only when the run must stop. */
static gboolean
import_file (CfImporter     *self,
             CfIntake       *intake,
             CfWalkEntry    *entry,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(CfObjectWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *mime_warning = NULL;
  g_autofree char *modified = NULL;
  g_autofree char *present_expansion = NULL;
  guint8 head[CF_MIME_HEAD_SIZE];
  gsize head_len = 0;
  struct stat before, after;
  FileReader reader = { -1, cancellable, self };
  CfIntakeRecord record = { 0 };
  CfCopyResult result;
  gint64 present;
  gint64 id;
  int flags;

  g_free (self->current);
  self->current = g_strdup (entry->source);
  emit_progress (self, FALSE);

  /* O_NONBLOCK: if the file was swapped for a FIFO since the walk, opening
   * must not hang; O_NOFOLLOW: nor may it have become a link. */
  reader.fd = open (entry->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (reader.fd < 0)
    {
      int saved = errno;
      g_autofree char *reason = saved == ENOENT
        ? g_strdup ("The file disappeared before it could be read")
        : g_strdup_printf ("Could not open the file: %s", g_strerror (saved));

      return cf_intake_note (intake, CF_IMPORT_FAILED, 0, 0, entry->source, reason, error);
    }
  if (fstat (reader.fd, &before) != 0 || !S_ISREG (before.st_mode))
    {
      close (reader.fd);
      return cf_intake_note (intake, CF_IMPORT_SKIPPED, 0, 0, entry->source,
                             "Not a regular file any more", error);
    }
  flags = fcntl (reader.fd, F_GETFL);
  if (flags >= 0)
    fcntl (reader.fd, F_SETFL, flags & ~O_NONBLOCK);
  posix_fadvise (reader.fd, 0, 0, POSIX_FADV_SEQUENTIAL);

  writer = cf_object_writer_new (cf_intake_get_store (intake), error);
  if (writer == NULL)
    {
      close (reader.fd);
      return FALSE;
    }
  result = cf_intake_copy (intake, writer, read_file, &reader, on_file_bytes, &reader,
                           head, &head_len, &local_error);
  if (result == CF_COPY_OK && fstat (reader.fd, &after) != 0)
    after = before;
  close (reader.fd);

  switch (result)
    {
    case CF_COPY_OK:
      break;
    case CF_COPY_SOURCE_ERROR:
      return cf_intake_note (intake, CF_IMPORT_FAILED, 0, 0, entry->source,
                             local_error->message, error);
    case CF_COPY_CASE_ERROR:
    case CF_COPY_STOPPED:
    default:
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!same_file_state (&before, &after) ||
      cf_object_writer_get_size (writer) != (guint64) before.st_size)
    return cf_intake_note (intake, CF_IMPORT_FAILED, 0, 0, entry->source,
                           "The file changed while it was being read; import it again "
                           "once nothing is writing to it", error);

  sha = g_strdup (cf_object_writer_commit (writer, NULL, error));
  if (sha == NULL)
    return FALSE;

  present = cf_intake_find_present (intake, 0, 0, entry->source, sha, &present_expansion, NULL,
                                    error);
  if (present < 0)
    return FALSE;
  if (present > 0)
    {
      g_autofree char *reason = g_strdup_printf ("Already in the case as document %" G_GINT64_FORMAT,
                                                 present);

      /* An import killed half-way through an archive left it 'pending':
       * importing it again completes the family. */
      if (g_strcmp0 (present_expansion, "pending") == 0)
        {
          if (!cf_intake_note (intake, CF_IMPORT_SKIPPED, 0, 0, entry->source, reason, error))
            return FALSE;
          return expand_if_archive (self, intake, present, entry->source, sha, before.st_size,
                                    cancellable, error);
        }
      return cf_intake_note (intake, CF_IMPORT_SKIPPED, 0, 0, entry->source, reason, error);
    }

  mime = cf_mime_guess (entry->name, head, head_len, &mime_warning);
  if (entry->warnings != NULL)
    {
      warnings = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < entry->warnings->len; i++)
        g_ptr_array_add (warnings, g_strdup (g_ptr_array_index (entry->warnings, i)));
    }
  if (mime_warning != NULL)
    cf_warnings_add (&warnings, before.st_size == 0 ? "empty" : "type-mismatch", "%s", mime_warning);
  modified = cf_utc_iso_from_unix (before.st_mtim.tv_sec, before.st_mtim.tv_nsec);

  record.raw_name = entry->raw_name;
  record.raw_name_len = strlen (entry->raw_name);
  record.name = entry->name;
  record.name_encoding = entry->name_encoding;
  record.source = entry->source;
  record.modified = modified;
  record.mime_type = mime;
  record.sha256 = sha;
  record.size = before.st_size;
  record.status = CF_STATUS_OK;
  record.is_container = cf_mime_is_expandable (mime);
  record.warnings = warnings;

  id = cf_intake_record (intake, &record, error);
  if (id <= 0)
    return FALSE;
  if (record.is_container &&
      !expand_if_archive (self, intake, id, entry->source, sha, before.st_size, cancellable, error))
    return FALSE;
  return TRUE;
}

static char *
format_counts (const CfImportProgress *t)
{
  return g_strdup_printf ("imported %" G_GUINT64_FORMAT ", duplicates %" G_GUINT64_FORMAT
                          ", skipped %" G_GUINT64_FORMAT ", failed %" G_GUINT64_FORMAT,
                          t->n_imported, t->n_duplicates, t->n_skipped, t->n_failed);
}

gboolean
cf_importer_run (CfImporter          *self,
                 const char * const  *paths,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) run_error = NULL;
  g_autofree char *counts = NULL;
  CfIntake *intake;
  gboolean ok = TRUE;

  g_return_val_if_fail (CF_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);

  memset (&self->totals, 0, sizeof self->totals);
  self->last_progress = 0;

  entries = cf_import_walk (paths, cancellable, error);
  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      CfWalkEntry *entry = g_ptr_array_index (entries, i);

      self->totals.n_items_total++;
      self->totals.bytes_total += entry->size;
    }
  emit_progress (self, TRUE);

  intake = cf_intake_new (self->kase, paths, on_item_committed, self, error);
  if (intake == NULL)
    return FALSE;

  for (guint i = 0; ok && i < entries->len; i++)
    {
      CfWalkEntry *entry = g_ptr_array_index (entries, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, &run_error))
        ok = FALSE;
      else if (entry->outcome != CF_IMPORT_IMPORTED)
        ok = cf_intake_note (intake, entry->outcome, 0, 0, entry->source, entry->reason, &run_error);
      else
        ok = import_file (self, intake, entry, cancellable, &run_error);
      if (ok)
        ok = cf_intake_commit (intake, FALSE, &run_error);
    }

  g_clear_pointer (&self->current, g_free);
  counts = format_counts (&self->totals);
  if (ok)
    ok = cf_intake_finish (intake, "completed", counts, &run_error);
  if (ok)
    cf_intake_tidy_search (intake, self->totals.n_imported + self->totals.n_duplicates, cancellable);
  else
    {
      g_autoptr(GError) finish_error = NULL;
      gboolean cancelled = g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      /* Keep what was committed; close the run so the next open does not
       * treat it as a crash. If even that fails, recovery will. */
      if (!cf_intake_finish (intake, cancelled ? "cancelled" : "failed", counts, &finish_error))
        g_debug ("Could not close the import run: %s", finish_error->message);
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

/* Asynchronous running ---------------------------------------------------
 *
 * The worker thread runs cf_importer_run with callbacks that only queue;
 * one idle source on the caller's context hands the queue over, so the UI
 * gets at most one wake-up per frame however fast items arrive. */

typedef struct
{
  CfImporter *self;
  GStrv paths;
  GMainContext *context;
  GMutex lock;
  GQueue items;            /* CfImportItem copies with owned strings */
  CfImportProgress progress;
  char *progress_current;
  gboolean have_progress;
  GSource *idle;
  CfImportItemFunc item_func;
  gpointer item_data;
  CfImportProgressFunc progress_func;
  gpointer progress_data;
} AsyncRun;

/* An item and the strings it points at, in one allocation's care. */
typedef struct
{
  CfImportItem item;
  char *source;
  char *reason;
} OwnedItem;

CfImportItem *
cf_import_item_copy (const CfImportItem *item)
{
  OwnedItem *owned = g_new0 (OwnedItem, 1);

  owned->item = *item;
  owned->source = g_strdup (item->source);
  owned->reason = g_strdup (item->reason);
  owned->item.source = owned->source;
  owned->item.reason = owned->reason;
  return &owned->item;
}

void
cf_import_item_free (CfImportItem *item)
{
  /* item is the first member of its OwnedItem. */
  OwnedItem *owned = (OwnedItem *) item;

  if (owned == NULL)
    return;
  g_free (owned->source);
  g_free (owned->reason);
  g_free (owned);
}

static void
async_run_free (AsyncRun *run)
{
  g_clear_object (&run->self);
  g_strfreev (run->paths);
  g_queue_clear_full (&run->items, (GDestroyNotify) cf_import_item_free);
  g_free (run->progress_current);
  if (run->idle != NULL)
    {
      g_source_destroy (run->idle);
      g_source_unref (run->idle);
    }
  g_main_context_unref (run->context);
  g_mutex_clear (&run->lock);
  g_free (run);
}

static gboolean
deliver_on_main (gpointer data)
{
  AsyncRun *run = data;
  GQueue items = G_QUEUE_INIT;
  CfImportProgress progress;
  g_autofree char *current = NULL;
  gboolean have_progress;
  CfImportItem *item;

  g_mutex_lock (&run->lock);
  items = run->items;
  g_queue_init (&run->items);
  progress = run->progress;
  current = g_strdup (run->progress_current);
  have_progress = run->have_progress;
  run->have_progress = FALSE;
  if (run->idle != NULL)
    {
      /* Also called directly at the end: the pending idle must not fire. */
      g_source_destroy (run->idle);
      g_clear_pointer (&run->idle, g_source_unref);
    }
  g_mutex_unlock (&run->lock);

  while ((item = g_queue_pop_head (&items)) != NULL)
    {
      if (run->item_func)
        run->item_func (item, run->item_data);
      cf_import_item_free (item);
    }
  if (have_progress && run->progress_func)
    {
      progress.current = current;
      run->progress_func (&progress, run->progress_data);
    }
  return G_SOURCE_REMOVE;
}

/* Called with the lock held. */
static void
schedule_delivery (AsyncRun *run)
{
  if (run->idle != NULL)
    return;
  run->idle = g_idle_source_new ();
  g_source_set_priority (run->idle, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (run->idle, deliver_on_main, run, NULL);
  g_source_attach (run->idle, run->context);
}

static void
queue_item (const CfImportItem *item,
            gpointer            data)
{
  AsyncRun *run = data;
  CfImportItem *copy = cf_import_item_copy (item);

  g_mutex_lock (&run->lock);
  g_queue_push_tail (&run->items, copy);
  schedule_delivery (run);
  g_mutex_unlock (&run->lock);
}

static void
queue_progress (const CfImportProgress *progress,
                gpointer                data)
{
  AsyncRun *run = data;

  g_mutex_lock (&run->lock);
  run->progress = *progress;
  if (g_strcmp0 (run->progress_current, progress->current) != 0)
    {
      g_free (run->progress_current);
      run->progress_current = g_strdup (progress->current);
    }
  run->have_progress = TRUE;
  schedule_delivery (run);
  g_mutex_unlock (&run->lock);
}

static gboolean
run_in_thread (GTask         *task,
               gpointer       task_data,
               GCancellable  *cancellable,
               GError       **error)
{
  AsyncRun *run = task_data;

  return cf_importer_run (run->self, (const char * const *) run->paths, cancellable, error);
}

static void
on_thread_done (GTask    *task,
                gpointer  task_data)
{
  AsyncRun *run = task_data;

  /* Whatever is still queued arrives before the completion. */
  deliver_on_main (run);
  run->self->item_func = run->item_func;
  run->self->item_data = run->item_data;
  run->self->progress_func = run->progress_func;
  run->self->progress_data = run->progress_data;
}

void
cf_importer_run_async (CfImporter          *self,
                       const char * const  *paths,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncRun *run;

  g_return_if_fail (CF_IS_IMPORTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cf_importer_run_async);

  run = g_new0 (AsyncRun, 1);
  run->self = g_object_ref (self);
  run->paths = g_strdupv ((char **) paths);
  run->context = g_main_context_ref_thread_default ();
  g_mutex_init (&run->lock);
  g_queue_init (&run->items);
  run->item_func = self->item_func;
  run->item_data = self->item_data;
  run->progress_func = self->progress_func;
  run->progress_data = self->progress_data;

  /* The worker's callbacks only queue; the originals are restored when
   * the run is over. */
  self->item_func = queue_item;
  self->item_data = run;
  self->progress_func = queue_progress;
  self->progress_data = run;

  g_task_set_task_data (task, run, (GDestroyNotify) async_run_free);
  cf_task_run_in_joined_thread (task, run_in_thread, on_thread_done);
}

gboolean
cf_importer_run_finish (CfImporter    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
