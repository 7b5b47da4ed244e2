/* cf-sidebar.h — the case's views: the smart views (all documents, not yet
 * tagged, privileged, duplicates, could not be read) with their counts,
 * the saved searches ("run-search" when one is chosen), and the claims
 * tree, where claims are created, renamed, nested,
 * reordered and deleted, and where dropping documents on a claim tags
 * them to it.
 */
#pragma once

#include <adwaita.h>

#include "cf-document-list.h"
#include "cf-saved-searches.h"
#include "cf-session.h"

G_BEGIN_DECLS

#define CF_TYPE_SIDEBAR (cf_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (CfSidebar, cf_sidebar, CF, SIDEBAR, GtkWidget)

void            cf_sidebar_set_session        (CfSidebar       *self,
                                               CfSession       *session);
CfDocumentView  cf_sidebar_get_view           (CfSidebar       *self,
                                               gint64          *claim_id);
void            cf_sidebar_select_view        (CfSidebar       *self,
                                               CfDocumentView   view,
                                               gint64           claim_id);
/* The claims, depth first, as last read (CfClaim). */
GPtrArray      *cf_sidebar_get_claims         (CfSidebar       *self);
/* The selected claim, or NULL. */
CfClaim        *cf_sidebar_get_selected_claim (CfSidebar       *self);
/* Reads the claims and counts again now. */
void            cf_sidebar_reload             (CfSidebar       *self);
/* Counts again soon (coalesced: imports change documents many times a
 * second). */
void            cf_sidebar_queue_count        (CfSidebar       *self);
/* What a drop of documents on the claim row does; exposed so that tests
 * reach the real drop target. */
GtkDropTarget  *cf_sidebar_get_drop_target_for_claim (CfSidebar *self,
                                                      gint64     claim_id);
/* The search now shown: marks the saved search that has this query (none
 * when NULL or no saved search has it). */
void            cf_sidebar_show_search        (CfSidebar       *self,
                                               const char      *query);
/* Whether a saved search is what the list shows. */
gboolean        cf_sidebar_get_showing_saved_search (CfSidebar *self);
CfSavedSearches *cf_sidebar_get_saved_searches (CfSidebar      *self);

G_END_DECLS
