/* cf-names.c — decoding raw names and generating export-safe ones. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-names.h"

#include <string.h>

const char *
cf_name_encoding_to_string (CfNameEncoding encoding)
{
  switch (encoding)
    {
    case CF_NAME_UTF8:
      return "utf-8";
    case CF_NAME_NFD:
      return "utf-8-nfd";
    case CF_NAME_CP949:
      return "cp949";
    case CF_NAME_INVALID:
    default:
      return "invalid";
    }
}

static gboolean
is_disguising_char (gunichar c)
{
  if (c < 0x20 || (c >= 0x7f && c < 0xa0))
    return TRUE;
  /* Bidi embeddings, overrides and isolates, and the marks that flip text. */
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
      c == 0x200e || c == 0x200f || c == 0x061c)
    return TRUE;
  return FALSE;
}

static char *
neutralise (const char *utf8,
            gboolean   *changed)
{
  GString *out = g_string_sized_new (strlen (utf8));

  for (const char *p = utf8; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_disguising_char (c))
        {
          g_string_append_unichar (out, 0xfffd);
          *changed = TRUE;
        }
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
cf_name_decode (const char     *raw,
                gssize          len,
                gboolean        utf8_declared,
                CfNameEncoding *encoding,
                gboolean       *neutralised)
{
  g_autofree char *utf8 = NULL;
  g_autofree char *nfc = NULL;
  CfNameEncoding enc;
  gboolean changed = FALSE;
  char *result;

  if (raw == NULL)
    raw = "";
  if (len < 0)
    len = strlen (raw);

  if (g_utf8_validate (raw, len, NULL) && memchr (raw, '\0', len) == NULL)
    {
      utf8 = g_strndup (raw, len);
      enc = CF_NAME_UTF8;
    }
  else
    {
      if (!utf8_declared)
        {
          gsize written = 0;
          /* CP949 is the superset of EUC-KR that Korean Windows writes. */
          utf8 = g_convert (raw, len, "UTF-8", "CP949", NULL, &written, NULL);
          if (utf8 != NULL && !g_utf8_validate (utf8, written, NULL))
            g_clear_pointer (&utf8, g_free);
        }
      if (utf8 != NULL)
        enc = CF_NAME_CP949;
      else
        {
          utf8 = g_utf8_make_valid (raw, len);
          enc = CF_NAME_INVALID;
        }
    }

  nfc = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    nfc = g_strdup (utf8);
  if (enc == CF_NAME_UTF8 && strcmp (nfc, utf8) != 0)
    enc = CF_NAME_NFD;

  result = neutralise (nfc, &changed);
  if (encoding)
    *encoding = enc;
  if (neutralised)
    *neutralised = changed;
  return result;
}

static gboolean
is_windows_device_name (const char *name)
{
  static const char *devices[] = { "CON", "PRN", "AUX", "NUL", NULL };
  g_autofree char *stem = NULL;
  const char *dot = strchr (name, '.');
  gsize stem_len = dot ? (gsize) (dot - name) : strlen (name);

  /* Windows ignores trailing spaces of the stem too ("CON .txt"). */
  while (stem_len > 0 && name[stem_len - 1] == ' ')
    stem_len--;
  stem = g_ascii_strup (name, stem_len);
  for (guint i = 0; devices[i]; i++)
    if (strcmp (stem, devices[i]) == 0)
      return TRUE;
  if (strlen (stem) == 4 && (g_str_has_prefix (stem, "COM") || g_str_has_prefix (stem, "LPT")) &&
      stem[3] >= '0' && stem[3] <= '9')
    return TRUE;
  return FALSE;
}

char *
cf_name_extension (const char *name)
{
  const char *dot = strrchr (name, '.');
  gsize len;

  if (dot == NULL || dot == name)
    return g_strdup ("");
  len = strlen (dot + 1);
  if (len == 0 || len > 10)
    return g_strdup ("");
  for (const char *p = dot + 1; *p; p++)
    if (!g_ascii_isalnum (*p))
      return g_strdup ("");
  return g_ascii_strdown (dot, -1);
}

/* Cuts s to at most max bytes at a character boundary. */
static void
truncate_utf8 (GString *s,
               gsize    max)
{
  const char *end;

  if (s->len <= max)
    return;
  end = g_utf8_find_prev_char (s->str, s->str + max + 1);
  while (end != NULL && (gsize) (end - s->str) > max)
    end = g_utf8_find_prev_char (s->str, end);
  g_string_truncate (s, end ? (gsize) (end - s->str) : 0);
}

char *
cf_name_sanitize_component (const char *name,
                            gsize       max_bytes)
{
  g_autofree char *nfc = NULL;
  g_autofree char *ext = NULL;
  GString *out;
  gboolean last_space = FALSE;

  g_return_val_if_fail (max_bytes >= 16, NULL);

  nfc = g_utf8_make_valid (name ? name : "", -1);
  {
    char *n = g_utf8_normalize (nfc, -1, G_NORMALIZE_NFC);
    if (n != NULL)
      {
        g_free (nfc);
        nfc = n;
      }
  }

  out = g_string_new (NULL);
  for (const char *p = nfc; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Tabs and newlines become spaces; other controls and bidi marks go. */
      if (g_unichar_isspace (c))
        {
          if (last_space || out->len == 0)
            continue;
          c = ' ';
          last_space = TRUE;
        }
      else if (is_disguising_char (c) || c == 0xfffd)
        continue;
      else
        last_space = FALSE;
      if (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL)
        c = '_';
      g_string_append_unichar (out, c);
    }

  /* Windows drops trailing dots and spaces, which would make two names
   * collide or a name vanish. */
  while (out->len > 0 && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_assign (out, "untitled");
  if (is_windows_device_name (out->str))
    g_string_prepend_c (out, '_');

  if (out->len > max_bytes)
    {
      ext = cf_name_extension (out->str);
      if (strlen (ext) + 8 > max_bytes)
        g_clear_pointer (&ext, g_free);
      if (ext != NULL && ext[0] != '\0')
        {
          g_string_truncate (out, out->len - strlen (ext));
          truncate_utf8 (out, max_bytes - strlen (ext));
          while (out->len > 0 && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == ' '))
            g_string_truncate (out, out->len - 1);
          g_string_append (out, ext);
        }
      else
        {
          truncate_utf8 (out, max_bytes);
          while (out->len > 0 && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == ' '))
            g_string_truncate (out, out->len - 1);
        }
      if (out->len == 0)
        g_string_assign (out, "untitled");
    }
  return g_string_free (out, FALSE);
}

char *
cf_name_basename (const char *path)
{
  const char *end;
  const char *start;

  if (path == NULL || *path == '\0')
    return g_strdup ("");
  end = path + strlen (path);
  while (end > path && (end[-1] == '/' || end[-1] == '\\'))
    end--;
  start = end;
  while (start > path && start[-1] != '/' && start[-1] != '\\')
    start--;
  if (start == end)
    return g_strdup (path);
  return g_strndup (start, end - start);
}
