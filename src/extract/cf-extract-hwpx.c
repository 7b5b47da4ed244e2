/* cf-extract-hwpx.c — HWPX, Hancom's XML word processor format (OWPML,
 * KS X 6101): a ZIP whose "mimetype" member says application/hwp+zip,
 * with the body in Contents/section0.xml, section1.xml… and the
 * properties in an OPF package file (Contents/content.hpf).
 *
 * The sections are read in the order of the package's spine (the order
 * Hangul shows them), falling back to their numbers; each starts a new
 * page of the text. Paragraphs (hp:p) are lines, text runs (hp:t) carry
 * the text with tabs, line breaks and special spaces as elements inside
 * them, and tables are rows of tab-separated cells. Korean text is UTF-8
 * in the XML and goes through untouched. Files in BinData/ that are not
 * pictures (OLE objects) become children (cf-extract-embedded.c). */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-embedded.h"
#include "cf-extract-readers.h"
#include "cf-extract-xml.h"
#include "cf-extract-zip.h"

#include <stdio.h>
#include <string.h>

#define MAX_PROPERTY (64 * 1024)
#define MAX_SECTIONS 10000

typedef struct
{
  CfTextSink *sink;
  CfTables tables;
  int in_t;
} Hwpx;

static void
section_walk (CfXml *xml,
              Hwpx  *h)
{
  while (cf_xml_next (xml))
    {
      const char *local;

      if (cf_xml_is_text (xml))
        {
          if (h->in_t > 0)
            cf_text_sink_text (h->sink, cf_xml_text (xml), -1);
          continue;
        }
      if ((!cf_xml_is_start (xml) && !cf_xml_is_end (xml)) || cf_xml_ns (xml) != CF_NS_HWP_PARA)
        continue;
      local = cf_xml_local (xml);
      if (strcmp (local, "t") == 0)
        {
          h->in_t += cf_xml_is_start (xml);
          h->in_t -= cf_xml_is_end (xml);
        }
      else if (strcmp (local, "p") == 0)
        {
          if (cf_xml_is_end (xml))
            cf_tables_end_paragraph (&h->tables, h->sink);
        }
      else if (!cf_xml_is_start (xml))
        cf_tables_element (&h->tables, h->sink, xml, local);
      else if (strcmp (local, "tab") == 0)
        cf_text_sink_text (h->sink, cf_tables_in_cell (&h->tables) ? " " : "\t", 1);
      else if (strcmp (local, "lineBreak") == 0)
        cf_text_sink_text (h->sink, cf_tables_in_cell (&h->tables) ? " " : "\n", 1);
      else if (strcmp (local, "nbSpace") == 0 || strcmp (local, "fwSpace") == 0)
        cf_text_sink_text (h->sink, " ", 1);
      else if (strcmp (local, "hyphen") == 0)
        cf_text_sink_text (h->sink, "-", 1);
      else
        cf_tables_element (&h->tables, h->sink, xml, local);
    }
  h->in_t = 0;
}

/* Hangul writes "date" as words ("2018년 4월 2일 월요일 오전 9:30:00");
 * the day is what the exhibit list needs. */
static char *
korean_date (const char *text)
{
  int y, m, d;

  if (text == NULL || sscanf (text, "%d년 %d월 %d일", &y, &m, &d) != 3 ||
      y < 1000 || y > 9999 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

typedef struct
{
  GHashTable *items;    /* manifest id → href */
  GPtrArray *spine;     /* idrefs in reading order */
  char *date_text;
  gboolean have_date;
} Package;

static void
read_package (CfZip           *zip,
              const char      *hpf,
              Package         *pkg,
              CfExtractResult *result)
{
  g_autoptr(CfXml) xml = NULL;
  g_autoptr(GError) error = NULL;
  static const struct
  {
    const char *name;
    const char *key;
    gboolean date;
  } metas[] = {
    { "creator", "author", FALSE },
    { "subject", "subject", FALSE },
    { "description", "description", FALSE },
    { "lastsaveby", "last_modified_by", FALSE },
    { "keyword", "keywords", FALSE },
    { "CreatedDate", "date", TRUE },
    { "ModifiedDate", "modified", TRUE },
  };

  xml = cf_xml_open_member (zip, hpf, &error);
  while (xml != NULL && cf_xml_next (xml))
    {
      const char *local;

      if (!cf_xml_is_start (xml) || cf_xml_ns (xml) != CF_NS_OPF)
        continue;
      local = cf_xml_local (xml);
      if (strcmp (local, "title") == 0)
        {
          g_autofree char *title = cf_xml_element_text (xml, MAX_PROPERTY);

          cf_extract_result_set_string (result, "title", title);
        }
      else if (strcmp (local, "meta") == 0)
        {
          g_autofree char *name = cf_xml_attr (xml, CF_NS_OTHER, "name");
          g_autofree char *content = cf_xml_attr (xml, CF_NS_OTHER, "content");
          g_autofree char *text = cf_xml_element_text (xml, MAX_PROPERTY);
          const char *value = text;

          /* Hangul puts the value in the element (content="text"); some
           * writers put it in the attribute. */
          if (g_strstrip (text)[0] == '\0' && content != NULL && strcmp (content, "text") != 0)
            value = content;
          if (name == NULL || value[0] == '\0')
            continue;
          if (strcmp (name, "date") == 0)
            {
              g_free (pkg->date_text);
              pkg->date_text = g_strdup (value);
              continue;
            }
          for (guint i = 0; i < G_N_ELEMENTS (metas); i++)
            {
              g_autofree char *iso = NULL;

              if (g_ascii_strcasecmp (name, metas[i].name) != 0)
                continue;
              if (!metas[i].date)
                cf_extract_result_set_string (result, metas[i].key, value);
              else if ((iso = cf_extract_iso_date (value)) != NULL)
                {
                  cf_extract_result_set_string (result, metas[i].key, iso);
                  pkg->have_date |= strcmp (metas[i].key, "date") == 0;
                }
              else
                cf_extract_result_warn (result, "bad-date", "The document's %s date “%s” is not "
                                        "a date", metas[i].key, value);
            }
        }
      else if (strcmp (local, "item") == 0)
        {
          char *id = cf_xml_attr (xml, CF_NS_OTHER, "id");
          char *href = cf_xml_attr (xml, CF_NS_OTHER, "href");

          if (id != NULL && href != NULL && g_hash_table_size (pkg->items) < MAX_SECTIONS * 10)
            g_hash_table_replace (pkg->items, id, href);
          else
            {
              g_free (id);
              g_free (href);
            }
        }
      else if (strcmp (local, "itemref") == 0 && pkg->spine->len < MAX_SECTIONS * 10)
        {
          char *idref = cf_xml_attr (xml, CF_NS_OTHER, "idref");

          if (idref != NULL)
            g_ptr_array_add (pkg->spine, idref);
        }
    }
  if (xml == NULL || !cf_xml_finish (xml, &error))
    cf_extract_result_warn (result, "hwpx-properties", "The document's package file cannot be read "
                            "completely: %s", error->message);
}

/* "Contents/section12.xml" → 12; -1 for anything else. */
static gint64
section_number (const char *name)
{
  const char *base = strrchr (name, '/');
  char *end = NULL;
  gint64 n;

  base = base ? base + 1 : name;
  if (g_ascii_strncasecmp (base, "section", 7) != 0 || !g_ascii_isdigit (base[7]))
    return -1;
  n = g_ascii_strtoll (base + 7, &end, 10);
  return end != NULL && g_ascii_strcasecmp (end, ".xml") == 0 ? n : -1;
}

static int
compare_sections (gconstpointer a,
                  gconstpointer b)
{
  gint64 x = section_number (*(const char **) a), y = section_number (*(const char **) b);

  return x < y ? -1 : x > y;
}

/* The sections in reading order: the spine's, or by their numbers. */
static GPtrArray *
list_sections (CfZip   *zip,
               Package *pkg)
{
  GPtrArray *sections = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *names = cf_zip_get_names (zip);

  for (guint i = 0; i < pkg->spine->len; i++)
    {
      const char *href = g_hash_table_lookup (pkg->items, g_ptr_array_index (pkg->spine, i));
      const char *found;

      if (href == NULL || section_number (href) < 0)
        continue;
      /* Hrefs are relative to the package root in what Hangul writes. */
      found = cf_zip_find (zip, href);
      if (found == NULL && !g_str_has_prefix (href, "Contents/"))
        {
          g_autofree char *in_contents = g_strconcat ("Contents/", href, NULL);

          found = cf_zip_find (zip, in_contents);
        }
      if (found != NULL && sections->len < MAX_SECTIONS)
        g_ptr_array_add (sections, g_strdup (found));
    }
  if (sections->len > 0)
    return sections;

  for (guint i = 0; i < names->len && sections->len < MAX_SECTIONS; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (g_ascii_strncasecmp (name, "Contents/", 9) == 0 && strchr (name + 9, '/') == NULL &&
          section_number (name) >= 0)
        g_ptr_array_add (sections, g_strdup (name));
    }
  g_ptr_array_sort (sections, compare_sections);
  return sections;
}

gboolean
cf_extract_hwpx (const CfExtractInput  *input,
                 CfExtractResult       *result,
                 GError               **error)
{
  g_autoptr(CfZip) zip = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) mimetype = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) spine = g_ptr_array_new_with_free_func (g_free);
  Package pkg = { items, spine, NULL, FALSE };
  CfTextSink sink;
  Hwpx h = { &sink, { NULL }, 0 };
  const char *hpf;
  guint8 head[8];

  cf_extract_result_set_extractor (result, "hwpx", 1);
  cf_extract_sniff (input->path, head, sizeof head);
  /* An HWP 5 file renamed .hwpx (or typed so by a mail client). */
  if (cf_extract_is_ole (head, sizeof head))
    return cf_extract_hwp (input, result, error);

  zip = cf_zip_open (input->path, result, &local_error);
  if (zip == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not an HWPX document: %s",
                   local_error->message);
      return FALSE;
    }
  if (cf_zip_find (zip, "mimetype") != NULL)
    mimetype = cf_zip_read_small (zip, "mimetype", 256, NULL);
  if (mimetype != NULL && !g_str_has_prefix (g_bytes_get_data (mimetype, NULL), "application/hwp+zip"))
    cf_extract_result_warn (result, "hwpx-mimetype", "The document calls itself “%.100s”, not "
                            "application/hwp+zip", (const char *) g_bytes_get_data (mimetype, NULL));

  hpf = cf_zip_find (zip, "Contents/content.hpf");
  if (hpf != NULL)
    read_package (zip, hpf, &pkg, result);
  if (!pkg.have_date && pkg.date_text != NULL)
    {
      g_autofree char *day = korean_date (pkg.date_text);

      cf_extract_result_set_string (result, "date", day);
    }
  g_free (pkg.date_text);

  sections = list_sections (zip, &pkg);
  if (sections->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Not an HWPX document: the ZIP holds no Contents/section0.xml");
      return FALSE;
    }

  cf_text_sink_init (&sink, result);
  for (guint i = 0; i < sections->len; i++)
    {
      const char *name = g_ptr_array_index (sections, i);
      g_autoptr(CfXml) xml = NULL;

      if (i > 0)
        cf_text_sink_page (&sink);
      cf_tables_reset (&h.tables);
      xml = cf_xml_open_member (zip, name, &local_error);
      if (xml != NULL)
        section_walk (xml, &h);
      if (xml != NULL && cf_xml_finish (xml, &local_error))
        continue;

      if (i == 0 && sink.visible == 0 && cf_xml_manifest_encrypts (zip, name))
        {
          cf_text_sink_finish (&sink);
          cf_tables_clear (&h.tables);
          cf_extract_result_set_text_status (result, CF_TEXT_ENCRYPTED);
          cf_extract_result_set_problem (result, "The HWPX document is encrypted with a password; "
                                                 "its text cannot be read without it");
          return TRUE;
        }
      if (i == sections->len - 1 && sink.visible == 0)
        {
          cf_text_sink_finish (&sink);
          cf_tables_clear (&h.tables);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The HWPX document cannot be "
                       "read: %s", local_error->message);
          return FALSE;
        }
      cf_extract_result_warn (result, "hwpx-damaged", "Section %u cannot be read completely: %s",
                              i + 1, local_error->message);
      g_clear_error (&local_error);
    }
  cf_text_sink_finish (&sink);
  cf_tables_clear (&h.tables);
  cf_extract_result_set_int (result, "sections", sections->len);
  cf_extract_result_set_text_status (result, sink.visible > 0 ? CF_TEXT_OK : CF_TEXT_NONE);
  cf_embedded_read_hwpx (zip, input, result);
  return TRUE;
}
