/* cf-sha256.c — streaming SHA-256 over nettle. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <unistd.h>

#include "cf-fsutil.h"

void
cf_sha256_init (CfSha256 *self)
{
  sha256_init (&self->ctx);
}

void
cf_sha256_update (CfSha256   *self,
                  const void *data,
                  gsize       len)
{
  sha256_update (&self->ctx, len, data);
}

void
cf_sha256_finish (CfSha256 *self,
                  char      hex[CF_SHA256_HEX_LEN + 1])
{
  static const char digits[] = "0123456789abcdef";
  guint8 digest[SHA256_DIGEST_SIZE];

  sha256_digest (&self->ctx, sizeof digest, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  hex[CF_SHA256_HEX_LEN] = '\0';
}

char *
cf_sha256_hex_of (const void *data,
                  gsize       len)
{
  CfSha256 sha;
  char hex[CF_SHA256_HEX_LEN + 1];

  cf_sha256_init (&sha);
  cf_sha256_update (&sha, data, len);
  cf_sha256_finish (&sha, hex);
  return g_strdup (hex);
}

char *
cf_sha256_file (const char *path,
                GError    **error)
{
  CfSha256 sha;
  char hex[CF_SHA256_HEX_LEN + 1];
  g_autofree guint8 *buf = NULL;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", path, g_strerror (saved));
      return NULL;
    }

  buf = g_malloc (CF_IO_BUFFER_SIZE);
  cf_sha256_init (&sha);
  for (;;)
    {
      gssize n = read (fd, buf, CF_IO_BUFFER_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "%s: %s", path, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      cf_sha256_update (&sha, buf, n);
    }
  close (fd);
  cf_sha256_finish (&sha, hex);
  return g_strdup (hex);
}

gboolean
cf_sha256_is_valid_hex (const char *hex)
{
  if (hex == NULL)
    return FALSE;
  for (guint i = 0; i < CF_SHA256_HEX_LEN; i++)
    if (!g_ascii_isxdigit (hex[i]) || g_ascii_isupper (hex[i]))
      return FALSE;
  return hex[CF_SHA256_HEX_LEN] == '\0';
}
