/* cf-import-report.h — what an import did not simply import: duplicates,
 * skipped and failed items with their reasons, kept as CfImportNote
 * objects and shown in a window the import's summary opens. */
#pragma once

#include <adwaita.h>

#include "cf-importer.h"

G_BEGIN_DECLS

#define CF_TYPE_IMPORT_NOTE (cf_import_note_get_type ())
G_DECLARE_FINAL_TYPE (CfImportNote, cf_import_note, CF, IMPORT_NOTE, GObject)

CfImportNote    *cf_import_note_new         (const CfImportItem *item);
CfImportOutcome  cf_import_note_get_outcome (CfImportNote       *self);
const char      *cf_import_note_get_source  (CfImportNote       *self);
const char      *cf_import_note_get_reason  (CfImportNote       *self);
gint64           cf_import_note_get_document_id (CfImportNote   *self);
/* "Duplicate", "Skipped", "Failed" */
const char      *cf_import_outcome_label    (CfImportOutcome     outcome);

#define CF_TYPE_IMPORT_REPORT (cf_import_report_get_type ())
G_DECLARE_FINAL_TYPE (CfImportReport, cf_import_report, CF, IMPORT_REPORT, AdwWindow)

CfImportReport  *cf_import_report_new       (GtkWindow          *parent,
                                             GListModel         *notes);

G_END_DECLS
