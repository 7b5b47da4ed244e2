/* cf-extract-rtf.c — compressed RTF and RTF as text.
 *
 * Compressed RTF ([MS-OXRTFCP]) is what Outlook keeps as a message body
 * when the message was written in RTF, and often as the only body of a
 * TNEF (winmail.dat) message: a 16-byte header (compressed size, raw
 * size, "LZFu" or "MELA", CRC-32 of the compressed bytes) and LZ77 with a
 * 4 KiB ring dictionary that starts with a fixed 207-byte RTF prefix.
 * Each control byte says, bit by bit from the lowest, whether a literal
 * byte or a 2-byte reference (12-bit dictionary offset, 4-bit length - 2)
 * follows; a reference to where the next byte would be written ends the
 * stream.
 *
 * The RTF reader is the small part of RTF that text needs: groups,
 * control words and symbols, \'hh bytes in the document's code page,
 * \uN characters with \ucN fallbacks skipped, destinations that hold no
 * text (font and colour tables, style sheets, pictures, field
 * instructions, anything marked \*) skipped, and the font table read
 * for the character sets of fonts. Outlook's encapsulated HTML
 * ([MS-OXRTFEX], \fromhtml1) is the text of \*\htmltag groups and what
 * is not inside \htmlrtf … \htmlrtf0, in order; it is then read as HTML.
 * Nesting deeper than MAX_DEPTH is read as the deepest level's content,
 * and the output is capped. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-rtf.h"

#include <string.h>
#include <zlib.h>

/* Compressed RTF ------------------------------------------------------------- */

#define LZFU 0x75465A4C
#define MELA 0x414C454D
#define DICT_SIZE 4096

static const char dictionary_prefix[] =
  "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern "
  "\\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0"
  "\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

G_STATIC_ASSERT (sizeof dictionary_prefix - 1 == 207);

static guint32
rd32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

/* [MS-OXRTFCP] 3.1.3.2: the CRC-32 table of zlib, but started at 0 and
 * not inverted at the end; zlib inverts before and after, so starting it
 * at ~0 and inverting its result gives exactly that. */
static guint32
oxrtfcp_crc (const guint8 *data,
             gsize         len)
{
  guint32 crc = 0xFFFFFFFF;

  while (len > 0)
    {
      uInt n = MIN (len, G_MAXUINT32);

      crc = crc32 (crc, data, n);
      data += n;
      len -= n;
    }
  return ~crc;
}

GBytes *
cf_rtf_decompress (const guint8  *data,
                   gsize          len,
                   gsize          max,
                   char         **problem)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree char *why = NULL;
  guint8 dict[DICT_SIZE] = { 0 };
  guint32 comp_size, raw_size, type, crc;
  const guint8 *p, *end;
  guint wpos;
  gboolean ended = FALSE;

  if (len < 16)
    {
      why = g_strdup ("it is shorter than its header");
      goto done;
    }
  comp_size = rd32 (data);
  raw_size = rd32 (data + 4);
  type = rd32 (data + 8);
  crc = rd32 (data + 12);
  /* The compressed size counts what follows its own field. */
  if (comp_size < 12)
    {
      why = g_strdup ("its header is damaged");
      goto done;
    }
  if ((guint64) comp_size + 4 > len)
    why = g_strdup_printf ("it is cut short (%" G_GSIZE_FORMAT " of %" G_GUINT64_FORMAT " bytes)",
                           len, (guint64) comp_size + 4);
  end = data + MIN (len, (guint64) comp_size + 4);

  if (type == MELA)
    {
      gsize n = MIN ((gsize) (end - data - 16), MIN ((gsize) raw_size, max));

      g_byte_array_append (out, data + 16, n);
      if (why == NULL && n < raw_size)
        why = n == max ? g_strdup ("it is larger than this reader takes") : g_strdup ("it is cut short");
      goto done;
    }
  if (type != LZFU)
    {
      g_clear_pointer (&why, g_free);
      why = g_strdup_printf ("its compression (0x%08X) is neither LZFu nor MELA", type);
      goto done;
    }
  if (why == NULL && oxrtfcp_crc (data + 16, end - data - 16) != crc)
    why = g_strdup ("its checksum does not match (a damaged file?)");

  /* A lying raw size must not reserve memory. */
  g_byte_array_set_size (out, MIN (MIN ((gsize) raw_size, max), 16 * 1024 * 1024));
  g_byte_array_set_size (out, 0);
  memcpy (dict, dictionary_prefix, sizeof dictionary_prefix - 1);
  wpos = sizeof dictionary_prefix - 1;
  p = data + 16;
  while (p < end && !ended)
    {
      guint8 control = *p++;

      for (int bit = 0; bit < 8 && p < end; bit++)
        {
          if (out->len >= max)
            {
              if (why == NULL)
                why = g_strdup ("it is larger than this reader takes");
              goto done;
            }
          if ((control & (1 << bit)) == 0)
            {
              guint8 c = *p++;

              g_byte_array_append (out, &c, 1);
              dict[wpos] = c;
              wpos = (wpos + 1) % DICT_SIZE;
              continue;
            }
          if (end - p < 2)
            {
              p = end;
              break;
            }
          {
            guint ref = (p[0] << 8) | p[1];
            guint offset = ref >> 4;
            guint n = (ref & 0xF) + 2;

            p += 2;
            if (offset == wpos)
              {
                ended = TRUE;
                break;
              }
            n = MIN (n, max - out->len);
            for (guint i = 0; i < n; i++)
              {
                guint8 c = dict[(offset + i) % DICT_SIZE];

                g_byte_array_append (out, &c, 1);
                dict[wpos] = c;
                wpos = (wpos + 1) % DICT_SIZE;
              }
          }
        }
    }
  if (why == NULL && !ended && out->len != raw_size)
    why = g_strdup ("it is cut short (it has no end)");

done:
  if (problem != NULL)
    *problem = g_steal_pointer (&why);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* RTF ------------------------------------------------------------------------ */

#define MAX_DEPTH 256
#define MAX_WORD 32

typedef enum
{
  DEST_TEXT,
  DEST_SKIP,
  DEST_FONTTBL,
  DEST_HTMLTAG,
} Dest;

typedef struct
{
  Dest dest;
  int uc;              /* fallback characters after \uN */
  int font;
  gboolean htmlrtf;    /* inside \htmlrtf … \htmlrtf0: RTF-only, not HTML */
} Group;

typedef struct
{
  const guint8 *p;
  const guint8 *end;
  gsize max;

  GArray *stack;
  Group g;
  guint overflow;      /* groups opened past MAX_DEPTH */
  gboolean ignorable;  /* \* seen: an unknown destination is skipped */
  int skip;            /* fallback characters still to skip */
  gunichar high;       /* a high surrogate waiting for its pair */

  CfRtfSource source;
  const char *charset; /* \ansicpg */
  GHashTable *fonts;   /* font number → charset of a non-Western font */
  int defining_font;   /* in the font table */

  GString *out;
  GByteArray *pending; /* 8-bit text not yet converted */
  const char *pending_charset;
  gboolean want_trail; /* pending ends with the lead byte of a double-byte character */
  gboolean capped;
} Rtf;

static const char *
charset_for_codepage (gint64 codepage)
{
  switch (codepage)
    {
    case 65001:
      return "UTF-8";
    case 10000:
      return "MACINTOSH";
    case 1200:
      return NULL;   /* UTF-16 is not 8-bit; \uN carries it */
    default:
      if (codepage <= 0 || codepage > 65535)
        return NULL;
      {
        g_autofree char *name = g_strdup_printf ("CP%" G_GINT64_FORMAT, codepage);

        return g_intern_string (name);
      }
    }
}

/* \fcharsetN of a font whose text is not in the Western code page. */
static const char *
charset_for_fcharset (gint64 fcharset)
{
  static const struct { int fcharset, codepage; } known[] = {
    { 77, 10000 }, { 128, 932 }, { 129, 949 }, { 130, 1361 }, { 134, 936 }, { 136, 950 },
    { 161, 1253 }, { 162, 1254 }, { 163, 1258 }, { 177, 1255 }, { 178, 1256 }, { 186, 1257 },
    { 204, 1251 }, { 222, 874 }, { 238, 1250 }, { 255, 437 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (known[i].fcharset == fcharset)
      return charset_for_codepage (known[i].codepage);
  return NULL;
}

static const char *
current_charset (Rtf *r)
{
  const char *font = g_hash_table_lookup (r->fonts, GINT_TO_POINTER (r->g.font));

  return font ? font : r->charset;
}

static gboolean
showing (Rtf *r)
{
  switch (r->g.dest)
    {
    case DEST_TEXT:
      return !(r->source != CF_RTF_PLAIN && r->g.htmlrtf);
    case DEST_HTMLTAG:
      return r->source == CF_RTF_HTML;
    case DEST_SKIP:
    case DEST_FONTTBL:
    default:
      return FALSE;
    }
}

static void
append (Rtf        *r,
        const char *utf8,
        gsize       len)
{
  if (r->out->len + len > r->max)
    {
      r->capped = TRUE;
      len = r->max > r->out->len ? r->max - r->out->len : 0;
    }
  g_string_append_len (r->out, utf8, len);
}

static void
flush_pending (Rtf *r)
{
  g_autofree char *text = NULL;

  r->want_trail = FALSE;
  if (r->pending->len == 0)
    return;
  text = cf_extract_to_utf8 ((const char *) r->pending->data, r->pending->len,
                             r->pending_charset, NULL);
  g_byte_array_set_size (r->pending, 0);
  append (r, text, strlen (text));
}

/* East Asian code pages: a byte from 0x81 starts a two-byte character
 * whose second byte may be ASCII (똠 is 8C 63 in CP949), and writers
 * leave such a byte unescaped. */
static gboolean
is_double_byte (const char *charset)
{
  static const char *known[] = { "CP949", "CP932", "CP936", "CP950", "CP1361" };

  for (guint i = 0; charset != NULL && i < G_N_ELEMENTS (known); i++)
    if (strcmp (charset, known[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
emit_text (Rtf        *r,
           const char *utf8)
{
  if (!showing (r))
    return;
  flush_pending (r);
  append (r, utf8, strlen (utf8));
}

static void
emit_unichar (Rtf      *r,
              gunichar  c)
{
  char buf[8];
  gsize n;

  if (!showing (r))
    return;
  if (c >= 0xD800 && c < 0xDC00)
    {
      r->high = c;
      return;
    }
  if (c >= 0xDC00 && c < 0xE000)
    {
      c = r->high != 0 ? 0x10000 + ((r->high - 0xD800) << 10) + (c - 0xDC00) : 0xFFFD;
      r->high = 0;
    }
  else if (r->high != 0)
    {
      r->high = 0;
      emit_unichar (r, 0xFFFD);
    }
  if (c == 0)
    return;
  flush_pending (r);
  n = g_unichar_to_utf8 (c, buf);
  append (r, buf, n);
}

static void
emit_byte (Rtf    *r,
           guint8  b)
{
  const char *charset;

  if (!showing (r) || b == 0)
    return;
  charset = current_charset (r);
  if (r->pending->len > 0 && charset != r->pending_charset)
    flush_pending (r);
  if (b < 0x80 && !r->want_trail)
    {
      char c[2] = { b, 0 };

      emit_text (r, c);
      return;
    }
  /* Converted in runs, not one character at a time; a run ends between
   * characters. */
  if (r->pending->len >= 64 * 1024 && !r->want_trail)
    flush_pending (r);
  r->pending_charset = charset;
  g_byte_array_append (r->pending, &b, 1);
  if (r->want_trail)
    r->want_trail = FALSE;
  else
    r->want_trail = b >= 0x81 && is_double_byte (charset);
}

static void
push_group (Rtf *r)
{
  if (r->stack->len >= MAX_DEPTH)
    {
      r->overflow++;
      return;
    }
  g_array_append_val (r->stack, r->g);
}

static void
pop_group (Rtf *r)
{
  if (r->overflow > 0)
    {
      r->overflow--;
      return;
    }
  /* An unbalanced } is damage; the text goes on. */
  if (r->stack->len == 0)
    return;
  flush_pending (r);
  r->g = g_array_index (r->stack, Group, r->stack->len - 1);
  g_array_set_size (r->stack, r->stack->len - 1);
}

/* Destinations whose content is not text. */
static const char *const skipped[] = {
  "colortbl", "stylesheet", "info", "pict", "themedata", "colorschememapping", "datastore",
  "latentstyles", "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl",
  "fldinst", "bkmkstart", "bkmkend", "objdata", "objclass", "objname", "pntxta", "pntxtb",
  "falt", "panose", "filetbl", "revtbl", "userprops", "docvar", "xe", "tc", "nonshppict",
  "shpinst", "mmathPr", "wgrffmtfilter", "pgdsctbl", "protusertbl", "listpicture",
  "fontemb", "fontfile", "template", "mhtmltag", "htmlbase", "defchp", "defpap",
  "passwordhash", "blipuid", "fchars", "lchars", "ftnsep", "ftnsepc", "aftnsep", "aftnsepc",
};

static const struct
{
  const char *word;
  const char *text;
} text_words[] = {
  { "par", "\n" }, { "line", "\n" }, { "sect", "\n" }, { "page", "\n" }, { "row", "\n" },
  { "tab", "\t" }, { "cell", "\t" }, { "emdash", "\u2014" }, { "endash", "\u2013" },
  { "bullet", "\u2022" }, { "lquote", "\u2018" }, { "rquote", "\u2019" },
  { "ldblquote", "\u201C" }, { "rdblquote", "\u201D" }, { "emspace", " " }, { "enspace", " " },
  { "qmspace", " " },
};

static void
control_word (Rtf        *r,
              const char *word,
              gboolean    has_param,
              gint64      param)
{
  gboolean ignorable = r->ignorable;

  r->ignorable = FALSE;
  /* A \uN's fallback is the next characters, control words included. */
  if (r->skip > 0 && strcmp (word, "bin") != 0)
    {
      r->skip--;
      return;
    }

  if (strcmp (word, "u") == 0 && has_param)
    {
      emit_unichar (r, param < 0 ? (gunichar) (param + 65536) : (gunichar) MIN (param, 0x10FFFF));
      r->skip = r->g.uc;
      return;
    }
  if (strcmp (word, "uc") == 0 && has_param)
    {
      r->g.uc = CLAMP (param, 0, 16);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (text_words); i++)
    if (strcmp (word, text_words[i].word) == 0)
      {
        emit_text (r, text_words[i].text);
        return;
      }

  if (strcmp (word, "fonttbl") == 0)
    r->g.dest = DEST_FONTTBL;
  else if (strcmp (word, "htmltag") == 0)
    r->g.dest = r->source == CF_RTF_HTML ? DEST_HTMLTAG : DEST_SKIP;
  else if (strcmp (word, "f") == 0 && has_param)
    {
      if (r->g.dest == DEST_FONTTBL)
        r->defining_font = param;
      else
        r->g.font = param;
    }
  else if (strcmp (word, "fcharset") == 0 && has_param)
    {
      const char *charset = charset_for_fcharset (param);

      if (r->g.dest == DEST_FONTTBL && charset != NULL &&
          g_hash_table_size (r->fonts) < 10000)
        g_hash_table_insert (r->fonts, GINT_TO_POINTER (r->defining_font), (gpointer) charset);
    }
  else if (strcmp (word, "ansicpg") == 0 && has_param)
    {
      const char *charset = charset_for_codepage (param);

      if (charset != NULL)
        r->charset = charset;
    }
  else if (strcmp (word, "mac") == 0)
    r->charset = "MACINTOSH";
  else if (strcmp (word, "pc") == 0)
    r->charset = "CP437";
  else if (strcmp (word, "pca") == 0)
    r->charset = "CP850";
  else if (strcmp (word, "fromhtml") == 0)
    r->source = CF_RTF_HTML;
  else if (strcmp (word, "fromtext") == 0)
    r->source = CF_RTF_TEXT;
  else if (strcmp (word, "htmlrtf") == 0)
    r->g.htmlrtf = !has_param || param != 0;
  else if (strcmp (word, "bin") == 0 && has_param && param > 0)
    /* Binary data of a picture or object, never text. */
    r->p += MIN ((guint64) param, (guint64) (r->end - r->p));
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
        if (strcmp (word, skipped[i]) == 0)
          {
            r->g.dest = DEST_SKIP;
            return;
          }
      /* \*\word: a destination this reader does not know, to be ignored. */
      if (ignorable)
        r->g.dest = DEST_SKIP;
    }
}

static int
hex_value (guint8 c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

static void
control (Rtf *r)
{
  guint8 c;

  if (r->p >= r->end)
    return;
  c = *r->p;
  if (g_ascii_isalpha (c))
    {
      char word[MAX_WORD + 1];
      gsize n = 0;
      gboolean negative = FALSE, has_param = FALSE;
      gint64 param = 0;

      while (r->p < r->end && g_ascii_isalpha (*r->p))
        {
          if (n < MAX_WORD)
            word[n++] = *r->p;
          r->p++;
        }
      word[n] = '\0';
      if (r->p < r->end && *r->p == '-')
        {
          negative = TRUE;
          r->p++;
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        {
          if (param < G_GINT64_CONSTANT (1) << 40)
            param = param * 10 + (*r->p - '0');
          has_param = TRUE;
          r->p++;
        }
      if (negative)
        param = -param;
      if (r->p < r->end && *r->p == ' ')
        r->p++;
      control_word (r, word, has_param, param);
      return;
    }

  r->p++;
  if (c == '*')
    {
      r->ignorable = TRUE;
      return;
    }
  if (c == '\'')
    {
      int hi = r->p < r->end ? hex_value (r->p[0]) : -1;
      int lo = r->end - r->p >= 2 ? hex_value (r->p[1]) : -1;

      if (hi < 0 || lo < 0)
        return;
      r->p += 2;
      if (r->skip > 0)
        r->skip--;
      else
        emit_byte (r, (hi << 4) | lo);
      return;
    }
  if (r->skip > 0)
    {
      r->skip--;
      return;
    }
  switch (c)
    {
    case '\\':
    case '{':
    case '}':
      emit_byte (r, c);
      break;
    case '~':
      emit_unichar (r, 0x00A0);
      break;
    case '_':
      emit_unichar (r, 0x2011);
      break;
    case '\r':
    case '\n':
      emit_text (r, "\n");
      break;
    default:
      /* \- (optional hyphen), \| \: (formulas): nothing to show. */
      break;
    }
}

char *
cf_rtf_to_text (const char   *rtf,
                gsize         len,
                gsize         max,
                char        **charset,
                CfRtfSource  *source)
{
  Rtf r = { 0 };
  char *text;

  r.p = (const guint8 *) rtf;
  r.end = r.p + len;
  r.max = max;
  r.stack = g_array_new (FALSE, FALSE, sizeof (Group));
  r.g.uc = 1;
  r.source = CF_RTF_PLAIN;
  r.charset = "CP1252";
  r.fonts = g_hash_table_new (g_direct_hash, g_direct_equal);
  r.out = g_string_new (NULL);
  r.pending = g_byte_array_new ();

  while (r.p < r.end && !r.capped)
    {
      guint8 c = *r.p;

      switch (c)
        {
        case '{':
          r.p++;
          r.skip = 0;
          push_group (&r);
          break;
        case '}':
          r.p++;
          r.skip = 0;
          pop_group (&r);
          break;
        case '\\':
          r.p++;
          control (&r);
          break;
        case '\r':
        case '\n':
          r.p++;
          break;
        default:
          r.p++;
          if (r.skip > 0)
            r.skip--;
          else if (c == '\t')
            emit_text (&r, "\t");
          else
            emit_byte (&r, c);
          break;
        }
    }
  flush_pending (&r);

  if (charset != NULL)
    *charset = g_strdup (r.charset);
  if (source != NULL)
    *source = r.source;
  if (r.source == CF_RTF_HTML)
    {
      text = cf_extract_html_to_text (r.out->str, r.out->len, NULL);
      g_string_free (r.out, TRUE);
    }
  else
    text = g_string_free (r.out, FALSE);
  g_array_unref (r.stack);
  g_hash_table_unref (r.fonts);
  g_byte_array_unref (r.pending);
  return text;
}
