/* cf-document-order.h — a given set of documents (the hits of a search)
 * put in the order of one of the document list's columns, so that search
 * results sort like any other list without the list knowing about them.
 */
#pragma once

#include <gio/gio.h>

#include "cf-case.h"
#include "cf-document-list.h"

G_BEGIN_DECLS

/* Returns the documents of ids that exist, in the order sort gives them
 * (the same order a CfDocumentList with that sort shows; ties in id
 * order). CF_DOCUMENT_SORT_IMPORTED orders by id. Runs one query on the
 * case's connection, on the calling thread. */
GArray      *cf_case_order_documents      (CfCase           *self,
                                           const gint64     *ids,
                                           guint             n_ids,
                                           CfDocumentSort    sort,
                                           gboolean          descending,
                                           GError          **error);

G_END_DECLS
