/* cf-query-edit.h — the filters of a search's text (from:, type:, date:…,
 * see cf-search-query.h) read and changed in place, so that the filter
 * popover and what the user typed stay one query. Only the text is
 * handled here; the core parses and runs it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The value of the first key: filter that is not negated, unquoted, or
 * NULL when the query has none. */
char    *cf_query_dup_filter  (const char  *query,
                               const char  *key);
/* The query with that filter's value replaced (or the filter added at the
 * end); a NULL or empty value removes it. Values with spaces are quoted;
 * quotation marks inside a value are dropped (the language cannot hold
 * them). */
char    *cf_query_set_filter  (const char  *query,
                               const char  *key,
                               const char  *value);

G_END_DECLS
