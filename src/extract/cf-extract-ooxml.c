/* cf-extract-ooxml.c — Office Open XML: Word (.docx), Excel (.xlsx) and
 * PowerPoint (.pptx).
 *
 * The package's relationships say which part is the document, which are
 * its sheets and slides and in which order, and where the properties are;
 * the names Office usually gives them (word/document.xml…) are only a
 * fallback. Which application made the file is read from the main part's
 * root element, not from the MIME type, since extensions lie.
 *
 * Word: the body, then footnotes, endnotes, comments, headers and footers.
 * Tracked deletions are left out (the text is the document as it reads
 * now) and a warning says the file holds tracked changes.
 * Excel: one page per sheet, a row per line (cf-extract-xlsx.c).
 * PowerPoint: one page per slide, in presentation order, speaker notes
 * after the slide's text.
 * Properties: docProps/core.xml (title, author, created, modified…) and
 * docProps/app.xml (pages of a Word document, application, company).
 * A password-protected file is not a ZIP at all but an OLE container:
 * that is recorded as encrypted.
 * Files in the embeddings folders (nested Office documents, OLE objects,
 * chart workbooks) become children (cf-extract-embedded.c). */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-embedded.h"
#include "cf-extract-ooxml.h"
#include "cf-extract-readers.h"

#include <string.h>

/* A property longer than this is cut. */
#define MAX_PROPERTY (64 * 1024)
#define MAX_RELATIONSHIPS 100000

static void
rel_free (gpointer data)
{
  CfOoxmlRel *rel = data;

  g_free (rel->id);
  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

/* A relationship's target, relative to the folder of the part that holds
 * it, as a part name ("../media/x.png" from word/ is media/x.png). */
static char *
resolve_target (const char *source_part,
                const char *target)
{
  g_autofree char *unescaped = g_uri_unescape_string (target, NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) segments = NULL;
  const char *t = unescaped ? unescaped : target;

  if (t[0] != '/')
    {
      g_auto(GStrv) base = g_strsplit (source_part, "/", -1);

      /* The last segment is the source part's own name. */
      for (guint i = 0; base[i] != NULL && base[i + 1] != NULL; i++)
        g_ptr_array_add (parts, g_strdup (base[i]));
    }
  segments = g_strsplit (t, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (segments[i][0] == '\0' || strcmp (segments[i], ".") == 0)
        continue;
      if (strcmp (segments[i], "..") == 0)
        {
          if (parts->len > 0)
            g_ptr_array_remove_index (parts, parts->len - 1);
          continue;
        }
      g_ptr_array_add (parts, g_strdup (segments[i]));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("/", (char **) parts->pdata);
}

static char *
rels_part_for (const char *part)
{
  const char *slash = strrchr (part, '/');

  if (part[0] == '\0')
    return g_strdup ("_rels/.rels");
  if (slash == NULL)
    return g_strdup_printf ("_rels/%s.rels", part);
  return g_strdup_printf ("%.*s/_rels/%s.rels", (int) (slash - part), part, slash + 1);
}

/* The relationships of a part ("" for the package); missing or broken
 * ones give an empty list and a warning. */
GPtrArray *
cf_ooxml_read_rels (CfZip           *zip,
                    const char      *part,
                    CfExtractResult *result)
{
  GPtrArray *rels = g_ptr_array_new_with_free_func (rel_free);
  g_autofree char *name = rels_part_for (part);
  g_autoptr(CfXml) xml = NULL;
  g_autoptr(GError) error = NULL;

  if (cf_zip_find (zip, name) == NULL)
    return rels;
  xml = cf_xml_open_member (zip, name, &error);
  while (xml != NULL && cf_xml_next (xml))
    {
      g_autofree char *mode = NULL;
      g_autofree char *type = NULL;
      g_autofree char *target = NULL;
      CfOoxmlRel *rel;

      if (!cf_xml_is_start (xml) || !cf_xml_is (xml, CF_NS_PKG_RELS, "Relationship"))
        continue;
      mode = cf_xml_attr (xml, CF_NS_OTHER, "TargetMode");
      type = cf_xml_attr (xml, CF_NS_OTHER, "Type");
      target = cf_xml_attr (xml, CF_NS_OTHER, "Target");
      /* External targets are links to the world, never read. */
      if (type == NULL || target == NULL || (mode && g_ascii_strcasecmp (mode, "External") == 0))
        continue;
      if (rels->len >= MAX_RELATIONSHIPS)
        break;
      rel = g_new0 (CfOoxmlRel, 1);
      rel->id = cf_xml_attr (xml, CF_NS_OTHER, "Id");
      rel->type = g_strdup (strrchr (type, '/') ? strrchr (type, '/') + 1 : type);
      rel->target = resolve_target (part, target);
      g_ptr_array_add (rels, rel);
    }
  if (xml == NULL || !cf_xml_finish (xml, &error))
    cf_extract_result_warn (result, "ooxml-relationships", "The part list %s cannot be read: %s",
                            name, error->message);
  return rels;
}

const CfOoxmlRel *
cf_ooxml_find_rel (GPtrArray  *rels,
                   const char *type,
                   const char *id)
{
  for (guint i = 0; i < rels->len; i++)
    {
      const CfOoxmlRel *rel = g_ptr_array_index (rels, i);

      if ((type == NULL || strcmp (rel->type, type) == 0) &&
          (id == NULL || g_strcmp0 (rel->id, id) == 0))
        return rel;
    }
  return NULL;
}

/* Properties. */

static void
set_date (CfExtractResult *result,
          const char      *key,
          const char      *text)
{
  g_autofree char *iso = cf_extract_iso_date (text);

  if (iso != NULL)
    cf_extract_result_set_string (result, key, iso);
  else if (text != NULL && text[0] != '\0')
    cf_extract_result_warn (result, "bad-date", "The document's %s date “%s” is not a date",
                            key, text);
}

static void
read_core_properties (CfZip           *zip,
                      const char      *part,
                      CfExtractResult *result)
{
  g_autoptr(CfXml) xml = NULL;
  g_autoptr(GError) error = NULL;
  static const struct
  {
    CfNs ns;
    const char *local;
    const char *key;
    gboolean date;
  } fields[] = {
    { CF_NS_DC, "title", "title", FALSE },
    { CF_NS_DC, "subject", "subject", FALSE },
    { CF_NS_DC, "creator", "author", FALSE },
    { CF_NS_DC, "description", "description", FALSE },
    { CF_NS_CP, "keywords", "keywords", FALSE },
    { CF_NS_CP, "lastModifiedBy", "last_modified_by", FALSE },
    { CF_NS_DCTERMS, "created", "date", TRUE },
    { CF_NS_DCTERMS, "modified", "modified", TRUE },
  };

  if (cf_zip_find (zip, part) == NULL)
    return;
  xml = cf_xml_open_member (zip, part, &error);
  while (xml != NULL && cf_xml_next (xml))
    {
      if (!cf_xml_is_start (xml) || cf_xml_depth (xml) != 1)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (cf_xml_is (xml, fields[i].ns, fields[i].local))
          {
            g_autofree char *text = cf_xml_element_text (xml, MAX_PROPERTY);

            if (fields[i].date)
              set_date (result, fields[i].key, text);
            else
              cf_extract_result_set_string (result, fields[i].key, text);
            break;
          }
    }
  if (xml == NULL || !cf_xml_finish (xml, &error))
    cf_extract_result_warn (result, "ooxml-properties", "The document properties cannot be read: %s",
                            error->message);
}

static void
read_app_properties (CfZip           *zip,
                     const char      *part,
                     gboolean         word,
                     CfExtractResult *result)
{
  g_autoptr(CfXml) xml = NULL;
  g_autoptr(GError) error = NULL;

  if (cf_zip_find (zip, part) == NULL)
    return;
  xml = cf_xml_open_member (zip, part, &error);
  while (xml != NULL && cf_xml_next (xml))
    {
      g_autofree char *text = NULL;

      if (!cf_xml_is_start (xml) || cf_xml_depth (xml) != 1 || cf_xml_ns (xml) != CF_NS_EP)
        continue;
      if (strcmp (cf_xml_local (xml), "Pages") == 0 && word)
        {
          gint64 pages;

          text = cf_xml_element_text (xml, 32);
          pages = g_ascii_strtoll (text, NULL, 10);
          /* Word's count as of the last save; only Word keeps one. */
          if (pages > 0)
            cf_extract_result_set_int (result, "pages", pages);
        }
      else if (strcmp (cf_xml_local (xml), "Application") == 0)
        {
          text = cf_xml_element_text (xml, MAX_PROPERTY);
          cf_extract_result_set_string (result, "creator", text);
        }
      else if (strcmp (cf_xml_local (xml), "Company") == 0)
        {
          text = cf_xml_element_text (xml, MAX_PROPERTY);
          cf_extract_result_set_string (result, "company", text);
        }
    }
  if (xml == NULL || !cf_xml_finish (xml, &error))
    cf_extract_result_warn (result, "ooxml-properties", "The application properties cannot be read: %s",
                            error->message);
}

/* Word. */

typedef struct
{
  CfTextSink *sink;
  CfTables tables;
  int in_t;
  int in_r;
  gboolean tracked;
} Word;

static void
word_walk (CfXml *xml,
           Word  *w)
{
  while (cf_xml_next (xml))
    {
      const char *local;
      CfNs ns;

      if (cf_xml_is_text (xml))
        {
          if (w->in_t > 0)
            cf_text_sink_text (w->sink, cf_xml_text (xml), -1);
          continue;
        }
      if (!cf_xml_is_start (xml) && !cf_xml_is_end (xml))
        continue;
      ns = cf_xml_ns (xml);
      local = cf_xml_local (xml);
      /* Newer content comes with an older rendering of itself (text boxes
       * as DrawingML and as VML): read it once. */
      if (ns == CF_NS_MC && strcmp (local, "Fallback") == 0 && cf_xml_is_start (xml))
        {
          cf_xml_skip (xml);
          continue;
        }
      if (ns != CF_NS_W)
        continue;

      if (strcmp (local, "t") == 0)
        {
          w->in_t += cf_xml_is_start (xml);
          w->in_t -= cf_xml_is_end (xml);
        }
      else if (strcmp (local, "r") == 0)
        {
          w->in_r += cf_xml_is_start (xml);
          w->in_r -= cf_xml_is_end (xml);
        }
      else if (strcmp (local, "p") == 0)
        {
          if (cf_xml_is_end (xml))
            cf_tables_end_paragraph (&w->tables, w->sink);
        }
      else if (!cf_xml_is_start (xml))
        cf_tables_element (&w->tables, w->sink, xml, local);
      else if (w->in_r > 0 && (strcmp (local, "tab") == 0 || strcmp (local, "ptab") == 0))
        cf_text_sink_text (w->sink, "\t", 1);
      else if (w->in_r > 0 && (strcmp (local, "br") == 0 || strcmp (local, "cr") == 0))
        cf_text_sink_text (w->sink, "\n", 1);
      else if (w->in_r > 0 && strcmp (local, "noBreakHyphen") == 0)
        cf_text_sink_text (w->sink, "-", 1);
      else if (strcmp (local, "del") == 0 || strcmp (local, "ins") == 0 ||
               strcmp (local, "moveTo") == 0)
        w->tracked = TRUE;
      else if (strcmp (local, "moveFrom") == 0)
        {
          /* Moved text also stands at its new place (moveTo). */
          w->tracked = TRUE;
          cf_xml_skip (xml);
        }
      else
        cf_tables_element (&w->tables, w->sink, xml, local);
    }
  w->in_t = w->in_r = 0;
}

static gboolean
read_word (CfZip           *zip,
           CfXml           *body,
           const char      *main_part,
           CfTextSink      *sink,
           CfExtractResult *result,
           GError         **error)
{
  g_autoptr(GPtrArray) rels = NULL;
  g_autoptr(GError) local_error = NULL;
  Word w = { sink, { NULL }, 0, 0, FALSE };
  const char *extra[] = { "footnotes", "endnotes", "comments", "header", "footer" };

  word_walk (body, &w);
  if (!cf_xml_finish (body, &local_error))
    {
      if (sink->visible == 0)
        {
          cf_tables_clear (&w.tables);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      cf_extract_result_warn (result, "ooxml-damaged", "The text stops early: %s", local_error->message);
      g_clear_error (&local_error);
    }

  /* Notes, comments, headers and footers follow the body. */
  rels = cf_ooxml_read_rels (zip, main_part, result);
  for (guint k = 0; k < G_N_ELEMENTS (extra); k++)
    for (guint i = 0; i < rels->len; i++)
      {
        const CfOoxmlRel *rel = g_ptr_array_index (rels, i);
        g_autoptr(CfXml) xml = NULL;

        if (strcmp (rel->type, extra[k]) != 0 || cf_zip_find (zip, rel->target) == NULL)
          continue;
        cf_tables_reset (&w.tables);
        cf_text_sink_owe (sink, '\n');
        xml = cf_xml_open_member (zip, rel->target, &local_error);
        if (xml != NULL)
          word_walk (xml, &w);
        if (xml == NULL || !cf_xml_finish (xml, &local_error))
          {
            cf_extract_result_warn (result, "ooxml-damaged", "Part of the document cannot be read: %s",
                                    local_error->message);
            g_clear_error (&local_error);
          }
      }
  if (w.tracked)
    cf_extract_result_warn (result, "tracked-changes",
                            "The document holds tracked changes; the text is the document as "
                            "changed, without the deletions");
  cf_tables_clear (&w.tables);
  return TRUE;
}

/* PowerPoint: DrawingML text in shapes and tables, and the speaker
 * notes after each slide's text (what the presenter said is evidence too). */

typedef struct
{
  CfTextSink *sink;
  CfTables tables;
  int in_t;
  gboolean notes;      /* reading a notes page: only its body placeholder */
  gboolean in_body;    /* inside the notes body shape */
} Drawing;

static void
drawing_walk (CfXml   *xml,
              Drawing *d)
{
  while (cf_xml_next (xml))
    {
      const char *local;
      CfNs ns;

      if (cf_xml_is_text (xml))
        {
          if (d->in_t > 0 && (!d->notes || d->in_body))
            cf_text_sink_text (d->sink, cf_xml_text (xml), -1);
          continue;
        }
      if (!cf_xml_is_start (xml) && !cf_xml_is_end (xml))
        continue;
      ns = cf_xml_ns (xml);
      local = cf_xml_local (xml);
      if (ns == CF_NS_MC && strcmp (local, "Fallback") == 0 && cf_xml_is_start (xml))
        {
          cf_xml_skip (xml);
          continue;
        }
      /* A notes page also shows the slide's picture, number, header…:
       * only the shape whose placeholder is the body holds the notes. */
      if (ns == CF_NS_P && d->notes && strcmp (local, "sp") == 0)
        d->in_body = FALSE;
      else if (ns == CF_NS_P && d->notes && strcmp (local, "ph") == 0 && cf_xml_is_start (xml))
        {
          g_autofree char *type = cf_xml_attr (xml, CF_NS_OTHER, "type");

          d->in_body = g_strcmp0 (type, "body") == 0;
        }
      if (ns != CF_NS_A)
        continue;
      if (strcmp (local, "t") == 0)
        {
          d->in_t += cf_xml_is_start (xml);
          d->in_t -= cf_xml_is_end (xml);
        }
      else if (strcmp (local, "p") == 0)
        {
          if (cf_xml_is_end (xml))
            cf_tables_end_paragraph (&d->tables, d->sink);
        }
      else if (strcmp (local, "br") == 0 && cf_xml_is_start (xml))
        cf_text_sink_text (d->sink, "\n", 1);
      else
        cf_tables_element (&d->tables, d->sink, xml, local);
    }
  d->in_t = 0;
}

static void
read_notes (CfZip           *zip,
            const char      *slide,
            guint            number,
            Drawing         *d,
            CfExtractResult *result)
{
  g_autoptr(GPtrArray) rels = cf_ooxml_read_rels (zip, slide, result);
  const CfOoxmlRel *rel = cf_ooxml_find_rel (rels, "notesSlide", NULL);
  g_autoptr(CfXml) xml = NULL;
  g_autoptr(GError) error = NULL;

  if (rel == NULL || cf_zip_find (zip, rel->target) == NULL)
    return;
  cf_tables_reset (&d->tables);
  cf_text_sink_owe (d->sink, '\n');
  d->notes = TRUE;
  d->in_body = FALSE;
  xml = cf_xml_open_member (zip, rel->target, &error);
  if (xml != NULL)
    drawing_walk (xml, d);
  d->notes = FALSE;
  if (xml == NULL || !cf_xml_finish (xml, &error))
    cf_extract_result_warn (result, "ooxml-damaged", "The notes of slide %u cannot be read "
                            "completely: %s", number, error->message);
}

static gboolean
read_powerpoint (CfZip           *zip,
                 CfXml           *presentation,
                 const char      *main_part,
                 CfTextSink      *sink,
                 CfExtractResult *result,
                 GError         **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rels = NULL;
  g_autoptr(GError) local_error = NULL;
  Drawing d = { sink, { NULL }, 0, FALSE, FALSE };

  while (cf_xml_next (presentation))
    if (cf_xml_is_start (presentation) && cf_xml_is (presentation, CF_NS_P, "sldId"))
      {
        char *id = cf_xml_attr (presentation, CF_NS_OFFICE_RELS, "id");

        if (id != NULL)
          g_ptr_array_add (ids, id);
      }
  if (!cf_xml_finish (presentation, &local_error))
    {
      if (ids->len == 0)
        {
          cf_tables_clear (&d.tables);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      cf_extract_result_warn (result, "ooxml-damaged", "The list of slides is damaged: %s",
                              local_error->message);
      g_clear_error (&local_error);
    }

  rels = cf_ooxml_read_rels (zip, main_part, result);
  for (guint i = 0; i < ids->len; i++)
    {
      const CfOoxmlRel *rel = cf_ooxml_find_rel (rels, "slide", g_ptr_array_index (ids, i));
      g_autoptr(CfXml) xml = NULL;

      if (i > 0)
        cf_text_sink_page (sink);
      if (rel == NULL || cf_zip_find (zip, rel->target) == NULL)
        {
          cf_extract_result_warn (result, "ooxml-damaged", "Slide %u is missing from the file", i + 1);
          continue;
        }
      cf_tables_reset (&d.tables);
      xml = cf_xml_open_member (zip, rel->target, &local_error);
      if (xml != NULL)
        drawing_walk (xml, &d);
      if (xml == NULL || !cf_xml_finish (xml, &local_error))
        {
          cf_extract_result_warn (result, "ooxml-damaged", "Slide %u cannot be read completely: %s",
                                  i + 1, local_error->message);
          g_clear_error (&local_error);
        }
      g_clear_pointer (&xml, cf_xml_free);
      read_notes (zip, rel->target, i + 1, &d, result);
    }
  cf_extract_result_set_int (result, "pages", ids->len);
  cf_tables_clear (&d.tables);
  return TRUE;
}

/* The main part: where the package's relationships say, else where
 * Office puts it. */
static char *
find_main_part (CfZip     *zip,
                GPtrArray *rels)
{
  const char *fallbacks[] = { "word/document.xml", "xl/workbook.xml", "ppt/presentation.xml" };
  const CfOoxmlRel *rel = cf_ooxml_find_rel (rels, "officeDocument", NULL);

  if (rel != NULL && cf_zip_find (zip, rel->target) != NULL)
    return g_strdup (cf_zip_find (zip, rel->target));
  for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
    if (cf_zip_find (zip, fallbacks[i]) != NULL)
      return g_strdup (cf_zip_find (zip, fallbacks[i]));
  return NULL;
}

gboolean
cf_extract_ooxml (const CfExtractInput  *input,
                  CfExtractResult       *result,
                  GError               **error)
{
  g_autoptr(CfZip) zip = NULL;
  g_autoptr(GPtrArray) rels = NULL;
  g_autoptr(CfXml) xml = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *main_part = NULL;
  const CfOoxmlRel *core, *app;
  CfTextSink sink;
  guint8 head[8];
  gboolean word = FALSE, known = TRUE, ok = FALSE;

  cf_extract_result_set_extractor (result, "ooxml", 1);
  cf_extract_sniff (input->path, head, sizeof head);
  /* Encrypted packages, and legacy files under a new name. */
  if (cf_extract_is_ole (head, sizeof head))
    return cf_extract_ole_legacy (input, result, error);

  zip = cf_zip_open (input->path, result, &local_error);
  if (zip == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Not an Office document: %s", local_error->message);
      return FALSE;
    }
  rels = cf_ooxml_read_rels (zip, "", result);
  main_part = find_main_part (zip, rels);
  if (main_part == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Not an Office document: the ZIP holds no Word, Excel or PowerPoint part");
      return FALSE;
    }

  cf_text_sink_init (&sink, result);
  xml = cf_xml_open_member (zip, main_part, &local_error);
  while (xml != NULL && cf_xml_next (xml) && !cf_xml_is_start (xml))
    ;
  if (xml == NULL || !cf_xml_is_start (xml))
    {
      if (xml != NULL && cf_xml_finish (xml, &local_error))
        g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is empty", main_part);
      ok = FALSE;
    }
  else if (cf_xml_is (xml, CF_NS_W, "document"))
    {
      word = TRUE;
      ok = read_word (zip, xml, main_part, &sink, result, &local_error);
    }
  else if (cf_xml_is (xml, CF_NS_S, "workbook"))
    ok = cf_ooxml_read_excel (zip, xml, main_part, &sink, result, &local_error);
  else if (cf_xml_is (xml, CF_NS_P, "presentation"))
    ok = read_powerpoint (zip, xml, main_part, &sink, result, &local_error);
  else
    {
      ok = TRUE;
      known = FALSE;
      cf_extract_result_set_text_status (result, CF_TEXT_UNSUPPORTED);
      cf_extract_result_set_problem (result, "An Office Open XML document of a kind Casefile does not "
                                             "read (<%s>)", cf_xml_local (xml));
    }
  cf_text_sink_finish (&sink);

  /* The properties come last in the ZIP as Office writes it. A document
   * whose body cannot be read still gets them. */
  core = cf_ooxml_find_rel (rels, "core-properties", NULL);
  app = cf_ooxml_find_rel (rels, "extended-properties", NULL);
  read_core_properties (zip, core ? core->target : "docProps/core.xml", result);
  read_app_properties (zip, app ? app->target : "docProps/app.xml", word, result);

  if (!ok)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The document cannot be read: %s",
                   local_error->message);
      return FALSE;
    }
  if (known)
    cf_extract_result_set_text_status (result, sink.visible > 0 ? CF_TEXT_OK : CF_TEXT_NONE);
  cf_embedded_read_ooxml (zip, input, result);
  return TRUE;
}
