/* cf-extract-mbox.c — a mailbox file (.mbox, application/mbox).
 *
 * Each message becomes a child document (message/rfc822) holding the exact
 * bytes it occupies in the mailbox, with that byte range recorded, so that
 * anyone can check a message against the original with dd and sha256sum.
 * The mailbox's own text is a listing (date, sender, subject per message)
 * and its metadata the message count.
 *
 * GMime parses the mailbox as a stream, one message at a time, leaving
 * content on disk; message bytes are copied from a second handle on the
 * file in chunks. A mailbox of many gigabytes costs the same memory as a
 * small one. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-mail-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#define CHUNK (64 * 1024)

typedef struct
{
  CfMail mail;
  GInputStream *raw;    /* the mailbox again, for copying message bytes */
  char *buf;
} MboxReader;

/* The mbox format puts an empty line before each "From " line; it belongs
 * to the mailbox, not to the message before it. */
static guint64
trim_separator (MboxReader *m,
                guint64     start,
                guint64     end)
{
  char tail[4];
  gsize n = 0;
  guint64 from = end - MIN (end - start, sizeof tail);

  if (end - start < 2 ||
      !g_seekable_seek (G_SEEKABLE (m->raw), from, G_SEEK_SET, NULL, NULL) ||
      !g_input_stream_read_all (m->raw, tail, end - from, &n, NULL, NULL) || n != end - from)
    return end;
  if (n >= 4 && memcmp (tail + n - 4, "\r\n\r\n", 4) == 0)
    return end - 2;
  if (memcmp (tail + n - 2, "\n\n", 2) == 0)
    return end - 1;
  return end;
}

static gboolean
copy_range (MboxReader     *m,
            GOutputStream  *out,
            guint64         offset,
            guint64         length,
            GError        **error)
{
  if (!g_seekable_seek (G_SEEKABLE (m->raw), offset, G_SEEK_SET, NULL, error))
    return FALSE;
  while (length > 0)
    {
      gssize n = g_input_stream_read (m->raw, m->buf, MIN (length, CHUNK), NULL, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, "The mailbox ended early");
          return FALSE;
        }
      if (!g_output_stream_write_all (out, m->buf, n, NULL, NULL, error))
        return FALSE;
      length -= n;
    }
  return TRUE;
}

static void
write_message (MboxReader *m,
               guint       number,
               const char *subject,
               GDateTime  *date,
               guint64     offset,
               guint64     length)
{
  CfExtractResult *result = m->mail.result;
  g_autofree char *clean = cf_mail_clean_name (subject, 120);
  g_autofree char *name = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  if (clean != NULL)
    name = g_strdup_printf ("%04u %s.eml", number, clean);
  else if (date != NULL)
    {
      g_autofree char *when = g_date_time_format (date, "%Y-%m-%d %H%M");

      name = g_strdup_printf ("%04u %s.eml", number, when);
    }
  else
    name = g_strdup_printf ("%04u.eml", number);

  out = cf_extract_result_begin_child (result, name, "message/rfc822", "message", &error);
  if (out == NULL)
    {
      cf_extract_result_warn (result, "message-write", "Message %u could not be written: %s",
                              number, error->message);
      return;
    }
  cf_extract_result_set_child_range (result, offset, length);
  if (!copy_range (m, out, offset, length, &error))
    {
      cf_extract_result_warn (result, "message-write", "Message %u was written only in part: %s",
                              number, error->message);
      g_clear_error (&error);
    }
  if (!cf_extract_result_end_child (result, out, &error))
    cf_extract_result_warn (result, "message-write", "Message %u could not be written: %s",
                            number, error->message);
}

/* One line of the listing: date, sender, subject. */
static void
list_message (MboxReader *m,
              guint       number,
              const char *subject,
              const char *from,
              GDateTime  *date)
{
  g_autofree char *when = date ? g_date_time_format (date, "%Y-%m-%d %H:%M") : NULL;
  g_autofree char *line = g_strdup_printf ("%04u  %s  %s  %s\n", number,
                                           when ? when : "-", from ? from : "-",
                                           subject ? subject : "");

  cf_extract_result_append_text (m->mail.result, line, -1);
}

gboolean
cf_extract_mbox (const CfExtractInput  *input,
                 CfExtractResult       *result,
                 GError               **error)
{
  MboxReader m = { 0 };
  g_autoptr(GFile) file = g_file_new_for_path (input->path);
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  guint count = 0;
  int fd;

  cf_extract_result_set_extractor (result, "mbox", 1);
  fd = open (input->path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "The mailbox cannot be opened: %s", g_strerror (saved));
      return FALSE;
    }
  stream = g_mime_stream_fs_new (fd);
  m.raw = G_INPUT_STREAM (g_file_read (file, NULL, error));
  if (m.raw == NULL)
    return FALSE;
  m.buf = g_malloc (CHUNK);
  cf_mail_init (&m.mail, result);

  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MBOX);
  while (!g_mime_parser_eos (parser))
    {
      g_autoptr(GMimeMessage) message = g_mime_parser_construct_message (parser, m.mail.options);
      GMimeHeaderList *headers;
      g_autofree char *subject = NULL;
      g_autofree char *from = NULL;
      g_autoptr(GDateTime) date = NULL;
      g_autoptr(InternetAddressList) senders = NULL;
      gint64 start, end;

      if (message == NULL)
        break;
      count++;
      if (count == 1 && g_mime_parser_get_mbox_marker_offset (parser) > 0)
        cf_extract_result_warn (result, "mbox-leading-bytes",
                                "%" G_GINT64_FORMAT " bytes before the first message are not "
                                "part of any message",
                                g_mime_parser_get_mbox_marker_offset (parser));

      headers = g_mime_object_get_header_list (GMIME_OBJECT (message));
      subject = cf_mail_header_text (&m.mail, headers, "Subject");
      date = cf_mail_header_date (&m.mail, headers);
      {
        g_autofree char *raw = cf_mail_header_raw (&m.mail, headers, "From");

        senders = raw ? internet_address_list_parse (m.mail.options, raw) : NULL;
        if (senders != NULL && internet_address_list_length (senders) > 0)
          from = cf_mail_format_mailbox (&m.mail, internet_address_list_get_address (senders, 0));
      }
      list_message (&m, count, subject, from, date);

      /* From the first header to the next "From " line: the message as
       * its sender's server wrote it (with any ">From " quoting the
       * mailbox added). */
      start = g_mime_parser_get_headers_begin (parser);
      end = g_mime_parser_tell (parser);
      if (start < 0 || end < start)
        {
          cf_extract_result_warn (result, "mbox-range",
                                  "Message %u has no byte range and was not extracted", count);
          continue;
        }
      if (cf_mail_child_allowed (&m.mail))
        write_message (&m, count, subject, date, start, trim_separator (&m, start, end) - start);
    }

  g_free (m.buf);
  g_clear_object (&m.raw);
  cf_mail_clear (&m.mail);
  if (count == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The file is not a mailbox (no message starts with a \"From \" line)");
      return FALSE;
    }
  cf_extract_result_set_int (result, "messages", count);
  cf_extract_result_set_text_status (result, CF_TEXT_OK);
  return TRUE;
}
