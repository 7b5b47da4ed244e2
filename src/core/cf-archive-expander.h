/* cf-archive-expander.h — turning a stored ZIP or TAR into a family: each
 * member becomes a child document, nested archives recurse.
 *
 * Member names are metadata only: they are decoded (UTF-8, else CP949) and
 * recorded, never used as paths. Links, devices and directories inside an
 * archive are not extracted. One budget per item the user picked counts the
 * bytes actually produced, the members and the nesting depth across all
 * levels; when a limit trips, the expansion stops, what was recorded stays,
 * and the archive says why.
 */
#pragma once

#include "cf-importer.h"
#include "cf-intake.h"

G_BEGIN_DECLS

typedef struct
{
  const CfImportLimits *limits;
  guint64 bytes_produced;
  guint members;
  /* Set when a limit tripped anywhere in this item's tree. */
  char *stop_reason;
  /* Progress reporting of the importer. */
  CfBytesFunc on_bytes;
  gpointer on_bytes_data;
  void (*on_member) (gpointer data, const char *source);
} CfExpansionBudget;

void     cf_expansion_budget_clear (CfExpansionBudget *budget);

/* Expands the archive document archive_id (whose bytes are the object at
 * object_path). Problems with the archive are recorded on it; returns FALSE
 * only when the run must stop (cancelled, the case's disk failed). */
gboolean cf_archive_expand         (CfIntake           *intake,
                                    gint64              archive_id,
                                    const char         *archive_source,
                                    const char         *object_path,
                                    guint64             archive_size,
                                    guint               depth,
                                    CfExpansionBudget  *budget,
                                    GCancellable       *cancellable,
                                    GError            **error);

G_END_DECLS
