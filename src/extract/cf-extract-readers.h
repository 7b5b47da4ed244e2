/* cf-extract-readers.h — the readers, one per family of formats, and the
 * table that picks one for a document. */
#pragma once

#include "cf-extract.h"

G_BEGIN_DECLS

gboolean cf_extract_text      (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_html      (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_pdf       (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_mail      (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_mbox      (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_msg       (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_tnef      (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_ooxml     (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_odf       (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_hwpx      (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_hwp       (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_ole_legacy (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_image     (const CfExtractInput *input, CfExtractResult *result, GError **error);
gboolean cf_extract_container (const CfExtractInput *input, CfExtractResult *result, GError **error);

/* The reader for a MIME type, or NULL when there is none. */
CfExtractFunc cf_extract_reader_for (const char *mime_type,
                                     const char *name);

G_END_DECLS
