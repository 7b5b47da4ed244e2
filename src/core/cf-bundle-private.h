/* cf-bundle-private.h — bundle internals shared by the writer and the
 * verifier. */
#pragma once

#include "cf-bundle.h"

G_BEGIN_DECLS

/* cf_bundle_verify, optionally without hashing the whole file again (the
 * writer hashed it as it wrote). */
CfVerifyReport *cf_bundle_verify_members (const char    *path,
                                          const char    *passphrase,
                                          gboolean       hash_whole_file,
                                          GCancellable  *cancellable,
                                          GError       **error);

G_END_DECLS
