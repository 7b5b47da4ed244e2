/* cf-fsck.h — checking a case: the database's own integrity, every object
 * re-hashed against its name, rows without objects and objects without
 * rows, leftovers, and the custody chain. Problems mean the case is
 * damaged; notes are states that are fine but worth knowing (an archive
 * whose import was interrupted and can be completed). */
#pragma once

#include "cf-case.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *problems;
  GPtrArray *notes;
  guint64 n_documents;
  guint64 n_objects;
  guint64 bytes_hashed;
  guint64 n_custody;
} CfFsckReport;

typedef void (*CfFsckProgressFunc) (guint64     objects_done,
                                    guint64     objects_total,
                                    gpointer    user_data);

void          cf_fsck_report_free (CfFsckReport *report);

CfFsckReport *cf_case_fsck        (CfCase              *self,
                                   CfFsckProgressFunc   progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfFsckReport, cf_fsck_report_free)

G_END_DECLS
