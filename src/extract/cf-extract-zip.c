/* cf-extract-zip.c — reading the members of a ZIP-based document (OOXML,
 * ODF, HWPX) through libarchive, by name, as streams.
 *
 * What a ZIP declares about its members (sizes, ratios) is the attacker's
 * word: a member is read as a stream, and what it really produces is
 * counted against a cap per member and a budget for the whole document.
 * One pass lists the members; reading then moves forward through the
 * archive and reopens it only when the wanted member lies behind the
 * current one. Small XML parts passed over on the way are kept in memory
 * (within a budget), because readers come back for them: a slide, then
 * its relationships, then its notes further on, then the next slide. So
 * a document is read in one or two passes, and memory stays flat
 * whatever its size. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-zip.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

struct _CfZip
{
  char *path;
  CfExtractResult *result;
  struct archive *archive;
  int position;              /* index of the member whose header was read last */
  gboolean touched;          /* its data has been read from */
  GPtrArray *names;          /* as stored, archive order */
  GArray *encrypted;         /* gboolean per member */
  GHashTable *index;         /* folded name → position + 1 */
  guint64 member_produced;
  guint64 total_produced;

  int current;               /* the member being read */
  GHashTable *cache;         /* position → GBytes of small parts passed over */
  guint64 cache_left;
  GBytes *cached;            /* the member being read, when from the cache */
  gsize cached_offset;
};

/* Parts worth keeping when passed over, and how much memory that may take. */
#define CACHE_MEMBER_MAX (1024 * 1024)
#define CACHE_BUDGET (64 * 1024 * 1024)

gboolean
cf_extract_sniff (const char *path,
                  guint8     *buf,
                  gsize       len)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  gsize got = 0;

  memset (buf, 0, len);
  if (fd < 0)
    return FALSE;
  while (got < len)
    {
      ssize_t n = read (fd, buf + got, len - got);

      if (n <= 0)
        break;
      got += n;
    }
  close (fd);
  return got == len;
}

gboolean
cf_extract_is_zip (const guint8 *head,
                   gsize         len)
{
  /* A local file header, or the end record of an empty archive. */
  return len >= 4 && head[0] == 'P' && head[1] == 'K' &&
         ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
}

gboolean
cf_extract_is_ole (const guint8 *head,
                   gsize         len)
{
  return len >= 8 && memcmp (head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

/* Part names compare without case; some writers use backslashes or a
 * leading slash. */
static char *
fold_name (const char *name)
{
  char *folded;

  while (*name == '/')
    name++;
  folded = g_ascii_strdown (name, -1);
  g_strdelimit (folded, "\\", '/');
  return folded;
}

static struct archive *
open_archive (const char  *path,
              GError     **error)
{
  struct archive *a = archive_read_new ();

  /* ZIP only: a document that is really a RAR or a 7z is not read by
   * these readers (those libarchive readers carry most of its CVEs). */
  archive_read_support_format_zip (a);
  /* Small blocks: moving from member to member is a seek and a read of a
   * header, and each read fills a whole block. */
  if (archive_read_open_filename (a, path, 16384) != ARCHIVE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                   archive_error_string (a) ? archive_error_string (a) : "cannot be opened");
      archive_read_free (a);
      return NULL;
    }
  return a;
}

void
cf_zip_free (CfZip *zip)
{
  if (zip == NULL)
    return;
  if (zip->archive != NULL)
    archive_read_free (zip->archive);
  g_free (zip->path);
  g_ptr_array_unref (zip->names);
  g_array_unref (zip->encrypted);
  g_hash_table_unref (zip->index);
  g_hash_table_unref (zip->cache);
  g_clear_pointer (&zip->cached, g_bytes_unref);
  g_free (zip);
}

CfZip *
cf_zip_open (const char       *path,
             CfExtractResult  *result,
             GError          **error)
{
  g_autoptr(CfZip) zip = g_new0 (CfZip, 1);
  g_autoptr(GError) local_error = NULL;
  struct archive *a;
  struct archive_entry *entry;
  gboolean warned = FALSE;

  zip->path = g_strdup (path);
  zip->result = result;
  zip->names = g_ptr_array_new_with_free_func (g_free);
  zip->encrypted = g_array_new (FALSE, FALSE, sizeof (gboolean));
  zip->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  zip->cache = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                      (GDestroyNotify) g_bytes_unref);
  zip->cache_left = CACHE_BUDGET;
  zip->position = -1;
  zip->current = -1;

  a = open_archive (path, &local_error);
  if (a == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not a ZIP file (%s)",
                   local_error->message);
      return NULL;
    }

  for (;;)
    {
      int r = archive_read_next_header (a, &entry);
      const char *name;
      gboolean encrypted;

      if (r == ARCHIVE_EOF)
        break;
      if (r == ARCHIVE_WARN && !warned)
        {
          warned = TRUE;
          cf_extract_result_warn (result, "zip-warning", "The ZIP container has a defect: %s",
                                  archive_error_string (a));
        }
      else if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
        {
          if (zip->names->len == 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not a ZIP file (%s)",
                           archive_error_string (a) ? archive_error_string (a) : "unreadable");
              archive_read_free (a);
              return NULL;
            }
          cf_extract_result_warn (result, "zip-damaged",
                                  "The ZIP container is damaged after %u members (%s); "
                                  "only those were read", zip->names->len,
                                  archive_error_string (a) ? archive_error_string (a) : "unreadable");
          break;
        }
      if (zip->names->len >= CF_ZIP_MAX_MEMBERS)
        {
          cf_extract_result_warn (result, "zip-too-many-members",
                                  "The ZIP container holds more than %d members; the rest "
                                  "were not looked at", CF_ZIP_MAX_MEMBERS);
          break;
        }

      name = archive_entry_pathname (entry);
      if (name == NULL)
        name = "";
      encrypted = archive_entry_is_encrypted (entry);
      g_ptr_array_add (zip->names, g_strdup (name));
      g_array_append_val (zip->encrypted, encrypted);
      {
        char *folded = fold_name (name);

        /* The same name twice is an ambiguity other programs resolve
         * differently; the first one is what is read here, and it is said. */
        if (g_hash_table_contains (zip->index, folded))
          {
            cf_extract_result_warn (result, "zip-duplicate-member",
                                    "The ZIP container holds “%s” more than once; the first "
                                    "was read", name);
            g_free (folded);
          }
        else
          g_hash_table_insert (zip->index, folded, GINT_TO_POINTER (zip->names->len));
      }
    }
  archive_read_free (a);

  if (zip->names->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not a ZIP file (no members)");
      return NULL;
    }
  return g_steal_pointer (&zip);
}

const char *
cf_zip_find (CfZip      *zip,
             const char *name)
{
  g_autofree char *folded = fold_name (name);
  int position = GPOINTER_TO_INT (g_hash_table_lookup (zip->index, folded));

  if (position == 0)
    return NULL;
  return g_ptr_array_index (zip->names, position - 1);
}

GPtrArray *
cf_zip_get_names (CfZip *zip)
{
  return zip->names;
}

/* Keeps the member the archive is at, if it is a small XML part: its
 * data is read now (counted like any read) instead of skipped. */
static void
cache_passed_member (CfZip                *zip,
                     struct archive_entry *entry)
{
  const char *name = g_ptr_array_index (zip->names, zip->position);
  g_autoptr(GByteArray) data = NULL;
  guint8 buf[16384];

  if (zip->cache_left == 0 || g_array_index (zip->encrypted, gboolean, zip->position) ||
      (!g_str_has_suffix (name, ".xml") && !g_str_has_suffix (name, ".rels")) ||
      (archive_entry_size_is_set (entry) && archive_entry_size (entry) > CACHE_MEMBER_MAX) ||
      g_hash_table_contains (zip->cache, GINT_TO_POINTER (zip->position)))
    return;
  data = g_byte_array_new ();
  for (;;)
    {
      la_ssize_t n;

      if (zip->total_produced >= CF_ZIP_TOTAL_BUDGET)
        return;
      n = archive_read_data (zip->archive, buf,
                             MIN (sizeof buf, CF_ZIP_TOTAL_BUDGET - zip->total_produced));
      /* Damage is reported when the part is really read. */
      if (n < 0)
        return;
      if (n == 0)
        break;
      zip->total_produced += n;
      if ((guint64) data->len + n > MIN (CACHE_MEMBER_MAX, zip->cache_left))
        return;
      g_byte_array_append (data, buf, n);
    }
  zip->cache_left -= data->len;
  g_hash_table_insert (zip->cache, GINT_TO_POINTER (zip->position),
                       g_byte_array_free_to_bytes (g_steal_pointer (&data)));
}

gboolean
cf_zip_open_member (CfZip       *zip,
                    const char  *name,
                    GError     **error)
{
  g_autofree char *folded = fold_name (name);
  int target = GPOINTER_TO_INT (g_hash_table_lookup (zip->index, folded)) - 1;

  if (target < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s is missing", name);
      return FALSE;
    }
  if (g_array_index (zip->encrypted, gboolean, target))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "%s is encrypted", name);
      return FALSE;
    }

  g_clear_pointer (&zip->cached, g_bytes_unref);
  zip->current = target;
  zip->member_produced = 0;
  if (g_hash_table_contains (zip->cache, GINT_TO_POINTER (target)))
    {
      zip->cached = g_bytes_ref (g_hash_table_lookup (zip->cache, GINT_TO_POINTER (target)));
      zip->cached_offset = 0;
      return TRUE;
    }

  /* Forward when possible; behind us (or read already) means from the
   * start again. */
  if (zip->archive == NULL || target < zip->position ||
      (target == zip->position && zip->touched))
    {
      if (zip->archive != NULL)
        archive_read_free (zip->archive);
      zip->archive = open_archive (zip->path, error);
      zip->position = -1;
      if (zip->archive == NULL)
        return FALSE;
    }
  while (zip->position < target)
    {
      struct archive_entry *entry;
      int r = archive_read_next_header (zip->archive, &entry);

      if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s cannot be reached in the damaged ZIP container (%s)", name,
                       archive_error_string (zip->archive) ? archive_error_string (zip->archive)
                                                           : "unreadable");
          archive_read_free (zip->archive);
          zip->archive = NULL;
          return FALSE;
        }
      zip->position++;
      if (zip->position < target)
        cache_passed_member (zip, entry);
    }
  zip->touched = FALSE;
  return TRUE;
}

gssize
cf_zip_read (CfZip   *zip,
             void    *buf,
             gsize    len,
             GError **error)
{
  la_ssize_t n;
  const char *name;

  g_return_val_if_fail (zip->current >= 0, -1);
  if (zip->cached != NULL)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (zip->cached, &size);

      n = MIN (len, size - zip->cached_offset);
      /* An empty part has no data pointer at all. */
      if (n > 0)
        memcpy (buf, data + zip->cached_offset, n);
      zip->cached_offset += n;
      return n;
    }
  g_return_val_if_fail (zip->archive != NULL && zip->position == zip->current, -1);

  name = g_ptr_array_index (zip->names, zip->position);
  zip->touched = TRUE;
  if (zip->member_produced >= CF_ZIP_MEMBER_CAP)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "%s holds more than %d MiB uncompressed; it was read only that far",
                   name, CF_ZIP_MEMBER_CAP / (1024 * 1024));
      return -1;
    }
  if (zip->total_produced >= CF_ZIP_TOTAL_BUDGET)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "The document's parts hold more than %" G_GUINT64_FORMAT " MiB uncompressed; "
                   "reading stopped in %s", CF_ZIP_TOTAL_BUDGET / (1024 * 1024), name);
      return -1;
    }
  len = MIN (len, CF_ZIP_MEMBER_CAP - zip->member_produced);
  len = MIN (len, CF_ZIP_TOTAL_BUDGET - zip->total_produced);
  n = archive_read_data (zip->archive, buf, len);
  if (n < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is damaged (%s)", name,
                   archive_error_string (zip->archive) ? archive_error_string (zip->archive)
                                                       : "unreadable");
      return -1;
    }
  zip->member_produced += n;
  zip->total_produced += n;
  return n;
}

GBytes *
cf_zip_read_small (CfZip       *zip,
                   const char  *name,
                   gsize        max,
                   GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buf[8192];

  if (!cf_zip_open_member (zip, name, error))
    return NULL;
  for (;;)
    {
      gssize n = cf_zip_read (zip, buf, sizeof buf, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len + (gsize) n > max)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "%s is larger than %" G_GSIZE_FORMAT
                       " bytes", name, max);
          return NULL;
        }
      g_byte_array_append (data, buf, n);
    }
  g_byte_array_append (data, (const guint8 *) "", 1);
  data->len--;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
