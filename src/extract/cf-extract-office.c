/* cf-extract-office.c — PLACEHOLDER: being written now; until then these readers report that they cannot read the format. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-readers.h"

gboolean
cf_extract_ooxml (const CfExtractInput  *input,
     CfExtractResult       *result,
     GError               **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "This format has no reader yet");
  return FALSE;
}

gboolean
cf_extract_odf (const CfExtractInput  *input,
     CfExtractResult       *result,
     GError               **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "This format has no reader yet");
  return FALSE;
}

gboolean
cf_extract_ole_legacy (const CfExtractInput  *input,
     CfExtractResult       *result,
     GError               **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "This format has no reader yet");
  return FALSE;
}
