/* cf-extract-dispatch.c — which reader reads which format. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-readers.h"

#include <string.h>

static const struct
{
  const char *mime_type;   /* exact, or a prefix ending in '/' or '.' */
  CfExtractFunc reader;
} readers[] = {
  { "application/pdf", cf_extract_pdf },
  { "message/rfc822", cf_extract_mail },
  { "application/mbox", cf_extract_mbox },
  { "application/vnd.ms-outlook", cf_extract_msg },
  /* winmail.dat: sniffed as vnd.ms-tnef; a mail's declared type is the
   * older alias, which a child keeps when its bytes say nothing. */
  { "application/vnd.ms-tnef", cf_extract_tnef },
  { "application/ms-tnef", cf_extract_tnef },
  { "application/vnd.openxmlformats-officedocument.", cf_extract_ooxml },
  { "application/vnd.oasis.opendocument.", cf_extract_odf },
  /* Macro-enabled Office files are OOXML too (the macros are never run). */
  { "application/vnd.ms-word.document.macroEnabled.12", cf_extract_ooxml },
  { "application/vnd.ms-word.template.macroEnabled.12", cf_extract_ooxml },
  { "application/vnd.ms-excel.sheet.macroEnabled.12", cf_extract_ooxml },
  { "application/vnd.ms-excel.template.macroEnabled.12", cf_extract_ooxml },
  { "application/vnd.ms-powerpoint.presentation.macroEnabled.12", cf_extract_ooxml },
  { "application/vnd.ms-powerpoint.slideshow.macroEnabled.12", cf_extract_ooxml },
  { "application/hwp+zip", cf_extract_hwpx },
  { "application/x-hwp", cf_extract_hwp },
  { "application/msword", cf_extract_ole_legacy },
  { "application/vnd.ms-excel", cf_extract_ole_legacy },
  { "application/vnd.ms-powerpoint", cf_extract_ole_legacy },
  { "text/html", cf_extract_html },
  { "application/xhtml+xml", cf_extract_html },
  { "text/", cf_extract_text },
  { "application/json", cf_extract_text },
  { "application/xml", cf_extract_text },
  { "image/", cf_extract_image },
  { "application/zip", cf_extract_container },
  { "application/x-tar", cf_extract_container },
  { "application/x-compressed-tar", cf_extract_container },
  { "application/x-bzip-compressed-tar", cf_extract_container },
  { "application/x-xz-compressed-tar", cf_extract_container },
  { "application/x-zerosize", cf_extract_container },
};

CfExtractFunc
cf_extract_reader_for (const char *mime_type,
                       const char *name)
{
  if (mime_type == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      const char *m = readers[i].mime_type;
      gsize len = strlen (m);

      if ((m[len - 1] == '/' || m[len - 1] == '.') ? strncmp (mime_type, m, len) == 0
                                                   : strcmp (mime_type, m) == 0)
        return readers[i].reader;
    }
  return NULL;
}

/* Containers (archives, empty files) hold no text of their own; their
 * members are documents of their own. */
gboolean
cf_extract_container (const CfExtractInput  *input,
                      CfExtractResult       *result,
                      GError               **error)
{
  cf_extract_result_set_extractor (result, "container", 1);
  cf_extract_result_set_text_status (result, CF_TEXT_NONE);
  return TRUE;
}
