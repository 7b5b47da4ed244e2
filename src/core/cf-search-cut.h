/* cf-search-cut.h — how text is cut into search terms, for the index and
 * for queries (the FTS5 tokenizer, cf-search-tokenizer.h, calls this).
 *
 * Korean (and Chinese and Japanese) words carry particles and join into
 * compounds, so whole words do not work: 위수탁 must find 위수탁을 and
 * 위수탁계약서. Runs of Hangul, Han and Kana are indexed as overlapping
 * bigrams (위수, 수탁, 탁을), the approach of search engines' CJK
 * analyzers; a query of several syllables becomes a phrase of bigrams, and
 * a one-syllable query is a prefix. Other letters and digits form words,
 * case-folded with diacritics removed ("Résumé" = "resume"). Text is
 * composed (NFC) before it is cut, so NFD from macOS matches too.
 *
 * Longer grams make searching a large case fast (schema 7 on; older
 * indexes, made by "casefile" without the argument "grams", hold bigrams
 * only and are searched with bigrams). Beside each bigram the index holds
 * the trigram and the 4-gram starting at the same character, marked with
 * '#', at the same position: FTS5's colocated terms, which do not count
 * in a document's length, so ranks are the same.
 *
 *   위수탁계약서를  →  위수 #위수탁 #위수탁계, 수탁 #수탁계 #수탁계약, …
 *
 * A query then looks for 위수탁 as the one term #위수탁 rather than the
 * phrase 위수 수탁, for 개인정보 as #개인정보 rather than three bigrams,
 * and for 위수탁계약서 as a phrase of three 4-grams: fewer terms, each
 * rarer, so FTS5 walks shorter lists and checks fewer positions. Both say
 * "these characters in a row, within one run", so they find the same
 * documents.
 *
 * Joins make phrases of several words fast. The last position of each run
 * also holds a join, marked '~': the characters there and the first
 * character of the run that comes next, whatever separates them (a phrase
 * passes over spaces and punctuation too). "수탁자 업무" has 탁자 at its
 * last position, so the join is ~탁자업; the query becomes
 * #수탁자 ~탁자업 업무, where ~탁자업 is rare, instead of three common
 * bigrams whose positions FTS5 compared in most documents.
 *
 * A query's positions must stay in step with the document's: after the
 * grams that cover a run, the positions left in it are filled with the
 * longest grams they hold (the join taking the last) when more terms
 * follow in the phrase, and left out when none do.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest CJK term, in characters. */
#define CF_SEARCH_MAX_GRAM 4
/* Starts every CJK term longer than a bigram; no other term starts with
 * punctuation, so a prefix query never reaches these. */
#define CF_SEARCH_GRAM_MARK '#'
/* Starts every join (see above). */
#define CF_SEARCH_JOIN_MARK '~'

/* How text is cut (see above). */
typedef enum
{
  CF_SEARCH_CUT_BIGRAMS,        /* bigrams only: prefixes, and old indexes */
  CF_SEARCH_CUT_INDEX,          /* bigrams, each with its grams; joins */
  CF_SEARCH_CUT_QUERY,          /* the fewest terms that say the same */
  /* A query's terms for snippets: a term at every position, the longest
   * gram from it (or the join), as FTS5 marks a match from its first
   * term's start to its last one's end; grams, unlike bigrams, never
   * reach into the next run. */
  CF_SEARCH_CUT_SNIPPET,
} CfSearchCut;

/* Called for each term of a cut: its bytes, where it was found in the
 * text, and whether it shares the position of the term before. A
 * non-zero return stops the cut and is returned. */
typedef int (*CfSearchCutFunc) (void       *user_data,
                                const char *term,
                                int         len,
                                int         start,
                                int         end,
                                gboolean    colocated);
int      cf_search_cut          (const char       *text,
                                 int               len,
                                 CfSearchCut       cut,
                                 CfSearchCutFunc   func,
                                 void             *user_data);

/* Calls func for each term of text cut into bigrams (CF_SEARCH_CUT_BIGRAMS):
 * the plain terms, without grams or joins. For tests and for the query
 * parser (which needs to know whether a word holds any term). */
typedef void (*CfSearchTermFunc) (const char *term,
                                  gsize       len,
                                  gpointer    user_data);
void     cf_search_tokenize (const char       *text,
                             gssize            len,
                             CfSearchTermFunc  func,
                             gpointer          user_data);

/* The same, cut another way; the grams and join of a position in
 * CF_SEARCH_CUT_INDEX come right after its bigram. */
void     cf_search_tokenize_cut (const char       *text,
                                 gssize            len,
                                 CfSearchCut       cut,
                                 CfSearchTermFunc  func,
                                 gpointer          user_data);

/* Whether c is written in a script indexed by bigrams. */
gboolean cf_search_is_cjk  (gunichar c);

G_END_DECLS
