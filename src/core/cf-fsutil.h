/* cf-fsutil.h — small POSIX helpers the store, intake and export share:
 * durable writes (write-all, fsync of files and directories), errno to
 * GError, and UTC timestamps in the one format the case uses everywhere.
 */
#pragma once

#include <gio/gio.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* One buffer size for every streaming loop: large enough for full disk
 * throughput, small enough that memory stays flat with many threads. */
#define CF_IO_BUFFER_SIZE (1024 * 1024)

void     cf_set_error_from_errno (GError    **error,
                                  int         saved_errno,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (3, 4);

gboolean cf_write_all            (int          fd,
                                  const void  *data,
                                  gsize        len,
                                  GError     **error);
gssize   cf_read_full            (int          fd,
                                  void        *buf,
                                  gsize        len,
                                  GError     **error);
gboolean cf_fsync_fd             (int          fd,
                                  const char  *what,
                                  GError     **error);
gboolean cf_fsync_dir            (const char  *dir,
                                  GError     **error);
/* Removes a folder of our own making and everything in it (symbolic links
 * are removed, never followed). TRUE when the folder is gone. */
gboolean cf_remove_tree          (const char  *dir);
gboolean cf_mkdir_durable        (const char  *dir,
                                  GError     **error);
gboolean cf_write_file_durable   (const char  *path,
                                  const void  *data,
                                  gsize        len,
                                  GError     **error);

/* "2026-11-28T10:22:47.123Z" */
char    *cf_utc_now_iso          (void);
char    *cf_utc_iso_from_unix    (gint64       seconds,
                                  gint64       nanoseconds);
gboolean cf_iso_to_unix          (const char  *iso,
                                  gint64      *seconds);

G_END_DECLS
