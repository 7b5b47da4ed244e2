/* cf-bundle.h — the evidence bundle: one ZIP or TAR that anyone can open
 * and check with ordinary tools, and its verification.
 *
 * Layout, inside one top folder named after the case:
 *   README.txt          how to verify (Korean and English)
 *   SHA256SUMS          every other file, in `sha256sum -c` format
 *   custody-log.csv     the custody entries of the exported documents
 *   exhibits/…          originals, named "갑제001호증의01 title.ext"
 *   index.csv           the exhibit list (UTF-8 with BOM, CRLF)
 *   index.html          a self-contained page: claims tree and exhibit table
 *   manifest.json       everything, machine-readable
 *   privilege-log.csv   what was withheld and why
 *
 * The same selection of an unchanged case exports byte for byte the same
 * archive (sorted members, timestamps derived from the case's history, no
 * owner names), except encrypted bundles, whose salts are random.
 */
#pragma once

#include <gio/gio.h>

#include "cf-case.h"

G_BEGIN_DECLS

typedef enum
{
  CF_BUNDLE_ZIP,
  CF_BUNDLE_TAR,
} CfBundleFormat;

typedef struct
{
  CfBundleFormat format;
  const gint64 *claim_ids;     /* the claims to export (with their sub-claims); NULL = all */
  guint n_claim_ids;
  const char *passphrase;      /* AES-256 ZIP when set; never ZipCrypto */
  gboolean overwrite;          /* replace an existing file at the destination */
} CfExportOptions;

typedef struct
{
  const char *phase;           /* "writing" or "verifying" */
  guint64 bytes_done;
  guint64 bytes_total;
  const char *current;
} CfExportProgress;

typedef void (*CfExportProgressFunc) (const CfExportProgress *progress,
                                      gpointer                user_data);

typedef struct
{
  char *path;
  char *sha256;                /* of the bundle file itself */
  guint64 size;
  guint n_exhibits;
  guint n_privileged;
  guint n_withdrawn;
  guint n_files;               /* members listed in SHA256SUMS */
  gboolean encrypted;
} CfExportResult;

void            cf_export_result_free   (CfExportResult *result);

CfExportResult *cf_case_export_bundle   (CfCase                 *self,
                                         const char             *out_path,
                                         const CfExportOptions  *options,
                                         CfExportProgressFunc    progress,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         GError                **error);

/* Whether this libarchive can write AES-256 ZIPs. */
gboolean        cf_bundle_can_encrypt   (void);

typedef struct
{
  char *path;
  char *sha256;                /* of the bundle file (NULL for a folder) */
  char *top_folder;
  guint n_checked;             /* files whose hash matched */
  GPtrArray *altered;          /* file paths (with a reason) */
  GPtrArray *missing;
  GPtrArray *extra;
} CfVerifyReport;

void            cf_verify_report_free   (CfVerifyReport *report);
gboolean        cf_verify_report_is_intact (const CfVerifyReport *report);

/* Checks a bundle file (ZIP/TAR) or an extracted bundle folder. Returns
 * NULL with error when it cannot be read at all. */
CfVerifyReport *cf_bundle_verify        (const char             *path,
                                         const char             *passphrase,
                                         GCancellable           *cancellable,
                                         GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfExportResult, cf_export_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfVerifyReport, cf_verify_report_free)

G_END_DECLS
