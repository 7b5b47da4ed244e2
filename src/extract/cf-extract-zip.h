/* cf-extract-zip.h — members of a ZIP-based document (OOXML, ODF, HWPX),
 * found by name and read as capped streams. */
#pragma once

#include "cf-extract.h"

G_BEGIN_DECLS

/* What one member may produce uncompressed, whatever the ZIP declares. */
#define CF_ZIP_MEMBER_CAP   (256 * 1024 * 1024)
/* What all the members read from one document may produce together. */
#define CF_ZIP_TOTAL_BUDGET (G_GUINT64_CONSTANT (1024) * 1024 * 1024)
/* Members beyond this are not listed (a real document has hundreds). */
#define CF_ZIP_MAX_MEMBERS  100000

/* The first bytes of a file, to tell formats apart before choosing a
 * reader; FALSE when it is shorter than len. */
gboolean     cf_extract_sniff    (const char      *path,
                                  guint8          *buf,
                                  gsize            len);
gboolean     cf_extract_is_zip   (const guint8    *head,
                                  gsize            len);
gboolean     cf_extract_is_ole   (const guint8    *head,
                                  gsize            len);

typedef struct _CfZip CfZip;

/* Lists the members; fails when the file is not a ZIP. Problems found
 * later (damaged members, caps reached) become warnings on result. */
CfZip       *cf_zip_open         (const char      *path,
                                  CfExtractResult *result,
                                  GError         **error);
void         cf_zip_free         (CfZip           *zip);

/* The member's name as stored, found case-insensitively (part names in
 * OOXML are case-insensitive), or NULL. */
const char  *cf_zip_find         (CfZip           *zip,
                                  const char      *name);
/* The member names in archive order. */
GPtrArray   *cf_zip_get_names    (CfZip           *zip);

/* Positions the reader at the start of a member's data. */
gboolean     cf_zip_open_member  (CfZip           *zip,
                                  const char      *name,
                                  GError         **error);
/* Reads from the member opened last: 0 at its end, -1 on error (damage,
 * encryption, or the cap reached). */
gssize       cf_zip_read         (CfZip           *zip,
                                  void            *buf,
                                  gsize            len,
                                  GError         **error);
/* A whole small member (at most max bytes, NUL-terminated). */
GBytes      *cf_zip_read_small   (CfZip           *zip,
                                  const char      *name,
                                  gsize            max,
                                  GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfZip, cf_zip_free)

G_END_DECLS
