/* cf-extract-ole.h — OLE compound files (HWP 5, legacy Office) through
 * libgsf, and the OLE property sets that carry their title, author and
 * dates. */
#pragma once

#include <gsf/gsf.h>

#include "cf-extract.h"

G_BEGIN_DECLS

/* libgsf 1.14 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

typedef struct _CfOle CfOle;

/* Opens an OLE compound file. While it is open, what libgsf says about
 * damage (loops in the sector chains, streams past the end) becomes
 * warnings on result instead of log lines — and never aborts the helper. */
CfOle       *cf_ole_open            (const char       *path,
                                     CfExtractResult  *result,
                                     GError          **error);
void         cf_ole_free            (CfOle            *ole);
/* A storage (folder) rather than a stream. */
gboolean     cf_ole_is_storage      (GsfInput         *input);
/* A stream or storage by path ("BodyText/Section0"), or NULL. */
GsfInput    *cf_ole_child           (CfOle            *ole,
                                     const char       *path);
/* A whole stream of at most max bytes. */
GBytes      *cf_ole_read_stream     (GsfInput         *stream,
                                     gsize             max,
                                     GError          **error);

/* Reads the summary property set stream name (SummaryInformation or
 * HwpSummaryInformation: the same property ids) into result's metadata:
 * title, subject, author, keywords, last_modified_by, date, modified,
 * creator (the application) and pages. FALSE when there is no such
 * stream or it is unreadable (a warning says which). */
gboolean     cf_ole_read_summary    (CfOle            *ole,
                                     const char       *name,
                                     CfExtractResult  *result);
/* An integer property of a property set stream (e.g. the slide count of
 * DocumentSummaryInformation), or -1. */
gint64       cf_ole_read_int_property (CfOle          *ole,
                                       const char     *name,
                                       guint32         id);

/* Appends UTF-16LE text (n_units code units) as UTF-8, stopping at a NUL;
 * unpaired surrogates become U+FFFD. */
void         cf_utf16le_append      (GString          *out,
                                     const guint8     *data,
                                     gsize             n_units);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfOle, cf_ole_free)

G_END_DECLS
