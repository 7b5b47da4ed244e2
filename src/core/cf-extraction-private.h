/* cf-extraction-private.h — applying a helper's result to the case; used by
 * the extraction runner. */
#pragma once

#include "cf-extraction.h"
#include "cf-importer.h"
#include "cf-intake.h"

G_BEGIN_DECLS

/* Stores what the helper wrote into out_dir for one document (text,
 * metadata, warnings, children) in the intake's batch. *n_children gets the
 * number of new child documents. */
gboolean cf_extraction_apply          (CfIntake              *intake,
                                       gint64                 document_id,
                                       const char            *name,
                                       const char            *source,
                                       guint                  depth,
                                       const char            *out_dir,
                                       guint64                max_text,
                                       const CfImportLimits  *limits,
                                       guint                 *n_children,
                                       GCancellable          *cancellable,
                                       GError               **error);
/* Records that a document could not be read, and why. */
gboolean cf_extraction_record_failure (CfIntake              *intake,
                                       gint64                 document_id,
                                       const char            *problem,
                                       GError               **error);

G_END_DECLS
