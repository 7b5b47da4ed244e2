/* cf-mime.c — content type detection with shared-mime-info through GIO. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-mime.h"

#include <gio/gio.h>
#include <string.h>

static gboolean
is_generic (const char *type)
{
  return type == NULL ||
         g_content_type_is_unknown (type) ||
         g_strcmp0 (type, "text/plain") == 0 ||
         g_strcmp0 (type, "application/octet-stream") == 0;
}

static char *
to_mime (const char *content_type)
{
  char *mime = g_content_type_get_mime_type (content_type);

  return mime ? mime : g_strdup ("application/octet-stream");
}

/* Types Debian 12's shared-mime-info does not know by name, with the
 * container their bytes look like. Without this an HWPX would be taken
 * for a plain ZIP (and expanded), an Outlook .msg for a bare OLE file. */
static const struct
{
  const char *extension;
  const char *mime_type;
  const char *container;
} extra_types[] = {
  { ".hwpx", "application/hwp+zip", "application/zip" },
  { ".msg", "application/vnd.ms-outlook", "application/x-ole-storage" },
  { ".hwp", "application/x-hwp", "application/x-ole-storage" },
};

/* Signatures that settle the type whatever follows them. shared-mime-info
 * looks for "%PDF-" anywhere in the first KiB, so a winmail.dat whose
 * first attachment is a small PDF was taken for that PDF, and its
 * message and other attachments were never read. */
static const struct
{
  const char *magic;
  gsize len;
  const char *mime_type;
} decisive_magic[] = {
  { "\x78\x9F\x3E\x22", 4, "application/vnd.ms-tnef" },
};

static const char *
extra_type_for (const char *name,
                const char *by_data)
{
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  if (lower == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (extra_types); i++)
    if (g_str_has_suffix (lower, extra_types[i].extension) &&
        (by_data == NULL || is_generic (by_data) ||
         g_content_type_is_a (by_data, extra_types[i].container)))
      return extra_types[i].mime_type;
  return NULL;
}

char *
cf_mime_from_name (const char *name)
{
  g_autofree char *type = NULL;
  const char *extra = extra_type_for (name, NULL);

  if (extra != NULL)
    return g_strdup (extra);
  type = g_content_type_guess (name, NULL, 0, NULL);
  return to_mime (type);
}

char *
cf_mime_guess (const char   *name,
               const guint8 *head,
               gsize         head_len,
               char        **warning)
{
  g_autofree char *by_data = NULL;
  g_autofree char *by_name = NULL;
  gboolean data_uncertain = TRUE, name_uncertain = TRUE;

  if (warning)
    *warning = NULL;
  if (head_len == 0)
    {
      if (warning)
        *warning = g_strdup ("The file is empty (0 bytes)");
      return g_strdup ("application/x-zerosize");
    }

  for (guint i = 0; i < G_N_ELEMENTS (decisive_magic); i++)
    if (head_len >= decisive_magic[i].len &&
        memcmp (head, decisive_magic[i].magic, decisive_magic[i].len) == 0)
      return g_strdup (decisive_magic[i].mime_type);

  by_data = g_content_type_guess (NULL, head, head_len, &data_uncertain);
  if (extra_type_for (name, by_data) != NULL)
    return g_strdup (extra_type_for (name, by_data));
  if (name != NULL && name[0] != '\0')
    by_name = g_content_type_guess (name, NULL, 0, &name_uncertain);

  if (!data_uncertain && !is_generic (by_data))
    {
      if (by_name != NULL && !name_uncertain && !is_generic (by_name))
        {
          /* A .docx is a ZIP, an .xlsx too: the name is more precise. */
          if (g_content_type_is_a (by_name, by_data))
            return to_mime (by_name);
          if (!g_content_type_equals (by_name, by_data) &&
              !g_content_type_is_a (by_data, by_name) && warning)
            {
              g_autofree char *name_mime = to_mime (by_name);
              g_autofree char *data_mime = to_mime (by_data);

              *warning = g_strdup_printf ("The name suggests %s but the content is %s",
                                          name_mime, data_mime);
            }
        }
      return to_mime (by_data);
    }
  /* The bytes say nothing certain (UTF-16 text looks binary): trust the
   * name, plain text included. */
  if (by_name != NULL && !g_content_type_is_unknown (by_name))
    {
      /* The name claims a type the content does not show. Text files have
       * no magic, so only say so for binary formats. */
      if (warning && !g_content_type_is_a (by_name, "text/plain") && by_data != NULL &&
          !g_content_type_is_a (by_data, by_name))
        {
          g_autofree char *name_mime = to_mime (by_name);

          *warning = g_strdup_printf ("The name suggests %s but the content does not look like it",
                                      name_mime);
        }
      return to_mime (by_name);
    }
  return to_mime (by_data);
}

gboolean
cf_mime_is_expandable (const char *mime_type)
{
  static const char *types[] = {
    "application/zip",
    "application/x-zip-compressed",
    "application/x-tar",
    "application/x-gtar",
    "application/x-compressed-tar",
    "application/x-bzip-compressed-tar",
    "application/x-xz-compressed-tar",
    NULL
  };

  for (guint i = 0; types[i]; i++)
    if (g_strcmp0 (mime_type, types[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
cf_mime_is_compressed (const char *mime_type)
{
  static const char *prefixes[] = {
    "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif",
    "video/", "audio/",
    "application/pdf",
    "application/zip", "application/gzip", "application/x-bzip", "application/x-xz",
    "application/x-7z", "application/vnd.rar", "application/x-rar",
    "application/x-compressed-tar", "application/x-bzip-compressed-tar",
    "application/x-xz-compressed-tar", "application/zstd",
    "application/vnd.openxmlformats-officedocument.",
    "application/vnd.oasis.opendocument.",
    "application/vnd.ms-excel.sheet.macroEnabled", "application/vnd.ms-word.document.macroEnabled",
    "application/vnd.ms-powerpoint.presentation.macroEnabled", "application/epub+zip",
    "application/hwp+zip", "application/x-hwp+zip", "application/vnd.hancom.hwpx",
    NULL
  };

  if (mime_type == NULL)
    return FALSE;
  for (guint i = 0; prefixes[i]; i++)
    if (g_str_has_prefix (mime_type, prefixes[i]))
      return TRUE;
  return FALSE;
}
