/* cf-extract-msg.c — Outlook messages (.msg) through libgsf.
 *
 * A .msg is an OLE compound file holding MAPI properties: small ones in
 * the __properties_version1.0 stream (16 bytes each), strings and binary
 * values in streams of their own named __substg1.0_IIIITTTT (property id,
 * type). Recipients and attachments are storages of the same shape. We read
 * the subject, sender, recipients, times, threading ids, the body (plain,
 * else HTML, else compressed RTF: cf-extract-rtf.c) and write each
 * attachment out as a child. An attached Outlook message is a
 * sub-storage; it is written out as a .msg file of its own
 * (cf-extract-msg-ole.c), so that it is read like any other message and
 * keeps its own attachments.
 *
 * Strings are UTF-16LE (type 001F) or 8-bit in the message code page
 * (001E), 949 meaning CP949. Every size in the file is a claim: reads are
 * capped and a short stream is a warning. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-mapi.h"
#include "cf-extract-msg-private.h"
#include "cf-extract-rtf.h"

#include <string.h>


#define MAX_PROPERTIES (4 * 1024 * 1024)
#define MAX_BODY       (64 * 1024 * 1024)
#define MAX_ENTRIES    10000
#define CHUNK          (64 * 1024)

typedef struct
{
  CfMail mail;
  GsfInfile *root;
  const char *codepage;        /* for 8-bit strings; NULL: detect */
  const char *html_codepage;   /* for the HTML body */
  char *encoding;
} MsgReader;

/* Properties ------------------------------------------------------------- */

GsfInput *
cf_msg_child (GsfInfile  *storage,
              const char *name)
{
  GsfInput *child = gsf_infile_child_by_name (storage, name);
  int n;

  if (child != NULL)
    return child;
  /* Writers differ in the case of the hex digits. */
  n = gsf_infile_num_children (storage);
  for (int i = 0; i < n; i++)
    {
      const char *child_name = gsf_infile_name_by_index (storage, i);

      if (child_name != NULL && g_ascii_strcasecmp (child_name, name) == 0)
        return gsf_infile_child_by_index (storage, i);
    }
  return NULL;
}

gboolean
cf_msg_is_storage (GsfInput *input)
{
  return input != NULL && GSF_IS_INFILE (input) && gsf_infile_num_children (GSF_INFILE (input)) >= 0;
}

/* Reads up to max bytes of a stream. *cut says whether there was more. */
static GBytes *
read_stream (GsfInput *input,
             gsize     max,
             gboolean *cut)
{
  gsf_off_t size = gsf_input_size (input);
  gsize n;
  guint8 *buf;

  if (cut != NULL)
    *cut = FALSE;
  if (size < 0)
    return NULL;
  n = (guint64) size > max ? max : (gsize) size;
  if (cut != NULL)
    *cut = (guint64) size > max;
  buf = g_malloc (n + 2);
  if (n > 0 && gsf_input_read (input, n, buf) == NULL)
    {
      g_free (buf);
      return NULL;
    }
  return g_bytes_new_take (buf, n);
}

static GBytes *
read_property_stream (GsfInfile  *storage,
                      guint16     id,
                      guint16     type,
                      gsize       max,
                      gboolean   *cut)
{
  g_autofree char *name = g_strdup_printf ("__substg1.0_%04X%04X", id, type);
  g_autoptr(GsfInput) input = cf_msg_child (storage, name);

  if (cut != NULL)
    *cut = FALSE;
  if (input == NULL || cf_msg_is_storage (input))
    return NULL;
  return read_stream (input, max, cut);
}

/* A string property, Unicode or 8-bit, with trailing NULs dropped. */
static char *
read_string (MsgReader *m,
             GsfInfile *storage,
             guint16    id,
             gsize      max)
{
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  gsize len;
  gboolean cut = FALSE;

  bytes = read_property_stream (storage, id, 0x001F, max, &cut);
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &len);
      len &= ~(gsize) 1;
      while (len >= 2 && data[len - 1] == 0 && data[len - 2] == 0)
        len -= 2;
      if (cut)
        cf_extract_result_warn (m->mail.result, "msg-cut",
                                "Property 0x%04X is longer than this reader takes; only its "
                                "start was read", id);
      if (m->encoding == NULL)
        m->encoding = g_strdup ("UTF-16LE");
      return cf_mapi_utf16le_to_utf8 (data, len);
    }
  bytes = read_property_stream (storage, id, 0x001E, max, &cut);
  if (bytes != NULL)
    {
      g_autofree char *used = NULL;
      char *text;

      data = g_bytes_get_data (bytes, &len);
      while (len > 0 && data[len - 1] == 0)
        len--;
      text = cf_extract_to_utf8 ((const char *) data, len, m->codepage, &used);
      if (m->codepage != NULL)
        cf_mail_note_charset (&m->mail, m->codepage, used);
      if (m->encoding == NULL)
        m->encoding = g_strdup (used);
      return text;
    }
  return NULL;
}

typedef struct
{
  GBytes *bytes;
  gsize header;
} Props;

static void
props_load (Props     *props,
            GsfInfile *storage,
            gsize      header)
{
  g_autoptr(GsfInput) input = cf_msg_child (storage, "__properties_version1.0");
  gsize len;

  props->bytes = input ? read_stream (input, MAX_PROPERTIES, NULL) : NULL;
  props->header = header;
  if (props->bytes == NULL || header != 32)
    return;
  /* The message itself has a 32-byte header, an attached message a 24-byte
   * one; entries are 16 bytes, so the length tells them apart. */
  g_bytes_get_data (props->bytes, &len);
  if (len % 16 == 8)
    props->header = 24;
}

static void
props_clear (Props *props)
{
  g_clear_pointer (&props->bytes, g_bytes_unref);
}

static gboolean
props_find (Props   *props,
            guint16  id,
            guint16  type,
            guint64 *value)
{
  const guint8 *data;
  gsize len;
  guint32 tag = ((guint32) id << 16) | type;

  if (props->bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (props->bytes, &len);
  for (gsize off = props->header; off + 16 <= len; off += 16)
    if (GSF_LE_GET_GUINT32 (data + off) == tag)
      {
        *value = GSF_LE_GET_GUINT64 (data + off + 8);
        return TRUE;
      }
  return FALSE;
}

/* People ------------------------------------------------------------------ */

static char *
first_smtp (MsgReader      *m,
            GsfInfile      *storage,
            const guint16  *ids,
            guint           n_ids)
{
  for (guint i = 0; i < n_ids; i++)
    {
      g_autofree char *address = read_string (m, storage, ids[i], CF_MAIL_MAX_HEADER);

      if (cf_mapi_is_smtp (address))
        return g_strstrip (g_steal_pointer (&address));
    }
  return NULL;
}

/* The sender: MAPI's name and SMTP address, else what the transport
 * headers' From says. */
static char *
sender (MsgReader       *m,
        GMimeHeaderList *headers)
{
  static const guint16 addresses[] = {
    PR_SENDER_SMTP_ADDRESS, PR_SENDER_EMAIL, PR_SENT_REPRESENTING_SMTP, PR_SENT_REPRESENTING_EMAIL
  };
  g_autofree char *name = read_string (m, m->root, PR_SENDER_NAME, CF_MAIL_MAX_HEADER);
  g_autofree char *address = first_smtp (m, m->root, addresses, G_N_ELEMENTS (addresses));
  g_autofree char *raw = NULL;
  g_autoptr(InternetAddressList) from = NULL;
  InternetAddress *first;

  if (name == NULL)
    name = read_string (m, m->root, PR_SENT_REPRESENTING_NAME, CF_MAIL_MAX_HEADER);
  if (name != NULL)
    g_strstrip (name);
  if (address != NULL || headers == NULL)
    return cf_mapi_format_person (name, address);

  /* Exchange senders often carry only an X.500 name in MAPI. */
  raw = cf_mail_header_raw (&m->mail, headers, "From");
  from = raw ? internet_address_list_parse (m->mail.options, raw) : NULL;
  first = from && internet_address_list_length (from) > 0 ? internet_address_list_get_address (from, 0)
                                                          : NULL;
  if (first != NULL && INTERNET_ADDRESS_IS_MAILBOX (first))
    {
      const char *addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (first));

      if (name != NULL)
        return cf_mapi_format_person (name, addr);
      return cf_mail_format_mailbox (&m->mail, first);
    }
  return cf_mapi_format_person (name, NULL);
}

int
cf_msg_compare_names (gconstpointer a,
                      gconstpointer b)
{
  return g_ascii_strcasecmp (*(const char * const *) a, *(const char * const *) b);
}

/* The children of the root whose names start with prefix, sorted. */
static GPtrArray *
children_with_prefix (GsfInfile  *storage,
                      const char *prefix)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  int n = gsf_infile_num_children (storage);
  gsize len = strlen (prefix);

  for (int i = 0; i < n; i++)
    {
      const char *name = gsf_infile_name_by_index (storage, i);

      if (name != NULL && g_ascii_strncasecmp (name, prefix, len) == 0)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) cf_msg_compare_names);
  return names;
}

/* Recipients from their storages (name and address); the display lists
 * (names only) when there are none. */
static void
read_recipients (MsgReader *m)
{
  static const guint16 addresses[] = { PR_SMTP_ADDRESS, PR_EMAIL_ADDRESS };
  static const guint16 display[] = { PR_DISPLAY_TO, PR_DISPLAY_CC, PR_DISPLAY_BCC };
  g_autoptr(GPtrArray) names = children_with_prefix (m->root, "__recip_version1.0_#");
  guint found = 0;

  for (guint i = 0; i < names->len && i < MAX_ENTRIES; i++)
    {
      g_autoptr(GsfInput) input = cf_msg_child (m->root, g_ptr_array_index (names, i));
      g_autofree char *name = NULL;
      g_autofree char *address = NULL;
      g_autofree char *person = NULL;
      Props props = { 0 };
      guint64 type = 0;

      if (!cf_msg_is_storage (input))
        continue;
      props_load (&props, GSF_INFILE (input), 8);
      props_find (&props, PR_RECIPIENT_TYPE, PT_LONG, &type);
      props_clear (&props);
      name = read_string (m, GSF_INFILE (input), PR_DISPLAY_NAME, CF_MAIL_MAX_HEADER);
      address = first_smtp (m, GSF_INFILE (input), addresses, G_N_ELEMENTS (addresses));
      person = cf_mapi_format_person (name ? g_strstrip (name) : NULL, address);
      if (person != NULL)
        {
          cf_mapi_add_recipient (m->mail.result, person, (guint32) type);
          found++;
        }
    }
  if (found > 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (display); i++)
    {
      g_autofree char *list = read_string (m, m->root, display[i], CF_MAIL_MAX_HEADER);

      cf_mapi_add_display_list (m->mail.result, display[i], list);
    }
}

/* Headers, dates and threading -------------------------------------------- */

/* The transport headers (what the receiving server saw) parsed with
 * GMime, for the Date with its zone and the threading ids. */
static GMimeMessage *
parse_transport_headers (MsgReader *m)
{
  g_autofree char *headers = read_string (m, m->root, PR_TRANSPORT_HEADERS, 1024 * 1024);
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  g_autofree char *text = NULL;

  if (headers == NULL || headers[0] == '\0')
    return NULL;
  text = g_strconcat (headers, "\r\n\r\n", NULL);
  stream = g_mime_stream_mem_new_with_buffer (text, strlen (text));
  parser = g_mime_parser_new_with_stream (stream);
  return g_mime_parser_construct_message (parser, m->mail.options);
}

static void
read_dates_and_ids (MsgReader       *m,
                    Props           *props,
                    GMimeHeaderList *headers)
{
  CfExtractResult *result = m->mail.result;
  g_autoptr(GDateTime) date = headers ? cf_mail_header_date (&m->mail, headers) : NULL;
  g_autofree char *message_id = read_string (m, m->root, PR_INTERNET_MESSAGE_ID, CF_MAIL_MAX_HEADER);
  g_autofree char *in_reply_to = read_string (m, m->root, PR_IN_REPLY_TO_ID, CF_MAIL_MAX_HEADER);
  g_autofree char *references = read_string (m, m->root, PR_INTERNET_REFERENCES, CF_MAIL_MAX_HEADER);
  g_autofree char *iso = NULL;
  guint64 filetime;

  /* The transport Date keeps the sender's zone; the MAPI times are UTC. */
  if (date == NULL && props_find (props, PR_CLIENT_SUBMIT_TIME, PT_SYSTIME, &filetime))
    date = cf_mapi_filetime_to_datetime (filetime);
  if (date == NULL && props_find (props, PR_MESSAGE_DELIVERY_TIME, PT_SYSTIME, &filetime))
    date = cf_mapi_filetime_to_datetime (filetime);
  iso = cf_mail_format_date (date);
  cf_extract_result_set_string (result, "date", iso);

  if (headers != NULL)
    cf_mail_set_metadata (&m->mail, headers, CF_MAIL_META_THREADING);
  if (message_id != NULL)
    {
      g_autofree char *id = g_mime_utils_decode_message_id (message_id);

      cf_extract_result_set_string (result, "message_id", id);
    }
  if (in_reply_to != NULL)
    {
      g_autofree char *id = g_mime_utils_decode_message_id (in_reply_to);

      cf_extract_result_set_string (result, "in_reply_to", id);
    }
  if (references != NULL && (headers == NULL || !g_mime_header_list_contains (headers, "References")))
    {
      GMimeReferences *refs = g_mime_references_parse (m->mail.options, references);
      int n = refs ? g_mime_references_length (refs) : 0;

      for (int i = 0; i < n; i++)
        cf_extract_result_add_to_list (result, "references", g_mime_references_get_message_id (refs, i));
      g_clear_pointer (&refs, g_mime_references_free);
    }
}

/* The body ----------------------------------------------------------------- */

static gboolean
read_html_body (MsgReader *m)
{
  CfExtractResult *result = m->mail.result;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *used = NULL;
  g_autofree char *meta = NULL;
  const char *declared;
  const char *data;
  gsize len;
  gboolean cut = FALSE;

  bytes = read_property_stream (m->root, PR_BODY_HTML, 0x0102, MAX_BODY, &cut);
  if (bytes == NULL)
    {
      utf8 = read_string (m, m->root, PR_BODY_HTML, MAX_BODY);
      if (utf8 == NULL)
        return FALSE;
    }
  else
    {
      /* Binary HTML: its own meta tag knows its charset best. */
      data = g_bytes_get_data (bytes, &len);
      declared = meta = cf_extract_html_charset (data, len);
      if (declared == NULL)
        declared = m->html_codepage ? m->html_codepage : m->codepage;
      utf8 = cf_extract_to_utf8 (data, len, declared, &used);
      cf_mail_note_charset (&m->mail, declared, used);
      g_free (m->encoding);
      m->encoding = g_strdup (used);
    }
  if (cut)
    cf_extract_result_warn (result, "html-cut", "The HTML body is larger than %d MiB; only its "
                            "start was read", MAX_BODY / (1024 * 1024));
  text = cf_extract_html_to_text (utf8, strlen (utf8), NULL);
  cf_extract_result_append_text (result, text, -1);
  return TRUE;
}

/* A body Outlook kept only as compressed RTF (messages written in RTF,
 * and some that passed through Exchange): decompressed, and its text
 * read, or the HTML or plain text it encapsulates. */
static void
read_rtf_body (MsgReader *m)
{
  CfExtractResult *result = m->mail.result;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GBytes) rtf = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *text = NULL;
  g_autofree char *charset = NULL;
  gboolean cut = FALSE;
  gsize len;
  const guint8 *data;

  compressed = read_property_stream (m->root, PR_RTF_COMPRESSED, 0x0102, MAX_BODY, &cut);
  if (compressed == NULL)
    return;
  data = g_bytes_get_data (compressed, &len);
  rtf = cf_rtf_decompress (data, len, MAX_BODY, &problem);
  if (problem != NULL)
    cf_extract_result_warn (result, "rtf-damaged", "The compressed RTF body cannot be read "
                            "whole: %s; what could be read of it was kept", problem);
  data = g_bytes_get_data (rtf, &len);
  text = cf_rtf_to_text ((const char *) data, len, MAX_BODY, &charset, NULL);
  cf_extract_result_append_text (result, text, -1);
  g_free (m->encoding);
  m->encoding = g_steal_pointer (&charset);
}

static void
read_body (MsgReader *m)
{
  CfExtractResult *result = m->mail.result;
  g_autofree char *body = NULL;
  g_autofree char *saved_encoding = g_steal_pointer (&m->encoding);

  /* The encoding recorded is the body's. */
  body = read_string (m, m->root, PR_BODY, MAX_BODY);
  if (body != NULL && body[0] != '\0')
    {
      GString *text = g_string_new (body);

      g_string_replace (text, "\r\n", "\n", 0);
      cf_extract_result_append_text (result, text->str, text->len);
      g_string_free (text, TRUE);
    }
  else if (!read_html_body (m))
    read_rtf_body (m);
  if (m->encoding == NULL)
    m->encoding = g_steal_pointer (&saved_encoding);
}

/* Attachments ------------------------------------------------------------- */

static gboolean
copy_stream_to_child (GsfInput       *input,
                      GOutputStream  *out,
                      GError        **error)
{
  g_autofree guint8 *buf = g_malloc (CHUNK);
  gsf_off_t left = gsf_input_size (input);

  while (left > 0)
    {
      gsize n = MIN (left, CHUNK);

      if (gsf_input_read (input, n, buf) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "the stream is shorter than the file says (a damaged file?)");
          return FALSE;
        }
      if (!g_output_stream_write_all (out, buf, n, NULL, NULL, error))
        return FALSE;
      left -= n;
    }
  return TRUE;
}

static void
end_child (MsgReader     *m,
           GOutputStream *out,
           const char    *name)
{
  g_autoptr(GError) error = NULL;

  if (!cf_extract_result_end_child (m->mail.result, out, &error))
    cf_extract_result_warn (m->mail.result, "attachment-write", "%s could not be written: %s",
                            name, error->message);
}

static void
write_embedded (MsgReader  *m,
                GsfInfile  *object,
                GsfInfile  *attachment,
                guint32     method,
                const char *file_name)
{
  CfExtractResult *result = m->mail.result;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean message = method == ATTACH_EMBEDDED_MSG ||
                     cf_msg_child (object, "__properties_version1.0") != NULL;

  if (message)
    {
      g_autofree char *display = read_string (m, attachment, PR_DISPLAY_NAME, CF_MAIL_MAX_HEADER);
      g_autofree char *subject = display ? NULL : read_string (m, object, PR_SUBJECT, CF_MAIL_MAX_HEADER);
      g_autofree char *clean = cf_mail_clean_name (display ? display : subject, 120);

      if (clean != NULL)
        name = g_str_has_suffix (clean, ".msg") ? g_strdup (clean) : g_strdup_printf ("%s.msg", clean);
      else
        name = g_strdup_printf ("message-%u.msg", cf_extract_result_get_n_children (result) + 1);
    }
  else if (file_name != NULL)
    name = g_strdup (file_name);
  else
    {
      name = g_strdup_printf ("attachment-%u.ole", cf_extract_result_get_n_children (result) + 1);
      cf_extract_result_warn (result, "attachment-nameless",
                              "An embedded object has no name; it was called %s", name);
    }

  out = cf_extract_result_begin_child (result, name,
                                       message ? "application/vnd.ms-outlook" : "application/x-ole-storage",
                                       message ? "message" : "attachment", &error);
  if (out == NULL)
    {
      cf_extract_result_warn (result, "attachment-write", "%s could not be written: %s",
                              name, error->message);
      return;
    }
  if (!cf_msg_write_storage (object, message ? m->root : NULL, out, result, &error))
    cf_extract_result_warn (result, "attachment-incomplete", "%s could not be written whole: %s",
                            name, error->message);
  end_child (m, out, name);
}

static void
read_attachment (MsgReader *m,
                 GsfInfile *attachment)
{
  CfExtractResult *result = m->mail.result;
  g_autofree char *name = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *type = NULL;
  g_autofree char *data_name = g_strdup_printf ("__substg1.0_%04X0102", PR_ATTACH_DATA);
  g_autofree char *object_name = g_strdup_printf ("__substg1.0_%04X%04X", PR_ATTACH_DATA, PT_OBJECT);
  g_autoptr(GsfInput) data = NULL;
  g_autoptr(GsfInput) object = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  Props props = { 0 };
  guint64 method = 1;

  props_load (&props, attachment, 8);
  props_find (&props, PR_ATTACH_METHOD, PT_LONG, &method);
  props_clear (&props);
  method &= 0xFFFFFFFF;

  name = read_string (m, attachment, PR_ATTACH_LONG_FILENAME, CF_MAIL_MAX_HEADER);
  if (name == NULL || name[0] == '\0')
    {
      g_free (name);
      name = read_string (m, attachment, PR_ATTACH_FILENAME, CF_MAIL_MAX_HEADER);
    }
  if (name == NULL || name[0] == '\0')
    {
      g_free (name);
      name = read_string (m, attachment, PR_DISPLAY_NAME, CF_MAIL_MAX_HEADER);
    }
  clean = cf_mail_clean_name (name, CF_MAIL_MAX_NAME);

  object = cf_msg_child (attachment, object_name);
  if (cf_msg_is_storage (object))
    {
      write_embedded (m, GSF_INFILE (object), attachment, method, clean);
      return;
    }
  data = cf_msg_child (attachment, data_name);
  if (data == NULL || cf_msg_is_storage (data))
    {
      cf_extract_result_warn (result, "attachment-missing",
                              "The attachment %s has no content in the message (a link to a "
                              "file elsewhere?)", clean ? clean : "without a name");
      return;
    }

  if (clean == NULL)
    {
      clean = g_strdup_printf ("attachment-%u.bin", cf_extract_result_get_n_children (result) + 1);
      cf_extract_result_warn (result, "attachment-nameless",
                              "An attachment has no file name; it was called %s", clean);
    }
  mime_type = read_string (m, attachment, PR_ATTACH_MIME_TAG, 256);
  type = cf_mapi_attachment_type (mime_type, clean);

  out = cf_extract_result_begin_child (result, clean, type, "attachment", &error);
  if (out == NULL)
    {
      cf_extract_result_warn (result, "attachment-write", "%s could not be written: %s",
                              clean, error->message);
      return;
    }
  if (!copy_stream_to_child (data, out, &error))
    {
      cf_extract_result_warn (result, "attachment-incomplete", "%s was written only in part: %s",
                              clean, error->message);
      g_clear_error (&error);
    }
  end_child (m, out, clean);
}

static void
read_attachments (MsgReader *m)
{
  g_autoptr(GPtrArray) names = children_with_prefix (m->root, "__attach_version1.0_#");

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GsfInput) input = NULL;

      if (!cf_mail_child_allowed (&m->mail))
        break;
      input = cf_msg_child (m->root, g_ptr_array_index (names, i));
      if (cf_msg_is_storage (input))
        read_attachment (m, GSF_INFILE (input));
    }
}

/* The reader -------------------------------------------------------------- */

gboolean
cf_extract_msg (const CfExtractInput  *input,
                CfExtractResult       *result,
                GError               **error)
{
  MsgReader m = { 0 };
  g_autoptr(GsfInput) source = NULL;
  g_autoptr(GsfInfile) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *author = NULL;
  g_autoptr(GPtrArray) substg = NULL;
  g_autoptr(GMimeMessage) transport = NULL;
  GMimeHeaderList *headers = NULL;
  Props props = { 0 };
  guint64 value;

  cf_extract_result_set_extractor (result, "msg", 1);
  gsf_init ();
  source = gsf_input_stdio_new (input->path, &local_error);
  if (source == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The message cannot be opened: %s",
                   local_error->message);
      return FALSE;
    }
  root = gsf_infile_msole_new (source, &local_error);
  if (root == NULL)
    {
      static const guint8 ole_magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
      const guint8 *head = gsf_input_seek (source, 0, G_SEEK_SET) ? NULL
                                                                  : gsf_input_read (source, 8, NULL);

      if (head != NULL && memcmp (head, ole_magic, 8) == 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "The message is a damaged OLE file (%s)", local_error->message);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "The file is not an Outlook message (not an OLE file)");
      return FALSE;
    }
  substg = children_with_prefix (root, "__substg1.0_");
  if (substg->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The file is an OLE compound file but not an Outlook message");
      return FALSE;
    }
  props_load (&props, root, 32);

  cf_mail_init (&m.mail, result);
  m.root = root;
  if (props_find (&props, PR_MESSAGE_CODEPAGE, PT_LONG, &value) ||
      props_find (&props, PR_INTERNET_CPID, PT_LONG, &value))
    m.codepage = cf_mapi_charset_for_codepage (value & 0xFFFFFFFF);
  if (props_find (&props, PR_INTERNET_CPID, PT_LONG, &value))
    m.html_codepage = cf_mapi_charset_for_codepage (value & 0xFFFFFFFF);
  if (props.bytes == NULL)
    cf_extract_result_warn (result, "msg-no-properties",
                            "The message has no property stream; its dates are unknown");

  transport = parse_transport_headers (&m);
  headers = transport ? g_mime_object_get_header_list (GMIME_OBJECT (transport)) : NULL;

  subject = read_string (&m, root, PR_SUBJECT, CF_MAIL_MAX_HEADER);
  if (subject == NULL && headers != NULL)
    subject = cf_mail_header_text (&m.mail, headers, "Subject");
  if (subject != NULL)
    g_strstrip (subject);
  cf_extract_result_set_string (result, "title", subject);
  cf_extract_result_set_string (result, "subject", subject);
  author = sender (&m, headers);
  cf_extract_result_set_string (result, "author", author);
  read_recipients (&m);
  read_dates_and_ids (&m, &props, headers);
  read_body (&m);
  read_attachments (&m);

  cf_extract_result_set_string (result, "encoding", m.encoding);
  cf_extract_result_set_text_status (result, cf_extract_result_get_text_length (result) > 0
                                             ? CF_TEXT_OK : CF_TEXT_NONE);
  g_free (m.encoding);
  props_clear (&props);
  cf_mail_clear (&m.mail);
  return TRUE;
}
