/* cf-search-tokenizer.h — how text is cut into search terms, registered on
 * every connection to a case database.
 *
 * Korean (and Chinese and Japanese) words carry particles and join into
 * compounds, so whole words do not work: 위수탁 must find 위수탁을 and
 * 위수탁계약서. Runs of Hangul, Han and Kana are indexed as overlapping
 * bigrams (위수, 수탁, 탁을), the approach of search engines' CJK
 * analyzers; a query of several syllables becomes a phrase of bigrams, and
 * a one-syllable query is a prefix. Other letters and digits form words,
 * case-folded with diacritics removed ("Résumé" = "resume"). Text is
 * composed (NFC) before it is cut, so NFD from macOS matches too.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CF_SEARCH_TOKENIZER "casefile"

/* Registers the tokenizer, the ranking (cf-search-rank.h) and the SQL
 * function cf_nfc(text). */
gboolean cf_search_register (sqlite3  *db,
                             GError  **error);

/* Calls func for each term of text, the way the index sees it. For tests
 * and for the query parser (which needs to know how many terms a word
 * makes). */
typedef void (*CfSearchTermFunc) (const char *term,
                                  gsize       len,
                                  gpointer    user_data);
void     cf_search_tokenize (const char       *text,
                             gssize            len,
                             CfSearchTermFunc  func,
                             gpointer          user_data);

/* Whether c is written in a script indexed by bigrams. */
gboolean cf_search_is_cjk  (gunichar c);

G_END_DECLS
