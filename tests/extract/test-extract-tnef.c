/* test-extract-tnef.c — Outlook's TNEF (winmail.dat) read by
 * casefile-extract, on streams the test writes attribute by attribute:
 * a Korean message whose subject is a CP949 legacy attribute, whose
 * sender and body are Unicode MAPI properties, with a text attachment
 * named only by its CP949 title, a PDF named by its Unicode long name and
 * an attached message (a TNEF stream inside the attachment); a message
 * with legacy attributes only; RTF and HTML bodies; a mail carrying a
 * winmail.dat read through a case, so the family is mail → winmail.dat →
 * attachments; and hostile streams: not TNEF, cut at every length,
 * absurd lengths and counts, zero-length attributes, bad checksums,
 * 10,005 attachments, and random mutations. */
#include "test-util.h"
#include "test-fixtures.h"
#include "office-fixtures.h"

#include <string.h>

#include "cf-extraction.h"
#include "cf-mime.h"

#define TNEF "application/vnd.ms-tnef"

#define ATT_FROM             0x00008000
#define ATT_SUBJECT          0x00018004
#define ATT_DATE_SENT        0x00038005
#define ATT_MESSAGE_ID       0x00018009
#define ATT_BODY             0x0002800C
#define ATT_ATTACH_DATA      0x0006800F
#define ATT_ATTACH_TITLE     0x00018010
#define ATT_ATTACH_REND_DATA 0x00069002
#define ATT_MAPI_PROPS       0x00069003
#define ATT_ATTACHMENT       0x00069005
#define ATT_TNEF_VERSION     0x00089006
#define ATT_OEM_CODEPAGE     0x00069007
#define ATT_MESSAGE_CLASS    0x00078008

static const guint8 iid_imessage[16] = {
  0x07, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46
};

static const char pdf_bytes[] =
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% \xff\xfe binary \x01\x02\x03\ntrailer << >>\n%%EOF\n";
static const char contract_text[] = "위수탁 계약서\n제1조 (목적) 위탁자는 개인정보 처리 업무를 위탁한다.\n";

/* Writing TNEF ------------------------------------------------------------ */

static void
put16 (GByteArray *a,
       guint16     v)
{
  guint8 b[2] = { v & 0xFF, v >> 8 };

  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a,
       guint32     v)
{
  guint8 b[4] = { v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24 };

  g_byte_array_append (a, b, 4);
}

static void
put64 (GByteArray *a,
       guint64     v)
{
  put32 (a, v & 0xFFFFFFFF);
  put32 (a, v >> 32);
}

static void
pad4 (GByteArray *a,
      gsize       n)
{
  static const guint8 zeros[4] = { 0 };

  g_byte_array_append (a, zeros, (4 - n % 4) % 4);
}

static GByteArray *
tnef_new (void)
{
  GByteArray *t = g_byte_array_new ();

  put32 (t, 0x223E9F78);
  put16 (t, 0x0001);
  return t;
}

/* One attribute; its checksum is the sum of its bytes, plus `skew`. */
static void
tnef_attr_skewed (GByteArray *t,
                  guint8      level,
                  guint32     id,
                  const void *data,
                  gsize       len,
                  guint16     skew)
{
  guint16 sum = skew;

  g_byte_array_append (t, &level, 1);
  put32 (t, id);
  put32 (t, len);
  g_byte_array_append (t, data, len);
  for (gsize i = 0; i < len; i++)
    sum += ((const guint8 *) data)[i];
  put16 (t, sum);
}

static void
tnef_attr (GByteArray *t,
           guint8      level,
           guint32     id,
           const void *data,
           gsize       len)
{
  tnef_attr_skewed (t, level, id, data, len, 0);
}

static void
tnef_attr_bytes (GByteArray *t,
                 guint8      level,
                 guint32     id,
                 GBytes     *bytes)
{
  tnef_attr (t, level, id, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
tnef_attr_u32 (GByteArray *t,
               guint8      level,
               guint32     id,
               guint32     a,
               guint32     b)
{
  guint8 data[8] = { a & 0xFF, (a >> 8) & 0xFF, (a >> 16) & 0xFF, a >> 24,
                     b & 0xFF, (b >> 8) & 0xFF, (b >> 16) & 0xFF, b >> 24 };

  tnef_attr (t, level, id, data, 8);
}

/* A legacy string attribute: CP949 bytes and a NUL. */
static void
tnef_attr_cp949 (GByteArray *t,
                 guint8      level,
                 guint32     id,
                 const char *utf8)
{
  gsize len;
  g_autofree char *bytes = tu_to_cp949 (utf8, &len);

  tnef_attr (t, level, id, bytes, len + 1);
}

static void
tnef_rend_data (GByteArray *t)
{
  g_autoptr(GByteArray) r = g_byte_array_new ();

  put16 (r, 1);            /* atyp: a file */
  put32 (r, 0xFFFFFFFF);   /* position */
  put16 (r, 0);
  put16 (r, 0);
  put32 (r, 0);
  tnef_attr (t, 2, ATT_ATTACH_REND_DATA, r->data, r->len);
}

static void
tnef_date (GByteArray *t,
           guint       y,
           guint       mo,
           guint       d,
           guint       h,
           guint       mi,
           guint       s)
{
  g_autoptr(GByteArray) dtr = g_byte_array_new ();

  put16 (dtr, y);
  put16 (dtr, mo);
  put16 (dtr, d);
  put16 (dtr, h);
  put16 (dtr, mi);
  put16 (dtr, s);
  put16 (dtr, 1);
  tnef_attr (t, 1, ATT_DATE_SENT, dtr->data, dtr->len);
}

/* attFrom: TRP header, the name padded to two bytes, "SMTP:address". */
static void
tnef_from (GByteArray *t,
           const char *name_utf8,
           const char *address)
{
  g_autoptr(GByteArray) a = g_byte_array_new ();
  gsize name_len;
  g_autofree char *name = tu_to_cp949 (name_utf8, &name_len);
  guint16 cch = name_len + 1 + ((name_len + 1) % 2);
  guint16 cb = strlen (address) + 1;

  put16 (a, 0x0004);
  put16 (a, 16 + cch + cb);
  put16 (a, cch);
  put16 (a, cb);
  g_byte_array_append (a, (const guint8 *) name, name_len);
  g_byte_array_append (a, (const guint8 *) "\0\0", cch - name_len);
  g_byte_array_append (a, (const guint8 *) address, cb);
  while (a->len % 8 != 0)
    g_byte_array_append (a, (const guint8 *) "", 1);
  tnef_attr (t, 1, ATT_FROM, a->data, a->len);
}

/* MAPI property sets: a count, then tag and value(s) each. */
typedef struct
{
  GByteArray *a;
  guint32 count;
} Props;

static Props *
props_new (void)
{
  Props *p = g_new0 (Props, 1);

  p->a = g_byte_array_new ();
  put32 (p->a, 0);
  return p;
}

static void
prop_tag (Props   *p,
          guint16  id,
          guint16  type)
{
  p->count++;
  put32 (p->a, (guint32) id << 16 | type);
}

static void
prop_counted (Props      *p,
              guint16     id,
              guint16     type,
              const void *data,
              gsize       len)
{
  prop_tag (p, id, type);
  put32 (p->a, 1);
  put32 (p->a, len);
  g_byte_array_append (p->a, data, len);
  pad4 (p->a, len);
}

static void
prop_unicode (Props      *p,
              guint16     id,
              const char *utf8)
{
  glong n = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);

  prop_counted (p, id, 0x001F, units, (n + 1) * 2);
}

static void
prop_string8 (Props      *p,
              guint16     id,
              const char *bytes)
{
  prop_counted (p, id, 0x001E, bytes, strlen (bytes) + 1);
}

static void
prop_long (Props   *p,
           guint16  id,
           guint32  value)
{
  prop_tag (p, id, 0x0003);
  put32 (p->a, value);
}

static void
prop_systime (Props   *p,
              guint16  id,
              gint64   unix_seconds)
{
  prop_tag (p, id, 0x0040);
  put64 (p->a, (guint64) (unix_seconds + G_GINT64_CONSTANT (11644473600)) * 10000000);
}

/* Properties the reader must step over: a named one and a multi-valued
 * one. */
static void
prop_noise (Props *p)
{
  glong n = 0;
  g_autofree gunichar2 *name = g_utf8_to_utf16 ("x-casefile-test", -1, NULL, &n, NULL);
  static const guint8 guid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

  prop_tag (p, 0x8001, 0x001F);
  g_byte_array_append (p->a, guid, 16);
  put32 (p->a, 1);
  put32 (p->a, (n + 1) * 2);
  g_byte_array_append (p->a, (const guint8 *) name, (n + 1) * 2);
  pad4 (p->a, (n + 1) * 2);
  put32 (p->a, 1);
  put32 (p->a, 6);
  g_byte_array_append (p->a, (const guint8 *) "n\0o\0\0\0", 6);
  pad4 (p->a, 6);

  prop_tag (p, 0x6700, 0x1003);
  put32 (p->a, 3);
  put32 (p->a, 1);
  put32 (p->a, 2);
  put32 (p->a, 3);
}

static GBytes *
props_finish (Props *p)
{
  p->a->data[0] = p->count & 0xFF;
  p->a->data[1] = (p->count >> 8) & 0xFF;
  p->a->data[2] = (p->count >> 16) & 0xFF;
  p->a->data[3] = p->count >> 24;
  {
    GBytes *bytes = g_byte_array_free_to_bytes (p->a);

    g_free (p);
    return bytes;
  }
}

static GBytes *
tnef_finish (GByteArray *t)
{
  return g_byte_array_free_to_bytes (t);
}

/* The attached message: legacy attributes only, in CP949. */
static GBytes *
inner_message (void)
{
  GByteArray *t = tnef_new ();
  gsize len;
  g_autofree char *body = tu_to_cp949 ("원본 메일 본문입니다.", &len);

  tnef_attr_u32 (t, 1, ATT_OEM_CODEPAGE, 949, 0);
  tnef_attr_cp949 (t, 1, ATT_SUBJECT, "원본 메일");
  tnef_attr (t, 1, ATT_BODY, body, len);
  return tnef_finish (t);
}

/* The Korean message of the brief. */
static GBytes *
korean_message (void)
{
  GByteArray *t = tnef_new ();
  Props *p = props_new ();
  g_autoptr(GBytes) message_props = NULL;
  g_autoptr(GBytes) inner = inner_message ();

  tnef_attr_u32 (t, 1, ATT_TNEF_VERSION, 0x00010000, 0);
  tnef_attr_u32 (t, 1, ATT_OEM_CODEPAGE, 949, 0);
  tnef_attr (t, 1, ATT_MESSAGE_CLASS, "IPM.Note", 9);
  tnef_from (t, "김민수", "SMTP:minsu.kim@partner.example");
  tnef_attr_cp949 (t, 1, ATT_SUBJECT, "위수탁 계약 검토 요청");
  tnef_date (t, 2018, 4, 2, 10, 15, 0);
  tnef_attr (t, 1, ATT_MESSAGE_ID, "0000000081AA5B00", 17);

  prop_long (p, 0x3FFD, 949);                      /* PR_MESSAGE_CODEPAGE */
  prop_noise (p);
  prop_unicode (p, 0x0C1A, "김민수 (파트너사)");   /* PR_SENDER_NAME */
  prop_unicode (p, 0x5D01, "minsu.kim@partner.example");
  prop_unicode (p, 0x0E04, "법무팀; 이지은");     /* PR_DISPLAY_TO */
  prop_systime (p, 0x0039, 1522631700);            /* 2018-04-02T01:15:00Z */
  prop_string8 (p, 0x1035, "<tnef-1@partner.example>");
  prop_unicode (p, 0x1000, "변호사님, 위수탁 계약서 검토를 부탁드립니다.\r\n감사합니다.");
  message_props = props_finish (p);
  tnef_attr_bytes (t, 1, ATT_MAPI_PROPS, message_props);

  /* A text named only by its CP949 title. */
  tnef_rend_data (t);
  tnef_attr_cp949 (t, 2, ATT_ATTACH_TITLE, "위수탁계약서.txt");
  tnef_attr (t, 2, ATT_ATTACH_DATA, contract_text, strlen (contract_text));
  p = props_new ();
  prop_long (p, 0x3705, 1);
  {
    g_autoptr(GBytes) props = props_finish (p);

    tnef_attr_bytes (t, 2, ATT_ATTACHMENT, props);
  }

  /* A PDF whose long Unicode name comes after its bytes. */
  tnef_rend_data (t);
  tnef_attr (t, 2, ATT_ATTACH_TITLE, "OPINIO~1.PDF", 13);
  tnef_attr (t, 2, ATT_ATTACH_DATA, pdf_bytes, sizeof pdf_bytes - 1);
  p = props_new ();
  prop_unicode (p, 0x3707, "계약 검토 의견서.pdf");
  prop_string8 (p, 0x3704, "OPINIO~1.PDF");
  prop_string8 (p, 0x370E, "application/pdf");
  prop_long (p, 0x3705, 1);
  {
    g_autoptr(GBytes) props = props_finish (p);

    tnef_attr_bytes (t, 2, ATT_ATTACHMENT, props);
  }

  /* An attached message: TNEF inside PR_ATTACH_DATA_OBJ. */
  tnef_rend_data (t);
  p = props_new ();
  prop_long (p, 0x3705, 5);
  prop_unicode (p, 0x3001, "원본 메일");
  {
    g_autoptr(GByteArray) object = g_byte_array_new ();
    g_autoptr(GBytes) props = NULL;

    g_byte_array_append (object, iid_imessage, 16);
    g_byte_array_append (object, g_bytes_get_data (inner, NULL), g_bytes_get_size (inner));
    prop_counted (p, 0x3701, 0x000D, object->data, object->len);
    props = props_finish (p);
    tnef_attr_bytes (t, 2, ATT_ATTACHMENT, props);
  }
  return tnef_finish (t);
}

/* Looking at results ------------------------------------------------------- */


static void
assert_child_bytes (OfRun      *run,
                    guint       i,
                    const void *expected,
                    gsize       len)
{
  g_autofree char *path = of_child_path (run, i);
  gsize got_len;
  g_autofree char *got = tu_read_file (path, &got_len);

  g_assert_cmpmem (got, got_len, expected, len);
}

/* The message ---------------------------------------------------------------- */

static void
test_korean_message (void)
{
  g_autoptr(GBytes) tnef = korean_message ();
  g_autoptr(OfRun) run = of_extract_bytes (tnef, TNEF, "winmail.dat");
  g_autoptr(OfRun) inner = NULL;
  g_autofree char *recipients = NULL;
  g_autofree char *inner_path = NULL;

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (of_text_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, "변호사님, 위수탁 계약서 검토를 부탁드립니다.\n감사합니다.");
  /* The subject is the CP949 legacy attribute (there is no PR_SUBJECT). */
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "위수탁 계약 검토 요청");
  /* MAPI's sender wins over attFrom; its time (UTC) over attDateSent. */
  g_assert_cmpstr (of_meta_string (run, "author"), ==, "김민수 (파트너사) <minsu.kim@partner.example>");
  g_assert_cmpstr (of_meta_string (run, "date"), ==, "2018-04-02T01:15:00Z");
  recipients = of_meta_list (run, "recipients");
  g_assert_cmpstr (recipients, ==, "법무팀|이지은");
  {
    g_autofree char *to_list = of_meta_list (run, "to");

    g_assert_cmpstr (to_list, ==, "법무팀|이지은");
  }
  g_assert_cmpstr (of_meta_string (run, "message_id"), ==, "tnef-1@partner.example");
  g_assert_cmpstr (of_meta_string (run, "mapi_message_id"), ==, "0000000081AA5B00");
  g_assert_false (of_has_warning (run, "tnef-checksum"));
  g_assert_false (of_has_warning (run, "tnef-damaged"));

  g_assert_cmpuint (of_n_children (run), ==, 3);
  g_assert_cmpstr (of_child_string (run, 0, "name"), ==, "위수탁계약서.txt");
  g_assert_cmpstr (of_child_string (run, 0, "type"), ==, "text/plain");
  g_assert_cmpstr (of_child_string (run, 0, "kind"), ==, "attachment");
  assert_child_bytes (run, 0, contract_text, strlen (contract_text));
  g_assert_cmpstr (of_child_string (run, 1, "name"), ==, "계약 검토 의견서.pdf");
  g_assert_cmpstr (of_child_string (run, 1, "type"), ==, "application/pdf");
  assert_child_bytes (run, 1, pdf_bytes, sizeof pdf_bytes - 1);
  g_assert_cmpstr (of_child_string (run, 2, "name"), ==, "원본 메일.tnef");
  g_assert_cmpstr (of_child_string (run, 2, "kind"), ==, "message");
  g_assert_cmpstr (of_child_string (run, 2, "type"), ==, TNEF);

  /* The attached message is read in its turn. */
  inner_path = of_child_path (run, 2);
  inner = of_extract (inner_path, TNEF);
  g_assert_cmpstr (of_status (inner), ==, "ok");
  g_assert_cmpstr (of_meta_string (inner, "title"), ==, "원본 메일");
  g_assert_cmpstr (inner->text, ==, "원본 메일 본문입니다.");
}

/* The streams these tests write are checked against an independent
 * reader, Debian's tnef (1.4): it finds the same attachments with the same
 * bytes, so the writer and our reader do not merely share one reading of
 * the specification. */
static void
test_independent_decoder (void)
{
  g_autoptr(GBytes) tnef = korean_message ();
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "winmail.dat", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *pdf_path = g_build_filename (out_dir, "계약 검토 의견서.pdf", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GError) error = NULL;
  gsize len, cp949_len;
  int status;
  g_autofree char *cp949_name = tu_to_cp949 ("위수탁계약서.txt", &cp949_len);
  g_autofree char *cp949_path = NULL;
  g_autofree char *contract = NULL;
  g_autofree char *program = g_find_program_in_path ("tnef");

  if (program == NULL)
    {
      g_test_skip ("tnef (Debian package tnef) is not installed");
      return;
    }
  tu_write_file (path, g_bytes_get_data (tnef, NULL), g_bytes_get_size (tnef));
  tu_mkdir (out_dir);
  {
    const char *argv[] = { "tnef", "--overwrite", "-C", out_dir, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &listing, &errors,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* The PDF under its Unicode long name, byte for byte. */
  pdf = tu_read_file (pdf_path, &len);
  g_assert_cmpmem (pdf, len, pdf_bytes, sizeof pdf_bytes - 1);
  /* tnef keeps the legacy title's CP949 bytes as the file name. */
  cp949_path = g_build_filename (out_dir, cp949_name, NULL);
  contract = tu_read_file (cp949_path, &len);
  g_assert_cmpmem (contract, len, contract_text, strlen (contract_text));
}

/* Only the legacy attributes (an old writer): the sender from attFrom,
 * the date from attDateSent (no zone), the body from attBody; read under
 * the type a mail declares. */
static void
test_legacy_only (void)
{
  GByteArray *t = tnef_new ();
  g_autoptr(GBytes) tnef = NULL;
  g_autoptr(OfRun) run = NULL;
  gsize len;
  g_autofree char *body = tu_to_cp949 ("똠방각하 견적서를 보냅니다.\r\n", &len);

  tnef_attr_u32 (t, 1, ATT_OEM_CODEPAGE, 949, 0);
  tnef_from (t, "김민수", "SMTP:minsu.kim@partner.example");
  tnef_attr_cp949 (t, 1, ATT_SUBJECT, "견적서 송부");
  tnef_date (t, 2018, 4, 2, 10, 15, 0);
  tnef_attr (t, 1, ATT_BODY, body, len);
  tnef = tnef_finish (t);
  run = of_extract_bytes (tnef, "application/ms-tnef", "winmail.dat");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, "똠방각하 견적서를 보냅니다.\n");
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "견적서 송부");
  g_assert_cmpstr (of_meta_string (run, "author"), ==, "김민수 <minsu.kim@partner.example>");
  g_assert_cmpstr (of_meta_string (run, "date"), ==, "2018-04-02T10:15:00");
  g_assert_cmpstr (of_meta_string (run, "encoding"), ==, "CP949");
  g_assert_cmpuint (of_n_children (run), ==, 0);
}

static GBytes *
message_with_props (Props *p)
{
  GByteArray *t = tnef_new ();
  g_autoptr(GBytes) props = props_finish (p);

  tnef_attr_u32 (t, 1, ATT_OEM_CODEPAGE, 949, 0);
  tnef_attr_bytes (t, 1, ATT_MAPI_PROPS, props);
  return tnef_finish (t);
}

/* A body kept only as RTF (here uncompressed, MELA) goes through the RTF
 * reader; one kept only as HTML through the HTML one. */
static void
test_rtf_and_html_bodies (void)
{
  const char *rtf = "{\\rtf1\\ansi\\ansicpg949 \\'c6\\'f2\\'b9\\'ae RTF}";
  const char *html = "<html><head><meta charset=\"euc-kr\"><title>t</title></head>"
                     "<body><p>\xC6\xF2\xB9\xAE HTML</p></body></html>";
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autoptr(GBytes) rtf_tnef = NULL;
  g_autoptr(GBytes) html_tnef = NULL;
  g_autoptr(OfRun) rtf_run = NULL;
  g_autoptr(OfRun) html_run = NULL;
  Props *p;

  put32 (stream, strlen (rtf) + 12);
  put32 (stream, strlen (rtf));
  g_byte_array_append (stream, (const guint8 *) "MELA", 4);
  put32 (stream, 0);
  g_byte_array_append (stream, (const guint8 *) rtf, strlen (rtf));
  p = props_new ();
  prop_counted (p, 0x1009, 0x0102, stream->data, stream->len);
  rtf_tnef = message_with_props (p);
  rtf_run = of_extract_bytes (rtf_tnef, TNEF, "winmail.dat");
  g_assert_cmpstr (of_status (rtf_run), ==, "ok");
  g_assert_cmpstr (rtf_run->text, ==, "평문 RTF");

  p = props_new ();
  prop_counted (p, 0x1013, 0x0102, html, strlen (html));
  html_tnef = message_with_props (p);
  html_run = of_extract_bytes (html_tnef, TNEF, "winmail.dat");
  g_assert_cmpstr (of_status (html_run), ==, "ok");
  g_assert_nonnull (strstr (html_run->text, "평문 HTML"));
}

/* What intake calls a winmail.dat: TNEF by its signature, whatever its
 * name and whatever it carries (the Korean message holds a PDF in its
 * first KiB, which shared-mime-info alone takes for a PDF). */
static void
test_sniffed_type (void)
{
  g_autoptr(GBytes) tnef = korean_message ();
  const guint8 *head = g_bytes_get_data (tnef, NULL);
  gsize len = MIN (g_bytes_get_size (tnef), CF_MIME_HEAD_SIZE);
  const char *names[] = { "winmail.dat", "WINMAIL.DAT", "attachment.bin", "", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *warning = NULL;
      g_autofree char *type = cf_mime_guess (names[i], head, len, &warning);

      g_assert_cmpstr (type, ==, TNEF);
      g_assert_null (warning);
    }
  {
    g_autofree char *by_name = cf_mime_from_name ("winmail.dat");

    g_assert_cmpstr (by_name, ==, TNEF);
  }
}

/* A mail with a winmail.dat ---------------------------------------------------- */

static char *
base64_lines (const void *data,
              gsize       len)
{
  g_autofree char *b64 = g_base64_encode (data, len);
  GString *out = g_string_new (NULL);
  gsize n = strlen (b64);

  for (gsize i = 0; i < n; i += 76)
    {
      g_string_append_len (out, b64 + i, MIN (76, n - i));
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static CfDocument *
only_child_named (GPtrArray  *children,
                  const char *name)
{
  for (guint i = 0; i < children->len; i++)
    if (g_strcmp0 (cf_document_get_name (g_ptr_array_index (children, i)), name) == 0)
      return g_ptr_array_index (children, i);
  g_error ("no child named %s", name);
  return NULL;
}

/* Imported and read through a case: mail → winmail.dat → its
 * attachments, each read in its turn. */
static void
test_mail_family (void)
{
  g_autoptr(GBytes) tnef = korean_message ();
  g_autofree char *b64 = base64_lines (g_bytes_get_data (tnef, NULL), g_bytes_get_size (tnef));
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "계약 검토.eml", NULL);
  g_autoptr(GString) mail = g_string_new (NULL);
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(CfExtractor) extractor = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) grandchildren = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contract = NULL;
  g_autofree char *subject = g_base64_encode ((const guchar *) "위수탁 계약 검토 요청",
                                              strlen ("위수탁 계약 검토 요청"));
  CfDocument *winmail, *txt;
  gint64 id;

  g_string_append_printf (mail,
                          "From: Minsu Kim <minsu.kim@partner.example>\r\n"
                          "To: counsel@lawfirm.example\r\n"
                          "Subject: =?UTF-8?B?%s?=\r\n"
                          "Date: Mon, 2 Apr 2018 10:15:00 +0900\r\n"
                          "MIME-Version: 1.0\r\n"
                          "Content-Type: multipart/mixed; boundary=\"b\"\r\n"
                          "\r\n"
                          "--b\r\n"
                          "Content-Type: text/plain; charset=UTF-8\r\n"
                          "\r\n"
                          "첨부를 확인해 주세요.\r\n"
                          "--b\r\n"
                          "Content-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
                          "Content-Disposition: attachment; filename=\"winmail.dat\"\r\n"
                          "Content-Transfer-Encoding: base64\r\n"
                          "\r\n"
                          "%s"
                          "--b--\r\n",
                          subject, b64);
  tu_write_file (path, mail->str, mail->len);

  kase = tu_new_case (dir, "TNEF");
  items = tu_import_one (kase, path);
  id = ((TuItem *) g_ptr_array_index (items, 0))->document_id;
  extractor = cf_extractor_new (kase);
  g_assert_true (cf_extractor_run (extractor, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cf_case_count_unread (kase), ==, 0);

  children = cf_case_list_children (kase, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (children->len, ==, 1);
  winmail = g_ptr_array_index (children, 0);
  g_assert_cmpstr (cf_document_get_name (winmail), ==, "winmail.dat");
  g_assert_cmpstr (cf_document_get_mime_type (winmail), ==, TNEF);
  g_assert_cmpstr (cf_document_get_text_status (winmail), ==, "ok");
  g_assert_cmpstr (cf_document_get_title (winmail), ==, "위수탁 계약 검토 요청");
  g_assert_cmpstr (cf_document_get_author (winmail), ==, "김민수 (파트너사) <minsu.kim@partner.example>");
  g_assert_cmpstr (cf_document_get_date (winmail), ==, "2018-04-02");

  grandchildren = cf_case_list_children (kase, cf_document_get_id (winmail), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grandchildren->len, ==, 3);
  txt = only_child_named (grandchildren, "위수탁계약서.txt");
  g_assert_cmpstr (cf_document_get_source (txt), ==, "계약 검토.eml!/winmail.dat!/위수탁계약서.txt");
  g_assert_cmpuint (cf_document_get_size (txt), ==, strlen (contract_text));
  contract = cf_case_dup_document_text (kase, cf_document_get_id (txt), NULL);
  g_assert_cmpstr (contract, ==, contract_text);
  g_assert_cmpstr (cf_document_get_mime_type (only_child_named (grandchildren, "계약 검토 의견서.pdf")),
                   ==, "application/pdf");
  g_assert_cmpstr (cf_document_get_title (only_child_named (grandchildren, "원본 메일.tnef")),
                   ==, "원본 메일");
  tu_assert_fsck_clean (kase);
}

/* Hostile streams ------------------------------------------------------------ */

static void
test_not_tnef (void)
{
  static const char zip[] = "PK\x03\x04 not a TNEF stream";
  g_autoptr(OfRun) garbage = of_extract_data (zip, sizeof zip - 1, TNEF, "winmail.dat");
  g_autoptr(OfRun) empty = of_extract_data ("", 0, TNEF, "winmail.dat");
  g_autoptr(OfRun) header = of_extract_data ("\x78\x9f\x3e\x22\x01\x00", 6, TNEF, "winmail.dat");

  of_assert_unreadable (garbage);
  g_assert_nonnull (strstr (of_problem (garbage), "signature"));
  of_assert_unreadable (empty);
  of_assert_unreadable (header);
  g_assert_nonnull (strstr (of_problem (header), "no attribute"));
}

/* Cut at every length: either what came before the cut, with a warning,
 * or unreadable with a reason; never a crash. */
static void
test_truncated (void)
{
  g_autoptr(GBytes) tnef = korean_message ();
  gsize len;
  const guint8 *data = g_bytes_get_data (tnef, &len);
  guint ok = 0, failed = 0;
  g_autoptr(GHashTable) boundaries = g_hash_table_new (g_direct_hash, g_direct_equal);

  /* TNEF has no end marker: a stream cut between two attributes is a
   * whole stream as far as anyone can tell. */
  for (gsize pos = 6; pos < len; pos += 9 + (data[pos + 5] | data[pos + 6] << 8 |
                                              data[pos + 7] << 16 | (gsize) data[pos + 8] << 24) + 2)
    g_hash_table_add (boundaries, GSIZE_TO_POINTER (pos));

  for (gsize cut = 0; cut < len; cut += 1 + cut / 40)
    {
      g_autoptr(OfRun) run = of_extract_data (data, cut, TNEF, "winmail.dat");

      if (g_str_equal (of_status (run), "failed"))
        {
          g_assert_nonnull (of_problem (run));
          failed++;
        }
      else
        {
          g_assert_cmpstr (of_status (run), ==, "ok");
          g_assert_true (of_has_warning (run, "tnef-truncated") || of_has_warning (run, "tnef-damaged") ||
                         of_has_warning (run, "attachment-incomplete") ||
                         g_hash_table_contains (boundaries, GSIZE_TO_POINTER (cut)));
          ok++;
        }
    }
  g_test_message ("%u cuts read in part, %u unreadable", ok, failed);
  g_assert_cmpuint (ok, >, 0);
  g_assert_cmpuint (failed, >, 0);
}

/* Lengths and counts that lie, zero-length attributes, bad sums. */
static void
test_absurd_lengths (void)
{
  g_autoptr(GBytes) huge_tnef = NULL;
  g_autoptr(GBytes) count_tnef = NULL;
  g_autoptr(GBytes) zero_tnef = NULL;
  g_autoptr(GBytes) sum_tnef = NULL;
  g_autoptr(OfRun) huge = NULL;
  g_autoptr(OfRun) count = NULL;
  g_autoptr(OfRun) zero = NULL;
  g_autoptr(OfRun) sum = NULL;
  GByteArray *t;
  guint8 level = 1;
  static const guint32 ids[] = {
    ATT_FROM, ATT_SUBJECT, ATT_DATE_SENT, ATT_MESSAGE_ID, ATT_BODY, ATT_MAPI_PROPS, ATT_OEM_CODEPAGE,
    0x00069004, ATT_ATTACH_REND_DATA, ATT_ATTACH_TITLE, ATT_ATTACH_DATA, ATT_ATTACHMENT,
  };

  /* An attribute claiming 4 GiB. */
  t = tnef_new ();
  tnef_attr_cp949 (t, 1, ATT_SUBJECT, "길이 거짓");
  g_byte_array_append (t, &level, 1);
  put32 (t, ATT_BODY);
  put32 (t, 0xFFFFFFF0);
  g_byte_array_append (t, (const guint8 *) "short", 5);
  huge_tnef = tnef_finish (t);
  huge = of_extract_bytes (huge_tnef, TNEF, "winmail.dat");
  g_assert_cmpstr (of_status (huge), ==, "ok");
  g_assert_cmpstr (of_meta_string (huge, "title"), ==, "길이 거짓");
  g_assert_true (of_has_warning (huge, "tnef-truncated"));

  /* Property sets whose counts and lengths run past their end. */
  t = tnef_new ();
  {
    g_autoptr(GByteArray) bad = g_byte_array_new ();

    put32 (bad, 0x7FFFFFFF);                  /* properties */
    put32 (bad, 0x0037001F);                  /* PR_SUBJECT */
    put32 (bad, 0x40000000);                  /* values */
    tnef_attr (t, 1, ATT_MAPI_PROPS, bad->data, bad->len);
    g_byte_array_set_size (bad, 0);
    put32 (bad, 2);
    put32 (bad, 0x0037001F);
    put32 (bad, 1);
    put32 (bad, 0xFFFFFFFF);                  /* bytes */
    tnef_attr (t, 1, ATT_MAPI_PROPS, bad->data, bad->len);
    g_byte_array_set_size (bad, 0);
    put32 (bad, 1);
    put32 (bad, 0x0037ABCD);                  /* an unknown type */
    tnef_attr (t, 1, ATT_MAPI_PROPS, bad->data, bad->len);
  }
  tnef_attr_cp949 (t, 1, ATT_SUBJECT, "그래도 읽힘");
  count_tnef = tnef_finish (t);
  count = of_extract_bytes (count_tnef, TNEF, "winmail.dat");
  g_assert_cmpstr (of_status (count), ==, "ok");
  g_assert_cmpstr (of_meta_string (count, "title"), ==, "그래도 읽힘");
  g_assert_true (of_has_warning (count, "tnef-damaged"));

  /* Every attribute we read, empty. */
  t = tnef_new ();
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      tnef_attr (t, 1, ids[i], "", 0);
      tnef_attr (t, 2, ids[i], "", 0);
    }
  zero_tnef = tnef_finish (t);
  zero = of_extract_bytes (zero_tnef, TNEF, "winmail.dat");
  g_assert_cmpstr (of_status (zero), ==, "ok");
  g_assert_cmpstr (of_text_status (zero), ==, "none");

  /* A bad checksum is a warning; the attribute is still read. */
  t = tnef_new ();
  {
    gsize len;
    g_autofree char *subject = tu_to_cp949 ("합계 불일치", &len);

    tnef_attr_u32 (t, 1, ATT_OEM_CODEPAGE, 949, 0);
    tnef_attr_skewed (t, 1, ATT_SUBJECT, subject, len + 1, 7);
  }
  sum_tnef = tnef_finish (t);
  sum = of_extract_bytes (sum_tnef, TNEF, "winmail.dat");
  g_assert_cmpstr (of_status (sum), ==, "ok");
  g_assert_cmpstr (of_meta_string (sum, "title"), ==, "합계 불일치");
  g_assert_true (of_has_warning (sum, "tnef-checksum"));
}

/* 10,005 attachments: 10,000 are kept and the warning says 5 were not. */
static void
test_too_many_attachments (void)
{
  GByteArray *t = tnef_new ();
  g_autoptr(GBytes) tnef = NULL;
  g_autoptr(OfRun) run = NULL;
  JsonArray *warnings;
  gboolean said = FALSE;

  tnef_attr_cp949 (t, 1, ATT_SUBJECT, "많은 첨부");
  for (guint i = 0; i < 10005; i++)
    {
      g_autofree char *title = g_strdup_printf ("n%u.txt", i);
      g_autofree char *data = g_strdup_printf ("%u", i);

      tnef_rend_data (t);
      tnef_attr (t, 2, ATT_ATTACH_TITLE, title, strlen (title) + 1);
      tnef_attr (t, 2, ATT_ATTACH_DATA, data, strlen (data));
    }
  tnef = tnef_finish (t);
  run = of_extract_bytes (tnef, TNEF, "winmail.dat");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpuint (of_n_children (run), ==, 10000);
  g_assert_cmpstr (of_child_string (run, 9999, "name"), ==, "n9999.txt");
  warnings = json_object_get_array_member (run->root, "warnings");
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);

      if (g_str_equal (json_object_get_string_member (w, "code"), "children-cap"))
        {
          g_assert_nonnull (strstr (json_object_get_string_member (w, "message"), "10005"));
          g_assert_nonnull (strstr (json_object_get_string_member (w, "message"), "5 were skipped"));
          said = TRUE;
        }
    }
  g_assert_true (said);
}

/* Random byte flips, insertions and cuts of the Korean message; each run
 * must end with a result. TNEF_MUTATIONS sets how many (more under the
 * sanitizers). */
static void
test_mutations (void)
{
  g_autoptr(GBytes) tnef = korean_message ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20180402);
  const char *env = g_getenv ("TNEF_MUTATIONS");
  guint n = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 60;
  guint statuses[2] = { 0, 0 };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GByteArray) m = g_byte_array_new ();
      g_autoptr(OfRun) run = NULL;
      guint edits = g_rand_int_range (rand, 1, 9);

      g_byte_array_append (m, g_bytes_get_data (tnef, NULL), g_bytes_get_size (tnef));
      for (guint e = 0; e < edits && m->len > 0; e++)
        {
          guint at = g_rand_int_range (rand, 0, m->len);
          guint8 bytes[4];

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              m->data[at] = g_rand_int_range (rand, 0, 256);
              break;
            case 1:
              /* Lengths and counts are where parsers die: big ones. */
              for (guint k = 0; k < 4 && at + k < m->len; k++)
                m->data[at + k] = k == 3 ? 0x7F : 0xFF;
              break;
            case 2:
              for (guint k = 0; k < 4; k++)
                bytes[k] = g_rand_int_range (rand, 0, 256);
              g_array_insert_vals ((GArray *) m, at, bytes, 4);
              break;
            default:
              g_byte_array_set_size (m, at);
              break;
            }
        }
      run = of_extract_data (m->data, m->len, TNEF, "winmail.dat");
      g_assert_true (g_str_equal (of_status (run), "ok") || g_str_equal (of_status (run), "failed"));
      statuses[g_str_equal (of_status (run), "ok") ? 0 : 1]++;
    }
  g_test_message ("%u mutations: %u read (some in part), %u unreadable", n, statuses[0], statuses[1]);
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/extract/tnef/korean-message", test_korean_message);
  g_test_add_func ("/extract/tnef/independent-decoder", test_independent_decoder);
  g_test_add_func ("/extract/tnef/legacy-only", test_legacy_only);
  g_test_add_func ("/extract/tnef/rtf-and-html-bodies", test_rtf_and_html_bodies);
  g_test_add_func ("/extract/tnef/sniffed-type", test_sniffed_type);
  g_test_add_func ("/extract/tnef/mail-family", test_mail_family);
  g_test_add_func ("/extract/tnef/not-tnef", test_not_tnef);
  g_test_add_func ("/extract/tnef/truncated", test_truncated);
  g_test_add_func ("/extract/tnef/absurd-lengths", test_absurd_lengths);
  g_test_add_func ("/extract/tnef/too-many-attachments", test_too_many_attachments);
  g_test_add_func ("/extract/tnef/mutations", test_mutations);
  return g_test_run ();
}
