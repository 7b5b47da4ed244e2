/* cf-session.h — an open case as the app holds it.
 *
 * Handles on one case folder: the writer (the CfCase holding the
 * case's lock), which only the case's worker thread touches, so the window
 * never waits on a write; and a read-only reader that the main thread
 * reads through (lists, details, the claims tree). WAL lets the reader see
 * each write as soon as it commits. A pool of further read-only
 * connections runs the reads that could take long (cf-read-pool.h).
 *
 * Every change goes through cf_session_apply_async as a CfEdit; the
 * session keeps the undo and redo history and says which documents and
 * whether claims changed, so that views refresh what they show.
 */
#pragma once

#include <gio/gio.h>

#include "cf-case.h"
#include "cf-edit.h"
#include "cf-read-pool.h"

G_BEGIN_DECLS

#define CF_TYPE_SESSION (cf_session_get_type ())
G_DECLARE_FINAL_TYPE (CfSession, cf_session, CF, SESSION, GObject)

/* Opening checks and, after a crash, repairs the case: in a thread. */
/* Called in the caller's main context, before the open completes, when
 * the case must first be upgraded (which can take a minute); user_data is
 * the callback's. */
typedef void (*CfSessionUpgradingFunc) (gpointer user_data);

void         cf_session_open_async     (const char            *path,
                                        gboolean               read_only,
                                        CfSessionUpgradingFunc upgrading,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
CfSession   *cf_session_open_finish    (GAsyncResult          *result,
                                        GError               **error);
/* settings are copied. */
void         cf_session_create_async   (const char            *path,
                                        const CfCaseSettings  *settings,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
CfSession   *cf_session_create_finish  (GAsyncResult          *result,
                                        GError               **error);

/* The writer: hand it only to cf_case_*_async calls and the importer. */
CfCase      *cf_session_get_case       (CfSession             *self);
/* The reader, for the main thread. */
CfCase      *cf_session_get_reader     (CfSession             *self);
/* Reads that may take a while (searches, a preview's text), in threads
 * with connections of their own. */
CfReadPool  *cf_session_get_read_pool  (CfSession             *self);
const char  *cf_session_get_path       (CfSession             *self);
gboolean     cf_session_get_read_only  (CfSession             *self);
/* Whether edits are still being applied. */
gboolean     cf_session_get_busy       (CfSession             *self);

void         cf_session_apply_async    (CfSession             *self,
                                        CfEdit                *edit,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
gboolean     cf_session_apply_finish   (CfSession             *self,
                                        GAsyncResult          *result,
                                        GError               **error);

gboolean     cf_session_can_undo       (CfSession             *self);
gboolean     cf_session_can_redo       (CfSession             *self);
/* The label of the edit undo or redo would act on, or NULL. */
const char  *cf_session_get_undo_label (CfSession             *self);
const char  *cf_session_get_redo_label (CfSession             *self);
void         cf_session_undo_async     (CfSession             *self,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
void         cf_session_redo_async     (CfSession             *self,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
/* Returns the label of the edit undone or redone, or NULL with error. */
char        *cf_session_history_finish (CfSession             *self,
                                        GAsyncResult          *result,
                                        GError               **error);
void         cf_session_clear_history  (CfSession             *self);

/* For changes made outside edits (import, numbering, export): ids NULL
 * means any document may have changed. */
void         cf_session_documents_changed (CfSession          *self,
                                           GArray             *ids);
void         cf_session_claims_changed    (CfSession          *self);

G_END_DECLS
