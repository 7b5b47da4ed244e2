/* cf-extract-tnef-private.h — what the TNEF reader's two files share:
 * the reader's state (cf-extract-tnef.c reads the stream) and MAPI
 * property sets as TNEF lays them out (cf-extract-tnef-props.c). */
#pragma once

#include "cf-extract-mail-private.h"
#include "cf-extract-mapi.h"

G_BEGIN_DECLS

#define MAX_BODY       (64 * 1024 * 1024)
#define MAX_PROPERTIES 100000

/* A property's key in a set: its id and (single-valued) type. */
#define TAG(id, type) ((guint32) (id) << 16 | (type))

typedef struct
{
  gboolean open;
  gboolean skipped;         /* past the cap: read over, not kept */
  guint number;             /* from 1 */
  gboolean has_data;        /* attAttachData came */
  GOutputStream *out;       /* its child */
  char *provisional;        /* its name until the real one is known */
  GBytes *title;            /* attAttachTitle, in the code page */
  GHashTable *props;        /* attAttachment */
} Attachment;

typedef struct
{
  CfMail mail;
  GInputStream *in;
  guint64 offset;
  guint64 size;

  const char *oem_codepage;     /* attOemCodepage */
  const char *codepage;         /* PR_MESSAGE_CODEPAGE, better when there */
  char *encoding;

  GHashTable *message;          /* attMAPIProps: tag → first value */
  GBytes *subject;              /* the legacy attributes, raw */
  GBytes *body;
  GBytes *from_name;
  GBytes *from_address;
  char *date_sent;
  char *message_id;
  GPtrArray *recipients;
  GArray *recipient_types;     /* guint32 PR_RECIPIENT_TYPE, one per recipient */

  Attachment att;
  guint n_attachments;
  guint n_skipped;
  guint n_bad_sums;
  guint64 first_bad_sum;
} Tnef;

/* A read position in an attribute's bytes. */
typedef struct
{
  const guint8 *data;
  gsize len;
  gsize pos;
} Cursor;

gboolean    cf_tnef_cursor_u32   (Cursor      *c,
                                  guint32     *value);

/* A set of properties: tag → the first value, as a slice of the
 * attribute it came from. */
GHashTable *cf_tnef_props_new    (void);
/* Reads a property set (a count, then each property) from the cursor into
 * `into`: the first value of every single-valued, unnamed property, as a
 * slice of buffer. Returns FALSE, having kept what came before, when the
 * set is damaged; `what` names it in the warning. */
gboolean    cf_tnef_parse_props  (Tnef        *t,
                                  GBytes      *buffer,
                                  Cursor      *c,
                                  GHashTable  *into,
                                  const char  *what);
GBytes     *cf_tnef_props_get    (GHashTable  *props,
                                  guint16      id,
                                  guint16      type);
gboolean    cf_tnef_props_u32    (GHashTable  *props,
                                  guint16      id,
                                  guint16      type,
                                  guint32     *value);
gboolean    cf_tnef_props_u64    (GHashTable  *props,
                                  guint16      id,
                                  guint16      type,
                                  guint64     *value);
/* 8-bit text in the message's code page (attOemCodepage, or
 * PR_MESSAGE_CODEPAGE when there is one), or a guess when it names none;
 * trailing NULs dropped, at most max bytes. Never NULL for bytes. */
char       *cf_tnef_decode_bytes (Tnef        *t,
                                  GBytes      *bytes,
                                  gsize        max);
/* A string property, Unicode (UTF-16LE) or 8-bit. */
char       *cf_tnef_props_string (Tnef        *t,
                                  GHashTable  *props,
                                  guint16      id,
                                  gsize        max);
/* The same stripped, or NULL when absent or empty. */
char       *cf_tnef_props_text   (Tnef        *t,
                                  GHashTable  *props,
                                  guint16      id);

G_END_DECLS
