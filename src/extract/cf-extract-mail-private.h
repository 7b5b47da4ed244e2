/* cf-extract-mail-private.h — what the mail readers (.eml, .mbox, .msg)
 * share: GMime set up for Korean mail, header decoding with the Korean
 * charset labels read as CP949, the metadata every message gets, and the
 * limits that keep a hostile message cheap. */
#pragma once

#include <gmime/gmime.h>

#include "cf-extract-readers.h"

G_BEGIN_DECLS

/* GMime 3.2 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeContentType, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeContentDisposition, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddressList, g_object_unref)

/* Limits. A value we copy out of a header, a nesting level we walk, a
 * child we write: each has a ceiling, and reaching it is a warning. */
#define CF_MAIL_MAX_HEADER   (64 * 1024)
#define CF_MAIL_MAX_DEPTH    100
#define CF_MAIL_MAX_CHILDREN 10000
#define CF_MAIL_MAX_NAME     1024

typedef struct
{
  CfExtractResult    *result;
  GMimeParserOptions *options;
  GHashTable         *warned;  /* keys of warnings recorded once */
} CfMail;

void                 cf_mail_init              (CfMail             *mail,
                                                CfExtractResult    *result);
void                 cf_mail_clear             (CfMail             *mail);

/* Records a warning the first time key is seen; later ones say nothing
 * new. */
void                 cf_mail_warn_once         (CfMail             *mail,
                                                const char         *key,
                                                const char         *code,
                                                const char         *format,
                                                ...) G_GNUC_PRINTF (4, 5);

/* Notes that text labelled `declared` was read as `used`: a warning when
 * a Korean label was read as CP949 or a wrong label was overridden. */
void                 cf_mail_note_charset      (CfMail             *mail,
                                                const char         *declared,
                                                const char         *used);

/* A header's raw value, cut at CF_MAIL_MAX_HEADER, with the charset labels
 * of its encoded words and RFC 2231 values rewritten to what they really
 * are (EUC-KR and ks_c_5601-1987 → CP949). NULL when absent. */
char                *cf_mail_header_raw        (CfMail             *mail,
                                                GMimeHeaderList    *headers,
                                                const char         *name);
/* The same for a value that is not in a header list. */
char                *cf_mail_prepare_raw       (CfMail             *mail,
                                                const char         *name,
                                                const char         *raw);
/* A header decoded to UTF-8 (unfolded, encoded words decoded, 8-bit text
 * read as UTF-8 or CP949). NULL when absent. */
char                *cf_mail_header_text       (CfMail             *mail,
                                                GMimeHeaderList    *headers,
                                                const char         *name);
/* Decodes RFC 2047 encoded words and 8-bit text leniently (words inside
 * quotes or other words, words back to back) in linear time. text is an
 * unfolded value prepared by cf_mail_prepare_raw. */
char                *cf_mail_decode_text       (CfMail             *mail,
                                                const char         *text);
/* "Name <addr>", or whichever of the two there is. */
char                *cf_mail_format_mailbox    (CfMail             *mail,
                                                InternetAddress    *address);
/* The Date header (or, failing that, the time the first server received
 * the message) with its zone, or NULL. */
GDateTime           *cf_mail_header_date       (CfMail             *mail,
                                                GMimeHeaderList    *headers);
/* ISO 8601 with the zone kept: 2018-04-02T10:15:00+09:00 (Z for UTC). */
char                *cf_mail_format_date       (GDateTime          *date);

typedef enum
{
  CF_MAIL_META_PEOPLE    = 1 << 0,  /* title, subject, author, recipients */
  CF_MAIL_META_DATE      = 1 << 1,
  CF_MAIL_META_THREADING = 1 << 2,  /* message_id, in_reply_to, references */
  CF_MAIL_META_ALL       = 0x7,
} CfMailMeta;

/* Sets the message metadata found in headers: title and subject, author
 * (From), recipients (To, Cc, Bcc), date, message_id, in_reply_to,
 * references. */
void                 cf_mail_set_metadata      (CfMail             *mail,
                                                GMimeHeaderList    *headers,
                                                CfMailMeta          which);

/* A name for a child made from text of the message (a subject): one line,
 * no path separators or control characters, not too long. */
char                *cf_mail_clean_name        (const char         *text,
                                                gsize               max_chars);

/* A GMimeStream that writes into a GOutputStream (a child being written).
 * Write-only; it does not close the output stream. */
GMimeStream         *cf_mail_stream_new        (GOutputStream      *out);

/* Whether there is room for one more child; warns once when there is
 * not. */
gboolean             cf_mail_child_allowed     (CfMail             *mail);

G_END_DECLS
