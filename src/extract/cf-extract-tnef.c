/* cf-extract-tnef.c — Outlook's TNEF (winmail.dat, application/ms-tnef),
 * read by hand per [MS-OXTNEF].
 *
 * A TNEF stream is a signature (0x223E9F78), a legacy key, and then
 * attributes one after another: a level (message or attachment), an id
 * (its type in the high word), a length, the data and a 16-bit sum of the
 * data bytes. Legacy attributes carry the subject, sender, date and body
 * in the writer's code page (attOemCodepage; 949 is CP949); attMAPIProps
 * and attAttachment carry MAPI properties, whose meaning we share with
 * the .msg reader (cf-extract-mapi.h). Each attachment starts with
 * attAttachRendData and its name (attAttachment's PR_ATTACH_LONG_FILENAME)
 * comes after its bytes, so a child is opened on attAttachData, written
 * as the bytes come, and named when the attachment ends. An attached
 * Outlook message is a TNEF stream of its own inside PR_ATTACH_DATA_OBJ:
 * it is written out as a child and read in its turn, so nesting is the
 * case's business (its one depth counter), not a recursion here.
 *
 * Every length is a claim checked against what the file still holds
 * before anything is allocated; counts are capped; a bad sum is a
 * warning, and a stream that goes wrong part way keeps what came before
 * it. Property sets are read in cf-extract-tnef-props.c. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-tnef-private.h"
#include "cf-extract-rtf.h"

#include <string.h>

#define TNEF_SIGNATURE 0x223E9F78

#define LVL_MESSAGE    0x01
#define LVL_ATTACHMENT 0x02

/* Attribute ids: the attribute's type in the high word. */
#define ATT_FROM             0x00008000
#define ATT_SUBJECT          0x00018004
#define ATT_DATE_SENT        0x00038005
#define ATT_MESSAGE_ID       0x00018009
#define ATT_BODY             0x0002800C
#define ATT_ATTACH_DATA      0x0006800F
#define ATT_ATTACH_TITLE     0x00018010
#define ATT_ATTACH_REND_DATA 0x00069002
#define ATT_MAPI_PROPS       0x00069003
#define ATT_RECIP_TABLE      0x00069004
#define ATT_ATTACHMENT       0x00069005
#define ATT_OEM_CODEPAGE     0x00069007

/* An attribute other than an attachment's bytes is read into memory:
 * this much at most. Attachment bytes are streamed to their child. */
#define MAX_ATTRIBUTE  (128 * 1024 * 1024)
#define MAX_ATTRIBUTES 1000000
#define MAX_RECIPIENTS 10000
#define CHUNK          (64 * 1024)

static const guint8 iid_imessage[16] = {
  0x07, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46
};
static const guint8 iid_istorage[16] = {
  0x0B, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46
};

/* Attachments ------------------------------------------------------------- */

static void
attachment_clear (Attachment *att)
{
  g_clear_pointer (&att->provisional, g_free);
  g_clear_pointer (&att->title, g_bytes_unref);
  g_clear_pointer (&att->props, g_hash_table_unref);
  g_assert (att->out == NULL);
  memset (att, 0, sizeof *att);
}

static void
add_child (Tnef         *t,
           const char   *name,
           const char   *type,
           const char   *kind,
           const guint8 *data,
           gsize         len)
{
  g_autoptr(GError) error = NULL;

  if (!cf_extract_result_add_child (t->mail.result, name, type, kind, data, len, &error))
    cf_extract_result_warn (t->mail.result, "attachment-write", "%s could not be written: %s",
                            name, error->message);
}

/* PR_ATTACH_DATA_OBJ: an interface id, then the object. An attached
 * message is a TNEF stream; an OLE object a compound file. */
static void
write_object (Tnef       *t,
              GBytes     *object,
              const char *name,
              const char *mime_tag,
              const char *display)
{
  CfExtractResult *result = t->mail.result;
  gsize len;
  const guint8 *data = g_bytes_get_data (object, &len);
  g_autofree char *child_name = NULL;
  g_autofree char *type = NULL;

  if (len < 16)
    {
      cf_extract_result_warn (result, "attachment-damaged", "Attachment %u holds an object too short "
                              "to be one (%" G_GSIZE_FORMAT " bytes); it was not kept",
                              t->att.number, len);
      return;
    }
  if (memcmp (data, iid_imessage, 16) == 0)
    {
      guint32 signature = 0;

      if (len >= 20)
        {
          memcpy (&signature, data + 16, 4);
          signature = GUINT32_FROM_LE (signature);
        }
      if (signature == TNEF_SIGNATURE)
        {
          g_autofree char *clean = cf_mail_clean_name (display ? display : name, 120);

          child_name = clean ? g_strdup_printf ("%s.tnef", clean)
                             : g_strdup_printf ("message-%u.tnef", t->att.number);
          add_child (t, child_name, "application/vnd.ms-tnef", "message", data + 16, len - 16);
          return;
        }
      cf_extract_result_warn (result, "attachment-damaged", "The attached message %u is not in TNEF "
                              "form; its bytes were kept as they are", t->att.number);
    }
  else if (memcmp (data, iid_istorage, 16) == 0)
    {
      child_name = name ? g_strdup (name) : g_strdup_printf ("attachment-%u.ole", t->att.number);
      type = name ? cf_mapi_attachment_type (mime_tag, name) : g_strdup ("application/x-ole-storage");
      add_child (t, child_name, type, "attachment", data + 16, len - 16);
      return;
    }
  child_name = name ? g_strdup (name) : g_strdup_printf ("attachment-%u.bin", t->att.number);
  type = cf_mapi_attachment_type (mime_tag, name);
  add_child (t, child_name, type, "attachment", data + 16, len - 16);
}

/* Ends the attachment being read: names its child (whose bytes are
 * written already), or writes the object its properties hold. */
static void
finish_attachment (Tnef *t)
{
  CfExtractResult *result = t->mail.result;
  Attachment *att = &t->att;
  g_autofree char *name = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *mime_tag = NULL;
  g_autofree char *display = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *object, *binary;

  if (!att->open || att->skipped)
    {
      attachment_clear (att);
      return;
    }

  /* The long name (Unicode, or the code page), else the legacy title,
   * else the 8.3 name. */
  name = cf_tnef_props_text (t, att->props, PR_ATTACH_LONG_FILENAME);
  if (name == NULL && att->title != NULL)
    {
      name = cf_tnef_decode_bytes (t, att->title, CF_MAIL_MAX_HEADER);
      if (g_strstrip (name)[0] == '\0')
        g_clear_pointer (&name, g_free);
    }
  if (name == NULL)
    name = cf_tnef_props_text (t, att->props, PR_ATTACH_FILENAME);
  display = cf_tnef_props_text (t, att->props, PR_DISPLAY_NAME);
  if (name == NULL && att->out == NULL && cf_tnef_props_get (att->props, PR_ATTACH_DATA, PT_OBJECT) == NULL)
    name = g_strdup (display);
  clean = cf_mail_clean_name (name, CF_MAIL_MAX_NAME);
  mime_tag = cf_tnef_props_text (t, att->props, PR_ATTACH_MIME_TAG);

  if (att->out != NULL)
    {
      if (clean == NULL)
        {
          clean = g_strdup (att->provisional);
          cf_extract_result_warn (result, "attachment-nameless",
                                  "An attachment has no file name; it was called %s", clean);
        }
      type = cf_mapi_attachment_type (mime_tag, clean);
      cf_extract_result_set_child_name (result, clean, type);
      if (!cf_extract_result_end_child (result, att->out, &error))
        cf_extract_result_warn (result, "attachment-write", "%s could not be written: %s",
                                clean, error->message);
      g_clear_object (&att->out);
    }
  else if ((object = cf_tnef_props_get (att->props, PR_ATTACH_DATA, PT_OBJECT)) != NULL)
    write_object (t, object, clean, mime_tag, display);
  else if ((binary = cf_tnef_props_get (att->props, PR_ATTACH_DATA, PT_BINARY)) != NULL)
    {
      if (clean == NULL)
        {
          clean = g_strdup_printf ("attachment-%u.bin", att->number);
          cf_extract_result_warn (result, "attachment-nameless",
                                  "An attachment has no file name; it was called %s", clean);
        }
      type = cf_mapi_attachment_type (mime_tag, clean);
      add_child (t, clean, type, "attachment", g_bytes_get_data (binary, NULL),
                 g_bytes_get_size (binary));
    }
  else
    cf_extract_result_warn (result, "attachment-missing",
                            "The attachment %s has no content in the TNEF stream (a link to a "
                            "file elsewhere?)", clean ? clean : "without a name");
  attachment_clear (att);
}

static void
start_attachment (Tnef *t)
{
  finish_attachment (t);
  t->att.open = TRUE;
  t->att.number = ++t->n_attachments;
  if (t->n_attachments > CF_MAIL_MAX_CHILDREN)
    {
      t->att.skipped = TRUE;
      t->n_skipped++;
    }
}

/* Reading the stream ------------------------------------------------------ */

static gboolean
read_exact (Tnef  *t,
            void  *buf,
            gsize  n)
{
  gsize got = 0;

  if (n > 0 && (!g_input_stream_read_all (t->in, buf, n, &got, NULL, NULL) || got != n))
    {
      t->offset += got;
      return FALSE;
    }
  t->offset += n;
  return TRUE;
}

static gboolean
skip_bytes (Tnef    *t,
            guint64  n)
{
  while (n > 0)
    {
      gssize skipped = g_input_stream_skip (t->in, MIN (n, G_MAXSSIZE / 2), NULL, NULL);

      if (skipped <= 0)
        return FALSE;
      t->offset += skipped;
      n -= skipped;
    }
  return TRUE;
}

static guint16
sum_bytes (guint16       sum,
           const guint8 *data,
           gsize         len)
{
  for (gsize i = 0; i < len; i++)
    sum += data[i];
  return sum;
}

/* attAttachData: the attachment's bytes, written to its child as they
 * come. Returns FALSE when the stream ended before them. */
static gboolean
stream_attach_data (Tnef    *t,
                    guint32  length,
                    guint16 *sum)
{
  CfExtractResult *result = t->mail.result;
  Attachment *att = &t->att;
  g_autofree guint8 *buf = NULL;
  g_autoptr(GError) error = NULL;
  gboolean writing;

  att->has_data = TRUE;
  if (att->skipped)
    return skip_bytes (t, length);
  if (att->out == NULL)
    {
      att->provisional = g_strdup_printf ("attachment-%u.bin", att->number);
      att->out = cf_extract_result_begin_child (result, att->provisional, "application/octet-stream",
                                                "attachment", &error);
      if (att->out == NULL)
        {
          cf_extract_result_warn (result, "attachment-write", "Attachment %u could not be written: %s",
                                  att->number, error->message);
          return skip_bytes (t, length);
        }
    }
  writing = TRUE;
  buf = g_malloc (CHUNK);
  while (length > 0)
    {
      gsize n = MIN (length, CHUNK);
      gsize got = 0;

      g_input_stream_read_all (t->in, buf, n, &got, NULL, NULL);
      t->offset += got;
      *sum = sum_bytes (*sum, buf, got);
      if (writing && got > 0 && !g_output_stream_write_all (att->out, buf, got, NULL, NULL, &error))
        {
          /* The output is full or broken: this child is lost, the rest of
           * the stream is not. */
          cf_extract_result_warn (result, "attachment-write", "Attachment %u could not be written: %s",
                                  att->number, error->message);
          cf_extract_result_abandon_child (result, att->out);
          g_clear_object (&att->out);
          writing = FALSE;
        }
      if (got < n)
        {
          if (writing)
            cf_extract_result_warn (result, "attachment-incomplete", "The TNEF stream ends inside "
                                    "attachment %u; what it holds of it was kept", att->number);
          return FALSE;
        }
      length -= n;
    }
  return TRUE;
}

/* attFrom: a TRP header (id, total size, name size, address size), the
 * display name, then "TYPE:address". */
static void
read_from (Tnef         *t,
           GBytes       *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint16 cch, cb;

  if (len < 8)
    return;
  cch = data[4] | data[5] << 8;
  cb = data[6] | data[7] << 8;
  if ((gsize) cch + cb > len - 8)
    {
      cf_extract_result_warn (t->mail.result, "tnef-damaged", "The sender attribute (attFrom) is "
                              "damaged; the sender was not read from it");
      return;
    }
  g_clear_pointer (&t->from_name, g_bytes_unref);
  g_clear_pointer (&t->from_address, g_bytes_unref);
  t->from_name = g_bytes_new_from_bytes (bytes, 8, cch);
  t->from_address = g_bytes_new_from_bytes (bytes, 8 + cch, cb);
}

/* attDateSent: a DTR (year, month, day, hour, minute, second, weekday,
 * 16 bits each). It names no zone: Outlook writes the sender's local
 * time, so it is recorded without one. */
static void
read_date_sent (Tnef   *t,
                GBytes *bytes)
{
  gsize len;
  const guint8 *d = g_bytes_get_data (bytes, &len);
  guint v[6];
  g_autoptr(GDateTime) date = NULL;

  if (len < 12)
    return;
  for (guint i = 0; i < 6; i++)
    v[i] = d[2 * i] | d[2 * i + 1] << 8;
  date = g_date_time_new_utc (v[0], v[1], v[2], v[3], v[4], v[5]);
  if (date == NULL || v[0] < 1601)
    return;
  g_free (t->date_sent);
  t->date_sent = g_date_time_format (date, "%Y-%m-%dT%H:%M:%S");
}

/* attRecipTable: a count of rows, each a property set. */
static void
read_recipients (Tnef   *t,
                 GBytes *bytes)
{
  Cursor c = { 0 };
  guint32 rows;

  c.data = g_bytes_get_data (bytes, &c.len);
  if (!cf_tnef_cursor_u32 (&c, &rows))
    return;
  for (guint32 i = 0; i < rows && i < MAX_RECIPIENTS; i++)
    {
      g_autoptr(GHashTable) row = cf_tnef_props_new ();
      g_autofree char *name = NULL;
      g_autofree char *address = NULL;
      guint32 type = 0;
      gboolean ok = cf_tnef_parse_props (t, bytes, &c, row, "recipient table");

      name = cf_tnef_props_text (t, row, PR_DISPLAY_NAME);
      address = cf_tnef_props_text (t, row, PR_SMTP_ADDRESS);
      if (!cf_mapi_is_smtp (address))
        {
          g_free (address);
          address = cf_tnef_props_text (t, row, PR_EMAIL_ADDRESS);
        }
      if (!cf_mapi_is_smtp (address))
        g_clear_pointer (&address, g_free);
      cf_tnef_props_u32 (row, PR_RECIPIENT_TYPE, PT_LONG, &type);
      if (name != NULL || address != NULL)
        {
          g_ptr_array_add (t->recipients, cf_mapi_format_person (name, address));
          g_array_append_val (t->recipient_types, type);
        }
      if (!ok)
        return;
    }
}

static void
set_codepage (Tnef *t)
{
  guint32 value;

  if (cf_tnef_props_u32 (t->message, PR_MESSAGE_CODEPAGE, PT_LONG, &value) ||
      cf_tnef_props_u32 (t->message, PR_INTERNET_CPID, PT_LONG, &value))
    t->codepage = cf_mapi_charset_for_codepage (value);
}

static void
read_attribute (Tnef    *t,
                guint8   level,
                guint32  id,
                GBytes  *bytes)
{
  gsize len = g_bytes_get_size (bytes);
  Cursor c = { 0 };

  c.data = g_bytes_get_data (bytes, &c.len);
  if (level == LVL_ATTACHMENT)
    {
      Attachment *att = &t->att;

      if (id == ATT_ATTACH_REND_DATA)
        {
          start_attachment (t);
          return;
        }
      /* A writer that leaves out attAttachRendData: a second title or set
       * of properties starts the next attachment. */
      if (!att->open || (id == ATT_ATTACH_TITLE && att->title != NULL) ||
          (id == ATT_ATTACHMENT && att->props != NULL))
        start_attachment (t);
      if (att->skipped)
        return;
      if (id == ATT_ATTACH_TITLE)
        att->title = g_bytes_ref (bytes);
      else if (id == ATT_ATTACHMENT)
        {
          att->props = cf_tnef_props_new ();
          cf_tnef_parse_props (t, bytes, &c, att->props, "properties of an attachment");
        }
      return;
    }

  switch (id)
    {
    case ATT_OEM_CODEPAGE:
      {
        guint32 codepage;

        if (cf_tnef_cursor_u32 (&c, &codepage))
          t->oem_codepage = cf_mapi_charset_for_codepage (codepage);
      }
      break;
    case ATT_SUBJECT:
      g_clear_pointer (&t->subject, g_bytes_unref);
      t->subject = g_bytes_ref (bytes);
      break;
    case ATT_BODY:
      g_clear_pointer (&t->body, g_bytes_unref);
      t->body = g_bytes_ref (bytes);
      break;
    case ATT_FROM:
      read_from (t, bytes);
      break;
    case ATT_DATE_SENT:
      read_date_sent (t, bytes);
      break;
    case ATT_MESSAGE_ID:
      g_free (t->message_id);
      t->message_id = g_strndup ((const char *) c.data, MIN (len, 1024));
      break;
    case ATT_RECIP_TABLE:
      read_recipients (t, bytes);
      break;
    case ATT_MAPI_PROPS:
      cf_tnef_parse_props (t, bytes, &c, t->message, "message properties");
      set_codepage (t);
      break;
    default:
      break;
    }
}

static void
check_sum (Tnef    *t,
           guint16  expected,
           guint16  sum,
           guint64  at)
{
  if (expected == sum)
    return;
  if (t->n_bad_sums++ == 0)
    t->first_bad_sum = at;
}

/* Reads attributes to the end of the stream or the first damage.
 * Returns how many were read. */
static guint
read_attributes (Tnef *t)
{
  CfExtractResult *result = t->mail.result;
  guint n = 0;

  while (t->offset < t->size)
    {
      guint8 head[9];
      guint8 tail[2];
      guint8 level;
      guint32 id, length;
      guint64 at = t->offset;
      guint64 left;
      guint16 sum = 0;

      if (n == MAX_ATTRIBUTES)
        {
          cf_extract_result_warn (result, "tnef-cap", "The TNEF stream holds more than %d "
                                  "attributes; the rest were not read", MAX_ATTRIBUTES);
          break;
        }
      if (!read_exact (t, head, sizeof head))
        {
          cf_extract_result_warn (result, "tnef-truncated", "The TNEF stream is cut inside an "
                                  "attribute header at byte %" G_GUINT64_FORMAT "; what came before "
                                  "was kept", at);
          break;
        }
      level = head[0];
      id = head[1] | head[2] << 8 | head[3] << 16 | (guint32) head[4] << 24;
      length = head[5] | head[6] << 8 | head[7] << 16 | (guint32) head[8] << 24;
      if (level != LVL_MESSAGE && level != LVL_ATTACHMENT)
        {
          /* Out of step: nothing after this can be trusted to be where it
           * seems. */
          cf_extract_result_warn (result, "tnef-damaged", "The TNEF stream is damaged at byte "
                                  "%" G_GUINT64_FORMAT " (level %u); what came before was kept",
                                  at, level);
          break;
        }
      left = t->size - t->offset;
      if ((guint64) length + 2 > left)
        {
          cf_extract_result_warn (result, "tnef-truncated", "An attribute (0x%08X at byte "
                                  "%" G_GUINT64_FORMAT ") claims %u bytes but the stream holds "
                                  "only %" G_GUINT64_FORMAT " more; what came before was kept",
                                  id, at, length, left < 2 ? 0 : left - 2);
          /* Attachment bytes cut short are still worth keeping. */
          if (level == LVL_ATTACHMENT && id == ATT_ATTACH_DATA && left > 2)
            {
              if (!t->att.open)
                start_attachment (t);
              stream_attach_data (t, left, &sum);
              n++;
            }
          break;
        }

      if (level == LVL_ATTACHMENT && id == ATT_ATTACH_DATA)
        {
          if (!t->att.open || t->att.has_data)
            start_attachment (t);
          if (!stream_attach_data (t, length, &sum))
            break;
        }
      else if (length > MAX_ATTRIBUTE)
        {
          cf_extract_result_warn (result, "tnef-cap", "An attribute (0x%08X) of %u MiB is larger "
                                  "than this reader takes; it was skipped", id, length >> 20);
          if (!skip_bytes (t, length + 2))
            break;
          n++;
          continue;
        }
      else
        {
          g_autoptr(GBytes) bytes = NULL;
          guint8 *data = g_malloc (length);

          if (!read_exact (t, data, length))
            {
              g_free (data);
              break;
            }
          sum = sum_bytes (0, data, length);
          bytes = g_bytes_new_take (data, length);
          read_attribute (t, level, id, bytes);
        }
      if (!read_exact (t, tail, 2))
        break;
      check_sum (t, tail[0] | tail[1] << 8, sum, at);
      n++;
    }
  return n;
}

/* The message ------------------------------------------------------------- */

static char *
sender (Tnef *t)
{
  static const guint16 addresses[] = {
    PR_SENDER_SMTP_ADDRESS, PR_SENDER_EMAIL, PR_SENT_REPRESENTING_SMTP, PR_SENT_REPRESENTING_EMAIL
  };
  g_autofree char *name = cf_tnef_props_text (t, t->message, PR_SENDER_NAME);
  g_autofree char *address = NULL;

  if (name == NULL)
    name = cf_tnef_props_text (t, t->message, PR_SENT_REPRESENTING_NAME);
  for (guint i = 0; i < G_N_ELEMENTS (addresses) && address == NULL; i++)
    {
      address = cf_tnef_props_text (t, t->message, addresses[i]);
      if (!cf_mapi_is_smtp (address))
        g_clear_pointer (&address, g_free);
    }
  /* The legacy attFrom: a name and "SMTP:address" (or an Exchange
   * "EX:/O=…" one, which is no address to show). */
  if (name == NULL && t->from_name != NULL)
    {
      name = cf_tnef_decode_bytes (t, t->from_name, CF_MAIL_MAX_HEADER);
      if (g_strstrip (name)[0] == '\0')
        g_clear_pointer (&name, g_free);
    }
  if (address == NULL && t->from_address != NULL)
    {
      g_autofree char *raw = cf_tnef_decode_bytes (t, t->from_address, CF_MAIL_MAX_HEADER);
      const char *colon = strchr (raw, ':');
      const char *addr = colon ? colon + 1 : raw;

      if (cf_mapi_is_smtp (addr))
        address = g_strstrip (g_strdup (addr));
    }
  return cf_mapi_format_person (name, address);
}

static void
write_recipients (Tnef *t)
{
  static const guint16 display[] = { PR_DISPLAY_TO, PR_DISPLAY_CC, PR_DISPLAY_BCC };
  CfExtractResult *result = t->mail.result;

  for (guint i = 0; i < t->recipients->len; i++)
    cf_mapi_add_recipient (result, g_ptr_array_index (t->recipients, i),
                           g_array_index (t->recipient_types, guint32, i));
  if (t->recipients->len > 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (display); i++)
    {
      g_autofree char *list = cf_tnef_props_text (t, t->message, display[i]);

      cf_mapi_add_display_list (result, display[i], list);
    }
}

static void
write_dates_and_ids (Tnef *t)
{
  CfExtractResult *result = t->mail.result;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *message_id = cf_tnef_props_text (t, t->message, PR_INTERNET_MESSAGE_ID);
  g_autofree char *in_reply_to = cf_tnef_props_text (t, t->message, PR_IN_REPLY_TO_ID);
  g_autofree char *references = cf_tnef_props_text (t, t->message, PR_INTERNET_REFERENCES);
  guint64 filetime;

  /* The MAPI times are UTC; attDateSent has no zone, so it comes last. */
  if (cf_tnef_props_u64 (t->message, PR_CLIENT_SUBMIT_TIME, PT_SYSTIME, &filetime))
    date = cf_mapi_filetime_to_datetime (filetime);
  if (date == NULL && cf_tnef_props_u64 (t->message, PR_MESSAGE_DELIVERY_TIME, PT_SYSTIME, &filetime))
    date = cf_mapi_filetime_to_datetime (filetime);
  iso = cf_mail_format_date (date);
  cf_extract_result_set_string (result, "date", iso ? iso : t->date_sent);

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
  if (references != NULL)
    {
      GMimeReferences *refs = g_mime_references_parse (t->mail.options, references);
      int n = refs ? g_mime_references_length (refs) : 0;

      for (int i = 0; i < n; i++)
        cf_extract_result_add_to_list (result, "references", g_mime_references_get_message_id (refs, i));
      g_clear_pointer (&refs, g_mime_references_free);
    }
  /* attMessageID is MAPI's own key for the message (hex), not an Internet
   * Message-ID: kept apart so that it threads nothing. */
  if (t->message_id != NULL && g_utf8_validate (t->message_id, -1, NULL))
    cf_extract_result_set_string (result, "mapi_message_id", t->message_id);
}

static void
append_plain (CfExtractResult *result,
              const char      *body)
{
  GString *text = g_string_new (body);

  g_string_replace (text, "\r\n", "\n", 0);
  cf_extract_result_append_text (result, text->str, text->len);
  g_string_free (text, TRUE);
}

static gboolean
write_rtf_body (Tnef *t)
{
  CfExtractResult *result = t->mail.result;
  GBytes *compressed = cf_tnef_props_get (t->message, PR_RTF_COMPRESSED, PT_BINARY);
  g_autoptr(GBytes) rtf = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *text = NULL;
  g_autofree char *charset = NULL;
  const guint8 *data;
  gsize len;

  if (compressed == NULL)
    return FALSE;
  data = g_bytes_get_data (compressed, &len);
  rtf = cf_rtf_decompress (data, len, MAX_BODY, &problem);
  if (problem != NULL)
    cf_extract_result_warn (result, "rtf-damaged", "The compressed RTF body cannot be read "
                            "whole: %s; what could be read of it was kept", problem);
  data = g_bytes_get_data (rtf, &len);
  text = cf_rtf_to_text ((const char *) data, len, MAX_BODY, &charset, NULL);
  cf_extract_result_append_text (result, text, -1);
  g_free (t->encoding);
  t->encoding = g_steal_pointer (&charset);
  return TRUE;
}

static gboolean
write_html_body (Tnef *t)
{
  CfExtractResult *result = t->mail.result;
  GBytes *bytes = cf_tnef_props_get (t->message, PR_BODY_HTML, PT_BINARY);
  g_autofree char *utf8 = NULL;
  g_autofree char *text = NULL;

  if (bytes != NULL)
    {
      g_autofree char *meta = NULL;
      g_autofree char *used = NULL;
      const char *declared;
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);

      /* Binary HTML: its own meta tag knows its charset best. */
      len = MIN (len, MAX_BODY);
      declared = meta = cf_extract_html_charset (data, len);
      if (declared == NULL)
        declared = t->codepage ? t->codepage : t->oem_codepage;
      utf8 = cf_extract_to_utf8 (data, len, declared, &used);
      cf_mail_note_charset (&t->mail, declared, used);
      g_free (t->encoding);
      t->encoding = g_steal_pointer (&used);
    }
  else
    utf8 = cf_tnef_props_string (t, t->message, PR_BODY_HTML, MAX_BODY);
  if (utf8 == NULL)
    return FALSE;
  text = cf_extract_html_to_text (utf8, strlen (utf8), NULL);
  cf_extract_result_append_text (result, text, -1);
  return TRUE;
}

/* PR_BODY, else the legacy attBody (the same text), else the compressed
 * RTF (what most TNEF is for), else the HTML. The encoding recorded is
 * the body's. */
static void
write_body (Tnef *t)
{
  g_autofree char *saved = g_steal_pointer (&t->encoding);
  g_autofree char *body = cf_tnef_props_string (t, t->message, PR_BODY, MAX_BODY);

  if (body == NULL || body[0] == '\0')
    {
      g_free (body);
      body = cf_tnef_decode_bytes (t, t->body, MAX_BODY);
    }
  if (body != NULL && body[0] != '\0')
    append_plain (t->mail.result, body);
  else if (!write_rtf_body (t))
    write_html_body (t);
  if (t->encoding == NULL)
    t->encoding = g_steal_pointer (&saved);
}

static void
write_message (Tnef *t)
{
  CfExtractResult *result = t->mail.result;
  g_autofree char *subject = cf_tnef_props_text (t, t->message, PR_SUBJECT);
  g_autofree char *author = NULL;

  if (subject == NULL && t->subject != NULL)
    {
      subject = cf_tnef_decode_bytes (t, t->subject, CF_MAIL_MAX_HEADER);
      g_strstrip (subject);
    }
  cf_extract_result_set_string (result, "title", subject);
  cf_extract_result_set_string (result, "subject", subject);
  author = sender (t);
  cf_extract_result_set_string (result, "author", author);
  write_recipients (t);
  write_dates_and_ids (t);
  write_body (t);
}

/* The reader -------------------------------------------------------------- */

static void
tnef_clear (Tnef *t)
{
  if (t->att.out != NULL)
    {
      cf_extract_result_abandon_child (t->mail.result, t->att.out);
      g_clear_object (&t->att.out);
    }
  attachment_clear (&t->att);
  g_clear_object (&t->in);
  g_clear_pointer (&t->message, g_hash_table_unref);
  g_clear_pointer (&t->subject, g_bytes_unref);
  g_clear_pointer (&t->body, g_bytes_unref);
  g_clear_pointer (&t->from_name, g_bytes_unref);
  g_clear_pointer (&t->from_address, g_bytes_unref);
  g_clear_pointer (&t->recipients, g_ptr_array_unref);
  g_clear_pointer (&t->recipient_types, g_array_unref);
  g_free (t->date_sent);
  g_free (t->message_id);
  g_free (t->encoding);
  cf_mail_clear (&t->mail);
}

gboolean
cf_extract_tnef (const CfExtractInput  *input,
                 CfExtractResult       *result,
                 GError               **error)
{
  Tnef t = { 0 };
  g_autoptr(GFile) file = g_file_new_for_path (input->path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 head[6];
  guint32 signature;
  guint n;

  cf_extract_result_set_extractor (result, "tnef", 1);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The TNEF file cannot be opened: %s",
                   local_error->message);
      return FALSE;
    }
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);

  cf_mail_init (&t.mail, result);
  t.size = info ? (guint64) g_file_info_get_size (info) : input->size;
  t.in = g_buffered_input_stream_new_sized (G_INPUT_STREAM (stream), CHUNK);
  t.message = cf_tnef_props_new ();
  t.recipients = g_ptr_array_new_with_free_func (g_free);
  t.recipient_types = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (!read_exact (&t, head, sizeof head) ||
      (signature = head[0] | head[1] << 8 | head[2] << 16 | (guint32) head[3] << 24) != TNEF_SIGNATURE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The file is not a TNEF stream (winmail.dat): it does not start with TNEF's "
                   "signature");
      tnef_clear (&t);
      return FALSE;
    }
  n = read_attributes (&t);
  finish_attachment (&t);
  if (n == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The TNEF stream holds no attribute that could be read (it ends or is damaged "
                   "right after its header)");
      tnef_clear (&t);
      return FALSE;
    }

  write_message (&t);
  if (t.n_bad_sums > 0)
    cf_extract_result_warn (result, "tnef-checksum", "%u attribute(s) of the TNEF stream fail their "
                            "checksum, the first at byte %" G_GUINT64_FORMAT "; they were read as "
                            "they are", t.n_bad_sums, t.first_bad_sum);
  if (t.n_skipped > 0)
    cf_extract_result_warn (result, "children-cap", "The TNEF stream holds %u attachments; only the "
                            "first %d were extracted and %u were skipped", t.n_attachments,
                            CF_MAIL_MAX_CHILDREN, t.n_skipped);
  cf_extract_result_set_string (result, "encoding", t.encoding);
  cf_extract_result_set_text_status (result, cf_extract_result_get_text_length (result) > 0
                                             ? CF_TEXT_OK : CF_TEXT_NONE);
  tnef_clear (&t);
  return TRUE;
}
