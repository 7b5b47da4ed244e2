/* test-extract-mail.c — the mail readers of casefile-extract: .eml, .mbox
 * and Outlook .msg, on messages the tests write themselves: Korean mail
 * in EUC-KR / ks_c_5601-1987 with CP949-only syllables (똠, 햏), a
 * forwarded message with a PDF whose name is RFC 2231 Korean, HTML-only
 * mail, a mailbox whose byte ranges are checked against the file, a .msg
 * built with libgsf, and hostile messages (thousands of nested parts, a
 * 1 MB header, garbage, no boundary, garbage base64). */
#include "test-util.h"
#include "test-fixtures.h"

#include <gsf/gsf.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* Running the helper ----------------------------------------------------- */

typedef struct
{
  char *dir;
  JsonParser *parser;
  JsonObject *root;
  char *text;
  double seconds;
} Run;

static void
run_free (Run *run)
{
  g_free (run->dir);
  g_clear_object (&run->parser);
  g_free (run->text);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
run_extract_env (const char  *input,
                 const char  *mime_type,
                 const char  *name,
                 char       **envp)
{
  Run *run = g_new0 (Run, 1);
  const char *helper = g_getenv ("CASEFILE_EXTRACT");
  g_autofree char *base = tu_temp_dir ();
  g_autofree char *json_path = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  gint64 start;

  g_assert_nonnull (helper);
  run->dir = g_build_filename (base, "out", NULL);
  tu_mkdir (run->dir);
  {
    const char *argv[] = { helper, "--input", input, "--type", mime_type, "--name", name,
                           "--output", run->dir, NULL };

    start = g_get_monotonic_time ();
    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                  &err, &status, &error);
    run->seconds = (g_get_monotonic_time () - start) / 1e6;
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("casefile-extract failed on %s: %s", name, err);

  json_path = g_build_filename (run->dir, "result.json", NULL);
  run->parser = json_parser_new ();
  json_parser_load_from_file (run->parser, json_path, &error);
  g_assert_no_error (error);
  run->root = json_node_get_object (json_parser_get_root (run->parser));
  text_path = g_build_filename (run->dir, "text.txt", NULL);
  if (!g_file_get_contents (text_path, &run->text, NULL, NULL))
    run->text = g_strdup ("");
  return run;
}

static Run *
run_extract (const char *input,
             const char *mime_type,
             const char *name)
{
  return run_extract_env (input, mime_type, name, NULL);
}

/* Writes data into a fresh folder as name and runs the helper on it. */
static Run *
extract_data (const void *data,
              gssize      len,
              const char *mime_type,
              const char *name)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);

  tu_write_file (path, data, len);
  return run_extract (path, mime_type, name);
}

static const char *
status_of (Run *run)
{
  return json_object_get_string_member (run->root, "status");
}

static JsonObject *
metadata (Run *run)
{
  return json_object_get_object_member (run->root, "metadata");
}

static const char *
meta_string (Run        *run,
             const char *key)
{
  JsonObject *m = metadata (run);

  return json_object_has_member (m, key) ? json_object_get_string_member (m, key) : NULL;
}

/* A metadata list joined with "|", for one assertion. */
static char *
meta_list (Run        *run,
           const char *key)
{
  JsonObject *m = metadata (run);
  JsonArray *list;
  GString *out = g_string_new (NULL);

  if (!json_object_has_member (m, key))
    return g_string_free (out, FALSE);
  list = json_object_get_array_member (m, key);
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_string_append_printf (out, "%s%s", i ? "|" : "", json_array_get_string_element (list, i));
  return g_string_free (out, FALSE);
}

static gboolean
has_warning (Run        *run,
             const char *code)
{
  JsonArray *warnings = json_object_get_array_member (run->root, "warnings");

  for (guint i = 0; i < json_array_get_length (warnings); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (warnings, i), "code"),
                     code))
      return TRUE;
  return FALSE;
}

static guint
n_children (Run *run)
{
  return json_array_get_length (json_object_get_array_member (run->root, "children"));
}

static JsonObject *
child (Run  *run,
       guint i)
{
  return json_array_get_object_element (json_object_get_array_member (run->root, "children"), i);
}

static const char *
child_string (Run        *run,
              guint       i,
              const char *key)
{
  return json_object_get_string_member (child (run, i), key);
}

static char *
child_path (Run  *run,
            guint i)
{
  return g_build_filename (run->dir, child_string (run, i, "file"), NULL);
}

static GBytes *
child_bytes (Run  *run,
             guint i)
{
  g_autofree char *path = child_path (run, i);
  gsize len;
  char *data = tu_read_file (path, &len);

  return g_bytes_new_take (data, len);
}

static void
assert_bytes (GBytes     *bytes,
              const void *expected,
              gsize       len)
{
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, len);
}

/* Building messages -------------------------------------------------------- */

/* =?charset?B?…?= of text converted from UTF-8 to charset (CP949 for the
 * Korean labels, as Korean Outlook does). */
static char *
encoded_word (const char *label,
              const char *utf8)
{
  g_autofree char *bytes = NULL;
  g_autofree char *b64 = NULL;
  gsize len;

  bytes = tu_to_cp949 (utf8, &len);
  b64 = g_base64_encode ((const guchar *) bytes, len);
  return g_strdup_printf ("=?%s?B?%s?=", label, b64);
}

/* Base64 in lines of 76, CR LF ended. */
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

static const char pdf_bytes[] =
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% \xff\xfe binary \x01\x02\x03\ntrailer << >>\n%%EOF\n";

/* .eml -------------------------------------------------------------------- */

static void
test_korean_legacy_charsets (void)
{
  g_autofree char *subject = encoded_word ("ks_c_5601-1987", "똠방각하 정산 데이터 전송");
  g_autofree char *from = encoded_word ("ks_c_5601-1987", "김철수");
  g_autofree char *to = encoded_word ("euc-kr", "박영희");
  g_autofree char *body_cp949 = NULL;
  g_autofree char *body_b64 = NULL;
  g_autoptr(GString) mail = g_string_new (NULL);
  g_autoptr(Run) run = NULL;
  g_autofree char *recipients = NULL;
  g_autofree char *references = NULL;
  gsize len;

  body_cp949 = tu_to_cp949 ("햏 안녕하세요.\r\n똠 정산 데이터를 보내 드립니다.\r\n", &len);
  body_b64 = base64_lines (body_cp949, len);
  g_string_append_printf (mail,
                          "Received: from mx.pay.example by mx.partner.example; Mon, 2 Apr 2018 01:16:00 +0000\r\n"
                          "From: %s <kim@pay.example>\r\n"
                          "To: %s <park@partner.example>, Lee <lee@partner.example>\r\n"
                          "Cc: ops@pay.example\r\n"
                          "Bcc: audit@pay.example\r\n"
                          "Subject: %s\r\n"
                          "Date: Mon, 2 Apr 2018 10:15:00 +0900\r\n"
                          "Message-ID: <20180402101500.1234@pay.example>\r\n"
                          "In-Reply-To: <parent-1@partner.example>\r\n"
                          "References: <root-0@partner.example>\r\n <parent-1@partner.example>\r\n"
                          "MIME-Version: 1.0\r\n"
                          "Content-Type: text/plain; charset=\"ks_c_5601-1987\"\r\n"
                          "Content-Transfer-Encoding: base64\r\n"
                          "\r\n%s",
                          from, to, subject, body_b64);
  run = extract_data (mail->str, mail->len, "message/rfc822", "정산.eml");

  g_assert_cmpstr (status_of (run), ==, "ok");
  g_assert_cmpstr (meta_string (run, "title"), ==, "똠방각하 정산 데이터 전송");
  g_assert_cmpstr (meta_string (run, "subject"), ==, "똠방각하 정산 데이터 전송");
  g_assert_cmpstr (meta_string (run, "author"), ==, "김철수 <kim@pay.example>");
  recipients = meta_list (run, "recipients");
  g_assert_cmpstr (recipients, ==, "박영희 <park@partner.example>|Lee <lee@partner.example>|"
                                   "ops@pay.example|audit@pay.example");
  /* And each list on its own: who was addressed, who was copied. */
  {
    g_autofree char *to_list = meta_list (run, "to");
    g_autofree char *cc_list = meta_list (run, "cc");
    g_autofree char *bcc_list = meta_list (run, "bcc");

    g_assert_cmpstr (to_list, ==, "박영희 <park@partner.example>|Lee <lee@partner.example>");
    g_assert_cmpstr (cc_list, ==, "ops@pay.example");
    g_assert_cmpstr (bcc_list, ==, "audit@pay.example");
  }
  g_assert_cmpstr (meta_string (run, "date"), ==, "2018-04-02T10:15:00+09:00");
  g_assert_cmpstr (meta_string (run, "message_id"), ==, "20180402101500.1234@pay.example");
  g_assert_cmpstr (meta_string (run, "in_reply_to"), ==, "parent-1@partner.example");
  references = meta_list (run, "references");
  g_assert_cmpstr (references, ==, "root-0@partner.example|parent-1@partner.example");
  g_assert_cmpstr (meta_string (run, "encoding"), ==, "CP949");
  g_assert_cmpstr (run->text, ==, "햏 안녕하세요.\n똠 정산 데이터를 보내 드립니다.\n");
  g_assert_true (has_warning (run, "charset-corrected"));
  g_assert_cmpstr (json_object_get_string_member (run->root, "text_status"), ==, "ok");
  g_assert_cmpuint (n_children (run), ==, 0);
}

static void
test_unencoded_8bit_headers (void)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GString) mail = g_string_new (NULL);
  g_autoptr(Run) run = NULL;
  gsize len;

  /* Old Korean mailers wrote raw CP949 into headers and declared nothing. */
  subject = tu_to_cp949 ("햏 견적서 송부", &len);
  body = tu_to_cp949 ("똠 견적서입니다.\n", &len);
  g_string_append_printf (mail, "From: sales@vendor.example\nSubject: %s\nDate: 2 Apr 2018 09:00 GMT\n\n%s",
                          subject, body);
  run = extract_data (mail->str, mail->len, "message/rfc822", "견적.eml");

  g_assert_cmpstr (status_of (run), ==, "ok");
  g_assert_cmpstr (meta_string (run, "title"), ==, "햏 견적서 송부");
  g_assert_cmpstr (meta_string (run, "date"), ==, "2018-04-02T09:00:00Z");
  g_assert_cmpstr (meta_string (run, "encoding"), ==, "CP949");
  g_assert_cmpstr (run->text, ==, "똠 견적서입니다.\n");
}

static void
test_forward_and_pdf (void)
{
  g_autofree char *pdf_b64 = base64_lines (pdf_bytes, sizeof pdf_bytes - 1);
  g_autofree char *escaped = g_uri_escape_string ("위수탁 계약서(최종).pdf", NULL, FALSE);
  g_autoptr(GString) mail = g_string_new (NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) forwarded = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) inner = NULL;
  g_autofree char *inner_path = NULL;
  const char *inner_text;

  g_string_append_printf (mail,
                          "From: Kim <kim@pay.example>\r\n"
                          "To: counsel@lawfirm.example\r\n"
                          "Subject: FW: 위수탁 계약서\r\n"
                          "Date: Tue, 3 Apr 2018 14:00:00 +0900\r\n"
                          "MIME-Version: 1.0\r\n"
                          "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
                          "\r\n"
                          "This is a multi-part message in MIME format.\r\n"
                          "--outer\r\n"
                          "Content-Type: text/plain; charset=UTF-8\r\n"
                          "Content-Transfer-Encoding: 8bit\r\n"
                          "\r\n"
                          "변호사님, 파트너사 메일과 계약서를 전달합니다.\r\n"
                          "--outer\r\n"
                          "Content-Type: message/rfc822\r\n"
                          "Content-Disposition: attachment\r\n"
                          "\r\n"
                          "From: Partner <ops@partner.example>\r\n"
                          "To: kim@pay.example\r\n"
                          "Subject: =?UTF-8?B?7KCV7IKwIOuNsOydtO2EsA==?=\r\n"
                          "Date: Mon, 2 Apr 2018 09:00:00 +0000\r\n"
                          "Content-Type: text/plain; charset=UTF-8\r\n"
                          "\r\n"
                          "The fraud scoring runs under your instructions only.\r\n"
                          "--outer\r\n"
                          "Content-Type: application/pdf\r\n"
                          "Content-Disposition: attachment;\r\n"
                          " filename*=UTF-8''%s\r\n"
                          "Content-Transfer-Encoding: base64\r\n"
                          "\r\n"
                          "%s"
                          "--outer--\r\n",
                          escaped, pdf_b64);
  run = extract_data (mail->str, mail->len, "message/rfc822", "fw.eml");

  g_assert_cmpstr (status_of (run), ==, "ok");
  /* The line end before a boundary belongs to the boundary (RFC 2046). */
  g_assert_cmpstr (run->text, ==, "변호사님, 파트너사 메일과 계약서를 전달합니다.");
  g_assert_cmpstr (meta_string (run, "date"), ==, "2018-04-03T14:00:00+09:00");
  g_assert_cmpuint (n_children (run), ==, 2);

  g_assert_cmpstr (child_string (run, 0, "kind"), ==, "message");
  g_assert_cmpstr (child_string (run, 0, "type"), ==, "message/rfc822");
  g_assert_cmpstr (child_string (run, 0, "name"), ==, "정산 데이터.eml");
  forwarded = child_bytes (run, 0);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (forwarded, NULL), g_bytes_get_size (forwarded),
                                  "From: Partner <ops@partner.example>\r\n"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (forwarded, NULL), g_bytes_get_size (forwarded),
                                  "\r\n\r\nThe fraud scoring runs under your instructions only."));

  g_assert_cmpstr (child_string (run, 1, "kind"), ==, "attachment");
  g_assert_cmpstr (child_string (run, 1, "type"), ==, "application/pdf");
  g_assert_cmpstr (child_string (run, 1, "name"), ==, "위수탁 계약서(최종).pdf");
  pdf = child_bytes (run, 1);
  assert_bytes (pdf, pdf_bytes, sizeof pdf_bytes - 1);

  /* The forwarded message is a mail of its own. */
  inner_path = child_path (run, 0);
  inner = run_extract (inner_path, "message/rfc822", "정산 데이터.eml");
  g_assert_cmpstr (status_of (inner), ==, "ok");
  g_assert_cmpstr (meta_string (inner, "title"), ==, "정산 데이터");
  g_assert_cmpstr (meta_string (inner, "author"), ==, "Partner <ops@partner.example>");
  g_assert_cmpstr (meta_string (inner, "date"), ==, "2018-04-02T09:00:00Z");
  inner_text = inner->text;
  g_assert_cmpstr (inner_text, ==, "The fraud scoring runs under your instructions only.");
}

static void
test_attachment_names (void)
{
  g_autofree char *ks_name = encoded_word ("ks_c_5601-1987", "똠 견적서.xlsx");
  g_autofree char *cp949_name = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GString) mail = g_string_new (NULL);
  g_autoptr(Run) run = NULL;
  g_autoptr(GBytes) tnef = NULL;
  gsize len;

  /* RFC 2231 in the legacy Korean charset, split in two continuations. */
  cp949_name = tu_to_cp949 ("햏 회의록.txt", &len);
  {
    GString *e = g_string_new (NULL);

    /* Every byte escaped (햏 is C1 64 in CP949: its second byte is 'd'),
     * so that the split below falls between two escapes. */
    for (gsize i = 0; i < len; i++)
      g_string_append_printf (e, "%%%02X", (guint8) cp949_name[i]);
    escaped = g_string_free (e, FALSE);
  }
  g_string_append_printf (mail,
                          "From: a@pay.example\r\nSubject: names\r\nMIME-Version: 1.0\r\n"
                          "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                          "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                          "--b\r\nContent-Type: application/octet-stream; name=\"%s\"\r\n"
                          "Content-Transfer-Encoding: base64\r\n\r\nUEsDBA==\r\n"
                          "--b\r\nContent-Type: text/plain\r\n"
                          "Content-Disposition: attachment; filename*0*=euc-kr''%.12s;\r\n filename*1*=%s\r\n\r\n"
                          "minutes\r\n"
                          "--b\r\nContent-Type: text/plain\r\n"
                          "Content-Disposition: attachment; filename=\"same.txt\"\r\n\r\none\r\n"
                          "--b\r\nContent-Type: text/plain\r\n"
                          "Content-Disposition: attachment; filename=\"same.txt\"\r\n\r\ntwo\r\n"
                          "--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                          "iVBORw0KGgo=\r\n"
                          "--b\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
                          "Content-Transfer-Encoding: base64\r\n\r\neJ8+IgAA\r\n"
                          "--b--\r\n",
                          ks_name, escaped, escaped + 12);
  run = extract_data (mail->str, mail->len, "message/rfc822", "names.eml");

  g_assert_cmpstr (status_of (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, "see attached");
  g_assert_cmpuint (n_children (run), ==, 6);
  g_assert_cmpstr (child_string (run, 0, "name"), ==, "똠 견적서.xlsx");
  /* application/octet-stream says nothing; the name does. */
  g_assert_cmpstr (child_string (run, 0, "type"), ==,
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  g_assert_cmpstr (child_string (run, 1, "name"), ==, "햏 회의록.txt");
  g_assert_cmpstr (child_string (run, 1, "type"), ==, "text/plain");
  /* Repeated names stay as they are: both are evidence. */
  g_assert_cmpstr (child_string (run, 2, "name"), ==, "same.txt");
  g_assert_cmpstr (child_string (run, 3, "name"), ==, "same.txt");
  /* A nameless part gets a name from its place and type, and a warning. */
  g_assert_cmpstr (child_string (run, 4, "name"), ==, "attachment-5.png");
  g_assert_cmpstr (child_string (run, 4, "type"), ==, "image/png");
  g_assert_true (has_warning (run, "attachment-nameless"));
  /* TNEF is kept whole and said to be so. */
  g_assert_cmpstr (child_string (run, 5, "name"), ==, "winmail.dat");
  g_assert_cmpstr (child_string (run, 5, "type"), ==, "application/ms-tnef");
  g_assert_true (has_warning (run, "tnef"));
  tnef = child_bytes (run, 5);
  assert_bytes (tnef, "\x78\x9f\x3e\x22\x00\x00", 6);
}

static void
test_html_only (void)
{
  g_autofree char *html_cp949 = NULL;
  g_autofree char *qp = NULL;
  g_autoptr(GString) mail = g_string_new (NULL);
  g_autoptr(Run) run = NULL;
  GString *encoded = g_string_new (NULL);
  gsize len;

  html_cp949 = tu_to_cp949 ("<html><head><title>공지</title><style>p { color: red }</style>"
                            "<script>alert('x')</script></head><body>"
                            "<p>개인정보 처리 위탁 공지</p><div>수탁자: 똠페이&nbsp;Inc.</div>"
                            "<table><tr><td>항목</td><td>내용</td></tr></table></body></html>", &len);
  /* Quoted-printable, every 8-bit byte escaped. */
  for (gsize i = 0; i < len; i++)
    {
      guchar c = html_cp949[i];

      if (c >= 128 || c == '=')
        g_string_append_printf (encoded, "=%02X", c);
      else
        g_string_append_c (encoded, c);
      if (encoded->len % 70 > 66)
        g_string_append (encoded, "=\r\n");
    }
  qp = g_string_free (encoded, FALSE);
  g_string_append_printf (mail,
                          "From: notice@pay.example\r\nSubject: notice\r\nMIME-Version: 1.0\r\n"
                          "Content-Type: text/html; charset=euc-kr\r\n"
                          "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n", qp);
  run = extract_data (mail->str, mail->len, "message/rfc822", "notice.eml");

  g_assert_cmpstr (status_of (run), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (run->root, "text_status"), ==, "ok");
  g_assert_nonnull (strstr (run->text, "개인정보 처리 위탁 공지\n"));
  g_assert_nonnull (strstr (run->text, "수탁자: 똠페이"));
  g_assert_nonnull (strstr (run->text, "항목"));
  g_assert_null (strstr (run->text, "alert"));
  g_assert_null (strstr (run->text, "color"));
  g_assert_null (strstr (run->text, "<p>"));
  g_assert_cmpstr (meta_string (run, "encoding"), ==, "CP949");
}

static void
test_alternative_prefers_plain (void)
{
  const char *mail =
    "From: a@pay.example\nSubject: alt\nMIME-Version: 1.0\n"
    "Content-Type: multipart/alternative; boundary=alt\n\n"
    "--alt\nContent-Type: text/plain; charset=utf-8\n\nplain version\n"
    "--alt\nContent-Type: multipart/related; boundary=rel\n\n"
    "--rel\nContent-Type: text/html; charset=utf-8\n\n<p>html version</p><img src=\"cid:logo\">\n"
    "--rel\nContent-Type: image/gif\nContent-ID: <logo>\nContent-Disposition: inline; filename=logo.gif\n"
    "Content-Transfer-Encoding: base64\n\nR0lGODlhAQABAAAAACw=\n"
    "--rel--\n"
    "--alt--\n";
  g_autoptr(Run) run = extract_data (mail, -1, "message/rfc822", "alt.eml");

  g_assert_cmpstr (status_of (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, "plain version");
  /* The HTML version's inline image is still part of the family. */
  g_assert_cmpuint (n_children (run), ==, 1);
  g_assert_cmpstr (child_string (run, 0, "name"), ==, "logo.gif");
}

static void
test_encrypted (void)
{
  const char *mail =
    "From: kim@pay.example\r\nTo: counsel@lawfirm.example\r\nSubject: secret\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n"
    "Content-Disposition: attachment; filename=smime.p7m\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\n"
    "MIAGCSqGSIb3DQEHA6CAMIACAQAxggE=\r\n";
  g_autoptr(Run) run = extract_data (mail, -1, "message/rfc822", "secret.eml");

  /* Recorded as encrypted, like a PDF with a password; the envelope is
   * kept. */
  g_assert_cmpstr (status_of (run), ==, "partial");
  g_assert_cmpstr (json_object_get_string_member (run->root, "text_status"), ==, "encrypted");
  g_assert_nonnull (strstr (json_object_get_string_member (run->root, "problem"), "encrypted"));
  g_assert_cmpstr (meta_string (run, "title"), ==, "secret");
  g_assert_cmpuint (n_children (run), ==, 1);
  g_assert_cmpstr (child_string (run, 0, "name"), ==, "smime.p7m");
}

/* .mbox ------------------------------------------------------------------- */

static void
test_mbox_ranges (void)
{
  const char *messages[] = {
    "From: Kim <kim@pay.example>\nTo: ops@partner.example\nSubject: =?UTF-8?B?7KCV7IKwIOuNsOydtO2EsCDsoITshqE=?=\n"
    "Date: Mon, 2 Apr 2018 10:15:00 +0900\n\n정산 데이터를 보냅니다.\n\n감사합니다.\n",
    "From: ops@partner.example\nTo: kim@pay.example\nSubject: Re: data\nDate: Mon, 2 Apr 2018 11:00:00 +0000\n"
    "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\n"
    "received\n>From the partner's side all is fine.\n--x--\n",
    "From: audit@pay.example\nSubject: no date here\n\nlast one\n",
  };
  const char *from_lines[] = {
    "From kim@pay.example Mon Apr  2 01:15:00 2018\n",
    "From ops@partner.example Mon Apr  2 11:00:00 2018\n",
    "From audit@pay.example Tue Apr  3 08:00:00 2018\n",
  };
  g_autoptr(GString) mbox = g_string_new (NULL);
  g_autoptr(Run) run = NULL;
  gsize offsets[3];

  for (guint i = 0; i < 3; i++)
    {
      g_string_append (mbox, from_lines[i]);
      offsets[i] = mbox->len;
      g_string_append (mbox, messages[i]);
      g_string_append (mbox, "\n");
    }
  run = extract_data (mbox->str, mbox->len, "application/mbox", "inbox.mbox");

  g_assert_cmpstr (status_of (run), ==, "ok");
  g_assert_cmpint (json_object_get_int_member (metadata (run), "messages"), ==, 3);
  g_assert_cmpuint (n_children (run), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) bytes = child_bytes (run, i);
      JsonObject *c = child (run, i);

      g_assert_cmpstr (child_string (run, i, "kind"), ==, "message");
      g_assert_cmpstr (child_string (run, i, "type"), ==, "message/rfc822");
      g_assert_cmpint (json_object_get_int_member (c, "offset"), ==, offsets[i]);
      g_assert_cmpint (json_object_get_int_member (c, "length"), ==, strlen (messages[i]));
      /* The range is the message, byte for byte, where the mailbox has it. */
      assert_bytes (bytes, mbox->str + offsets[i], strlen (messages[i]));
      assert_bytes (bytes, messages[i], strlen (messages[i]));
    }
  g_assert_cmpstr (child_string (run, 0, "name"), ==, "0001 정산 데이터 전송.eml");
  g_assert_cmpstr (child_string (run, 1, "name"), ==, "0002 Re: data.eml");
  g_assert_cmpstr (child_string (run, 2, "name"), ==, "0003 no date here.eml");
  g_assert_cmpstr (run->text, ==,
                   "0001  2018-04-02 10:15  Kim <kim@pay.example>  정산 데이터 전송\n"
                   "0002  2018-04-02 11:00  ops@partner.example  Re: data\n"
                   "0003  -  audit@pay.example  no date here\n");
}

static void
test_mbox_not_a_mailbox (void)
{
  g_autoptr(Run) run = extract_data ("just some text\nwith no From line\n", -1, "application/mbox",
                                     "notes.mbox");

  g_assert_cmpstr (status_of (run), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (run->root, "problem"), "not a mailbox"));
}

/* .msg -------------------------------------------------------------------- */

static void
ole_stream (GsfOutfile *dir,
            const char *name,
            const void *data,
            gsize       len)
{
  GsfOutput *out = gsf_outfile_new_child (dir, name, FALSE);

  g_assert_nonnull (out);
  g_assert_true (gsf_output_write (out, len, data));
  g_assert_true (gsf_output_close (out));
  g_object_unref (out);
}

static void
ole_unicode (GsfOutfile *dir,
             guint16     id,
             const char *utf8)
{
  g_autofree char *name = g_strdup_printf ("__substg1.0_%04X001F", id);
  g_autofree char *utf16 = NULL;
  gsize len;

  utf16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
  g_assert_nonnull (utf16);
  ole_stream (dir, name, utf16, len);
}

typedef struct
{
  guint32 tag;
  guint64 value;
} TuProp;

/* A property stream: header_len bytes of header (32 for a message, 24 for
 * an attached message, 8 for recipients and attachments), then 16-byte
 * entries. */
static void
ole_props (GsfOutfile   *dir,
           gsize         header_len,
           const TuProp *props,
           guint         n)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 zero[32] = { 0 };

  g_byte_array_append (data, zero, header_len);
  for (guint i = 0; i < n; i++)
    {
      guint8 entry[16] = { 0 };

      GSF_LE_SET_GUINT32 (entry, props[i].tag);
      GSF_LE_SET_GUINT32 (entry + 4, 6);
      GSF_LE_SET_GUINT64 (entry + 8, props[i].value);
      g_byte_array_append (data, entry, sizeof entry);
    }
  ole_stream (dir, "__properties_version1.0", data->data, data->len);
}

static GsfOutfile *
ole_dir (GsfOutfile *parent,
         const char *name)
{
  GsfOutput *dir = gsf_outfile_new_child (parent, name, TRUE);

  g_assert_nonnull (dir);
  return GSF_OUTFILE (dir);
}

static void
ole_close (GsfOutfile *dir)
{
  g_assert_true (gsf_output_close (GSF_OUTPUT (dir)));
  g_object_unref (dir);
}

/* 100 ns ticks since 1601. */
static guint64
filetime (gint64 unix_seconds)
{
  return (guint64) (unix_seconds + G_GINT64_CONSTANT (11644473600)) * 10000000;
}

static void
write_msg (const char *path)
{
  g_autoptr(GError) error = NULL;
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *root, *dir, *inner;
  g_autofree char *inner_body = NULL;
  gsize len;
  const TuProp message_props[] = {
    { 0x00390040, filetime (1522631700) },   /* PR_CLIENT_SUBMIT_TIME 2018-04-02 01:15 UTC */
    { 0x0E060040, filetime (1522631760) },   /* PR_MESSAGE_DELIVERY_TIME */
    { 0x3FFD0003, 949 },                     /* PR_MESSAGE_CODEPAGE */
  };
  const TuProp to_props[] = { { 0x0C150003, 1 } };
  const TuProp cc_props[] = { { 0x0C150003, 2 } };
  const TuProp attach_props[] = { { 0x37050003, 1 } };
  const TuProp embedded_props[] = { { 0x37050003, 5 } };
  const TuProp inner_props[] = { { 0x3FFD0003, 949 } };

  g_assert_no_error (error);
  root = gsf_outfile_msole_new (sink);
  ole_unicode (root, 0x0037, "위수탁 계약 검토 요청 똠");
  ole_unicode (root, 0x0C1A, "김철수");
  ole_unicode (root, 0x0C1F, "/O=PAYCO/OU=EXCHANGE/CN=RECIPIENTS/CN=KIM");
  ole_unicode (root, 0x5D01, "kim@pay.example");
  ole_unicode (root, 0x0E04, "이영희");
  ole_unicode (root, 0x0E03, "박민수");
  ole_unicode (root, 0x1000, "햏 변호사님,\r\n위수탁 계약서를 첨부합니다.\r\n");
  ole_unicode (root, 0x1035, "<msg-0001@pay.example>");
  ole_props (root, 32, message_props, G_N_ELEMENTS (message_props));

  dir = ole_dir (root, "__recip_version1.0_#00000000");
  ole_unicode (dir, 0x3001, "이영희");
  ole_unicode (dir, 0x39FE, "lee@partner.example");
  ole_props (dir, 8, to_props, 1);
  ole_close (dir);
  dir = ole_dir (root, "__recip_version1.0_#00000001");
  ole_unicode (dir, 0x3001, "박민수");
  ole_unicode (dir, 0x3003, "park@pay.example");
  ole_props (dir, 8, cc_props, 1);
  ole_close (dir);

  dir = ole_dir (root, "__attach_version1.0_#00000000");
  ole_unicode (dir, 0x3707, "위수탁계약서.pdf");
  ole_unicode (dir, 0x3704, "WISUTA~1.PDF");
  ole_unicode (dir, 0x370E, "application/pdf");
  ole_stream (dir, "__substg1.0_37010102", pdf_bytes, sizeof pdf_bytes - 1);
  ole_props (dir, 8, attach_props, 1);
  ole_close (dir);

  /* An attached Outlook message: 8-bit strings in code page 949, and the
   * transport headers its server added. */
  dir = ole_dir (root, "__attach_version1.0_#00000001");
  ole_unicode (dir, 0x3001, "원본: 정산 데이터");
  ole_props (dir, 8, embedded_props, 1);
  inner = ole_dir (dir, "__substg1.0_3701000D");
  inner_body = tu_to_cp949 ("똠 원본 메일 본문입니다.", &len);
  ole_stream (inner, "__substg1.0_1000001E", inner_body, len);
  {
    g_autofree char *subject = tu_to_cp949 ("원본: 정산 데이터", &len);

    ole_stream (inner, "__substg1.0_0037001E", subject, len);
  }
  /* Only Exchange's X.500 name in MAPI: the address comes from the
   * transport headers. */
  ole_stream (inner, "__substg1.0_0C1A001E", "Partner Ops", 11);
  ole_stream (inner, "__substg1.0_0C1F001E", "/O=PARTNER/OU=EXCHANGE/CN=OPS", 29);
  ole_unicode (inner, 0x007D,
               "Received: from mx.partner.example\r\n"
               "Message-ID: <orig-77@partner.example>\r\n"
               "Date: Sun, 1 Apr 2018 18:30:00 +0900\r\n"
               "From: =?UTF-8?B?7YyM7Yq464SI?= <ops@partner.example>\r\n");
  ole_props (inner, 24, inner_props, 1);
  ole_close (inner);
  ole_close (dir);

  ole_stream (root, "__nameid_version1.0", "", 0);
  /* Closing the OLE writer closes its sink. */
  ole_close (root);
  g_object_unref (sink);
}

static void
test_outlook_msg (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "검토 요청.msg", NULL);
  g_autofree char *recipients = NULL;
  g_autofree char *inner_path = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) inner = NULL;
  g_autoptr(GBytes) pdf = NULL;

  write_msg (path);
  run = run_extract (path, "application/vnd.ms-outlook", "검토 요청.msg");

  g_assert_cmpstr (status_of (run), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (run->root, "extractor"), ==, "msg");
  g_assert_cmpstr (meta_string (run, "title"), ==, "위수탁 계약 검토 요청 똠");
  g_assert_cmpstr (meta_string (run, "subject"), ==, "위수탁 계약 검토 요청 똠");
  /* The SMTP address, not the Exchange X.500 one. */
  g_assert_cmpstr (meta_string (run, "author"), ==, "김철수 <kim@pay.example>");
  recipients = meta_list (run, "recipients");
  g_assert_cmpstr (recipients, ==, "이영희 <lee@partner.example>|박민수 <park@pay.example>");
  /* PR_RECIPIENT_TYPE sorts them into To and Cc. */
  {
    g_autofree char *to_list = meta_list (run, "to");
    g_autofree char *cc_list = meta_list (run, "cc");

    g_assert_cmpstr (to_list, ==, "이영희 <lee@partner.example>");
    g_assert_cmpstr (cc_list, ==, "박민수 <park@pay.example>");
  }
  g_assert_cmpstr (meta_string (run, "date"), ==, "2018-04-02T01:15:00Z");
  g_assert_cmpstr (meta_string (run, "message_id"), ==, "msg-0001@pay.example");
  g_assert_cmpstr (meta_string (run, "encoding"), ==, "UTF-16LE");
  g_assert_cmpstr (run->text, ==, "햏 변호사님,\n위수탁 계약서를 첨부합니다.\n");

  g_assert_cmpuint (n_children (run), ==, 2);
  g_assert_cmpstr (child_string (run, 0, "name"), ==, "위수탁계약서.pdf");
  g_assert_cmpstr (child_string (run, 0, "type"), ==, "application/pdf");
  g_assert_cmpstr (child_string (run, 0, "kind"), ==, "attachment");
  pdf = child_bytes (run, 0);
  assert_bytes (pdf, pdf_bytes, sizeof pdf_bytes - 1);

  /* The attached message is written out as a .msg of its own… */
  g_assert_cmpstr (child_string (run, 1, "name"), ==, "원본: 정산 데이터.msg");
  g_assert_cmpstr (child_string (run, 1, "type"), ==, "application/vnd.ms-outlook");
  g_assert_cmpstr (child_string (run, 1, "kind"), ==, "message");

  /* …that reads like any other. */
  inner_path = child_path (run, 1);
  inner = run_extract (inner_path, "application/vnd.ms-outlook", "원본.msg");
  g_assert_cmpstr (status_of (inner), ==, "ok");
  g_assert_cmpstr (meta_string (inner, "title"), ==, "원본: 정산 데이터");
  g_assert_cmpstr (meta_string (inner, "author"), ==, "Partner Ops <ops@partner.example>");
  g_assert_cmpstr (meta_string (inner, "subject"), ==, "원본: 정산 데이터");
  g_assert_cmpstr (meta_string (inner, "date"), ==, "2018-04-01T18:30:00+09:00");
  g_assert_cmpstr (meta_string (inner, "message_id"), ==, "orig-77@partner.example");
  g_assert_cmpstr (meta_string (inner, "encoding"), ==, "CP949");
  g_assert_cmpstr (inner->text, ==, "똠 원본 메일 본문입니다.");
}

/* Hostile input -------------------------------------------------------------- */

static void
test_nested_multiparts (void)
{
  g_autoptr(GString) mail = g_string_new ("From: a@b.example\r\nSubject: nest\r\nMIME-Version: 1.0\r\n"
                                          "Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
  g_autoptr(Run) run = NULL;
  const guint depth = 5000;

  for (guint i = 1; i <= depth; i++)
    g_string_append_printf (mail, "--b%u\r\nContent-Type: multipart/mixed; boundary=\"b%u\"\r\n\r\n",
                            i - 1, i);
  g_string_append_printf (mail, "--b%u\r\nContent-Type: text/plain\r\n\r\ndeep\r\n", depth);
  for (guint i = depth + 1; i-- > 0;)
    g_string_append_printf (mail, "--b%u--\r\n", i);
  run = extract_data (mail->str, mail->len, "message/rfc822", "nest.eml");

  g_assert_cmpstr (status_of (run), ==, "ok");
  g_assert_cmpstr (meta_string (run, "title"), ==, "nest");
  g_assert_true (has_warning (run, "mail-nesting"));
  g_assert_cmpfloat (run->seconds, <, 10.0);
}

static void
test_huge_header (void)
{
  g_autoptr(GString) mail = g_string_new ("From: a@b.example\r\nSubject: ");
  g_autoptr(Run) run = NULL;
  const char *title;

  for (guint i = 0; i < 1024 * 1024 / 8; i++)
    g_string_append (mail, "=?x?Q?a");
  g_string_append (mail, "\r\nX-Junk: ");
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (mail, 'a' + i % 26);
  g_string_append (mail, "\r\n\r\nthe body survives\r\n");
  run = extract_data (mail->str, mail->len, "message/rfc822", "huge.eml");

  g_assert_cmpstr (status_of (run), ==, "ok");
  g_assert_true (has_warning (run, "header-cut"));
  title = meta_string (run, "title");
  g_assert_nonnull (title);
  g_assert_cmpuint (strlen (title), <=, 64 * 1024);
  g_assert_cmpstr (run->text, ==, "the body survives\n");
  g_assert_cmpfloat (run->seconds, <, 10.0);
}

static void
test_garbage_eml (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autofree guint8 *junk = g_malloc (64 * 1024);
  g_autoptr(Run) run = NULL;

  for (guint i = 0; i < 64 * 1024; i++)
    junk[i] = g_rand_int_range (rand, 0, 256);
  junk[0] = 0x89;
  run = extract_data (junk, 64 * 1024, "message/rfc822", "garbage.eml");

  g_assert_cmpstr (status_of (run), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (run->root, "problem"), "not a mail message"));
  g_assert_cmpuint (n_children (run), ==, 0);
}

static void
test_multipart_without_boundary (void)
{
  const char *mail =
    "From: a@b.example\nSubject: no boundary\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\n"
    "--lost\nContent-Type: text/plain\n\nthe text is still here\n--lost--\n";
  g_autoptr(Run) run = extract_data (mail, -1, "message/rfc822", "nob.eml");

  g_assert_cmpstr (status_of (run), ==, "ok");
  g_assert_true (has_warning (run, "mail-no-boundary"));
  g_assert_nonnull (strstr (run->text, "the text is still here"));
}

static void
test_garbage_base64 (void)
{
  const char *mail =
    "From: a@b.example\nSubject: b64\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=q\n\n"
    "--q\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
    "7JWI64WV\xff\xfe!!\n\n"
    "--q\nContent-Type: application/pdf; name=\"broken.pdf\"\nContent-Transfer-Encoding: base64\n\n"
    "QUJD!!!REVG\x01\x02@@\nR0hJ\n***\n"
    "--q--\n";
  g_autoptr(Run) run = extract_data (mail, -1, "message/rfc822", "b64.eml");
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpstr (status_of (run), ==, "ok");
  g_assert_true (has_warning (run, "base64-garbage"));
  g_assert_cmpstr (run->text, ==, "안녕");
  g_assert_cmpuint (n_children (run), ==, 1);
  g_assert_cmpstr (child_string (run, 0, "name"), ==, "broken.pdf");
  bytes = child_bytes (run, 0);
  assert_bytes (bytes, "ABCDEFGHI", 9);
}

static void
test_too_many_attachments (void)
{
  g_autoptr(GString) mail = g_string_new ("From: a@b.example\nSubject: many\nMIME-Version: 1.0\n"
                                          "Content-Type: multipart/mixed; boundary=m\n\n"
                                          "--m\nContent-Type: text/plain\n\nthe body\n");
  g_autoptr(Run) run = NULL;

  for (guint i = 0; i < 10001; i++)
    g_string_append_printf (mail, "--m\nContent-Type: text/plain; name=\"n%u.txt\"\n\n%u\n", i, i);
  g_string_append (mail, "--m--\n");
  run = extract_data (mail->str, mail->len, "message/rfc822", "many.eml");

  g_assert_cmpstr (status_of (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, "the body");
  g_assert_cmpuint (n_children (run), ==, 10000);
  g_assert_cmpstr (child_string (run, 9999, "name"), ==, "n9999.txt");
  g_assert_true (has_warning (run, "children-cap"));
}

static void
test_garbage_msg (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree guint8 *junk = g_malloc (16 * 1024);
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) ole_run = NULL;
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *ole_path = g_build_filename (dir, "not-a-message.msg", NULL);
  g_autoptr(GError) error = NULL;
  GsfOutput *sink;
  GsfOutfile *ole;

  for (guint i = 0; i < 16 * 1024; i++)
    junk[i] = g_rand_int_range (rand, 0, 256);
  run = extract_data (junk, 16 * 1024, "application/vnd.ms-outlook", "garbage.msg");
  g_assert_cmpstr (status_of (run), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (run->root, "problem"), "not an OLE file"));

  /* An OLE file, but not a message (a Word 97 document, say). */
  sink = gsf_output_stdio_new (ole_path, &error);
  g_assert_no_error (error);
  ole = gsf_outfile_msole_new (sink);
  ole_stream (ole, "WordDocument", junk, 4096);
  ole_close (ole);
  g_object_unref (sink);
  ole_run = run_extract (ole_path, "application/vnd.ms-outlook", "not-a-message.msg");
  g_assert_cmpstr (status_of (ole_run), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (ole_run->root, "problem"),
                            "not an Outlook message"));
}

static void
test_truncated_msg (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "full.msg", NULL);
  g_autofree char *cut_path = g_build_filename (dir, "cut.msg", NULL);
  g_autofree char *data = NULL;
  g_autoptr(Run) run = NULL;
  g_auto(GStrv) env = NULL;
  gsize len;

  write_msg (path);
  data = tu_read_file (path, &len);
  tu_write_file (cut_path, data, len * 2 / 3);
  /* libgsf may complain on stderr about the missing blocks; that is not
   * a failure of the reader, so warnings are not fatal here. */
  env = g_environ_unsetenv (g_get_environ (), "G_DEBUG");
  run = run_extract_env (cut_path, "application/vnd.ms-outlook", "cut.msg", env);

  /* Either what could be read, with warnings, or a clear reason. */
  if (g_str_equal (status_of (run), "ok"))
    g_assert_cmpstr (json_object_get_string_member (run->root, "extractor"), ==, "msg");
  else
    g_assert_nonnull (json_object_get_string_member (run->root, "problem"));
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  gsf_init ();

  g_test_add_func ("/extract/mail/korean-legacy-charsets", test_korean_legacy_charsets);
  g_test_add_func ("/extract/mail/unencoded-8bit-headers", test_unencoded_8bit_headers);
  g_test_add_func ("/extract/mail/forward-and-pdf", test_forward_and_pdf);
  g_test_add_func ("/extract/mail/attachment-names", test_attachment_names);
  g_test_add_func ("/extract/mail/html-only", test_html_only);
  g_test_add_func ("/extract/mail/alternative-prefers-plain", test_alternative_prefers_plain);
  g_test_add_func ("/extract/mail/encrypted", test_encrypted);
  g_test_add_func ("/extract/mbox/ranges", test_mbox_ranges);
  g_test_add_func ("/extract/mbox/not-a-mailbox", test_mbox_not_a_mailbox);
  g_test_add_func ("/extract/msg/outlook", test_outlook_msg);
  g_test_add_func ("/extract/mail/hostile/nested-multiparts", test_nested_multiparts);
  g_test_add_func ("/extract/mail/hostile/huge-header", test_huge_header);
  g_test_add_func ("/extract/mail/hostile/garbage", test_garbage_eml);
  g_test_add_func ("/extract/mail/hostile/no-boundary", test_multipart_without_boundary);
  g_test_add_func ("/extract/mail/hostile/garbage-base64", test_garbage_base64);
  g_test_add_func ("/extract/mail/hostile/too-many-attachments", test_too_many_attachments);
  g_test_add_func ("/extract/msg/hostile/garbage", test_garbage_msg);
  g_test_add_func ("/extract/msg/hostile/truncated", test_truncated_msg);

  return g_test_run ();
}
