/* cf-extract-result.h — the result builder's life cycle, for the helper's
 * main(); readers only see cf-extract.h. */
#pragma once

#include "cf-extract.h"

G_BEGIN_DECLS

CfExtractResult *cf_extract_result_new   (const char       *output_dir,
                                          guint64           max_text);
void             cf_extract_result_free  (CfExtractResult  *result);
/* status: "ok", "partial" (read with problems) or "failed" (unreadable). */
gboolean         cf_extract_result_write (CfExtractResult  *result,
                                          const char       *status,
                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfExtractResult, cf_extract_result_free)

G_END_DECLS
