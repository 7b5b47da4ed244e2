/* cf-extract-xml.h — XML from untrusted documents, read safely and as a
 * stream; and a text sink that turns paragraphs, cells and pages into
 * plain text. Shared by the OOXML, ODF and HWPX readers. */
#pragma once

#include <libxml/xmlreader.h>

#include "cf-extract.h"
#include "cf-extract-zip.h"

G_BEGIN_DECLS

/* The vocabularies the readers look for, whatever prefix a document
 * binds them to (and in both the transitional and strict OOXML forms). */
typedef enum
{
  CF_NS_OTHER,
  CF_NS_PKG_RELS,     /* OPC relationships */
  CF_NS_OFFICE_RELS,  /* r: attributes in OOXML parts */
  CF_NS_W,            /* WordprocessingML */
  CF_NS_S,            /* SpreadsheetML */
  CF_NS_P,            /* PresentationML */
  CF_NS_A,            /* DrawingML */
  CF_NS_MC,           /* markup compatibility */
  CF_NS_CP,           /* OPC core properties */
  CF_NS_EP,           /* extended (app) properties */
  CF_NS_DC,
  CF_NS_DCTERMS,
  CF_NS_ODF_OFFICE,
  CF_NS_ODF_TEXT,
  CF_NS_ODF_TABLE,
  CF_NS_ODF_DRAW,
  CF_NS_ODF_PRESENTATION,
  CF_NS_ODF_META,
  CF_NS_ODF_MANIFEST,
  CF_NS_SVG,
  CF_NS_HWP_PARA,     /* hp: (2011 and 2016) */
  CF_NS_OPF,
  CF_NS_XLINK,
} CfNs;

typedef struct _CfXml CfXml;

/* A member of a ZIP, or a whole file (flat XML formats). The parser loads
 * no DTD, substitutes no entity, never touches the network or a file,
 * keeps libxml2's size and depth limits, and refuses a document type
 * declaration outright: the formats read here never have one, so one is
 * a sign of an entity bomb or an external entity probe. */
CfXml       *cf_xml_open_member  (CfZip       *zip,
                                  const char  *member,
                                  GError     **error);
CfXml       *cf_xml_open_file    (const char  *path,
                                  GError     **error);
void         cf_xml_free         (CfXml       *xml);

/* Moves to the next node: TRUE, or FALSE at the end or on an error (see
 * cf_xml_finish). */
gboolean     cf_xml_next         (CfXml       *xml);
/* Skips the current element's subtree (the next cf_xml_next goes past
 * its end). */
void         cf_xml_skip         (CfXml       *xml);
/* FALSE with error when the document ended in an error; the text read
 * up to it has been delivered. */
gboolean     cf_xml_finish       (CfXml       *xml,
                                  GError     **error);

gboolean     cf_xml_is_start     (CfXml       *xml);   /* an element start (also empty ones) */
gboolean     cf_xml_is_end       (CfXml       *xml);   /* an element end (also of an empty one) */
gboolean     cf_xml_is_text      (CfXml       *xml);   /* text, CDATA or whitespace */
gboolean     cf_xml_is_empty     (CfXml       *xml);   /* <x/>: no end node follows */
int          cf_xml_depth        (CfXml       *xml);
CfNs         cf_xml_ns           (CfXml       *xml);
const char  *cf_xml_local        (CfXml       *xml);
/* TRUE for an element (start or end) in the vocabulary with that name. */
gboolean     cf_xml_is           (CfXml       *xml,
                                  CfNs         ns,
                                  const char  *local);
const char  *cf_xml_text         (CfXml       *xml);
/* An attribute of the current element: by local name in a vocabulary, or
 * with no namespace for CF_NS_OTHER. */
char        *cf_xml_attr         (CfXml       *xml,
                                  CfNs         ns,
                                  const char  *local);
/* The text content of the current element (at most max bytes), moving
 * past its end. */
char        *cf_xml_element_text (CfXml       *xml,
                                  gsize        max);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfXml, cf_xml_free)

/* A document's text as it is built: separators are owed rather than
 * written, so that empty paragraphs, trailing cells and page ends do not
 * pile up blank lines. */
typedef struct
{
  CfExtractResult *result;
  GString *buf;
  char owed;            /* 0, ' ' or '\n': written before the next text */
  char last;            /* the last character written */
  gboolean page_open;   /* something was written on the current page */
  guint64 visible;      /* non-space characters written */
} CfTextSink;

void         cf_text_sink_init   (CfTextSink      *sink,
                                  CfExtractResult *result);
/* Text as it stands (a "\n" or "\t" inside it is written as is). */
void         cf_text_sink_text   (CfTextSink  *sink,
                                  const char  *text,
                                  gssize       len);
/* Owes a separator: written before the next text, unless a page or a
 * line ends first; '\n' wins over ' '. */
void         cf_text_sink_owe    (CfTextSink  *sink,
                                  char         separator);
/* Writes c now, forgetting what was owed (a cell's tab replaces the end of
 * the paragraph before it). */
void         cf_text_sink_put    (CfTextSink  *sink,
                                  char         c);
/* Ends the current line now, if anything is on it. */
void         cf_text_sink_end_line (CfTextSink *sink);
/* A new page (or sheet, slide, section): a form feed. */
void         cf_text_sink_page   (CfTextSink  *sink);
void         cf_text_sink_finish (CfTextSink  *sink);

/* Tables as text, for vocabularies that call them tbl/tr/tc (Word,
 * DrawingML, HWPX): a tab between the cells of a row (also for empty
 * ones, so columns stay columns), a line per row, and the paragraphs
 * inside a cell joined by spaces. */
typedef struct
{
  GArray *cells;   /* for each open table, the cells seen in its current row */
} CfTables;

void         cf_tables_reset     (CfTables    *tables);
void         cf_tables_clear     (CfTables    *tables);
/* Feed it every element of the vocabulary, by local name. */
void         cf_tables_element   (CfTables    *tables,
                                  CfTextSink  *sink,
                                  CfXml       *xml,
                                  const char  *local);
gboolean     cf_tables_in_cell   (CfTables    *tables);
/* The end of a paragraph: a line, or a space inside a cell. */
void         cf_tables_end_paragraph (CfTables   *tables,
                                      CfTextSink *sink);

/* Whether an ODF-style manifest (ODF, HWPX) lists member as encrypted. */
gboolean     cf_xml_manifest_encrypts (CfZip      *zip,
                                       const char *member);

/* A date from a document property as ISO 8601, or NULL when it is not
 * one. A date without a time stays a date; a time without a zone keeps
 * no zone (claiming UTC would be a guess). */
char        *cf_extract_iso_date (const char  *text);

G_END_DECLS
