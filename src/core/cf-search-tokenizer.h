/* cf-search-tokenizer.h — the "casefile" FTS5 tokenizer, registered on
 * every connection to a case database, with the ranking and cf_nfc().
 * It cuts text as cf-search-cut.h says: documents with every term, queries
 * with the fewest, prefixes and indexes made before schema 7 with bigrams.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "cf-search-cut.h"

G_BEGIN_DECLS

#define CF_SEARCH_TOKENIZER "casefile"
/* The tokenizer's argument for an index with grams and joins (schema 7 on;
 * without it, bigrams only). */
#define CF_SEARCH_TOKENIZER_GRAMS "grams"
/* Opening a query's FTS5 string, asks for CF_SEARCH_CUT_SNIPPET. */
#define CF_SEARCH_SNIPPET_MARK '\x01'

/* Registers the tokenizer, the ranking (cf-search-rank.h) and the SQL
 * function cf_nfc(text). */
gboolean cf_search_register (sqlite3  *db,
                             GError  **error);

G_END_DECLS
