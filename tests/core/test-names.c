/* test-names.c — decoding names found in the wild and making export names
 * safe on every file system. */
#include "test-util.h"
#include "test-fixtures.h"

#include "cf-names.h"

static void
test_decode_utf8 (void)
{
  CfNameEncoding enc;
  gboolean neutralised;
  g_autofree char *name = cf_name_decode ("위수탁계약서.pdf", -1, FALSE, &enc, &neutralised);

  g_assert_cmpstr (name, ==, "위수탁계약서.pdf");
  g_assert_cmpint (enc, ==, CF_NAME_UTF8);
  g_assert_false (neutralised);
}

static void
test_decode_nfd (void)
{
  g_autofree char *nfd = tu_to_nfd ("개인정보 처리방침.docx");
  CfNameEncoding enc;
  g_autofree char *name = cf_name_decode (nfd, -1, FALSE, &enc, NULL);

  g_assert_cmpstr (nfd, !=, "개인정보 처리방침.docx");
  g_assert_cmpstr (name, ==, "개인정보 처리방침.docx");
  g_assert_cmpint (enc, ==, CF_NAME_NFD);
}

static void
test_decode_cp949 (void)
{
  gsize len;
  /* 똠 and 햏 exist only in CP949, not in EUC-KR. */
  g_autofree char *raw = tu_to_cp949 ("똠방각하_햏.txt", &len);
  CfNameEncoding enc;
  g_autofree char *name = cf_name_decode (raw, len, FALSE, &enc, NULL);

  g_assert_cmpstr (name, ==, "똠방각하_햏.txt");
  g_assert_cmpint (enc, ==, CF_NAME_CP949);
}

static void
test_decode_declared_utf8_is_not_cp949 (void)
{
  gsize len;
  g_autofree char *raw = tu_to_cp949 ("계약서.txt", &len);
  CfNameEncoding enc;
  g_autofree char *name = cf_name_decode (raw, len, TRUE, &enc, NULL);

  /* The container promised UTF-8: no guessing, just visible damage. */
  g_assert_cmpint (enc, ==, CF_NAME_INVALID);
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_nonnull (strstr (name, "\xEF\xBF\xBD"));
}

static void
test_decode_invalid (void)
{
  const char raw[] = "bad\xff\xfe\xfd.txt";
  CfNameEncoding enc;
  g_autofree char *name = cf_name_decode (raw, -1, FALSE, &enc, NULL);

  g_assert_cmpint (enc, ==, CF_NAME_INVALID);
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_true (g_str_has_prefix (name, "bad"));
  g_assert_true (g_str_has_suffix (name, ".txt"));
}

static void
test_decode_bidi_and_control (void)
{
  gboolean neutralised = FALSE;
  /* invoice + U+202E + "fdp.exe" displays as "invoiceexe.pdf" */
  g_autofree char *name = cf_name_decode ("invoice\xE2\x80\xAE" "fdp.exe", -1, FALSE, NULL, &neutralised);
  g_autofree char *ctrl = cf_name_decode ("a\tb\nc", -1, FALSE, NULL, NULL);

  g_assert_true (neutralised);
  g_assert_null (strstr (name, "\xE2\x80\xAE"));
  g_assert_true (g_str_has_suffix (name, "fdp.exe"));
  g_assert_null (strchr (ctrl, '\n'));
  g_assert_null (strchr (ctrl, '\t'));
}

static void
check_sanitized (const char *in,
                 const char *expected)
{
  g_autofree char *out = cf_name_sanitize_component (in, 255);

  g_assert_cmpstr (out, ==, expected);
}

static void
test_sanitize (void)
{
  check_sanitized ("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j");
  check_sanitized ("CON", "_CON");
  check_sanitized ("con.txt", "_con.txt");
  check_sanitized ("COM1.pdf", "_COM1.pdf");
  check_sanitized ("LPT9", "_LPT9");
  check_sanitized ("CONSOLE.txt", "CONSOLE.txt");
  check_sanitized ("trailing dots...", "trailing dots");
  check_sanitized ("trailing space  ", "trailing space");
  check_sanitized ("", "untitled");
  check_sanitized ("...", "untitled");
  check_sanitized ("../../etc/passwd", ".._.._etc_passwd");
  check_sanitized ("x\xE2\x80\xAE" "fdp.exe", "xfdp.exe");
  check_sanitized ("two   spaces\there", "two spaces here");
}

static void
test_sanitize_long (void)
{
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autofree char *out = NULL;

  for (int i = 0; i < 200; i++)
    g_string_append (long_name, "가");
  g_string_append (long_name, ".pdf");
  out = cf_name_sanitize_component (long_name->str, 255);
  g_assert_cmpuint (strlen (out), <=, 255);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  g_assert_true (g_str_has_suffix (out, ".pdf"));
  g_assert_true (g_str_has_prefix (out, "가가가"));
}

static void
test_basename_and_extension (void)
{
  g_autofree char *b1 = cf_name_basename ("a/b/c.txt");
  g_autofree char *b2 = cf_name_basename ("C:\\Users\\x\\d.pdf");
  g_autofree char *b3 = cf_name_basename ("dir/");
  g_autofree char *e1 = cf_name_extension ("계약서.PDF");
  g_autofree char *e2 = cf_name_extension ("noext");
  g_autofree char *e3 = cf_name_extension (".bashrc");

  g_assert_cmpstr (b1, ==, "c.txt");
  g_assert_cmpstr (b2, ==, "d.pdf");
  g_assert_cmpstr (b3, ==, "dir");
  g_assert_cmpstr (e1, ==, ".pdf");
  g_assert_cmpstr (e2, ==, "");
  g_assert_cmpstr (e3, ==, "");
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/names/decode/utf8", test_decode_utf8);
  g_test_add_func ("/names/decode/nfd", test_decode_nfd);
  g_test_add_func ("/names/decode/cp949", test_decode_cp949);
  g_test_add_func ("/names/decode/declared-utf8", test_decode_declared_utf8_is_not_cp949);
  g_test_add_func ("/names/decode/invalid", test_decode_invalid);
  g_test_add_func ("/names/decode/bidi-control", test_decode_bidi_and_control);
  g_test_add_func ("/names/sanitize/reserved", test_sanitize);
  g_test_add_func ("/names/sanitize/long", test_sanitize_long);
  g_test_add_func ("/names/basename-extension", test_basename_and_extension);
  return g_test_run ();
}
