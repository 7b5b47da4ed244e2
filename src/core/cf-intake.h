/* cf-intake.h — recording imported items in the case, in batches.
 *
 * Internal to the importer and the archive expander. A CfIntake owns a
 * worker-thread database connection and an import run. Rows are written
 * inside a batch transaction; cf_intake_commit syncs the object store's
 * directories first (objects are durable before rows name them) and only
 * then reports the batch's items to the caller.
 */
#pragma once

#include <sqlite3.h>

#include "cf-case.h"
#include "cf-importer.h"
#include "cf-names.h"
#include "cf-object-store.h"

G_BEGIN_DECLS

typedef struct _CfIntake CfIntake;

typedef struct
{
  gint64 parent_id;          /* 0 for top level */
  gint64 position;           /* member index in its container; 0 for top level */
  guint depth;
  const char *raw_name;
  gsize raw_name_len;
  const char *name;          /* decoded, NFC */
  CfNameEncoding name_encoding;
  const char *source;
  const char *modified;      /* ISO 8601 UTC or NULL */
  const char *mime_type;
  const char *sha256;        /* NULL when the bytes could not be stored */
  guint64 size;
  CfStatus status;
  const char *problem;
  gboolean is_container;     /* expansion starts 'pending' */
  GPtrArray *warnings;       /* "code\nmessage" strings, or NULL */
} CfIntakeRecord;

CfIntake      *cf_intake_new             (CfCase             *kase,
                                          const char * const *paths,
                                          CfImportItemFunc    report,
                                          gpointer            report_data,
                                          GError            **error);
/* Commits what is pending and closes the run with outcome
 * ("completed", "cancelled", "failed"). */
gboolean       cf_intake_finish          (CfIntake           *intake,
                                          const char         *outcome,
                                          const char         *counts,
                                          GError            **error);
/* After a run that completed: merges the search index when the run
 * changed enough of it (cf_search_tidy). A failure is only logged: the
 * index stays correct either way. */
void           cf_intake_tidy_search     (CfIntake           *intake,
                                          guint64             n_changed,
                                          GCancellable       *cancellable);
void           cf_intake_free            (CfIntake           *intake);

CfObjectStore *cf_intake_get_store       (CfIntake           *intake);
/* The worker connection, for work recorded in the same batches (reading
 * documents). cf_intake_begin makes sure a batch is open and counts one
 * item towards its size. */
sqlite3       *cf_intake_get_db          (CfIntake           *intake);
gboolean       cf_intake_begin           (CfIntake           *intake,
                                          GError            **error);

/* A document already recorded for these bytes at this place (same source
 * and parent; for members the same index), or 0. *expansion gets its
 * container state. */
gint64         cf_intake_find_present    (CfIntake           *intake,
                                          gint64              parent_id,
                                          gint64              position,
                                          const char         *source,
                                          const char         *sha256,
                                          char              **expansion,
                                          char              **sha256_out,
                                          GError            **error);
/* Records a document and queues its report. Returns its id (0 on error). */
gint64         cf_intake_record          (CfIntake             *intake,
                                          const CfIntakeRecord *record,
                                          GError              **error);
/* Records that a container's expansion ended. */
gboolean       cf_intake_set_expansion   (CfIntake           *intake,
                                          gint64              document_id,
                                          const char         *expansion,
                                          CfStatus            status,
                                          const char         *problem,
                                          GPtrArray          *warnings,
                                          GError            **error);
/* Queues the report of an item with no row (skipped, failed); failures
 * also get a custody entry. */
gboolean       cf_intake_note            (CfIntake           *intake,
                                          CfImportOutcome     outcome,
                                          gint64              parent_id,
                                          guint               depth,
                                          const char         *source,
                                          const char         *reason,
                                          GError            **error);
/* Commits the batch when it is big or old enough (or force). */
gboolean       cf_intake_commit          (CfIntake           *intake,
                                          gboolean            force,
                                          GError            **error);

void           cf_intake_add_bytes       (CfIntake           *intake,
                                          guint64             bytes);

/* Streaming one item into a temporary object. */
typedef enum
{
  CF_COPY_OK,
  CF_COPY_SOURCE_ERROR,   /* reading the source failed: this item fails */
  CF_COPY_CASE_ERROR,     /* writing the case failed (disk full…): the run stops */
  CF_COPY_STOPPED,        /* on_bytes said stop (a limit, or cancelled) */
} CfCopyResult;

/* Returns bytes read (0 at the end) or -1 with error set. */
typedef gssize   (*CfReadFunc)  (gpointer   user_data,
                                 void      *buffer,
                                 gsize      len,
                                 GError   **error);
/* Called after each block; returns FALSE (with error) to stop. */
typedef gboolean (*CfBytesFunc) (gpointer   user_data,
                                 gsize      n_bytes,
                                 GError   **error);

/* Reads everything into writer. head receives the first
 * CF_MIME_HEAD_SIZE bytes (for type detection), head_len how many. */
CfCopyResult   cf_intake_copy            (CfIntake           *intake,
                                          CfObjectWriter     *writer,
                                          CfReadFunc          read_func,
                                          gpointer            read_data,
                                          CfBytesFunc         on_bytes,
                                          gpointer            bytes_data,
                                          guint8             *head,
                                          gsize              *head_len,
                                          GError            **error);

/* Warnings are "code\nmessage" strings. */
void           cf_warnings_add           (GPtrArray         **warnings,
                                          const char         *code,
                                          const char         *format,
                                          ...) G_GNUC_PRINTF (3, 4);
char          *cf_warnings_join          (GPtrArray          *warnings);

G_END_DECLS
