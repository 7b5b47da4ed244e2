/* cf-preview-private.h — what the files of CfPreview share: cf-preview.c
 * (the widget) and cf-preview-read.c (reading off the main thread). */
#pragma once

#include "cf-preview.h"

#include "cf-case.h"

G_BEGIN_DECLS

/* Enough text to read the document in the pane without GTK laying out
 * megabytes; a longer one shows its start, or the part with the first
 * hit. Files not read yet show their first bytes. */
#define CF_PREVIEW_TEXT_LIMIT   (256 * 1024)
#define CF_PREVIEW_FILE_BYTES   (64 * 1024)

/* What to read of a document in the read pool. */
typedef struct
{
  gint64 id;
  gboolean want_text;
  gboolean want_family;
  gboolean want_page;       /* the page of the first hit (PDF) */
  GStrv terms;
} CfPreviewJob;

typedef struct
{
  char *text;               /* NUL-ended, text_length bytes */
  gsize text_length;
  gboolean text_partial;    /* only part of the text */
  gboolean from_hit;        /* that part starts before the first hit */
  char *encoding;
  char *subject;
  char *sent;               /* the mail's Date as written in the metadata */
  char *to;                 /* each list of people joined with ", ", or NULL */
  char *cc;
  char *bcc;
  GPtrArray *family;        /* CfDocument */
  gboolean page_asked;
  guint page;
} CfPreviewOutcome;

void          cf_preview_job_free            (CfPreviewJob      *job);
void          cf_preview_outcome_free        (CfPreviewOutcome  *outcome);
/* A CfReadFunc: job is a CfPreviewJob, the result a CfPreviewOutcome. */
gpointer      cf_preview_read                (CfCase            *reader,
                                              gpointer           job,
                                              GCancellable      *cancellable,
                                              GError           **error);

/* A file not read yet, decoded from its first bytes in a thread. */
typedef struct
{
  char *path;
  guint64 size;
  char *text;
  const char *encoding;
  gboolean truncated;
} CfPreviewFile;

void          cf_preview_file_free           (CfPreviewFile     *file);
/* A GTaskThreadFunc; task data is a CfPreviewFile. */
void          cf_preview_read_file_in_thread (GTask             *task,
                                              gpointer           source_object,
                                              gpointer           task_data,
                                              GCancellable      *cancellable);

/* One pattern for all the terms, case ignored, or NULL for none. */
GRegex       *cf_preview_terms_regex         (char             **terms);
/* The byte offset of the first hit in text, or -1. */
gssize        cf_preview_first_hit           (const char        *text,
                                              char             **terms);
/* "2018-04-20T15:30:00+09:00" as "2018-04-20 15:30 +09:00". */
char         *cf_preview_format_sent         (const char        *sent);

G_END_DECLS
