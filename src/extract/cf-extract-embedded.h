/* cf-extract-embedded.h — documents embedded in ZIP-based documents
 * (Office Open XML, OpenDocument, HWPX) become children of the document.
 *
 * What counts as an embedded document, and what not:
 *  - OOXML: every file in an embeddings folder (word/embeddings/,
 *    xl/embeddings/, ppt/embeddings/…): nested Office files, the workbooks
 *    behind charts, OLE objects (oleObject1.bin). Pictures in media/ are
 *    layout and stay out.
 *  - OpenDocument: the objects content.xml places (draw:object,
 *    draw:object-ole): a sub-document folder ("Object 1/") is packaged
 *    as an OpenDocument file of its own, an OLE object is unwrapped.
 *    Formulas are typeset text, not documents, and stay out, as do the
 *    replacement pictures (ObjectReplacements/) and Pictures/.
 *  - HWPX: files in BinData/ that are not pictures (OLE objects, mostly).
 * An OLE object is unwrapped (cf-extract-ole-object.c): a Packager
 * object gives the file it packs under its original name, an Acrobat
 * object its PDF, an Office object its document; an equation is skipped.
 *
 * Every child is read from the ZIP through the document's caps (per
 * member and in total, cf-extract-zip.h); at most
 * CF_EMBEDDED_MAX_CHILDREN are written. An object that cannot be read
 * whole is not made a child (a cut copy would pass for the real one); a
 * warning on the document says which and why. A document embedding a
 * copy of itself does not get it as a child (it would never end). */
#pragma once

#include "cf-extract-zip.h"

G_BEGIN_DECLS

/* As many as a mail may have attachments (cf-extract-mail-private.h). */
#define CF_EMBEDDED_MAX_CHILDREN 10000

void cf_embedded_read_ooxml (CfZip                *zip,
                             const CfExtractInput *input,
                             CfExtractResult      *result);
/* hrefs: the xlink:href of the draw:object and draw:object-ole elements
 * of content.xml, as written there. */
void cf_embedded_read_odf   (CfZip                *zip,
                             GPtrArray            *hrefs,
                             const CfExtractInput *input,
                             CfExtractResult      *result);
void cf_embedded_read_hwpx  (CfZip                *zip,
                             const CfExtractInput *input,
                             CfExtractResult      *result);

G_END_DECLS
