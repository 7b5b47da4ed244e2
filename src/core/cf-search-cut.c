/* cf-search-cut.c — cutting text into search terms (see cf-search-cut.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-search-cut.h"

#include <string.h>

/* Longer "words" (base64 blobs, hashes run together) are cut: nobody
 * searches for their tail, and the index stays lean. */
#define MAX_WORD_CHARS 48

gboolean
cf_search_is_cjk (gunichar c)
{
  /* Fast path for ASCII, the bulk of most text. */
  if (c < 0x1100)
    return FALSE;
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
      return g_unichar_isalnum (c) || g_unichar_type (c) == G_UNICODE_OTHER_LETTER;
    default:
      return FALSE;
    }
}

static gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Appends c case-folded and without accents. */
static void
fold_into (GString  *word,
           gunichar  c)
{
  gunichar decomposed[8];
  gsize n;

  if (c < 0x80)
    {
      g_string_append_c (word, g_ascii_tolower (c));
      return;
    }
  c = g_unichar_tolower (c);
  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    if (!g_unichar_ismark (decomposed[i]))
      g_string_append_unichar (word, decomposed[i]);
}

/* A term of characters [start, end) of the text, not yet emitted. */
typedef struct
{
  int start;
  int end;
  char mark;            /* CF_SEARCH_GRAM_MARK for a gram, else 0 */
  gboolean needed;      /* by itself; else it only fills a position */
} Held;

/* The text being cut. CJK runs give terms of their characters: one alone,
 * bigrams, and (marked) longer grams up to CF_SEARCH_MAX_GRAM, each at the
 * position of the bigram it starts with; and joins (see the header). */
typedef struct
{
  const char *text;
  CfSearchCutFunc emit;
  void *ctx;
  CfSearchCut cut;

  /* The run being read. */
  int length;           /* characters so far */
  int done;             /* positions whose terms are out (CF_SEARCH_CUT_INDEX) */
  int starts[CF_SEARCH_MAX_GRAM + 1]; /* of the last characters, by index % size */
  int end;              /* of the last character */

  /* After a run: the characters at its last position, while no other
   * term has followed (a join is due if a run follows). */
  gboolean joinable;
  int last_start;
  int last_end;

  /* A query's (or snippet's) terms held back at the end of a run: they
   * fill positions before a term that may follow; the last is the run's
   * last position, which a join takes over when a run follows. */
  int n_held;
  Held held[CF_SEARCH_MAX_GRAM];
} Cutter;

#define RING (CF_SEARCH_MAX_GRAM + 1)

/* Where character i of the run starts; i is among the last RING. */
static int
char_start (const Cutter *cutter,
            int           i)
{
  return i == cutter->length ? cutter->end : cutter->starts[i % RING];
}

/* Emits text [start, end) as a term, behind mark unless it is 0. */
static int
emit_marked (Cutter   *cutter,
             char      mark,
             int       start,
             int       end,
             int       more_start,
             int       more_end,
             gboolean  colocated)
{
  char term[2 + (CF_SEARCH_MAX_GRAM + 1) * 4];
  int n = 0;

  if (mark == 0 && more_start == more_end)
    return cutter->emit (cutter->ctx, cutter->text + start, end - start, start, end, colocated);
  /* At most MAX_GRAM + 1 characters of at most four bytes: always fits. */
  term[n++] = mark;
  memcpy (term + n, cutter->text + start, end - start);
  n += end - start;
  memcpy (term + n, cutter->text + more_start, more_end - more_start);
  n += more_end - more_start;
  return cutter->emit (cutter->ctx, term, n, start, MAX (end, more_end), colocated);
}

/* Emits the n characters from character i of the run as a term. */
static int
emit_gram (Cutter   *cutter,
           int       i,
           int       n,
           gboolean  colocated)
{
  return emit_marked (cutter, n > 2 ? CF_SEARCH_GRAM_MARK : 0, char_start (cutter, i),
                      char_start (cutter, i + n), 0, 0, colocated);
}

/* An index's terms at position i: its bigram, then the longer grams that
 * start there, as many as the run (`known` characters so far) holds. */
static int
emit_position (Cutter *cutter,
               int     i,
               int     known)
{
  int rc = emit_gram (cutter, i, 2, FALSE);

  for (int n = 3; rc == 0 && n <= CF_SEARCH_MAX_GRAM && i + n <= known; n++)
    rc = emit_gram (cutter, i, n, TRUE);
  return rc;
}

typedef enum
{
  NEXT_RUN,             /* a CJK run starts at [start, end) */
  NEXT_WORD,            /* another term */
  NEXT_NONE,            /* the end of the text */
} Next;

/* Before the next term (or the end): what is owed from the last run. */
static int
settle (Cutter *cutter,
        Next    next,
        int     start,
        int     end)
{
  int rc = 0;

  switch (cutter->cut)
    {
    case CF_SEARCH_CUT_BIGRAMS:
      break;
    case CF_SEARCH_CUT_INDEX:
      if (next == NEXT_RUN && cutter->joinable)
        rc = emit_marked (cutter, CF_SEARCH_JOIN_MARK, cutter->last_start, cutter->last_end,
                          start, end, TRUE);
      break;
    case CF_SEARCH_CUT_QUERY:
    case CF_SEARCH_CUT_SNIPPET:
      for (int k = 0; rc == 0 && k < cutter->n_held; k++)
        {
          const Held *held = &cutter->held[k];

          if (k == cutter->n_held - 1 && next == NEXT_RUN)
            rc = emit_marked (cutter, CF_SEARCH_JOIN_MARK, held->start, held->end, start, end, FALSE);
          else if (next != NEXT_NONE || held->needed || cutter->cut == CF_SEARCH_CUT_SNIPPET)
            rc = emit_marked (cutter, held->mark, held->start, held->end, 0, 0, FALSE);
        }
      break;
    }
  cutter->n_held = 0;
  cutter->joinable = FALSE;
  return rc;
}

static void
hold (Cutter   *cutter,
      int       i,
      int       n,
      gboolean  needed)
{
  Held *held = &cutter->held[cutter->n_held++];

  held->start = char_start (cutter, i);
  held->end = char_start (cutter, i + n);
  held->mark = n > 2 ? CF_SEARCH_GRAM_MARK : 0;
  held->needed = needed;
}

/* Takes the next character of a run, [start, end). */
static int
run_add (Cutter *cutter,
         int     start,
         int     end)
{
  int rc = 0;

  if (cutter->length == 0)
    {
      rc = settle (cutter, NEXT_RUN, start, end);
      cutter->done = 0;
    }
  cutter->starts[cutter->length % RING] = start;
  cutter->length++;
  cutter->end = end;
  if (rc != 0)
    return rc;

  switch (cutter->cut)
    {
    case CF_SEARCH_CUT_BIGRAMS:
      if (cutter->length >= 2)
        rc = emit_gram (cutter, cutter->length - 2, 2, FALSE);
      break;
    case CF_SEARCH_CUT_INDEX:
      /* A position's terms go out once its longest gram is known. */
      if (cutter->length >= CF_SEARCH_MAX_GRAM)
        rc = emit_position (cutter, cutter->done++, cutter->length);
      break;
    case CF_SEARCH_CUT_QUERY:
    case CF_SEARCH_CUT_SNIPPET:
      if (cutter->length >= CF_SEARCH_MAX_GRAM)
        rc = emit_gram (cutter, cutter->length - CF_SEARCH_MAX_GRAM, CF_SEARCH_MAX_GRAM, FALSE);
      break;
    }
  return rc;
}

/* Ends the run: the terms still owed, or held back. */
static int
run_end (Cutter *cutter)
{
  int n = cutter->length;
  int last = MAX (n - 2, 0);    /* the run's last position */
  int rc = 0;

  if (n == 0)
    return 0;
  switch (cutter->cut)
    {
    case CF_SEARCH_CUT_BIGRAMS:
      if (n == 1)
        rc = emit_gram (cutter, 0, 1, FALSE);
      break;
    case CF_SEARCH_CUT_INDEX:
      if (n == 1)
        rc = emit_gram (cutter, 0, 1, FALSE);
      for (int i = cutter->done; rc == 0 && i <= n - 2; i++)
        rc = emit_position (cutter, i, n);
      cutter->joinable = TRUE;
      cutter->last_start = char_start (cutter, last);
      cutter->last_end = cutter->end;
      break;
    case CF_SEARCH_CUT_QUERY:
    case CF_SEARCH_CUT_SNIPPET:
      /* The longest grams cover the run (a short run is one gram); each
       * later position holds the longest gram left, held back. */
      if (n <= 2)
        hold (cutter, 0, n, TRUE);
      else
        {
          int first = n - CF_SEARCH_MAX_GRAM + 1;

          if (n < CF_SEARCH_MAX_GRAM)
            {
              rc = emit_gram (cutter, 0, n, FALSE);
              first = 1;
            }
          for (int i = first; i <= last; i++)
            hold (cutter, i, n - i, FALSE);
        }
      break;
    }
  cutter->length = 0;
  return rc;
}

/* The character at text[i] and its length in bytes (*clen), or -1 for a
 * byte that starts none (length 1). ASCII, most of most text, needs no
 * call: it made a snippet's cutting a fifth cheaper. */
static inline gunichar
char_at (const char *text,
         int         i,
         int         len,
         int        *clen)
{
  guchar byte = text[i];
  gunichar c;

  *clen = 1;
  if (byte < 0x80)
    return byte;
  c = g_utf8_get_char_validated (text + i, len - i);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return (gunichar) -1;
  *clen = g_utf8_skip[byte];
  return c;
}

int
cf_search_cut (const char      *text,
               int              len,
               CfSearchCut      cut,
               CfSearchCutFunc  emit,
               void            *ctx)
{
  g_autoptr(GString) word = g_string_sized_new (64);
  Cutter cutter = { text, emit, ctx, cut };
  int i = 0;
  int rc = 0;

  while (i < len && rc == 0)
    {
      int clen;
      gunichar c = char_at (text, i, len, &clen);

      if (c == (gunichar) -1)
        {
          /* A stray byte: a separator. */
          i++;
          rc = run_end (&cutter);
          continue;
        }

      if (cf_search_is_cjk (c))
        {
          rc = run_add (&cutter, i, i + clen);
          i += clen;
          continue;
        }
      rc = run_end (&cutter);
      if (rc != 0)
        break;

      if (is_word_char (c))
        {
          int start = i;
          int n_chars = 0;

          g_string_truncate (word, 0);
          while (i < len)
            {
              int wlen;
              gunichar w = char_at (text, i, len, &wlen);

              if (w == (gunichar) -1 || !is_word_char (w) || cf_search_is_cjk (w))
                break;
              if (n_chars++ < MAX_WORD_CHARS)
                fold_into (word, w);
              i += wlen;
            }
          if (word->len > 0)
            {
              rc = settle (&cutter, NEXT_WORD, 0, 0);
              if (rc == 0)
                rc = emit (ctx, word->str, word->len, start, i, FALSE);
            }
          continue;
        }
      i += clen;
    }
  if (rc == 0)
    rc = run_end (&cutter);
  if (rc == 0)
    rc = settle (&cutter, NEXT_NONE, 0, 0);
  return rc;
}

typedef struct
{
  CfSearchTermFunc func;
  gpointer data;
} TermEmit;

static int
emit_to_func (void       *ctx,
              const char *token,
              int         len,
              int         start,
              int         end,
              gboolean    colocated)
{
  TermEmit *e = ctx;

  e->func (token, len, e->data);
  return 0;
}

void
cf_search_tokenize (const char       *text,
                    gssize            len,
                    CfSearchTermFunc  func,
                    gpointer          user_data)
{
  cf_search_tokenize_cut (text, len, CF_SEARCH_CUT_BIGRAMS, func, user_data);
}

void
cf_search_tokenize_cut (const char       *text,
                        gssize            len,
                        CfSearchCut       cut,
                        CfSearchTermFunc  func,
                        gpointer          user_data)
{
  TermEmit e = { func, user_data };

  if (len < 0)
    len = strlen (text);
  cf_search_cut (text, len, cut, emit_to_func, &e);
}
