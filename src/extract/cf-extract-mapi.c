/* cf-extract-mapi.c — MAPI values as the .msg and TNEF readers both see
 * them (see cf-extract-mapi.h). */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-mapi.h"

#include <string.h>

char *
cf_mapi_utf16le_to_utf8 (const guint8 *data,
                         gsize         len)
{
  GString *out = g_string_sized_new (len + len / 2);

  for (gsize i = 0; i + 1 < len; i += 2)
    {
      gunichar c = data[i] | (data[i + 1] << 8);

      if (c >= 0xD800 && c <= 0xDBFF && i + 3 < len)
        {
          gunichar low = data[i + 2] | (data[i + 3] << 8);

          if (low >= 0xDC00 && low <= 0xDFFF)
            {
              c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
              i += 2;
            }
          else
            c = 0xFFFD;
        }
      else if (c >= 0xD800 && c <= 0xDFFF)
        c = 0xFFFD;
      g_string_append_unichar (out, c);
    }
  if (len % 2 == 1)
    g_string_append (out, "\xEF\xBF\xBD");
  return g_string_free (out, FALSE);
}

GDateTime *
cf_mapi_filetime_to_datetime (guint64 filetime)
{
  gint64 seconds = (gint64) (filetime / 10000000) - G_GINT64_CONSTANT (11644473600);
  GDateTime *date;

  if (filetime == 0)
    return NULL;
  date = g_date_time_new_from_unix_utc (seconds);
  if (date != NULL && g_date_time_get_year (date) >= 4500)
    g_clear_pointer (&date, g_date_time_unref);
  return date;
}

const char *
cf_mapi_charset_for_codepage (guint32 codepage)
{
  static const struct { guint32 codepage; const char *charset; } known[] = {
    { 949, "CP949" }, { 51949, "EUC-KR" }, { 50225, "ISO-2022-KR" }, { 65001, "UTF-8" },
    { 20127, "US-ASCII" }, { 1200, "UTF-16LE" }, { 1201, "UTF-16BE" }, { 932, "CP932" },
    { 936, "GBK" }, { 54936, "GB18030" }, { 950, "BIG5" }, { 51932, "EUC-JP" },
    { 50220, "ISO-2022-JP" }, { 50221, "ISO-2022-JP" }, { 50222, "ISO-2022-JP" },
    { 874, "CP874" }, { 1250, "CP1250" }, { 1251, "CP1251" }, { 1252, "CP1252" },
    { 1253, "CP1253" }, { 1254, "CP1254" }, { 1255, "CP1255" }, { 1256, "CP1256" },
    { 1257, "CP1257" }, { 1258, "CP1258" }, { 20866, "KOI8-R" }, { 21866, "KOI8-U" },
    { 28591, "ISO-8859-1" }, { 28592, "ISO-8859-2" }, { 28595, "ISO-8859-5" },
    { 28597, "ISO-8859-7" }, { 28599, "ISO-8859-9" }, { 28605, "ISO-8859-15" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (known[i].codepage == codepage)
      return known[i].charset;
  return NULL;
}

gboolean
cf_mapi_is_smtp (const char *address)
{
  return address != NULL && strchr (address, '@') != NULL && address[0] != '/';
}

char *
cf_mapi_format_person (const char *name,
                       const char *address)
{
  gboolean has_name = name != NULL && name[0] != '\0' && g_strcmp0 (name, address) != 0;
  gboolean has_address = address != NULL && address[0] != '\0';

  if (has_name && has_address)
    return g_strdup_printf ("%s <%s>", name, address);
  if (has_address)
    return g_strdup (address);
  if (has_name)
    return g_strdup (name);
  return NULL;
}

char *
cf_mapi_attachment_type (const char *mime_tag,
                         const char *name)
{
  g_autofree char *tag = mime_tag ? g_strstrip (g_strdup (mime_tag)) : NULL;
  g_autofree char *guessed = NULL;

  if (tag != NULL && strchr (tag, '/') != NULL && !g_str_equal (tag, "application/octet-stream"))
    return g_steal_pointer (&tag);
  /* Outlook often tags everything application/octet-stream; the name
   * knows better. */
  guessed = name ? g_content_type_guess (name, NULL, 0, NULL) : NULL;
  if (guessed != NULL && strchr (guessed, '/') != NULL && !g_content_type_is_unknown (guessed))
    return g_steal_pointer (&guessed);
  return g_strdup ("application/octet-stream");
}

static const char *
recipient_key (guint32 type)
{
  /* MAPI_TO, MAPI_CC, MAPI_BCC; the high bits flag resent and such. */
  switch (type & 0x0FFFFFFF)
    {
    case 1:
      return "to";
    case 2:
      return "cc";
    case 3:
      return "bcc";
    default:
      return NULL;
    }
}

void
cf_mapi_add_recipient (CfExtractResult *result,
                       const char      *person,
                       guint32          type)
{
  const char *key = recipient_key (type);

  cf_extract_result_add_to_list (result, "recipients", person);
  if (key != NULL)
    cf_extract_result_add_to_list (result, key, person);
}

/* A display list this long is not real; the rest is dropped. */
#define MAX_DISPLAY_NAMES 10000

void
cf_mapi_add_display_list (CfExtractResult *result,
                          guint16          display_property,
                          const char      *list)
{
  guint32 type = display_property == PR_DISPLAY_TO ? 1 : display_property == PR_DISPLAY_CC ? 2 : 3;
  g_auto(GStrv) names = list ? g_strsplit (list, ";", MAX_DISPLAY_NAMES) : NULL;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    cf_mapi_add_recipient (result, g_strstrip (names[i]), type);
}
