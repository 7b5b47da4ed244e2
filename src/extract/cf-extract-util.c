/* cf-extract-util.c — small helpers the readers share: bounded reads and
 * charset conversion with the Korean aliases resolved to CP949. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract.h"

#include <errno.h>
#include <string.h>

GBytes *
cf_extract_read_all (const char  *path,
                     gsize        max,
                     GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buf[65536];

  if (in == NULL)
    return NULL;
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), buf, sizeof buf, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len + (gsize) n > max)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       "The document is larger than this reader handles (%" G_GSIZE_FORMAT " MiB)",
                       max / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (data, buf, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

const char *
cf_extract_normalize_charset (const char *declared)
{
  static const char *korean[] = {
    "euc-kr", "euckr", "ks_c_5601-1987", "ks_c_5601", "ksc5601", "ksc_5601", "korean",
    "x-windows-949", "windows-949", "cp949", "uhc", "ms949", "x-uhc", NULL
  };

  if (declared == NULL)
    return NULL;
  for (guint i = 0; korean[i]; i++)
    if (g_ascii_strcasecmp (declared, korean[i]) == 0)
      return "CP949";
  if (g_ascii_strcasecmp (declared, "us-ascii") == 0 || g_ascii_strcasecmp (declared, "ascii") == 0)
    return "UTF-8";  /* a superset; protects against 8-bit text mislabelled ASCII */
  return declared;
}

char *
cf_extract_to_utf8 (const char  *data,
                    gsize        len,
                    const char  *declared,
                    char       **used_charset)
{
  const char *charset = cf_extract_normalize_charset (declared);
  char *out;

  if (used_charset)
    *used_charset = NULL;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      if (used_charset)
        *used_charset = g_strdup ("UTF-8 (BOM)");
      return g_utf8_make_valid (data + 3, len - 3);
    }
  if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      const char *utf16 = data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";

      out = g_convert (data + 2, len - 2, "UTF-8", utf16, NULL, NULL, NULL);
      if (out != NULL)
        {
          if (used_charset)
            *used_charset = g_strdup_printf ("%s (BOM)", utf16);
          return out;
        }
    }

  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0 &&
      g_ascii_strcasecmp (charset, "UTF8") != 0)
    {
      out = g_convert (data, len, "UTF-8", charset, NULL, NULL, NULL);
      if (out != NULL)
        {
          if (used_charset)
            *used_charset = g_strdup (charset);
          return out;
        }
      /* A wrong label: fall through to detection. */
    }

  if (g_utf8_validate (data, len, NULL))
    {
      if (used_charset)
        *used_charset = g_strdup ("UTF-8");
      return g_strndup (data, len);
    }

  /* Legacy Korean files and mail: CP949, the superset of EUC-KR. */
  out = g_convert (data, len, "UTF-8", "CP949", NULL, NULL, NULL);
  if (out != NULL)
    {
      if (used_charset)
        *used_charset = g_strdup ("CP949");
      return out;
    }

  /* Nothing fits: Windows-1252 decodes any byte and keeps Latin text
   * readable; the guess is recorded. */
  out = g_convert_with_fallback (data, len, "UTF-8", "WINDOWS-1252", "\xEF\xBF\xBD", NULL, NULL, NULL);
  if (out != NULL)
    {
      if (used_charset)
        *used_charset = g_strdup ("WINDOWS-1252 (guessed)");
      return out;
    }
  if (used_charset)
    *used_charset = g_strdup ("invalid");
  return g_utf8_make_valid (data, len);
}

gboolean
cf_extract_is_utf8_prefix (const char *data,
                           gsize       len)
{
  const char *end = NULL;

  if (g_utf8_validate (data, len, &end))
    return TRUE;
  return len - (end - data) < 4 &&
         g_utf8_get_char_validated (end, len - (end - data)) == (gunichar) -2;
}

gboolean
cf_extract_converts_as (const char *data,
                        gsize       len,
                        const char *charset)
{
  GIConv conv = g_iconv_open ("UTF-8", charset);
  char out[4096];
  char *in = (char *) data;
  gsize in_left = len;
  gboolean ok = TRUE;

  if (conv == (GIConv) -1)
    return FALSE;
  while (in_left > 0)
    {
      char *o = out;
      gsize out_left = sizeof out;

      if (g_iconv (conv, &in, &in_left, &o, &out_left) == (gsize) -1)
        {
          /* E2BIG: more room needed; EINVAL: a character cut at the end of
           * the sample; EILSEQ: not this charset. */
          if (errno == E2BIG)
            continue;
          ok = errno == EINVAL;
          break;
        }
    }
  g_iconv_close (conv);
  return ok;
}

char *
cf_extract_html_charset (const char *data,
                         gsize       len)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (len, 4096));
  const char *p = strstr (head, "charset=");
  const char *end;

  if (p == NULL)
    return NULL;
  p += strlen ("charset=");
  while (*p == '"' || *p == '\'' || *p == ' ')
    p++;
  end = p;
  while (g_ascii_isalnum (*end) || *end == '-' || *end == '_')
    end++;
  return end > p ? g_strndup (p, end - p) : NULL;
}
