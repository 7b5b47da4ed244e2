/* test-extract-rtf.c — Outlook messages whose only body is compressed
 * RTF: the example of [MS-OXRTFCP] itself, Korean RTF in \ansicpg949
 * with \'hh bytes (CP949-only syllables too), \uN characters and their
 * fallbacks, a font table naming a Hangul font in a Western document,
 * HTML and plain text encapsulated in RTF ([MS-OXRTFEX]), an
 * uncompressed (MELA) stream; and hostile ones: a cut stream, a wrong
 * checksum, garbage, absurd nesting. The test compresses with an LZFu
 * compressor of its own and checks with a CRC of its own. */
#include "test-util.h"
#include "test-fixtures.h"
#include "office-fixtures.h"

#include <string.h>

#define MSG "application/vnd.ms-outlook"

static const char prefix[] =
  "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern "
  "\\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0"
  "\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

/* [MS-OXRTFCP] 3.1.3.2: CRC-32 (reflected 0xEDB88320), from 0, no final
 * inversion. */
static guint32
spec_crc (const guint8 *data,
          gsize         len)
{
  guint32 crc = 0;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320 & -(crc & 1));
    }
  return crc;
}

static void
put32 (GByteArray *a,
       guint32     v)
{
  guint8 b[4] = { v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24 };

  g_byte_array_append (a, b, 4);
}

/* Greedy LZFu: the longest match in the ring dictionary as the decoder
 * will have it (a copy may read what it has just written). */
static GBytes *
lzfu_compress (const char *raw)
{
  gsize len = strlen (raw);
  guint8 dict[4096] = { 0 };
  guint wpos = sizeof prefix - 1;
  g_autoptr(GByteArray) body = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  gsize i = 0;
  gboolean ended = FALSE;

  memcpy (dict, prefix, sizeof prefix - 1);
  while (!ended)
    {
      guint control_at = body->len;
      guint8 control = 0;

      g_byte_array_append (body, &control, 1);
      for (int bit = 0; bit < 8; bit++)
        {
          guint best = 0, best_offset = 0;

          if (i == len)
            {
              guint8 ref[2] = { wpos >> 4, (wpos & 0xF) << 4 };

              control |= 1 << bit;
              g_byte_array_append (body, ref, 2);
              ended = TRUE;
              break;
            }
          for (guint offset = 0; offset < 4096; offset++)
            {
              guint8 sim[4096];
              guint n = 0;

              if (offset == wpos)
                continue;
              memcpy (sim, dict, sizeof sim);
              while (n < 17 && i + n < len && sim[(offset + n) % 4096] == (guint8) raw[i + n])
                {
                  sim[(wpos + n) % 4096] = raw[i + n];
                  n++;
                }
              if (n > best)
                {
                  best = n;
                  best_offset = offset;
                }
            }
          if (best >= 2)
            {
              guint ref = (best_offset << 4) | (best - 2);
              guint8 bytes[2] = { ref >> 8, ref & 0xFF };

              control |= 1 << bit;
              g_byte_array_append (body, bytes, 2);
              for (guint k = 0; k < best; k++)
                {
                  dict[wpos] = raw[i + k];
                  wpos = (wpos + 1) % 4096;
                }
              i += best;
            }
          else
            {
              g_byte_array_append (body, (const guint8 *) raw + i, 1);
              dict[wpos] = raw[i++];
              wpos = (wpos + 1) % 4096;
            }
        }
      body->data[control_at] = control;
    }
  put32 (out, body->len + 12);
  put32 (out, len);
  g_byte_array_append (out, (const guint8 *) "LZFu", 4);
  put32 (out, spec_crc (body->data, body->len));
  g_byte_array_append (out, body->data, body->len);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
utf16 (const char *utf8)
{
  glong n = 0;
  gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);

  return g_bytes_new_take (units, n * 2);
}

/* A message with a subject and, as its only body, compressed RTF. */
static OfRun *
extract_msg_with_rtf (GBytes     *compressed,
                      const char *name)
{
  g_autoptr(GBytes) subject = utf16 ("RTF 본문");
  g_autoptr(GByteArray) props = g_byte_array_new ();
  g_autoptr(GBytes) props_bytes = NULL;
  g_autoptr(GBytes) msg = NULL;
  guint8 header[32] = { 0 };

  g_byte_array_append (props, header, sizeof header);
  put32 (props, 0x3FFD0003);   /* PR_MESSAGE_CODEPAGE */
  put32 (props, 6);
  put32 (props, 949);
  put32 (props, 0);
  props_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&props));
  {
    OfOleEntry entries[] = {
      { "__substg1.0_0037001F", subject },
      { "__substg1.0_10090102", compressed },
      { "__properties_version1.0", props_bytes },
      { "__nameid_version1.0", g_bytes_new_static ("", 0) },
    };

    msg = of_ole_build (entries, G_N_ELEMENTS (entries));
    g_bytes_unref (entries[3].data);
  }
  return of_extract_bytes (msg, MSG, name);
}

/* Korean text as \'hh escapes of its CP949 bytes. */
static char *
cp949_escapes (const char *utf8)
{
  gsize len;
  g_autofree char *bytes = tu_to_cp949 (utf8, &len);
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    {
      guint8 b = bytes[i];

      if (b < 0x80)
        g_string_append_c (out, b);
      else
        g_string_append_printf (out, "\\'%02x", b);
    }
  return g_string_free (out, FALSE);
}

/* Korean text as \uN escapes, each with a one-character fallback. */
static char *
u_escapes (const char *utf8)
{
  GString *out = g_string_new (NULL);

  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        g_string_append_c (out, c);
      else if (c > 0xFFFF)
        /* A surrogate pair, as signed 16-bit numbers. */
        g_string_append_printf (out, "\\u%d?\\u%d?", (int) (0xD800 + ((c - 0x10000) >> 10)) - 65536,
                                (int) (0xDC00 + ((c - 0x10000) & 0x3FF)) - 65536);
      else
        g_string_append_printf (out, "\\u%d?", c > 0x7FFF ? (int) c - 65536 : (int) c);
    }
  return g_string_free (out, FALSE);
}

/* The tests --------------------------------------------------------------------- */

/* [MS-OXRTFCP] 3.1 example 1, byte for byte: a real compressor's output,
 * with the fixed dictionary, references and the CRC of the spec. */
static void
test_spec_example (void)
{
  static const guint8 example[] = {
    0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xf1, 0xc5, 0xc7, 0xa7,
    0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0a, 0xf3, 0x20,
    0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62, 0x77, 0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f,
    0xa0,
  };
  g_autoptr(GBytes) compressed = g_bytes_new_static (example, sizeof example);
  g_autoptr(OfRun) run = extract_msg_with_rtf (compressed, "example.msg");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (of_text_status (run), ==, "ok");
  g_assert_false (of_has_warning (run, "rtf-damaged"));
  g_assert_cmpstr (run->text, ==, "hello world");
  g_assert_cmpstr (of_meta_string (run, "encoding"), ==, "CP1252");
}

static void
test_korean_rtf (void)
{
  g_autofree char *escaped = cp949_escapes ("똠방각하 위수탁 계약서를 검토했습니다.");
  g_autofree char *unicode = u_escapes ("개인정보 처리위탁 😀");
  g_autofree char *hangul_font = cp949_escapes ("햏 글꼴 본문");
  g_autofree char *rtf = NULL;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(OfRun) run = NULL;

  rtf = g_strdup_printf (
    "{\\rtf1\\ansi\\ansicpg949\\deff0\\deflang1033\\deflangfe1042"
    "{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\fnil\\fcharset129 \\'b8\\'bc\\'c0\\'ba \\'b0\\'ed\\'b5\\'f1;}}"
    "{\\colortbl ;\\red0\\green0\\blue255;}"
    "{\\stylesheet{\\s0 Normal \\'c7\\'a5\\'c1\\'d8;}}"
    "{\\*\\generator Riched20 10.0.19041}{\\*\\unknowndestination \\'c0\\'df\\'b8\\'f8}"
    "\\viewkind4\\uc1\\pard\\f1\\fs20 %s\\par\n"
    "%s\\par\n"
    "\\uc2 \\u-10179\\'3f\\'3f\\u-8704\\'3f\\'3f done\\tab end\\par\n"
    "{\\field{\\*\\fldinst HYPERLINK \"http://x\"}{\\fldrslt link \\{braces\\}}}\\line\n"
    "\\pard\\uc1\\f0 Dash \\u8212? \\'8c\\'63\\par\n"
    "{\\pict\\wmetafile8 0123456789abcdef}"
    "}", escaped, unicode);
  compressed = lzfu_compress (rtf);
  run = extract_msg_with_rtf (compressed, "korean.msg");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (of_text_status (run), ==, "ok");
  g_assert_false (of_has_warning (run, "rtf-damaged"));
  g_assert_cmpstr (run->text, ==,
                   "똠방각하 위수탁 계약서를 검토했습니다.\n"
                   "개인정보 처리위탁 😀\n"
                   "😀 done\tend\n"
                   "link {braces}\n"
                   "Dash — 똠\n");
  g_assert_cmpstr (of_meta_string (run, "encoding"), ==, "CP949");
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "RTF 본문");

  /* A Western document whose Hangul font says the bytes are CP949. */
  {
    g_autofree char *western = g_strdup_printf (
      "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\fnil\\fcharset129 Gulim;}}"
      "\\pard\\f0 Caf\\'e9 {\\f1 %s}\\f0  \\'e9t\\'e9\\par}", hangul_font);
    g_autoptr(GBytes) western_compressed = lzfu_compress (western);
    g_autoptr(OfRun) western_run = extract_msg_with_rtf (western_compressed, "western.msg");

    g_assert_cmpstr (western_run->text, ==, "Café 햏 글꼴 본문 été\n");
  }
}

/* [MS-OXRTFEX]: Outlook's HTML inside RTF. */
static void
test_encapsulated_html (void)
{
  g_autofree char *korean = cp949_escapes ("동의 없이 제3자에게 제공");
  g_autofree char *rtf = g_strdup_printf (
    "{\\rtf1\\ansi\\ansicpg949\\fromhtml1 \\fbidis \\deff0{\\fonttbl{\\f0\\fswiss Arial;}"
    "{\\f1\\fmodern Courier New;}{\\f2\\fnil\\fcharset2 Symbol;}}\r\n"
    "{\\colortbl\\red0\\green0\\blue0;\\red0\\green0\\blue255;}\r\n"
    "\\uc1\\pard\\plain\\deftab360 \\f0\\fs24 "
    "{\\*\\htmltag19 <html>}{\\*\\htmltag34 <head>}"
    "{\\*\\htmltag41 <title>}\\htmlrtf {\\htmlrtf0 Title\\htmlrtf }\\htmlrtf0 {\\*\\htmltag41 </title>}"
    "{\\*\\htmltag241 <style>p \\{ color: red \\}</style>}"
    "{\\*\\htmltag41 </head>}{\\*\\htmltag50 <body>}\\htmlrtf \\lang1042 \\htmlrtf0 "
    "{\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 %s &amp; more\\htmlrtf }\\htmlrtf0 "
    "\\htmlrtf \\par\r\n\\htmlrtf0 {\\*\\htmltag72 </p>}\r\n"
    "{\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 second \\u54620?\\u44544? line\\htmlrtf }\\htmlrtf0 "
    "{\\*\\htmltag72 </p>}{\\*\\htmltag58 </body>}{\\*\\htmltag27 </html>}}",
    korean);
  g_autoptr(GBytes) compressed = lzfu_compress (rtf);
  g_autoptr(OfRun) run = extract_msg_with_rtf (compressed, "html.msg");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_nonnull (strstr (run->text, "동의 없이 제3자에게 제공 & more"));
  g_assert_nonnull (strstr (run->text, "second 한글 line"));
  /* Neither the title nor the style sheet is body text. */
  g_assert_null (strstr (run->text, "Title"));
  g_assert_null (strstr (run->text, "color"));
  g_assert_null (strstr (run->text, "Courier"));
}

static void
test_encapsulated_text (void)
{
  g_autofree char *korean = cp949_escapes ("본문 그대로");
  g_autofree char *rtf = g_strdup_printf (
    "{\\rtf1\\ansi\\ansicpg949\\fromtext \\fbidis \\deff0{\\fonttbl\r\n{\\f0\\fswiss\\fcharset129 Gulim;}}"
    "\r\n{\\colortbl\\red0\\green0\\blue0;}\r\n\\uc1\\pard\\plain\\deftab360 \\f0\\fs20 %s\\par\r\n"
    "\\htmlrtf{\\htmlrtf0 second\\par}\\htmlrtf0 }", korean);
  g_autoptr(GBytes) compressed = lzfu_compress (rtf);
  g_autoptr(OfRun) run = extract_msg_with_rtf (compressed, "text.msg");

  g_assert_cmpstr (run->text, ==, "본문 그대로\nsecond\n");
}

/* An uncompressed stream says MELA and holds the RTF as it is. */
static void
test_uncompressed (void)
{
  const char *rtf = "{\\rtf1\\ansi\\ansicpg949 \\'c6\\'f2\\'b9\\'ae MELA}";
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(OfRun) run = NULL;

  put32 (stream, strlen (rtf) + 12);
  put32 (stream, strlen (rtf));
  g_byte_array_append (stream, (const guint8 *) "MELA", 4);
  put32 (stream, 0);
  g_byte_array_append (stream, (const guint8 *) rtf, strlen (rtf));
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&stream));
  run = extract_msg_with_rtf (bytes, "mela.msg");

  g_assert_cmpstr (run->text, ==, "평문 MELA");
}

/* Hostile ----------------------------------------------------------------------- */

static void
test_cut_and_damaged (void)
{
  g_autofree char *korean = cp949_escapes ("잘린 본문의 앞부분은 남는다 ");
  g_autofree char *rtf = g_strdup_printf ("{\\rtf1\\ansi\\ansicpg949 %s%s%s\\par}", korean, korean,
                                          korean);
  g_autoptr(GBytes) compressed = lzfu_compress (rtf);
  gsize len;
  const guint8 *data = g_bytes_get_data (compressed, &len);

  /* Cut in the middle: what was there is read, and the cut is said. */
  {
    g_autoptr(GBytes) cut = g_bytes_new (data, len / 2);
    g_autoptr(OfRun) run = extract_msg_with_rtf (cut, "cut.msg");

    g_assert_cmpstr (of_status (run), ==, "ok");
    g_assert_true (of_has_warning (run, "rtf-damaged"));
    g_assert_true (g_str_has_prefix (run->text, "잘린 본문의"));
  }
  /* One byte changed: the checksum says so. */
  {
    g_autofree guint8 *flipped = g_memdup2 (data, len);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(OfRun) run = NULL;

    flipped[len - 5] ^= 0x40;
    bytes = g_bytes_new (flipped, len);
    run = extract_msg_with_rtf (bytes, "flipped.msg");
    g_assert_cmpstr (of_status (run), ==, "ok");
    g_assert_true (of_has_warning (run, "rtf-damaged"));
  }
  /* Shorter than a header; an unknown compression; garbage after a good
   * header; a header that claims 4 GiB of RTF. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (3);
    g_autoptr(GByteArray) garbage = g_byte_array_new ();
    g_autoptr(GByteArray) unknown = g_byte_array_new ();
    g_autoptr(GBytes) tiny = g_bytes_new_static ("LZFu", 4);
    g_autoptr(GBytes) garbage_bytes = NULL;
    g_autoptr(GBytes) unknown_bytes = NULL;
    g_autoptr(OfRun) tiny_run = NULL;
    g_autoptr(OfRun) garbage_run = NULL;
    g_autoptr(OfRun) unknown_run = NULL;

    put32 (garbage, 65536 + 12);
    put32 (garbage, G_MAXUINT32);
    g_byte_array_append (garbage, (const guint8 *) "LZFu", 4);
    put32 (garbage, 0);
    for (guint i = 0; i < 65536; i++)
      {
        guint8 b = g_rand_int_range (rand, 0, 256);

        g_byte_array_append (garbage, &b, 1);
      }
    garbage_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&garbage));
    put32 (unknown, 12);
    put32 (unknown, 0);
    g_byte_array_append (unknown, (const guint8 *) "ZZZZ", 4);
    put32 (unknown, 0);
    unknown_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&unknown));

    tiny_run = extract_msg_with_rtf (tiny, "tiny.msg");
    garbage_run = extract_msg_with_rtf (garbage_bytes, "garbage.msg");
    unknown_run = extract_msg_with_rtf (unknown_bytes, "unknown.msg");
    g_assert_cmpstr (of_status (tiny_run), ==, "ok");
    g_assert_true (of_has_warning (tiny_run, "rtf-damaged"));
    g_assert_cmpstr (of_status (garbage_run), ==, "ok");
    g_assert_true (of_has_warning (garbage_run, "rtf-damaged"));
    g_assert_cmpstr (of_status (unknown_run), ==, "ok");
    g_assert_true (of_has_warning (unknown_run, "rtf-damaged"));
  }
}

/* A million braces, a thousand-digit parameter, a \bin past the end. */
static void
test_absurd_rtf (void)
{
  g_autoptr(GString) rtf = g_string_new ("{\\rtf1\\ansi ");
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(OfRun) run = NULL;

  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (rtf, '{');
  g_string_append (rtf, "deep");
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (rtf, '}');
  g_string_append (rtf, " \\u99999999999999999999999999? \\uc-5 \\'zz \\'4");
  g_string_append (rtf, "}}}}} after \\bin999999999 tail");
  put32 (stream, rtf->len + 12);
  put32 (stream, rtf->len);
  g_byte_array_append (stream, (const guint8 *) "MELA", 4);
  put32 (stream, 0);
  g_byte_array_append (stream, (const guint8 *) rtf->str, rtf->len);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&stream));
  run = extract_msg_with_rtf (bytes, "absurd.msg");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_true (g_str_has_prefix (run->text, "deep "));
  g_assert_nonnull (strstr (run->text, " after "));
  g_assert_null (strstr (run->text, "tail"));
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/extract/rtf/spec-example", test_spec_example);
  g_test_add_func ("/extract/rtf/korean", test_korean_rtf);
  g_test_add_func ("/extract/rtf/encapsulated-html", test_encapsulated_html);
  g_test_add_func ("/extract/rtf/encapsulated-text", test_encapsulated_text);
  g_test_add_func ("/extract/rtf/uncompressed", test_uncompressed);
  g_test_add_func ("/extract/rtf/hostile/cut-and-damaged", test_cut_and_damaged);
  g_test_add_func ("/extract/rtf/hostile/absurd", test_absurd_rtf);
  return g_test_run ();
}
