/* cf-extract-xlsx.c — the Excel part of the Office Open XML reader: a
 * page of text per worksheet (form feeds between them), a line per row,
 * cells separated by tabs and kept in their columns (up to a bounded gap).
 *
 * Strings live in the shared string table, which Excel stores after the
 * sheets. Numbers are written as stored, except where the cell's number
 * format makes them dates or times: a transfer log's "2018-04-02 09:30:00"
 * is searchable, its serial number 43192.395833 is not. Formulas are left
 * out (their cached values are the text); hidden sheets are read and
 * flagged, because what a sender hid is often what matters. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-ooxml.h"

#include <math.h>
#include <string.h>

#define MAX_CELL (1024 * 1024)
/* Empty columns before a cell are kept as tabs up to this many. */
#define MAX_COLUMN_GAP 64
/* Excel allows 64,000 cell formats. */
#define MAX_STYLES 65536

typedef enum
{
  NUMBER_PLAIN,
  NUMBER_DATE,
  NUMBER_TIME,
  NUMBER_DATE_TIME,
} NumberKind;

/* What a number format code shows: only its first section (positive
 * numbers) counts; quoted text, escaped characters, fills and colours are
 * not format letters. */
static NumberKind
format_kind (const char *code)
{
  gboolean date = FALSE, time = FALSE, month = FALSE;

  if (g_ascii_strncasecmp (code, "General", 7) == 0)
    return NUMBER_PLAIN;
  for (const char *p = code; *p != '\0' && *p != ';'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (c == '"')
        {
          const char *close = strchr (p + 1, '"');

          if (close == NULL)
            break;
          p = close;
        }
      else if (c == '\\' || c == '_' || c == '*')
        {
          if (p[1] == '\0')
            break;
          p++;
        }
      else if (c == '[')
        {
          const char *close = strchr (p, ']');

          /* [h], [mm], [ss]: elapsed time; [Red], [$-412]: no format letters. */
          if (close != NULL && close > p + 1 && strspn (p + 1, "hHmMsS") == (gsize) (close - p - 1))
            time = TRUE;
          if (close == NULL)
            break;
          p = close;
        }
      else if (c == 'y' || c == 'd')
        date = TRUE;
      else if (c == 'h' || c == 's')
        time = TRUE;
      else if (c == 'm')
        month = TRUE;
    }
  if (month && !time)
    date = TRUE;
  return date && time ? NUMBER_DATE_TIME : date ? NUMBER_DATE : time ? NUMBER_TIME : NUMBER_PLAIN;
}

/* The built-in formats (ECMA-376 18.8.30, and the East Asian ones Korean
 * Excel uses: 27–36 and 50–58 are dates, 32, 33, 55 and 56 times). */
static NumberKind
builtin_kind (guint id)
{
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 34 || id == 35 || id == 36 ||
      (id >= 50 && id <= 54) || id == 57 || id == 58)
    return NUMBER_DATE;
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || id == 32 || id == 33 || id == 55 || id == 56)
    return NUMBER_TIME;
  if (id == 22)
    return NUMBER_DATE_TIME;
  return NUMBER_PLAIN;
}

/* For each cell format (cellXfs), what its numbers are. */
static GArray *
read_styles (CfZip           *zip,
             const char      *part,
             CfExtractResult *result)
{
  GArray *kinds = g_array_new (FALSE, TRUE, sizeof (guint8));
  g_autoptr(GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(CfXml) xml = NULL;
  g_autoptr(GError) error = NULL;
  gboolean in_cell_xfs = FALSE;

  xml = cf_xml_open_member (zip, part, &error);
  while (xml != NULL && cf_xml_next (xml))
    {
      if (cf_xml_is (xml, CF_NS_S, "cellXfs"))
        in_cell_xfs = cf_xml_is_start (xml) && !cf_xml_is_empty (xml);
      else if (!cf_xml_is_start (xml))
        continue;
      else if (cf_xml_is (xml, CF_NS_S, "numFmt"))
        {
          g_autofree char *id = cf_xml_attr (xml, CF_NS_OTHER, "numFmtId");
          g_autofree char *code = cf_xml_attr (xml, CF_NS_OTHER, "formatCode");

          if (id != NULL && code != NULL && g_hash_table_size (custom) < MAX_STYLES)
            g_hash_table_insert (custom, GUINT_TO_POINTER (g_ascii_strtoull (id, NULL, 10)),
                                 GUINT_TO_POINTER (format_kind (code)));
        }
      else if (in_cell_xfs && cf_xml_is (xml, CF_NS_S, "xf") && kinds->len < MAX_STYLES)
        {
          g_autofree char *id = cf_xml_attr (xml, CF_NS_OTHER, "numFmtId");
          guint n = id ? g_ascii_strtoull (id, NULL, 10) : 0;
          guint8 kind;

          /* A workbook's own format replaces a built-in of the same id. */
          if (g_hash_table_contains (custom, GUINT_TO_POINTER (n)))
            kind = GPOINTER_TO_UINT (g_hash_table_lookup (custom, GUINT_TO_POINTER (n)));
          else
            kind = builtin_kind (n);
          g_array_append_val (kinds, kind);
        }
    }
  if (xml == NULL || !cf_xml_finish (xml, &error))
    cf_extract_result_warn (result, "ooxml-damaged", "The workbook's cell formats cannot be read "
                            "(dates may show as numbers): %s", error->message);
  return kinds;
}

/* A serial date (days since 1899-12-30, or 1904-01-01) as ISO 8601. */
static char *
serial_to_iso (const char *text,
               NumberKind  kind,
               gboolean    date1904)
{
  g_autoptr(GDateTime) base = NULL;
  g_autoptr(GDateTime) dt = NULL;
  char *end = NULL;
  double serial = g_ascii_strtod (text, &end);
  gint64 days, seconds;

  if (end == text || *end != '\0' || !isfinite (serial) || serial < 0 || serial >= 2958466)
    return NULL;
  /* Not negative: truncating is flooring, and +0.5 rounds (no libm). */
  days = (gint64) serial;
  seconds = (gint64) ((serial - days) * 86400 + 0.5);
  if (seconds >= 86400)
    {
      days++;
      seconds -= 86400;
    }
  if (kind == NUMBER_TIME)
    return g_strdup_printf ("%02d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  /* Day 0 is no date; day 60 is 1900-02-29, which Excel counts (Lotus
   * did) and the calendar does not: such cells keep their number. */
  if (days == 0 || (!date1904 && days == 60))
    return NULL;
  if (date1904)
    base = g_date_time_new_utc (1904, 1, 1, 0, 0, 0);
  else
    base = g_date_time_new_utc (1899, 12, days < 60 ? 31 : 30, 0, 0, 0);
  dt = g_date_time_add_seconds (base, (double) days * 86400 + seconds);
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, kind == NUMBER_DATE ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S");
}

typedef struct
{
  GString *pool;   /* the strings, each ended by a NUL */
  GArray *starts;  /* guint32 offsets into pool (a part is at most 256 MiB) */
} SharedStrings;

static void
read_shared_strings (CfZip           *zip,
                     const char      *part,
                     SharedStrings   *strings,
                     CfExtractResult *result)
{
  g_autoptr(CfXml) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) current = g_string_new (NULL);
  int in_t = 0;
  gboolean in_si = FALSE;

  xml = cf_xml_open_member (zip, part, &error);
  while (xml != NULL && cf_xml_next (xml))
    {
      if (cf_xml_is_text (xml))
        {
          if (in_si && in_t > 0 && current->len < MAX_CELL)
            g_string_append (current, cf_xml_text (xml));
          continue;
        }
      if (cf_xml_ns (xml) != CF_NS_S)
        continue;
      if (cf_xml_is (xml, CF_NS_S, "si"))
        {
          if (cf_xml_is_start (xml))
            {
              in_si = TRUE;
              g_string_truncate (current, 0);
            }
          if (cf_xml_is_end (xml) && in_si)
            {
              guint32 start = strings->pool->len;

              g_array_append_val (strings->starts, start);
              g_string_append_len (strings->pool, current->str, current->len + 1);
              in_si = FALSE;
            }
        }
      else if (cf_xml_is (xml, CF_NS_S, "t"))
        {
          in_t += cf_xml_is_start (xml);
          in_t -= cf_xml_is_end (xml);
        }
      else if (cf_xml_is (xml, CF_NS_S, "rPh") && cf_xml_is_start (xml))
        cf_xml_skip (xml);  /* phonetic guides repeat the text in kana */
    }
  if (xml == NULL || !cf_xml_finish (xml, &error))
    cf_extract_result_warn (result, "ooxml-damaged", "The workbook's shared strings cannot be read "
                            "completely (%u read): %s", strings->starts->len, error->message);
}

/* "AB12" → 27; -1 when it is no cell reference. */
static int
column_of (const char *ref)
{
  int col = 0, letters = 0;

  if (ref == NULL)
    return -1;
  for (; g_ascii_isalpha (*ref); ref++)
    {
      if (++letters > 3)
        return -1;
      col = col * 26 + (g_ascii_toupper (*ref) - 'A' + 1);
    }
  return letters > 0 && col <= 16384 ? col - 1 : -1;
}

typedef struct
{
  CfTextSink *sink;
  SharedStrings *strings;
  GArray *styles;      /* NumberKind per cell format */
  gboolean date1904;
  int last_col;        /* of the last cell written in this row, -1 for none */
  int next_col;
  int col;
  char *type;
  guint style;
  GString *value;
  gboolean in_c, in_v;
  int in_t;
  gboolean bad_index;
} Sheet;

static void
emit_cell (Sheet *s)
{
  const char *v = s->value->str;
  g_autofree char *date = NULL;
  int tabs;

  if (g_strcmp0 (s->type, "s") == 0)
    {
      char *end = NULL;
      guint64 i = g_ascii_strtoull (v, &end, 10);

      if (end == v || i >= s->strings->starts->len)
        {
          s->bad_index = TRUE;
          return;
        }
      v = s->strings->pool->str + g_array_index (s->strings->starts, guint32, i);
    }
  else if (g_strcmp0 (s->type, "b") == 0)
    v = strcmp (v, "1") == 0 ? "TRUE" : strcmp (v, "0") == 0 ? "FALSE" : v;
  else if ((s->type == NULL || strcmp (s->type, "n") == 0) && s->style < s->styles->len &&
           g_array_index (s->styles, guint8, s->style) != NUMBER_PLAIN &&
           (date = serial_to_iso (v, g_array_index (s->styles, guint8, s->style), s->date1904)) != NULL)
    v = date;
  if (v[0] == '\0')
    return;
  tabs = s->last_col < 0 ? s->col : s->col - s->last_col;
  if (s->last_col >= 0)
    tabs = MAX (tabs, 1);
  tabs = CLAMP (tabs, 0, MAX_COLUMN_GAP);
  for (int i = 0; i < tabs; i++)
    cf_text_sink_put (s->sink, '\t');
  cf_text_sink_text (s->sink, v, -1);
  s->last_col = s->col;
}

static void
sheet_walk (CfXml *xml,
            Sheet *s)
{
  while (cf_xml_next (xml))
    {
      const char *local;

      if (cf_xml_is_text (xml))
        {
          if (s->in_c && (s->in_v || s->in_t > 0) && s->value->len < MAX_CELL)
            g_string_append (s->value, cf_xml_text (xml));
          continue;
        }
      if ((!cf_xml_is_start (xml) && !cf_xml_is_end (xml)) || cf_xml_ns (xml) != CF_NS_S)
        continue;
      local = cf_xml_local (xml);
      if (strcmp (local, "row") == 0)
        {
          if (cf_xml_is_start (xml))
            {
              s->last_col = -1;
              s->next_col = 0;
            }
          if (cf_xml_is_end (xml) && s->last_col >= 0)
            cf_text_sink_put (s->sink, '\n');
        }
      else if (strcmp (local, "c") == 0)
        {
          if (cf_xml_is_start (xml))
            {
              g_autofree char *ref = cf_xml_attr (xml, CF_NS_OTHER, "r");
              int col = column_of (ref);

              g_autofree char *style = cf_xml_attr (xml, CF_NS_OTHER, "s");

              s->col = col >= 0 ? col : s->next_col;
              s->style = style ? MIN (g_ascii_strtoull (style, NULL, 10), G_MAXUINT) : 0;
              g_free (s->type);
              s->type = cf_xml_attr (xml, CF_NS_OTHER, "t");
              g_string_truncate (s->value, 0);
              s->in_c = TRUE;
            }
          if (cf_xml_is_end (xml) && s->in_c)
            {
              emit_cell (s);
              s->next_col = s->col + 1;
              s->in_c = FALSE;
            }
        }
      else if (strcmp (local, "v") == 0)
        s->in_v = cf_xml_is_start (xml) && !cf_xml_is_empty (xml);
      else if (strcmp (local, "t") == 0)
        {
          s->in_t += cf_xml_is_start (xml);
          s->in_t -= cf_xml_is_end (xml);
        }
      else if ((strcmp (local, "rPh") == 0 || strcmp (local, "f") == 0) && cf_xml_is_start (xml))
        cf_xml_skip (xml);
    }
  s->in_c = s->in_v = FALSE;
  s->in_t = 0;
}

typedef struct
{
  char *name;
  char *rid;
  gboolean hidden;
} SheetRef;

static void
sheet_ref_free (gpointer data)
{
  SheetRef *ref = data;

  g_free (ref->name);
  g_free (ref->rid);
  g_free (ref);
}

gboolean
cf_ooxml_read_excel (CfZip           *zip,
                     CfXml           *workbook,
                     const char      *main_part,
                     CfTextSink      *sink,
                     CfExtractResult *result,
                     GError         **error)
{
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (sheet_ref_free);
  g_autoptr(GPtrArray) rels = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) pool = g_string_new (NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GArray) styles = NULL;
  SharedStrings strings = { pool, starts };
  const CfOoxmlRel *shared, *styles_rel;
  guint n_read = 0;
  gboolean bad_index = FALSE, date1904 = FALSE;

  while (cf_xml_next (workbook))
    if (cf_xml_is_start (workbook) && cf_xml_is (workbook, CF_NS_S, "workbookPr"))
      {
        g_autofree char *system = cf_xml_attr (workbook, CF_NS_OTHER, "date1904");

        date1904 = g_strcmp0 (system, "1") == 0 || g_strcmp0 (system, "true") == 0;
      }
    else if (cf_xml_is_start (workbook) && cf_xml_is (workbook, CF_NS_S, "sheet"))
      {
        SheetRef *ref = g_new0 (SheetRef, 1);
        g_autofree char *state = cf_xml_attr (workbook, CF_NS_OTHER, "state");

        ref->name = cf_xml_attr (workbook, CF_NS_OTHER, "name");
        ref->rid = cf_xml_attr (workbook, CF_NS_OFFICE_RELS, "id");
        ref->hidden = state != NULL && strcmp (state, "visible") != 0;
        g_ptr_array_add (sheets, ref);
      }
  if (!cf_xml_finish (workbook, &local_error))
    {
      if (sheets->len == 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      cf_extract_result_warn (result, "ooxml-damaged", "The list of sheets is damaged: %s",
                              local_error->message);
      g_clear_error (&local_error);
    }

  rels = cf_ooxml_read_rels (zip, main_part, result);
  shared = cf_ooxml_find_rel (rels, "sharedStrings", NULL);
  if (shared != NULL && cf_zip_find (zip, shared->target) != NULL)
    read_shared_strings (zip, shared->target, &strings, result);
  styles_rel = cf_ooxml_find_rel (rels, "styles", NULL);
  if (styles_rel != NULL && cf_zip_find (zip, styles_rel->target) != NULL)
    styles = read_styles (zip, styles_rel->target, result);
  else
    styles = g_array_new (FALSE, TRUE, sizeof (guint8));

  for (guint i = 0; i < sheets->len; i++)
    {
      SheetRef *ref = g_ptr_array_index (sheets, i);
      const CfOoxmlRel *rel = ref->rid ? cf_ooxml_find_rel (rels, NULL, ref->rid) : NULL;
      g_autoptr(CfXml) xml = NULL;
      Sheet s = { sink, &strings, styles, date1904, -1, 0, 0, NULL, 0, value, FALSE, FALSE, 0, FALSE };

      cf_extract_result_add_to_list (result, "sheets", ref->name ? ref->name : "");
      /* Chart sheets and macro sheets hold no cells to read. */
      if (rel == NULL || strcmp (rel->type, "worksheet") != 0)
        continue;
      if (n_read++ > 0)
        cf_text_sink_page (sink);
      if (ref->hidden)
        cf_extract_result_warn (result, "hidden-sheet", "The sheet “%s” is hidden in Excel; its "
                                "cells are in the text", ref->name ? ref->name : "");
      xml = cf_xml_open_member (zip, rel->target, &local_error);
      if (xml != NULL)
        sheet_walk (xml, &s);
      g_free (s.type);
      bad_index |= s.bad_index;
      if (xml == NULL || !cf_xml_finish (xml, &local_error))
        {
          cf_extract_result_warn (result, "ooxml-damaged", "The sheet “%s” cannot be read "
                                  "completely: %s", ref->name ? ref->name : "", local_error->message);
          g_clear_error (&local_error);
        }
    }
  if (bad_index)
    cf_extract_result_warn (result, "ooxml-damaged", "Some cells refer to shared strings the "
                            "workbook does not have; they were left out");
  return TRUE;
}

