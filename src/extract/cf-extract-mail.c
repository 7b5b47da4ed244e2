/* cf-extract-mail.c — one mail message (.eml, message/rfc822) through
 * GMime.
 *
 * The text is the message body: its text/plain parts, or the readable
 * text of an HTML-only body (multipart/alternative picks the plain
 * version). Headers become metadata (cf-extract-mail-util.c). Every other
 * part — attachments, inline images, attached messages — becomes a child,
 * its transfer encoding undone as it is streamed out, so that the family
 * (mail → attachments) stays intact in the case. An attached message is
 * not parsed here: its bytes are a child document, read in its turn.
 *
 * GMime leaves part content on disk (a persistent stream), so a message
 * with a large attachment costs little memory; text bodies are decoded as
 * they stream, HTML bodies are parsed whole up to MAX_HTML. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-mail-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#define CHUNK (64 * 1024)
/* The body's charset is decided on this much of it. */
#define SAMPLE_SIZE (256 * 1024)
/* HTML is parsed whole; past this it is read as far as it goes. */
#define MAX_HTML (64 * 1024 * 1024)

/* Nameless attachments are named one warning each up to this many; the
 * rest are counted, so that they cannot crowd out other warnings. */
#define MAX_NAMELESS_WARNINGS 20

typedef struct
{
  CfMail mail;
  char *encoding;               /* the first body part's charset */
  guint n_body_parts;
  guint n_nameless;
  gboolean encrypted;           /* an S/MIME or OpenPGP encrypted part */
} MailReader;

/* Decoding parts ---------------------------------------------------------- */

/* Receives decoded bytes; FALSE stops the decoding. */
typedef gboolean (*DecodeSink) (const char *data,
                                gsize       len,
                                gpointer    user_data);

static gsize
count_non_base64 (const char *data,
                  gsize       len)
{
  gsize bad = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (!g_ascii_isalnum (c) && c != '+' && c != '/' && c != '=' && !g_ascii_isspace (c))
        bad++;
    }
  return bad;
}

/* Streams the part's content with its transfer encoding undone. Damage is
 * a warning: what decodes is kept. */
static gboolean
decode_part (MailReader *r,
             GMimePart  *part,
             const char *what,
             DecodeSink  sink,
             gpointer    user_data)
{
  GMimeDataWrapper *wrapper = g_mime_part_get_content (part);
  g_autoptr(GMimeStream) filtered = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  GMimeStream *source;
  GMimeContentEncoding encoding;
  GMimeEncoding state;
  gboolean step = FALSE;
  guint64 garbage = 0;

  if (wrapper == NULL || g_mime_data_wrapper_get_stream (wrapper) == NULL)
    return TRUE;
  source = g_mime_data_wrapper_get_stream (wrapper);
  if (g_mime_stream_reset (source) < 0)
    {
      cf_extract_result_warn (r->mail.result, "mail-read", "%s could not be read", what);
      return FALSE;
    }
  encoding = g_mime_data_wrapper_get_encoding (wrapper);
  switch (encoding)
    {
    case GMIME_CONTENT_ENCODING_BASE64:
    case GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE:
      g_mime_encoding_init_decode (&state, encoding);
      step = TRUE;
      break;
    case GMIME_CONTENT_ENCODING_UUENCODE:
      /* The filter finds the "begin" line itself. */
      filtered = g_mime_stream_filter_new (source);
      {
        GMimeFilter *filter = g_mime_filter_basic_new (encoding, FALSE);

        g_mime_stream_filter_add (GMIME_STREAM_FILTER (filtered), filter);
        g_object_unref (filter);
      }
      source = filtered;
      break;
    default:
      break;
    }

  in = g_malloc (CHUNK);
  out = g_malloc (CHUNK * 2 + 64);
  for (;;)
    {
      ssize_t n;

      /* A bounded GMime stream reports its end as an error. */
      if (g_mime_stream_eos (source))
        break;
      n = g_mime_stream_read (source, in, CHUNK);
      if (n < 0 && g_mime_stream_eos (source))
        break;
      if (n < 0)
        {
          cf_extract_result_warn (r->mail.result, "mail-read", "%s could not be read to its end", what);
          return FALSE;
        }
      if (n == 0)
        break;
      if (step)
        {
          gsize m;

          if (encoding == GMIME_CONTENT_ENCODING_BASE64)
            garbage += count_non_base64 (in, n);
          m = g_mime_encoding_step (&state, in, n, out);
          if (m > 0 && !sink (out, m, user_data))
            return FALSE;
        }
      else if (!sink (in, n, user_data))
        return FALSE;
    }
  if (step)
    {
      gsize m = g_mime_encoding_flush (&state, "", 0, out);

      if (m > 0 && !sink (out, m, user_data))
        return FALSE;
    }
  if (garbage > 0)
    cf_extract_result_warn (r->mail.result, "base64-garbage",
                            "%s is damaged: %" G_GUINT64_FORMAT " bytes that are not base64 were "
                            "skipped; the rest was decoded", what, garbage);
  return TRUE;
}

/* Body text --------------------------------------------------------------- */

/* The label if the text decodes with it; else UTF-8, CP949 or, as a
 * readable last resort, Windows-1252. */
static const char *
decide_charset (const char *declared,
                const char *sample,
                gsize       len)
{
  const char *normal = cf_extract_normalize_charset (declared);

  if (normal != NULL && g_ascii_strcasecmp (normal, "UTF-8") != 0 &&
      cf_extract_converts_as (sample, len, normal))
    return normal;
  if (cf_extract_is_utf8_prefix (sample, len))
    return "UTF-8";
  if (cf_extract_converts_as (sample, len, "CP949"))
    return "CP949";
  return "WINDOWS-1252";
}

typedef struct
{
  MailReader *r;
  const char *declared;
  GByteArray *sample;     /* until the charset is decided */
  GIConv conv;
  char pending[16];       /* a character cut between two chunks */
  gsize n_pending;
  gboolean cr;            /* the last byte out was a CR */
  GString *line_buf;
} PlainText;

/* Appends converted UTF-8 with CR LF and lone CR made LF. */
static void
plain_emit (PlainText  *t,
            const char *utf8,
            gsize       len)
{
  GString *buf = t->line_buf;

  g_string_truncate (buf, 0);
  for (gsize i = 0; i < len; i++)
    {
      char c = utf8[i];

      if (t->cr)
        {
          t->cr = FALSE;
          g_string_append_c (buf, '\n');
          if (c == '\n')
            continue;
        }
      if (c == '\r')
        t->cr = TRUE;
      else
        g_string_append_c (buf, c);
    }
  cf_extract_result_append_text (t->r->mail.result, buf->str, buf->len);
}

static void
plain_convert (PlainText  *t,
               const char *data,
               gsize       len)
{
  g_autofree char *joined = NULL;
  char out[16384];
  char *in = (char *) data;
  gsize in_left = len;

  if (t->n_pending > 0)
    {
      joined = g_malloc (t->n_pending + len);
      memcpy (joined, t->pending, t->n_pending);
      memcpy (joined + t->n_pending, data, len);
      in = joined;
      in_left = t->n_pending + len;
      t->n_pending = 0;
    }
  while (in_left > 0)
    {
      char *o = out;
      gsize out_left = sizeof out;
      gsize rc = g_iconv (t->conv, &in, &in_left, &o, &out_left);
      int saved = errno;

      plain_emit (t, out, o - out);
      if (rc != (gsize) -1)
        continue;
      if (saved == E2BIG)
        continue;
      if (saved == EINVAL && in_left < sizeof t->pending)
        {
          /* The rest of this character comes with the next chunk. */
          memcpy (t->pending, in, in_left);
          t->n_pending = in_left;
          return;
        }
      /* A byte that does not decode: U+FFFD, then carry on. */
      plain_emit (t, "\xEF\xBF\xBD", 3);
      in++;
      in_left--;
    }
}

static void
plain_decide (PlainText *t)
{
  const char *charset = decide_charset (t->declared, (const char *) t->sample->data,
                                        t->sample->len);
  g_autoptr(GByteArray) sample = g_steal_pointer (&t->sample);

  t->conv = g_iconv_open ("UTF-8", charset);
  if (t->conv == (GIConv) -1)
    {
      charset = "WINDOWS-1252";
      t->conv = g_iconv_open ("UTF-8", charset);
    }
  if (t->r->encoding == NULL)
    t->r->encoding = g_strdup (charset);
  cf_mail_note_charset (&t->r->mail, t->declared, charset);
  plain_convert (t, (const char *) sample->data, sample->len);
}

static gboolean
plain_sink (const char *data,
            gsize       len,
            gpointer    user_data)
{
  PlainText *t = user_data;

  if (t->sample != NULL)
    {
      g_byte_array_append (t->sample, (const guint8 *) data, len);
      if (t->sample->len >= SAMPLE_SIZE)
        plain_decide (t);
      return TRUE;
    }
  plain_convert (t, data, len);
  return TRUE;
}

static void
add_plain_text (MailReader *r,
                GMimePart  *part,
                const char *charset)
{
  PlainText t = { 0 };

  t.r = r;
  t.declared = charset;
  t.sample = g_byte_array_new ();
  t.line_buf = g_string_new (NULL);
  decode_part (r, part, "The message body", plain_sink, &t);
  if (t.sample != NULL)
    plain_decide (&t);
  if (t.n_pending > 0)
    plain_emit (&t, "\xEF\xBF\xBD", 3);
  if (t.cr)
    cf_extract_result_append_text (r->mail.result, "\n", 1);
  if (t.conv != (GIConv) -1 && t.conv != NULL)
    g_iconv_close (t.conv);
  g_string_free (t.line_buf, TRUE);
}

/* Collects decoded bytes up to a ceiling. */
typedef struct
{
  GByteArray *data;
  gsize max;
  gboolean cut;
} Capture;

static gboolean
capture_sink (const char *data,
              gsize       len,
              gpointer    user_data)
{
  Capture *c = user_data;

  if (c->data->len + len > c->max)
    {
      g_byte_array_append (c->data, (const guint8 *) data, c->max - c->data->len);
      c->cut = TRUE;
      return FALSE;
    }
  g_byte_array_append (c->data, (const guint8 *) data, len);
  return TRUE;
}

static void
add_html_text (MailReader *r,
               GMimePart  *part,
               const char *charset)
{
  Capture h = { g_byte_array_new (), MAX_HTML, FALSE };
  g_autofree char *meta = NULL;
  g_autofree char *used = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *text = NULL;
  const char *declared = charset;

  decode_part (r, part, "The HTML body", capture_sink, &h);
  if (h.cut)
    cf_extract_result_warn (r->mail.result, "html-cut",
                            "The HTML body is larger than %d MiB; only its start was read",
                            MAX_HTML / (1024 * 1024));
  if (declared == NULL)
    declared = meta = cf_extract_html_charset ((const char *) h.data->data, h.data->len);
  utf8 = cf_extract_to_utf8 ((const char *) h.data->data, h.data->len, declared, &used);
  g_byte_array_unref (h.data);
  cf_mail_note_charset (&r->mail, declared, used);
  if (r->encoding == NULL)
    r->encoding = g_strdup (used);
  text = cf_extract_html_to_text (utf8, strlen (utf8), NULL);
  cf_extract_result_append_text (r->mail.result, text, -1);
}

static void
begin_body_part (MailReader *r)
{
  /* Several body parts (a text, an attachment, more text) read as one
   * text with a blank line between them. */
  if (r->n_body_parts++ > 0)
    cf_extract_result_append_text (r->mail.result, "\n\n", 2);
}

/* Children ---------------------------------------------------------------- */

static const char *
extension_for (const char *mime_type)
{
  static const struct { const char *type, *ext; } known[] = {
    { "application/pdf", ".pdf" }, { "image/jpeg", ".jpg" }, { "image/png", ".png" },
    { "image/gif", ".gif" }, { "text/plain", ".txt" }, { "text/html", ".html" },
    { "text/calendar", ".ics" }, { "message/rfc822", ".eml" }, { "application/zip", ".zip" },
    { "application/ms-tnef", ".dat" }, { "application/vnd.ms-tnef", ".dat" },
    { "application/pkcs7-signature", ".p7s" }, { "application/x-pkcs7-signature", ".p7s" },
    { "application/pgp-signature", ".asc" }, { "message/delivery-status", ".txt" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (mime_type, known[i].type) == 0)
      return known[i].ext;
  return ".bin";
}

/* The part's file name: RFC 2231 (filename*=UTF-8''…) and RFC 2047
 * (filename="=?ks_c_5601-1987?B?…?=") both decoded, Korean labels read as
 * CP949. The Content-Disposition filename wins over the Content-Type
 * name. */
static char *
part_filename (MailReader  *r,
               GMimeObject *object)
{
  GMimeHeaderList *headers = g_mime_object_get_header_list (object);
  g_autofree char *disposition = cf_mail_header_raw (&r->mail, headers, "Content-Disposition");
  g_autofree char *type = cf_mail_header_raw (&r->mail, headers, "Content-Type");
  const char *name = NULL;
  g_autoptr(GMimeContentDisposition) d = NULL;
  g_autoptr(GMimeContentType) t = NULL;
  g_autofree char *unfolded = NULL;

  if (disposition != NULL)
    {
      unfolded = g_mime_utils_header_unfold (disposition);
      d = g_mime_content_disposition_parse (r->mail.options, unfolded);
      name = d ? g_mime_content_disposition_get_parameter (d, "filename") : NULL;
      g_clear_pointer (&unfolded, g_free);
    }
  if ((name == NULL || name[0] == '\0') && type != NULL)
    {
      unfolded = g_mime_utils_header_unfold (type);
      t = g_mime_content_type_parse (r->mail.options, unfolded);
      name = t ? g_mime_content_type_get_parameter (t, "name") : NULL;
    }
  /* Encoded words inside a quoted parameter break RFC 2047 and are what
   * Outlook writes; GMime's strict mode leaves them to us. */
  if (name != NULL && strstr (name, "=?") != NULL)
    {
      g_autofree char *decoded = cf_mail_decode_text (&r->mail, name);

      return cf_mail_clean_name (decoded, CF_MAIL_MAX_NAME);
    }
  return cf_mail_clean_name (name, CF_MAIL_MAX_NAME);
}

static char *
part_mime_type (GMimeObject *object)
{
  GMimeContentType *type = g_mime_object_get_content_type (object);
  g_autofree char *mime = type ? g_mime_content_type_get_mime_type (type) : NULL;

  if (mime == NULL)
    return g_strdup ("application/octet-stream");
  return g_ascii_strdown (mime, -1);
}

static gboolean
stream_sink (const char *data,
             gsize       len,
             gpointer    user_data)
{
  return g_output_stream_write_all (user_data, data, len, NULL, NULL, NULL);
}

static void
write_part_child (MailReader *r,
                  GMimePart  *part,
                  char       *name,   /* owned */
                  const char *mime_type)
{
  CfExtractResult *result = r->mail.result;
  g_autofree char *owned_name = name;
  g_autofree char *guessed = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  const char *type = mime_type;
  guint index = cf_extract_result_get_n_children (result) + 1;

  if (!cf_mail_child_allowed (&r->mail))
    return;
  if (owned_name == NULL)
    {
      owned_name = g_strdup_printf ("attachment-%u%s", index, extension_for (mime_type));
      if (++r->n_nameless <= MAX_NAMELESS_WARNINGS)
        cf_extract_result_warn (result, "attachment-nameless",
                                "An attachment (%s) has no file name; it was called %s",
                                mime_type, owned_name);
    }
  if (g_str_equal (mime_type, "application/ms-tnef") ||
      g_str_equal (mime_type, "application/vnd.ms-tnef") ||
      g_ascii_strcasecmp (owned_name, "winmail.dat") == 0)
    cf_extract_result_warn (result, "tnef",
                            "%s is Outlook's TNEF wrapping; it is kept as it is and its "
                            "contents are not unpacked", owned_name);
  /* A generic label says nothing; the name often says more. */
  if (g_str_equal (mime_type, "application/octet-stream"))
    {
      guessed = g_content_type_guess (owned_name, NULL, 0, NULL);
      if (guessed != NULL && strchr (guessed, '/') != NULL && !g_content_type_is_unknown (guessed))
        type = guessed;
    }

  out = cf_extract_result_begin_child (result, owned_name, type, "attachment", &error);
  if (out == NULL)
    {
      cf_extract_result_warn (result, "attachment-write", "%s could not be written: %s",
                              owned_name, error->message);
      return;
    }
  what = g_strdup_printf ("The attachment %s", owned_name);
  if (!decode_part (r, part, what, stream_sink, out))
    cf_extract_result_warn (result, "attachment-incomplete",
                            "%s was written only in part", owned_name);
  if (!cf_extract_result_end_child (result, out, &error))
    cf_extract_result_warn (result, "attachment-write", "%s could not be written: %s",
                            owned_name, error->message);
}

/* The Subject of an attached message, from the start of its bytes. */
static char *
attached_subject (MailReader *r,
                  GMimePart  *part)
{
  Capture head = { g_byte_array_new (), CF_MAIL_MAX_HEADER * 2, FALSE };
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  GMimeParserOptions *quiet = g_mime_parser_options_clone (r->mail.options);
  GMimeObject *object;
  char *subject = NULL;
  const guint8 *blank;

  decode_part (r, part, "An attached message", capture_sink, &head);
  /* Only the header block; the body is the child's business. */
  blank = memmem (head.data->data, head.data->len, "\n\n", 2);
  if (blank == NULL)
    blank = memmem (head.data->data, head.data->len, "\r\n\r\n", 4);
  if (blank != NULL)
    g_byte_array_set_size (head.data, blank - head.data->data + 1);
  stream = g_mime_stream_mem_new_with_buffer ((const char *) head.data->data, head.data->len);
  parser = g_mime_parser_new_with_stream (stream);
  /* A cut header block is not news worth a warning. */
  g_mime_parser_options_set_warning_callback (quiet, NULL, NULL);
  object = g_mime_parser_construct_part (parser, quiet);
  if (object != NULL)
    {
      subject = cf_mail_header_text (&r->mail, g_mime_object_get_header_list (object), "Subject");
      g_object_unref (object);
    }
  g_mime_parser_options_free (quiet);
  g_byte_array_unref (head.data);
  return subject;
}

/* An attached message (message/rfc822) is a leaf here: its bytes, the
 * transfer encoding undone, are the child, read as a mail of its own. */
static void
write_message_child (MailReader *r,
                     GMimePart  *part,
                     char       *name)   /* owned */
{
  CfExtractResult *result = r->mail.result;
  g_autofree char *owned_name = name;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;

  if (!cf_mail_child_allowed (&r->mail))
    return;
  if (owned_name == NULL)
    {
      g_autofree char *subject = attached_subject (r, part);
      g_autofree char *clean = cf_mail_clean_name (subject, 120);

      owned_name = clean != NULL
                   ? g_strdup_printf ("%s.eml", clean)
                   : g_strdup_printf ("message-%u.eml", cf_extract_result_get_n_children (result) + 1);
    }

  out = cf_extract_result_begin_child (result, owned_name, "message/rfc822", "message", &error);
  if (out == NULL)
    {
      cf_extract_result_warn (result, "attachment-write", "%s could not be written: %s",
                              owned_name, error->message);
      return;
    }
  what = g_strdup_printf ("The attached message %s", owned_name);
  if (!decode_part (r, part, what, stream_sink, out))
    cf_extract_result_warn (result, "attachment-incomplete", "%s was written only in part",
                            owned_name);
  if (!cf_extract_result_end_child (result, out, &error))
    cf_extract_result_warn (result, "attachment-write", "%s could not be written: %s",
                            owned_name, error->message);
}

/* The tree ---------------------------------------------------------------- */

static gboolean
is_type (GMimeObject *object,
         const char  *type,
         const char  *subtype)
{
  GMimeContentType *ct = g_mime_object_get_content_type (object);

  return ct != NULL && g_mime_content_type_is_type (ct, type, subtype);
}

static gboolean
is_attachment (GMimeObject *object)
{
  const char *disposition = g_mime_object_get_disposition (object);

  return disposition != NULL && g_ascii_strcasecmp (disposition, "attachment") == 0;
}

/* Whether the part is, or begins with, a plain text body. */
static gboolean
leads_to_plain (GMimeObject *object,
                guint        depth)
{
  for (; depth < 8 && object != NULL; depth++)
    {
      if (GMIME_IS_PART (object))
        return is_type (object, "text", "plain") && !is_attachment (object);
      if (!GMIME_IS_MULTIPART (object) || g_mime_multipart_get_count (GMIME_MULTIPART (object)) == 0)
        return FALSE;
      object = g_mime_multipart_get_part (GMIME_MULTIPART (object), 0);
    }
  return FALSE;
}

static void walk (MailReader  *r,
                  GMimeObject *object,
                  guint        depth,
                  gboolean     skip_text);

static void
walk_multipart (MailReader     *r,
                GMimeMultipart *multipart,
                guint           depth,
                gboolean        skip_text)
{
  int n = g_mime_multipart_get_count (multipart);
  int chosen = -1;

  if (n == 0)
    {
      /* Without a boundary GMime keeps everything as the prologue: that
       * is the content, so it is read as text. */
      const char *prologue = g_mime_multipart_get_prologue (multipart);

      if (!skip_text && prologue != NULL && prologue[0] != '\0')
        {
          const char *charset = g_mime_object_get_content_type_parameter (GMIME_OBJECT (multipart),
                                                                          "charset");
          g_autofree char *used = NULL;
          g_autofree char *text = cf_extract_to_utf8 (prologue, strlen (prologue), charset, &used);

          begin_body_part (r);
          cf_extract_result_append_text (r->mail.result, text, -1);
        }
      return;
    }

  if (is_type (GMIME_OBJECT (multipart), "multipart", "encrypted"))
    r->encrypted = TRUE;
  if (is_type (GMIME_OBJECT (multipart), "multipart", "alternative"))
    {
      /* The plain version is the body; the others carry only what is not
       * text (an HTML version's inline images). */
      for (int i = 0; i < n && chosen < 0; i++)
        if (leads_to_plain (g_mime_multipart_get_part (multipart, i), depth + 1))
          chosen = i;
      if (chosen < 0)
        chosen = n - 1;
    }
  for (int i = 0; i < n; i++)
    walk (r, g_mime_multipart_get_part (multipart, i), depth + 1,
          skip_text || (chosen >= 0 && i != chosen));
}

static void
walk (MailReader  *r,
      GMimeObject *object,
      guint        depth,
      gboolean     skip_text)
{
  if (depth > CF_MAIL_MAX_DEPTH)
    {
      cf_mail_warn_once (&r->mail, "depth", "mail-nesting",
                         "Parts nested more than %d levels deep were not read",
                         CF_MAIL_MAX_DEPTH);
      return;
    }
  if (GMIME_IS_MULTIPART (object))
    walk_multipart (r, GMIME_MULTIPART (object), depth, skip_text);
  else if (GMIME_IS_PART (object))
    {
      g_autofree char *mime_type = part_mime_type (object);
      char *name = part_filename (r, object);
      gboolean plain = g_str_equal (mime_type, "text/plain");
      gboolean html = g_str_equal (mime_type, "text/html");

      if (g_str_equal (mime_type, "application/pkcs7-mime") ||
          g_str_equal (mime_type, "application/x-pkcs7-mime"))
        {
          const char *smime = g_mime_object_get_content_type_parameter (object, "smime-type");

          /* Signed-only S/MIME also travels as pkcs7-mime; only enveloped
           * data is encrypted. Without a label, the name tells. */
          if (smime != NULL ? g_ascii_strncasecmp (smime, "enveloped", 9) == 0 ||
                              g_ascii_strncasecmp (smime, "authenveloped", 13) == 0
                            : name == NULL || g_ascii_strcasecmp (name, "smime.p7m") == 0)
            r->encrypted = TRUE;
        }
      if (g_str_equal (mime_type, "message/rfc822") || g_str_equal (mime_type, "message/global") ||
          g_str_equal (mime_type, "message/news"))
        {
          write_message_child (r, GMIME_PART (object), name);
          return;
        }
      if ((plain || html) && name == NULL && !is_attachment (object))
        {
          const char *charset = g_mime_object_get_content_type_parameter (object, "charset");

          if (!skip_text)
            {
              begin_body_part (r);
              if (plain)
                add_plain_text (r, GMIME_PART (object), charset);
              else
                add_html_text (r, GMIME_PART (object), charset);
            }
          return;
        }
      write_part_child (r, GMIME_PART (object), name, mime_type);
    }
}

/* The reader -------------------------------------------------------------- */

static gboolean
has_mail_header (GMimeObject *object)
{
  /* GMime takes any line with a colon for a header, 8-bit garbage
   * included; mail has at least one of these. */
  static const char *known[] = {
    "From", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "Received", "Return-Path",
    "MIME-Version", "Content-Type", "Sender", "Reply-To", "Delivered-To", "In-Reply-To",
    "References", NULL
  };
  GMimeHeaderList *headers = object ? g_mime_object_get_header_list (object) : NULL;

  for (guint i = 0; headers != NULL && known[i] != NULL; i++)
    if (g_mime_header_list_contains (headers, known[i]))
      return TRUE;
  return FALSE;
}

gboolean
cf_extract_mail (const CfExtractInput  *input,
                 CfExtractResult       *result,
                 GError               **error)
{
  MailReader r = { 0 };
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  GMimeObject *body;
  int fd;

  cf_extract_result_set_extractor (result, "mail", 1);
  fd = open (input->path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "The message cannot be opened: %s", g_strerror (saved));
      return FALSE;
    }
  cf_mail_init (&r.mail, result);

  stream = g_mime_stream_fs_new (fd);
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  message = g_mime_parser_construct_message (parser, r.mail.options);
  if (message == NULL ||
      (!has_mail_header (GMIME_OBJECT (message)) && !has_mail_header (g_mime_message_get_mime_part (message))))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The file is not a mail message (it has no mail headers)");
      cf_mail_clear (&r.mail);
      return FALSE;
    }

  cf_mail_set_metadata (&r.mail, g_mime_object_get_header_list (GMIME_OBJECT (message)),
                        CF_MAIL_META_ALL);
  body = g_mime_message_get_mime_part (message);
  if (body != NULL)
    walk (&r, body, 0, FALSE);

  if (r.n_nameless > MAX_NAMELESS_WARNINGS)
    cf_extract_result_warn (result, "attachment-nameless",
                            "%u more attachments have no file name and were given one",
                            r.n_nameless - MAX_NAMELESS_WARNINGS);
  cf_extract_result_set_string (result, "encoding", r.encoding);
  if (r.encrypted && cf_extract_result_get_text_length (result) == 0)
    {
      /* As with encrypted PDFs: recorded as such, no key is looked for. */
      cf_extract_result_set_text_status (result, CF_TEXT_ENCRYPTED);
      cf_extract_result_set_problem (result, "The message is encrypted (S/MIME or OpenPGP); its "
                                             "body cannot be read without the recipient's key");
    }
  else
    {
      if (r.encrypted)
        cf_extract_result_warn (result, "mail-encrypted",
                                "Part of the message is encrypted and was kept unread");
      cf_extract_result_set_text_status (result, cf_extract_result_get_text_length (result) > 0
                                                 ? CF_TEXT_OK : CF_TEXT_NONE);
    }
  g_free (r.encoding);
  cf_mail_clear (&r.mail);
  return TRUE;
}
