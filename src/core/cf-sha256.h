/* cf-sha256.h — streaming SHA-256 (nettle), the identity of every original.
 *
 * nettle picks the CPU's SHA instructions at run time, which makes hashing
 * several times faster than GChecksum on the machines lawyers use.
 */
#pragma once

#include <glib.h>
#include <nettle/sha2.h>

G_BEGIN_DECLS

#define CF_SHA256_HEX_LEN 64

typedef struct
{
  struct sha256_ctx ctx;
} CfSha256;

void cf_sha256_init     (CfSha256   *self);
void cf_sha256_update   (CfSha256   *self,
                         const void *data,
                         gsize       len);
/* Writes 64 lowercase hex digits and a NUL into hex (65 bytes). */
void cf_sha256_finish   (CfSha256   *self,
                         char        hex[CF_SHA256_HEX_LEN + 1]);

char *cf_sha256_hex_of  (const void *data,
                         gsize       len);

/* Hashes a whole file by streaming it; never loads it into memory. */
char *cf_sha256_file    (const char *path,
                         GError    **error);

gboolean cf_sha256_is_valid_hex (const char *hex);

G_END_DECLS
