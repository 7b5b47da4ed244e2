/* cf-edit.h — one change the user makes to a case (tag, untag, edit a
 * document or a claim, privilege…), as a list of steps over the core API.
 *
 * Applying an edit (in the case's worker thread) reads the state each step
 * is about to change and returns the inverse edit: the steps that put it
 * back. Undo applies the inverse, which returns the redo, and so on; so the
 * previous stance, pinpoint and note of a re-tag, the previous title of an
 * edit, are whatever the case held at that moment, not what a widget
 * believed. Adding and removing claims apply but have no inverse (a new
 * claim would get a new id); saved searches are named, so their removal
 * undoes by saving again. Removing documents has no inverse either: their
 * original files are gone.
 */
#pragma once

#include "cf-case.h"

G_BEGIN_DECLS

typedef struct _CfEdit CfEdit;

#define CF_TYPE_EDIT (cf_edit_get_type ())
GType         cf_edit_get_type            (void) G_GNUC_CONST;

CfEdit       *cf_edit_new                 (const char    *label);
CfEdit       *cf_edit_ref                 (CfEdit        *self);
void          cf_edit_unref               (CfEdit        *self);

/* What the undo and redo menu items say ("Tag 3 Documents"). */
const char   *cf_edit_get_label           (CfEdit        *self);
/* The documents whose rows change, and whether claims (their counts or the
 * tree) change. */
GArray       *cf_edit_get_document_ids    (CfEdit        *self);
gboolean      cf_edit_changes_claims      (CfEdit        *self);
/* Whether it saves or removes saved searches. */
gboolean      cf_edit_changes_saved_searches (CfEdit     *self);
/* FALSE when the edit cannot be undone (it adds or removes claims). */
gboolean      cf_edit_is_undoable         (CfEdit        *self);
gboolean      cf_edit_is_empty            (CfEdit        *self);
/* The id of the claim the last add-claim step created, once applied. */
gint64        cf_edit_get_added_claim     (CfEdit        *self);
/* Whether it removes documents: any row may then go or change (families,
 * duplicates that become originals). */
gboolean      cf_edit_removes_documents   (CfEdit        *self);
/* How many documents its remove steps took out, families included, once
 * applied. */
guint         cf_edit_get_n_removed       (CfEdit        *self);

void          cf_edit_tag                 (CfEdit        *self,
                                           gint64         claim_id,
                                           const gint64  *ids,
                                           guint          n_ids,
                                           CfStance       stance,
                                           const char    *pinpoint,
                                           const char    *note);
void          cf_edit_untag               (CfEdit        *self,
                                           gint64         claim_id,
                                           const gint64  *ids,
                                           guint          n_ids);
/* NULL leaves a field as it is; "" clears date or author. */
void          cf_edit_document            (CfEdit        *self,
                                           gint64         id,
                                           const char    *title,
                                           const char    *date,
                                           const char    *author);
/* basis NULL clears the privilege. */
void          cf_edit_privilege           (CfEdit        *self,
                                           gint64         id,
                                           const char    *basis);
/* NULL leaves a field as it is; side < 0 keeps the side. */
void          cf_edit_claim               (CfEdit        *self,
                                           gint64         claim_id,
                                           const char    *title,
                                           const char    *description,
                                           int            side);
void          cf_edit_move_claim          (CfEdit        *self,
                                           gint64         claim_id,
                                           gint64         parent_id,
                                           int            position);
void          cf_edit_add_claim           (CfEdit        *self,
                                           const char    *title,
                                           gint64         parent_id,
                                           CfSide         side,
                                           const char    *description);
void          cf_edit_remove_claim        (CfEdit        *self,
                                           gint64         claim_id);
/* Saves a named query (replacing the query of a search of that name), or
 * removes the saved search of that name. */
void          cf_edit_save_search         (CfEdit        *self,
                                           const char    *name,
                                           const char    *query);
void          cf_edit_remove_search       (CfEdit        *self,
                                           const char    *name);
/* Takes top-level documents and their families out of the case
 * (cf_case_remove_documents); reason may be NULL. */
void          cf_edit_remove_documents    (CfEdit        *self,
                                           const gint64  *ids,
                                           guint          n_ids,
                                           const char    *reason);

/* Runs in the thread that owns kase. Returns the inverse edit (empty when
 * nothing changed), or NULL with error after putting back what the steps
 * already did. */
CfEdit       *cf_edit_apply               (CfEdit        *self,
                                           CfCase        *kase,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfEdit, cf_edit_unref)

G_END_DECLS
