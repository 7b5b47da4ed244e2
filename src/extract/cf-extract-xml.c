/* cf-extract-xml.c — XML from untrusted documents, and the text sink the
 * XML-based readers write through.
 *
 * Office, OpenDocument and HWPX parts are XML written by whoever sent the
 * file. libxml2's streaming reader keeps memory flat (a node at a time);
 * the options leave out everything that makes XML dangerous: no entity
 * substitution (XML_PARSE_NOENT), no DTD loading, no network, and no
 * XML_PARSE_HUGE, so libxml2's own depth and size limits and its entity
 * amplification check stay on. On top of that the prolog is watched as
 * the bytes arrive and a document type declaration is refused before the
 * parser sees its internal subset: none of these formats has one, and it
 * is where billion-laughs bombs and external entities live. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-xml.h"

#include <libxml/parser.h>
#include <string.h>

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)
/* A prolog (declaration, comments) longer than this is not a document. */
#define MAX_PROLOG (64 * 1024)

typedef enum
{
  GUARD_PROLOG,       /* between constructs */
  GUARD_LT,           /* after '<' */
  GUARD_PI,           /* in <? … ?> */
  GUARD_PI_Q,         /* after '?' in a PI */
  GUARD_BANG,         /* after "<!" */
  GUARD_BANG_DASH,    /* after "<!-" */
  GUARD_COMMENT,      /* in <!-- … --> */
  GUARD_COMMENT_D1,   /* after '-' in a comment */
  GUARD_COMMENT_D2,   /* after "--" in a comment */
  GUARD_DONE,         /* the root element has started */
} GuardState;

struct _CfXml
{
  xmlTextReaderPtr reader;
  CfZip *zip;
  GInputStream *stream;
  char *name;
  guint64 produced;

  GuardState guard;
  gsize prolog_bytes;
  gboolean refused;

  GError *io_error;
  char *parse_error;
  gboolean parse_error_fatal;
  int type;
  gboolean pending;      /* cf_xml_skip already moved to the next node */
  gboolean ended;
  gboolean failed;

  const xmlChar *ns_uri; /* the last namespace classified (libxml2 interns them) */
  CfNs ns;
};

static const struct
{
  const char *uri;
  CfNs ns;
} namespaces[] = {
  { "http://schemas.openxmlformats.org/package/2006/relationships", CF_NS_PKG_RELS },
  { "http://schemas.openxmlformats.org/officeDocument/2006/relationships", CF_NS_OFFICE_RELS },
  { "http://purl.oclc.org/ooxml/officeDocument/relationships", CF_NS_OFFICE_RELS },
  { "http://schemas.openxmlformats.org/wordprocessingml/2006/main", CF_NS_W },
  { "http://purl.oclc.org/ooxml/wordprocessingml/main", CF_NS_W },
  { "http://schemas.openxmlformats.org/spreadsheetml/2006/main", CF_NS_S },
  { "http://purl.oclc.org/ooxml/spreadsheetml/main", CF_NS_S },
  { "http://schemas.openxmlformats.org/presentationml/2006/main", CF_NS_P },
  { "http://purl.oclc.org/ooxml/presentationml/main", CF_NS_P },
  { "http://schemas.openxmlformats.org/drawingml/2006/main", CF_NS_A },
  { "http://purl.oclc.org/ooxml/drawingml/main", CF_NS_A },
  { "http://schemas.openxmlformats.org/markup-compatibility/2006", CF_NS_MC },
  { "http://schemas.openxmlformats.org/package/2006/metadata/core-properties", CF_NS_CP },
  { "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties", CF_NS_EP },
  { "http://purl.oclc.org/ooxml/officeDocument/extendedProperties", CF_NS_EP },
  { "http://purl.org/dc/elements/1.1/", CF_NS_DC },
  { "http://purl.org/dc/terms/", CF_NS_DCTERMS },
  { "urn:oasis:names:tc:opendocument:xmlns:office:1.0", CF_NS_ODF_OFFICE },
  { "urn:oasis:names:tc:opendocument:xmlns:text:1.0", CF_NS_ODF_TEXT },
  { "urn:oasis:names:tc:opendocument:xmlns:table:1.0", CF_NS_ODF_TABLE },
  { "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0", CF_NS_ODF_DRAW },
  { "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0", CF_NS_ODF_PRESENTATION },
  { "urn:oasis:names:tc:opendocument:xmlns:meta:1.0", CF_NS_ODF_META },
  { "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0", CF_NS_ODF_MANIFEST },
  { "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0", CF_NS_SVG },
  { "http://www.idpf.org/2007/opf/", CF_NS_OPF },
  { "http://www.idpf.org/2007/opf", CF_NS_OPF },
  { "http://www.w3.org/1999/xlink", CF_NS_XLINK },
};

/* Nothing in a document may make the parser open another resource. */
static xmlParserInputPtr
no_external_entities (const char       *url,
                      const char       *id,
                      xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

static void
init_libxml (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (no_external_entities);
      g_once_init_leave (&once, 1);
    }
}

/* Follows the prolog byte by byte until the root element starts. NUL
 * bytes are passed over, so that the ASCII of a UTF-16 prolog is seen
 * too. Returns FALSE on a document type declaration. */
static gboolean
guard_prolog (CfXml        *xml,
              const guint8 *data,
              gsize         len)
{
  for (gsize i = 0; i < len && xml->guard != GUARD_DONE; i++)
    {
      guint8 c = data[i];

      if (c == 0)
        continue;
      if (++xml->prolog_bytes > MAX_PROLOG)
        return FALSE;
      switch (xml->guard)
        {
        case GUARD_PROLOG:
          if (c == '<')
            xml->guard = GUARD_LT;
          break;
        case GUARD_LT:
          xml->guard = c == '?' ? GUARD_PI : c == '!' ? GUARD_BANG : GUARD_DONE;
          break;
        case GUARD_PI:
          if (c == '?')
            xml->guard = GUARD_PI_Q;
          break;
        case GUARD_PI_Q:
          xml->guard = c == '>' ? GUARD_PROLOG : c == '?' ? GUARD_PI_Q : GUARD_PI;
          break;
        case GUARD_BANG:
          if (c != '-')
            return FALSE;  /* <!DOCTYPE (or worse) */
          xml->guard = GUARD_BANG_DASH;
          break;
        case GUARD_BANG_DASH:
          if (c != '-')
            return FALSE;
          xml->guard = GUARD_COMMENT;
          break;
        case GUARD_COMMENT:
          if (c == '-')
            xml->guard = GUARD_COMMENT_D1;
          break;
        case GUARD_COMMENT_D1:
          xml->guard = c == '-' ? GUARD_COMMENT_D2 : GUARD_COMMENT;
          break;
        case GUARD_COMMENT_D2:
          xml->guard = c == '>' ? GUARD_PROLOG : c == '-' ? GUARD_COMMENT_D2 : GUARD_COMMENT;
          break;
        case GUARD_DONE:
          break;
        }
    }
  return TRUE;
}

static int
read_source (void *context,
             char *buffer,
             int   len)
{
  CfXml *xml = context;
  gssize n;

  if (xml->io_error != NULL || xml->refused)
    return -1;
  if (xml->zip != NULL)
    n = cf_zip_read (xml->zip, buffer, len, &xml->io_error);
  else
    {
      if (xml->produced >= CF_ZIP_MEMBER_CAP)
        {
          g_set_error (&xml->io_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       "The document is larger than %d MiB; it was read only that far",
                       CF_ZIP_MEMBER_CAP / (1024 * 1024));
          return -1;
        }
      n = g_input_stream_read (xml->stream, buffer,
                               MIN ((guint64) len, CF_ZIP_MEMBER_CAP - xml->produced),
                               NULL, &xml->io_error);
    }
  if (n < 0)
    return -1;
  xml->produced += n;
  if (xml->guard != GUARD_DONE && !guard_prolog (xml, (const guint8 *) buffer, n))
    {
      xml->refused = TRUE;
      return -1;
    }
  return n;
}

/* Keeps the message of the error that stopped the parser (the first
 * fatal one; a recoverable one until then) for cf_xml_finish. */
static void
on_parse_error (void        *arg,
                xmlErrorPtr  error)
{
  CfXml *xml = arg;
  gboolean fatal;

  if (error == NULL || error->level < XML_ERR_ERROR)
    return;
  fatal = error->level == XML_ERR_FATAL;
  if (xml->parse_error != NULL && (xml->parse_error_fatal || !fatal))
    return;
  g_free (xml->parse_error);
  xml->parse_error = g_strstrip (g_strdup_printf ("line %d: %s", error->line,
                                                  error->message ? error->message : "error"));
  xml->parse_error_fatal = fatal;
}

static CfXml *
open_reader (CfXml       *xml,
             GError     **error)
{
  init_libxml ();
  xml->guard = GUARD_PROLOG;
  xml->reader = xmlReaderForIO (read_source, NULL, xml, xml->name, NULL, PARSE_OPTIONS);
  if (xml->reader == NULL)
    {
      /* Without a reader, finishing always reports why. */
      cf_xml_finish (xml, error);
      cf_xml_free (xml);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (xml->reader, on_parse_error, xml);
  return xml;
}

CfXml *
cf_xml_open_member (CfZip       *zip,
                    const char  *member,
                    GError     **error)
{
  CfXml *xml;

  if (!cf_zip_open_member (zip, member, error))
    return NULL;
  xml = g_new0 (CfXml, 1);
  xml->zip = zip;
  xml->name = g_strdup (member);
  return open_reader (xml, error);
}

CfXml *
cf_xml_open_file (const char  *path,
                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFileInputStream *stream = g_file_read (file, NULL, error);
  CfXml *xml;

  if (stream == NULL)
    return NULL;
  xml = g_new0 (CfXml, 1);
  xml->stream = G_INPUT_STREAM (stream);
  xml->name = g_path_get_basename (path);
  return open_reader (xml, error);
}

void
cf_xml_free (CfXml *xml)
{
  if (xml == NULL)
    return;
  if (xml->reader != NULL)
    xmlFreeTextReader (xml->reader);
  g_clear_object (&xml->stream);
  g_clear_error (&xml->io_error);
  g_free (xml->parse_error);
  g_free (xml->name);
  g_free (xml);
}

static gboolean
after_read (CfXml *xml,
            int    r)
{
  if (r != 1)
    {
      xml->ended = TRUE;
      xml->failed = r < 0;
      return FALSE;
    }
  xml->type = xmlTextReaderNodeType (xml->reader);
  if (xml->type == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      /* The prolog guard missed it (an unusual encoding?): still no. */
      xml->refused = TRUE;
      xml->ended = TRUE;
      xml->failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

gboolean
cf_xml_next (CfXml *xml)
{
  if (xml->ended)
    return FALSE;
  if (xml->pending)
    {
      xml->pending = FALSE;
      return TRUE;
    }
  return after_read (xml, xmlTextReaderRead (xml->reader));
}

void
cf_xml_skip (CfXml *xml)
{
  if (xml->ended || xml->pending || xml->type != XML_READER_TYPE_ELEMENT)
    return;
  if (after_read (xml, xmlTextReaderNext (xml->reader)))
    xml->pending = TRUE;
}

gboolean
cf_xml_finish (CfXml   *xml,
               GError **error)
{
  if (xml->refused)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s declares a document type (a DTD, where entity bombs and external "
                   "entities live); it was not read", xml->name);
      return FALSE;
    }
  if (xml->io_error != NULL)
    {
      g_set_error (error, xml->io_error->domain, xml->io_error->code, "%s", xml->io_error->message);
      return FALSE;
    }
  /* Recoverable errors (a bad namespace URI…) do not lose the text. */
  if (xml->failed || xml->reader == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not well-formed XML (%s)",
                   xml->name, xml->parse_error ? xml->parse_error : "unreadable");
      return FALSE;
    }
  return TRUE;
}

gboolean
cf_xml_is_start (CfXml *xml)
{
  return xml->type == XML_READER_TYPE_ELEMENT;
}

gboolean
cf_xml_is_empty (CfXml *xml)
{
  return xml->type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement (xml->reader) == 1;
}

gboolean
cf_xml_is_end (CfXml *xml)
{
  return xml->type == XML_READER_TYPE_END_ELEMENT || cf_xml_is_empty (xml);
}

gboolean
cf_xml_is_text (CfXml *xml)
{
  return xml->type == XML_READER_TYPE_TEXT || xml->type == XML_READER_TYPE_CDATA ||
         xml->type == XML_READER_TYPE_WHITESPACE ||
         xml->type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

int
cf_xml_depth (CfXml *xml)
{
  return xmlTextReaderDepth (xml->reader);
}

static CfNs
classify (CfXml         *xml,
          const xmlChar *uri)
{
  const char *u = (const char *) uri;

  if (uri == NULL)
    return CF_NS_OTHER;
  if (uri == xml->ns_uri)
    return xml->ns;
  xml->ns_uri = uri;
  for (guint i = 0; i < G_N_ELEMENTS (namespaces); i++)
    if (strcmp (u, namespaces[i].uri) == 0)
      return xml->ns = namespaces[i].ns;
  /* Hancom has published the paragraph vocabulary under more than one
   * year; the element names stay the same. */
  if ((g_str_has_prefix (u, "http://www.hancom.co.kr/hwpml/") || strstr (u, "owpml") != NULL) &&
      g_str_has_suffix (u, "/paragraph"))
    return xml->ns = CF_NS_HWP_PARA;
  return xml->ns = CF_NS_OTHER;
}

CfNs
cf_xml_ns (CfXml *xml)
{
  return classify (xml, xmlTextReaderConstNamespaceUri (xml->reader));
}

const char *
cf_xml_local (CfXml *xml)
{
  const char *local = (const char *) xmlTextReaderConstLocalName (xml->reader);

  return local ? local : "";
}

gboolean
cf_xml_is (CfXml      *xml,
           CfNs        ns,
           const char *local)
{
  if (xml->type != XML_READER_TYPE_ELEMENT && xml->type != XML_READER_TYPE_END_ELEMENT)
    return FALSE;
  return strcmp (cf_xml_local (xml), local) == 0 && cf_xml_ns (xml) == ns;
}

const char *
cf_xml_text (CfXml *xml)
{
  const char *value = (const char *) xmlTextReaderConstValue (xml->reader);

  return value ? value : "";
}

char *
cf_xml_attr (CfXml      *xml,
             CfNs        ns,
             const char *local)
{
  char *value = NULL;

  if (xml->type != XML_READER_TYPE_ELEMENT)
    return NULL;
  if (xmlTextReaderMoveToFirstAttribute (xml->reader) != 1)
    return NULL;
  do
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (xml->reader);
      const xmlChar *uri = xmlTextReaderConstNamespaceUri (xml->reader);

      if (name != NULL && strcmp (name, local) == 0 &&
          (ns == CF_NS_OTHER ? uri == NULL : classify (xml, uri) == ns))
        {
          const char *v = (const char *) xmlTextReaderConstValue (xml->reader);

          value = g_strdup (v ? v : "");
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (xml->reader) == 1);
  xmlTextReaderMoveToElement (xml->reader);
  return value;
}

char *
cf_xml_element_text (CfXml *xml,
                     gsize  max)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int depth;

  if (xml->type != XML_READER_TYPE_ELEMENT || cf_xml_is_empty (xml))
    return g_strdup ("");
  depth = cf_xml_depth (xml);
  while (cf_xml_next (xml))
    {
      if (xml->type == XML_READER_TYPE_END_ELEMENT && cf_xml_depth (xml) == depth)
        break;
      if (cf_xml_is_text (xml) && text->len < max)
        {
          const char *t = cf_xml_text (xml);

          g_string_append_len (text, t, MIN (strlen (t), max - text->len));
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The text sink. */

#define SINK_FLUSH (64 * 1024)

void
cf_text_sink_init (CfTextSink      *sink,
                   CfExtractResult *result)
{
  memset (sink, 0, sizeof *sink);
  sink->result = result;
  sink->buf = g_string_sized_new (SINK_FLUSH + 1024);
}

static void
sink_flush (CfTextSink *sink)
{
  if (sink->buf->len == 0)
    return;
  /* Never split a UTF-8 sequence between two appends: the result would
   * replace both halves. */
  {
    const char *end = sink->buf->str + sink->buf->len;
    const char *last = g_utf8_find_prev_char (sink->buf->str, end);
    gsize keep = 0;

    if (last != NULL && (guchar) *last >= 0xC0 &&
        g_utf8_get_char_validated (last, end - last) == (gunichar) -2)
      keep = end - last;
    cf_extract_result_append_text (sink->result, sink->buf->str, sink->buf->len - keep);
    g_string_erase (sink->buf, 0, sink->buf->len - keep);
  }
}

static void
sink_write (CfTextSink *sink,
            const char *text,
            gsize       len)
{
  g_string_append_len (sink->buf, text, len);
  sink->last = text[len - 1];
  if (sink->buf->len >= SINK_FLUSH)
    sink_flush (sink);
}

void
cf_text_sink_text (CfTextSink *sink,
                   const char *text,
                   gssize      len)
{
  if (len < 0)
    len = strlen (text);
  if (len == 0)
    return;
  /* What is owed is not written twice: after a line end nothing more is
   * needed, and a space after a space or a tab adds nothing. */
  if (sink->owed != 0 && sink->page_open && sink->last != '\n' &&
      !(sink->owed == ' ' && (sink->last == ' ' || sink->last == '\t')))
    sink_write (sink, &sink->owed, 1);
  sink->owed = 0;
  sink_write (sink, text, len);
  sink->page_open = TRUE;
  for (gssize i = 0; i < len; i++)
    if ((guchar) text[i] > ' ')
      sink->visible++;
}

void
cf_text_sink_owe (CfTextSink *sink,
                  char        separator)
{
  if (sink->owed != '\n')
    sink->owed = separator;
}

void
cf_text_sink_put (CfTextSink *sink,
                  char        c)
{
  sink->owed = 0;
  sink_write (sink, &c, 1);
  sink->page_open = TRUE;
}

void
cf_text_sink_end_line (CfTextSink *sink)
{
  if (sink->page_open && sink->last != '\n')
    sink_write (sink, "\n", 1);
  sink->owed = 0;
}

void
cf_text_sink_page (CfTextSink *sink)
{
  cf_text_sink_end_line (sink);
  sink_write (sink, "\f", 1);
  sink->page_open = FALSE;
}

void
cf_text_sink_finish (CfTextSink *sink)
{
  if (sink->buf == NULL)
    return;
  cf_text_sink_end_line (sink);
  sink->page_open = FALSE;
  cf_extract_result_append_text (sink->result, sink->buf->str, sink->buf->len);
  g_string_free (sink->buf, TRUE);
  sink->buf = NULL;
}

/* Tables. */

void
cf_tables_reset (CfTables *tables)
{
  if (tables->cells == NULL)
    tables->cells = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_set_size (tables->cells, 0);
}

void
cf_tables_clear (CfTables *tables)
{
  g_clear_pointer (&tables->cells, g_array_unref);
}

void
cf_tables_element (CfTables   *tables,
                   CfTextSink *sink,
                   CfXml      *xml,
                   const char *local)
{
  int zero = 0;

  if (tables->cells == NULL)
    cf_tables_reset (tables);
  if (strcmp (local, "tbl") == 0)
    {
      if (cf_xml_is_start (xml))
        g_array_append_val (tables->cells, zero);
      if (cf_xml_is_end (xml) && tables->cells->len > 0)
        {
          g_array_set_size (tables->cells, tables->cells->len - 1);
          cf_text_sink_owe (sink, '\n');
        }
    }
  else if (strcmp (local, "tr") == 0 && tables->cells->len > 0)
    {
      if (cf_xml_is_start (xml))
        g_array_index (tables->cells, int, tables->cells->len - 1) = 0;
      /* Now, not owed: the next row's first cell may be empty and its
       * tab must not take the place of the line end. */
      if (cf_xml_is_end (xml))
        cf_text_sink_end_line (sink);
    }
  else if (strcmp (local, "tc") == 0 && tables->cells->len > 0 && cf_xml_is_start (xml))
    {
      int *n = &g_array_index (tables->cells, int, tables->cells->len - 1);

      if ((*n)++ > 0)
        cf_text_sink_put (sink, '\t');
    }
}

gboolean
cf_tables_in_cell (CfTables *tables)
{
  return tables->cells != NULL && tables->cells->len > 0;
}

void
cf_tables_end_paragraph (CfTables   *tables,
                         CfTextSink *sink)
{
  cf_text_sink_owe (sink, cf_tables_in_cell (tables) ? ' ' : '\n');
}

gboolean
cf_xml_manifest_encrypts (CfZip      *zip,
                          const char *member)
{
  g_autoptr(CfXml) xml = NULL;
  g_autofree char *path = NULL;

  if (cf_zip_find (zip, "META-INF/manifest.xml") == NULL)
    return FALSE;
  xml = cf_xml_open_member (zip, "META-INF/manifest.xml", NULL);
  while (xml != NULL && cf_xml_next (xml))
    {
      if (!cf_xml_is_start (xml) || cf_xml_ns (xml) != CF_NS_ODF_MANIFEST)
        continue;
      if (strcmp (cf_xml_local (xml), "file-entry") == 0)
        {
          g_free (path);
          path = cf_xml_attr (xml, CF_NS_ODF_MANIFEST, "full-path");
        }
      else if (strcmp (cf_xml_local (xml), "encryption-data") == 0 &&
               path != NULL && g_ascii_strcasecmp (path, member) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
cf_extract_iso_date (const char *text)
{
  g_autofree char *s = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  const char *t;
  int y, m, d;

  if (text == NULL)
    return NULL;
  s = g_strstrip (g_strdup (text));
  if (strlen (s) == 10 && sscanf (s, "%4d-%2d-%2d", &y, &m, &d) == 3 && s[4] == '-' && s[7] == '-')
    return y >= 1000 && g_date_valid_dmy (d, m, y) ? g_steal_pointer (&s) : NULL;
  dt = g_date_time_new_from_iso8601 (s, utc);
  if (dt == NULL || g_date_time_get_year (dt) < 1000)
    return NULL;
  t = strchr (s, 'T');
  if (t != NULL && (strchr (t, 'Z') || strchr (t, 'z') || strchr (t, '+') || strchr (t, '-')))
    return g_date_time_format_iso8601 (dt);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
}
