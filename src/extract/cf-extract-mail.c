/* cf-extract-mail.c — PLACEHOLDER: being written now; until then these readers report that they cannot read the format. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-readers.h"

gboolean
cf_extract_mail (const CfExtractInput  *input,
     CfExtractResult       *result,
     GError               **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "This format has no reader yet");
  return FALSE;
}

gboolean
cf_extract_mbox (const CfExtractInput  *input,
     CfExtractResult       *result,
     GError               **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "This format has no reader yet");
  return FALSE;
}
