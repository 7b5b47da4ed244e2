/* cf-extract-text.c — plain text (.txt, .csv, .md…) and HTML.
 *
 * The encoding is decided once from the first MiB — a byte order mark,
 * valid UTF-8, else CP949 (what Korean Windows wrote for decades), else
 * Windows-1252 as a readable last resort — then the whole file is streamed
 * through that decoder, so a multi-gigabyte log costs no memory. The choice
 * is recorded as the document's "encoding". */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-readers.h"

#include <errno.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#define SAMPLE_SIZE (1024 * 1024)
/* HTML is parsed whole; beyond this it is read as far as this goes. */
#define MAX_HTML (64 * 1024 * 1024)

static const char *
detect_encoding (const char *sample,
                 gsize       len,
                 gsize      *skip)
{
  *skip = 0;
  if (len >= 3 && memcmp (sample, "\xEF\xBB\xBF", 3) == 0)
    {
      *skip = 3;
      return "UTF-8";
    }
  if (len >= 2 && memcmp (sample, "\xFF\xFE", 2) == 0)
    {
      *skip = 2;
      return "UTF-16LE";
    }
  if (len >= 2 && memcmp (sample, "\xFE\xFF", 2) == 0)
    {
      *skip = 2;
      return "UTF-16BE";
    }
  if (cf_extract_is_utf8_prefix (sample, len))
    return "UTF-8";
  if (cf_extract_converts_as (sample, len, "CP949"))
    return "CP949";
  return "WINDOWS-1252";
}

/* Streams the file through a decoder into the text. */
static gboolean
stream_text (const CfExtractInput  *input,
             CfExtractResult       *result,
             const char            *charset,
             gsize                  skip,
             GError               **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (input->path);
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, error));
  g_autoptr(GInputStream) in = NULL;
  g_autofree char *buf = g_malloc (65536 + 4);
  gsize carry = 0;

  if (raw == NULL)
    return FALSE;
  if (skip > 0 && g_input_stream_skip (raw, skip, NULL, error) < 0)
    return FALSE;
  if (g_ascii_strcasecmp (charset, "UTF-8") == 0)
    in = g_object_ref (raw);
  else
    {
      g_autoptr(GCharsetConverter) conv = g_charset_converter_new ("UTF-8", charset, error);

      if (conv == NULL)
        return FALSE;
      /* Bytes that do not decode become U+FFFD instead of stopping. */
      g_charset_converter_set_use_fallback (conv, TRUE);
      in = g_converter_input_stream_new (raw, G_CONVERTER (conv));
    }

  for (;;)
    {
      gssize n = g_input_stream_read (in, buf + carry, 65536, NULL, error);
      const char *end;
      gsize len;

      if (n < 0)
        return FALSE;
      len = carry + n;
      if (n == 0)
        {
          cf_extract_result_append_text (result, buf, len);
          break;
        }
      /* Keep a character cut at the end of the block for the next one. */
      g_utf8_validate (buf, len, &end);
      carry = len - (end - buf);
      if (carry >= 4 || g_utf8_get_char_validated (end, carry) != (gunichar) -2)
        carry = 0;
      cf_extract_result_append_text (result, buf, len - carry);
      memmove (buf, buf + len - carry, carry);
    }
  return TRUE;
}

static char *
read_sample (const char  *path,
             gsize       *len,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);
  char *sample;

  if (in == NULL)
    return NULL;
  sample = g_malloc (SAMPLE_SIZE);
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), sample, SAMPLE_SIZE, len, NULL, error))
    {
      g_free (sample);
      return NULL;
    }
  return sample;
}

gboolean
cf_extract_text (const CfExtractInput  *input,
                 CfExtractResult       *result,
                 GError               **error)
{
  g_autofree char *sample = NULL;
  const char *charset;
  gsize len, skip;

  cf_extract_result_set_extractor (result, "text", 1);
  sample = read_sample (input->path, &len, error);
  if (sample == NULL)
    return FALSE;
  charset = detect_encoding (sample, len, &skip);
  cf_extract_result_set_string (result, "encoding", charset);
  if (g_strcmp0 (charset, "WINDOWS-1252") == 0)
    cf_extract_result_warn (result, "encoding-guess",
                            "The text is neither UTF-8 nor CP949; it was read as Windows-1252");
  else if (g_strcmp0 (charset, "CP949") == 0)
    cf_extract_result_warn (result, "encoding-cp949",
                            "The text is not UTF-8; it was read as CP949 (Korean Windows)");
  if (!stream_text (input, result, charset, skip, error))
    return FALSE;
  cf_extract_result_set_text_status (result, cf_extract_result_get_text_length (result) > 0
                                             ? CF_TEXT_OK : CF_TEXT_NONE);
  return TRUE;
}

/* HTML ------------------------------------------------------------------- */

static gboolean
is_block (const char *tag)
{
  static const char *blocks[] = {
    "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
    "blockquote", "pre", "hr", "section", "article", "header", "footer", "dt", "dd", "title", NULL
  };

  for (guint i = 0; blocks[i]; i++)
    if (g_ascii_strcasecmp (tag, blocks[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
walk_html (xmlNode *node,
           GString *text,
           char   **title,
           guint    depth)
{
  for (; node != NULL; node = node->next)
    {
      const char *name = (const char *) node->name;

      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          const char *content = (const char *) node->content;

          if (content == NULL)
            continue;
          /* Runs of white space in HTML are one space. */
          for (const char *p = content; *p; p++)
            {
              if (g_ascii_isspace (*p))
                {
                  if (text->len > 0 && !g_ascii_isspace (text->str[text->len - 1]))
                    g_string_append_c (text, ' ');
                }
              else
                g_string_append_c (text, *p);
            }
          continue;
        }
      if (node->type != XML_ELEMENT_NODE || depth > 256)
        continue;
      if (g_ascii_strcasecmp (name, "script") == 0 || g_ascii_strcasecmp (name, "style") == 0 ||
          g_ascii_strcasecmp (name, "head") == 0)
        {
          if (g_ascii_strcasecmp (name, "head") == 0 && title != NULL)
            for (xmlNode *c = node->children; c; c = c->next)
              if (c->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) c->name, "title") == 0)
                {
                  xmlChar *t = xmlNodeGetContent (c);

                  g_free (*title);
                  *title = g_strstrip (g_strdup ((const char *) t));
                  xmlFree (t);
                }
          continue;
        }
      if (is_block (name) && text->len > 0 && text->str[text->len - 1] != '\n')
        g_string_append_c (text, '\n');
      walk_html (node->children, text, title, depth + 1);
      if (is_block (name) && text->len > 0 && text->str[text->len - 1] != '\n')
        g_string_append_c (text, '\n');
    }
}

char *
cf_extract_html_to_text (const char  *utf8,
                         gsize        len,
                         char       **title)
{
  htmlDocPtr doc;
  GString *text = g_string_new (NULL);

  if (title)
    *title = NULL;
  /* NONET: never fetch anything the page points at. */
  doc = htmlReadMemory (utf8, len, NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_RECOVER | HTML_PARSE_COMPACT);
  if (doc != NULL)
    {
      walk_html (xmlDocGetRootElement (doc), text, title, 0);
      xmlFreeDoc (doc);
    }
  return g_string_free (text, FALSE);
}

gboolean
cf_extract_html (const CfExtractInput  *input,
                 CfExtractResult       *result,
                 GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *declared = NULL;
  g_autofree char *used = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  const char *data;
  gsize len;

  cf_extract_result_set_extractor (result, "html", 1);
  bytes = cf_extract_read_all (input->path, MAX_HTML, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  declared = cf_extract_html_charset (data, len);
  utf8 = cf_extract_to_utf8 (data, len, declared, &used);
  cf_extract_result_set_string (result, "encoding", used);
  text = cf_extract_html_to_text (utf8, strlen (utf8), &title);
  cf_extract_result_set_string (result, "title", title);
  cf_extract_result_append_text (result, text, -1);
  cf_extract_result_set_text_status (result, text[0] ? CF_TEXT_OK : CF_TEXT_NONE);
  return TRUE;
}
