/* cf-extract-ooxml.h — what the Office Open XML reader's files share:
 * package relationships, and the Excel part of the reader. */
#pragma once

#include "cf-extract-xml.h"
#include "cf-extract-zip.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *type;     /* the last segment of the type URI: "officeDocument", "slide"… */
  char *target;   /* the part name it points to */
} CfOoxmlRel;

/* The relationships of a part ("" for the package), external targets
 * left out; missing or broken ones give an empty list and a warning. */
GPtrArray        *cf_ooxml_read_rels  (CfZip           *zip,
                                       const char      *part,
                                       CfExtractResult *result);
/* The first relationship of a type and/or id (NULL: any). */
const CfOoxmlRel *cf_ooxml_find_rel   (GPtrArray       *rels,
                                       const char      *type,
                                       const char      *id);

/* Excel: the workbook part is open at its root element. */
gboolean          cf_ooxml_read_excel (CfZip           *zip,
                                       CfXml           *workbook,
                                       const char      *main_part,
                                       CfTextSink      *sink,
                                       CfExtractResult *result,
                                       GError         **error);

G_END_DECLS
