/* cf-extract-tnef-props.c — MAPI property sets as TNEF lays them out
 * ([MS-OXTNEF] 2.1.3.4): a count, then for each property its tag, for a
 * named one its GUID and name, and its value(s); counted values (strings,
 * binary, objects, and every multi-valued property) say how many there
 * are and each its size, padded to four bytes. Every count and size is
 * checked against what the attribute holds before it is believed. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-tnef-private.h"

#include <string.h>

GHashTable *
cf_tnef_props_new (void)
{
  return g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_bytes_unref);
}

gboolean
cf_tnef_cursor_u32 (Cursor  *c,
                    guint32 *value)
{
  if (c->len - c->pos < 4)
    return FALSE;
  memcpy (value, c->data + c->pos, 4);
  *value = GUINT32_FROM_LE (*value);
  c->pos += 4;
  return TRUE;
}

static gboolean
cursor_skip (Cursor  *c,
             guint64  n)
{
  if (n > c->len - c->pos)
    return FALSE;
  c->pos += n;
  return TRUE;
}

/* Values are padded to four bytes; the padding of the very last value is
 * sometimes missing. */
static void
cursor_pad (Cursor *c,
            gsize   n)
{
  gsize pad = (4 - n % 4) % 4;

  c->pos += MIN (pad, c->len - c->pos);
}

/* The size of a fixed-size value in TNEF (short and boolean are padded
 * to four), 0 for a counted (variable) one, -1 for a type we cannot step
 * over. */
static int
value_size (guint16 type)
{
  switch (type)
    {
    case 0x0001:        /* PT_NULL */
    case PT_SHORT:
    case PT_LONG:
    case 0x0004:        /* PT_FLOAT */
    case 0x000A:        /* PT_ERROR */
    case PT_BOOLEAN:
      return 4;
    case 0x0005:        /* PT_DOUBLE */
    case 0x0006:        /* PT_CURRENCY */
    case 0x0007:        /* PT_APPTIME */
    case 0x0014:        /* PT_I8 */
    case PT_SYSTIME:
      return 8;
    case 0x0048:        /* PT_CLSID */
      return 16;
    case PT_OBJECT:
    case PT_STRING8:
    case PT_UNICODE:
    case PT_BINARY:
    case 0x00FB:        /* PT_SVREID */
      return 0;
    default:
      return -1;
    }
}

/* Reads a property set (a count, then each property) from the cursor into
 * `into`: the first value of every single-valued, unnamed property, as a
 * slice of buffer. Returns FALSE, having kept what came before, when the
 * set is damaged; `what` names it in the warning. */
gboolean
cf_tnef_parse_props (Tnef       *t,
                     GBytes     *buffer,
                     Cursor     *c,
                     GHashTable *into,
                     const char *what)
{
  CfExtractResult *result = t->mail.result;
  guint32 count;

  if (!cf_tnef_cursor_u32 (c, &count))
    goto damaged;
  for (guint32 i = 0; i < count; i++)
    {
      guint32 tag, n_values = 1;
      guint16 type, base, id;
      gboolean multi;
      int size;

      if (i == MAX_PROPERTIES)
        {
          cf_extract_result_warn (result, "tnef-cap", "The %s hold %u properties; only the first %d "
                                  "were read", what, count, MAX_PROPERTIES);
          return TRUE;
        }
      if (!cf_tnef_cursor_u32 (c, &tag))
        goto damaged;
      type = tag & 0xFFFF;
      id = tag >> 16;
      base = type & ~MV_FLAG;
      multi = (type & MV_FLAG) != 0;

      /* A named property: its GUID and its name or number, which we do not
       * need (its meaning lives in the message's name map). */
      if (id >= 0x8000)
        {
          guint32 kind, name_len;

          if (!cursor_skip (c, 16) || !cf_tnef_cursor_u32 (c, &kind))
            goto damaged;
          if (kind == 0)
            {
              if (!cursor_skip (c, 4))
                goto damaged;
            }
          else if (kind == 1)
            {
              if (!cf_tnef_cursor_u32 (c, &name_len) || !cursor_skip (c, name_len))
                goto damaged;
              cursor_pad (c, name_len);
            }
          else
            goto damaged;
        }

      size = value_size (base);
      if (size < 0)
        {
          cf_extract_result_warn (result, "tnef-damaged", "The %s hold a property of unknown type "
                                  "0x%04X; the properties after it were not read", what, base);
          return FALSE;
        }
      if ((multi || size == 0) && !cf_tnef_cursor_u32 (c, &n_values))
        goto damaged;
      /* Each value takes at least four bytes: a count beyond that is a lie. */
      if (n_values > (c->len - c->pos) / 4)
        goto damaged;
      for (guint32 v = 0; v < n_values; v++)
        {
          gsize start;
          guint32 len = size;

          if (size == 0 && !cf_tnef_cursor_u32 (c, &len))
            goto damaged;
          start = c->pos;
          if (!cursor_skip (c, len))
            goto damaged;
          if (size == 0)
            cursor_pad (c, len);
          if (v == 0 && !multi && id < 0x8000 &&
              !g_hash_table_contains (into, GUINT_TO_POINTER (TAG (id, base))))
            g_hash_table_insert (into, GUINT_TO_POINTER (TAG (id, base)),
                                 g_bytes_new_from_bytes (buffer, start, len));
        }
    }
  return TRUE;

damaged:
  cf_extract_result_warn (result, "tnef-damaged", "The %s are damaged (a length or count runs past "
                          "their end); what came before the damage was kept", what);
  return FALSE;
}

GBytes *
cf_tnef_props_get (GHashTable *props,
                   guint16     id,
                   guint16     type)
{
  return props ? g_hash_table_lookup (props, GUINT_TO_POINTER (TAG (id, type))) : NULL;
}

gboolean
cf_tnef_props_u32 (GHashTable *props,
                   guint16     id,
                   guint16     type,
                   guint32    *value)
{
  GBytes *bytes = cf_tnef_props_get (props, id, type);

  if (bytes == NULL || g_bytes_get_size (bytes) < 4)
    return FALSE;
  memcpy (value, g_bytes_get_data (bytes, NULL), 4);
  *value = GUINT32_FROM_LE (*value);
  return TRUE;
}

gboolean
cf_tnef_props_u64 (GHashTable *props,
                   guint16     id,
                   guint16     type,
                   guint64    *value)
{
  GBytes *bytes = cf_tnef_props_get (props, id, type);

  if (bytes == NULL || g_bytes_get_size (bytes) < 8)
    return FALSE;
  memcpy (value, g_bytes_get_data (bytes, NULL), 8);
  *value = GUINT64_FROM_LE (*value);
  return TRUE;
}

/* 8-bit text in the message's code page (or a guess, when it names
 * none), trailing NULs dropped; at most max bytes of it. */
static char *
decode_8bit (Tnef         *t,
             const guint8 *data,
             gsize         len,
             gsize         max)
{
  const char *codepage = t->codepage ? t->codepage : t->oem_codepage;
  g_autofree char *used = NULL;
  char *text;

  len = MIN (len, max);
  while (len > 0 && data[len - 1] == 0)
    len--;
  text = cf_extract_to_utf8 ((const char *) data, len, codepage, &used);
  if (text == NULL)
    return g_strdup ("");
  if (codepage != NULL)
    cf_mail_note_charset (&t->mail, codepage, used);
  if (t->encoding == NULL && len > 0)
    t->encoding = g_strdup (used);
  return text;
}

char *
cf_tnef_decode_bytes (Tnef   *t,
                      GBytes *bytes,
                      gsize   max)
{
  gsize len;
  const guint8 *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  return decode_8bit (t, data, len, max);
}

/* A string property, Unicode or 8-bit. */
char *
cf_tnef_props_string (Tnef       *t,
                      GHashTable *props,
                      guint16     id,
                      gsize       max)
{
  GBytes *bytes = cf_tnef_props_get (props, id, PT_UNICODE);

  if (bytes != NULL)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);

      len = MIN (len, max) & ~(gsize) 1;
      while (len >= 2 && data[len - 1] == 0 && data[len - 2] == 0)
        len -= 2;
      if (t->encoding == NULL && len > 0)
        t->encoding = g_strdup ("UTF-16LE");
      return cf_mapi_utf16le_to_utf8 (data, len);
    }
  return cf_tnef_decode_bytes (t, cf_tnef_props_get (props, id, PT_STRING8), max);
}

/* A string property stripped, or NULL when absent or empty. */
char *
cf_tnef_props_text (Tnef       *t,
                    GHashTable *props,
                    guint16     id)
{
  char *text = cf_tnef_props_string (t, props, id, CF_MAIL_MAX_HEADER);

  if (text != NULL && g_strstrip (text)[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}
