/* test-extract-hwp.c — the HWPX and HWP 5 readers of casefile-extract on
 * documents the test writes itself: an HWPX with two sections, a table
 * and OPF properties; HWP 5 files built with libgsf's OLE writer, their
 * sections raw-deflated records with Korean UTF-16 text, inline and
 * extended controls that must be skipped, tabs, line breaks and a
 * character outside the BMP, and HwpSummaryInformation; password and
 * distribution documents; and hostile ones: garbage, a zlib bomb, cut
 * files and sections, a record claiming 4 GiB, a loop in the OLE sector
 * chain. */
#include "test-util.h"
#include "test-fixtures.h"
#include "office-fixtures.h"

#include "cf-extraction.h"

#include <string.h>

#define HWP "application/x-hwp"
#define HWPX "application/hwp+zip"

/* 2018-04-02T09:30:00Z */
#define CREATED 1522661400

/* HWPX ------------------------------------------------------------------- */

#define HWPX_NS \
  "xmlns:hs=\"http://www.hancom.co.kr/hwpml/2011/section\" " \
  "xmlns:hp=\"http://www.hancom.co.kr/hwpml/2011/paragraph\""

static void
add (TuZip      *zip,
     const char *name,
     const char *xml)
{
  tu_zip_add (zip, name, -1, xml, strlen (xml), TU_ZIP_DEFLATE | TU_ZIP_UTF8_FLAG);
}

static const char content_hpf[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?>"
  "<opf:package xmlns:opf=\"http://www.idpf.org/2007/opf/\" "
  "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" version=\"\" unique-identifier=\"\" id=\"\">"
  "<opf:metadata><opf:title>개인정보 처리위탁 계약서</opf:title><opf:language>ko</opf:language>"
  "<opf:meta name=\"creator\" content=\"text\">홍길동</opf:meta>"
  "<opf:meta name=\"subject\" content=\"text\">위수탁</opf:meta>"
  "<opf:meta name=\"lastsaveby\" content=\"text\">김변호</opf:meta>"
  "<opf:meta name=\"CreatedDate\" content=\"text\">2018-04-02T09:30:00Z</opf:meta>"
  "<opf:meta name=\"ModifiedDate\" content=\"2018-04-03T01:00:00Z\"/>"
  "<opf:meta name=\"date\" content=\"text\">2018년 4월 2일 월요일 오후 6:30:00</opf:meta>"
  "</opf:metadata><opf:manifest>"
  "<opf:item id=\"header\" href=\"Contents/header.xml\" media-type=\"application/xml\"/>"
  "<opf:item id=\"section0\" href=\"Contents/section0.xml\" media-type=\"application/xml\"/>"
  "<opf:item id=\"section1\" href=\"Contents/section1.xml\" media-type=\"application/xml\"/>"
  "</opf:manifest><opf:spine>"
  "<opf:itemref idref=\"header\" linear=\"yes\"/><opf:itemref idref=\"section0\" linear=\"yes\"/>"
  "<opf:itemref idref=\"section1\" linear=\"yes\"/></opf:spine></opf:package>";

static const char section0[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?>"
  "<hs:sec " HWPX_NS ">"
  "<hp:p id=\"0\"><hp:run charPrIDRef=\"0\"><hp:secPr><hp:grid/></hp:secPr>"
  "<hp:ctrl><hp:colPr/></hp:ctrl></hp:run>"
  "<hp:run charPrIDRef=\"1\"><hp:t>제1조(목적) 이 계약은 위탁</hp:t></hp:run>"
  "<hp:run charPrIDRef=\"2\"><hp:t>업무를 정한다.</hp:t></hp:run>"
  "<hp:linesegarray><hp:lineseg textpos=\"0\"/></hp:linesegarray></hp:p>"
  "<hp:p><hp:run><hp:t>Entrustment<hp:tab width=\"4000\" leader=\"0\" type=\"1\"/>not leakage"
  "<hp:lineBreak/>둘째<hp:nbSpace/>줄<hp:markpenBegin/>강조<hp:markpenEnd/></hp:t></hp:run></hp:p>"
  "<hp:p><hp:run><hp:tbl rowCnt=\"2\" colCnt=\"2\"><hp:tr>"
  "<hp:tc><hp:subList><hp:p><hp:run><hp:t>갑</hp:t></hp:run></hp:p></hp:subList></hp:tc>"
  "<hp:tc><hp:subList><hp:p><hp:run><hp:t>을</hp:t></hp:run></hp:p>"
  "<hp:p><hp:run><hp:t>병</hp:t></hp:run></hp:p></hp:subList></hp:tc></hp:tr>"
  "<hp:tr><hp:tc><hp:subList><hp:p/></hp:subList></hp:tc>"
  "<hp:tc><hp:subList><hp:p><hp:run><hp:t>정</hp:t></hp:run></hp:p></hp:subList></hp:tc></hp:tr>"
  "</hp:tbl></hp:run></hp:p>"
  "<hp:p><hp:run><hp:t>표 다음</hp:t></hp:run></hp:p>"
  "</hs:sec>";

static const char section1[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?>"
  "<hs:sec " HWPX_NS "><hp:p><hp:run><hp:t>둘째 구역: 유출이 아님</hp:t></hp:run></hp:p></hs:sec>";

static const char hwpx_text[] =
  "제1조(목적) 이 계약은 위탁업무를 정한다.\n"
  "Entrustment\tnot leakage\n둘째 줄강조\n"
  "갑\t을 병\n"
  "\t정\n"
  "표 다음\n"
  "\f둘째 구역: 유출이 아님\n";

static GBytes *
make_hwpx (gboolean with_package)
{
  TuZip *zip = tu_zip_new ();

  tu_zip_add (zip, "mimetype", -1, HWPX, strlen (HWPX), TU_ZIP_STORE);
  add (zip, "version.xml", "<hv:HCFVersion xmlns:hv=\"http://www.hancom.co.kr/hwpml/2011/version\"/>");
  add (zip, "Contents/header.xml", "<hh:head xmlns:hh=\"http://www.hancom.co.kr/hwpml/2011/head\" "
                                   "secCnt=\"2\"><hh:refList/></hh:head>");
  /* Stored out of order: the spine (or the numbers) decide. */
  add (zip, "Contents/section1.xml", section1);
  add (zip, "Contents/section0.xml", section0);
  if (with_package)
    add (zip, "Contents/content.hpf", content_hpf);
  add (zip, "Preview/PrvText.txt", "미리보기");
  add (zip, "META-INF/container.xml", "<ocf:container xmlns:ocf=\"urn:oasis:names:tc:opendocument:xmlns:container\"/>");
  return tu_zip_finish (zip);
}

static void
test_hwpx (void)
{
  g_autoptr(GBytes) hwpx = make_hwpx (TRUE);
  g_autoptr(OfRun) run = of_extract_bytes (hwpx, HWPX, "위탁계약서.hwpx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (of_text_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, hwpx_text);
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "개인정보 처리위탁 계약서");
  g_assert_cmpstr (of_meta_string (run, "author"), ==, "홍길동");
  g_assert_cmpstr (of_meta_string (run, "subject"), ==, "위수탁");
  g_assert_cmpstr (of_meta_string (run, "last_modified_by"), ==, "김변호");
  g_assert_cmpstr (of_meta_string (run, "date"), ==, "2018-04-02T09:30:00Z");
  g_assert_cmpstr (of_meta_string (run, "modified"), ==, "2018-04-03T01:00:00Z");
  g_assert_cmpint (of_meta_int (run, "sections"), ==, 2);
}

/* Without content.hpf the sections are found by their numbers; an HWPX
 * typed as HWP (or the other way round) is read by what it is. */
static void
test_hwpx_without_package (void)
{
  g_autoptr(GBytes) hwpx = make_hwpx (FALSE);
  g_autoptr(OfRun) run = of_extract_bytes (hwpx, HWPX, "no-package.hwpx");
  g_autoptr(OfRun) as_hwp = of_extract_bytes (hwpx, HWP, "misnamed.hwp");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, hwpx_text);
  g_assert_null (of_meta_string (run, "title"));
  g_assert_cmpstr (of_status (as_hwp), ==, "ok");
  g_assert_cmpstr (as_hwp->text, ==, hwpx_text);
}

/* Hangul's own "date" words stand in when there is no CreatedDate. */
static void
test_hwpx_korean_date (void)
{
  TuZip *zip = tu_zip_new ();
  g_autoptr(GBytes) hwpx = NULL;
  g_autoptr(OfRun) run = NULL;

  tu_zip_add (zip, "mimetype", -1, HWPX, strlen (HWPX), TU_ZIP_STORE);
  add (zip, "Contents/section0.xml", section1);
  add (zip, "Contents/content.hpf",
       "<opf:package xmlns:opf=\"http://www.idpf.org/2007/opf/\"><opf:metadata>"
       "<opf:meta name=\"date\" content=\"text\">2019년 12월 31일 화요일 오후 3:00:00</opf:meta>"
       "</opf:metadata></opf:package>");
  hwpx = tu_zip_finish (zip);
  run = of_extract_bytes (hwpx, HWPX, "date.hwpx");
  g_assert_cmpstr (of_meta_string (run, "date"), ==, "2019-12-31");
}

/* HWP 5 ------------------------------------------------------------------ */

#define HWPTAG_PARA_HEADER 66
#define HWPTAG_PARA_TEXT 67
#define HWPTAG_PARA_CHAR_SHAPE 68
#define HWPTAG_PARA_LINE_SEG 69

#define HWP_COMPRESSED 0x1
#define HWP_PASSWORD 0x2
#define HWP_DISTRIBUTION 0x4

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
record (GByteArray *a,
        guint       tag,
        guint       level,
        const void *data,
        guint32     size)
{
  if (size < 0xFFF)
    put32 (a, tag | (level << 10) | (size << 20));
  else
    {
      put32 (a, tag | (level << 10) | (0xFFFu << 20));
      put32 (a, size);
    }
  if (data != NULL)
    g_byte_array_append (a, data, size);
}

/* Paragraph text as HWP stores it: UTF-16 code units. */
static void
text (GArray     *units,
      const char *utf8)
{
  glong n = 0;
  g_autofree gunichar2 *u = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);

  g_array_append_vals (units, u, n);
}

static void
unit (GArray  *units,
      guint16  u)
{
  g_array_append_val (units, u);
}

/* An inline or extended control: the code, six units, the code again.
 * The six units are letters here, so that a reader that does not skip
 * them whole shows them. */
static void
control (GArray  *units,
         guint16  code)
{
  unit (units, code);
  for (int i = 0; i < 6; i++)
    unit (units, 'Q');
  unit (units, code);
}

/* A paragraph: header, text (ending in 0x0D), character shape, line
 * segment — the records Hangul writes. */
static void
paragraph (GByteArray *a,
           GArray     *units)
{
  guint8 header[22] = { 0 };
  guint8 shape[8] = { 0 };
  guint8 lineseg[36] = { 0 };
  g_autoptr(GByteArray) t = g_byte_array_new ();

  unit (units, 0x0D);
  header[0] = units->len & 0xFF;
  header[1] = (units->len >> 8) & 0xFF;
  record (a, HWPTAG_PARA_HEADER, 0, header, sizeof header);
  for (guint i = 0; i < units->len; i++)
    put16 (t, g_array_index (units, guint16, i));
  record (a, HWPTAG_PARA_TEXT, 1, t->data, t->len);
  record (a, HWPTAG_PARA_CHAR_SHAPE, 1, shape, sizeof shape);
  record (a, HWPTAG_PARA_LINE_SEG, 1, lineseg, sizeof lineseg);
  g_array_set_size (units, 0);
}

static GByteArray *
section0_records (void)
{
  GByteArray *a = g_byte_array_new ();
  g_autoptr(GArray) u = g_array_new (FALSE, FALSE, sizeof (guint16));
  guint8 empty_header[22] = { 1, 0 };

  /* A section definition (extended control 2) and a column definition
   * open the first paragraph, as in every Hangul file. */
  control (u, 0x02);
  control (u, 0x02);
  text (u, "제1조");
  control (u, 0x0B);          /* a table, anchored here */
  text (u, "(목적) 위수탁 계약");
  paragraph (a, u);

  text (u, "Entrustment");
  control (u, 0x09);          /* a tab: inline, eight units */
  text (u, "not leakage");
  unit (u, 0x0A);             /* line break */
  text (u, "위탁");
  unit (u, 0x1E);             /* keep-together space */
  text (u, "업무");
  paragraph (a, u);

  /* An empty paragraph has a header and no text. */
  record (a, HWPTAG_PARA_HEADER, 0, empty_header, sizeof empty_header);

  control (u, 0x03);          /* field start */
  text (u, "필드 내용");
  control (u, 0x04);          /* field end */
  control (u, 0x11);          /* a footnote */
  paragraph (a, u);
  return a;
}

static GByteArray *
section1_records (void)
{
  GByteArray *a = g_byte_array_new ();
  g_autoptr(GArray) u = g_array_new (FALSE, FALSE, sizeof (guint16));

  text (u, "둘째 구역 𠮟 끝");
  paragraph (a, u);
  return a;
}

static const char hwp_text[] =
  "제1조(목적) 위수탁 계약\n"
  "Entrustment\tnot leakage\n위탁 업무\n"
  "필드 내용\n"
  "\f둘째 구역 𠮟 끝\n";

static GBytes *
file_header (guint32 flags)
{
  guint8 h[256] = { 0 };

  memcpy (h, "HWP Document File", 17);
  /* 5.0.3.0 */
  h[32] = 0x00;
  h[33] = 0x03;
  h[34] = 0x00;
  h[35] = 0x05;
  h[36] = flags & 0xFF;
  h[37] = (flags >> 8) & 0xFF;
  return g_bytes_new (h, sizeof h);
}

static GBytes *
summary (void)
{
  OfProps *props = of_props_new ();

  of_props_lpwstr (props, 2, "개인정보 처리위탁 계약서");
  of_props_lpwstr (props, 3, "위수탁");
  of_props_lpwstr (props, 4, "홍길동");
  of_props_lpwstr (props, 8, "김변호");
  of_props_filetime (props, 12, CREATED);
  of_props_filetime (props, 13, CREATED + 3600);
  of_props_i4 (props, 14, 3);
  return of_props_finish (props);
}

/* Section streams as given (already compressed or not). */
static GBytes *
make_hwp (guint32  flags,
          GBytes  *s0,
          GBytes  *s1)
{
  g_autoptr(GBytes) header = file_header (flags);
  g_autoptr(GBytes) info = summary ();
  g_autoptr(GBytes) doc_info = g_bytes_new_static ("", 0);
  OfOleEntry entries[] = {
    { "FileHeader", header },
    { "DocInfo", doc_info },
    { "BodyText/Section0", s0 },
    { "\005HwpSummaryInformation", info },
    { "BodyText/Section1", s1 },
  };

  return of_ole_build (entries, s1 ? G_N_ELEMENTS (entries) : G_N_ELEMENTS (entries) - 1);
}

static GBytes *
compressed (GByteArray *records)
{
  return of_deflate_raw (records->data, records->len, 0);
}

static void
assert_summary (OfRun *run)
{
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "개인정보 처리위탁 계약서");
  g_assert_cmpstr (of_meta_string (run, "author"), ==, "홍길동");
  g_assert_cmpstr (of_meta_string (run, "subject"), ==, "위수탁");
  g_assert_cmpstr (of_meta_string (run, "last_modified_by"), ==, "김변호");
  g_assert_cmpstr (of_meta_string (run, "date"), ==, "2018-04-02T09:30:00Z");
  g_assert_cmpstr (of_meta_string (run, "modified"), ==, "2018-04-02T10:30:00Z");
  g_assert_cmpint (of_meta_int (run, "pages"), ==, 3);
}

static void
test_hwp5 (void)
{
  g_autoptr(GByteArray) r0 = section0_records ();
  g_autoptr(GByteArray) r1 = section1_records ();
  g_autoptr(GBytes) s0 = compressed (r0);
  g_autoptr(GBytes) s1 = compressed (r1);
  g_autoptr(GBytes) hwp = make_hwp (HWP_COMPRESSED, s0, s1);
  g_autoptr(OfRun) run = of_extract_bytes (hwp, HWP, "위탁계약서.hwp");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (of_text_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, hwp_text);
  g_assert_null (strchr (run->text, 'Q'));
  assert_summary (run);
  g_assert_cmpstr (of_meta_string (run, "format_version"), ==, "5.0.3.0");
  g_assert_cmpint (of_meta_int (run, "sections"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (run->root, "warnings")), ==, 0);
}

/* The same document through the case: import must type it as HWP 5 (its
 * bytes look like any OLE file) so that the right reader gets it. */
static void
test_hwp5_through_import (void)
{
  g_autoptr(GByteArray) r0 = section0_records ();
  g_autoptr(GByteArray) r1 = section1_records ();
  g_autoptr(GBytes) s0 = compressed (r0);
  g_autoptr(GBytes) s1 = compressed (r1);
  g_autoptr(GBytes) hwp = make_hwp (HWP_COMPRESSED, s0, s1);
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "위탁계약서.hwp", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "HWP");
  g_autoptr(CfExtractor) extractor = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CfDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  tu_write_file (path, g_bytes_get_data (hwp, NULL), g_bytes_get_size (hwp));
  items = tu_import_one (kase, path);
  id = ((TuItem *) g_ptr_array_index (items, 0))->document_id;
  extractor = cf_extractor_new (kase);
  g_assert_true (cf_extractor_run (extractor, NULL, &error));
  g_assert_no_error (error);
  doc = cf_case_get_document (kase, id, &error);
  g_assert_cmpstr (cf_document_get_mime_type (doc), ==, "application/x-hwp");
  g_assert_cmpstr (cf_document_get_text_status (doc), ==, "ok");
  g_assert_cmpstr (cf_document_get_title (doc), ==, "개인정보 처리위탁 계약서");
  g_assert_cmpstr (cf_document_get_author (doc), ==, "홍길동");
  g_assert_cmpstr (cf_document_get_date (doc), ==, "2018-04-02");
  text = cf_case_dup_document_text (kase, id, &error);
  g_assert_cmpstr (text, ==, hwp_text);
}

static void
test_hwp5_uncompressed (void)
{
  g_autoptr(GByteArray) r0 = section0_records ();
  g_autoptr(GByteArray) r1 = section1_records ();
  g_autoptr(GBytes) s0 = g_bytes_new (r0->data, r0->len);
  g_autoptr(GBytes) s1 = g_bytes_new (r1->data, r1->len);
  g_autoptr(GBytes) hwp = make_hwp (0, s0, s1);
  g_autoptr(OfRun) run = of_extract_bytes (hwp, HWP, "plain.hwp");
  /* An HWP 5 file named .hwpx is still read. */
  g_autoptr(OfRun) as_hwpx = of_extract_bytes (hwp, HWPX, "misnamed.hwpx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, hwp_text);
  g_assert_cmpstr (as_hwpx->text, ==, hwp_text);
}

static void
test_hwp5_encrypted (void)
{
  g_autoptr(GByteArray) r0 = section0_records ();
  g_autoptr(GBytes) s0 = compressed (r0);
  g_autoptr(GBytes) password = make_hwp (HWP_COMPRESSED | HWP_PASSWORD, s0, NULL);
  g_autoptr(GBytes) distribution = make_hwp (HWP_COMPRESSED | HWP_DISTRIBUTION, s0, NULL);
  g_autoptr(OfRun) run = of_extract_bytes (password, HWP, "암호.hwp");
  g_autoptr(OfRun) dist = of_extract_bytes (distribution, HWP, "배포용.hwp");

  g_assert_cmpstr (of_status (run), ==, "partial");
  g_assert_cmpstr (of_text_status (run), ==, "encrypted");
  g_assert_nonnull (strstr (of_problem (run), "password"));
  g_assert_cmpstr (run->text, ==, "");
  assert_summary (run);

  g_assert_cmpstr (of_text_status (dist), ==, "encrypted");
  g_assert_nonnull (strstr (of_problem (dist), "배포용"));
}

static void
test_hwp3 (void)
{
  char data[256] = "HWP Document File V3.00 \x1A\x01\x02\x03\x04\x05";
  g_autoptr(OfRun) run = of_extract_data (data, sizeof data, HWP, "옛날.hwp");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (of_text_status (run), ==, "unsupported");
  g_assert_nonnull (strstr (of_problem (run), "HWP 3"));
}

/* Hostile and broken files ------------------------------------------------ */

static void
test_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 noise[16384];
  const char *names[] = { "garbage.hwp", "garbage.hwpx" };
  const char *types[] = { HWP, HWPX };

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(OfRun) run = of_extract_data (noise, sizeof noise, types[i], names[i]);
      g_autoptr(OfRun) empty = of_extract_data ("", 0, types[i], names[i]);

      of_assert_unreadable (run);
      g_assert_nonnull (strstr (of_problem (run), "Not an HWP"));
      of_assert_unreadable (empty);
    }
  {
    /* An OLE file, but not an HWP one. */
    g_autoptr(GBytes) data = g_bytes_new_static ("hello", 5);
    OfOleEntry entries[] = { { "Something", data } };
    g_autoptr(GBytes) ole = of_ole_build (entries, 1);
    g_autoptr(OfRun) run = of_extract_bytes (ole, HWP, "other.hwp");

    of_assert_unreadable (run);
    g_assert_nonnull (strstr (of_problem (run), "FileHeader"));
  }
  {
    /* A ZIP named .hwpx with no sections. */
    TuZip *zip = tu_zip_new ();
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(OfRun) run = NULL;

    add (zip, "hello.txt", "hello");
    bytes = tu_zip_finish (zip);
    run = of_extract_bytes (bytes, HWPX, "empty.hwpx");
    of_assert_unreadable (run);
    g_assert_nonnull (strstr (of_problem (run), "section0"));
  }
}

/* An empty section (also passed over, and kept, on the way to the
 * package file stored after it): a warning, and the other section. */
static void
test_empty_section (void)
{
  TuZip *zip = tu_zip_new ();
  g_autoptr(GBytes) hwpx = NULL;
  g_autoptr(OfRun) run = NULL;

  tu_zip_add (zip, "mimetype", -1, HWPX, strlen (HWPX), TU_ZIP_STORE);
  tu_zip_add (zip, "Contents/section0.xml", -1, "", 0, TU_ZIP_STORE);
  add (zip, "Contents/section1.xml", section1);
  add (zip, "Contents/content.hpf", content_hpf);
  hwpx = tu_zip_finish (zip);
  run = of_extract_bytes (hwpx, HWPX, "empty-section.hwpx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_true (of_has_warning (run, "hwpx-damaged"));
  g_assert_cmpstr (run->text, ==, "\f둘째 구역: 유출이 아님\n");
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "개인정보 처리위탁 계약서");
}

/* A section that inflates to more than the cap: read that far, then a
 * warning; the text before the bomb is kept. */
static void
test_zlib_bomb (void)
{
  g_autoptr(GByteArray) r = g_byte_array_new ();
  g_autoptr(GArray) u = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GBytes) s0 = NULL;
  g_autoptr(GBytes) s1 = NULL;
  g_autoptr(GBytes) hwp = NULL;
  g_autoptr(OfRun) run = NULL;

  text (u, "폭탄 앞 문장");
  paragraph (r, u);
  /* 600 MiB of zeros (empty records to a parser) in about 600 KiB. */
  s0 = of_deflate_raw (r->data, r->len, G_GUINT64_CONSTANT (600) * 1024 * 1024);
  g_assert_cmpuint (g_bytes_get_size (s0), <, 2 * 1024 * 1024);
  g_byte_array_set_size (r, 0);
  text (u, "다음 구역");
  paragraph (r, u);
  s1 = compressed (r);
  hwp = make_hwp (HWP_COMPRESSED, s0, s1);
  run = of_extract_bytes (hwp, HWP, "bomb.hwp");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_true (of_has_warning (run, "hwp-section-capped"));
  g_assert_cmpstr (run->text, ==, "폭탄 앞 문장\n\f다음 구역\n");
  g_assert_cmpfloat (run->seconds, <, 60);
}

/* The compressed section stops in the middle. */
static void
test_truncated_section (void)
{
  g_autoptr(GByteArray) r = g_byte_array_new ();
  g_autoptr(GArray) u = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GBytes) full = NULL;
  g_autoptr(GBytes) cut = NULL;
  g_autoptr(GBytes) hwp = NULL;
  g_autoptr(OfRun) run = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  text (u, "잘리기 전 문장");
  paragraph (r, u);
  /* Text that does not compress, so that the cut falls inside it. */
  for (int i = 0; i < 20000; i++)
    unit (u, 0xAC00 + g_rand_int_range (rand, 0, 11172));
  paragraph (r, u);
  full = compressed (r);
  cut = g_bytes_new_from_bytes (full, 0, g_bytes_get_size (full) / 2);
  hwp = make_hwp (HWP_COMPRESSED, cut, NULL);
  run = of_extract_bytes (hwp, HWP, "cut-section.hwp");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_true (of_has_warning (run, "hwp-section-damaged"));
  g_assert_true (g_str_has_prefix (run->text, "잘리기 전 문장\n"));
  /* Some of the second paragraph came through, not all of it. */
  g_assert_cmpuint (g_utf8_strlen (run->text, -1), >, 20);
  g_assert_cmpuint (g_utf8_strlen (run->text, -1), <, 20000);
}

/* A record that claims 4 GiB in an uncompressed section of a few bytes. */
static void
test_huge_record (void)
{
  g_autoptr(GByteArray) r = g_byte_array_new ();
  g_autoptr(GArray) u = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GBytes) s0 = NULL;
  g_autoptr(GBytes) hwp = NULL;
  g_autoptr(OfRun) run = NULL;
  static const guint8 some[100];

  text (u, "큰 레코드 앞");
  paragraph (r, u);
  record (r, HWPTAG_PARA_TEXT, 0, NULL, 0xFFFFFFF0);
  g_byte_array_append (r, some, sizeof some);
  s0 = g_bytes_new (r->data, r->len);
  hwp = make_hwp (0, s0, NULL);
  run = of_extract_bytes (hwp, HWP, "huge-record.hwp");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_true (of_has_warning (run, "hwp-section-damaged"));
  g_assert_true (g_str_has_prefix (run->text, "큰 레코드 앞\n"));
  g_assert_cmpfloat (run->seconds, <, 10);
}

/* The file itself cut short: the OLE container is damaged. */
static void
test_truncated_file (void)
{
  g_autoptr(GByteArray) r0 = section0_records ();
  g_autoptr(GBytes) s0 = compressed (r0);
  g_autoptr(GBytes) hwp = make_hwp (HWP_COMPRESSED, s0, NULL);
  gsize len = g_bytes_get_size (hwp);
  const guint8 *data = g_bytes_get_data (hwp, NULL);

  for (gsize cut = 600; cut < len; cut += 1024)
    {
      g_autoptr(OfRun) run = of_extract_data (data, cut, HWP, "cut.hwp");

      /* Either the container cannot be opened at all, or what could be
       * read is there with a warning; never a crash or a hang. */
      if (g_strcmp0 (of_status (run), "failed") == 0)
        g_assert_nonnull (of_problem (run));
      else
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (run->root, "warnings")), >, 0);
      g_assert_cmpfloat (run->seconds, <, 10);
    }
}

static guint32
rd32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static void
wr32 (guint8  *p,
      guint32  v)
{
  p[0] = v & 0xFF;
  p[1] = (v >> 8) & 0xFF;
  p[2] = (v >> 16) & 0xFF;
  p[3] = v >> 24;
}

/* Where sector i's successor is noted (the FAT sectors listed in the
 * header are enough for a small file). */
static guint8 *
fat_entry (guint8  *data,
           guint    shift,
           guint32  i)
{
  guint per_sector = (1u << shift) / 4;
  guint32 fat_sector = rd32 (data + 76 + 4 * (i / per_sector));

  return data + ((gsize) (fat_sector + 1) << shift) + 4 * (i % per_sector);
}

/* A loop in the sector chain of Section0: the chain points back to its
 * own first sector. */
static void
test_cyclic_chain (void)
{
  g_autoptr(GByteArray) r = g_byte_array_new ();
  g_autoptr(GArray) u = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GBytes) s0 = NULL;
  g_autoptr(GBytes) hwp = NULL;
  g_autoptr(OfRun) run = NULL;
  guint8 *data;
  gsize len;
  guint shift;
  gboolean patched = FALSE;
  static const guint8 padding[9000];

  text (u, "순환 체인");
  paragraph (r, u);
  /* Large enough to live in regular sectors, not the mini stream. */
  record (r, 80, 0, padding, sizeof padding);
  s0 = g_bytes_new (r->data, r->len);
  hwp = make_hwp (0, s0, NULL);
  data = g_bytes_unref_to_data (g_steal_pointer (&hwp), &len);

  /* Walk the directory's sector chain for the Section0 entry. */
  shift = data[30] | (data[31] << 8);
  for (guint32 sector = rd32 (data + 48), n = 0; sector < 0xFFFFFFFA && n < 100; n++)
    {
      for (guint e = 0; e < (1u << shift) / 128; e++)
        {
          guint8 *entry = data + ((gsize) (sector + 1) << shift) + 128 * e;
          g_autofree char *name = g_utf16_to_utf8 ((gunichar2 *) entry, 8, NULL, NULL, NULL);

          if (g_strcmp0 (name, "Section0") == 0)
            {
              guint32 start = rd32 (entry + 116);

              g_assert_cmpuint (rd32 (entry + 120), >=, 4096);
              /* The second sector leads back to the first. */
              wr32 (fat_entry (data, shift, start + 1), start);
              patched = TRUE;
            }
        }
      sector = rd32 (fat_entry (data, shift, sector));
    }
  g_assert_true (patched);
  run = of_extract_data (data, len, HWP, "loop.hwp");
  g_free (data);

  g_assert_cmpfloat (run->seconds, <, 10);
  if (g_strcmp0 (of_status (run), "failed") != 0)
    g_assert_true (of_has_warning (run, "ole-damaged") || of_has_warning (run, "hwp-section-damaged"));
  /* The metadata stream is elsewhere and still reads. */
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "개인정보 처리위탁 계약서");
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);

  g_test_add_func ("/extract/hwp/hwpx", test_hwpx);
  g_test_add_func ("/extract/hwp/hwpx-without-package", test_hwpx_without_package);
  g_test_add_func ("/extract/hwp/hwpx-korean-date", test_hwpx_korean_date);
  g_test_add_func ("/extract/hwp/hwp5", test_hwp5);
  g_test_add_func ("/extract/hwp/hwp5-through-import", test_hwp5_through_import);
  g_test_add_func ("/extract/hwp/hwp5-uncompressed", test_hwp5_uncompressed);
  g_test_add_func ("/extract/hwp/hwp5-encrypted", test_hwp5_encrypted);
  g_test_add_func ("/extract/hwp/hwp3", test_hwp3);
  g_test_add_func ("/extract/hwp/hostile/garbage", test_garbage);
  g_test_add_func ("/extract/hwp/hostile/empty-section", test_empty_section);
  g_test_add_func ("/extract/hwp/hostile/zlib-bomb", test_zlib_bomb);
  g_test_add_func ("/extract/hwp/hostile/truncated-section", test_truncated_section);
  g_test_add_func ("/extract/hwp/hostile/huge-record", test_huge_record);
  g_test_add_func ("/extract/hwp/hostile/truncated-file", test_truncated_file);
  g_test_add_func ("/extract/hwp/hostile/cyclic-chain", test_cyclic_chain);
  return g_test_run ();
}
