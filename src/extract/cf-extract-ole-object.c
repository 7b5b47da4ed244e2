/* cf-extract-ole-object.c — what an embedded OLE object holds, as a child.
 *
 * Office wraps what it embeds in an OLE compound file (oleObject1.bin in
 * OOXML, "Object 2" in OpenDocument, BinData in HWP):
 *  - a Packager object (any file dropped into a document) keeps the file
 *    in its \001Ole10Native stream with the name it had: the child is
 *    that file under that name;
 *  - an Acrobat object keeps the PDF in its CONTENTS stream;
 *  - an Office 2007+ object keeps its document in a Package stream;
 *  - a Word/Excel/PowerPoint 97–2003 object is itself the document;
 *  - an equation (Equation Editor, MathType) is typeset text: skipped;
 *  - anything else is kept as it is, under its own name.
 * A Packager object whose stream is damaged is kept as it is, with a
 * warning saying why it was not unpacked.
 *
 * \001Ole10Native (the Packager's OLE 1.0 native data): a 32-bit size,
 * 16-bit 2, the label and the original path as NUL-ended ANSI strings,
 * 32-bit type (0x00030000 for an embedded file, 0x00010000 for a link),
 * a length-prefixed ANSI temporary path, a 32-bit data size and the
 * data; then, in newer files, the temporary path, label and original path
 * again as length-prefixed UTF-16. Every length is checked against what
 * the stream holds. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-embedded-private.h"
#include "cf-extract-ole.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (64 * 1024)
/* Names and paths are at most a few hundred characters; more is not a
 * Packager stream. */
#define MAX_PACKAGE_STRING 4096
#define MAX_COMPOBJ (64 * 1024)

#define PACKAGE_EMBEDDED 0x00030000
#define PACKAGE_LINK     0x00010000

/* Reading a stream field by field --------------------------------------------- */

typedef struct
{
  GsfInput *input;
  gboolean bad;
} Fields;

static const guint8 *
take (Fields *f,
      gsize   len)
{
  const guint8 *data;

  if (f->bad || (guint64) gsf_input_remaining (f->input) < len)
    {
      f->bad = TRUE;
      return NULL;
    }
  if (len == 0)
    return (const guint8 *) "";
  data = gsf_input_read (f->input, len, NULL);
  f->bad = data == NULL;
  return data;
}

static guint32
take_u32 (Fields *f)
{
  const guint8 *p = take (f, 4);

  return p ? GSF_LE_GET_GUINT32 (p) : 0;
}

static guint16
take_u16 (Fields *f)
{
  const guint8 *p = take (f, 2);

  return p ? GSF_LE_GET_GUINT16 (p) : 0;
}

/* An 8-bit string in the writer's code page, which the file does not
 * name: UTF-8 when it is, else the Korean guess (cf_extract_to_utf8). */
static char *
ansi_to_utf8 (const guint8 *data,
              gsize         len)
{
  while (len > 0 && data[len - 1] == 0)
    len--;
  return len > 0 ? cf_extract_to_utf8 ((const char *) data, len, NULL, NULL) : NULL;
}

static char *
take_asciiz (Fields *f)
{
  gsf_off_t start = gsf_input_tell (f->input);
  gsize len = 0;

  /* Byte by byte: the strings are short, and a stream without a NUL in
   * reach is not one of ours. */
  for (;;)
    {
      const guint8 *c = take (f, 1);

      if (c == NULL || len >= MAX_PACKAGE_STRING)
        {
          f->bad = TRUE;
          return NULL;
        }
      if (*c == 0)
        break;
      len++;
    }
  if (gsf_input_seek (f->input, start, G_SEEK_SET))
    {
      f->bad = TRUE;
      return NULL;
    }
  {
    const guint8 *data = take (f, len + 1);

    return data ? ansi_to_utf8 (data, len) : NULL;
  }
}

static char *
take_counted_ansi (Fields *f)
{
  guint32 len = take_u32 (f);
  const guint8 *data;

  if (len > MAX_PACKAGE_STRING)
    {
      f->bad = TRUE;
      return NULL;
    }
  data = take (f, len);
  return data ? ansi_to_utf8 (data, len) : NULL;
}

/* The optional UTF-16 strings at the end: NULL when they are not there. */
static char *
take_counted_unicode (Fields *f)
{
  guint32 n;
  const guint8 *data;
  GString *s;

  if (f->bad || gsf_input_remaining (f->input) < 4)
    return NULL;
  n = take_u32 (f);
  if (n > MAX_PACKAGE_STRING)
    {
      f->bad = TRUE;
      return NULL;
    }
  data = take (f, (gsize) n * 2);
  if (data == NULL)
    return NULL;
  s = g_string_new (NULL);
  cf_utf16le_append (s, data, n);
  return g_string_free (s, FALSE);
}

/* The last component of a Windows or Unix path. */
static char *
path_base_name (const char *path)
{
  const char *base = path;

  if (path == NULL)
    return NULL;
  for (const char *p = path; *p != '\0'; p++)
    if (*p == '\\' || *p == '/' || *p == ':')
      base = p + 1;
  while (*base == ' ')
    base++;
  return base[0] != '\0' ? g_strdup (base) : NULL;
}

/* Copying ---------------------------------------------------------------------- */

static gboolean
copy_gsf (GsfInput         *input,
          guint64           len,
          CfEmbeddedChild  *child,
          GError          **error)
{
  g_autofree guint8 *buf = g_malloc (CHUNK);

  while (len > 0)
    {
      gsize n = MIN (len, CHUNK);

      if (gsf_input_read (input, n, buf) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "its data is shorter than it says (a damaged file?)");
          return FALSE;
        }
      if (!cf_embedded_child_write (child, buf, n, error))
        return FALSE;
      len -= n;
    }
  return TRUE;
}

static void
add_from_stream (CfEmbedded *embedded,
                 const char *what,
                 const char *name,
                 const char *mime_type,
                 GsfInput   *input,
                 gsf_off_t   offset,
                 guint64     len)
{
  CfEmbeddedChild *child = cf_embedded_child_begin (embedded, what, name, mime_type);
  g_autoptr(GError) error = NULL;

  if (child == NULL)
    return;
  if (gsf_input_seek (input, offset, G_SEEK_SET))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "its data cannot be reached");
  if (error != NULL || !copy_gsf (input, len, child, &error))
    cf_embedded_child_abandon (child, error->message);
  else
    cf_embedded_child_end (child);
}

static void
add_whole_file (CfEmbedded *embedded,
                const char *path,
                const char *what,
                const char *name,
                const char *mime_type)
{
  CfEmbeddedChild *child = cf_embedded_child_begin (embedded, what, name, mime_type);
  g_autofree guint8 *buf = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  if (child == NULL)
    return;
  buf = g_malloc (CHUNK);
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "its copy cannot be read back");
  while (error == NULL)
    {
      ssize_t n = read (fd, buf, CHUNK);

      if (n == 0)
        break;
      if (n < 0)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "its copy cannot be read back");
      else
        cf_embedded_child_write (child, buf, n, &error);
    }
  if (fd >= 0)
    close (fd);
  if (error != NULL)
    cf_embedded_child_abandon (child, error->message);
  else
    cf_embedded_child_end (child);
}

/* What the object says it is ---------------------------------------------------- */

static gboolean
has_stream (CfOle      *ole,
            const char *name)
{
  g_autoptr(GsfInput) input = cf_ole_child (ole, name);

  return input != NULL && !cf_ole_is_storage (input);
}

/* The ProgID in \001CompObj ([MS-OLEDS] 2.3.8: a 28-byte header, the
 * user type, the clipboard format, then the ProgID), or NULL. */
static char *
read_prog_id (CfOle *ole)
{
  g_autoptr(GsfInput) input = cf_ole_child (ole, "\001CompObj");
  Fields f = { input, FALSE };
  guint32 len, marker;
  const guint8 *data;

  if (input == NULL || cf_ole_is_storage (input) || gsf_input_size (input) > MAX_COMPOBJ)
    return NULL;
  take (&f, 28);
  len = take_u32 (&f);                       /* AnsiUserType */
  take (&f, len);
  marker = take_u32 (&f);                    /* AnsiClipboardFormat */
  if (marker == 0xFFFFFFFF || marker == 0xFFFFFFFE)
    take (&f, 4);
  else
    take (&f, marker);
  len = take_u32 (&f);                       /* Reserved1: the ProgID */
  if (f.bad || len == 0 || len > 256)
    return NULL;
  data = take (&f, len);
  if (data == NULL)
    return NULL;
  for (guint32 i = 0; i < len; i++)
    if (data[i] == 0)
      return i > 0 ? g_strndup ((const char *) data, i) : NULL;
    else if (data[i] < 0x20 || data[i] >= 0x7F)
      return NULL;
  return g_strndup ((const char *) data, len);
}

static const char *
package_extension (const char *prog_id)
{
  if (prog_id == NULL)
    return ".zip";
  if (g_str_has_prefix (prog_id, "Word."))
    return strstr (prog_id, "MacroEnabled") ? ".docm" : ".docx";
  if (g_str_has_prefix (prog_id, "Excel."))
    return strstr (prog_id, "MacroEnabled") ? ".xlsm" : ".xlsx";
  if (g_str_has_prefix (prog_id, "PowerPoint."))
    return strstr (prog_id, "MacroEnabled") ? ".pptm" : ".pptx";
  return ".zip";
}

/* The Packager's file. FALSE (with why) when the stream is not one. */
static gboolean
add_package (CfEmbedded  *embedded,
             CfOle       *ole,
             const char  *what,
             const char  *name,
             GError     **error)
{
  g_autoptr(GsfInput) input = cf_ole_child (ole, "\001Ole10Native");
  Fields f = { input, FALSE };
  g_autofree char *label = NULL;
  g_autofree char *path = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *wide_temp = NULL;
  g_autofree char *wide_label = NULL;
  g_autofree char *wide_path = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *guessed = NULL;
  guint32 type, data_len;
  gsf_off_t data_offset;

  take_u32 (&f);                             /* the size of what follows */
  if (take_u16 (&f) != 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "its native data is not a packaged file");
      return FALSE;
    }
  label = take_asciiz (&f);
  path = take_asciiz (&f);
  type = take_u32 (&f);
  if (!f.bad && type == PACKAGE_LINK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "it is a link to %s, not the file itself", path ? path : "a file elsewhere");
      return FALSE;
    }
  if (!f.bad && type != PACKAGE_EMBEDDED)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "its packaged file is of an unknown kind (0x%08X)", type);
      return FALSE;
    }
  temp_path = take_counted_ansi (&f);
  data_len = take_u32 (&f);
  data_offset = gsf_input_tell (input);
  if (f.bad || data_len > (guint64) gsf_input_remaining (input))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "its packaged file is cut short or its header is damaged");
      return FALSE;
    }
  /* The Unicode names follow the data, when the writer added them. */
  if (!gsf_input_seek (input, data_len, G_SEEK_CUR))
    {
      wide_temp = take_counted_unicode (&f);
      wide_label = take_counted_unicode (&f);
      wide_path = take_counted_unicode (&f);
    }

  /* The name the file had: its path's, else the label shown for it. */
  file_name = path_base_name (wide_path);
  if (file_name == NULL)
    file_name = path_base_name (wide_label);
  if (file_name == NULL)
    file_name = path_base_name (path);
  if (file_name == NULL)
    file_name = path_base_name (label);
  if (file_name == NULL)
    file_name = path_base_name (wide_temp ? wide_temp : temp_path);
  if (file_name == NULL)
    {
      g_autofree char *stem = cf_embedded_stem (name);

      file_name = g_strconcat (stem, ".bin", NULL);
      cf_extract_result_warn (cf_embedded_get_result (embedded), "embedded-nameless",
                              "The file packaged in %s has no name; it was called %s", what,
                              file_name);
    }
  guessed = g_content_type_guess (file_name, NULL, 0, NULL);
  mime_type = guessed && !g_content_type_is_unknown (guessed) ? g_content_type_get_mime_type (guessed)
                                                                : NULL;
  add_from_stream (embedded, what, file_name, mime_type ? mime_type : "application/octet-stream",
                   input, data_offset, data_len);
  return TRUE;
}

/* The start of a stream, to see what it holds. */
static gboolean
stream_starts_with (CfOle      *ole,
                    const char *name,
                    const char *magic)
{
  g_autoptr(GsfInput) input = cf_ole_child (ole, name);
  gsize len = strlen (magic);
  const guint8 *head;

  if (input == NULL || cf_ole_is_storage (input) || gsf_input_size (input) < (gsf_off_t) len)
    return FALSE;
  head = gsf_input_read (input, len, NULL);
  return head != NULL && memcmp (head, magic, len) == 0;
}

static void
add_stream (CfEmbedded *embedded,
            CfOle      *ole,
            const char *stream,
            const char *what,
            const char *name,
            const char *mime_type)
{
  g_autoptr(GsfInput) input = cf_ole_child (ole, stream);

  add_from_stream (embedded, what, name, mime_type, input, 0, gsf_input_size (input));
}

void
cf_embedded_add_ole_file (CfEmbedded *embedded,
                          const char *path,
                          const char *what,
                          const char *name)
{
  CfExtractResult *result = cf_embedded_get_result (embedded);
  g_autoptr(CfOle) ole = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prog_id = NULL;
  g_autofree char *stem = cf_embedded_stem (name);
  g_autofree char *child_name = NULL;
  static const struct { const char *stream, *ext, *mime_type; } legacy[] = {
    { "WordDocument", ".doc", "application/msword" },
    { "Workbook", ".xls", "application/vnd.ms-excel" },
    { "Book", ".xls", "application/vnd.ms-excel" },
    { "PowerPoint Document", ".ppt", "application/vnd.ms-powerpoint" },
  };

  ole = cf_ole_open (path, result, &error);
  if (ole == NULL)
    {
      cf_extract_result_warn (result, "embedded-damaged", "The embedded object %s is a damaged "
                              "OLE file (%s); it is kept as it is", what, error->message);
      add_whole_file (embedded, path, what, name, "application/x-ole-storage");
      return;
    }
  prog_id = read_prog_id (ole);

  if (has_stream (ole, "\001Ole10Native"))
    {
      if (add_package (embedded, ole, what, name, &error))
        return;
      /* Other OLE 1.0 objects keep native data there too (Paintbrush
       * pictures); only a Packager object is a file that was lost. */
      if (g_strcmp0 (prog_id, "Package") == 0 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        cf_extract_result_warn (result, "embedded-package", "The file packaged in %s cannot be "
                                "unpacked: %s; the object is kept as it is", what, error->message);
    }
  else if ((prog_id != NULL && g_str_has_prefix (prog_id, "Equation.")) ||
           has_stream (ole, "Equation Native"))
    return;
  else if (stream_starts_with (ole, "CONTENTS", "%PDF"))
    {
      child_name = g_strconcat (stem, ".pdf", NULL);
      add_stream (embedded, ole, "CONTENTS", what, child_name, "application/pdf");
      return;
    }
  else if (stream_starts_with (ole, "Package", "PK"))
    {
      child_name = g_strconcat (stem, package_extension (prog_id), NULL);
      add_stream (embedded, ole, "Package", what, child_name, "application/zip");
      return;
    }
  else
    for (guint i = 0; i < G_N_ELEMENTS (legacy); i++)
      if (has_stream (ole, legacy[i].stream))
        {
          child_name = g_strconcat (stem, legacy[i].ext, NULL);
          g_clear_pointer (&ole, cf_ole_free);
          add_whole_file (embedded, path, what, child_name, legacy[i].mime_type);
          return;
        }

  g_clear_pointer (&ole, cf_ole_free);
  add_whole_file (embedded, path, what, name, "application/x-ole-storage");
}
