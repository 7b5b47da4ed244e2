/* cf-search-tokenizer.c — the "casefile" FTS5 tokenizer (see
 * cf-search-tokenizer.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-search-tokenizer.h"

#include <string.h>

#include "cf-error.h"
#include "cf-search-rank.h"

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

typedef int (*EmitFunc) (void       *ctx,
                         const char *token,
                         int         len,
                         int         start,
                         int         end);

/* The one tokenizing loop, shared by FTS5 and cf_search_tokenize. Stops
 * when emit returns non-zero (an FTS5 error). */
static int
tokenize (const char *text,
          int         len,
          EmitFunc    emit,
          void       *ctx)
{
  g_autoptr(GString) word = g_string_sized_new (64);
  int i = 0;
  /* The CJK character before the current one, for bigrams. */
  int prev_start = -1;
  int run_length = 0;
  int rc = 0;

  while (i < len && rc == 0)
    {
      const char *p = text + i;
      gunichar c = g_utf8_get_char_validated (p, len - i);
      int clen;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* A stray byte: a separator. */
          i++;
          prev_start = -1;
          run_length = 0;
          continue;
        }
      clen = g_utf8_next_char (p) - p;

      if (cf_search_is_cjk (c))
        {
          if (prev_start >= 0)
            rc = emit (ctx, text + prev_start, i + clen - prev_start, prev_start, i + clen);
          run_length++;
          prev_start = i;
          i += clen;
          /* A run of one character is indexed by itself. */
          if (rc == 0 && run_length == 1)
            {
              gunichar next = 0;

              if (i < len)
                next = g_utf8_get_char_validated (text + i, len - i);
              if (i >= len || next == (gunichar) -1 || next == (gunichar) -2 || !cf_search_is_cjk (next))
                rc = emit (ctx, text + prev_start, clen, prev_start, i);
            }
          continue;
        }
      prev_start = -1;
      run_length = 0;

      if (is_word_char (c))
        {
          int start = i;
          int n_chars = 0;

          g_string_truncate (word, 0);
          while (i < len)
            {
              gunichar w = g_utf8_get_char_validated (text + i, len - i);

              if (w == (gunichar) -1 || w == (gunichar) -2 || !is_word_char (w) || cf_search_is_cjk (w))
                break;
              if (n_chars++ < MAX_WORD_CHARS)
                fold_into (word, w);
              i = g_utf8_next_char (text + i) - text;
            }
          if (word->len > 0)
            rc = emit (ctx, word->str, word->len, start, i);
          continue;
        }
      i += clen;
    }
  return rc;
}

/* FTS5 glue ------------------------------------------------------------- */

typedef struct
{
  void *fts_ctx;
  int (*x_token) (void *, int, const char *, int, int, int);
} FtsEmit;

static int
emit_to_fts (void       *ctx,
             const char *token,
             int         len,
             int         start,
             int         end)
{
  FtsEmit *e = ctx;

  return e->x_token (e->fts_ctx, 0, token, len, start, end);
}

static int
tokenizer_create (void            *user_data,
                  const char     **args,
                  int              n_args,
                  Fts5Tokenizer  **out)
{
  /* Stateless: any non-NULL pointer will do. */
  *out = (Fts5Tokenizer *) user_data;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *ctx,
                    int            flags,
                    const char    *text,
                    int            len,
                    int          (*x_token) (void *, int, const char *, int, int, int))
{
  FtsEmit e = { ctx, x_token };

  return tokenize (text, len, emit_to_fts, &e);
}

/* Whether text is valid UTF-8 that NFC leaves as it is, judged by a
 * conservative list of blocks whose characters are all their own
 * composition and combine with nothing (canonical combining class 0, no
 * canonical decomposition): below the combining diacritics (U+0300),
 * general punctuation's dashes, quotes and ellipsis, CJK symbols and
 * punctuation before the tone marks, Hangul compatibility jamo, CJK
 * ideographs and precomposed Hangul syllables. Anything else, such as a
 * conjoining jamo that could join the syllable before it, is left to
 * g_utf8_normalize. */
static gboolean
is_surely_composed (const char *text,
                    int         len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;

  while (p < end)
    {
      gunichar c;

      if (*p < 0x80)
        {
          p++;
          continue;
        }
      if ((*p & 0xe0) == 0xc0 && end - p >= 2 && (p[1] & 0xc0) == 0x80)
        {
          c = ((p[0] & 0x1f) << 6) | (p[1] & 0x3f);
          if (c < 0x80 || c >= 0x300)
            return FALSE;
          p += 2;
          continue;
        }
      if ((*p & 0xf0) == 0xe0 && end - p >= 3 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80)
        {
          c = ((p[0] & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
          if (!((c >= 0x2010 && c <= 0x2027) ||
                (c >= 0x3000 && c <= 0x3029) ||
                (c >= 0x3131 && c <= 0x318e) ||
                (c >= 0x4e00 && c <= 0x9fff) ||
                (c >= 0xac00 && c <= 0xd7a3)))
            return FALSE;
          p += 3;
          continue;
        }
      return FALSE;
    }
  return TRUE;
}

static void
nfc_function (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  int len = sqlite3_value_bytes (argv[0]);
  g_autofree char *valid = NULL;
  char *nfc;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  /* Most text is composed already: skip normalising it, which costs
   * more than reading it (a snippet reads whole documents). */
  if (is_surely_composed (text, len))
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  if (!g_utf8_validate (text, len, NULL))
    text = valid = g_utf8_make_valid (text, len);
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    sqlite3_result_text (context, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_text (context, nfc, -1, g_free);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

gboolean
cf_search_register (sqlite3  *db,
                    GError  **error)
{
  static fts5_tokenizer tokenizer = { tokenizer_create, tokenizer_delete, tokenizer_tokenize };
  static int marker;
  fts5_api *api = get_fts5_api (db);

  if (api == NULL)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_UNSUPPORTED,
                   "This SQLite has no full-text search (FTS5)");
      return FALSE;
    }
  if (api->xCreateTokenizer (api, CF_SEARCH_TOKENIZER, &marker, &tokenizer, NULL) != SQLITE_OK ||
      cf_search_rank_register (db, api) != SQLITE_OK ||
      sqlite3_create_function (db, "cf_nfc", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               NULL, nfc_function, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_DATABASE, "Could not set up search: %s",
                   sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
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
              int         end)
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
  TermEmit e = { func, user_data };

  if (len < 0)
    len = strlen (text);
  tokenize (text, len, emit_to_func, &e);
}
