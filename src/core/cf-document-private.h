/* cf-document-private.h — how the case fills a CfDocument snapshot. */
#pragma once

#include "cf-document.h"
#include "cf-document-list.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  gint64 parent_id;
  gint64 duplicate_of;
  char *name;
  char *name_encoding;
  char *source;
  char *sha256;
  guint64 size;
  char *modified;
  char *mime_type;
  CfStatus status;
  char *problem;
  char *title;
  char *date;
  char *author;
  gboolean privileged;
  char *privilege_basis;
  char *imported;
  char *exhibit;
  guint exhibit_main;
  guint exhibit_sub;
  gboolean exhibit_locked;
  guint n_children;
  guint n_claims;
  char *text_status;
  char *recipients;
  guint pages;
} CfDocumentData;

/* Takes ownership of the strings in data. */
CfDocument *cf_document_new_take (CfDocumentData *data);

/* The ORDER BY of a list column over documents d (and exhibits e for the
 * exhibit column), shared by the document list and cf_case_order_documents. */
const char *cf_document_sort_order_by (CfDocumentSort sort,
                                       gboolean       descending);

G_END_DECLS
