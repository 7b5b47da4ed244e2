/* office-fixtures.h — what the Office, OpenDocument and HWP reader tests
 * share: running casefile-extract on a file and looking at its result,
 * writing OLE compound files with libgsf, OLE property sets, and raw
 * deflate. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  JsonParser *parser;
  JsonObject *root;
  char *text;
  double seconds;
} OfRun;

void        of_run_free        (OfRun       *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OfRun, of_run_free)

/* Runs the helper ($CASEFILE_EXTRACT) on path; it must exit 0 and write
 * result.json. */
OfRun      *of_extract         (const char  *path,
                                const char  *mime_type);
/* Writes data to a fresh folder as name, then runs the helper on it. */
OfRun      *of_extract_data    (const void  *data,
                                gsize        len,
                                const char  *mime_type,
                                const char  *name);
OfRun      *of_extract_bytes   (GBytes      *bytes,
                                const char  *mime_type,
                                const char  *name);

const char *of_status          (OfRun       *run);
const char *of_text_status     (OfRun       *run);
const char *of_problem         (OfRun       *run);   /* NULL when none */
const char *of_meta_string     (OfRun       *run,
                                const char  *key);  /* NULL when absent */
gint64      of_meta_int        (OfRun       *run,
                                const char  *key);  /* -1 when absent */
/* The strings of a list in the metadata, joined by "|". */
char       *of_meta_list       (OfRun       *run,
                                const char  *key);
gboolean    of_has_warning     (OfRun       *run,
                                const char  *code);
/* Asserts the run read nothing and said why (status failed, a problem). */
void        of_assert_unreadable (OfRun     *run);
/* The children the helper wrote: how many, a member of child i's record,
 * and the path of its bytes. */
guint       of_n_children      (OfRun       *run);
const char *of_child_string    (OfRun       *run,
                                guint        i,
                                const char  *key);
char       *of_child_path      (OfRun       *run,
                                guint        i);

/* An OLE compound file: entries are path, data pairs ("BodyText/Section0"
 * makes the storage), NULL-ended. */
typedef struct
{
  const char *path;
  GBytes *data;
} OfOleEntry;

GBytes     *of_ole_build       (const OfOleEntry *entries,
                                guint             n_entries);

/* An OLE property set with one section (SummaryInformation layout). */
typedef struct _OfProps OfProps;

OfProps    *of_props_new       (void);
void        of_props_i2        (OfProps     *props,
                                guint32      id,
                                gint16       value);
void        of_props_i4        (OfProps     *props,
                                guint32      id,
                                gint32       value);
/* VT_LPSTR: bytes as given (in the set's code page). */
void        of_props_lpstr     (OfProps     *props,
                                guint32      id,
                                const char  *bytes,
                                gsize        len);
/* VT_LPWSTR from UTF-8. */
void        of_props_lpwstr    (OfProps     *props,
                                guint32      id,
                                const char  *utf8);
void        of_props_filetime  (OfProps     *props,
                                guint32      id,
                                gint64       unix_seconds);
/* The stream; frees props. */
GBytes     *of_props_finish    (OfProps     *props);

/* Raw deflate (no zlib header), as HWP 5 and ZIP use it; then, when
 * zeros > 0, that many zero bytes more in the same stream (a bomb made
 * without holding it in memory). */
GBytes     *of_deflate_raw     (const void  *data,
                                gsize        len,
                                guint64      zeros);

G_END_DECLS
