/* cf-extract-zip-writer.c — a small ZIP writer: stored members and
 * members of another ZIP deflated as they stream, then the central
 * directory.
 *
 * Our own few lines rather than libarchive's writer: OpenDocument wants
 * its mimetype member first, stored, with no extra field (so that the
 * type stands at byte 38), and the same object should give the same
 * bytes every time it is read (no times, owners or other extras), so
 * that a child's hash does not change when a document is read again.
 * Streamed members get a data descriptor after their data. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-zip-writer.h"

#include <string.h>
#include <zlib.h>

#define CHUNK (64 * 1024)

struct _CfZipWriter
{
  CfZipWriteFunc write;
  gpointer data;
  GByteArray *central;
  guint64 offset;
  guint n_entries;
};

CfZipWriter *
cf_zip_writer_new (CfZipWriteFunc write,
                   gpointer       data)
{
  CfZipWriter *z = g_new0 (CfZipWriter, 1);

  z->write = write;
  z->data = data;
  z->central = g_byte_array_new ();
  return z;
}

void
cf_zip_writer_free (CfZipWriter *z)
{
  if (z == NULL)
    return;
  g_byte_array_unref (z->central);
  g_free (z);
}

#define DOS_DATE_1980 0x0021   /* 1980-01-01, the earliest a ZIP can say */
#define ZIP_FLAG_DESCRIPTOR 0x0008
#define ZIP_FLAG_UTF8 0x0800

static void
put16 (GByteArray *a,
       guint16     v)
{
  guint8 b[2] = { v & 0xFF, v >> 8 };

  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a,
       guint32     v)
{
  guint8 b[4] = { v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24 };

  g_byte_array_append (a, b, 4);
}

static gboolean
zip_out_write (CfZipWriter *z,
               const void  *data,
               gsize        len,
               GError     **error)
{
  if (!z->write (z->data, data, len, error))
    return FALSE;
  z->offset += len;
  return TRUE;
}

static guint16
name_flags (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    if ((guint8) *p >= 0x80)
      return ZIP_FLAG_UTF8;
  return 0;
}

/* The local header (sizes zero when a descriptor follows the data). */
static gboolean
zip_out_local (CfZipWriter *z,
               const char  *name,
               guint16      flags,
               guint16      method,
               guint32      crc,
               guint32      size,
               GError     **error)
{
  g_autoptr(GByteArray) h = NULL;

  if (strlen (name) > G_MAXUINT16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "a name in it is too long");
      return FALSE;
    }
  h = g_byte_array_new ();
  put32 (h, 0x04034b50);
  put16 (h, 20);
  put16 (h, flags);
  put16 (h, method);
  put16 (h, 0);
  put16 (h, DOS_DATE_1980);
  put32 (h, crc);
  put32 (h, size);
  put32 (h, size);
  put16 (h, strlen (name));
  put16 (h, 0);
  g_byte_array_append (h, (const guint8 *) name, strlen (name));
  return zip_out_write (z, h->data, h->len, error);
}

static gboolean
zip_out_central (CfZipWriter *z,
                 const char  *name,
                 guint16      flags,
                 guint16      method,
                 guint32      crc,
                 guint64      compressed,
                 guint64      size,
                 guint64      local_offset,
                 GError     **error)
{
  GByteArray *c = z->central;

  /* Zip64 is never needed: members are capped far below 4 GiB, and so is
   * what one document may unpack in all (cf-extract-zip.h). */
  if (compressed >= G_MAXUINT32 || size >= G_MAXUINT32 || local_offset >= G_MAXUINT32 ||
      z->n_entries >= G_MAXUINT16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "it is too large to be packaged");
      return FALSE;
    }
  put32 (c, 0x02014b50);
  put16 (c, 20);
  put16 (c, 20);
  put16 (c, flags);
  put16 (c, method);
  put16 (c, 0);
  put16 (c, DOS_DATE_1980);
  put32 (c, crc);
  put32 (c, compressed);
  put32 (c, size);
  put16 (c, strlen (name));
  put16 (c, 0);
  put16 (c, 0);
  put16 (c, 0);
  put16 (c, 0);
  put32 (c, 0);
  put32 (c, local_offset);
  g_byte_array_append (c, (const guint8 *) name, strlen (name));
  z->n_entries++;
  return TRUE;
}

gboolean
cf_zip_writer_add_stored (CfZipWriter  *z,
                          const char   *name,
                          const void   *data,
                          gsize         len,
                          GError      **error)
{
  guint32 crc = crc32 (0, data, len);
  guint64 local_offset = z->offset;
  guint16 flags = name_flags (name);

  return zip_out_local (z, name, flags, 0, crc, len, error) &&
         zip_out_write (z, data, len, error) &&
         zip_out_central (z, name, flags, 0, crc, len, len, local_offset, error);
}

gboolean
cf_zip_writer_add_member (CfZipWriter *z,
                          CfZip       *zip,
                          const char  *member,
                          const char  *name,
                          GError     **error)
{
  g_autofree guint8 *buf = g_malloc (CHUNK);
  g_autofree guint8 *out = g_malloc (CHUNK);
  g_autoptr(GByteArray) descriptor = g_byte_array_new ();
  guint16 flags = ZIP_FLAG_DESCRIPTOR | name_flags (name);
  guint64 local_offset = z->offset, size = 0, compressed = 0;
  guint32 crc = crc32 (0, NULL, 0);
  z_stream zs = { 0 };
  gboolean ok = TRUE, done = FALSE;

  if (!cf_zip_open_member (zip, member, error) || !zip_out_local (z, name, flags, 8, 0, 0, error))
    return FALSE;
  if (deflateInit2 (&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "it cannot be compressed");
      return FALSE;
    }
  while (ok && !done)
    {
      gssize n = cf_zip_read (zip, buf, CHUNK, error);
      int r;

      if (n < 0)
        {
          ok = FALSE;
          break;
        }
      done = n == 0;
      crc = crc32 (crc, buf, n);
      size += n;
      zs.next_in = buf;
      zs.avail_in = n;
      do
        {
          zs.next_out = out;
          zs.avail_out = CHUNK;
          r = deflate (&zs, done ? Z_FINISH : Z_NO_FLUSH);
          compressed += CHUNK - zs.avail_out;
          ok = r != Z_STREAM_ERROR && zip_out_write (z, out, CHUNK - zs.avail_out, error);
        }
      while (ok && (zs.avail_out == 0 || (done && r != Z_STREAM_END)));
    }
  deflateEnd (&zs);
  if (!ok)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "it cannot be compressed");
      return FALSE;
    }
  put32 (descriptor, 0x08074b50);
  put32 (descriptor, crc);
  put32 (descriptor, compressed);
  put32 (descriptor, size);
  return zip_out_central (z, name, flags, 8, crc, compressed, size, local_offset, error) &&
         zip_out_write (z, descriptor->data, descriptor->len, error);
}

gboolean
cf_zip_writer_finish (CfZipWriter  *z,
                      GError      **error)
{
  g_autoptr(GByteArray) end = g_byte_array_new ();
  guint64 central_offset = z->offset;

  if (central_offset >= G_MAXUINT32)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "it is too large to be packaged");
      return FALSE;
    }
  put32 (end, 0x06054b50);
  put16 (end, 0);
  put16 (end, 0);
  put16 (end, z->n_entries);
  put16 (end, z->n_entries);
  put32 (end, z->central->len);
  put32 (end, central_offset);
  put16 (end, 0);
  return zip_out_write (z, z->central->data, z->central->len, error) &&
         zip_out_write (z, end->data, end->len, error);
}
