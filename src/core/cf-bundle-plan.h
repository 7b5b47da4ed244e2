/* cf-bundle-plan.h — what goes into a bundle: the selected claims, the
 * exhibits (whole families), the privilege log, locked gaps, the custody
 * entries, the names and the fixed timestamp. Computed before writing so
 * that a selection problem (unnumbered documents) stops the export before
 * any byte is written. */
#pragma once

#include "cf-bundle.h"
#include "cf-case.h"

G_BEGIN_DECLS

typedef struct
{
  CfDocument *document;
  gint64 document_id;
  guint main_number;
  guint sub_number;
  char *label;          /* "갑 제3호증의 1" */
  char *file;           /* "exhibits/갑제003호증의01 계약서.pdf", relative to the top folder */
  char *object_path;
  GPtrArray *tags;      /* CfTag, of the selected claims */
  gboolean compress;
} CfBundleExhibit;

typedef struct
{
  char *label;
  gint64 former_document_id;
} CfBundleGap;

typedef struct
{
  CfCase *kase;
  CfBundleFormat format;
  gboolean encrypted;
  gboolean all_claims;
  GArray *selected_claim_ids;   /* gint64, as asked (before adding sub-claims) */
  char *top;                    /* the top folder's name */
  gint64 timestamp;             /* every member's mtime */
  char *timestamp_iso;
  GPtrArray *claims;            /* CfClaim, tree order */
  GPtrArray *exhibits;          /* CfBundleExhibit, number order */
  GHashTable *exhibit_by_document; /* id → CfBundleExhibit */
  GPtrArray *gaps;              /* CfBundleGap */
  GPtrArray *privileged;        /* CfDocument */
  GPtrArray *custody;           /* CfCustodyEntry */
  guint64 bytes_total;
} CfBundlePlan;

CfBundlePlan *cf_bundle_plan_new  (CfCase                 *kase,
                                   const CfExportOptions  *options,
                                   GError                **error);
void          cf_bundle_plan_free (CfBundlePlan           *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfBundlePlan, cf_bundle_plan_free)

G_END_DECLS
