/* cf-extract-odf.c — OpenDocument: text (.odt), spreadsheets (.ods),
 * presentations (.odp) and drawings, packaged (ZIP: content.xml and
 * meta.xml) or flat (.fodt…: one XML file holding both).
 *
 * Text: paragraphs and headings a line each, text:s/text:tab/line breaks
 * as the spaces, tabs and newlines they stand for. Tables: a row per line,
 * cells separated by tabs. Spreadsheets say "this empty cell, 16,000
 * times" and "this row, a million times" (table:number-*-repeated): runs
 * of empty cells and rows are never expanded, and repeated content is
 * written a bounded number of times. One page per sheet and per slide.
 * Speaker notes follow their slide's text. Tracked deletions and the
 * authors of annotations are left out.
 * A password-protected document keeps meta.xml readable but content.xml
 * encrypted: that is recorded as encrypted, with its properties.
 * Objects embedded in a package (draw:object, draw:object-ole) become
 * children (cf-extract-embedded.c). */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-embedded.h"
#include "cf-extract-readers.h"
#include "cf-extract-xml.h"
#include "cf-extract-zip.h"

#include <string.h>

#define MAX_PROPERTY (64 * 1024)
#define MAX_CELL (1024 * 1024)
/* Repeated cells, rows and spaces are written at most this many times. */
#define MAX_REPEAT 64
#define MAX_SPACES 1024

typedef enum
{
  ODF_UNKNOWN,
  ODF_TEXT,
  ODF_SPREADSHEET,
  ODF_PRESENTATION,
  ODF_DRAWING,
} OdfKind;

typedef struct
{
  CfTextSink *sink;
  CfExtractResult *result;
  OdfKind kind;
  int in_para;
  gboolean line_start;  /* nothing written in the paragraph yet */
  gboolean space_owed;  /* XML white space seen, to be written as one space */
  int in_annotation;   /* a comment: read inline, its paragraphs joined by spaces */
  gboolean tracked;
  guint n_pages;       /* draw:page elements */
  guint n_sheets;

  /* The outermost table's current row and cell; nested tables are read
   * into the cell that holds them. */
  int table_depth;
  GString *row;
  guint row_repeat;
  guint64 row_col;
  gint64 row_last;     /* column of the last cell with content, -1 for none */
  GString *cell;
  guint64 cell_repeat;
  gboolean cell_owed;  /* a space is owed before the cell's next text */

  GPtrArray *hrefs;    /* of embedded objects */

  /* Properties. */
  char *initial_creator;
  char *creator;
  gint64 page_count;
} Odf;

static guint64
repeat_attr (CfXml      *xml,
             const char *name)
{
  g_autofree char *value = cf_xml_attr (xml, CF_NS_ODF_TABLE, name);
  guint64 n = value ? g_ascii_strtoull (value, NULL, 10) : 1;

  return CLAMP (n, 1, G_GUINT64_CONSTANT (1) << 32);
}

static void
odf_text (Odf        *o,
          const char *text,
          gssize      len)
{
  if (len < 0)
    len = strlen (text);
  if (len == 0)
    return;
  if (o->cell == NULL)
    {
      cf_text_sink_text (o->sink, text, len);
      return;
    }
  if (o->cell->len >= MAX_CELL)
    return;
  if (o->cell_owed && o->cell->len > 0)
    g_string_append_c (o->cell, ' ');
  o->cell_owed = FALSE;
  /* Tabs and newlines inside a cell would break the row apart. */
  for (gssize i = 0; i < len; i++)
    g_string_append_c (o->cell, text[i] == '\t' || text[i] == '\n' ? ' ' : text[i]);
}

/* Text as the document's XML has it: ODF collapses each run of white
 * space to one space and drops it at the start and end of a paragraph;
 * spaces meant as such are text:s elements. */
static void
odf_xml_text (Odf        *o,
              const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        {
          o->space_owed = TRUE;
          continue;
        }
      if (o->space_owed && !o->line_start)
        g_string_append_c (out, ' ');
      o->space_owed = FALSE;
      o->line_start = FALSE;
      g_string_append_c (out, *p);
    }
  odf_text (o, out->str, out->len);
}

/* Text an element stands for (text:s, text:tab, text:line-break). */
static void
odf_element_text (Odf        *o,
                  const char *text,
                  gsize       len)
{
  if (o->space_owed && !o->line_start)
    odf_text (o, " ", 1);
  o->space_owed = FALSE;
  o->line_start = FALSE;
  odf_text (o, text, len);
}

static void
odf_end_paragraph (Odf *o)
{
  if (o->cell != NULL)
    o->cell_owed = TRUE;
  else
    cf_text_sink_owe (o->sink, o->in_annotation > 0 ? ' ' : '\n');
}

static void
begin_cell (Odf   *o,
            CfXml *xml)
{
  o->cell = g_string_new (NULL);
  o->cell_repeat = repeat_attr (xml, "number-columns-repeated");
  o->cell_owed = FALSE;
}

static void
end_cell (Odf *o)
{
  guint64 n = MIN (o->cell_repeat, MAX_REPEAT);

  if (o->cell->len > 0)
    {
      gint64 tabs = o->row_last < 0 ? (gint64) o->row_col : (gint64) o->row_col - o->row_last;

      tabs = CLAMP (tabs, o->row_last < 0 ? 0 : 1, MAX_REPEAT);
      for (gint64 i = 0; i < tabs; i++)
        g_string_append_c (o->row, '\t');
      for (guint64 i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (o->row, '\t');
          g_string_append_len (o->row, o->cell->str, o->cell->len);
        }
      o->row_last = o->row_col + n - 1;
    }
  o->row_col = MIN (o->row_col + o->cell_repeat, G_GUINT64_CONSTANT (1) << 40);
  g_string_free (o->cell, TRUE);
  o->cell = NULL;
}

static void
end_row (Odf *o)
{
  if (o->row->len > 0)
    for (guint i = 0; i < MIN (o->row_repeat, MAX_REPEAT); i++)
      {
        cf_text_sink_text (o->sink, o->row->str, o->row->len);
        cf_text_sink_put (o->sink, '\n');
      }
  g_string_free (o->row, TRUE);
  o->row = NULL;
}

static void
table_element (Odf        *o,
               CfXml      *xml,
               const char *local)
{
  gboolean start = cf_xml_is_start (xml), end = cf_xml_is_end (xml);

  if (strcmp (local, "table") == 0)
    {
      if (start && o->table_depth++ == 0)
        {
          if (o->kind == ODF_SPREADSHEET)
            {
              g_autofree char *name = cf_xml_attr (xml, CF_NS_ODF_TABLE, "name");

              if (o->n_sheets++ > 0)
                cf_text_sink_page (o->sink);
              cf_extract_result_add_to_list (o->result, "sheets", name ? name : "");
            }
          else
            cf_text_sink_owe (o->sink, '\n');
        }
      if (end && o->table_depth > 0 && --o->table_depth == 0)
        {
          if (o->cell != NULL)
            end_cell (o);
          if (o->row != NULL)
            end_row (o);
          cf_text_sink_owe (o->sink, '\n');
        }
      return;
    }
  if (o->table_depth != 1)
    return;
  if (strcmp (local, "table-row") == 0)
    {
      if (start && o->row == NULL)
        {
          o->row = g_string_new (NULL);
          o->row_repeat = MIN (repeat_attr (xml, "number-rows-repeated"), G_MAXUINT);
          o->row_col = 0;
          o->row_last = -1;
        }
      if (end && o->row != NULL)
        {
          if (o->cell != NULL)
            end_cell (o);
          end_row (o);
        }
    }
  else if (strcmp (local, "table-cell") == 0 || strcmp (local, "covered-table-cell") == 0)
    {
      if (start && o->row != NULL && o->cell == NULL)
        begin_cell (o, xml);
      if (end && o->cell != NULL)
        end_cell (o);
    }
}

static void
meta_element (Odf   *o,
              CfXml *xml)
{
  CfNs ns = cf_xml_ns (xml);
  const char *local = cf_xml_local (xml);
  g_autofree char *text = NULL;

  if (ns == CF_NS_ODF_META && strcmp (local, "document-statistic") == 0)
    {
      g_autofree char *pages = cf_xml_attr (xml, CF_NS_ODF_META, "page-count");

      if (pages != NULL)
        o->page_count = g_ascii_strtoll (pages, NULL, 10);
      return;
    }
  if (ns != CF_NS_DC && ns != CF_NS_ODF_META)
    return;
  text = cf_xml_element_text (xml, MAX_PROPERTY);
  if (ns == CF_NS_DC && strcmp (local, "title") == 0)
    cf_extract_result_set_string (o->result, "title", text);
  else if (ns == CF_NS_DC && strcmp (local, "subject") == 0)
    cf_extract_result_set_string (o->result, "subject", text);
  else if (ns == CF_NS_DC && strcmp (local, "description") == 0)
    cf_extract_result_set_string (o->result, "description", text);
  else if (ns == CF_NS_DC && strcmp (local, "creator") == 0)
    {
      g_free (o->creator);
      o->creator = g_steal_pointer (&text);
    }
  else if (ns == CF_NS_ODF_META && strcmp (local, "initial-creator") == 0)
    {
      g_free (o->initial_creator);
      o->initial_creator = g_steal_pointer (&text);
    }
  else if (ns == CF_NS_ODF_META && strcmp (local, "generator") == 0)
    cf_extract_result_set_string (o->result, "creator", text);
  else if (ns == CF_NS_ODF_META && strcmp (local, "keyword") == 0)
    cf_extract_result_add_to_list (o->result, "keywords", text);
  else if ((ns == CF_NS_ODF_META && strcmp (local, "creation-date") == 0) ||
           (ns == CF_NS_DC && strcmp (local, "date") == 0))
    {
      const char *key = ns == CF_NS_DC ? "modified" : "date";
      g_autofree char *iso = cf_extract_iso_date (text);

      if (iso != NULL)
        cf_extract_result_set_string (o->result, key, iso);
      else if (text[0] != '\0')
        cf_extract_result_warn (o->result, "bad-date", "The document's %s date “%s” is not a date",
                                key, text);
    }
}

/* One walk reads content.xml, meta.xml or a flat document (both). */
static void
odf_walk (Odf   *o,
          CfXml *xml)
{
  int meta_depth = -1;

  while (cf_xml_next (xml))
    {
      const char *local;
      CfNs ns;

      if (cf_xml_is_text (xml))
        {
          if (o->in_para > 0)
            odf_xml_text (o, cf_xml_text (xml));
          continue;
        }
      if (!cf_xml_is_start (xml) && !cf_xml_is_end (xml))
        continue;
      ns = cf_xml_ns (xml);
      local = cf_xml_local (xml);

      if (ns == CF_NS_ODF_OFFICE && strcmp (local, "meta") == 0)
        {
          meta_depth = cf_xml_is_start (xml) && !cf_xml_is_empty (xml) ? cf_xml_depth (xml) : -1;
          continue;
        }
      if (meta_depth >= 0)
        {
          if (cf_xml_is_start (xml) && cf_xml_depth (xml) == meta_depth + 1)
            meta_element (o, xml);
          continue;
        }

      switch (ns)
        {
        case CF_NS_ODF_OFFICE:
          if (cf_xml_is_end (xml) && strcmp (local, "annotation") == 0 && o->in_annotation > 0)
            {
              o->in_annotation--;
              if (o->cell != NULL)
                o->cell_owed = TRUE;
              else
                cf_text_sink_owe (o->sink, ' ');
            }
          if (!cf_xml_is_start (xml))
            break;
          if (strcmp (local, "text") == 0)
            o->kind = ODF_TEXT;
          else if (strcmp (local, "spreadsheet") == 0)
            o->kind = ODF_SPREADSHEET;
          else if (strcmp (local, "presentation") == 0)
            o->kind = ODF_PRESENTATION;
          else if (strcmp (local, "drawing") == 0)
            o->kind = ODF_DRAWING;
          else if (strcmp (local, "annotation") == 0 && !cf_xml_is_empty (xml))
            {
              o->in_annotation++;
              odf_end_paragraph (o);
            }
          /* Styles, scripts and settings of a flat document hold no text
           * of the document; forms hold only controls. */
          else if (strcmp (local, "styles") == 0 || strcmp (local, "automatic-styles") == 0 ||
                   strcmp (local, "master-styles") == 0 || strcmp (local, "scripts") == 0 ||
                   strcmp (local, "settings") == 0 || strcmp (local, "font-face-decls") == 0 ||
                   strcmp (local, "forms") == 0)
            cf_xml_skip (xml);
          break;

        case CF_NS_ODF_TEXT:
          if (strcmp (local, "p") == 0 || strcmp (local, "h") == 0)
            {
              o->in_para += cf_xml_is_start (xml);
              o->line_start = TRUE;
              o->space_owed = FALSE;
              if (cf_xml_is_end (xml))
                {
                  o->in_para = MAX (o->in_para - 1, 0);
                  odf_end_paragraph (o);
                }
            }
          else if (!cf_xml_is_start (xml) || o->in_para == 0)
            {
              if (cf_xml_is_start (xml) && strcmp (local, "tracked-changes") == 0)
                {
                  /* The deleted text lives here, apart from the body. */
                  o->tracked = TRUE;
                  cf_xml_skip (xml);
                }
            }
          else if (strcmp (local, "tab") == 0)
            odf_element_text (o, "\t", 1);
          else if (strcmp (local, "line-break") == 0)
            odf_element_text (o, "\n", 1);
          else if (strcmp (local, "s") == 0)
            {
              g_autofree char *c = cf_xml_attr (xml, CF_NS_ODF_TEXT, "c");
              guint64 n = c ? g_ascii_strtoull (c, NULL, 10) : 1;
              char spaces[MAX_SPACES];

              n = CLAMP (n, 1, MAX_SPACES);
              memset (spaces, ' ', n);
              odf_element_text (o, spaces, n);
            }
          break;

        case CF_NS_ODF_TABLE:
          table_element (o, xml, local);
          break;

        case CF_NS_ODF_DRAW:
          if (strcmp (local, "page") == 0 && cf_xml_is_start (xml))
            {
              if (o->n_pages++ > 0)
                cf_text_sink_page (o->sink);
            }
          else if ((strcmp (local, "object") == 0 || strcmp (local, "object-ole") == 0) &&
                   cf_xml_is_start (xml) && o->hrefs->len < CF_EMBEDDED_MAX_CHILDREN * 2)
            {
              char *href = cf_xml_attr (xml, CF_NS_XLINK, "href");

              if (href != NULL)
                g_ptr_array_add (o->hrefs, href);
            }
          break;

        case CF_NS_DC:
        case CF_NS_SVG:
          /* An annotation's author and date, an image's title and
           * description: not the document's text. */
          if (cf_xml_is_start (xml))
            cf_xml_skip (xml);
          break;

        default:
          break;
        }
    }
  o->in_para = 0;
}

static void
finish_properties (Odf *o)
{
  cf_extract_result_set_string (o->result, "author", o->initial_creator ? o->initial_creator
                                                                        : o->creator);
  cf_extract_result_set_string (o->result, "last_modified_by", o->creator);
  if (o->kind == ODF_PRESENTATION || o->kind == ODF_DRAWING)
    cf_extract_result_set_int (o->result, "pages", o->n_pages);
  else if (o->kind == ODF_TEXT && o->page_count > 0)
    cf_extract_result_set_int (o->result, "pages", o->page_count);
}

static gboolean
read_flat (const CfExtractInput  *input,
           Odf                   *o,
           GError               **error)
{
  g_autoptr(CfXml) xml = NULL;
  g_autoptr(GError) local_error = NULL;

  xml = cf_xml_open_file (input->path, &local_error);
  if (xml != NULL)
    odf_walk (o, xml);
  if (xml == NULL || !cf_xml_finish (xml, &local_error))
    {
      if (o->sink->visible == 0 && o->kind == ODF_UNKNOWN)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Not an OpenDocument file: %s", local_error->message);
          return FALSE;
        }
      cf_extract_result_warn (o->result, "odf-damaged", "The text stops early: %s",
                              local_error->message);
    }
  return TRUE;
}

static gboolean
read_package (const CfExtractInput  *input,
              Odf                   *o,
              GError               **error)
{
  g_autoptr(CfZip) zip = NULL;
  g_autoptr(CfXml) xml = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) mimetype = NULL;

  zip = cf_zip_open (input->path, o->result, &local_error);
  if (zip == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not an OpenDocument file: %s",
                   local_error->message);
      return FALSE;
    }
  if (cf_zip_find (zip, "content.xml") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Not an OpenDocument file: the ZIP holds no content.xml");
      return FALSE;
    }
  if (cf_zip_find (zip, "mimetype") != NULL)
    mimetype = cf_zip_read_small (zip, "mimetype", 256, NULL);
  if (mimetype != NULL &&
      !g_str_has_prefix (g_bytes_get_data (mimetype, NULL), "application/vnd.oasis.opendocument."))
    cf_extract_result_warn (o->result, "odf-mimetype", "The document calls itself “%.100s”, "
                            "not an OpenDocument type", (const char *) g_bytes_get_data (mimetype, NULL));

  xml = cf_xml_open_member (zip, "content.xml", &local_error);
  if (xml != NULL)
    odf_walk (o, xml);
  if (xml == NULL || !cf_xml_finish (xml, &local_error))
    {
      if (o->sink->visible == 0 && cf_xml_manifest_encrypts (zip, "content.xml"))
        {
          cf_extract_result_set_text_status (o->result, CF_TEXT_ENCRYPTED);
          cf_extract_result_set_problem (o->result, "The document is encrypted with a password; its "
                                                    "text cannot be read without it");
        }
      else if (o->sink->visible == 0 && o->kind == ODF_UNKNOWN)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The document cannot be read: %s",
                       local_error->message);
          /* Its properties may still be readable. */
          g_clear_pointer (&xml, cf_xml_free);
          xml = cf_xml_open_member (zip, "meta.xml", NULL);
          if (xml != NULL)
            odf_walk (o, xml);
          return FALSE;
        }
      else
        cf_extract_result_warn (o->result, "odf-damaged", "The text stops early: %s",
                                local_error->message);
      g_clear_error (&local_error);
    }
  g_clear_pointer (&xml, cf_xml_free);

  if (cf_zip_find (zip, "meta.xml") != NULL)
    {
      xml = cf_xml_open_member (zip, "meta.xml", &local_error);
      if (xml != NULL)
        odf_walk (o, xml);
      if (xml == NULL || !cf_xml_finish (xml, &local_error))
        cf_extract_result_warn (o->result, "odf-properties", "The document properties cannot be "
                                "read: %s", local_error->message);
    }
  cf_embedded_read_odf (zip, o->hrefs, input, o->result);
  return TRUE;
}

/* Flat XML starts with '<', maybe after a byte order mark and spaces. */
static gboolean
looks_like_xml (const guint8 *head,
                gsize         len)
{
  gsize i = 0;

  if (len >= 3 && memcmp (head, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  else if (len >= 2 && (memcmp (head, "\xFF\xFE", 2) == 0 || memcmp (head, "\xFE\xFF", 2) == 0))
    return TRUE;
  while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
    i++;
  return i < len && head[i] == '<';
}

gboolean
cf_extract_odf (const CfExtractInput  *input,
                CfExtractResult       *result,
                GError               **error)
{
  CfTextSink sink;
  Odf o = { 0 };
  guint8 head[64];
  gboolean ok;

  cf_extract_result_set_extractor (result, "odf", 1);
  cf_extract_sniff (input->path, head, sizeof head);
  cf_text_sink_init (&sink, result);
  o.sink = &sink;
  o.result = result;
  o.row_last = -1;
  o.hrefs = g_ptr_array_new_with_free_func (g_free);

  if (cf_extract_is_zip (head, sizeof head))
    ok = read_package (input, &o, error);
  else if (looks_like_xml (head, sizeof head))
    ok = read_flat (input, &o, error);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Not an OpenDocument file: neither a ZIP package nor flat XML");
      ok = FALSE;
    }
  cf_text_sink_finish (&sink);
  finish_properties (&o);
  if (o.cell != NULL)
    g_string_free (o.cell, TRUE);
  if (o.row != NULL)
    g_string_free (o.row, TRUE);
  g_free (o.creator);
  g_free (o.initial_creator);
  g_ptr_array_unref (o.hrefs);
  if (!ok)
    return FALSE;

  if (o.tracked)
    cf_extract_result_warn (result, "tracked-changes",
                            "The document holds tracked changes; the text is the document as "
                            "changed, without the deletions");
  if (g_strcmp0 (cf_extract_result_get_text_status (result), CF_TEXT_ENCRYPTED) != 0)
    cf_extract_result_set_text_status (result, sink.visible > 0 ? CF_TEXT_OK : CF_TEXT_NONE);
  return TRUE;
}
