/* cf-extract-embedded.c — documents embedded in OOXML, OpenDocument and
 * HWPX files as children (which ones, and why, in cf-extract-embedded.h).
 *
 * A member is streamed from the ZIP straight into its child file. One
 * that starts like an OLE compound file goes to a scratch file first,
 * since OLE needs random access, and is unwrapped from there
 * (cf-extract-ole-object.c). An OpenDocument object folder is written
 * out as an OpenDocument package of its own (cf-extract-zip-writer.c).
 * While a child is written its bytes are compared with the start of the
 * document: a file that holds a copy of itself (a ZIP quine) would
 * otherwise give the case a family without end. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-embedded-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cf-extract-xml.h"
#include "cf-extract-zip-writer.h"

#define CHUNK (64 * 1024)
/* Enough of a member to tell an OLE file (also behind HWP's 4-byte size)
 * and a picture apart. */
#define HEAD_SIZE 64
#define MAX_ODF_FILES 10000

struct _CfEmbedded
{
  const CfExtractInput *input;
  CfExtractResult *result;
  CfZip *zip;
  guint n_children;
  gboolean capped;
};

struct _CfEmbeddedChild
{
  CfEmbedded *embedded;
  GOutputStream *out;
  char *what;
  guint64 written;
  int original;          /* the document, while the child's bytes equal its start */
};

typedef enum
{
  SKIP_PICTURES = 1 << 0,  /* a member that turns out to be a picture is layout */
} AddFlags;

CfExtractResult *
cf_embedded_get_result (CfEmbedded *embedded)
{
  return embedded->result;
}

char *
cf_embedded_stem (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL || dot == name)
    return g_strdup (name);
  return g_strndup (name, dot - name);
}

static char *
base_name (const char *path)
{
  const char *slash = strrchr (path, '/');

  return g_strdup (slash ? slash + 1 : path);
}

/* Children ----------------------------------------------------------------- */

CfEmbeddedChild *
cf_embedded_child_begin (CfEmbedded *embedded,
                         const char *what,
                         const char *name,
                         const char *mime_type)
{
  CfEmbeddedChild *child;
  g_autoptr(GError) error = NULL;
  GOutputStream *out;

  if (embedded->n_children >= CF_EMBEDDED_MAX_CHILDREN)
    {
      if (!embedded->capped)
        cf_extract_result_warn (embedded->result, "children-cap",
                                "The document embeds more than %d objects; the rest were not "
                                "made documents of their own", CF_EMBEDDED_MAX_CHILDREN);
      embedded->capped = TRUE;
      return NULL;
    }
  out = cf_extract_result_begin_child (embedded->result, name, mime_type, "embedded", &error);
  if (out == NULL)
    {
      cf_extract_result_warn (embedded->result, "embedded-write",
                              "The embedded object %s could not be written: %s", what,
                              error->message);
      return NULL;
    }
  child = g_new0 (CfEmbeddedChild, 1);
  child->embedded = embedded;
  child->out = out;
  child->what = g_strdup (what);
  child->original = open (embedded->input->path, O_RDONLY | O_CLOEXEC);
  return child;
}

static void
child_free (CfEmbeddedChild *child)
{
  if (child->original >= 0)
    close (child->original);
  g_object_unref (child->out);
  g_free (child->what);
  g_free (child);
}

/* Whether the original holds data at offset (up to a difference). */
static gboolean
original_matches (int           fd,
                  guint64       offset,
                  const guint8 *data,
                  gsize         len)
{
  guint8 buf[4096];

  while (len > 0)
    {
      gsize want = MIN (len, sizeof buf);
      ssize_t n = pread (fd, buf, want, offset);

      if (n <= 0 || memcmp (buf, data, n) != 0)
        return FALSE;
      offset += n;
      data += n;
      len -= n;
    }
  return TRUE;
}

gboolean
cf_embedded_child_write (CfEmbeddedChild  *child,
                         const void       *data,
                         gsize             len,
                         GError          **error)
{
  if (!g_output_stream_write_all (child->out, data, len, NULL, NULL, error))
    return FALSE;
  if (child->original >= 0 &&
      (child->written + len > child->embedded->input->size ||
       !original_matches (child->original, child->written, data, len)))
    {
      close (child->original);
      child->original = -1;
    }
  child->written += len;
  return TRUE;
}

void
cf_embedded_child_abandon (CfEmbeddedChild *child,
                           const char      *reason)
{
  cf_extract_result_abandon_child (child->embedded->result, child->out);
  cf_extract_result_warn (child->embedded->result, "embedded-unreadable",
                          "The embedded object %s was not made a document of its own: %s",
                          child->what, reason);
  child_free (child);
}

void
cf_embedded_child_end (CfEmbeddedChild *child)
{
  CfEmbedded *embedded = child->embedded;
  g_autoptr(GError) error = NULL;

  if (child->original >= 0 && child->written == embedded->input->size)
    {
      cf_extract_result_abandon_child (embedded->result, child->out);
      cf_extract_result_warn (embedded->result, "embedded-self",
                              "The embedded object %s is a copy of the document itself; it was "
                              "not made a document of its own (it would hold itself without end)",
                              child->what);
    }
  else if (!cf_extract_result_end_child (embedded->result, child->out, &error))
    cf_extract_result_warn (embedded->result, "embedded-write",
                            "The embedded object %s could not be written: %s", child->what,
                            error->message);
  else
    embedded->n_children++;
  child_free (child);
}

/* Members ------------------------------------------------------------------ */

/* Reads from the open member until len bytes or its end. */
static gssize
read_full (CfZip   *zip,
           guint8  *buf,
           gsize    len,
           GError **error)
{
  gsize got = 0;

  while (got < len)
    {
      gssize n = cf_zip_read (zip, buf + got, len - got, error);

      if (n < 0)
        return -1;
      if (n == 0)
        break;
      got += n;
    }
  return got;
}

static gboolean
is_ole (const guint8 *p,
        gsize         len)
{
  return cf_extract_is_ole (p, len);
}

static gboolean
is_picture (const guint8 *p,
            gsize         len)
{
  if (len >= 4 && (memcmp (p, "\x89PNG", 4) == 0 || memcmp (p, "GIF8", 4) == 0 ||
                   memcmp (p, "II*\0", 4) == 0 || memcmp (p, "MM\0*", 4) == 0 ||
                   memcmp (p, "\xD7\xCD\xC6\x9A", 4) == 0 ||     /* placeable WMF */
                   memcmp (p, "\x01\0\x09\0", 4) == 0 || memcmp (p, "\x02\0\x09\0", 4) == 0))
    return TRUE;
  if (len >= 3 && memcmp (p, "\xFF\xD8\xFF", 3) == 0)
    return TRUE;
  if (len >= 2 && p[0] == 'B' && p[1] == 'M')
    return TRUE;
  if (len >= 44 && memcmp (p, "\x01\0\0\0", 4) == 0 && memcmp (p + 40, " EMF", 4) == 0)
    return TRUE;
  return len >= 12 && memcmp (p, "RIFF", 4) == 0 && memcmp (p + 8, "WEBP", 4) == 0;
}

static char *
mime_type_for_name (const char *name)
{
  g_autofree char *guessed = g_content_type_guess (name, NULL, 0, NULL);
  char *mime = guessed && !g_content_type_is_unknown (guessed) ? g_content_type_get_mime_type (guessed)
                                                                 : NULL;

  return mime ? mime : g_strdup ("application/octet-stream");
}

/* Copies the rest of the open member (after head) to a scratch file and
 * unwraps the OLE object there. */
static void
add_ole_member (CfEmbedded   *embedded,
                const char   *member,
                const char   *name,
                const guint8 *head,
                gsize         head_len)
{
  g_autofree char *path = cf_extract_result_scratch_path (embedded->result, "embedded-object");
  g_autofree guint8 *buf = g_malloc (CHUNK);
  g_autoptr(GError) error = NULL;
  gboolean ok;
  int fd;

  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ok = fd >= 0 && write (fd, head, head_len) == (ssize_t) head_len;
  while (ok)
    {
      gssize n = cf_zip_read (embedded->zip, buf, CHUNK, &error);

      if (n <= 0)
        {
          ok = n == 0;
          break;
        }
      ok = write (fd, buf, n) == n;
    }
  if (fd >= 0 && close (fd) != 0)
    ok = FALSE;
  if (!ok)
    cf_extract_result_warn (embedded->result, "embedded-unreadable",
                            "The embedded object %s was not made a document of its own: %s",
                            member, error ? error->message : g_strerror (errno));
  else
    cf_embedded_add_ole_file (embedded, path, member, name);
  g_unlink (path);
}

/* One member holding one embedded file. name: the child's name (NULL:
 * the member's own). */
static void
add_member (CfEmbedded *embedded,
            const char *member,
            const char *name,
            AddFlags    flags)
{
  g_autofree char *own_name = name ? g_strdup (name) : base_name (member);
  g_autofree char *mime_type = NULL;
  g_autofree guint8 *buf = g_malloc (CHUNK);
  g_autoptr(GError) error = NULL;
  CfEmbeddedChild *child;
  gssize head_len;

  if (embedded->capped)
    return;
  if (!cf_zip_open_member (embedded->zip, member, &error) ||
      (head_len = read_full (embedded->zip, buf, HEAD_SIZE, &error)) < 0)
    {
      cf_extract_result_warn (embedded->result, "embedded-unreadable",
                              "The embedded object %s cannot be read: %s", member, error->message);
      return;
    }
  if (head_len == 0)
    {
      cf_extract_result_warn (embedded->result, "embedded-empty",
                              "The embedded object %s is empty", member);
      return;
    }
  if ((flags & SKIP_PICTURES) && is_picture (buf, head_len))
    return;
  if (is_ole (buf, head_len))
    {
      add_ole_member (embedded, member, own_name, buf, head_len);
      return;
    }
  /* HWP puts the size of an OLE object before it. */
  if (head_len > 12 && is_ole (buf + 4, head_len - 4))
    {
      add_ole_member (embedded, member, own_name, buf + 4, head_len - 4);
      return;
    }

  mime_type = mime_type_for_name (own_name);
  child = cf_embedded_child_begin (embedded, member, own_name, mime_type);
  if (child == NULL)
    return;
  if (!cf_embedded_child_write (child, buf, head_len, &error))
    {
      cf_embedded_child_abandon (child, error->message);
      return;
    }
  for (;;)
    {
      gssize n = cf_zip_read (embedded->zip, buf, CHUNK, &error);

      if (n == 0)
        break;
      if (n < 0 || !cf_embedded_child_write (child, buf, n, &error))
        {
          cf_embedded_child_abandon (child, error->message);
          return;
        }
    }
  cf_embedded_child_end (child);
}

/* OOXML ---------------------------------------------------------------------- */

static gboolean
in_folder_named (const char *member,
                 const char *folder)
{
  g_auto(GStrv) parts = g_strsplit (member, "/", -1);
  guint n = g_strv_length (parts);

  /* A file (not a folder entry) right inside a folder of that name. */
  return n >= 2 && parts[n - 1][0] != '\0' && g_ascii_strcasecmp (parts[n - 2], folder) == 0;
}

void
cf_embedded_read_ooxml (CfZip                *zip,
                        const CfExtractInput *input,
                        CfExtractResult      *result)
{
  CfEmbedded embedded = { input, result, zip, 0, FALSE };
  GPtrArray *names = cf_zip_get_names (zip);

  for (guint i = 0; i < names->len && !embedded.capped; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      /* The one the ZIP index finds under that name (a duplicate name
       * was read as the first, cf-extract-zip.c). */
      if (in_folder_named (name, "embeddings") && cf_zip_find (zip, name) == name)
        add_member (&embedded, name, NULL, 0);
    }
}

/* HWPX ----------------------------------------------------------------------- */

void
cf_embedded_read_hwpx (CfZip                *zip,
                       const CfExtractInput *input,
                       CfExtractResult      *result)
{
  static const char *pictures[] = {
    ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".wmf", ".emf", ".svg", ".wdp",
    ".webp", ".pcx", ".tga", ".ico", ".heic",
  };
  CfEmbedded embedded = { input, result, zip, 0, FALSE };
  GPtrArray *names = cf_zip_get_names (zip);

  for (guint i = 0; i < names->len && !embedded.capped; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *lower = g_ascii_strdown (name, -1);
      gboolean picture = FALSE;

      if (!in_folder_named (name, "BinData") || cf_zip_find (zip, name) != name)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (pictures) && !picture; k++)
        picture = g_str_has_suffix (lower, pictures[k]);
      if (!picture)
        add_member (&embedded, name, NULL, SKIP_PICTURES);
    }
}

/* OpenDocument ------------------------------------------------------------ */

/* full-path → media-type from META-INF/manifest.xml. */
static GHashTable *
read_manifest (CfZip *zip)
{
  GHashTable *types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(CfXml) xml = NULL;

  if (cf_zip_find (zip, "META-INF/manifest.xml") == NULL)
    return types;
  xml = cf_xml_open_member (zip, "META-INF/manifest.xml", NULL);
  while (xml != NULL && cf_xml_next (xml) && g_hash_table_size (types) < CF_ZIP_MAX_MEMBERS)
    {
      char *path, *type;

      if (!cf_xml_is_start (xml) || !cf_xml_is (xml, CF_NS_ODF_MANIFEST, "file-entry"))
        continue;
      path = cf_xml_attr (xml, CF_NS_ODF_MANIFEST, "full-path");
      type = cf_xml_attr (xml, CF_NS_ODF_MANIFEST, "media-type");
      if (path != NULL && type != NULL)
        g_hash_table_replace (types, path, type);
      else
        {
          g_free (path);
          g_free (type);
        }
    }
  return types;
}

static const char *
odf_extension (const char *media_type)
{
  static const struct { const char *kind, *ext; } known[] = {
    { "text", ".odt" }, { "spreadsheet", ".ods" }, { "presentation", ".odp" },
    { "graphics", ".odg" }, { "chart", ".odc" }, { "formula", ".odf" }, { "image", ".odi" },
    { "text-master", ".odm" },
  };
  const char *prefix = "application/vnd.oasis.opendocument.";

  if (media_type != NULL && g_str_has_prefix (media_type, prefix))
    for (guint i = 0; i < G_N_ELEMENTS (known); i++)
      if (strcmp (media_type + strlen (prefix), known[i].kind) == 0)
        return known[i].ext;
  return ".odt";
}

/* Without a manifest, the kind of document from its content's body. */
static char *
guess_odf_type (CfZip      *zip,
                const char *folder)
{
  static const char *kinds[] = { "text", "spreadsheet", "presentation", "drawing", "chart" };
  g_autofree char *content = g_strdup_printf ("%s/content.xml", folder);
  g_autoptr(CfXml) xml = NULL;

  if (cf_zip_find (zip, content) == NULL)
    return NULL;
  xml = cf_xml_open_member (zip, content, NULL);
  while (xml != NULL && cf_xml_next (xml))
    {
      if (!cf_xml_is_start (xml))
        continue;
      if (strcmp (cf_xml_local (xml), "math") == 0)
        return g_strdup ("application/vnd.oasis.opendocument.formula");
      if (cf_xml_ns (xml) != CF_NS_ODF_OFFICE || cf_xml_depth (xml) != 2)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        if (strcmp (cf_xml_local (xml), kinds[i]) == 0)
          return g_strdup_printf ("application/vnd.oasis.opendocument.%s",
                                  i == 3 ? "graphics" : kinds[i]);
    }
  return NULL;
}

static gboolean
write_to_child (gpointer     data,
                const void  *buf,
                gsize        len,
                GError     **error)
{
  return cf_embedded_child_write (data, buf, len, error);
}

/* The package: mimetype first and stored, so that its type stands at
 * byte 38 where OpenDocument readers look; the folder's files; a
 * manifest of our own. */
static gboolean
write_odf_package (CfEmbedded       *embedded,
                   CfEmbeddedChild  *child,
                   const char       *folder,
                   const char       *media_type,
                   GPtrArray        *members,
                   GError          **error)
{
  g_autoptr(GString) manifest = g_string_new (NULL);
  g_autoptr(CfZipWriter) writer = cf_zip_writer_new (write_to_child, child);
  gsize prefix = strlen (folder) + 1;

  g_string_append_printf (manifest,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\n"
                          " <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"%s\"/>\n",
                          media_type);
  if (!cf_zip_writer_add_stored (writer, "mimetype", media_type, strlen (media_type), error))
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    {
      const char *member = g_ptr_array_index (members, i);
      g_autofree char *escaped = g_markup_escape_text (member + prefix, -1);

      if (!cf_zip_writer_add_member (writer, embedded->zip, member, member + prefix, error))
        return FALSE;
      g_string_append_printf (manifest, " <manifest:file-entry manifest:full-path=\"%s\" "
                              "manifest:media-type=\"%s\"/>\n", escaped,
                              g_str_has_suffix (member, ".xml") ? "text/xml" : "");
    }
  g_string_append (manifest, "</manifest:manifest>\n");
  return cf_zip_writer_add_stored (writer, "META-INF/manifest.xml", manifest->str, manifest->len, error) &&
         cf_zip_writer_finish (writer, error);
}

/* An object folder ("Object 1/") as an OpenDocument file of its own. */
static void
add_odf_folder (CfEmbedded *embedded,
                const char *folder,
                const char *declared_type)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autofree char *prefix = g_strconcat (folder, "/", NULL);
  g_autofree char *guessed = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *names = cf_zip_get_names (embedded->zip);
  const char *media_type = declared_type;
  CfEmbeddedChild *child;

  for (guint i = 0; i < names->len; i++)
    {
      const char *member = g_ptr_array_index (names, i);
      const char *rest = member + strlen (prefix);

      /* The package gets a mimetype and manifest of its own. */
      if (!g_str_has_prefix (member, prefix) || rest[0] == '\0' || g_str_has_suffix (rest, "/") ||
          strcmp (rest, "mimetype") == 0 || strcmp (rest, "META-INF/manifest.xml") == 0 ||
          cf_zip_find (embedded->zip, member) != member)
        continue;
      if (members->len >= MAX_ODF_FILES)
        {
          cf_extract_result_warn (embedded->result, "embedded-unreadable",
                                  "The embedded object %s holds more than %d files; it was not "
                                  "made a document of its own", folder, MAX_ODF_FILES);
          return;
        }
      g_ptr_array_add (members, (gpointer) member);
    }
  if (members->len == 0)
    {
      cf_extract_result_warn (embedded->result, "embedded-missing",
                              "The embedded object %s is missing from the file", folder);
      return;
    }
  if (media_type == NULL || !g_str_has_prefix (media_type, "application/vnd.oasis.opendocument."))
    media_type = guessed = guess_odf_type (embedded->zip, folder);
  /* A formula is typeset text of the document, not a document. */
  if (media_type == NULL || g_str_has_suffix (media_type, ".formula"))
    return;

  name = g_strconcat (strrchr (folder, '/') ? strrchr (folder, '/') + 1 : folder,
                      odf_extension (media_type), NULL);
  child = cf_embedded_child_begin (embedded, folder, name, media_type);
  if (child == NULL)
    return;
  if (!write_odf_package (embedded, child, folder, media_type, members, &error))
    cf_embedded_child_abandon (child, error->message);
  else
    cf_embedded_child_end (child);
}

/* "./Object 1", "Object 1/" → "Object 1"; NULL for what points outside
 * the package (a link to a file or a URL). */
static char *
package_path (const char *href)
{
  g_autofree char *unescaped = g_uri_unescape_string (href, NULL);
  const char *p = unescaped ? unescaped : href;
  gsize len;

  while (g_str_has_prefix (p, "./"))
    p += 2;
  len = strlen (p);
  while (len > 0 && p[len - 1] == '/')
    len--;
  if (len == 0 || p[0] == '/' || g_str_has_prefix (p, "../") || memchr (p, ':', len) != NULL ||
      g_strstr_len (p, len, "/../") != NULL)
    return NULL;
  return g_strndup (p, len);
}

void
cf_embedded_read_odf (CfZip                *zip,
                      GPtrArray            *hrefs,
                      const CfExtractInput *input,
                      CfExtractResult      *result)
{
  CfEmbedded embedded = { input, result, zip, 0, FALSE };
  g_autoptr(GHashTable) types = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (hrefs->len == 0)
    return;
  types = read_manifest (zip);
  for (guint i = 0; i < hrefs->len && !embedded.capped; i++)
    {
      g_autofree char *path = package_path (g_ptr_array_index (hrefs, i));
      g_autofree char *folder = NULL;

      if (path == NULL || g_hash_table_contains (seen, path))
        continue;
      g_hash_table_add (seen, g_strdup (path));
      if (cf_zip_find (zip, path) != NULL)
        {
          /* An object in a file of its own: OLE, mostly. */
          add_member (&embedded, cf_zip_find (zip, path), NULL, 0);
          continue;
        }
      folder = g_strconcat (path, "/", NULL);
      add_odf_folder (&embedded, path, g_hash_table_lookup (types, folder));
    }
}
