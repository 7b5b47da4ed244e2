/* cf-document.h — one piece of evidence as the case records it: an
 * original (by SHA-256) with where it came from, what it is, and what the
 * team said about it. A CfDocument is a snapshot of its row; the case hands
 * out new snapshots after changes.
 */
#pragma once

#include <glib-object.h>

#include "cf-types.h"

G_BEGIN_DECLS

#define CF_TYPE_DOCUMENT (cf_document_get_type ())
G_DECLARE_FINAL_TYPE (CfDocument, cf_document, CF, DOCUMENT, GObject)

gint64       cf_document_get_id              (CfDocument *self);
gint64       cf_document_get_parent_id       (CfDocument *self);
gint64       cf_document_get_duplicate_of    (CfDocument *self);
const char  *cf_document_get_name            (CfDocument *self);
const char  *cf_document_get_name_encoding   (CfDocument *self);
const char  *cf_document_get_source          (CfDocument *self);
const char  *cf_document_get_sha256          (CfDocument *self);
guint64      cf_document_get_size            (CfDocument *self);
const char  *cf_document_get_modified        (CfDocument *self);
const char  *cf_document_get_mime_type       (CfDocument *self);
CfStatus     cf_document_get_status          (CfDocument *self);
const char  *cf_document_get_problem         (CfDocument *self);
const char  *cf_document_get_title           (CfDocument *self);
const char  *cf_document_get_date            (CfDocument *self);
const char  *cf_document_get_author          (CfDocument *self);
gboolean     cf_document_get_privileged      (CfDocument *self);
const char  *cf_document_get_privilege_basis (CfDocument *self);
const char  *cf_document_get_imported        (CfDocument *self);
/* "갑 제3호증의 1" or "PX-0003.1"; NULL when not numbered. */
const char  *cf_document_get_exhibit         (CfDocument *self);
guint        cf_document_get_exhibit_main    (CfDocument *self);
guint        cf_document_get_exhibit_sub     (CfDocument *self);
gboolean     cf_document_get_exhibit_locked  (CfDocument *self);
guint        cf_document_get_n_children      (CfDocument *self);
guint        cf_document_get_n_claims        (CfDocument *self);
/* What reading it gave: "pending", "ok", "none" (no text of its own),
 * "needs-ocr", "encrypted", "unsupported" or "failed". */
const char  *cf_document_get_text_status     (CfDocument *self);
/* Mail recipients, "a@x, b@y"; NULL for other documents. */
const char  *cf_document_get_recipients      (CfDocument *self);
/* Page (or slide) count; 0 when unknown or not paged. */
guint        cf_document_get_pages           (CfDocument *self);

G_END_DECLS
