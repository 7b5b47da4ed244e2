/* cf-session.c — an open case: writer, reader, edits and their history
 * (see cf-session.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-session.h"

#include "cf-case-async.h"

/* Enough to undo a long afternoon of tagging; each entry is small. */
#define HISTORY_MAX 500

struct _CfSession
{
  GObject parent_instance;

  CfCase *kase;
  CfCase *reader;
  CfReadPool *read_pool;

  GQueue undo;        /* CfEdit: inverses of what was done, newest first */
  GQueue redo;
  guint n_in_flight;
  gboolean in_history;  /* an undo or redo is running */
};

G_DEFINE_FINAL_TYPE (CfSession, cf_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  DOCUMENTS_CHANGED,
  CLAIMS_CHANGED,
  SAVED_SEARCHES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
cf_session_dispose (GObject *object)
{
  CfSession *self = (CfSession *)object;

  g_queue_clear_full (&self->undo, (GDestroyNotify) cf_edit_unref);
  g_queue_clear_full (&self->redo, (GDestroyNotify) cf_edit_unref);
  g_clear_object (&self->reader);
  g_clear_object (&self->read_pool);
  /* Jobs still queued hold their own reference; the lock goes with the
   * last of them. */
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (cf_session_parent_class)->dispose (object);
}

static void
cf_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CfSession *self = CF_SESSION (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, cf_session_get_busy (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, cf_session_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, cf_session_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cf_session_class_init (CfSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cf_session_dispose;
  object_class->get_property = cf_session_get_property;

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CfSession::documents-changed:
   * @ids: (nullable): a GArray of gint64 document ids, or NULL for all
   */
  signals [DOCUMENTS_CHANGED] =
    g_signal_new ("documents-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);
  signals [CLAIMS_CHANGED] =
    g_signal_new ("claims-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals [SAVED_SEARCHES_CHANGED] =
    g_signal_new ("saved-searches-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cf_session_init (CfSession *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

static void
notify_history (CfSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_REDO]);
}

/* Opening ----------------------------------------------------------------- */

typedef struct
{
  char *path;
  gboolean read_only;
  gboolean create;
  CfCaseSettings settings;
  char *title;
  char *court;
  char *case_number;
  char *prefix;
  CfSessionUpgradingFunc upgrading;
  gpointer user_data;
  GMainContext *context; /* the caller's, for upgrading */
  CfCase *kase;        /* results */
  CfCase *reader;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_free (job->title);
  g_free (job->court);
  g_free (job->case_number);
  g_free (job->prefix);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_object (&job->kase);
  g_clear_object (&job->reader);
  g_free (job);
}

/* In the caller's context; the job (the task's data) lives until the
 * task's callback has run, which comes after this. */
static gboolean
call_upgrading (gpointer data)
{
  OpenJob *job = data;

  job->upgrading (job->user_data);
  return G_SOURCE_REMOVE;
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;

  /* Asked here, not by the caller: it opens the database, and the disk
   * may be slow. The high priority makes it run before the open's result,
   * which the callback's data outlives. */
  if (job->upgrading != NULL && !job->create && !job->read_only && cf_case_needs_upgrade (job->path))
    g_main_context_invoke_full (job->context, G_PRIORITY_HIGH, call_upgrading, job, NULL);
  if (job->create)
    job->kase = cf_case_create (job->path, &job->settings, &error);
  else
    job->kase = cf_case_open (job->path,
                              job->read_only ? CF_CASE_OPEN_READ_ONLY : CF_CASE_OPEN_DEFAULT,
                              &error);
  if (job->kase == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->reader = cf_case_open (job->path, CF_CASE_OPEN_READ_ONLY, &error);
  if (job->reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
start_open (OpenJob             *job,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, start_open);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_in_thread);
}

void
cf_session_open_async (const char             *path,
                       gboolean                read_only,
                       CfSessionUpgradingFunc  upgrading,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  OpenJob *job;

  g_return_if_fail (path != NULL);

  job = g_new0 (OpenJob, 1);
  job->path = g_strdup (path);
  job->read_only = read_only;
  job->upgrading = upgrading;
  job->user_data = user_data;
  job->context = g_main_context_ref_thread_default ();
  start_open (job, cancellable, callback, user_data);
}

void
cf_session_create_async (const char           *path,
                         const CfCaseSettings *settings,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  OpenJob *job;

  g_return_if_fail (path != NULL);
  g_return_if_fail (settings != NULL);

  job = g_new0 (OpenJob, 1);
  job->path = g_strdup (path);
  job->create = TRUE;
  job->settings = *settings;
  job->settings.title = job->title = g_strdup (settings->title);
  job->settings.court = job->court = g_strdup (settings->court);
  job->settings.case_number = job->case_number = g_strdup (settings->case_number);
  job->settings.prefix = job->prefix = g_strdup (settings->prefix);
  start_open (job, cancellable, callback, user_data);
}

static CfSession *
open_finish (GAsyncResult  *result,
             GError       **error)
{
  OpenJob *job;
  CfSession *self;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  job = g_task_get_task_data (G_TASK (result));
  self = g_object_new (CF_TYPE_SESSION, NULL);
  self->kase = g_steal_pointer (&job->kase);
  self->reader = g_steal_pointer (&job->reader);
  /* Two: a search and a preview's reading go on side by side. */
  self->read_pool = cf_read_pool_new (cf_case_get_path (self->reader), 2);
  return self;
}

CfSession *
cf_session_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  return open_finish (result, error);
}

CfSession *
cf_session_create_finish (GAsyncResult  *result,
                          GError       **error)
{
  return open_finish (result, error);
}

CfCase *
cf_session_get_case (CfSession *self)
{
  g_return_val_if_fail (CF_IS_SESSION (self), NULL);
  return self->kase;
}

CfCase *
cf_session_get_reader (CfSession *self)
{
  g_return_val_if_fail (CF_IS_SESSION (self), NULL);
  return self->reader;
}

CfReadPool *
cf_session_get_read_pool (CfSession *self)
{
  g_return_val_if_fail (CF_IS_SESSION (self), NULL);
  return self->read_pool;
}

const char *
cf_session_get_path (CfSession *self)
{
  g_return_val_if_fail (CF_IS_SESSION (self), NULL);
  return cf_case_get_path (self->reader);
}

gboolean
cf_session_get_read_only (CfSession *self)
{
  g_return_val_if_fail (CF_IS_SESSION (self), TRUE);
  return cf_case_get_read_only (self->kase);
}

gboolean
cf_session_get_busy (CfSession *self)
{
  g_return_val_if_fail (CF_IS_SESSION (self), FALSE);
  return self->n_in_flight > 0;
}

/* Applying edits ------------------------------------------------------------ */

typedef enum
{
  APPLY_DO,
  APPLY_UNDO,
  APPLY_REDO,
} ApplyMode;

typedef struct
{
  CfEdit *edit;
  ApplyMode mode;
} ApplyOp;

static void
apply_op_free (ApplyOp *op)
{
  cf_edit_unref (op->edit);
  g_free (op);
}

static gpointer
apply_job (CfCase        *kase,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return cf_edit_apply (data, kase, error);
}

static void
push_bounded (GQueue *queue,
              CfEdit *edit)
{
  g_queue_push_head (queue, edit);
  while (queue->length > HISTORY_MAX)
    cf_edit_unref (g_queue_pop_tail (queue));
}

static void
emit_changes (CfSession *self,
              CfEdit    *edit)
{
  g_autoptr(GArray) ids = cf_edit_get_document_ids (edit);

  /* A removal changes more than the rows it names: their families go,
   * and a duplicate of a removed document becomes the original. */
  if (cf_edit_removes_documents (edit))
    g_signal_emit (self, signals [DOCUMENTS_CHANGED], 0, NULL);
  else if (ids->len > 0)
    g_signal_emit (self, signals [DOCUMENTS_CHANGED], 0, ids);
  if (cf_edit_changes_claims (edit))
    g_signal_emit (self, signals [CLAIMS_CHANGED], 0);
  if (cf_edit_changes_saved_searches (edit))
    g_signal_emit (self, signals [SAVED_SEARCHES_CHANGED], 0);
}

static void
apply_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CfSession *self = g_task_get_source_object (task);
  ApplyOp *op = g_task_get_task_data (task);
  g_autoptr(CfEdit) inverse = NULL;
  GError *error = NULL;

  inverse = cf_case_run_finish (CF_CASE (object), result, &error);
  g_assert (self->n_in_flight > 0);
  self->n_in_flight--;
  if (op->mode != APPLY_DO)
    self->in_history = FALSE;

  if (inverse != NULL)
    {
      if (!cf_edit_is_undoable (op->edit))
        {
          /* Claims or documents came or went: older entries may name a
           * claim or a document that no longer exists, so history starts
           * again from here. */
          if (cf_edit_changes_claims (op->edit) && !cf_edit_get_added_claim (op->edit))
            cf_session_clear_history (self);
        }
      else if (!cf_edit_is_empty (inverse))
        {
          switch (op->mode)
            {
            case APPLY_DO:
              push_bounded (&self->undo, g_steal_pointer (&inverse));
              g_queue_clear_full (&self->redo, (GDestroyNotify) cf_edit_unref);
              break;
            case APPLY_UNDO:
              push_bounded (&self->redo, g_steal_pointer (&inverse));
              break;
            case APPLY_REDO:
            default:
              push_bounded (&self->undo, g_steal_pointer (&inverse));
              break;
            }
        }
    }

  /* Also after a failure: the rollback may have touched the same rows. */
  emit_changes (self, op->edit);
  notify_history (self);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_edit (CfSession           *self,
          CfEdit              *edit,
          ApplyMode            mode,
          gpointer             source_tag,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  ApplyOp *op = g_new0 (ApplyOp, 1);

  op->edit = cf_edit_ref (edit);
  op->mode = mode;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) apply_op_free);
  self->n_in_flight++;
  if (mode != APPLY_DO)
    self->in_history = TRUE;
  notify_history (self);
  cf_case_run_async (self->kase, apply_job, cf_edit_ref (edit), (GDestroyNotify) cf_edit_unref,
                     (GDestroyNotify) cf_edit_unref, NULL, apply_done, task);
}

void
cf_session_apply_async (CfSession           *self,
                        CfEdit              *edit,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CF_IS_SESSION (self));
  g_return_if_fail (edit != NULL);
  run_edit (self, edit, APPLY_DO, cf_session_apply_async, callback, user_data);
}

gboolean
cf_session_apply_finish (CfSession     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
cf_session_can_undo (CfSession *self)
{
  g_return_val_if_fail (CF_IS_SESSION (self), FALSE);
  /* One thing at a time: an undo pressed while edits are still being
   * applied would act on an entry that is about to change. */
  return self->n_in_flight == 0 && !g_queue_is_empty (&self->undo);
}

gboolean
cf_session_can_redo (CfSession *self)
{
  g_return_val_if_fail (CF_IS_SESSION (self), FALSE);
  return self->n_in_flight == 0 && !g_queue_is_empty (&self->redo);
}

const char *
cf_session_get_undo_label (CfSession *self)
{
  CfEdit *edit;

  g_return_val_if_fail (CF_IS_SESSION (self), NULL);
  edit = g_queue_peek_head (&self->undo);
  return edit ? cf_edit_get_label (edit) : NULL;
}

const char *
cf_session_get_redo_label (CfSession *self)
{
  CfEdit *edit;

  g_return_val_if_fail (CF_IS_SESSION (self), NULL);
  edit = g_queue_peek_head (&self->redo);
  return edit ? cf_edit_get_label (edit) : NULL;
}

static void
history_step (CfSession           *self,
              GQueue              *from,
              ApplyMode            mode,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(CfEdit) edit = NULL;

  if (self->n_in_flight > 0 || g_queue_is_empty (from))
    {
      g_task_report_new_error (self, callback, user_data, history_step,
                               G_IO_ERROR, G_IO_ERROR_PENDING,
                               "Nothing to undo or redo right now");
      return;
    }
  edit = g_queue_pop_head (from);
  run_edit (self, edit, mode, history_step, callback, user_data);
}

void
cf_session_undo_async (CfSession           *self,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CF_IS_SESSION (self));
  history_step (self, &self->undo, APPLY_UNDO, callback, user_data);
}

void
cf_session_redo_async (CfSession           *self,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CF_IS_SESSION (self));
  history_step (self, &self->redo, APPLY_REDO, callback, user_data);
}

char *
cf_session_history_finish (CfSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  ApplyOp *op;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  op = g_task_get_task_data (G_TASK (result));
  return g_strdup (cf_edit_get_label (op->edit));
}

void
cf_session_clear_history (CfSession *self)
{
  g_return_if_fail (CF_IS_SESSION (self));

  g_queue_clear_full (&self->undo, (GDestroyNotify) cf_edit_unref);
  g_queue_clear_full (&self->redo, (GDestroyNotify) cf_edit_unref);
  notify_history (self);
}

void
cf_session_documents_changed (CfSession *self,
                              GArray    *ids)
{
  g_return_if_fail (CF_IS_SESSION (self));
  g_signal_emit (self, signals [DOCUMENTS_CHANGED], 0, ids);
}

void
cf_session_claims_changed (CfSession *self)
{
  g_return_if_fail (CF_IS_SESSION (self));
  g_signal_emit (self, signals [CLAIMS_CHANGED], 0);
}
