/* cf-extract-mail-util.c — what the mail readers share: GMime set up for
 * Korean mail, header values decoded with EUC-KR and ks_c_5601-1987 read
 * as CP949, the message metadata (people, date, threading), and a GMime
 * stream that writes into a child.
 *
 * GMime maps ks_c_5601-1987 to EUC-KR, and iconv's EUC-KR lacks the 8,822
 * syllables CP949 added (똠, 햏, 쏀…), which Korean Outlook writes under
 * both labels. GMime offers no hook for that, so the labels are rewritten
 * in the raw header text (=?ks_c_5601-1987?B?…?= → =?CP949?B?…?=, and the
 * same in RFC 2231 values) before GMime decodes it. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-mail-private.h"

#include <stdarg.h>
#include <string.h>

static const char *
parser_warning_text (GMimeParserWarning code,
                     const char       **key)
{
  switch (code)
    {
    case GMIME_CRIT_NESTING_OVERFLOW:
      *key = "mail-nesting";
      return "The message nests its parts too deeply; the deepest were read as plain content";
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
      *key = "mail-no-boundary";
      return "A multipart has no boundary; its content was read as one block";
    case GMIME_WARN_MALFORMED_MULTIPART:
      *key = "mail-malformed-multipart";
      return "A multipart is malformed (a missing end boundary?)";
    case GMIME_WARN_TRUNCATED_MESSAGE:
      *key = "mail-truncated";
      return "The message is truncated";
    case GMIME_WARN_MALFORMED_MESSAGE:
      *key = "mail-malformed";
      return "The message is malformed";
    case GMIME_CRIT_INVALID_HEADER_NAME:
      *key = "mail-bad-header";
      return "A header line is not a header; the headers end there";
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE:
      *key = "mail-bad-encoded-word";
      return "A header has broken encoded words (RFC 2047)";
    case GMIME_WARN_UNENCODED_8BIT_HEADER:
      *key = "mail-8bit-header";
      return "A header holds unencoded 8-bit text; it was read as UTF-8 or CP949";
    case GMIME_CRIT_CONFLICTING_HEADER:
    case GMIME_CRIT_CONFLICTING_PARAMETER:
      *key = "mail-conflict";
      return "A header or parameter appears twice with different values; the first was used";
    case GMIME_WARN_DUPLICATED_HEADER:
    case GMIME_WARN_DUPLICATED_PARAMETER:
    case GMIME_WARN_INVALID_CONTENT_TYPE:
    case GMIME_WARN_INVALID_PARAMETER:
    case GMIME_WARN_INVALID_ADDRESS_LIST:
    case GMIME_WARN_PART_WITHOUT_CONTENT:
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
    default:
      *key = NULL;
      return NULL;
    }
}

static void
on_parser_warning (gint64              offset,
                   GMimeParserWarning  code,
                   const char         *item,
                   gpointer            user_data)
{
  CfMail *mail = user_data;
  const char *key = NULL;
  const char *text = parser_warning_text (code, &key);

  /* Duplicated or odd parameters are everyday mail; only what changes
   * what was read is worth recording. */
  if (text == NULL)
    return;
  if (offset >= 0)
    cf_mail_warn_once (mail, key, key, "%s (at byte %" G_GINT64_FORMAT ")", text, offset);
  else
    cf_mail_warn_once (mail, key, key, "%s", text);
}

/* GMime does not free the registry entry g_mime_object_register_type
 * replaces: the three cf_mail_init replaces are lost, once per process.
 * In the sanitizer builds (HACKING.md) LeakSanitizer is told to overlook
 * what GMime allocates while it sets up; elsewhere these are NULL. */
extern void __lsan_disable (void) __attribute__ ((weak));
extern void __lsan_enable (void) __attribute__ ((weak));

void
cf_mail_init (CfMail          *mail,
              CfExtractResult *result)
{
  /* Undeclared 8-bit header text: UTF-8 if it is, else what Korean
   * software wrote for decades. */
  static const char *fallback[] = { "UTF-8", "CP949", NULL };
  static gsize initialized;

  /* Once per process: the helper reads many documents in one run. */
  if (g_once_init_enter (&initialized))
    {
      if (__lsan_disable != NULL)
        __lsan_disable ();
      g_mime_init ();
      /* Attached messages are leaves: their bytes are written out as they
       * are (a child document of their own), and GMime does not parse a
       * structure nobody reads here. */
      g_mime_object_register_type ("message", "rfc822", GMIME_TYPE_PART);
      g_mime_object_register_type ("message", "global", GMIME_TYPE_PART);
      g_mime_object_register_type ("message", "news", GMIME_TYPE_PART);
      if (__lsan_enable != NULL)
        __lsan_enable ();
      g_once_init_leave (&initialized, 1);
    }

  mail->result = result;
  mail->options = g_mime_parser_options_new ();
  g_mime_parser_options_set_fallback_charsets (mail->options, fallback);
  g_mime_parser_options_set_warning_callback (mail->options, on_parser_warning, mail);
  /* GMime's lenient encoded-word scanner goes back to the end of the
   * value for every "=?" it cannot close: a 1 MB Subject of "=?x?Q?a"
   * costs minutes, inside the parser. Strict mode is linear; the lenient
   * decoding readers need is done by cf_mail_decode_text. */
  g_mime_parser_options_set_rfc2047_compliance_mode (mail->options, GMIME_RFC_COMPLIANCE_STRICT);
  mail->warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
cf_mail_clear (CfMail *mail)
{
  g_clear_pointer (&mail->options, g_mime_parser_options_free);
  g_clear_pointer (&mail->warned, g_hash_table_unref);
}

void
cf_mail_warn_once (CfMail     *mail,
                   const char *key,
                   const char *code,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (g_hash_table_contains (mail->warned, key))
    return;
  g_hash_table_add (mail->warned, g_strdup (key));
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  cf_extract_result_warn (mail->result, code, "%s", message);
}

/* Labels under which Korean software writes CP949 without saying so. */
static gboolean
is_korean_legacy_label (const char *label)
{
  return g_ascii_strncasecmp (label, "euc", 3) == 0 || g_ascii_strncasecmp (label, "ks", 2) == 0 ||
         g_ascii_strcasecmp (label, "korean") == 0;
}

void
cf_mail_note_charset (CfMail     *mail,
                      const char *declared,
                      const char *used)
{
  g_autofree char *key = NULL;
  const char *normal;

  if (declared == NULL || used == NULL)
    return;
  normal = cf_extract_normalize_charset (declared);
  key = g_strdup_printf ("charset:%s>%s", declared, used);
  if (g_ascii_strcasecmp (normal, used) == 0)
    {
      if (g_ascii_strcasecmp (normal, "CP949") == 0 && is_korean_legacy_label (declared))
        cf_mail_warn_once (mail, key, "charset-corrected",
                           "Text labelled %s was read as CP949, the superset Korean mail "
                           "software writes under that label", declared);
      return;
    }
  /* us-ascii is read as UTF-8, its superset, on purpose. */
  if (g_ascii_strcasecmp (normal, "UTF-8") == 0 && g_ascii_strcasecmp (used, "UTF-8") == 0)
    return;
  cf_mail_warn_once (mail, key, "charset-corrected",
                     "Text labelled %s does not decode as such; it was read as %s", declared, used);
}

static gboolean
is_charset_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == ':' || c == '+';
}

/* Copies the charset label at *p (ending before `p + len`), rewritten when
 * it is a Korean alias of CP949, and moves *p past it. */
static void
rewrite_label (CfMail      *mail,
               GString     *out,
               const char **p,
               gsize        len)
{
  g_autofree char *label = g_strndup (*p, len);
  const char *normal = cf_extract_normalize_charset (label);

  if (g_ascii_strcasecmp (normal, "CP949") == 0 && g_ascii_strcasecmp (label, "CP949") != 0)
    {
      g_string_append (out, "CP949");
      cf_mail_note_charset (mail, label, "CP949");
    }
  else
    g_string_append_len (out, *p, len);
  *p += len;
}

static char *
rewrite_charsets (CfMail     *mail,
                  const char *raw,
                  gsize       len)
{
  GString *out = g_string_sized_new (len + 16);
  const char *p = raw;
  const char *end = raw + len;

  while (p < end)
    {
      const char *label = NULL;
      const char *q;

      /* An encoded word: =?charset?B?…?= or =?charset*lang?Q?…?= */
      if (p + 2 < end && p[0] == '=' && p[1] == '?')
        {
          g_string_append_len (out, p, 2);
          p += 2;
          label = p;
        }
      /* An RFC 2231 value: name*=charset'lang'… or name*0*=charset'…;
       * some writers quote it. */
      else if (p + 2 < end && p[0] == '*' && p[1] == '=')
        {
          g_string_append_len (out, p, 2);
          p += 2;
          while (p < end && (*p == ' ' || *p == '\t' || *p == '"'))
            g_string_append_c (out, *p++);
          label = p;
        }
      if (label == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      q = label;
      while (q < end && is_charset_char (*q))
        q++;
      if (q > label && q < end && (*q == '?' || *q == '*' || *q == '\''))
        rewrite_label (mail, out, &p, q - label);
    }
  return g_string_free (out, FALSE);
}

char *
cf_mail_prepare_raw (CfMail     *mail,
                     const char *name,
                     const char *raw)
{
  gsize len;

  if (raw == NULL)
    return NULL;
  len = strlen (raw);
  if (len > CF_MAIL_MAX_HEADER)
    {
      g_autofree char *key = g_strdup_printf ("header-cut:%s", name);
      const char *cut = g_utf8_find_prev_char (raw, raw + CF_MAIL_MAX_HEADER + 1);

      /* Raw headers need not be UTF-8; cutting on a character boundary
       * only matters when they are. */
      len = cut != NULL && cut > raw ? (gsize) (cut - raw) : CF_MAIL_MAX_HEADER;
      cf_mail_warn_once (mail, key, "header-cut",
                         "The %s header is longer than %d KiB; only its start was read",
                         name, CF_MAIL_MAX_HEADER / 1024);
    }
  return rewrite_charsets (mail, raw, len);
}

char *
cf_mail_header_raw (CfMail          *mail,
                    GMimeHeaderList *headers,
                    const char      *name)
{
  GMimeHeader *header;

  if (headers == NULL)
    return NULL;
  header = g_mime_header_list_get_header (headers, name);
  if (header == NULL)
    return NULL;
  return cf_mail_prepare_raw (mail, name, g_mime_header_get_raw_value (header));
}

/* Where the encoded word at p ends (past its "?="), or NULL when p does
 * not start one. RFC 2047 keeps them to 75 characters; real mail goes a
 * little over, but never near MAX_WORD, which keeps the scan linear. */
#define MAX_WORD 4096

static const char *
encoded_word_end (const char *p)
{
  const char *q;

  if (p[0] != '=' || p[1] != '?')
    return NULL;
  for (q = p + 2; *q && *q != '?' && !g_ascii_isspace (*q) && q - p < MAX_WORD; q++)
    ;
  if (q[0] != '?' || q == p + 2 || q[1] == '\0' || strchr ("BbQq", q[1]) == NULL || q[2] != '?')
    return NULL;
  /* Encoded text holds no '?' and no white space. */
  for (q += 3; *q && *q != '?' && !g_ascii_isspace (*q) && q - p < MAX_WORD; q++)
    ;
  if (q[0] != '?' || q[1] != '=')
    return NULL;
  return q + 2;
}

static void
append_literal (CfMail     *mail,
                GString    *out,
                const char *text,
                gsize       len)
{
  g_autofree char *decoded = NULL;

  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      {
        decoded = g_mime_utils_decode_8bit (mail->options, text, len);
        g_string_append (out, decoded);
        return;
      }
  g_string_append_len (out, text, len);
}

char *
cf_mail_decode_text (CfMail     *mail,
                     const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *literal = text;
  const char *p = text;

  while (*p)
    {
      const char *end = *p == '=' ? encoded_word_end (p) : NULL;
      g_autoptr(GString) run = NULL;
      g_autofree char *decoded = NULL;

      if (end == NULL)
        {
          p++;
          continue;
        }
      append_literal (mail, out, literal, p - literal);
      /* A run of encoded words: the white space between them is not text
       * (RFC 2047), and GMime joins a character split across two words.
       * Words written back to back or inside a quoted string — which
       * strict decoding would leave alone — are separated by one space. */
      run = g_string_new_len (p, end - p);
      for (;;)
        {
          const char *next = end;
          const char *next_end;

          while (*next == ' ' || *next == '\t')
            next++;
          next_end = encoded_word_end (next);
          if (next_end == NULL)
            break;
          g_string_append_c (run, ' ');
          g_string_append_len (run, next, next_end - next);
          end = next_end;
        }
      decoded = g_mime_utils_header_decode_text (mail->options, run->str);
      g_string_append (out, decoded ? decoded : run->str);
      p = literal = end;
    }
  append_literal (mail, out, literal, p - literal);
  return g_string_free (out, FALSE);
}

char *
cf_mail_header_text (CfMail          *mail,
                     GMimeHeaderList *headers,
                     const char      *name)
{
  g_autofree char *raw = cf_mail_header_raw (mail, headers, name);
  g_autofree char *unfolded = NULL;
  char *text;

  if (raw == NULL)
    return NULL;
  unfolded = g_mime_utils_header_unfold (raw);
  text = cf_mail_decode_text (mail, unfolded);
  /* Line breaks and tabs inside a subject are folding leftovers. */
  for (char *p = text; *p; p++)
    if (*p == '\r' || *p == '\n' || *p == '\t')
      *p = ' ';
  return g_strstrip (text);
}

char *
cf_mail_format_mailbox (CfMail          *mail,
                        InternetAddress *address)
{
  g_autofree char *decoded = NULL;
  const char *name = internet_address_get_name (address);
  const char *addr = INTERNET_ADDRESS_IS_MAILBOX (address)
                     ? internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address))
                     : NULL;
  gboolean has_name, has_addr;

  /* Korean Outlook quotes encoded names ("=?ks_c_5601-1987?B?…?="), which
   * strict decoding leaves as they are. */
  if (name != NULL && strstr (name, "=?") != NULL)
    name = decoded = cf_mail_decode_text (mail, name);
  has_name = name != NULL && name[0] != '\0' && g_strcmp0 (name, addr) != 0;
  has_addr = addr != NULL && addr[0] != '\0';
  if (has_name && has_addr)
    return g_strdup_printf ("%s <%s>", name, addr);
  if (has_addr)
    return g_strdup (addr);
  if (has_name)
    return g_strdup (name);
  return NULL;
}

/* Mailboxes of a list, groups opened (one level: groups do not nest). */
static void
add_addresses (CfMail              *mail,
               InternetAddressList *list,
               const char          *key,
               char               **first,
               gboolean             in_group)
{
  int n = list ? internet_address_list_length (list) : 0;

  for (int i = 0; i < n; i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);
      g_autofree char *text = NULL;

      if (INTERNET_ADDRESS_IS_GROUP (address))
        {
          if (!in_group)
            add_addresses (mail, internet_address_group_get_members (INTERNET_ADDRESS_GROUP (address)),
                           key, first, TRUE);
          continue;
        }
      text = cf_mail_format_mailbox (mail, address);
      if (text == NULL)
        continue;
      if (key != NULL)
        cf_extract_result_add_to_list (mail->result, key, text);
      if (first != NULL && *first == NULL)
        *first = g_steal_pointer (&text);
    }
}

static InternetAddressList *
header_addresses (CfMail          *mail,
                  GMimeHeaderList *headers,
                  const char      *name)
{
  g_autofree char *raw = cf_mail_header_raw (mail, headers, name);

  if (raw == NULL)
    return NULL;
  return internet_address_list_parse (mail->options, raw);
}

/* The date at the end of a Received header ("…; Mon, 2 Apr 2018 …"). */
static GDateTime *
received_date (CfMail          *mail,
               GMimeHeaderList *headers)
{
  GDateTime *date = NULL;
  int n = g_mime_header_list_get_count (headers);

  /* Servers prepend Received; the last one is the first server's. Only the
   * first few hundred are looked at. */
  for (int i = MIN (n, 500) - 1; i >= 0 && date == NULL; i--)
    {
      GMimeHeader *header = g_mime_header_list_get_header_at (headers, i);
      g_autofree char *raw = NULL;
      const char *semi;

      if (g_ascii_strcasecmp (g_mime_header_get_name (header), "Received") != 0)
        continue;
      raw = cf_mail_prepare_raw (mail, "Received", g_mime_header_get_raw_value (header));
      semi = strrchr (raw, ';');
      if (semi != NULL)
        date = g_mime_utils_header_decode_date (semi + 1);
    }
  return date;
}

GDateTime *
cf_mail_header_date (CfMail          *mail,
                     GMimeHeaderList *headers)
{
  g_autofree char *raw = cf_mail_header_raw (mail, headers, "Date");
  GDateTime *date = NULL;

  if (raw != NULL)
    {
      date = g_mime_utils_header_decode_date (raw);
      if (date == NULL)
        cf_mail_warn_once (mail, "bad-date", "mail-date",
                           "The Date header cannot be read: %.80s", g_strstrip (raw));
    }
  if (date == NULL && headers != NULL)
    {
      date = received_date (mail, headers);
      if (date != NULL)
        cf_mail_warn_once (mail, "date-received", "mail-date",
                           "The message has no usable Date header; the time the first "
                           "server received it was used");
    }
  return date;
}

char *
cf_mail_format_date (GDateTime *date)
{
  if (date == NULL)
    return NULL;
  /* RFC 3339: the sender's zone as +09:00 (the zone is evidence too). */
  if (g_date_time_get_utc_offset (date) == 0)
    return g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");
  return g_date_time_format (date, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
set_message_id (CfMail     *mail,
                const char *key,
                const char *raw)
{
  g_autofree char *id = raw ? g_mime_utils_decode_message_id (raw) : NULL;

  cf_extract_result_set_string (mail->result, key, id);
}

void
cf_mail_set_metadata (CfMail          *mail,
                      GMimeHeaderList *headers,
                      CfMailMeta       which)
{
  CfExtractResult *result = mail->result;

  if (headers == NULL)
    return;
  if (which & CF_MAIL_META_PEOPLE)
    {
      static const char *recipients[] = { "To", "Cc", "Bcc" };
      /* Who was addressed and who was copied matters (a lawyer in Cc), so
       * each list is kept on its own beside the whole. */
      static const char *keys[] = { "to", "cc", "bcc" };
      g_autofree char *subject = cf_mail_header_text (mail, headers, "Subject");
      g_autoptr(InternetAddressList) from = header_addresses (mail, headers, "From");
      g_autofree char *author = NULL;

      cf_extract_result_set_string (result, "title", subject);
      cf_extract_result_set_string (result, "subject", subject);
      add_addresses (mail, from, NULL, &author, FALSE);
      if (author == NULL)
        {
          /* A From that is not an address list is still who sent it. */
          author = cf_mail_header_text (mail, headers, "From");
        }
      cf_extract_result_set_string (result, "author", author);
      for (guint i = 0; i < G_N_ELEMENTS (recipients); i++)
        {
          g_autoptr(InternetAddressList) list = header_addresses (mail, headers, recipients[i]);

          add_addresses (mail, list, "recipients", NULL, FALSE);
          add_addresses (mail, list, keys[i], NULL, FALSE);
        }
    }
  if (which & CF_MAIL_META_DATE)
    {
      g_autoptr(GDateTime) date = cf_mail_header_date (mail, headers);
      g_autofree char *iso = cf_mail_format_date (date);

      cf_extract_result_set_string (result, "date", iso);
    }
  if (which & CF_MAIL_META_THREADING)
    {
      g_autofree char *message_id = cf_mail_header_raw (mail, headers, "Message-ID");
      g_autofree char *in_reply_to = cf_mail_header_raw (mail, headers, "In-Reply-To");
      g_autofree char *references = cf_mail_header_raw (mail, headers, "References");

      set_message_id (mail, "message_id", message_id);
      if (in_reply_to != NULL)
        {
          /* In-Reply-To may hold several ids and comments; the first id is
           * the parent. */
          GMimeReferences *refs = g_mime_references_parse (mail->options, in_reply_to);

          if (refs != NULL && g_mime_references_length (refs) > 0)
            cf_extract_result_set_string (result, "in_reply_to",
                                          g_mime_references_get_message_id (refs, 0));
          else
            set_message_id (mail, "in_reply_to", in_reply_to);
          g_clear_pointer (&refs, g_mime_references_free);
        }
      if (references != NULL)
        {
          GMimeReferences *refs = g_mime_references_parse (mail->options, references);
          int n = refs ? g_mime_references_length (refs) : 0;

          for (int i = 0; i < n; i++)
            cf_extract_result_add_to_list (result, "references",
                                           g_mime_references_get_message_id (refs, i));
          g_clear_pointer (&refs, g_mime_references_free);
        }
    }
}

char *
cf_mail_clean_name (const char *text,
                    gsize       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  gsize n = 0;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p && n < max_chars; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* One line, no separators and no bidi or other format characters:
       * the name is shown in lists, and nobody should be fooled by it. */
      if (c == '/' || c == '\\' || g_unichar_iscntrl (c) ||
          g_unichar_type (c) == G_UNICODE_FORMAT || g_unichar_isspace (c))
        c = ' ';
      if (c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
        continue;
      g_string_append_unichar (out, c);
      n++;
    }
  while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '.'))
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

gboolean
cf_mail_child_allowed (CfMail *mail)
{
  if (cf_extract_result_get_n_children (mail->result) < CF_MAIL_MAX_CHILDREN)
    return TRUE;
  cf_mail_warn_once (mail, "children-cap", "children-cap",
                     "The document holds more than %d attachments or messages; the rest "
                     "were not extracted", CF_MAIL_MAX_CHILDREN);
  return FALSE;
}

/* A write-only GMimeStream over a GOutputStream --------------------------- */

#define CF_TYPE_MAIL_STREAM (cf_mail_stream_get_type ())
G_DECLARE_FINAL_TYPE (CfMailStream, cf_mail_stream, CF, MAIL_STREAM, GMimeStream)

struct _CfMailStream
{
  GMimeStream parent_instance;
  GOutputStream *out;
  gboolean failed;
};

G_DEFINE_TYPE (CfMailStream, cf_mail_stream, GMIME_TYPE_STREAM)

static ssize_t
cf_mail_stream_write (GMimeStream *stream,
                      const char  *buf,
                      size_t       len)
{
  CfMailStream *self = CF_MAIL_STREAM (stream);

  if (self->failed || !g_output_stream_write_all (self->out, buf, len, NULL, NULL, NULL))
    {
      self->failed = TRUE;
      return -1;
    }
  stream->position += len;
  return len;
}

static ssize_t
cf_mail_stream_read (GMimeStream *stream,
                     char        *buf,
                     size_t       len)
{
  return -1;
}

static int
cf_mail_stream_flush (GMimeStream *stream)
{
  return 0;
}

static int
cf_mail_stream_close (GMimeStream *stream)
{
  return 0;
}

static gboolean
cf_mail_stream_eos (GMimeStream *stream)
{
  return FALSE;
}

static int
cf_mail_stream_reset (GMimeStream *stream)
{
  return -1;
}

static gint64
cf_mail_stream_seek (GMimeStream     *stream,
                     gint64           offset,
                     GMimeSeekWhence  whence)
{
  return -1;
}

static gint64
cf_mail_stream_tell (GMimeStream *stream)
{
  return stream->position;
}

static gint64
cf_mail_stream_length (GMimeStream *stream)
{
  return -1;
}

static GMimeStream *
cf_mail_stream_substream (GMimeStream *stream,
                          gint64       start,
                          gint64       end)
{
  return NULL;
}

static void
cf_mail_stream_finalize (GObject *object)
{
  g_clear_object (&CF_MAIL_STREAM (object)->out);
  G_OBJECT_CLASS (cf_mail_stream_parent_class)->finalize (object);
}

static void
cf_mail_stream_class_init (CfMailStreamClass *klass)
{
  GMimeStreamClass *stream_class = GMIME_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cf_mail_stream_finalize;
  stream_class->read = cf_mail_stream_read;
  stream_class->write = cf_mail_stream_write;
  stream_class->flush = cf_mail_stream_flush;
  stream_class->close = cf_mail_stream_close;
  stream_class->eos = cf_mail_stream_eos;
  stream_class->reset = cf_mail_stream_reset;
  stream_class->seek = cf_mail_stream_seek;
  stream_class->tell = cf_mail_stream_tell;
  stream_class->length = cf_mail_stream_length;
  stream_class->substream = cf_mail_stream_substream;
}

static void
cf_mail_stream_init (CfMailStream *self)
{
}

GMimeStream *
cf_mail_stream_new (GOutputStream *out)
{
  CfMailStream *self = g_object_new (CF_TYPE_MAIL_STREAM, NULL);

  g_mime_stream_construct (GMIME_STREAM (self), 0, -1);
  self->out = g_object_ref (out);
  return GMIME_STREAM (self);
}
