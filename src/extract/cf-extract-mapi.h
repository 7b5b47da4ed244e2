/* cf-extract-mapi.h — MAPI property tags and value decoding shared by the
 * two readers of Outlook's formats: .msg (cf-extract-msg.c, properties in
 * OLE streams) and TNEF (cf-extract-tnef.c, properties in a byte
 * stream). Both hold the same properties with the same meaning; what a
 * value means is decided here once. */
#pragma once

#include "cf-extract.h"

G_BEGIN_DECLS

/* Property types. */
#define PT_SHORT    0x0002
#define PT_LONG     0x0003
#define PT_BOOLEAN  0x000B
#define PT_OBJECT   0x000D
#define PT_STRING8  0x001E
#define PT_UNICODE  0x001F
#define PT_SYSTIME  0x0040
#define PT_BINARY   0x0102
#define MV_FLAG     0x1000

/* Property ids. */
#define PR_SUBJECT                  0x0037
#define PR_CLIENT_SUBMIT_TIME       0x0039
#define PR_SENT_REPRESENTING_NAME   0x0042
#define PR_SENT_REPRESENTING_EMAIL  0x0065
#define PR_TRANSPORT_HEADERS        0x007D
#define PR_SENDER_NAME              0x0C1A
#define PR_SENDER_EMAIL             0x0C1F
#define PR_DISPLAY_BCC              0x0E02
#define PR_RECIPIENT_TYPE           0x0C15
#define PR_DISPLAY_CC               0x0E03
#define PR_DISPLAY_TO               0x0E04
#define PR_MESSAGE_DELIVERY_TIME    0x0E06
#define PR_BODY                     0x1000
#define PR_RTF_COMPRESSED           0x1009
#define PR_BODY_HTML                0x1013
#define PR_INTERNET_MESSAGE_ID      0x1035
#define PR_INTERNET_REFERENCES      0x1039
#define PR_IN_REPLY_TO_ID           0x1042
#define PR_DISPLAY_NAME             0x3001
#define PR_EMAIL_ADDRESS            0x3003
#define PR_ATTACH_DATA              0x3701   /* PT_BINARY, or PT_OBJECT */
#define PR_ATTACH_FILENAME          0x3704
#define PR_ATTACH_METHOD            0x3705
#define PR_ATTACH_LONG_FILENAME     0x3707
#define PR_ATTACH_MIME_TAG          0x370E
#define PR_SMTP_ADDRESS             0x39FE
#define PR_INTERNET_CPID            0x3FDE
#define PR_MESSAGE_CODEPAGE         0x3FFD
#define PR_SENDER_SMTP_ADDRESS      0x5D01
#define PR_SENT_REPRESENTING_SMTP   0x5D02

/* PR_ATTACH_METHOD values. */
#define ATTACH_BY_VALUE     1
#define ATTACH_EMBEDDED_MSG 5
#define ATTACH_OLE          6

/* UTF-16LE to UTF-8; unpaired surrogates and an odd last byte become
 * U+FFFD instead of failing the whole string. */
char       *cf_mapi_utf16le_to_utf8      (const guint8 *data,
                                          gsize         len);
/* A FILETIME (100 ns since 1601, UTC) as a date, or NULL for 0 and for
 * MAPI's "none" (4501-01-01). */
GDateTime  *cf_mapi_filetime_to_datetime (guint64       filetime);
/* The iconv charset of a Windows code page (949: CP949), or NULL. */
const char *cf_mapi_charset_for_codepage (guint32       codepage);
/* Whether an address is an SMTP one (Exchange writes X.500 names,
 * /O=…/CN=…, where it has no SMTP address at hand). */
gboolean    cf_mapi_is_smtp              (const char   *address);
/* "Name <address>", or whichever of the two there is, or NULL. */
char       *cf_mapi_format_person        (const char   *name,
                                          const char   *address);
/* The type to record for an attachment: its MIME tag when that says
 * something, else a guess from its name, else application/octet-stream. */
char       *cf_mapi_attachment_type      (const char   *mime_tag,
                                          const char   *name);

/* Adds a recipient to "recipients" and, by its PR_RECIPIENT_TYPE, to "to",
 * "cc" or "bcc". */
void        cf_mapi_add_recipient        (CfExtractResult *result,
                                          const char      *person,
                                          guint32          type);
/* The same for each name of a display list (PR_DISPLAY_TO, _CC or _BCC:
 * names separated by ";"), when a message has no recipient table. */
void        cf_mapi_add_display_list     (CfExtractResult *result,
                                          guint16          display_property,
                                          const char      *list);

G_END_DECLS
