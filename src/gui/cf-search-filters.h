/* cf-search-filters.h — the search's filters as a popover: sender,
 * recipient, type, dates, exhibit number, claim and stance. Choosing one
 * edits the query text (cf-query-edit.h), and the popover shows what the
 * text says, so the two are always the same query. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CF_TYPE_SEARCH_FILTERS (cf_search_filters_get_type ())
G_DECLARE_FINAL_TYPE (CfSearchFilters, cf_search_filters, CF, SEARCH_FILTERS, GtkPopover)

GtkWidget   *cf_search_filters_new        (void);
/* The claims to offer (CfClaim, depth first), or NULL. */
void         cf_search_filters_set_claims (CfSearchFilters *self,
                                           GPtrArray       *claims);
/* Shows the filters of the query (what the user typed). */
void         cf_search_filters_set_query  (CfSearchFilters *self,
                                           const char      *query);
const char  *cf_search_filters_get_query  (CfSearchFilters *self);
/* What choosing key = value in the popover does: emits "query-changed"
 * with the edited query. value NULL removes the filter. */
void         cf_search_filters_choose     (CfSearchFilters *self,
                                           const char      *key,
                                           const char      *value);

G_END_DECLS
