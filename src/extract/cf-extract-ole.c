/* cf-extract-ole.c — OLE compound files through libgsf, the property sets
 * in them, and the reader for legacy Word, Excel and PowerPoint files.
 *
 * Legacy .doc/.xls/.ppt text is not extracted (their binary formats are a
 * project of their own); what is read is what the exhibit list needs —
 * title, author, dates from the SummaryInformation property set — and
 * whether the file is encrypted. The status says plainly that the text is
 * missing, so nobody believes a search covered it.
 *
 * Property sets are parsed here rather than with gsf_msole_metadata_read:
 * HWP's own property set (HwpSummaryInformation) has an identifier libgsf
 * does not know and logs a warning about, and a parser this small can be
 * checked for bounds line by line. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-ole.h"
#include "cf-extract-readers.h"
#include "cf-extract-zip.h"

#include <string.h>

/* A property set stream is a few KiB; more is not a property set. */
#define MAX_PROPERTY_STREAM (1024 * 1024)
#define MAX_PROPERTIES 1000
/* Strings longer than this in a property are cut (titles, authors). */
#define MAX_PROPERTY_STRING 65536

#define VT_I2       2
#define VT_I4       3
#define VT_UI4      19
#define VT_LPSTR    30
#define VT_LPWSTR   31
#define VT_FILETIME 64

#define PID_CODEPAGE        1
#define PIDSI_TITLE         2
#define PIDSI_SUBJECT       3
#define PIDSI_AUTHOR        4
#define PIDSI_KEYWORDS      5
#define PIDSI_COMMENTS      6
#define PIDSI_LASTAUTHOR    8
#define PIDSI_CREATE_DTM    12
#define PIDSI_LASTSAVE_DTM  13
#define PIDSI_PAGECOUNT     14
#define PIDSI_APPNAME       18
#define PIDDSI_SLIDECOUNT   7

struct _CfOle
{
  GsfInfile *infile;
  GLogLevelFlags saved_fatal;
};

/* Where libgsf's complaints go while a file is open (the helper reads one
 * document, on one thread). */
static CfExtractResult *log_target;

static void
on_gsf_log (const char     *domain,
            GLogLevelFlags  level,
            const char     *message,
            gpointer        data)
{
  if (log_target != NULL && (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
    cf_extract_result_warn (log_target, "ole-damaged", "The OLE container has a defect: %s", message);
  else if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    g_log_default_handler (domain, level, message, data);
}

static void
init_gsf (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      const char *domains[] = { "libgsf:msole", "libgsf:utils", "libgsf" };

      gsf_init ();
      for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
        g_log_set_handler (domains[i], G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                           on_gsf_log, NULL);
      g_once_init_leave (&once, 1);
    }
}

CfOle *
cf_ole_open (const char       *path,
             CfExtractResult  *result,
             GError          **error)
{
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GError) local_error = NULL;
  CfOle *ole;

  init_gsf ();
  ole = g_new0 (CfOle, 1);
  /* G_DEBUG=fatal-warnings (tests) must not turn libgsf's warnings about a
   * hostile file into an abort: they are findings, recorded as such. */
  ole->saved_fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  log_target = result;

  input = gsf_input_stdio_new (path, &local_error);
  if (input != NULL)
    ole->infile = gsf_infile_msole_new (input, &local_error);
  if (ole->infile == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not an OLE compound file (%s)",
                   local_error ? local_error->message : "unreadable");
      cf_ole_free (ole);
      return NULL;
    }
  return ole;
}

void
cf_ole_free (CfOle *ole)
{
  if (ole == NULL)
    return;
  g_clear_object (&ole->infile);
  log_target = NULL;
  g_log_set_always_fatal (ole->saved_fatal);
  g_free (ole);
}

gboolean
cf_ole_is_storage (GsfInput *input)
{
  /* Every member of an MS-OLE infile is a GsfInfile; streams are the
   * ones without a list of children. */
  return GSF_IS_INFILE (input) && gsf_infile_num_children (GSF_INFILE (input)) >= 0;
}

GsfInput *
cf_ole_child (CfOle      *ole,
              const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(GsfInput) current = g_object_ref (GSF_INPUT (ole->infile));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GsfInput *child;

      if (!cf_ole_is_storage (current))
        return NULL;
      child = gsf_infile_child_by_name (GSF_INFILE (current), parts[i]);
      if (child == NULL)
        return NULL;
      g_object_unref (current);
      current = child;
    }
  return g_steal_pointer (&current);
}

GBytes *
cf_ole_read_stream (GsfInput  *stream,
                    gsize      max,
                    GError   **error)
{
  gsf_off_t size = gsf_input_size (stream);
  const guint8 *data;

  if (size < 0 || (guint64) size > max)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "%s is larger than %" G_GSIZE_FORMAT
                   " bytes", gsf_input_name (stream), max);
      return NULL;
    }
  if (size == 0)
    return g_bytes_new (NULL, 0);
  data = gsf_input_read (stream, size, NULL);
  if (data == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is cut short",
                   gsf_input_name (stream));
      return NULL;
    }
  return g_bytes_new (data, size);
}

static guint16
rd16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static guint32
rd32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

void
cf_utf16le_append (GString      *out,
                   const guint8 *data,
                   gsize         n_units)
{
  for (gsize i = 0; i < n_units; i++)
    {
      gunichar c = rd16 (data + 2 * i);

      if (c == 0)
        break;
      if (c >= 0xD800 && c < 0xDC00 && i + 1 < n_units)
        {
          gunichar low = rd16 (data + 2 * i + 2);

          if (low >= 0xDC00 && low < 0xE000)
            {
              c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
              i++;
            }
        }
      if (c >= 0xD800 && c < 0xE000)
        c = 0xFFFD;
      g_string_append_unichar (out, c);
    }
}

/* An 8-bit string in the property set's code page. Korean files say 949;
 * a missing or wrong code page falls back to the usual guess. */
static char *
decode_lpstr (const guint8 *data,
              gsize         len,
              int           codepage)
{
  const char *charset = NULL;
  g_autofree char *named = NULL;
  char *out = NULL;

  while (len > 0 && data[len - 1] == 0)
    len--;
  if (codepage == 1200)
    {
      GString *s = g_string_new (NULL);

      cf_utf16le_append (s, data, len / 2);
      return g_string_free (s, FALSE);
    }
  if (codepage == 65001)
    charset = "UTF-8";
  else if (codepage == 949)
    charset = "CP949";
  else if (codepage > 0 && codepage < 65536)
    charset = named = g_strdup_printf ("CP%d", codepage);
  if (charset != NULL)
    out = g_convert ((const char *) data, len, "UTF-8", charset, NULL, NULL, NULL);
  if (out == NULL)
    out = cf_extract_to_utf8 ((const char *) data, len, NULL, NULL);
  return out;
}

static char *
filetime_to_iso (guint64 filetime)
{
  g_autoptr(GDateTime) dt = NULL;
  gint64 seconds;

  /* Zero and tiny values are "never"; FILETIME counts 100 ns from 1601. */
  if (filetime < G_GUINT64_CONSTANT (116444736000000000))
    return NULL;
  seconds = filetime / 10000000 - G_GINT64_CONSTANT (11644473600);
  dt = g_date_time_new_from_unix_utc (seconds);
  return dt ? g_date_time_format_iso8601 (dt) : NULL;
}

typedef struct
{
  guint32 id;
  char *text;       /* strings and dates (ISO) */
  gint64 number;
  gboolean is_number;
} Property;

static void
property_clear (gpointer data)
{
  Property *p = data;

  g_free (p->text);
}

/* The properties of the first section of a property set stream
 * (MS-OLEPS). Every offset and count is checked against what is there. */
static GArray *
parse_property_set (const guint8  *data,
                    gsize          len,
                    GError       **error)
{
  g_autoptr(GArray) props = g_array_new (FALSE, TRUE, sizeof (Property));
  const guint8 *section;
  gsize offset, section_len;
  guint32 n_props;
  int codepage = -1;

  g_array_set_clear_func (props, property_clear);
  if (len < 48 || rd16 (data) != 0xFFFE || rd32 (data + 24) < 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not a property set");
      return NULL;
    }
  offset = rd32 (data + 44);
  if (offset < 48 || offset > len - 8)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "its section lies outside it");
      return NULL;
    }
  section = data + offset;
  section_len = MIN ((gsize) rd32 (section), len - offset);
  if (section_len < 8)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "its section is cut short");
      return NULL;
    }
  n_props = MIN (rd32 (section + 4), (section_len - 8) / 8);
  n_props = MIN (n_props, MAX_PROPERTIES);

  /* The code page first: strings before it in the table need it. */
  for (int pass = 0; pass < 2; pass++)
    for (guint32 i = 0; i < n_props; i++)
      {
        guint32 id = rd32 (section + 8 + 8 * i);
        gsize at = rd32 (section + 12 + 8 * i);
        const guint8 *value;
        gsize avail;
        guint16 type;
        Property p = { id, NULL, 0, FALSE };

        if (at < 8 || at > section_len - 4 || (pass == 0) != (id == PID_CODEPAGE))
          continue;
        type = rd16 (section + at);
        value = section + at + 4;
        avail = section_len - at - 4;
        switch (type)
          {
          case VT_I2:
            if (avail < 2)
              continue;
            p.number = (gint16) rd16 (value);
            p.is_number = TRUE;
            if (id == PID_CODEPAGE)
              codepage = (guint16) p.number;
            break;
          case VT_I4:
          case VT_UI4:
            if (avail < 4)
              continue;
            p.number = type == VT_I4 ? (gint64) (gint32) rd32 (value) : (gint64) rd32 (value);
            p.is_number = TRUE;
            break;
          case VT_LPSTR:
            {
              gsize count;

              if (avail < 4)
                continue;
              count = MIN ((gsize) rd32 (value), avail - 4);
              count = MIN (count, MAX_PROPERTY_STRING);
              p.text = decode_lpstr (value + 4, count, codepage);
              break;
            }
          case VT_LPWSTR:
            {
              GString *s = g_string_new (NULL);
              gsize count;

              if (avail < 4)
                {
                  g_string_free (s, TRUE);
                  continue;
                }
              count = MIN ((gsize) rd32 (value), (avail - 4) / 2);
              count = MIN (count, MAX_PROPERTY_STRING);
              cf_utf16le_append (s, value + 4, count);
              p.text = g_string_free (s, FALSE);
              break;
            }
          case VT_FILETIME:
            if (avail < 8)
              continue;
            p.text = filetime_to_iso (rd32 (value) | ((guint64) rd32 (value + 4) << 32));
            if (p.text == NULL)
              continue;
            break;
          default:
            continue;
          }
        g_array_append_val (props, p);
      }
  return g_steal_pointer (&props);
}

static GArray *
read_property_set (CfOle           *ole,
                   const char      *name,
                   CfExtractResult *result)
{
  g_autoptr(GsfInput) stream = cf_ole_child (ole, name);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *printable = g_strescape (name, NULL);
  GArray *props = NULL;

  if (stream == NULL || cf_ole_is_storage (stream))
    return NULL;
  bytes = cf_ole_read_stream (stream, MAX_PROPERTY_STREAM, &error);
  if (bytes != NULL)
    props = parse_property_set (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (bytes == NULL || props == NULL)
    {
      if (result != NULL)
        cf_extract_result_warn (result, "ole-properties",
                                "The document properties (%s) cannot be read: %s",
                                printable, error->message);
      return NULL;
    }
  return props;
}

gboolean
cf_ole_read_summary (CfOle           *ole,
                     const char      *name,
                     CfExtractResult *result)
{
  g_autoptr(GArray) props = read_property_set (ole, name, result);
  static const struct
  {
    guint32 id;
    const char *key;
  } keys[] = {
    { PIDSI_TITLE, "title" },
    { PIDSI_SUBJECT, "subject" },
    { PIDSI_AUTHOR, "author" },
    { PIDSI_KEYWORDS, "keywords" },
    { PIDSI_COMMENTS, "description" },
    { PIDSI_LASTAUTHOR, "last_modified_by" },
    { PIDSI_CREATE_DTM, "date" },
    { PIDSI_LASTSAVE_DTM, "modified" },
    { PIDSI_APPNAME, "creator" },
  };

  if (props == NULL)
    return FALSE;
  for (guint i = 0; i < props->len; i++)
    {
      Property *p = &g_array_index (props, Property, i);

      if (p->id == PIDSI_PAGECOUNT && p->is_number && p->number > 0)
        cf_extract_result_set_int (result, "pages", p->number);
      if (p->text == NULL)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (keys[k].id == p->id)
          cf_extract_result_set_string (result, keys[k].key, p->text);
    }
  return TRUE;
}

gint64
cf_ole_read_int_property (CfOle      *ole,
                          const char *name,
                          guint32     id)
{
  g_autoptr(GArray) props = read_property_set (ole, name, NULL);

  for (guint i = 0; props != NULL && i < props->len; i++)
    {
      Property *p = &g_array_index (props, Property, i);

      if (p->id == id && p->is_number)
        return p->number;
    }
  return -1;
}

/* Legacy Office. */

typedef enum
{
  LEGACY_UNKNOWN,
  LEGACY_WORD,
  LEGACY_EXCEL,
  LEGACY_POWERPOINT,
} LegacyKind;

/* Word keeps fEncrypted in the FIB's flags (MS-DOC 2.5.2). */
static gboolean
word_is_encrypted (CfOle *ole)
{
  g_autoptr(GsfInput) stream = cf_ole_child (ole, "WordDocument");
  const guint8 *fib;

  if (stream == NULL || gsf_input_size (stream) < 12)
    return FALSE;
  fib = gsf_input_read (stream, 12, NULL);
  return fib != NULL && (rd16 (fib + 10) & 0x0100) != 0;
}

/* An encrypted BIFF8 workbook has a FILEPASS record among its first
 * records. */
static gboolean
excel_is_encrypted (GsfInput *stream)
{
  gsf_off_t size = gsf_input_size (stream);

  for (int i = 0; i < 64 && size - gsf_input_tell (stream) >= 4; i++)
    {
      const guint8 *header = gsf_input_read (stream, 4, NULL);
      guint16 type, len;

      if (header == NULL)
        break;
      type = rd16 (header);
      len = rd16 (header + 2);
      if (type == 0x002F)
        return TRUE;
      if (gsf_input_seek (stream, len, G_SEEK_CUR))
        break;
    }
  return FALSE;
}

gboolean
cf_extract_ole_legacy (const CfExtractInput  *input,
                       CfExtractResult       *result,
                       GError               **error)
{
  g_autoptr(CfOle) ole = NULL;
  g_autoptr(GsfInput) workbook = NULL;
  g_autoptr(GsfInput) encrypted_package = NULL;
  guint8 head[8];
  LegacyKind kind = LEGACY_UNKNOWN;
  gboolean encrypted = FALSE;
  const char *what;

  cf_extract_result_set_extractor (result, "ole-legacy", 1);
  cf_extract_sniff (input->path, head, sizeof head);

  /* Extensions lie: Word happily saves a .docx as "x.doc", and RTF as
   * .doc is older than most lawyers. */
  if (cf_extract_is_zip (head, sizeof head))
    return cf_extract_ooxml (input, result, error);
  if (memcmp (head, "{\\rtf", 5) == 0)
    {
      cf_extract_result_set_text_status (result, CF_TEXT_UNSUPPORTED);
      cf_extract_result_set_problem (result, "This is an RTF document under an Office name; Casefile "
                                             "cannot extract text from RTF yet");
      return TRUE;
    }
  if (!cf_extract_is_ole (head, sizeof head))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Not a Word, Excel or PowerPoint 97–2003 document (not an OLE compound file)");
      return FALSE;
    }
  ole = cf_ole_open (input->path, result, error);
  if (ole == NULL)
    return FALSE;

  encrypted_package = cf_ole_child (ole, "EncryptedPackage");
  if (encrypted_package != NULL)
    {
      /* A password-protected .docx/.xlsx/.pptx is an OLE file around the
       * encrypted package, whatever its name says. */
      cf_extract_result_set_text_status (result, CF_TEXT_ENCRYPTED);
      cf_extract_result_set_problem (result, "The Office document is encrypted with a password; its "
                                             "text and properties cannot be read without it");
      return TRUE;
    }

  workbook = cf_ole_child (ole, "Workbook");
  if (workbook == NULL)
    workbook = cf_ole_child (ole, "Book");
  {
    g_autoptr(GsfInput) word = cf_ole_child (ole, "WordDocument");
    g_autoptr(GsfInput) powerpoint = cf_ole_child (ole, "PowerPoint Document");

    if (word != NULL)
      kind = LEGACY_WORD;
    else if (workbook != NULL)
      kind = LEGACY_EXCEL;
    else if (powerpoint != NULL)
      kind = LEGACY_POWERPOINT;
  }

  cf_ole_read_summary (ole, "\005SummaryInformation", result);
  if (kind == LEGACY_POWERPOINT)
    {
      gint64 slides = cf_ole_read_int_property (ole, "\005DocumentSummaryInformation", PIDDSI_SLIDECOUNT);

      if (slides > 0)
        cf_extract_result_set_int (result, "pages", slides);
    }

  switch (kind)
    {
    case LEGACY_WORD:
      what = "a Word 97–2003 document";
      encrypted = word_is_encrypted (ole);
      break;
    case LEGACY_EXCEL:
      what = "an Excel 97–2003 workbook";
      encrypted = !cf_ole_is_storage (workbook) && excel_is_encrypted (workbook);
      break;
    case LEGACY_POWERPOINT:
      {
        g_autoptr(GsfInput) summary = cf_ole_child (ole, "EncryptedSummary");

        what = "a PowerPoint 97–2003 presentation";
        encrypted = summary != NULL;
        break;
      }
    case LEGACY_UNKNOWN:
    default:
      what = "an OLE file that is not a Word, Excel or PowerPoint document";
      break;
    }

  if (encrypted)
    {
      cf_extract_result_set_text_status (result, CF_TEXT_ENCRYPTED);
      cf_extract_result_set_problem (result, "This is %s encrypted with a password; its text cannot "
                                             "be read without it", what);
      return TRUE;
    }
  cf_extract_result_set_text_status (result, CF_TEXT_UNSUPPORTED);
  cf_extract_result_set_problem (result, "Casefile cannot extract text from legacy "
                                         "Word/Excel/PowerPoint files (this is %s); its properties "
                                         "were read", what);
  return TRUE;
}
