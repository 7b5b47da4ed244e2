/* cf-fsutil.c — durable-write and time helpers shared by the core. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

void
cf_set_error_from_errno (GError    **error,
                         int         saved_errno,
                         const char *format,
                         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (error == NULL)
    return;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", what, g_strerror (saved_errno));
}

gboolean
cf_write_all (int          fd,
              const void  *data,
              gsize        len,
              GError     **error)
{
  const guint8 *p = data;

  while (len > 0)
    {
      gssize n = write (fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          cf_set_error_from_errno (error, errno, "Could not write");
          return FALSE;
        }
      p += n;
      len -= n;
    }
  return TRUE;
}

/* Reads until len bytes or end of file; returns the count or -1. */
gssize
cf_read_full (int      fd,
              void    *buf,
              gsize    len,
              GError **error)
{
  guint8 *p = buf;
  gsize got = 0;

  while (got < len)
    {
      gssize n = read (fd, p + got, len - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          cf_set_error_from_errno (error, errno, "Could not read");
          return -1;
        }
      if (n == 0)
        break;
      got += n;
    }
  return got;
}

gboolean
cf_fsync_fd (int          fd,
             const char  *what,
             GError     **error)
{
  /* An fsync error means the data may be gone: never retry and trust it
   * (see docs: reliability, invariant 2). */
  if (fsync (fd) != 0)
    {
      cf_set_error_from_errno (error, errno, "Could not flush %s to disk", what);
      return FALSE;
    }
  return TRUE;
}

gboolean
cf_fsync_dir (const char  *dir,
              GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    {
      cf_set_error_from_errno (error, errno, "Could not open folder %s", dir);
      return FALSE;
    }
  ok = cf_fsync_fd (fd, dir, error);
  close (fd);
  return ok;
}

/* Creates dir (not its parents) and makes the new entry durable. */
gboolean
cf_mkdir_durable (const char  *dir,
                  GError     **error)
{
  g_autofree char *parent = NULL;

  if (mkdir (dir, 0755) != 0)
    {
      if (errno == EEXIST)
        return TRUE;
      cf_set_error_from_errno (error, errno, "Could not create folder %s", dir);
      return FALSE;
    }
  parent = g_path_get_dirname (dir);
  return cf_fsync_dir (parent, error);
}

/* temp → write → fsync → rename → fsync dir: a small file that is either
 * wholly old or wholly new after a crash. */
gboolean
cf_write_file_durable (const char  *path,
                       const void  *data,
                       gsize        len,
                       GError     **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.tmp-XXXXXX", path);
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      cf_set_error_from_errno (error, errno, "Could not create %s", tmp);
      return FALSE;
    }
  if (!cf_write_all (fd, data, len, error) ||
      !cf_fsync_fd (fd, path, error))
    {
      close (fd);
      unlink (tmp);
      return FALSE;
    }
  close (fd);
  if (rename (tmp, path) != 0)
    {
      cf_set_error_from_errno (error, errno, "Could not rename %s", tmp);
      unlink (tmp);
      return FALSE;
    }
  return cf_fsync_dir (dir, error);
}

char *
cf_utc_iso_from_unix (gint64 seconds,
                      gint64 nanoseconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_time_get_year (dt),
                          g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt),
                          g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt),
                          g_date_time_get_second (dt),
                          (int) (CLAMP (nanoseconds, 0, 999999999) / 1000000));
}

char *
cf_utc_now_iso (void)
{
  gint64 us = g_get_real_time ();

  return cf_utc_iso_from_unix (us / G_USEC_PER_SEC, (us % G_USEC_PER_SEC) * 1000);
}

gboolean
cf_iso_to_unix (const char *iso,
                gint64     *seconds)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (iso, utc);
  if (dt == NULL)
    return FALSE;
  *seconds = g_date_time_to_unix (dt);
  return TRUE;
}

gboolean
cf_remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      struct stat st;

      if (lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
        cf_remove_tree (path);
      else
        unlink (path);
    }
  return rmdir (dir) == 0;
}
