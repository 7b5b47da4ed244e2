/* cf-case-lock.h — one writer per case.
 *
 * The lock is an open-file-description lock on CASE/lock, which the kernel
 * drops when the holder dies, so a lock is never stale on the holder's own
 * host. The file's text names the holder (user, host, pid, program, time) so
 * a second opener can say who has the case.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CfCaseLock CfCaseLock;

/* *previous_holder is set to the text left by a holder that died without
 * releasing (a crash), or NULL. */
CfCaseLock *cf_case_lock_acquire (const char  *case_dir,
                                  char       **previous_holder,
                                  GError     **error);
void        cf_case_lock_release (CfCaseLock  *lock);

/* A one-line description of who holds the case, or NULL if nobody does. */
char       *cf_case_lock_describe_holder (const char *case_dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfCaseLock, cf_case_lock_release)

G_END_DECLS
