/* cf-search-tokenizer.c — the "casefile" FTS5 tokenizer (see
 * cf-search-tokenizer.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-search-tokenizer.h"

#include <string.h>

#include "cf-error.h"
#include "cf-search-rank.h"

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
             int         end,
             gboolean    colocated)
{
  FtsEmit *e = ctx;

  return e->x_token (e->fts_ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, token, len, start, end);
}

/* A table's tokenizer: how its index was cut. Tables made before schema
 * 7 hold bigrams only ("casefile"), and are searched that way until
 * their case is upgraded; "casefile grams" holds the grams and joins. */
typedef struct
{
  gboolean grams;
} Tokenizer;

static int
tokenizer_create (void            *user_data,
                  const char     **args,
                  int              n_args,
                  Fts5Tokenizer  **out)
{
  static const Tokenizer bigrams_only = { FALSE };
  static const Tokenizer with_grams = { TRUE };

  if (n_args == 0)
    *out = (Fts5Tokenizer *) &bigrams_only;
  else if (n_args == 1 && strcmp (args[0], CF_SEARCH_TOKENIZER_GRAMS) == 0)
    *out = (Fts5Tokenizer *) &with_grams;
  else
    return SQLITE_ERROR;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
  /* Static. */
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *ctx,
                    int            flags,
                    const char    *text,
                    int            len,
                    int          (*x_token) (void *, int, const char *, int, int, int))
{
  const Tokenizer *self = (const Tokenizer *) tokenizer;
  FtsEmit e = { ctx, x_token };
  CfSearchCut cut = CF_SEARCH_CUT_INDEX;

  /* Documents get every term; a query asks for the longest grams. A
   * prefix keeps bigrams: "개인정*" means the words going on from 개인정,
   * and a gram would have to be whole. Snippets and highlights (AUX) only
   * map positions to text, which the bigrams alone give: FTS5 passes
   * over colocated terms there. */
  if (!self->grams || (flags & FTS5_TOKENIZE_AUX))
    cut = CF_SEARCH_CUT_BIGRAMS;
  else if (flags & FTS5_TOKENIZE_QUERY)
    {
      if (flags & FTS5_TOKENIZE_PREFIX)
        cut = CF_SEARCH_CUT_BIGRAMS;
      else if (len > 0 && text[0] == CF_SEARCH_SNIPPET_MARK)
        cut = CF_SEARCH_CUT_SNIPPET;
      else
        cut = CF_SEARCH_CUT_QUERY;
    }
  return cf_search_cut (text, len, cut, emit_to_fts, &e);
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
  fts5_api *api = get_fts5_api (db);

  if (api == NULL)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_UNSUPPORTED,
                   "This SQLite has no full-text search (FTS5)");
      return FALSE;
    }
  if (api->xCreateTokenizer (api, CF_SEARCH_TOKENIZER, NULL, &tokenizer, NULL) != SQLITE_OK ||
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
