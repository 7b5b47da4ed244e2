/* cf-extraction.h — reading what the documents say.
 *
 * Every stored original is read once by casefile-extract, a separate
 * process under memory, CPU, time and output limits (and, where the kernel
 * has it, a Landlock sandbox that lets it write only its output folder).
 * Its text, metadata and warnings are stored beside the original, never
 * changing it; the title, date and author it finds fill the document's
 * fields unless a person set them; attachments and the messages of an
 * mbox become child documents, so families stay whole. A crash, a hang or
 * a memory blow-up in a parser costs only that document, which is then
 * recorded as "could not be read" with the reason.
 *
 * Documents waiting to be read have text status "pending"; a run reads all
 * of them, children included, several at a time.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cf-case.h"
#include "cf-importer.h"

G_BEGIN_DECLS

typedef struct
{
  guint max_jobs;            /* helpers at once; 0 = the number of CPUs */
  guint64 max_memory;        /* address space of one helper, bytes */
  guint max_cpu_seconds;     /* CPU time of one helper */
  guint max_wall_seconds;    /* wall time of one helper before it is killed */
  guint64 max_text;          /* text kept per document, bytes */
  guint64 max_output;        /* largest file a helper may write, bytes */
} CfExtractionLimits;

typedef struct
{
  guint64 n_done;
  guint64 n_total;           /* grows as children appear */
  guint64 n_failed;
  const char *current;       /* source of a document being read */
} CfExtractionProgress;

typedef void (*CfExtractionProgressFunc) (const CfExtractionProgress *progress,
                                          gpointer                    user_data);

#define CF_TYPE_EXTRACTOR (cf_extractor_get_type ())
G_DECLARE_FINAL_TYPE (CfExtractor, cf_extractor, CF, EXTRACTOR, GObject)

CfExtractor *cf_extractor_new                (CfCase                    *kase);
void         cf_extractor_get_default_limits (CfExtractionLimits        *limits);
void         cf_extractor_set_limits         (CfExtractor               *self,
                                              const CfExtractionLimits  *limits);
void         cf_extractor_set_progress_func  (CfExtractor               *self,
                                              CfExtractionProgressFunc   func,
                                              gpointer                   user_data);
/* Called for each document reading adds (attachments, messages), once it
 * is committed. Both callbacks run in the thread that runs the extractor. */
void         cf_extractor_set_item_func      (CfExtractor               *self,
                                              CfImportItemFunc           func,
                                              gpointer                   user_data);

/* Reads every pending document. FALSE only when the run as a whole
 * stopped (cancelled, the helper is missing, the case's disk failed). */
gboolean     cf_extractor_run                (CfExtractor               *self,
                                              GCancellable              *cancellable,
                                              GError                   **error);
void         cf_extractor_run_async          (CfExtractor               *self,
                                              GCancellable              *cancellable,
                                              GAsyncReadyCallback        callback,
                                              gpointer                   user_data);
gboolean     cf_extractor_run_finish         (CfExtractor               *self,
                                              GAsyncResult              *result,
                                              GError                   **error);
const CfExtractionProgress *cf_extractor_get_totals (CfExtractor        *self);

/* Runs another reader program instead of casefile-extract (tests use a
 * reader that misbehaves on command). */
void         cf_extractor_set_helper         (CfExtractor               *self,
                                              const char                *path);

/* Where casefile-extract is: $CASEFILE_EXTRACT, else the build tree when
 * running from it, else the installed libexec path. */
char        *cf_extractor_find_helper        (void);

/* Marks documents to be read again (all when n_ids is 0), e.g. after
 * Casefile learned a format. Their children from an earlier reading are
 * kept; the same children are not added twice. */
gboolean     cf_case_mark_for_reading        (CfCase                    *self,
                                              const gint64              *ids,
                                              guint                      n_ids,
                                              GError                   **error);
guint        cf_case_count_unread            (CfCase                    *self);

/* The stored text of a document (NULL when none). */
char        *cf_case_dup_document_text       (CfCase                    *self,
                                              gint64                     document_id,
                                              GError                   **error);
/* A list of strings in a reader's metadata ("recipients", "to"…) joined
 * with ", " (at most 500), or NULL when it has none. */
char        *cf_metadata_join_list           (JsonObject                *metadata,
                                              const char                *key);
/* The metadata the reader found, as a JSON object text ("{}" when none). */
char        *cf_case_dup_document_metadata   (CfCase                    *self,
                                              gint64                     document_id,
                                              GError                   **error);

G_END_DECLS
