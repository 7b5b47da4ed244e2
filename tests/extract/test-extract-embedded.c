/* test-extract-embedded.c — documents embedded in documents become
 * children: a Word document holding a workbook and a PDF wrapped in an
 * OLE Packager object (Korean names, Unicode and CP949), an OpenDocument
 * text holding a spreadsheet object, a formula and an Acrobat OLE object,
 * an HWPX holding a picture and an OLE object; layout pictures never
 * become children. Hostile ones: a damaged Packager stream, an OLE file
 * that is garbage after its signature, a cut member, and more embedded
 * objects than the cap. */
#include "test-util.h"
#include "test-fixtures.h"
#include "office-fixtures.h"

#include <string.h>

#define DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define ODT "application/vnd.oasis.opendocument.text"
#define ODS "application/vnd.oasis.opendocument.spreadsheet"
#define HWPX "application/hwp+zip"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_S "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL NS_R "/"

#define ODF_NS \
  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
  "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" " \
  "xmlns:xlink=\"http://www.w3.org/1999/xlink\""

static const char pdf_bytes[] =
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% \xff\xfe binary \x01\x02\x03\ntrailer << >>\n%%EOF\n";
static const guint8 png_bytes[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H' };

/* Children ------------------------------------------------------------------ */


static GBytes *
child_bytes (OfRun *run,
             guint  i)
{
  g_autofree char *path = of_child_path (run, i);
  gsize len;
  char *data = tu_read_file (path, &len);

  return g_bytes_new_take (data, len);
}

static void
assert_child_bytes (OfRun      *run,
                    guint       i,
                    const void *expected,
                    gsize       len)
{
  g_autoptr(GBytes) bytes = child_bytes (run, i);

  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, len);
}

/* Only child-* files and the result: no scratch file left behind. */
static void
assert_no_scratch (OfRun *run)
{
  g_autoptr(GDir) dir = g_dir_open (run->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "scratch-"));
}

/* Fixtures ------------------------------------------------------------------- */

static void
add (TuZip      *zip,
     const char *name,
     const char *xml)
{
  tu_zip_add (zip, name, -1, xml, strlen (xml), TU_ZIP_DEFLATE | TU_ZIP_UTF8_FLAG);
}

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
put_unicode (GByteArray *a,
             const char *utf8)
{
  glong n = 0;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);

  put32 (a, n);
  for (glong i = 0; i < n; i++)
    put16 (a, utf16[i]);
}

/* A Packager's \001Ole10Native stream. label and path are written in
 * CP949 (as Korean Windows does), and again as UTF-16 when unicode. */
static GBytes *
ole10native (const char *label,
             const char *path,
             const void *data,
             gsize       len,
             gboolean    unicode)
{
  GByteArray *body = g_byte_array_new ();
  GByteArray *stream = g_byte_array_new ();
  g_autofree char *ansi_label = NULL;
  g_autofree char *ansi_path = NULL;
  const char *temp = "C:\\Temp\\pkg.tmp";
  gsize n;

  ansi_label = tu_to_cp949 (label, &n);
  put16 (body, 2);
  g_byte_array_append (body, (const guint8 *) ansi_label, n + 1);
  ansi_path = tu_to_cp949 (path, &n);
  g_byte_array_append (body, (const guint8 *) ansi_path, n + 1);
  put32 (body, 0x00030000);
  put32 (body, strlen (temp) + 1);
  g_byte_array_append (body, (const guint8 *) temp, strlen (temp) + 1);
  put32 (body, len);
  g_byte_array_append (body, data, len);
  if (unicode)
    {
      put_unicode (body, temp);
      put_unicode (body, label);
      put_unicode (body, path);
    }
  put32 (stream, body->len);
  g_byte_array_append (stream, body->data, body->len);
  g_byte_array_unref (body);
  return g_byte_array_free_to_bytes (stream);
}

/* \001CompObj naming the object's ProgID. */
static GBytes *
compobj (const char *prog_id)
{
  GByteArray *a = g_byte_array_new ();
  const char *user_type = "OLE Package";
  guint8 header[28] = { 1, 0, 0xFE, 0xFF, 3, 0x0A, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF };

  g_byte_array_append (a, header, sizeof header);
  put32 (a, strlen (user_type) + 1);
  g_byte_array_append (a, (const guint8 *) user_type, strlen (user_type) + 1);
  put32 (a, 0);
  put32 (a, strlen (prog_id) + 1);
  g_byte_array_append (a, (const guint8 *) prog_id, strlen (prog_id) + 1);
  return g_byte_array_free_to_bytes (a);
}

static GBytes *
package_object (GBytes *native)
{
  g_autoptr(GBytes) comp = compobj ("Package");
  OfOleEntry entries[] = { { "\001CompObj", comp }, { "\001Ole10Native", native } };

  return of_ole_build (entries, G_N_ELEMENTS (entries));
}

/* A small workbook: one sheet, a Korean and a number cell. */
static GBytes *
make_xlsx (void)
{
  TuZip *zip = tu_zip_new ();

  add (zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
  add (zip, "_rels/.rels",
       "<Relationships xmlns=\"" NS_PKG "\">"
       "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"xl/workbook.xml\"/>"
       "</Relationships>");
  add (zip, "xl/workbook.xml",
       "<workbook xmlns=\"" NS_S "\" xmlns:r=\"" NS_R "\"><sheets>"
       "<sheet name=\"정산\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  add (zip, "xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"" NS_PKG "\">"
       "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
       "</Relationships>");
  add (zip, "xl/worksheets/sheet1.xml",
       "<worksheet xmlns=\"" NS_S "\"><sheetData>"
       "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>위탁 수수료</t></is></c>"
       "<c r=\"B1\"><v>1500000</v></c></row></sheetData></worksheet>");
  return tu_zip_finish (zip);
}

static TuZip *
make_docx (void)
{
  TuZip *zip = tu_zip_new ();

  add (zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
  add (zip, "_rels/.rels",
       "<Relationships xmlns=\"" NS_PKG "\">"
       "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"word/document.xml\"/>"
       "</Relationships>");
  add (zip, "word/document.xml",
       "<w:document xmlns:w=\"" NS_W "\"><w:body>"
       "<w:p><w:r><w:t>첨부한 정산표와 보고서를 보십시오.</w:t></w:r></w:p>"
       "</w:body></w:document>");
  /* A picture the page shows: layout, not a document. */
  tu_zip_add (zip, "word/media/image1.png", -1, png_bytes, sizeof png_bytes, TU_ZIP_STORE);
  return zip;
}

/* OOXML ----------------------------------------------------------------------- */

static void
test_docx_embeds (void)
{
  g_autoptr(GBytes) xlsx = make_xlsx ();
  g_autoptr(GBytes) native = ole10native ("보고서.pdf", "C:\\Users\\김\\Desktop\\보고서 최종.pdf",
                                          pdf_bytes, sizeof pdf_bytes - 1, TRUE);
  g_autoptr(GBytes) package = package_object (native);
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(OfRun) run = NULL;
  g_autoptr(OfRun) sheet = NULL;
  g_autofree char *sheet_path = NULL;
  TuZip *zip = make_docx ();

  tu_zip_add (zip, "word/embeddings/Microsoft_Excel_Worksheet.xlsx", -1,
              g_bytes_get_data (xlsx, NULL), g_bytes_get_size (xlsx), TU_ZIP_DEFLATE);
  tu_zip_add (zip, "word/embeddings/oleObject1.bin", -1,
              g_bytes_get_data (package, NULL), g_bytes_get_size (package), TU_ZIP_DEFLATE);
  tu_zip_add (zip, "word/media/image2.emf", -1, "\x01\0\0\0", 4, TU_ZIP_STORE);
  docx = tu_zip_finish (zip);
  run = of_extract_bytes (docx, DOCX, "정산 검토.docx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, "첨부한 정산표와 보고서를 보십시오.\n");
  g_assert_cmpuint (of_n_children (run), ==, 2);

  g_assert_cmpstr (of_child_string (run, 0, "name"), ==, "Microsoft_Excel_Worksheet.xlsx");
  g_assert_cmpstr (of_child_string (run, 0, "type"), ==, XLSX);
  g_assert_cmpstr (of_child_string (run, 0, "kind"), ==, "embedded");
  assert_child_bytes (run, 0, g_bytes_get_data (xlsx, NULL), g_bytes_get_size (xlsx));

  /* The Packager object gives the file it packs, under the name it had
   * on the author's desktop (the path's, from the Unicode copy). */
  g_assert_cmpstr (of_child_string (run, 1, "name"), ==, "보고서 최종.pdf");
  g_assert_cmpstr (of_child_string (run, 1, "type"), ==, "application/pdf");
  assert_child_bytes (run, 1, pdf_bytes, sizeof pdf_bytes - 1);
  assert_no_scratch (run);

  /* The workbook child is a document of its own. */
  sheet_path = of_child_path (run, 0);
  sheet = of_extract (sheet_path, XLSX);
  g_assert_cmpstr (of_status (sheet), ==, "ok");
  g_assert_cmpstr (sheet->text, ==, "위탁 수수료\t1500000\n");
}

/* Older Packager objects have only the ANSI strings, in the code page of
 * the writer's Windows: CP949 in Korea. Without a path the label names the
 * file. */
static void
test_package_ansi_names (void)
{
  g_autoptr(GBytes) native = ole10native ("똠방각하 계약.pdf", "", pdf_bytes, sizeof pdf_bytes - 1, FALSE);
  g_autoptr(GBytes) package = package_object (native);
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(OfRun) run = NULL;
  TuZip *zip = make_docx ();

  tu_zip_add (zip, "xl/embeddings/oleObject7.bin", -1,
              g_bytes_get_data (package, NULL), g_bytes_get_size (package), TU_ZIP_STORE);
  docx = tu_zip_finish (zip);
  run = of_extract_bytes (docx, DOCX, "ansi.docx");

  g_assert_cmpuint (of_n_children (run), ==, 1);
  g_assert_cmpstr (of_child_string (run, 0, "name"), ==, "똠방각하 계약.pdf");
  assert_child_bytes (run, 0, pdf_bytes, sizeof pdf_bytes - 1);
}

/* OLE objects that are documents themselves, or hold one elsewhere than a
 * Packager stream; an equation is typeset text. */
static void
test_ole_objects (void)
{
  g_autoptr(GBytes) pdf = g_bytes_new_static (pdf_bytes, sizeof pdf_bytes - 1);
  g_autoptr(GBytes) junk = g_bytes_new_static ("0123456789abcdef", 16);
  g_autoptr(GBytes) xlsx = make_xlsx ();
  g_autoptr(GBytes) acro_comp = compobj ("AcroExch.Document.DC");
  g_autoptr(GBytes) excel_comp = compobj ("Excel.Sheet.12");
  g_autoptr(GBytes) eq_comp = compobj ("Equation.3");
  OfOleEntry acrobat_entries[] = { { "\001CompObj", acro_comp }, { "CONTENTS", pdf } };
  OfOleEntry excel_entries[] = { { "\001CompObj", excel_comp }, { "Package", xlsx } };
  OfOleEntry word_entries[] = { { "WordDocument", junk }, { "1Table", junk } };
  OfOleEntry equation_entries[] = { { "\001CompObj", eq_comp }, { "Equation Native", junk } };
  OfOleEntry other_entries[] = { { "Contents", junk } };
  g_autoptr(GBytes) acrobat = of_ole_build (acrobat_entries, G_N_ELEMENTS (acrobat_entries));
  g_autoptr(GBytes) excel = of_ole_build (excel_entries, G_N_ELEMENTS (excel_entries));
  g_autoptr(GBytes) word = of_ole_build (word_entries, G_N_ELEMENTS (word_entries));
  g_autoptr(GBytes) equation = of_ole_build (equation_entries, G_N_ELEMENTS (equation_entries));
  g_autoptr(GBytes) other = of_ole_build (other_entries, G_N_ELEMENTS (other_entries));
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(OfRun) run = NULL;
  TuZip *zip = make_docx ();
  GBytes *objects[] = { acrobat, excel, word, equation, other };

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autofree char *name = g_strdup_printf ("ppt/embeddings/oleObject%u.bin", i + 1);

      tu_zip_add (zip, name, -1, g_bytes_get_data (objects[i], NULL), g_bytes_get_size (objects[i]),
                  TU_ZIP_DEFLATE);
    }
  docx = tu_zip_finish (zip);
  run = of_extract_bytes (docx, DOCX, "objects.docx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpuint (of_n_children (run), ==, 4);
  g_assert_cmpstr (of_child_string (run, 0, "name"), ==, "oleObject1.pdf");
  assert_child_bytes (run, 0, pdf_bytes, sizeof pdf_bytes - 1);
  g_assert_cmpstr (of_child_string (run, 1, "name"), ==, "oleObject2.xlsx");
  assert_child_bytes (run, 1, g_bytes_get_data (xlsx, NULL), g_bytes_get_size (xlsx));
  /* A Word 97 object is the document itself. */
  g_assert_cmpstr (of_child_string (run, 2, "name"), ==, "oleObject3.doc");
  assert_child_bytes (run, 2, g_bytes_get_data (word, NULL), g_bytes_get_size (word));
  /* Unknown: kept as it is, under its own name. */
  g_assert_cmpstr (of_child_string (run, 3, "name"), ==, "oleObject5.bin");
  g_assert_cmpstr (of_child_string (run, 3, "type"), ==, "application/x-ole-storage");
  assert_child_bytes (run, 3, g_bytes_get_data (other, NULL), g_bytes_get_size (other));
  assert_no_scratch (run);
}

/* OpenDocument -------------------------------------------------------------- */

static GBytes *
make_odt_with_objects (void)
{
  TuZip *zip = tu_zip_new ();
  g_autoptr(GBytes) pdf = g_bytes_new_static (pdf_bytes, sizeof pdf_bytes - 1);
  g_autoptr(GBytes) comp = compobj ("AcroExch.Document.DC");
  OfOleEntry acrobat_entries[] = { { "\001CompObj", comp }, { "CONTENTS", pdf } };
  g_autoptr(GBytes) acrobat = of_ole_build (acrobat_entries, G_N_ELEMENTS (acrobat_entries));

  tu_zip_add (zip, "mimetype", -1, ODT, strlen (ODT), TU_ZIP_STORE);
  add (zip, "content.xml",
       "<office:document-content " ODF_NS "><office:body><office:text>"
       "<text:p>정산 내역은 아래 표와 같다.</text:p>"
       "<text:p><draw:frame draw:name=\"Object 1\">"
       "<draw:object xlink:href=\"./Object 1\" xlink:type=\"simple\"/>"
       "<draw:image xlink:href=\"./ObjectReplacements/Object 1\"/></draw:frame></text:p>"
       "<text:p><draw:frame><draw:object xlink:href=\"./Object 2\"/>"
       "<draw:image xlink:href=\"./ObjectReplacements/Object 2\"/></draw:frame></text:p>"
       "<text:p><draw:frame><draw:object-ole xlink:href=\"./Object 3\"/></draw:frame></text:p>"
       /* Links out of the package are never followed. */
       "<text:p><draw:frame><draw:object xlink:href=\"../secret\"/></draw:frame>"
       "<draw:frame><draw:object xlink:href=\"file:///etc/passwd\"/></draw:frame></text:p>"
       "</office:text></office:body></office:document-content>");
  add (zip, "META-INF/manifest.xml",
       "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
       "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"" ODT "\"/>"
       "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
       "<manifest:file-entry manifest:full-path=\"Object 1/\" manifest:media-type=\"" ODS "\"/>"
       "<manifest:file-entry manifest:full-path=\"Object 3\" manifest:media-type=\"application/vnd.sun.star.oleobject\"/>"
       "</manifest:manifest>");
  /* A spreadsheet object. */
  add (zip, "Object 1/content.xml",
       "<office:document-content " ODF_NS "><office:body><office:spreadsheet>"
       "<table:table table:name=\"시트1\"><table:table-row>"
       "<table:table-cell><text:p>수탁자</text:p></table:table-cell>"
       "<table:table-cell><text:p>PG사</text:p></table:table-cell>"
       "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>");
  add (zip, "Object 1/styles.xml", "<office:document-styles " ODF_NS "/>");
  tu_zip_add (zip, "ObjectReplacements/Object 1", -1, png_bytes, sizeof png_bytes, TU_ZIP_STORE);
  /* A formula (no manifest entry: its content says it is MathML). */
  add (zip, "Object 2/content.xml",
       "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math>");
  tu_zip_add (zip, "ObjectReplacements/Object 2", -1, png_bytes, sizeof png_bytes, TU_ZIP_STORE);
  /* An Acrobat object. */
  tu_zip_add (zip, "Object 3", -1, g_bytes_get_data (acrobat, NULL), g_bytes_get_size (acrobat),
              TU_ZIP_DEFLATE);
  tu_zip_add (zip, "Pictures/logo.png", -1, png_bytes, sizeof png_bytes, TU_ZIP_STORE);
  return tu_zip_finish (zip);
}

static void
test_odt_embeds (void)
{
  g_autoptr(GBytes) odt = make_odt_with_objects ();
  g_autoptr(OfRun) run = of_extract_bytes (odt, ODT, "정산.odt");
  g_autoptr(OfRun) sheet = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autofree char *sheet_path = NULL;
  const char *data;

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, "정산 내역은 아래 표와 같다.\n");
  g_assert_cmpuint (of_n_children (run), ==, 2);
  g_assert_cmpstr (of_child_string (run, 0, "name"), ==, "Object 1.ods");
  g_assert_cmpstr (of_child_string (run, 0, "type"), ==, ODS);
  g_assert_cmpstr (of_child_string (run, 1, "name"), ==, "Object 3.pdf");
  assert_child_bytes (run, 1, pdf_bytes, sizeof pdf_bytes - 1);

  /* The object folder became a package of its own: its type first,
   * stored, where OpenDocument readers look for it… */
  package = child_bytes (run, 0);
  data = g_bytes_get_data (package, NULL);
  g_assert_cmpmem (data, 4, "PK\003\004", 4);
  g_assert_cmpint (data[8], ==, 0);   /* stored */
  g_assert_cmpmem (data + 30, 8, "mimetype", 8);
  g_assert_cmpmem (data + 38, strlen (ODS), ODS, strlen (ODS));
  /* …that reads like any spreadsheet. */
  sheet_path = of_child_path (run, 0);
  sheet = of_extract (sheet_path, ODS);
  g_assert_cmpstr (of_status (sheet), ==, "ok");
  g_assert_cmpstr (sheet->text, ==, "수탁자\tPG사\n");
  assert_no_scratch (run);
}

/* HWPX -------------------------------------------------------------------------- */

static void
test_hwpx_embeds (void)
{
  TuZip *zip = tu_zip_new ();
  g_autoptr(GBytes) xlsx = make_xlsx ();
  g_autoptr(GBytes) native = ole10native ("정산표.xlsx", "D:\\자료\\정산표.xlsx", g_bytes_get_data (xlsx, NULL),
                                          g_bytes_get_size (xlsx), TRUE);
  g_autoptr(GBytes) package = package_object (native);
  g_autoptr(GBytes) hwpx = NULL;
  g_autoptr(GByteArray) prefixed = g_byte_array_new ();
  g_autoptr(OfRun) run = NULL;

  tu_zip_add (zip, "mimetype", -1, HWPX, strlen (HWPX), TU_ZIP_STORE);
  add (zip, "Contents/section0.xml",
       "<hs:sec xmlns:hs=\"http://www.hancom.co.kr/hwpml/2011/section\" "
       "xmlns:hp=\"http://www.hancom.co.kr/hwpml/2011/paragraph\">"
       "<hp:p><hp:run><hp:t>정산표를 붙입니다.</hp:t></hp:run></hp:p></hs:sec>");
  tu_zip_add (zip, "BinData/image1.png", -1, png_bytes, sizeof png_bytes, TU_ZIP_STORE);
  /* A picture under another name is still a picture. */
  tu_zip_add (zip, "BinData/image2.dat", -1, png_bytes, sizeof png_bytes, TU_ZIP_STORE);
  tu_zip_add (zip, "BinData/ole1.ole", -1, g_bytes_get_data (package, NULL), g_bytes_get_size (package),
              TU_ZIP_DEFLATE);
  /* As HWP writes them: the object's size first. */
  {
    guint8 size[4];
    guint32 len = g_bytes_get_size (package);

    size[0] = len & 0xFF;
    size[1] = (len >> 8) & 0xFF;
    size[2] = (len >> 16) & 0xFF;
    size[3] = len >> 24;
    g_byte_array_append (prefixed, size, 4);
    g_byte_array_append (prefixed, g_bytes_get_data (package, NULL), len);
  }
  tu_zip_add (zip, "BinData/ole2.OLE", -1, prefixed->data, prefixed->len, TU_ZIP_DEFLATE);
  hwpx = tu_zip_finish (zip);
  run = of_extract_bytes (hwpx, HWPX, "붙임.hwpx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, "정산표를 붙입니다.\n");
  g_assert_cmpuint (of_n_children (run), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpstr (of_child_string (run, i, "name"), ==, "정산표.xlsx");
      assert_child_bytes (run, i, g_bytes_get_data (xlsx, NULL), g_bytes_get_size (xlsx));
    }
}

/* Hostile ------------------------------------------------------------------------- */

static void
test_damaged_objects (void)
{
  g_autoptr(GBytes) good = ole10native ("a.pdf", "C:\\a.pdf", pdf_bytes, sizeof pdf_bytes - 1, TRUE);
  g_autoptr(GBytes) cut = NULL;
  g_autoptr(GBytes) cut_package = NULL;
  g_autoptr(GBytes) xlsx = make_xlsx ();
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(OfRun) run = NULL;
  g_autoptr(GByteArray) fake_ole = g_byte_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  TuZip *zip = make_docx ();
  gsize len;
  const guint8 *data = g_bytes_get_data (good, &len);

  /* A Packager stream whose file is cut: the data size says more than
   * there is. The object stays, as it is. */
  cut = g_bytes_new (data, 40);
  cut_package = package_object (cut);
  tu_zip_add (zip, "word/embeddings/oleObject1.bin", -1, g_bytes_get_data (cut_package, NULL),
              g_bytes_get_size (cut_package), TU_ZIP_DEFLATE);
  /* The OLE signature, then garbage. */
  g_byte_array_append (fake_ole, (const guint8 *) "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  for (guint i = 0; i < 4096; i++)
    {
      guint8 b = g_rand_int_range (rand, 0, 256);

      g_byte_array_append (fake_ole, &b, 1);
    }
  tu_zip_add (zip, "word/embeddings/oleObject2.bin", -1, fake_ole->data, fake_ole->len, TU_ZIP_DEFLATE);
  /* A workbook whose CRC does not match: not made a child. */
  tu_zip_add (zip, "word/embeddings/broken.xlsx", -1, g_bytes_get_data (xlsx, NULL),
              g_bytes_get_size (xlsx), TU_ZIP_DEFLATE | TU_ZIP_BAD_CRC);
  tu_zip_add (zip, "word/embeddings/empty.bin", -1, "", 0, TU_ZIP_STORE);
  docx = tu_zip_finish (zip);
  run = of_extract_bytes (docx, DOCX, "damaged.docx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, "첨부한 정산표와 보고서를 보십시오.\n");
  g_assert_cmpuint (of_n_children (run), ==, 2);
  g_assert_cmpstr (of_child_string (run, 0, "name"), ==, "oleObject1.bin");
  assert_child_bytes (run, 0, g_bytes_get_data (cut_package, NULL), g_bytes_get_size (cut_package));
  g_assert_true (of_has_warning (run, "embedded-package"));
  g_assert_cmpstr (of_child_string (run, 1, "name"), ==, "oleObject2.bin");
  assert_child_bytes (run, 1, fake_ole->data, fake_ole->len);
  g_assert_true (of_has_warning (run, "embedded-damaged"));
  g_assert_true (of_has_warning (run, "embedded-unreadable"));
  g_assert_true (of_has_warning (run, "embedded-empty"));
  assert_no_scratch (run);
}

static void
test_too_many_objects (void)
{
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(OfRun) run = NULL;
  TuZip *zip = make_docx ();

  for (guint i = 0; i < 10001; i++)
    {
      g_autofree char *name = g_strdup_printf ("word/embeddings/n%05u.txt", i);
      g_autofree char *text = g_strdup_printf ("%u", i);

      tu_zip_add (zip, name, -1, text, strlen (text), TU_ZIP_STORE);
    }
  docx = tu_zip_finish (zip);
  run = of_extract_bytes (docx, DOCX, "many.docx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpuint (of_n_children (run), ==, 10000);
  g_assert_cmpstr (of_child_string (run, 9999, "name"), ==, "n09999.txt");
  g_assert_true (of_has_warning (run, "children-cap"));
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/extract/embedded/docx", test_docx_embeds);
  g_test_add_func ("/extract/embedded/package-ansi-names", test_package_ansi_names);
  g_test_add_func ("/extract/embedded/ole-objects", test_ole_objects);
  g_test_add_func ("/extract/embedded/odt", test_odt_embeds);
  g_test_add_func ("/extract/embedded/hwpx", test_hwpx_embeds);
  g_test_add_func ("/extract/embedded/hostile/damaged", test_damaged_objects);
  g_test_add_func ("/extract/embedded/hostile/too-many", test_too_many_objects);
  return g_test_run ();
}
