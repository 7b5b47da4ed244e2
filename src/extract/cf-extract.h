/* cf-extract.h — what the extraction helper's readers share.
 *
 * casefile-extract runs one reader on one original, in a separate process
 * under memory, CPU and output limits set by the case (see
 * src/core/cf-extraction.c). A reader fills a CfExtractResult: the text
 * (streamed to a file, capped), metadata (title, author, date, recipients,
 * pages…), warnings, and children (attachments, messages of an mbox) written
 * as files. The helper never opens the case; its output folder is all it
 * writes.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CfExtractResult CfExtractResult;

typedef struct
{
  const char *path;        /* the original, read-only */
  const char *mime_type;   /* as recorded at import */
  const char *name;        /* its file name, for hints */
  guint64 size;
} CfExtractInput;

/* A reader returns FALSE with error only when it could not read the
 * document at all; the error becomes "could not be read: …". Partial
 * success is a warning plus whatever was found. */
typedef gboolean (*CfExtractFunc) (const CfExtractInput  *input,
                                   CfExtractResult       *result,
                                   GError               **error);

/* Text status values. */
#define CF_TEXT_OK          "ok"
#define CF_TEXT_NONE        "none"          /* the document holds no text (an archive, empty) */
#define CF_TEXT_NEEDS_OCR   "needs-ocr"     /* a scan or an image where text is expected */
#define CF_TEXT_ENCRYPTED   "encrypted"
#define CF_TEXT_UNSUPPORTED "unsupported"   /* a format whose text we cannot extract (yet) */

void           cf_extract_result_set_extractor   (CfExtractResult *result,
                                                  const char      *name,
                                                  int              version);
void           cf_extract_result_set_text_status (CfExtractResult *result,
                                                  const char      *status);
const char    *cf_extract_result_get_text_status (CfExtractResult *result);
void           cf_extract_result_set_problem     (CfExtractResult *result,
                                                  const char      *format,
                                                  ...) G_GNUC_PRINTF (2, 3);

/* Appends UTF-8 text (invalid sequences are replaced). Past the cap the
 * rest is dropped and a warning recorded. */
void           cf_extract_result_append_text     (CfExtractResult *result,
                                                  const char      *text,
                                                  gssize           len);
/* Starts a new page or section: a form feed in the text. */
void           cf_extract_result_page_break      (CfExtractResult *result);
guint64        cf_extract_result_get_text_length (CfExtractResult *result);

/* Metadata. Dates are ISO 8601 ("2018-04-02" or with a time and zone). */
void           cf_extract_result_set_string      (CfExtractResult *result,
                                                  const char      *key,
                                                  const char      *value);
void           cf_extract_result_set_int         (CfExtractResult *result,
                                                  const char      *key,
                                                  gint64           value);
void           cf_extract_result_add_to_list     (CfExtractResult *result,
                                                  const char      *key,
                                                  const char      *value);
void           cf_extract_result_warn            (CfExtractResult *result,
                                                  const char      *code,
                                                  const char      *format,
                                                  ...) G_GNUC_PRINTF (3, 4);

/* Children: attachments, attached messages, mbox messages, documents
 * embedded in documents. kind is "attachment", "message", "part" or
 * "embedded". The stream writes the child's bytes; close it with
 * cf_extract_result_end_child, or drop it (file and entry) with
 * cf_extract_result_abandon_child when it turned out not to be one. */
GOutputStream *cf_extract_result_begin_child     (CfExtractResult *result,
                                                  const char      *name,
                                                  const char      *mime_type,
                                                  const char      *kind,
                                                  GError         **error);
gboolean       cf_extract_result_end_child       (CfExtractResult *result,
                                                  GOutputStream   *stream,
                                                  GError         **error);
void           cf_extract_result_abandon_child   (CfExtractResult *result,
                                                  GOutputStream   *stream);
/* Names the open child when its name is known only after its bytes
 * (TNEF keeps an attachment's name after its data). */
void           cf_extract_result_set_child_name  (CfExtractResult *result,
                                                  const char      *name,
                                                  const char      *mime_type);
gboolean       cf_extract_result_add_child       (CfExtractResult *result,
                                                  const char      *name,
                                                  const char      *mime_type,
                                                  const char      *kind,
                                                  const void      *data,
                                                  gsize            len,
                                                  GError         **error);
/* The byte range a child occupies in its parent (mbox messages). */
void           cf_extract_result_set_child_range (CfExtractResult *result,
                                                  guint64          offset,
                                                  guint64          length);
guint          cf_extract_result_get_n_children  (CfExtractResult *result);
/* A path in the output folder for a reader's scratch file (never taken
 * for a child); the reader deletes it when done. */
char          *cf_extract_result_scratch_path    (CfExtractResult *result,
                                                  const char      *name);

/* Helpers readers share. */
/* Reads a whole (small) file; refuses more than max bytes. */
GBytes        *cf_extract_read_all               (const char      *path,
                                                  gsize            max,
                                                  GError         **error);
/* Converts text in a declared or guessed charset to UTF-8. EUC-KR and
 * ks_c_5601-1987 are read as CP949, which is what Korean software writes
 * under those labels. *used_charset gets the charset actually used. */
char          *cf_extract_to_utf8                (const char      *data,
                                                  gsize            len,
                                                  const char      *declared,
                                                  char           **used_charset);
/* The readable text of an HTML document (scripts and styles dropped,
 * blocks on their own lines); *title gets its <title>. Never fetches
 * anything over the network. */
char          *cf_extract_html_to_text           (const char      *utf8,
                                                  gsize            len,
                                                  char           **title);
/* Whether data is UTF-8 but for a character cut by its end (a sample). */
gboolean       cf_extract_is_utf8_prefix         (const char      *data,
                                                  gsize            len);
/* Whether data decodes in charset (a cut character at the end allowed). */
gboolean       cf_extract_converts_as            (const char      *data,
                                                  gsize            len,
                                                  const char      *charset);
/* The charset an HTML document declares in its first bytes, or NULL. */
char          *cf_extract_html_charset           (const char      *data,
                                                  gsize            len);
/* The charset to really use for a declared label (CP949 for the Korean
 * aliases; NULL stays NULL). */
const char    *cf_extract_normalize_charset      (const char      *declared);

G_END_DECLS
