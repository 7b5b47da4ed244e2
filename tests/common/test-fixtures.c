/* test-fixtures.c — fixture builders (see test-fixtures.h). */
#include "test-fixtures.h"

#include <archive.h>
#include <archive_entry.h>
#include <string.h>
#include <zlib.h>

typedef struct
{
  GByteArray *name;
  guint32 crc;
  guint32 compressed;
  guint32 size;
  guint32 offset;
  guint16 method;
  guint16 flags;
  guint32 external;
} Entry;

struct _TuZip
{
  GByteArray *out;
  GArray *entries;
};

static void
put16 (GByteArray *b,
       guint16     v)
{
  guint8 x[2] = { v & 0xff, v >> 8 };

  g_byte_array_append (b, x, 2);
}

static void
put32 (GByteArray *b,
       guint32     v)
{
  guint8 x[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (b, x, 4);
}

TuZip *
tu_zip_new (void)
{
  TuZip *zip = g_new0 (TuZip, 1);

  zip->out = g_byte_array_new ();
  zip->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  return zip;
}

static GByteArray *
deflate_raw (const void *data,
             gsize       len)
{
  GByteArray *out = g_byte_array_new ();
  z_stream z = { 0 };
  guint8 buf[65536];
  int r;

  g_assert_cmpint (deflateInit2 (&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), ==, Z_OK);
  z.next_in = (Bytef *) data;
  z.avail_in = len;
  do
    {
      z.next_out = buf;
      z.avail_out = sizeof buf;
      r = deflate (&z, Z_FINISH);
      g_byte_array_append (out, buf, sizeof buf - z.avail_out);
    }
  while (r == Z_OK);
  g_assert_cmpint (r, ==, Z_STREAM_END);
  deflateEnd (&z);
  return out;
}

void
tu_zip_add (TuZip       *zip,
            const char  *raw_name,
            gssize       name_len,
            const void  *data,
            gsize        len,
            TuZipFlags   flags)
{
  Entry e = { 0 };
  g_autoptr(GByteArray) packed = NULL;
  const guint8 *payload = data;
  gsize payload_len = len;

  if (name_len < 0)
    name_len = strlen (raw_name);
  e.name = g_byte_array_new ();
  g_byte_array_append (e.name, (const guint8 *) raw_name, name_len);
  e.crc = crc32 (0, data, len);
  if (flags & TU_ZIP_BAD_CRC)
    e.crc ^= 0xdeadbeef;
  e.size = len;
  e.offset = zip->out->len;
  e.flags = ((flags & TU_ZIP_UTF8_FLAG) ? 0x0800 : 0) | ((flags & TU_ZIP_ENCRYPTED) ? 0x0001 : 0);
  if (flags & TU_ZIP_SYMLINK)
    e.external = (guint32) 0120777 << 16;
  else if (flags & TU_ZIP_DIRECTORY)
    e.external = ((guint32) 040755 << 16) | 0x10;
  else
    e.external = (guint32) 0100644 << 16;
  if (flags & TU_ZIP_DEFLATE)
    {
      packed = deflate_raw (data, len);
      payload = packed->data;
      payload_len = packed->len;
      e.method = 8;
    }
  e.compressed = payload_len;

  put32 (zip->out, 0x04034b50);
  put16 (zip->out, 20);
  put16 (zip->out, e.flags);
  put16 (zip->out, e.method);
  put16 (zip->out, 0);          /* time */
  put16 (zip->out, 0x5821);     /* date: 2024-01-01 */
  put32 (zip->out, e.crc);
  put32 (zip->out, e.compressed);
  put32 (zip->out, e.size);
  put16 (zip->out, name_len);
  put16 (zip->out, 0);
  g_byte_array_append (zip->out, e.name->data, e.name->len);
  g_byte_array_append (zip->out, payload, payload_len);
  g_array_append_val (zip->entries, e);
}

GBytes *
tu_zip_finish (TuZip *zip)
{
  guint32 cd_start = zip->out->len;
  guint32 cd_end;
  GByteArray *out = zip->out;

  for (guint i = 0; i < zip->entries->len; i++)
    {
      Entry *e = &g_array_index (zip->entries, Entry, i);

      put32 (out, 0x02014b50);
      put16 (out, (3 << 8) | 20);  /* made by Unix */
      put16 (out, 20);
      put16 (out, e->flags);
      put16 (out, e->method);
      put16 (out, 0);
      put16 (out, 0x5821);
      put32 (out, e->crc);
      put32 (out, e->compressed);
      put32 (out, e->size);
      put16 (out, e->name->len);
      put16 (out, 0);
      put16 (out, 0);
      put16 (out, 0);
      put16 (out, 0);
      put32 (out, e->external);
      put32 (out, e->offset);
      g_byte_array_append (out, e->name->data, e->name->len);
      g_byte_array_unref (e->name);
    }
  cd_end = out->len;
  put32 (out, 0x06054b50);
  put16 (out, 0);
  put16 (out, 0);
  put16 (out, zip->entries->len);
  put16 (out, zip->entries->len);
  put32 (out, cd_end - cd_start);
  put32 (out, cd_start);
  put16 (out, 0);

  g_array_unref (zip->entries);
  g_free (zip);
  return g_byte_array_free_to_bytes (out);
}

void
tu_zip_write (TuZip      *zip,
              const char *path)
{
  tu_zip_write_truncated (zip, path, 0);
}

void
tu_zip_write_truncated (TuZip      *zip,
                        const char *path,
                        gsize       cut)
{
  g_autoptr(GBytes) bytes = tu_zip_finish (zip);
  g_autoptr(GError) error = NULL;
  gsize len = g_bytes_get_size (bytes);

  g_assert_cmpuint (cut, <, len);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), len - cut, &error);
  g_assert_no_error (error);
}

GBytes *
tu_zip_ratio_bomb (guint64 expanded)
{
  TuZip *zip = tu_zip_new ();
  guint8 *zeros = g_malloc0 (expanded);

  tu_zip_add (zip, "zeros.bin", -1, zeros, expanded, TU_ZIP_DEFLATE);
  g_free (zeros);
  return tu_zip_finish (zip);
}

GBytes *
tu_zip_nested (guint depth)
{
  const char *text = "the innermost document\n";
  GBytes *inner = NULL;

  for (guint level = 0; level < depth; level++)
    {
      TuZip *zip = tu_zip_new ();

      if (inner == NULL)
        tu_zip_add (zip, "inner.txt", -1, text, strlen (text), TU_ZIP_STORE);
      else
        {
          g_autofree char *name = g_strdup_printf ("level%u.zip", depth - level);

          tu_zip_add (zip, name, -1, g_bytes_get_data (inner, NULL), g_bytes_get_size (inner),
                      TU_ZIP_STORE);
          g_bytes_unref (inner);
        }
      inner = tu_zip_finish (zip);
    }
  return inner;
}

void
tu_tar_write (const char       *path,
              const TuTarEntry *entries,
              guint             n_entries)
{
  struct archive *a = archive_write_new ();

  archive_write_set_format_pax_restricted (a);
  if (g_str_has_suffix (path, ".gz"))
    archive_write_add_filter_gzip (a);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < n_entries; i++)
    {
      struct archive_entry *e = archive_entry_new ();
      const TuTarEntry *t = &entries[i];

      archive_entry_copy_pathname (e, t->name);
      archive_entry_set_mtime (e, 1522627200, 0);  /* 2018-04-02 */
      archive_entry_set_perm (e, 0644);
      switch (t->kind)
        {
        case TU_TAR_FILE:
          archive_entry_set_filetype (e, AE_IFREG);
          archive_entry_set_size (e, strlen (t->data));
          break;
        case TU_TAR_SYMLINK:
          archive_entry_set_filetype (e, AE_IFLNK);
          archive_entry_copy_symlink (e, t->data);
          break;
        case TU_TAR_HARDLINK:
          archive_entry_set_filetype (e, AE_IFREG);
          archive_entry_copy_hardlink (e, t->data);
          break;
        case TU_TAR_FIFO:
          archive_entry_set_filetype (e, AE_IFIFO);
          break;
        case TU_TAR_DIR:
          archive_entry_set_filetype (e, AE_IFDIR);
          archive_entry_set_perm (e, 0755);
          break;
        }
      g_assert_cmpint (archive_write_header (a, e), >=, ARCHIVE_WARN);
      if (t->kind == TU_TAR_FILE)
        g_assert_cmpint (archive_write_data (a, t->data, strlen (t->data)), ==, (la_ssize_t) strlen (t->data));
      archive_entry_free (e);
    }
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
}

char *
tu_to_cp949 (const char *utf8,
             gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *out = g_convert (utf8, -1, "CP949", "UTF-8", NULL, len, &error);

  g_assert_no_error (error);
  return out;
}

char *
tu_to_nfd (const char *utf8)
{
  return g_utf8_normalize (utf8, -1, G_NORMALIZE_NFD);
}

GBytes *
tu_minimal_pdf (const char *title,
                const char *author,
                const char *pdf_date,
                const char *text)
{
  GString *pdf = g_string_new ("%PDF-1.4\n");
  g_autofree char *content = g_strdup_printf ("BT /F1 12 Tf 20 100 Td (%s) Tj ET", text);
  gsize offsets[7];

  /* Offsets are recorded so that the cross-reference table is right and
   * poppler reads the file without repairing it. */
  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
  offsets[3] = pdf->len;
  g_string_append (pdf, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] "
                        "/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj\n");
  offsets[4] = pdf->len;
  g_string_append_printf (pdf, "4 0 obj << /Length %zu >> stream\n%s\nendstream endobj\n",
                          strlen (content), content);
  offsets[5] = pdf->len;
  g_string_append (pdf, "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n");
  offsets[6] = pdf->len;
  g_string_append_printf (pdf, "6 0 obj << /Title (%s) /Author (%s) /CreationDate (%s) >> endobj\n",
                          title, author, pdf_date);
  {
    gsize xref = pdf->len;

    g_string_append (pdf, "xref\n0 7\n0000000000 65535 f \n");
    for (int i = 1; i <= 6; i++)
      g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
    g_string_append_printf (pdf, "trailer << /Size 7 /Root 1 0 R /Info 6 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                            xref);
  }
  return g_string_free_to_bytes (pdf);
}
