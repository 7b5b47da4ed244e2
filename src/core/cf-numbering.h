/* cf-numbering.h — exhibit numbers (갑 제3호증의 1, PX-0003.1).
 *
 * The unit of numbering is a family: a tagged document together with its
 * descendants (an email and its attachments, an archive and its members),
 * rooted at its highest tagged ancestor. Units are ordered by the first
 * claim (in tree order) their root is tagged to, then by the root's date,
 * then by import order. A unit of one document gets a main number; a larger
 * unit shares one main number with sub-numbers 1, 2, … in family order.
 *
 * Privileged documents and documents whose bytes could not be stored are
 * never numbered. Locked numbers (produced to the court by an export) never
 * change; unlocked numbers are recomputed by each numbering run. A numbered
 * document that stops qualifying leaves a withdrawn gap; gaps of locked
 * numbers stay forever, gaps of unlocked numbers close at the next run.
 */
#pragma once

#include "cf-case.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 document_id;
  char *title;
  char *before;   /* NULL when it had no number */
  char *after;    /* NULL when it loses its number */
} CfNumberingChange;

void       cf_numbering_change_free     (CfNumberingChange *change);

/* Computes the numbering; applies it unless dry_run. Returns the changes
 * (in new exhibit order), or NULL on error. */
GPtrArray *cf_case_number_exhibits      (CfCase     *self,
                                         gboolean    dry_run,
                                         GError    **error);

/* Counts of tagged, unprivileged documents without a number. */
guint      cf_case_count_unnumbered     (CfCase     *self);

G_END_DECLS
