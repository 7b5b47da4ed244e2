/* test-extraction.c — reading documents: PDFs (Korean text, metadata, no
 * text layer, encrypted, damaged), text in legacy encodings, HTML, photos
 * with EXIF; a reader that crashes, hangs, eats memory or CPU is contained
 * and costs only its document; children become family members; what a
 * person edited survives reading again. */
#include "test-util.h"
#include "test-fixtures.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gexiv2/gexiv2.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <sys/wait.h>

#include "cf-error.h"
#include "cf-extraction.h"
#include "cf-numbering.h"
#include "cf-render.h"

typedef struct
{
  char *dir;
  CfCase *kase;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = tu_temp_dir ();
  f->kase = tu_new_case (f->dir, "Reading");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->kase);
  g_free (f->dir);
}

static gint64
import_path (Fixture    *f,
             const char *path)
{
  g_autoptr(GPtrArray) items = tu_import_one (f->kase, path);

  return ((TuItem *) g_ptr_array_index (items, 0))->document_id;
}

static gint64
import_bytes (Fixture    *f,
              const char *name,
              const void *data,
              gsize       len)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  tu_write_file (path, data, len);
  return import_path (f, path);
}

static char *fake_reader;

static void
read_all_with (Fixture                  *f,
               const CfExtractionLimits *limits,
               const char               *helper)
{
  g_autoptr(CfExtractor) extractor = cf_extractor_new (f->kase);
  g_autoptr(GError) error = NULL;

  if (helper != NULL)
    cf_extractor_set_helper (extractor, helper);
  if (limits != NULL)
    cf_extractor_set_limits (extractor, limits);
  g_assert_true (cf_extractor_run (extractor, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cf_case_count_unread (f->kase), ==, 0);
}

static void
read_all (Fixture                  *f,
          const CfExtractionLimits *limits)
{
  read_all_with (f, limits, NULL);
}

static CfDocument *
doc (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  CfDocument *d = cf_case_get_document (f->kase, id, &error);

  g_assert_no_error (error);
  return d;
}

static char *
text_of (Fixture *f,
         gint64   id)
{
  return cf_case_dup_document_text (f->kase, id, NULL);
}

/* A PDF made the way office software makes them: cairo with an embedded
 * CJK font, so the text layer carries Hangul. */
static void
write_korean_pdf (const char *path,
                  const char *const *pages,
                  gboolean    with_text)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "개인정보 처리 위탁 계약서");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "카카오페이 법무팀");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, "2018-04-02T10:00:00+09:00");
  for (guint i = 0; pages[i]; i++)
    {
      if (with_text)
        {
          PangoLayout *layout = pango_cairo_create_layout (cr);
          PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK KR 14");

          pango_layout_set_font_description (layout, font);
          pango_layout_set_text (layout, pages[i], -1);
          cairo_move_to (cr, 50, 50);
          pango_cairo_show_layout (cr, layout);
          pango_font_description_free (font);
          g_object_unref (layout);
        }
      else
        {
          /* A "scan": only a picture. */
          cairo_rectangle (cr, 50, 50, 400, 600);
          cairo_fill (cr);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "위수탁계약서.pdf", NULL);
  g_autofree char *scan = g_build_filename (f->dir, "스캔본.pdf", NULL);
  const char *pages[] = { "제1조 (목적) 이 계약은 개인정보 처리업무의 위탁에 관한 사항을 정한다.",
                          "제4조 (위탁업무의 목적) 부정거래 탐지(fraud scoring)에 한한다.", NULL };
  g_autoptr(CfDocument) contract = NULL;
  g_autoptr(CfDocument) scanned = NULL;
  g_autoptr(CfDocument) broken = NULL;
  g_autofree char *text = NULL;
  gint64 id, scan_id, broken_id;

  write_korean_pdf (path, pages, TRUE);
  write_korean_pdf (scan, pages, FALSE);
  id = import_path (f, path);
  scan_id = import_path (f, scan);
  broken_id = import_bytes (f, "broken.pdf", "%PDF-1.7\n\x01\x02garbage", strlen ("%PDF-1.7\n\x01\x02garbage"));
  read_all (f, NULL);

  contract = doc (f, id);
  g_assert_cmpstr (cf_document_get_text_status (contract), ==, "ok");
  g_assert_cmpstr (cf_document_get_title (contract), ==, "개인정보 처리 위탁 계약서");
  g_assert_cmpstr (cf_document_get_author (contract), ==, "카카오페이 법무팀");
  g_assert_cmpstr (cf_document_get_date (contract), ==, "2018-04-02");
  g_assert_cmpuint (cf_document_get_pages (contract), ==, 2);
  g_assert_cmpint (cf_document_get_status (contract), ==, CF_STATUS_OK);
  text = text_of (f, id);
  g_assert_nonnull (strstr (text, "개인정보 처리업무의 위탁"));
  g_assert_nonnull (strstr (text, "\f"));
  g_assert_nonnull (strstr (text, "fraud scoring"));

  scanned = doc (f, scan_id);
  g_assert_cmpstr (cf_document_get_text_status (scanned), ==, "needs-ocr");
  g_assert_cmpint (cf_document_get_status (scanned), ==, CF_STATUS_OK);

  /* A picture of page 2 for the preview, drawn out of process. */
  {
    g_autofree char *object = cf_case_dup_object_path (f->kase, contract);
    g_autoptr(CfRendering) picture = cf_render_page (object, "application/pdf", 2, 400, NULL, NULL, NULL);
    g_autoptr(GdkPixbuf) png = NULL;
    CfRendering *none;
    g_autoptr(GError) render_error = NULL;

    g_assert_nonnull (picture);
    g_assert_cmpint (picture->n_pages, ==, 2);
    g_assert_cmpint (picture->width, ==, 400);
    png = gdk_pixbuf_new_from_file (picture->png_path, NULL);
    g_assert_nonnull (png);
    g_assert_cmpint (gdk_pixbuf_get_width (png), ==, 400);
    none = cf_render_page (object, "application/pdf", 9, 400, NULL, NULL, &render_error);
    g_assert_null (none);
    g_assert_nonnull (strstr (render_error->message, "no page 9"));

    /* A failed picture leaves no file; the one made is the caller's, in
     * the process's own folder, which goes when the process ends. */
    g_assert_true (g_str_has_prefix (picture->png_path, cf_render_get_folder ()));
    g_assert_cmpuint (count_files (cf_render_get_folder ()), ==, 1);
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();
      g_autoptr(GError) cancel_error = NULL;

      g_cancellable_cancel (cancelled);
      g_assert_null (cf_render_page (object, "application/pdf", 1, 400, NULL, cancelled, &cancel_error));
      g_assert_error (cancel_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
    g_assert_cmpuint (count_files (cf_render_get_folder ()), ==, 1);
  }

  broken = doc (f, broken_id);
  g_assert_cmpstr (cf_document_get_text_status (broken), ==, "failed");
  g_assert_cmpint (cf_document_get_status (broken), ==, CF_STATUS_FAILED);
  g_assert_true (g_str_has_prefix (cf_document_get_problem (broken), "Could not be read: "));
  /* Unreadable is still kept. */
  g_assert_nonnull (cf_document_get_sha256 (broken));
  tu_assert_fsck_clean (f->kase);
}

static void
test_encrypted_pdf (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *plain = g_build_filename (f->dir, "plain.pdf", NULL);
  g_autofree char *locked = g_build_filename (f->dir, "locked.pdf", NULL);
  g_autofree char *cmd = g_strdup_printf ("qpdf --encrypt secret owner 256 -- '%s' '%s'", plain, locked);
  g_autoptr(GBytes) pdf = tu_minimal_pdf ("Secret", "Someone", "D:20180101000000", "hidden");
  g_autoptr(CfDocument) d = NULL;
  int status = -1;
  gint64 id;

  tu_write_file (plain, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  id = import_path (f, locked);
  read_all (f, NULL);
  d = doc (f, id);
  g_assert_cmpstr (cf_document_get_text_status (d), ==, "encrypted");
  g_assert_cmpint (cf_document_get_status (d), ==, CF_STATUS_PARTIAL);
  g_assert_nonnull (strstr (cf_document_get_problem (d), "encrypted"));
}

static void
test_text_encodings (Fixture       *f,
                     gconstpointer  data)
{
  gsize len;
  g_autofree char *cp949 = tu_to_cp949 ("똠방각하의 정산 데이터 전송 내역\n햏 이후 제3자 제공 없음\n", &len);
  g_autofree char *html_body = NULL;
  g_autofree char *html_cp949 = NULL;
  g_autoptr(GString) utf16 = g_string_new ("\xFF\xFE");
  gint64 a, b, c;
  g_autofree char *ta = NULL, *tb = NULL, *tc = NULL;
  g_autoptr(CfDocument) dc = NULL;
  g_autofree char *meta = NULL;

  a = import_bytes (f, "legacy.txt", cp949, len);
  {
    const char *s = "Hello 위수탁";
    glong n = 0;
    g_autofree gunichar2 *u = g_utf8_to_utf16 (s, -1, NULL, &n, NULL);

    g_string_append_len (utf16, (const char *) u, n * 2);
    b = import_bytes (f, "unicode.txt", utf16->str, utf16->len);
  }
  html_body = g_strdup ("<html><head><meta charset=\"euc-kr\"><title>개인정보 처리방침</title>"
                        "<script>alert('x')</script></head><body><h1>똠 처리방침</h1>"
                        "<p>수탁자: 해외 결제 파트너</p></body></html>");
  html_cp949 = tu_to_cp949 (html_body, &len);
  c = import_bytes (f, "policy.html", html_cp949, len);
  read_all (f, NULL);

  ta = text_of (f, a);
  tb = text_of (f, b);
  tc = text_of (f, c);
  g_assert_nonnull (strstr (ta, "똠방각하"));
  g_assert_nonnull (strstr (ta, "햏 이후"));
  meta = cf_case_dup_document_metadata (f->kase, a, NULL);
  g_assert_nonnull (strstr (meta, "\"encoding\":\"CP949\""));
  g_assert_cmpstr (tb, ==, "Hello 위수탁");
  g_assert_nonnull (strstr (tc, "똠 처리방침"));
  g_assert_nonnull (strstr (tc, "해외 결제 파트너"));
  g_assert_null (strstr (tc, "alert"));
  dc = doc (f, c);
  g_assert_cmpstr (cf_document_get_title (dc), ==, "개인정보 처리방침");
}

static void
test_photo_exif (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "화면캡처.jpg", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GExiv2Metadata) m = gexiv2_metadata_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CfDocument) d = NULL;
  g_autofree char *meta = NULL;
  gint64 id;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  g_assert_true (gexiv2_metadata_open_path (m, path, &error));
  g_assert_true (gexiv2_metadata_try_set_tag_string (m, "Exif.Photo.DateTimeOriginal", "2018:04:02 14:30:00", &error));
  g_assert_true (gexiv2_metadata_try_set_tag_string (m, "Exif.Image.Make", "Samsung", &error));
  g_assert_true (gexiv2_metadata_try_set_tag_string (m, "Exif.Image.Model", "SM-G960N", &error));
  g_assert_true (gexiv2_metadata_save_file (m, path, &error));

  id = import_path (f, path);
  read_all (f, NULL);
  d = doc (f, id);
  g_assert_cmpstr (cf_document_get_date (d), ==, "2018-04-02");
  g_assert_cmpstr (cf_document_get_text_status (d), ==, "none");
  meta = cf_case_dup_document_metadata (f->kase, id, NULL);
  g_assert_nonnull (strstr (meta, "\"camera\":\"Samsung SM-G960N\""));
  g_assert_nonnull (strstr (meta, "\"width\":64"));
  g_assert_nonnull (strstr (meta, "\"height\":48"));
}

static void
test_containment (Fixture       *f,
                  gconstpointer  data)
{
  const char *names[] = { "crash.txt", "hang.txt", "hog.txt", "spin.txt", "ok-1.txt", "ok-2.txt", NULL };
  gint64 ids[6];
  CfExtractionLimits limits;
  gint64 started;

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *content = g_strdup_printf ("document %u", i);

      ids[i] = import_bytes (f, names[i], content, strlen (content));
    }
  cf_extractor_get_default_limits (&limits);
  /* Long enough that the CPU limit trips first even on a loaded machine. */
  limits.max_wall_seconds = 8;
  limits.max_cpu_seconds = 1;
  limits.max_memory = 256 * 1024 * 1024;
  limits.max_jobs = 2;

  started = g_get_monotonic_time ();
  read_all_with (f, &limits, fake_reader);
  g_test_message ("contained four bad readers in %.1f s",
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  {
    g_autoptr(CfDocument) crash = doc (f, ids[0]);
    g_autoptr(CfDocument) hang = doc (f, ids[1]);
    g_autoptr(CfDocument) hog = doc (f, ids[2]);
    g_autoptr(CfDocument) spin = doc (f, ids[3]);
    g_autoptr(CfDocument) ok1 = doc (f, ids[4]);
    g_autoptr(CfDocument) ok2 = doc (f, ids[5]);
    g_auto(GStrv) warnings = cf_case_list_warnings (f->kase, ids[4], NULL);

    g_test_message ("crash: %s", cf_document_get_problem (crash));
    g_test_message ("hang: %s", cf_document_get_problem (hang));
    g_test_message ("hog: %s", cf_document_get_problem (hog));
    g_test_message ("spin: %s", cf_document_get_problem (spin));
    g_assert_cmpint (cf_document_get_status (crash), ==, CF_STATUS_FAILED);
    g_assert_nonnull (strstr (cf_document_get_problem (crash), "crashed"));
    g_assert_nonnull (strstr (cf_document_get_problem (hang), "longer than 8 s"));
#ifndef __SANITIZE_ADDRESS__
    /* AddressSanitizer needs terabytes of address space, so sanitizer
     * builds run readers without the memory limit. */
    g_assert_nonnull (strstr (cf_document_get_problem (hog), "memory"));
#endif
    g_assert_nonnull (strstr (cf_document_get_problem (spin), "CPU"));
    /* The others were read as if nothing had happened. */
    g_assert_cmpstr (cf_document_get_text_status (ok1), ==, "ok");
    g_assert_cmpstr (cf_document_get_text_status (ok2), ==, "ok");
    g_assert_cmpstr (cf_document_get_author (ok2), ==, "Fake Reader");
    g_assert_cmpstr (warnings[0], ==, "fake");
  }
  tu_assert_fsck_clean (f->kase);
}

static void
test_children_and_reading_again (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(CfDocument) head = NULL;
  g_autoptr(GError) error = NULL;
  TuZip *zip = tu_zip_new ();
  gint64 id, plain;

  tu_zip_add (zip, "inner.txt", -1, "zip member", 10, TU_ZIP_STORE);
  tu_zip_write (zip, g_getenv ("FAKE_EXTRACT_ZIP"));

  id = import_bytes (f, "family-mail.eml", "From: x\r\n\r\nbody", 15);
  plain = import_bytes (f, "plain.txt", "plain", 5);
  g_assert_true (cf_case_edit_document (f->kase, plain, "사람이 정한 제목", NULL, NULL, &error));
  read_all_with (f, NULL, fake_reader);

  head = doc (f, id);
  g_assert_cmpstr (cf_document_get_title (head), ==, "Family head");
  g_assert_cmpstr (cf_document_get_date (head), ==, "2018-04-02");
  g_assert_cmpstr (cf_document_get_recipients (head), ==, "a@example.com, b@example.com");
  children = cf_case_list_children (f->kase, id, &error);
  /* The text and the ZIP; the child file outside the helper's folder was
   * ignored. */
  g_assert_cmpuint (children->len, ==, 2);
  g_assert_cmpstr (cf_document_get_name (g_ptr_array_index (children, 0)), ==, "첨부.txt");
  g_assert_cmpstr (cf_document_get_source (g_ptr_array_index (children, 0)), ==, "family-mail.eml!/첨부.txt");
  /* Names from inside files are metadata only: the path is dropped. */
  g_assert_cmpstr (cf_document_get_name (g_ptr_array_index (children, 1)), ==, "files.zip");
  g_assert_cmpuint (cf_document_get_n_children (g_ptr_array_index (children, 1)), ==, 1);

  /* What a person set stays; reading again adds no second set of
   * children. */
  {
    g_autoptr(CfDocument) p = doc (f, plain);
    g_assert_cmpstr (cf_document_get_title (p), ==, "사람이 정한 제목");
    g_assert_cmpstr (cf_document_get_author (p), ==, "Fake Reader");
  }
  g_assert_true (cf_case_mark_for_reading (f->kase, NULL, 0, &error));
  g_assert_cmpuint (cf_case_count_unread (f->kase), ==, cf_case_count_documents (f->kase));
  read_all_with (f, NULL, fake_reader);
  again = cf_case_list_children (f->kase, id, &error);
  g_assert_cmpuint (again->len, ==, 2);
  {
    g_autoptr(CfDocument) p = doc (f, plain);
    g_assert_cmpstr (cf_document_get_title (p), ==, "사람이 정한 제목");
  }

  /* The family is numbered together, by the date the mail bears. */
  {
    gint64 claim = cf_case_add_claim (f->kase, "위수탁", 0, CF_SIDE_OURS, NULL, NULL);
    g_autoptr(GPtrArray) changes = NULL;
    g_autoptr(CfDocument) numbered = NULL;

    g_assert_true (cf_case_tag (f->kase, claim, &id, 1, CF_STANCE_SUPPORTS, NULL, NULL, NULL));
    changes = cf_case_number_exhibits (f->kase, FALSE, &error);
    g_assert_no_error (error);
    numbered = doc (f, cf_document_get_id (g_ptr_array_index (again, 0)));
    g_assert_cmpstr (cf_document_get_exhibit (numbered), ==, "갑 제1호증의 2");
  }
  tu_assert_fsck_clean (f->kase);
}

/* A workbook embedded in a Word document becomes its child, and is read
 * in its turn: the family shows docx → xlsx. */
static void
test_embedded_workbook (Fixture       *f,
                        gconstpointer  data)
{
#define EMB_NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"
#define EMB_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  TuZip *sheet = tu_zip_new ();
  TuZip *word = tu_zip_new ();
  g_autoptr(GBytes) xlsx = NULL;
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) grandchildren = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sheet_text = NULL;
  const char *parts[][2] = {
    { "_rels/.rels", "<Relationships xmlns=\"" EMB_NS_PKG "\"><Relationship Id=\"rId1\" "
                     "Type=\"" EMB_NS_R "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>" },
    { "xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                         "xmlns:r=\"" EMB_NS_R "\"><sheets><sheet name=\"정산\" sheetId=\"1\" r:id=\"rId1\"/>"
                         "</sheets></workbook>" },
    { "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" EMB_NS_PKG "\"><Relationship Id=\"rId1\" "
                                    "Type=\"" EMB_NS_R "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                                    "</Relationships>" },
    { "xl/worksheets/sheet1.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                  "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>위탁 수수료</t></is></c>"
                                  "<c r=\"B1\"><v>1500000</v></c></row></sheetData></worksheet>" },
  };
  const char *document_xml =
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
    "<w:p><w:r><w:t>정산표를 붙입니다.</w:t></w:r></w:p></w:body></w:document>";
  const char *word_rels =
    "<Relationships xmlns=\"" EMB_NS_PKG "\"><Relationship Id=\"rId1\" "
    "Type=\"" EMB_NS_R "/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
  gint64 id;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    tu_zip_add (sheet, parts[i][0], -1, parts[i][1], strlen (parts[i][1]), TU_ZIP_DEFLATE);
  xlsx = tu_zip_finish (sheet);
  tu_zip_add (word, "_rels/.rels", -1, word_rels, strlen (word_rels), TU_ZIP_DEFLATE);
  tu_zip_add (word, "word/document.xml", -1, document_xml, strlen (document_xml), TU_ZIP_DEFLATE);
  tu_zip_add (word, "word/media/image1.png", -1, "\x89PNG\r\n\x1a\n", 8, TU_ZIP_STORE);
  tu_zip_add (word, "word/embeddings/Microsoft_Excel_Worksheet.xlsx", -1,
              g_bytes_get_data (xlsx, NULL), g_bytes_get_size (xlsx), TU_ZIP_DEFLATE);
  docx = tu_zip_finish (word);
  id = import_bytes (f, "정산 검토.docx", g_bytes_get_data (docx, NULL), g_bytes_get_size (docx));
  read_all (f, NULL);

  text = text_of (f, id);
  g_assert_cmpstr (text, ==, "정산표를 붙입니다.\n");
  children = cf_case_list_children (f->kase, id, &error);
  g_assert_no_error (error);
  /* The workbook, not the picture the page shows. */
  g_assert_cmpuint (children->len, ==, 1);
  {
    CfDocument *child = g_ptr_array_index (children, 0);

    g_assert_cmpstr (cf_document_get_name (child), ==, "Microsoft_Excel_Worksheet.xlsx");
    g_assert_cmpstr (cf_document_get_source (child), ==, "정산 검토.docx!/Microsoft_Excel_Worksheet.xlsx");
    g_assert_cmpstr (cf_document_get_mime_type (child), ==,
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    g_assert_cmpint (cf_document_get_parent_id (child), ==, id);
    g_assert_cmpuint (cf_document_get_size (child), ==, g_bytes_get_size (xlsx));
    g_assert_cmpstr (cf_document_get_text_status (child), ==, "ok");
    sheet_text = text_of (f, cf_document_get_id (child));
    g_assert_cmpstr (sheet_text, ==, "위탁 수수료\t1500000\n");
    grandchildren = cf_case_list_children (f->kase, cf_document_get_id (child), &error);
    g_assert_cmpuint (grandchildren->len, ==, 0);
  }
  tu_assert_fsck_clean (f->kase);
#undef EMB_NS_PKG
#undef EMB_NS_R
}

/* The folder of preview pictures goes when the process ends, with what a
 * caller left in it. */
static void
test_preview_folder_removed_at_exit (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *note = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *abandoned = NULL;
  g_autofree char *living = NULL;

  if (g_test_subprocess ())
    {
      /* The child draws a picture, says where, and ends. */
      const char *parent_dir = g_getenv ("CASEFILE_TEST_DIR");
      g_autofree char *image = g_build_filename (parent_dir, "사진.png", NULL);
      g_autofree char *child_note = g_build_filename (parent_dir, "folder.txt", NULL);
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
      g_autoptr(CfRendering) picture = NULL;
      g_autoptr(GError) error = NULL;

      gdk_pixbuf_fill (pixbuf, 0x3366ccff);
      g_assert_true (gdk_pixbuf_save (pixbuf, image, "png", &error, NULL));
      picture = cf_render_page (image, "image/png", 1, 32, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_test (picture->png_path, G_FILE_TEST_EXISTS));
      tu_write_text (child_note, cf_render_get_folder ());
      return;
    }
  dir = tu_temp_dir ();
  note = g_build_filename (dir, "folder.txt", NULL);

  /* Folders left by a process that was killed go when the next one makes
   * its own; one whose process still runs (this one) stays. */
  {
    const char *argv[] = { "true", NULL };
    GPid dead_pid;

    g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                  G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                  &dead_pid, NULL));
    waitpid (dead_pid, NULL, 0);
    abandoned = g_strdup_printf ("%s/casefile-preview-%d-test01", g_get_tmp_dir (), (int) dead_pid);
    living = g_strdup_printf ("%s/casefile-preview-%d-test02", g_get_tmp_dir (), (int) getpid ());
    for (guint i = 0; i < 2; i++)
      {
        const char *folder_path = i == 0 ? abandoned : living;
        g_autofree char *page = g_build_filename (folder_path, "page-1.png", NULL);

        tu_mkdir (folder_path);
        tu_write_text (page, "a picture of a confidential page");
      }
  }

  g_setenv ("CASEFILE_TEST_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_get_contents (note, &folder, NULL, NULL));
  g_assert_true (g_str_has_prefix (folder, g_get_tmp_dir ()));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (abandoned, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (living, G_FILE_TEST_IS_DIR));
  tu_rm_rf (living);
  tu_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *zip_dir = NULL;
  g_autofree char *zip_path = NULL;

  tu_init (&argc, &argv);
  /* Set before any thread exists: the fake reader finds its ZIP here. */
  zip_dir = tu_temp_dir ();
  zip_path = g_build_filename (zip_dir, "attachment.zip", NULL);
  g_setenv ("FAKE_EXTRACT_ZIP", zip_path, TRUE);
  /* G_TEST_BUILDDIR is the build folder of tests/ (see tests/meson.build). */
  fake_reader = g_test_build_filename (G_TEST_BUILT, "core", "fake-extract", NULL);
  g_test_add_func ("/extraction/preview-folder-removed-at-exit", test_preview_folder_removed_at_exit);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/extraction/pdf", test_pdf);
  ADD ("/extraction/encrypted-pdf", test_encrypted_pdf);
  ADD ("/extraction/text-encodings", test_text_encodings);
  ADD ("/extraction/photo-exif", test_photo_exif);
  ADD ("/extraction/containment", test_containment);
  ADD ("/extraction/children-reading-again", test_children_and_reading_again);
  ADD ("/extraction/embedded-workbook", test_embedded_workbook);
#undef ADD
  return g_test_run ();
}
