/* cf-error.h — the error domain of the Casefile core.
 *
 * Every C library the core wraps (SQLite, libarchive, nettle, POSIX) has its
 * errors turned into a GError in this domain (or G_IO_ERROR for plain file
 * system failures), so callers only ever handle GErrors.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CF_ERROR (cf_error_quark ())

typedef enum
{
  CF_ERROR_FAILED,
  CF_ERROR_NOT_A_CASE,        /* the folder is not a Casefile case */
  CF_ERROR_CASE_EXISTS,       /* creating a case where one exists */
  CF_ERROR_LOCKED,            /* another process holds the case */
  CF_ERROR_READ_ONLY,         /* a write on a case opened read-only */
  CF_ERROR_DATABASE,          /* SQLite reported an error */
  CF_ERROR_CORRUPT,           /* the database or an object failed a check */
  CF_ERROR_TOO_NEW,           /* the case was written by a newer Casefile */
  CF_ERROR_NOT_FOUND,         /* no such document, claim, … */
  CF_ERROR_INVALID,           /* a request that makes no sense (bad value, cycle, …) */
  CF_ERROR_CHANGED,           /* a source changed while it was read */
  CF_ERROR_ARCHIVE,           /* libarchive reported an error */
  CF_ERROR_LIMIT,             /* a safety limit stopped the work */
  CF_ERROR_UNSUPPORTED,       /* the system cannot do this (e.g. no AES) */
  CF_ERROR_NOT_NUMBERED,      /* an export selection holds unnumbered documents */
  CF_ERROR_EXISTS,            /* an output file is already there */
  CF_ERROR_PASSPHRASE,        /* an encrypted bundle needs its passphrase, or another one */
  CF_ERROR_PRODUCED,          /* the document was produced to the court (its number is locked) */
} CfError;

GQuark cf_error_quark (void);

G_END_DECLS
