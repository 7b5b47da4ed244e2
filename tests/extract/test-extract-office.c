/* test-extract-office.c — the Office readers of casefile-extract on
 * documents the test writes itself: Word, Excel and PowerPoint (OOXML),
 * OpenDocument text, spreadsheet, presentation and flat XML, legacy
 * Word/Excel/PowerPoint (OLE, properties only), password-protected files;
 * and hostile ones: garbage under Office names, an XML billion-laughs bomb
 * (also in UTF-16), an external entity, absurd nesting, a cut ZIP. */
#include "test-util.h"
#include "test-fixtures.h"
#include "office-fixtures.h"

#include <string.h>

#define DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define PPTX "application/vnd.openxmlformats-officedocument.presentationml.presentation"
#define ODT "application/vnd.oasis.opendocument.text"
#define ODS "application/vnd.oasis.opendocument.spreadsheet"
#define ODP "application/vnd.oasis.opendocument.presentation"
#define FODT "application/vnd.oasis.opendocument.text-flat-xml"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_S "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_P "http://schemas.openxmlformats.org/presentationml/2006/main"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL NS_R "/"

#define ODF_NS \
  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
  "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" " \
  "xmlns:presentation=\"urn:oasis:names:tc:opendocument:xmlns:presentation:1.0\" " \
  "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" " \
  "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" " \
  "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""

/* 2018-04-02T09:30:00Z */
#define CREATED 1522661400

static void
add (TuZip      *zip,
     const char *name,
     const char *xml)
{
  tu_zip_add (zip, name, -1, xml, strlen (xml), TU_ZIP_DEFLATE | TU_ZIP_UTF8_FLAG);
}

static const char core_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
  "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
  "<dc:title>개인정보 처리위탁 계약서</dc:title><dc:creator>김변호 (Kim)</dc:creator>"
  "<cp:lastModifiedBy>이사무</cp:lastModifiedBy>"
  "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2018-04-02T09:30:00Z</dcterms:created>"
  "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2018-05-01T10:00:00Z</dcterms:modified>"
  "</cp:coreProperties>";

static const char package_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Relationships xmlns=\"" NS_PKG "\">"
  "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"%s\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"" REL "extended-properties\" Target=\"docProps/app.xml\"/>"
  "</Relationships>";

/* A Word document: paragraphs, a tab and a line break, a table with an
 * empty cell, a tracked deletion, a text box stored twice (DrawingML and
 * its VML fallback), a footnote and a header. */
static TuZip *
make_docx_raw (const char *document_xml,
               gssize      len)
{
  TuZip *zip = tu_zip_new ();
  g_autofree char *rels = g_strdup_printf (package_rels, "word/document.xml");
  const char *body = document_xml ? document_xml :
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document xmlns:w=\"" NS_W "\" xmlns:mc=\"" NS_MC "\">"
    "<w:body>"
    "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
    "<w:r><w:t>위수탁 계약서</w:t></w:r></w:p>"
    "<w:p><w:r><w:t xml:space=\"preserve\">Entrustment </w:t></w:r>"
    "<w:r><w:tab/><w:t>agreement</w:t><w:br/><w:t>not leakage</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A1</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc>"
    "<w:tc><w:p><w:r><w:t>C1</w:t></w:r></w:p><w:p><w:r><w:t>둘째</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:p><w:r><w:t>A2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:del><w:r><w:delText>지운 글</w:delText></w:r></w:del><w:r><w:t>남은 글</w:t></w:r>"
    "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
    "<w:p><w:r><w:t>본문</w:t></w:r><w:r><mc:AlternateContent>"
    "<mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent><w:p><w:r><w:t>글상자</w:t></w:r></w:p>"
    "</w:txbxContent></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>글상자</w:t></w:r></w:p></w:txbxContent>"
    "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    "</w:body></w:document>";

  add (zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
  add (zip, "_rels/.rels", rels);
  tu_zip_add (zip, "word/document.xml", -1, body, len < 0 ? strlen (body) : (gsize) len, TU_ZIP_DEFLATE);
  add (zip, "word/_rels/document.xml.rels",
       "<Relationships xmlns=\"" NS_PKG "\">"
       "<Relationship Id=\"rId7\" Type=\"" REL "header\" Target=\"header1.xml\"/>"
       "<Relationship Id=\"rId8\" Type=\"" REL "footnotes\" Target=\"footnotes.xml\"/>"
       "<Relationship Id=\"rId9\" Type=\"" REL "hyperlink\" Target=\"http://example.com/\" TargetMode=\"External\"/>"
       "</Relationships>");
  add (zip, "word/footnotes.xml",
       "<w:footnotes xmlns:w=\"" NS_W "\"><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
       "<w:footnote w:id=\"1\"><w:p><w:r><w:t>각주 내용</w:t></w:r></w:p></w:footnote></w:footnotes>");
  add (zip, "word/header1.xml",
       "<w:hdr xmlns:w=\"" NS_W "\"><w:p><w:r><w:t>머리글 Casefile</w:t></w:r></w:p></w:hdr>");
  add (zip, "docProps/core.xml", core_xml);
  add (zip, "docProps/app.xml",
       "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
       "<Pages>2</Pages><Application>Microsoft Office Word</Application>"
       "<Company>카사파일 법률사무소</Company></Properties>");
  return zip;
}

static TuZip *
make_docx (const char *document_xml)
{
  return make_docx_raw (document_xml, -1);
}

static void
assert_core_properties (OfRun *run)
{
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "개인정보 처리위탁 계약서");
  g_assert_cmpstr (of_meta_string (run, "author"), ==, "김변호 (Kim)");
  g_assert_cmpstr (of_meta_string (run, "last_modified_by"), ==, "이사무");
  g_assert_cmpstr (of_meta_string (run, "date"), ==, "2018-04-02T09:30:00Z");
  g_assert_cmpstr (of_meta_string (run, "modified"), ==, "2018-05-01T10:00:00Z");
}

static void
test_docx (void)
{
  g_autoptr(GBytes) docx = tu_zip_finish (make_docx (NULL));
  g_autoptr(OfRun) run = of_extract_bytes (docx, DOCX, "계약서.docx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (of_text_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==,
                   "위수탁 계약서\n"
                   "Entrustment \tagreement\nnot leakage\n"
                   "A1\t\tC1 둘째\n"
                   "A2\n"
                   "남은 글\n"
                   "본문글상자\n"
                   "각주 내용\n"
                   "머리글 Casefile\n");
  assert_core_properties (run);
  g_assert_cmpint (of_meta_int (run, "pages"), ==, 2);
  g_assert_cmpstr (of_meta_string (run, "creator"), ==, "Microsoft Office Word");
  g_assert_cmpstr (of_meta_string (run, "company"), ==, "카사파일 법률사무소");
  g_assert_true (of_has_warning (run, "tracked-changes"));
  g_assert_null (strstr (run->text, "지운 글"));
}

/* Word saves .docx bytes under a .doc name; the content decides. */
static void
test_docx_named_doc (void)
{
  g_autoptr(GBytes) docx = tu_zip_finish (make_docx (NULL));
  g_autoptr(OfRun) run = of_extract_bytes (docx, "application/msword", "old-name.doc");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (run->root, "extractor"), ==, "ooxml");
  g_assert_true (g_str_has_prefix (run->text, "위수탁 계약서\n"));
  assert_core_properties (run);
}

static void
test_xlsx (void)
{
  TuZip *zip = tu_zip_new ();
  g_autofree char *rels = g_strdup_printf (package_rels, "xl/workbook.xml");
  g_autoptr(GBytes) xlsx = NULL;
  g_autoptr(OfRun) run = NULL;
  g_autofree char *sheets = NULL;

  add (zip, "_rels/.rels", rels);
  add (zip, "xl/workbook.xml",
       "<workbook xmlns=\"" NS_S "\" xmlns:r=\"" NS_R "\"><sheets>"
       "<sheet name=\"거래내역\" sheetId=\"1\" r:id=\"rId1\"/>"
       "<sheet name=\"Chart\" sheetId=\"3\" r:id=\"rId4\"/>"
       "<sheet name=\"숨김\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
       "</sheets></workbook>");
  add (zip, "xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"" NS_PKG "\">"
       "<Relationship Id=\"rId2\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
       "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
       "<Relationship Id=\"rId4\" Type=\"" REL "chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
       "<Relationship Id=\"rId3\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
       "<Relationship Id=\"rId5\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
       "</Relationships>");
  /* Cell formats: general, built-in date (14), a Korean date and time,
   * money with quoted text, built-in time (20), scientific. Cell styles
   * (cellStyleXfs) are not cell formats. */
  add (zip, "xl/styles.xml",
       "<styleSheet xmlns=\"" NS_S "\"><numFmts count=\"3\">"
       "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;년&quot; m&quot;월&quot; d&quot;일&quot; hh:mm\"/>"
       "<numFmt numFmtId=\"165\" formatCode=\"#,##0&quot; 원 (days)&quot;;[Red]\\-#,##0\"/>"
       "<numFmt numFmtId=\"166\" formatCode=\"0.00E+00\"/></numFmts>"
       "<cellStyleXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellStyleXfs>"
       "<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
       "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"20\"/><xf numFmtId=\"166\"/>"
       "</cellXfs></styleSheet>");
  /* Sheets before the shared strings, as Excel stores them. */
  add (zip, "xl/worksheets/sheet1.xml",
       "<worksheet xmlns=\"" NS_S "\"><sheetData>"
       "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
       "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\"><f>SUM(1,1499)</f><v>1500</v></c>"
       "<c r=\"D2\" t=\"inlineStr\"><is><t>inline 글</t></is></c><c r=\"E2\" t=\"b\"><v>1</v></c></row>"
       "<row r=\"3\"><c r=\"A3\" s=\"1\"/></row>"
       "<row r=\"4\"><c r=\"C4\" t=\"str\"><f>\"C\"</f><v>C only</v></c><c r=\"D4\" t=\"s\"><v>99</v></c></row>"
       "<row r=\"5\"><c r=\"A5\" s=\"1\"><v>43192</v></c><c r=\"B5\" s=\"2\"><v>43192.395833333336</v></c>"
       "<c r=\"C5\" s=\"3\"><v>1500000</v></c><c r=\"D5\" s=\"4\"><v>0.5</v></c>"
       "<c r=\"E5\" s=\"5\"><v>12345</v></c><c r=\"F5\" s=\"1\" t=\"s\"><v>2</v></c>"
       "<c r=\"G5\" s=\"99\"><v>7</v></c></row>"
       "</sheetData></worksheet>");
  add (zip, "xl/worksheets/sheet2.xml",
       "<worksheet xmlns=\"" NS_S "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row>"
       "</sheetData></worksheet>");
  add (zip, "xl/sharedStrings.xml",
       "<sst xmlns=\"" NS_S "\" count=\"4\" uniqueCount=\"4\">"
       "<si><t>고객명</t></si>"
       "<si><r><t>Amo</t></r><r><rPr><b/></rPr><t>unt</t></r><rPh sb=\"0\" eb=\"1\"><t>アマウント</t></rPh></si>"
       "<si><t>홍길동</t></si>"
       "<si><t>숨은 값</t></si></sst>");
  xlsx = tu_zip_finish (zip);
  run = of_extract_bytes (xlsx, XLSX, "거래내역.xlsx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (of_text_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==,
                   "고객명\tAmount\n"
                   "홍길동\t1500\t\tinline 글\tTRUE\n"
                   "\t\tC only\n"
                   "2018-04-02\t2018-04-02 09:30:00\t1500000\t12:00:00\t12345\t홍길동\t7\n"
                   "\f숨은 값\n");
  sheets = of_meta_list (run, "sheets");
  g_assert_cmpstr (sheets, ==, "거래내역|Chart|숨김");
  g_assert_true (of_has_warning (run, "hidden-sheet"));
  /* D4 points past the shared strings: left out, and said. */
  g_assert_true (of_has_warning (run, "ooxml-damaged"));
  g_assert_cmpint (of_meta_int (run, "pages"), ==, -1);
}

static char *
slide_xml (const char *first,
           const char *extra)
{
  return g_strdup_printf ("<p:sld xmlns:p=\"" NS_P "\" xmlns:a=\"" NS_A "\"><p:cSld><p:spTree>"
                          "<p:sp><p:txBody><a:bodyPr/><a:lstStyle/>"
                          "<a:p><a:r><a:t>%s</a:t></a:r><a:br/><a:r><a:t>둘째 줄</a:t></a:r></a:p>"
                          "<a:p><a:fld type=\"slidenum\"><a:t>7</a:t></a:fld></a:p>"
                          "</p:txBody></p:sp>%s</p:spTree></p:cSld></p:sld>", first, extra);
}

static void
test_pptx (void)
{
  TuZip *zip = tu_zip_new ();
  g_autofree char *rels = g_strdup_printf (package_rels, "ppt/presentation.xml");
  g_autofree char *slide1 = slide_xml ("첫 슬라이드", "");
  g_autofree char *slide2 = slide_xml ("Second slide",
                                       "<p:graphicFrame><a:graphic><a:graphicData><a:tbl>"
                                       "<a:tr><a:tc><a:txBody><a:p><a:r><a:t>갑</a:t></a:r></a:p></a:txBody></a:tc>"
                                       "<a:tc><a:txBody><a:p><a:r><a:t>을</a:t></a:r></a:p></a:txBody></a:tc></a:tr>"
                                       "</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
  g_autoptr(GBytes) pptx = NULL;
  g_autoptr(OfRun) run = NULL;

  add (zip, "_rels/.rels", rels);
  /* The presentation's order is not the part names' order. */
  add (zip, "ppt/presentation.xml",
       "<p:presentation xmlns:p=\"" NS_P "\" xmlns:r=\"" NS_R "\"><p:sldIdLst>"
       "<p:sldId id=\"256\" r:id=\"rId9\"/><p:sldId id=\"257\" r:id=\"rId2\"/>"
       "<p:sldId id=\"258\" r:id=\"rId5\"/></p:sldIdLst></p:presentation>");
  add (zip, "ppt/_rels/presentation.xml.rels",
       "<Relationships xmlns=\"" NS_PKG "\">"
       "<Relationship Id=\"rId2\" Type=\"" REL "slide\" Target=\"slides/slide1.xml\"/>"
       "<Relationship Id=\"rId5\" Type=\"" REL "slide\" Target=\"slides/slide3.xml\"/>"
       "<Relationship Id=\"rId9\" Type=\"" REL "slide\" Target=\"slides/slide2.xml\"/>"
       "</Relationships>");
  add (zip, "ppt/slides/slide1.xml", slide2);
  add (zip, "ppt/slides/slide2.xml", slide1);
  add (zip, "ppt/slides/slide3.xml", "<p:sld xmlns:p=\"" NS_P "\"><p:cSld><p:spTree/></p:cSld></p:sld>");
  /* Speaker notes of the first slide: only the body placeholder is read,
   * not the slide image or the slide number of the notes page. */
  add (zip, "ppt/slides/_rels/slide2.xml.rels",
       "<Relationships xmlns=\"" NS_PKG "\">"
       "<Relationship Id=\"rId1\" Type=\"" REL "slideLayout\" Target=\"../slideLayouts/slideLayout1.xml\"/>"
       "<Relationship Id=\"rId2\" Type=\"" REL "notesSlide\" Target=\"../notesSlides/notesSlide1.xml\"/>"
       "</Relationships>");
  add (zip, "ppt/notesSlides/notesSlide1.xml",
       "<p:notes xmlns:p=\"" NS_P "\" xmlns:a=\"" NS_A "\"><p:cSld><p:spTree>"
       "<p:sp><p:nvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr></p:sp>"
       "<p:sp><p:nvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr>"
       "<p:txBody><a:p><a:r><a:t>발표자 메모: 위탁임을 강조</a:t></a:r></a:p></p:txBody></p:sp>"
       "<p:sp><p:nvSpPr><p:nvPr><p:ph type=\"sldNum\" idx=\"5\"/></p:nvPr></p:nvSpPr>"
       "<p:txBody><a:p><a:fld type=\"slidenum\"><a:t>1</a:t></a:fld></a:p></p:txBody></p:sp>"
       "</p:spTree></p:cSld></p:notes>");
  add (zip, "docProps/core.xml", core_xml);
  add (zip, "docProps/app.xml",
       "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
       "<Slides>3</Slides><Pages>99</Pages></Properties>");
  pptx = tu_zip_finish (zip);
  run = of_extract_bytes (pptx, PPTX, "발표.pptx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==,
                   "첫 슬라이드\n둘째 줄\n7\n발표자 메모: 위탁임을 강조\n"
                   "\fSecond slide\n둘째 줄\n7\n갑\t을\n"
                   "\f");
  g_assert_cmpint (of_meta_int (run, "pages"), ==, 3);
  assert_core_properties (run);
}

/* Hundreds of slides, each with notes stored far behind it, among
 * thousands of other members: read in a pass or two, not one per slide. */
static void
test_pptx_many_slides (void)
{
  TuZip *zip = tu_zip_new ();
  g_autofree char *rels = g_strdup_printf (package_rels, "ppt/presentation.xml");
  g_autoptr(GString) list = g_string_new ("<p:presentation xmlns:p=\"" NS_P "\" xmlns:r=\"" NS_R "\"><p:sldIdLst>");
  g_autoptr(GString) links = g_string_new ("<Relationships xmlns=\"" NS_PKG "\">");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GBytes) pptx = NULL;
  g_autoptr(OfRun) run = NULL;
  const guint n = 400;

  add (zip, "_rels/.rels", rels);
  for (guint i = 1; i <= n; i++)
    {
      g_string_append_printf (list, "<p:sldId id=\"%u\" r:id=\"rId%u\"/>", 255 + i, i);
      g_string_append_printf (links, "<Relationship Id=\"rId%u\" Type=\"" REL "slide\" "
                              "Target=\"slides/slide%u.xml\"/>", i, i);
      g_string_append_printf (expected, "%s슬라이드 %u\n메모 %u\n", i > 1 ? "\f" : "", i, i);
    }
  g_string_append (list, "</p:sldIdLst></p:presentation>");
  g_string_append (links, "</Relationships>");
  add (zip, "ppt/presentation.xml", list->str);
  add (zip, "ppt/_rels/presentation.xml.rels", links->str);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("ppt/slides/slide%u.xml", i);
      g_autofree char *xml = g_strdup_printf ("<p:sld xmlns:p=\"" NS_P "\" xmlns:a=\"" NS_A "\"><p:cSld>"
                                              "<p:spTree><p:sp><p:txBody><a:p><a:r><a:t>슬라이드 %u</a:t>"
                                              "</a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>", i);

      add (zip, name, xml);
    }
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("ppt/slides/_rels/slide%u.xml.rels", i);
      g_autofree char *xml = g_strdup_printf ("<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" "
                                              "Type=\"" REL "notesSlide\" Target=\"../notesSlides/notes%u.xml\"/>"
                                              "</Relationships>", i);

      add (zip, name, xml);
    }
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *name = g_strdup_printf ("ppt/media/image%u.png", i);

      tu_zip_add (zip, name, -1, "not really a PNG", 16, TU_ZIP_STORE);
    }
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("ppt/notesSlides/notes%u.xml", i);
      g_autofree char *xml = g_strdup_printf ("<p:notes xmlns:p=\"" NS_P "\" xmlns:a=\"" NS_A "\"><p:cSld><p:spTree>"
                                              "<p:sp><p:nvSpPr><p:nvPr><p:ph type=\"body\"/></p:nvPr></p:nvSpPr>"
                                              "<p:txBody><a:p><a:r><a:t>메모 %u</a:t></a:r></a:p></p:txBody></p:sp>"
                                              "</p:spTree></p:cSld></p:notes>", i);

      add (zip, name, xml);
    }
  pptx = tu_zip_finish (zip);
  run = of_extract_bytes (pptx, PPTX, "many.pptx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpint (of_meta_int (run, "pages"), ==, n);
  g_assert_cmpstr (run->text, ==, expected->str);
  g_assert_cmpfloat (run->seconds, <, 5);
}

static GBytes *
make_odf (const char *mimetype,
          const char *content,
          const char *meta)
{
  TuZip *zip = tu_zip_new ();

  tu_zip_add (zip, "mimetype", -1, mimetype, strlen (mimetype), TU_ZIP_STORE);
  add (zip, "content.xml", content);
  if (meta != NULL)
    add (zip, "meta.xml", meta);
  add (zip, "META-INF/manifest.xml",
       "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
       "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"x\"/>"
       "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
       "</manifest:manifest>");
  return tu_zip_finish (zip);
}

static const char odt_meta[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<office:document-meta " ODF_NS "><office:meta>"
  "<meta:generator>LibreOffice/7.4</meta:generator>"
  "<dc:title>위탁계약 검토의견</dc:title>"
  "<meta:initial-creator>최초 작성자</meta:initial-creator>"
  "<dc:creator>마지막 수정자</dc:creator>"
  "<meta:creation-date>2018-04-02T09:30:00.123456789</meta:creation-date>"
  "<dc:date>2018-04-05T10:00:00</dc:date>"
  "<meta:document-statistic meta:page-count=\"2\" meta:table-count=\"1\"/>"
  "</office:meta></office:document-meta>";

static const char odt_body[] =
  "<office:body><office:text>"
  "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>"
  "<office:change-info><dc:creator>X</dc:creator></office:change-info>"
  "<text:p>지워진 문장</text:p></text:deletion></text:changed-region></text:tracked-changes>"
  "<text:h text:outline-level=\"1\">제1조 (목적)</text:h>"
  "<text:p>이 계약은<text:s text:c=\"3\"/>위탁<text:tab/>업무를 정한다.<text:line-break/>Second line</text:p>"
  "<text:p>주석<office:annotation><dc:creator>박변호사</dc:creator><dc:date>2018-04-03T00:00:00</dc:date>"
  "<text:p>검토 필요</text:p></office:annotation>끝</text:p>"
  "<table:table table:name=\"표1\"><table:table-column table:number-columns-repeated=\"3\"/>"
  "<table:table-row><table:table-cell><text:p>갑</text:p></table:table-cell><table:table-cell/>"
  "<table:table-cell><text:p>을</text:p><text:p>병</text:p></table:table-cell></table:table-row>"
  "</table:table>"
  "<text:p>After the table</text:p>"
  "<text:p>\n      줄바꿈과   공백이\n      접힌다 <text:span>여기</text:span>\n    </text:p>"
  "</office:text></office:body>";

static void
test_odt (void)
{
  g_autofree char *content = g_strconcat ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                          "<office:document-content " ODF_NS ">", odt_body,
                                          "</office:document-content>", NULL);
  g_autoptr(GBytes) odt = make_odf (ODT, content, odt_meta);
  g_autoptr(OfRun) run = of_extract_bytes (odt, ODT, "검토의견.odt");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (of_text_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==,
                   "제1조 (목적)\n"
                   "이 계약은   위탁\t업무를 정한다.\nSecond line\n"
                   "주석 검토 필요 끝\n"
                   "갑\t\t을 병\n"
                   "After the table\n"
                   "줄바꿈과 공백이 접힌다 여기\n");
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "위탁계약 검토의견");
  g_assert_cmpstr (of_meta_string (run, "author"), ==, "최초 작성자");
  g_assert_cmpstr (of_meta_string (run, "last_modified_by"), ==, "마지막 수정자");
  g_assert_cmpstr (of_meta_string (run, "date"), ==, "2018-04-02T09:30:00");
  g_assert_cmpstr (of_meta_string (run, "modified"), ==, "2018-04-05T10:00:00");
  g_assert_cmpstr (of_meta_string (run, "creator"), ==, "LibreOffice/7.4");
  g_assert_cmpint (of_meta_int (run, "pages"), ==, 2);
  g_assert_true (of_has_warning (run, "tracked-changes"));
}

/* Flat OpenDocument: one XML file with the properties, styles and body. */
static void
test_fodt (void)
{
  g_autofree char *doc = g_strconcat ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                      "<office:document " ODF_NS " office:mimetype=\"" ODT "\">"
                                      "<office:meta><dc:title>플랫 문서</dc:title>"
                                      "<dc:creator>작성자</dc:creator></office:meta>"
                                      "<office:styles><style:style style:name=\"Heading\">"
                                      "<text:p>style text that is not the document</text:p>"
                                      "</style:style></office:styles>",
                                      odt_body, "</office:document>", NULL);
  g_autoptr(OfRun) run = of_extract_data (doc, strlen (doc), FODT, "flat.fodt");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_true (g_str_has_prefix (run->text, "제1조 (목적)\n"));
  g_assert_null (strstr (run->text, "style text"));
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "플랫 문서");
  g_assert_cmpstr (of_meta_string (run, "author"), ==, "작성자");
}

/* A spreadsheet says "this empty cell 16,000 times, this empty row a
 * million times": never expanded. */
static void
test_ods (void)
{
  const char *content =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<office:document-content " ODF_NS "><office:body><office:spreadsheet>"
    "<table:table table:name=\"시트1\">"
    "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>이름</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"2\"/>"
    "<table:table-cell office:value-type=\"float\" office:value=\"1500\"><text:p>1,500</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"16380\"/></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"2\">"
    "<table:table-cell table:number-columns-repeated=\"2\"><text:p>x</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"16382\"/></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1048572\">"
    "<table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>"
    "</table:table>"
    "<table:table table:name=\"Sheet2\"><table:table-row><table:table-cell>"
    "<text:p>둘째</text:p><text:p>시트</text:p></table:table-cell></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1000000000\"><table:table-cell>"
    "<text:p>반복</text:p></table:table-cell></table:table-row></table:table>"
    "</office:spreadsheet></office:body></office:document-content>";
  g_autoptr(GBytes) ods = make_odf (ODS, content, NULL);
  g_autoptr(OfRun) run = of_extract_bytes (ods, ODS, "표.ods");
  g_autofree char *sheets = NULL;
  g_autoptr(GString) expected = g_string_new ("이름\t\t\t1,500\nx\tx\nx\tx\n\f둘째 시트\n");

  /* A row repeated a billion times is written a bounded number of times. */
  for (int i = 0; i < 64; i++)
    g_string_append (expected, "반복\n");
  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, expected->str);
  sheets = of_meta_list (run, "sheets");
  g_assert_cmpstr (sheets, ==, "시트1|Sheet2");
  g_assert_cmpfloat (run->seconds, <, 20);
}

static void
test_odp (void)
{
  const char *content =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<office:document-content " ODF_NS "><office:body><office:presentation>"
    "<draw:page draw:name=\"p1\"><draw:frame><draw:text-box><text:p>첫 장</text:p></draw:text-box></draw:frame>"
    "<presentation:notes><draw:page-thumbnail draw:page-number=\"1\"/><draw:frame><draw:text-box><text:p>발표자 메모</text:p></draw:text-box></draw:frame>"
    "</presentation:notes></draw:page>"
    "<draw:page draw:name=\"p2\"><draw:frame><draw:text-box><text:p>Second page</text:p>"
    "</draw:text-box></draw:frame></draw:page>"
    "</office:presentation></office:body></office:document-content>";
  g_autoptr(GBytes) odp = make_odf (ODP, content, odt_meta);
  g_autoptr(OfRun) run = of_extract_bytes (odp, ODP, "발표.odp");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, "첫 장\n발표자 메모\n\fSecond page\n");
  /* The slides counted, not the statistic. */
  g_assert_cmpint (of_meta_int (run, "pages"), ==, 2);
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "위탁계약 검토의견");
}

/* A password-protected ODF: meta.xml readable, content.xml encrypted. */
static void
test_odt_encrypted (void)
{
  TuZip *zip = tu_zip_new ();
  g_autoptr(GBytes) odt = NULL;
  g_autoptr(OfRun) run = NULL;
  guint8 noise[4096];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (i * 7919 + 13) & 0xFF;
  tu_zip_add (zip, "mimetype", -1, ODT, strlen (ODT), TU_ZIP_STORE);
  tu_zip_add (zip, "content.xml", -1, noise, sizeof noise, TU_ZIP_STORE);
  add (zip, "meta.xml", odt_meta);
  add (zip, "META-INF/manifest.xml",
       "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
       "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">"
       "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\"/></manifest:file-entry>"
       "</manifest:manifest>");
  odt = tu_zip_finish (zip);
  run = of_extract_bytes (odt, ODT, "암호.odt");

  g_assert_cmpstr (of_status (run), ==, "partial");
  g_assert_cmpstr (of_text_status (run), ==, "encrypted");
  g_assert_nonnull (strstr (of_problem (run), "password"));
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "위탁계약 검토의견");
}

/* Legacy Office: properties in SummaryInformation (here in CP949, as
 * Korean Windows writes them), a clear status for the text. */
static GBytes *
legacy_summary (void)
{
  OfProps *props = of_props_new ();
  gsize title_len, author_len;
  g_autofree char *title = tu_to_cp949 ("위수탁 계약서 (구버전)", &title_len);
  g_autofree char *author = tu_to_cp949 ("홍길동", &author_len);

  of_props_i2 (props, 1, 949);
  of_props_lpstr (props, 2, title, title_len);
  of_props_lpstr (props, 4, author, author_len);
  of_props_lpstr (props, 18, "Microsoft Office Word", 21);
  of_props_filetime (props, 12, CREATED);
  of_props_filetime (props, 13, CREATED + 86400);
  of_props_i4 (props, 14, 7);
  return of_props_finish (props);
}

static GBytes *
word_fib (guint16 flags)
{
  guint8 fib[64] = { 0xEC, 0xA5, 0xC1, 0x00 };

  fib[10] = flags & 0xFF;
  fib[11] = flags >> 8;
  return g_bytes_new (fib, sizeof fib);
}

static void
test_legacy_doc (void)
{
  g_autoptr(GBytes) fib = word_fib (0);
  g_autoptr(GBytes) summary = legacy_summary ();
  OfOleEntry entries[] = { { "WordDocument", fib }, { "\005SummaryInformation", summary } };
  g_autoptr(GBytes) doc = of_ole_build (entries, G_N_ELEMENTS (entries));
  g_autoptr(OfRun) run = of_extract_bytes (doc, "application/msword", "계약서.doc");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (of_text_status (run), ==, "unsupported");
  g_assert_nonnull (strstr (of_problem (run), "cannot extract text from legacy Word/Excel/PowerPoint files"));
  g_assert_nonnull (strstr (of_problem (run), "Word 97"));
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "위수탁 계약서 (구버전)");
  g_assert_cmpstr (of_meta_string (run, "author"), ==, "홍길동");
  g_assert_cmpstr (of_meta_string (run, "date"), ==, "2018-04-02T09:30:00Z");
  g_assert_cmpstr (of_meta_string (run, "modified"), ==, "2018-04-03T09:30:00Z");
  g_assert_cmpstr (of_meta_string (run, "creator"), ==, "Microsoft Office Word");
  g_assert_cmpint (of_meta_int (run, "pages"), ==, 7);
  g_assert_cmpstr (run->text, ==, "");
}

static void
test_legacy_encrypted (void)
{
  g_autoptr(GBytes) fib = word_fib (0x0100);
  g_autoptr(GBytes) summary = legacy_summary ();
  OfOleEntry doc_entries[] = { { "WordDocument", fib }, { "\005SummaryInformation", summary } };
  g_autoptr(GBytes) doc = of_ole_build (doc_entries, G_N_ELEMENTS (doc_entries));
  /* BOF, then FILEPASS: an encrypted workbook. */
  static const guint8 biff[] = { 0x09, 0x08, 0x04, 0x00, 0x00, 0x06, 0x05, 0x00,
                                 0x2F, 0x00, 0x02, 0x00, 0x01, 0x00 };
  g_autoptr(GBytes) workbook = g_bytes_new_static (biff, sizeof biff);
  OfOleEntry xls_entries[] = { { "Workbook", workbook } };
  g_autoptr(GBytes) xls = of_ole_build (xls_entries, G_N_ELEMENTS (xls_entries));
  g_autoptr(OfRun) doc_run = of_extract_bytes (doc, "application/msword", "암호.doc");
  g_autoptr(OfRun) xls_run = of_extract_bytes (xls, "application/vnd.ms-excel", "암호.xls");

  g_assert_cmpstr (of_status (doc_run), ==, "partial");
  g_assert_cmpstr (of_text_status (doc_run), ==, "encrypted");
  g_assert_cmpstr (of_meta_string (doc_run, "title"), ==, "위수탁 계약서 (구버전)");
  g_assert_cmpstr (of_text_status (xls_run), ==, "encrypted");
  g_assert_nonnull (strstr (of_problem (xls_run), "Excel"));
}

static void
test_legacy_ppt (void)
{
  static const guint8 record[16] = { 0 };
  g_autoptr(GBytes) stream = g_bytes_new_static (record, sizeof record);
  OfProps *doc_props = of_props_new ();
  g_autoptr(GBytes) doc_summary = NULL;
  g_autoptr(GBytes) ppt = NULL;
  g_autoptr(OfRun) run = NULL;

  of_props_i4 (doc_props, 7, 12);   /* PIDDSI_SLIDECOUNT */
  doc_summary = of_props_finish (doc_props);
  {
    OfOleEntry entries[] = { { "PowerPoint Document", stream },
                             { "\005DocumentSummaryInformation", doc_summary } };

    ppt = of_ole_build (entries, G_N_ELEMENTS (entries));
  }
  run = of_extract_bytes (ppt, "application/vnd.ms-powerpoint", "발표.ppt");
  g_assert_cmpstr (of_text_status (run), ==, "unsupported");
  g_assert_nonnull (strstr (of_problem (run), "PowerPoint 97"));
  g_assert_cmpint (of_meta_int (run, "pages"), ==, 12);
}

/* A password-protected .docx is an OLE file around an encrypted package. */
static void
test_ooxml_encrypted (void)
{
  static const guint8 junk[600] = { 1, 2, 3 };
  g_autoptr(GBytes) data = g_bytes_new_static (junk, sizeof junk);
  OfOleEntry entries[] = { { "EncryptionInfo", data }, { "EncryptedPackage", data } };
  g_autoptr(GBytes) docx = of_ole_build (entries, G_N_ELEMENTS (entries));
  g_autoptr(OfRun) run = of_extract_bytes (docx, DOCX, "암호.docx");
  g_autoptr(OfRun) xlsx_run = of_extract_bytes (docx, XLSX, "암호.xlsx");

  g_assert_cmpstr (of_status (run), ==, "partial");
  g_assert_cmpstr (of_text_status (run), ==, "encrypted");
  g_assert_nonnull (strstr (of_problem (run), "password"));
  g_assert_cmpstr (of_text_status (xlsx_run), ==, "encrypted");
}

/* Hostile and broken files. */

static void
test_garbage (void)
{
  const struct
  {
    const char *mime;
    const char *name;
  } cases[] = {
    { DOCX, "garbage.docx" }, { XLSX, "garbage.xlsx" }, { PPTX, "garbage.pptx" },
    { ODT, "garbage.odt" }, { ODS, "garbage.ods" }, { "application/msword", "garbage.doc" },
    { "application/vnd.ms-excel", "garbage.xls" },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 noise[8192];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OfRun) run = of_extract_data (noise, sizeof noise, cases[i].mime, cases[i].name);
      g_autoptr(OfRun) empty = of_extract_data ("", 0, cases[i].mime, cases[i].name);

      of_assert_unreadable (run);
      of_assert_unreadable (empty);
    }
  {
    g_autoptr(OfRun) run = of_extract_data (noise, sizeof noise, DOCX, "x.docx");

    g_assert_nonnull (strstr (of_problem (run), "Not an Office document"));
  }
  {
    /* A ZIP, but no Office part in it. */
    TuZip *zip = tu_zip_new ();
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(OfRun) run = NULL;

    add (zip, "hello.txt", "hello");
    bytes = tu_zip_finish (zip);
    run = of_extract_bytes (bytes, DOCX, "not-office.docx");
    of_assert_unreadable (run);
    g_assert_nonnull (strstr (of_problem (run), "no Word, Excel or PowerPoint part"));
  }
}

static char *
billion_laughs (const char *root_element)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
                                         "<!ENTITY lol \"lol\">\n");

  for (int i = 1; i <= 9; i++)
    {
      g_string_append_printf (xml, "<!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        {
          if (i == 1)
            g_string_append (xml, "&lol;");
          else
            g_string_append_printf (xml, "&lol%d;", i - 1);
        }
      g_string_append (xml, "\">\n");
    }
  g_string_append_printf (xml, "]>\n%s", root_element);
  return g_string_free (g_steal_pointer (&xml), FALSE);
}

static void
test_billion_laughs (void)
{
  g_autofree char *bomb = billion_laughs ("<w:document xmlns:w=\"" NS_W "\"><w:body><w:p><w:r>"
                                          "<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>");
  g_autoptr(GBytes) docx = tu_zip_finish (make_docx (bomb));
  g_autoptr(OfRun) run = of_extract_bytes (docx, DOCX, "lol.docx");
  g_autofree char *utf16 = NULL;
  g_autoptr(GBytes) docx16 = NULL;
  g_autoptr(OfRun) run16 = NULL;
  gsize len16;

  of_assert_unreadable (run);
  g_assert_nonnull (strstr (of_problem (run), "document type"));
  g_assert_null (strstr (run->text, "lol"));
  g_assert_cmpfloat (run->seconds, <, 10);
  /* The properties are another part, and fine. */
  g_assert_cmpstr (of_meta_string (run, "title"), ==, "개인정보 처리위탁 계약서");

  /* The same in UTF-16, where a byte-wise look would see no "<!". */
  utf16 = g_convert (bomb, -1, "UTF-16LE", "UTF-8", NULL, &len16, NULL);
  g_assert_nonnull (utf16);
  {
    g_autofree char *with_bom = g_malloc (len16 + 2);

    with_bom[0] = '\xFF';
    with_bom[1] = '\xFE';
    memcpy (with_bom + 2, utf16, len16);
    docx16 = tu_zip_finish (make_docx_raw (with_bom, len16 + 2));
  }
  run16 = of_extract_bytes (docx16, DOCX, "lol16.docx");
  g_assert_cmpstr (of_status (run16), ==, "failed");
  g_assert_null (strstr (run16->text, "lol"));
  g_assert_cmpfloat (run16->seconds, <, 10);
}

static void
test_external_entity (void)
{
  const char *xxe = "<?xml version=\"1.0\"?>\n"
                    "<!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                    "<w:document xmlns:w=\"" NS_W "\"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"
                    "</w:body></w:document>";
  g_autoptr(GBytes) docx = tu_zip_finish (make_docx (xxe));
  g_autoptr(OfRun) run = of_extract_bytes (docx, DOCX, "xxe.docx");
  g_autoptr(GBytes) ods = make_odf (ODS, xxe, NULL);
  g_autoptr(OfRun) ods_run = of_extract_bytes (ods, ODS, "xxe.ods");

  of_assert_unreadable (run);
  g_assert_null (strstr (run->text, "root:"));
  of_assert_unreadable (ods_run);
}

/* A bomb in a side part costs that part, not the document. */
static void
test_bomb_in_properties (void)
{
  g_autofree char *bomb = billion_laughs ("<cp:coreProperties xmlns:cp=\"x\"/>");
  g_autofree char *rels = g_strdup_printf (package_rels, "word/document.xml");
  TuZip *zip = tu_zip_new ();
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(OfRun) run = NULL;

  add (zip, "_rels/.rels", rels);
  add (zip, "word/document.xml", "<w:document xmlns:w=\"" NS_W "\"><w:body><w:p><w:r><w:t>본문만</w:t>"
                                 "</w:r></w:p></w:body></w:document>");
  add (zip, "docProps/core.xml", bomb);
  docx = tu_zip_finish (zip);
  run = of_extract_bytes (docx, DOCX, "core-bomb.docx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, "본문만\n");
  g_assert_true (of_has_warning (run, "ooxml-properties"));
  g_assert_null (of_meta_string (run, "title"));
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) xml = g_string_new ("<w:document xmlns:w=\"" NS_W "\"><w:body>"
                                         "<w:p><w:r><w:t>앞 문단</w:t></w:r></w:p>");
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(OfRun) run = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append (xml, "<w:sdt>");
  docx = tu_zip_finish (make_docx (xml->str));
  run = of_extract_bytes (docx, DOCX, "deep.docx");

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_true (g_str_has_prefix (run->text, "앞 문단\n"));
  g_assert_true (of_has_warning (run, "ooxml-damaged"));
  g_assert_cmpfloat (run->seconds, <, 10);
}

/* Cut in the middle of the central directory: what can still be read
 * from the members before it is. */
static void
test_truncated (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cut.docx", NULL);
  TuZip *zip = tu_zip_new ();
  g_autofree char *rels = g_strdup_printf (package_rels, "word/document.xml");
  g_autoptr(OfRun) run = NULL;
  static const guint8 padding[20000];

  add (zip, "_rels/.rels", rels);
  add (zip, "word/document.xml", "<w:document xmlns:w=\"" NS_W "\"><w:body><w:p><w:r><w:t>잘린 파일</w:t>"
                                 "</w:r></w:p></w:body></w:document>");
  tu_zip_add (zip, "word/media/image1.png", -1, padding, sizeof padding, TU_ZIP_STORE);
  tu_zip_write_truncated (zip, path, 100);
  run = of_extract (path, DOCX);

  g_assert_cmpstr (of_status (run), ==, "ok");
  g_assert_cmpstr (run->text, ==, "잘린 파일\n");
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);

  g_test_add_func ("/extract/office/docx", test_docx);
  g_test_add_func ("/extract/office/docx-named-doc", test_docx_named_doc);
  g_test_add_func ("/extract/office/xlsx", test_xlsx);
  g_test_add_func ("/extract/office/pptx", test_pptx);
  g_test_add_func ("/extract/office/pptx-many-slides", test_pptx_many_slides);
  g_test_add_func ("/extract/office/odt", test_odt);
  g_test_add_func ("/extract/office/fodt", test_fodt);
  g_test_add_func ("/extract/office/ods", test_ods);
  g_test_add_func ("/extract/office/odp", test_odp);
  g_test_add_func ("/extract/office/odt-encrypted", test_odt_encrypted);
  g_test_add_func ("/extract/office/legacy-doc", test_legacy_doc);
  g_test_add_func ("/extract/office/legacy-encrypted", test_legacy_encrypted);
  g_test_add_func ("/extract/office/legacy-ppt", test_legacy_ppt);
  g_test_add_func ("/extract/office/ooxml-encrypted", test_ooxml_encrypted);
  g_test_add_func ("/extract/office/hostile/garbage", test_garbage);
  g_test_add_func ("/extract/office/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/extract/office/hostile/external-entity", test_external_entity);
  g_test_add_func ("/extract/office/hostile/bomb-in-properties", test_bomb_in_properties);
  g_test_add_func ("/extract/office/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/extract/office/hostile/truncated", test_truncated);
  return g_test_run ();
}
