/* cf-names.h — names as found in the wild (file systems, ZIPs made on Korean
 * Windows or macOS) turned into names we can show and search, and names we
 * generate for export that are safe on every file system.
 *
 * Raw names are always kept as bytes beside the decoded name; a name found
 * inside a file never becomes a path on disk.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CF_NAME_UTF8,     /* valid UTF-8, already NFC */
  CF_NAME_NFD,      /* valid UTF-8 in decomposed form (macOS); shown as NFC */
  CF_NAME_CP949,    /* not UTF-8; decoded as CP949 (Korean Windows) */
  CF_NAME_INVALID,  /* neither; undecodable bytes shown as U+FFFD */
} CfNameEncoding;

const char *cf_name_encoding_to_string (CfNameEncoding encoding);

/* Decodes a raw name. utf8_declared says the container promised UTF-8 (the
 * ZIP UTF-8 flag): then CP949 is not tried. Control characters and bidi
 * overrides (U+202E…) are replaced by U+FFFD so a name cannot disguise
 * itself; *neutralised is set when that happened. Never returns NULL. */
char *cf_name_decode (const char     *raw,
                      gssize          len,
                      gboolean        utf8_declared,
                      CfNameEncoding *encoding,
                      gboolean       *neutralised);

/* A name safe as one path component on Linux, macOS and Windows: no
 * separators or reserved characters, no device names (CON, COM1…), no
 * trailing dots or spaces, at most max_bytes bytes of UTF-8 (cut at a
 * character boundary, keeping the extension). Never empty. */
char *cf_name_sanitize_component (const char *name,
                                  gsize       max_bytes);

/* The last component of a path that may use / or \ separators. */
char *cf_name_basename (const char *path);

/* The extension of a name including the dot ("" when none), lowercased,
 * only when short and alphanumeric. */
char *cf_name_extension (const char *name);

G_END_DECLS
