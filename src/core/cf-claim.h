/* cf-claim.h — a claim (쟁점) of the case: a proposition to prove or
 * refute. Claims form a tree; a snapshot knows its depth in the tree and
 * how many documents are tagged to it. */
#pragma once

#include <glib-object.h>

#include "cf-types.h"

G_BEGIN_DECLS

#define CF_TYPE_CLAIM (cf_claim_get_type ())
G_DECLARE_FINAL_TYPE (CfClaim, cf_claim, CF, CLAIM, GObject)

gint64      cf_claim_get_id             (CfClaim *self);
gint64      cf_claim_get_parent_id      (CfClaim *self);
guint       cf_claim_get_position       (CfClaim *self);
guint       cf_claim_get_depth          (CfClaim *self);
const char *cf_claim_get_title          (CfClaim *self);
const char *cf_claim_get_description    (CfClaim *self);
CfSide      cf_claim_get_side           (CfClaim *self);
guint       cf_claim_get_n_documents    (CfClaim *self);

/* For the case to fill a snapshot. */
CfClaim    *cf_claim_new                (gint64      id,
                                         gint64      parent_id,
                                         guint       position,
                                         guint       depth,
                                         const char *title,
                                         const char *description,
                                         CfSide      side,
                                         guint       n_documents);

#define CF_TYPE_TAG (cf_tag_get_type ())
G_DECLARE_FINAL_TYPE (CfTag, cf_tag, CF, TAG, GObject)

/* One document tagged to one claim, with why it matters. */
gint64      cf_tag_get_document_id      (CfTag *self);
gint64      cf_tag_get_claim_id         (CfTag *self);
const char *cf_tag_get_claim_title      (CfTag *self);
CfStance    cf_tag_get_stance           (CfTag *self);
const char *cf_tag_get_pinpoint         (CfTag *self);
const char *cf_tag_get_note             (CfTag *self);

CfTag      *cf_tag_new                  (gint64      document_id,
                                         gint64      claim_id,
                                         const char *claim_title,
                                         CfStance    stance,
                                         const char *pinpoint,
                                         const char *note);

G_END_DECLS
