/* cf-object-store.c — the content-addressed store of originals. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-object-store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cf-error.h"
#include "cf-fsutil.h"

struct _CfObjectStore
{
  char *objects_dir;
  char *tmp_dir;
  /* Fan-out directories renamed into since the last sync. */
  gboolean dirty[256];
};

struct _CfObjectWriter
{
  CfObjectStore *store;
  char *tmp_path;
  int fd;
  CfSha256 sha;
  guint64 size;
  char hex[CF_SHA256_HEX_LEN + 1];
  gboolean committed;
};

CfObjectStore *
cf_object_store_new (const char *case_dir)
{
  CfObjectStore *store = g_new0 (CfObjectStore, 1);

  store->objects_dir = g_build_filename (case_dir, "objects", NULL);
  store->tmp_dir = g_build_filename (case_dir, "tmp", NULL);
  return store;
}

void
cf_object_store_free (CfObjectStore *store)
{
  if (store == NULL)
    return;
  g_free (store->objects_dir);
  g_free (store->tmp_dir);
  g_free (store);
}

const char *
cf_object_store_get_dir (CfObjectStore *store)
{
  return store->objects_dir;
}

const char *
cf_object_store_get_tmp_dir (CfObjectStore *store)
{
  return store->tmp_dir;
}

/* All 256 fan-out directories exist from the start, so storing an object
 * never has to create (and sync) a directory. */
gboolean
cf_object_store_create_layout (CfObjectStore  *store,
                               GError        **error)
{
  if (!cf_mkdir_durable (store->objects_dir, error) ||
      !cf_mkdir_durable (store->tmp_dir, error))
    return FALSE;
  for (guint i = 0; i < 256; i++)
    {
      char name[3];
      g_autofree char *dir = NULL;

      g_snprintf (name, sizeof name, "%02x", i);
      dir = g_build_filename (store->objects_dir, name, NULL);
      if (mkdir (dir, 0755) != 0 && errno != EEXIST)
        {
          cf_set_error_from_errno (error, errno, "Could not create %s", dir);
          return FALSE;
        }
    }
  return cf_fsync_dir (store->objects_dir, error);
}

char *
cf_object_store_path (CfObjectStore *store,
                      const char    *sha256)
{
  char fan[3] = { sha256[0], sha256[1], '\0' };

  g_return_val_if_fail (cf_sha256_is_valid_hex (sha256), NULL);
  return g_build_filename (store->objects_dir, fan, sha256 + 2, NULL);
}

gboolean
cf_object_store_has (CfObjectStore *store,
                     const char    *sha256,
                     guint64        size)
{
  g_autofree char *path = cf_object_store_path (store, sha256);
  struct stat st;

  return lstat (path, &st) == 0 && S_ISREG (st.st_mode) && (guint64) st.st_size == size;
}

gboolean
cf_object_store_sync (CfObjectStore  *store,
                      GError        **error)
{
  for (guint i = 0; i < 256; i++)
    {
      char name[3];
      g_autofree char *dir = NULL;

      if (!store->dirty[i])
        continue;
      g_snprintf (name, sizeof name, "%02x", i);
      dir = g_build_filename (store->objects_dir, name, NULL);
      if (!cf_fsync_dir (dir, error))
        return FALSE;
      store->dirty[i] = FALSE;
    }
  return TRUE;
}

guint
cf_object_store_clean_tmp (CfObjectStore *store)
{
  g_autoptr(GDir) dir = g_dir_open (store->tmp_dir, 0, NULL);
  const char *name;
  guint removed = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (store->tmp_dir, name, NULL);
      struct stat st;

      /* Folders are what document readers were writing into. */
      if (lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
        {
          if (cf_remove_tree (path))
            removed++;
        }
      else if (unlink (path) == 0)
        removed++;
    }
  return removed;
}

char *
cf_object_store_adopt (CfObjectStore  *store,
                       const char     *path,
                       guint64        *size,
                       guint8         *head,
                       gsize           head_max,
                       gsize          *head_len,
                       GError        **error)
{
  g_autofree guint8 *buf = g_malloc (CF_IO_BUFFER_SIZE);
  g_autofree char *final = NULL;
  char hex[CF_SHA256_HEX_LEN + 1];
  CfSha256 sha;
  guint64 total = 0;
  struct stat st;
  guint fan;
  int fd;

  *head_len = 0;
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0 || fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      cf_set_error_from_errno (error, errno ? errno : EINVAL, "Could not read %s", path);
      if (fd >= 0)
        close (fd);
      return NULL;
    }
  /* A second name would mean the file is also something else (a
   * subverted writer linking a file of ours): never chmod or move that. */
  if (st.st_nlink != 1 || st.st_uid != geteuid ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "%s is not a plain file of its own; refused", path);
      close (fd);
      return NULL;
    }
  cf_sha256_init (&sha);
  for (;;)
    {
      gssize n = cf_read_full (fd, buf, CF_IO_BUFFER_SIZE, error);

      if (n < 0)
        {
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      if (*head_len < head_max)
        {
          gsize take = MIN ((gsize) n, head_max - *head_len);

          memcpy (head + *head_len, buf, take);
          *head_len += take;
        }
      cf_sha256_update (&sha, buf, n);
      total += n;
    }
  cf_sha256_finish (&sha, hex);
  *size = total;

  if (cf_object_store_has (store, hex, total))
    {
      close (fd);
      unlink (path);
      return g_strdup (hex);
    }
  if (fchmod (fd, 0444) != 0 || !cf_fsync_fd (fd, "the new object", error))
    {
      if (error && *error == NULL)
        cf_set_error_from_errno (error, errno, "Could not protect the new object");
      close (fd);
      return NULL;
    }
  close (fd);
  final = cf_object_store_path (store, hex);
  if (rename (path, final) != 0)
    {
      cf_set_error_from_errno (error, errno, "Could not move the object into the store");
      return NULL;
    }
  fan = g_ascii_xdigit_value (hex[0]) * 16 + g_ascii_xdigit_value (hex[1]);
  store->dirty[fan] = TRUE;
  return g_strdup (hex);
}

CfObjectWriter *
cf_object_writer_new (CfObjectStore  *store,
                      GError        **error)
{
  CfObjectWriter *writer = g_new0 (CfObjectWriter, 1);

  writer->store = store;
  writer->tmp_path = g_build_filename (store->tmp_dir, "object-XXXXXX", NULL);
  writer->fd = g_mkstemp_full (writer->tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (writer->fd < 0)
    {
      cf_set_error_from_errno (error, errno, "Could not create a temporary file in %s",
                               store->tmp_dir);
      g_clear_pointer (&writer->tmp_path, g_free);
      cf_object_writer_free (writer);
      return NULL;
    }
  cf_sha256_init (&writer->sha);
  return writer;
}

gboolean
cf_object_writer_write (CfObjectWriter  *writer,
                        const void      *data,
                        gsize            len,
                        GError         **error)
{
  g_return_val_if_fail (!writer->committed, FALSE);

  cf_sha256_update (&writer->sha, data, len);
  writer->size += len;
  return cf_write_all (writer->fd, data, len, error);
}

guint64
cf_object_writer_get_size (CfObjectWriter *writer)
{
  return writer->size;
}

const char *
cf_object_writer_commit (CfObjectWriter  *writer,
                         gboolean        *was_new,
                         GError         **error)
{
  g_autofree char *final = NULL;
  guint fan;

  g_return_val_if_fail (!writer->committed, NULL);

  cf_sha256_finish (&writer->sha, writer->hex);
  final = cf_object_store_path (writer->store, writer->hex);

  if (cf_object_store_has (writer->store, writer->hex, writer->size))
    {
      /* Stored once: the second copy is dropped, its row will point at the
       * same object. */
      close (writer->fd);
      writer->fd = -1;
      unlink (writer->tmp_path);
      writer->committed = TRUE;
      if (was_new)
        *was_new = FALSE;
      return writer->hex;
    }

  /* Originals are read-only on disk: nothing in Casefile writes them again. */
  if (fchmod (writer->fd, 0444) != 0 ||
      !cf_fsync_fd (writer->fd, "the new object", error))
    {
      if (error && *error == NULL)
        cf_set_error_from_errno (error, errno, "Could not protect the new object");
      return NULL;
    }
  close (writer->fd);
  writer->fd = -1;

  if (rename (writer->tmp_path, final) != 0)
    {
      cf_set_error_from_errno (error, errno, "Could not move the object into the store");
      return NULL;
    }
  fan = g_ascii_xdigit_value (writer->hex[0]) * 16 + g_ascii_xdigit_value (writer->hex[1]);
  writer->store->dirty[fan] = TRUE;
  writer->committed = TRUE;
  if (was_new)
    *was_new = TRUE;
  return writer->hex;
}

void
cf_object_writer_free (CfObjectWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->fd >= 0)
    close (writer->fd);
  if (!writer->committed && writer->tmp_path != NULL)
    unlink (writer->tmp_path);
  g_free (writer->tmp_path);
  g_free (writer);
}
