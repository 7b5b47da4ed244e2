/* test-search-grams.c — how text is cut into search terms (cf-search-cut.h):
 * the terms of each cut; that the index with grams and joins finds what a
 * scan of the text finds (where the bigram index of schema 6 found more,
 * wrongly), with snippets marking whole words; and the upgrade from that
 * index. */
#include "test-util.h"

#include <string.h>

#include "cf-case-private.h"
#include "cf-db.h"
#include "cf-extraction.h"
#include "cf-search.h"
#include "cf-search-tokenizer.h"

static void
record_term (const char *term,
             gsize       len,
             gpointer    user_data)
{
  GString *s = user_data;

  g_string_append_printf (s, "%s%.*s", s->len ? "|" : "", (int) len, term);
}

/* The plain cut: bigrams, one CJK character alone, folded words. */
static void
test_bigrams (void)
{
  struct { const char *text; const char *terms; } cases[] = {
    { "위수탁을", "위수|수탁|탁을" },
    { "동", "동" },
    { "개인정보 보호", "개인|인정|정보|보호" },
    { "KakaoPay위수탁", "kakaopay|위수|수탁" },
    { "Résumé ÉCOLE", "resume|ecole" },
    { "900101-1234567", "900101|1234567" },
    { "日本語テキスト", "日本|本語|語テ|テキ|キス|スト" },
    { "a, b; c!", "a|b|c" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      cf_search_tokenize (cases[i].text, -1, record_term, s);
      g_assert_cmpstr (s->str, ==, cases[i].terms);
    }
}

static char *
cut (const char  *text,
     CfSearchCut  how)
{
  GString *s = g_string_new (NULL);

  cf_search_tokenize_cut (text, -1, how, record_term, s);
  return g_string_free (s, FALSE);
}

static void
test_cuts (void)
{
  struct { const char *text; const char *index; const char *query; } cases[] = {
    { "동", "동", "동" },
    { "동의", "동의", "동의" },
    { "위수탁", "위수|#위수탁|수탁", "#위수탁" },
    { "위수탁을", "위수|#위수탁|#위수탁을|수탁|#수탁을|탁을", "#위수탁을" },
    { "위수탁계약서", "위수|#위수탁|#위수탁계|수탁|#수탁계|#수탁계약|탁계|#탁계약|#탁계약서|"
                      "계약|#계약서|약서", "#위수탁계|#수탁계약|#탁계약서" },
    /* Joins: the last position of a run and the next run's first
     * character, whatever separates them. */
    { "수탁자 업무", "수탁|#수탁자|탁자|~탁자업|업무", "#수탁자|~탁자업|업무" },
    { "개인정보, 처리", "개인|#개인정|#개인정보|인정|#인정보|정보|~정보처|처리",
      "#개인정보|#인정보|~정보처|처리" },
    { "가 나", "가|~가나|나", "~가나|나" },
    { "가나 다", "가나|~가나다|다", "~가나다|다" },
    /* A word between runs: no join, and the run's positions are filled. */
    { "개인정보 data 처리", "개인|#개인정|#개인정보|인정|#인정보|정보|data|처리",
      "#개인정보|#인정보|정보|data|처리" },
    { "KakaoPay위수탁", "kakaopay|위수|#위수탁|수탁", "kakaopay|#위수탁" },
    { "日本語テキスト", "日本|#日本語|#日本語テ|本語|#本語テ|#本語テキ|語テ|#語テキ|#語テキス|"
                        "テキ|#テキス|#テキスト|キス|#キスト|スト",
      "#日本語テ|#本語テキ|#語テキス|#テキスト" },
    { "Résumé ÉCOLE", "resume|ecole", "resume|ecole" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *index = cut (cases[i].text, CF_SEARCH_CUT_INDEX);
      g_autofree char *query = cut (cases[i].text, CF_SEARCH_CUT_QUERY);
      g_autofree char *bigrams = cut (cases[i].text, CF_SEARCH_CUT_BIGRAMS);
      g_autofree char *plain = NULL;
      GString *s = g_string_new (NULL);

      g_assert_cmpstr (index, ==, cases[i].index);
      g_assert_cmpstr (query, ==, cases[i].query);
      /* The bigrams are the index's terms without the marked ones. */
      cf_search_tokenize (cases[i].text, -1, record_term, s);
      plain = g_string_free (s, FALSE);
      g_assert_cmpstr (bigrams, ==, plain);
      {
        g_auto(GStrv) terms = g_strsplit (index, "|", -1);
        GString *unmarked = g_string_new (NULL);

        for (guint k = 0; terms[k]; k++)
          if (terms[k][0] != CF_SEARCH_GRAM_MARK && terms[k][0] != CF_SEARCH_JOIN_MARK)
            g_string_append_printf (unmarked, "%s%s", unmarked->len ? "|" : "", terms[k]);
        g_assert_cmpstr (unmarked->str, ==, bigrams);
        g_string_free (unmarked, TRUE);
      }
    }
}

/* Snippets get a term at every position, so that FTS5 marks whole words,
 * and grams where they can, so that a mark never reaches into the next
 * run. */
static void
test_snippet_cut (void)
{
  struct { const char *text; const char *terms; } cases[] = {
    { "동의", "동의" },
    { "다다다", "#다다다|다다" },
    { "위수탁계약서", "#위수탁계|#수탁계약|#탁계약서|#계약서|약서" },
    { "개인정보 처리", "#개인정보|#인정보|~정보처|처리" },
    { "가 나다라", "~가나|#나다라|다라" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *terms = cut (cases[i].text, CF_SEARCH_CUT_SNIPPET);

      g_assert_cmpstr (terms, ==, cases[i].terms);
    }
}

/* Cases of random text over a few syllables, so that grams and joins
 * collide often, with runs of every length and separators of each kind. */
static const char *syllables[] = { "가", "나", "다", "라", "마" };
static const char *separators[] = { " ", ", ", "\n", " x ", ". ", "  ", "-" };

static char *
random_text (GRand *rand,
             guint  n_runs)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < n_runs; r++)
    {
      guint length = g_rand_int_range (rand, 1, 8);

      if (r > 0)
        g_string_append (s, separators[g_rand_int_range (rand, 0, G_N_ELEMENTS (separators))]);
      for (guint c = 0; c < length; c++)
        g_string_append (s, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
    }
  return g_string_free (s, FALSE);
}

/* A piece of text from a random character to a random later one, its
 * separators made spaces. */
static char *
random_piece (GRand      *rand,
              const char *text)
{
  glong n = g_utf8_strlen (text, -1);
  glong from = g_rand_int_range (rand, 0, n);
  glong length = g_rand_int_range (rand, 1, MIN (12, n - from) + 1);
  g_autofree char *piece = g_utf8_substring (text, from, from + length);

  return g_strdup (g_strstrip (g_strdelimit (piece, "\n,.-", ' ')));
}

/* The runs of Hangul and the words of text, in order. */
static GPtrArray *
split_runs (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  GString *token = g_string_new (NULL);
  gboolean hangul = FALSE;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean is_hangul = c >= 0xac00 && c <= 0xd7a3;

      if (token->len > 0 && (c == 0 || !g_unichar_isalnum (c) || is_hangul != hangul))
        {
          g_ptr_array_add (tokens, g_strdup (token->str));
          g_string_truncate (token, 0);
        }
      if (c == 0)
        break;
      if (g_unichar_isalnum (c))
        {
          g_string_append_unichar (token, c);
          hangul = is_hangul;
        }
    }
  g_string_free (token, TRUE);
  return tokens;
}

/* Whether a quoted phrase matches at token i of a document: the runs and
 * words one after the other, the first run ending one of the document's
 * and the last starting one (a single run anywhere within one); a run of
 * one syllable is a run of its own. */
static gboolean
phrase_at (GPtrArray *doc,
           guint      i,
           GPtrArray *phrase)
{
  guint k = phrase->len;

  for (guint j = 0; j < k; j++)
    {
      const char *d = g_ptr_array_index (doc, i + j);
      const char *q = g_ptr_array_index (phrase, j);
      gboolean hangul = (guchar) q[0] >= 0x80;
      gsize nd = strlen (d), nq = strlen (q);
      gboolean ok;

      if (!hangul || g_utf8_strlen (q, -1) == 1)
        ok = strcmp (d, q) == 0;
      else if (k == 1)
        ok = strstr (d, q) != NULL;
      else if (j == 0)
        ok = nd >= nq && strcmp (d + nd - nq, q) == 0;
      else if (j == k - 1)
        ok = g_str_has_prefix (d, q);
      else
        ok = strcmp (d, q) == 0;
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static char *
brute_force (GPtrArray  *texts,
             GArray     *doc_ids,
             const char *piece)
{
  g_autoptr(GPtrArray) phrase = split_runs (piece);
  GString *s = g_string_new (NULL);

  for (guint d = 0; d < texts->len; d++)
    {
      g_autoptr(GPtrArray) doc = split_runs (g_ptr_array_index (texts, d));

      for (guint i = 0; i + phrase->len <= doc->len; i++)
        if (phrase_at (doc, i, phrase))
          {
            g_string_append_printf (s, "%s%" G_GINT64_FORMAT, s->len ? "," : "",
                                    g_array_index (doc_ids, gint64, d));
            break;
          }
    }
  return g_string_free (s, FALSE);
}

/* Whether every id of the list a is in the list b. */
static gboolean
ids_within (const char *a,
            const char *b)
{
  g_auto(GStrv) in_a = g_strsplit (a, ",", -1);
  g_auto(GStrv) in_b = g_strsplit (b, ",", -1);

  for (guint i = 0; in_a[i] && in_a[i][0]; i++)
    if (!g_strv_contains ((const char * const *) in_b, in_a[i]))
      return FALSE;
  return TRUE;
}

/* Every hit in rank order, then the first page's ids, ranks and marked
 * snippets. */
static char *
answer (CfCase     *kase,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  CfSearchOptions options = { .limit = 20 };
  g_autoptr(GPtrArray) page = cf_case_search_all (kase, query, &options, &ids, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%" G_GINT64_FORMAT " ", g_array_index (ids, gint64, i));
  g_string_append_c (s, '\n');
  for (guint i = 0; i < page->len; i++)
    {
      CfSearchHit *hit = g_ptr_array_index (page, i);

      g_string_append_printf (s, "%" G_GINT64_FORMAT " %.17g %s\n", hit->document_id, hit->rank,
                              hit->snippet);
    }
  return g_string_free (s, FALSE);
}

/* Whether a snippet ends in the start of word, marked: its window of
 * tokens may end within a match. */
static gboolean
marked_at_end (const char *snippet,
               const char *word)
{
  const char *open = strrchr (snippet, '[');
  g_autofree char *start = NULL;

  if (open == NULL || !g_str_has_suffix (snippet, "]…"))
    return FALSE;
  start = g_strndup (open + 1, strlen (open + 1) - strlen ("]…"));
  return start[0] != '\0' && g_str_has_prefix (word, start);
}

/* The ids in a or b (or, with minus, in a and not in b). */
static char *
combine (const char *a,
         const char *b,
         gboolean    minus)
{
  g_auto(GStrv) in_a = g_strsplit (a, ",", -1);
  g_auto(GStrv) in_b = g_strsplit (b, ",", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; in_a[i] && in_a[i][0]; i++)
    if (!minus || !g_strv_contains ((const char * const *) in_b, in_a[i]))
      {
        gint64 id = g_ascii_strtoll (in_a[i], NULL, 10);

        g_array_append_val (ids, id);
      }
  for (guint i = 0; !minus && in_b[i] && in_b[i][0]; i++)
    if (!g_strv_contains ((const char * const *) in_a, in_b[i]))
      {
        gint64 id = g_ascii_strtoll (in_b[i], NULL, 10);

        g_array_append_val (ids, id);
      }
  return tu_ids_text (ids);
}

/* Over documents of random text: words and phrases, alone and with the
 * operators, find what a scan of the text finds, and a word's snippets
 * mark it whole. The bigram index of schema 6 found all of these and
 * sometimes more, wrongly: 다가가 in "다가-가가", its bigrams 다가 가가
 * following each other there. Prefixes are cut into bigrams either way
 * and are found, ranked and marked the same. */
static void
test_finds_what_the_text_holds (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) kase = tu_new_case (dir, "Grams");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) doc_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_free);
  const char *prefixes[] = { "가", "나다라*", "x 가*" };
  g_autoptr(GPtrArray) prefix_answers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_found = 0, n_fewer = 0;

  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *name = g_strdup_printf ("문서%02u.txt", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *text = random_text (rand, g_rand_int_range (rand, 1, 30));
      g_autoptr(GPtrArray) items = NULL;

      tu_write_text (path, text);
      items = tu_import_one (kase, path);
      g_array_append_val (doc_ids, ((TuItem *) g_ptr_array_index (items, 0))->document_id);
      g_ptr_array_add (texts, text);
    }
  {
    g_autoptr(CfExtractor) extractor = cf_extractor_new (kase);

    g_assert_true (cf_extractor_run (extractor, NULL, &error));
    g_assert_no_error (error);
  }

  /* Pieces of the documents, so that most are found: words within a run,
   * phrases across runs. */
  for (guint i = 0; i < 400; i++)
    {
      const char *text = g_ptr_array_index (texts, g_rand_int_range (rand, 0, texts->len));
      char *piece = random_piece (rand, text);

      if (piece[0] != '\0')
        g_ptr_array_add (pieces, piece);
      else
        g_free (piece);
    }
  for (guint i = 0; i < pieces->len; i++)
    {
      const char *piece = g_ptr_array_index (pieces, i);
      g_autofree char *query = g_strdup_printf ("\"%s\"", piece);
      g_autofree char *expected = brute_force (texts, doc_ids, piece);
      char *got = tu_found (kase, query);

      if (strcmp (got, expected) != 0)
        g_error ("%s: the index finds {%s}, the text holds {%s}", query, got, expected);
      n_found += got[0] != '\0';
      g_ptr_array_add (hits, got);
    }
  /* Most searches find something, or the comparison says little. */
  g_assert_cmpuint (n_found, >, pieces->len * 3 / 4);

  /* Operators put the same sets together. */
  for (guint i = 0; i + 1 < pieces->len; i += 2)
    {
      const char *a = g_ptr_array_index (pieces, i), *b = g_ptr_array_index (pieces, i + 1);
      g_autofree char *either = g_strdup_printf ("\"%s\" OR \"%s\"", a, b);
      g_autofree char *but_not = g_strdup_printf ("\"%s\" -\"%s\"", a, b);
      g_autofree char *got_either = tu_found (kase, either);
      g_autofree char *got_but_not = tu_found (kase, but_not);
      g_autofree char *want_either = combine (g_ptr_array_index (hits, i), g_ptr_array_index (hits, i + 1), FALSE);
      g_autofree char *want_but_not = combine (g_ptr_array_index (hits, i), g_ptr_array_index (hits, i + 1), TRUE);

      g_assert_cmpstr (got_either, ==, want_either);
      g_assert_cmpstr (got_but_not, ==, want_but_not);
    }

  /* A word's snippets mark it whole, as the bigrams did. */
  for (guint i = 0; i < pieces->len; i++)
    {
      const char *piece = g_ptr_array_index (pieces, i);
      g_autofree char *marked = g_strdup_printf ("[%s]", piece);
      CfSearchOptions options = { .limit = 5 };
      g_autoptr(GPtrArray) page = NULL;

      if (strchr (piece, ' ') != NULL || g_utf8_strlen (piece, -1) < 2)
        continue;
      page = cf_case_search (kase, piece, &options, NULL, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < page->len; k++)
        {
          CfSearchHit *hit = g_ptr_array_index (page, k);

          if (strstr (hit->snippet, marked) == NULL && !marked_at_end (hit->snippet, piece))
            g_error ("%s: snippet “%s” does not mark it", piece, hit->snippet);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    g_ptr_array_add (prefix_answers, answer (kase, prefixes[i]));

  tu_use_bigram_index (kase);
  for (guint i = 0; i < pieces->len; i++)
    {
      g_autofree char *query = g_strdup_printf ("\"%s\"", (char *) g_ptr_array_index (pieces, i));
      g_autofree char *bigrams = tu_found (kase, query);

      g_assert_true (ids_within (g_ptr_array_index (hits, i), bigrams));
      n_fewer += strcmp (bigrams, g_ptr_array_index (hits, i)) != 0;
    }
  g_test_message ("%u searches of %u found fewer documents than with bigrams, rightly", n_fewer,
                  pieces->len);
  g_assert_cmpuint (n_fewer, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *bigrams = answer (kase, prefixes[i]);

      g_assert_cmpstr (bigrams, ==, g_ptr_array_index (prefix_answers, i));
    }
}

/* A case of schema 6 (bigrams only) is searched as it is when it may not
 * be written, and its index rebuilt with grams when it may. */
static void
test_schema_6_upgrade (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autoptr(CfCase) kase = tu_new_case (dir, "Old");
  g_autofree char *path = g_strdup (cf_case_get_path (kase));
  g_autofree char *file = g_build_filename (dir, "위수탁계약서.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CfCase) reader = NULL;
  g_autoptr(CfCase) writer = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) read_only = NULL;
  g_autoptr(GArray) after = NULL;
  sqlite3 *db;

  tu_write_text (file, "수탁자는 위수탁계약서에 따라 개인정보 처리 업무를 한다.");
  g_ptr_array_unref (tu_import_one (kase, file));
  {
    g_autoptr(CfExtractor) extractor = cf_extractor_new (kase);

    g_assert_true (cf_extractor_run (extractor, NULL, &error));
  }
  before = cf_case_search_ids (kase, "\"개인정보 처리\" 위수탁계약서", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 1);
  tu_use_bigram_index (kase);
  g_assert_true (cf_db_exec (cf_case_get_db (kase), "PRAGMA user_version = 6", &error));
  g_clear_object (&kase);
  g_assert_true (cf_case_needs_upgrade (path));

  reader = cf_case_open (path, CF_CASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cf_db_schema_version (cf_case_get_db (reader)), ==, 6);
  read_only = cf_case_search_ids (reader, "\"개인정보 처리\" 위수탁계약서", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read_only->len, ==, 1);
  g_clear_object (&reader);

  writer = cf_case_open (path, CF_CASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  db = cf_case_get_db (writer);
  g_assert_cmpint (cf_db_schema_version (db), ==, CF_SCHEMA_VERSION);
  g_assert_false (cf_case_needs_upgrade (path));
  g_assert_cmpint (cf_db_query_int64 (db, "SELECT count(*) FROM sqlite_master WHERE name = 'search' "
                                          "AND sql LIKE '%tokenize = ''casefile grams''%'", 0), ==, 1);
  /* The rebuilt index holds the grams and joins. */
  g_assert_true (cf_db_exec (db, "CREATE VIRTUAL TABLE temp.terms USING fts5vocab (main, 'search', 'row')",
                             &error));
  g_assert_cmpint (cf_db_query_int64 (db, "SELECT count(*) FROM temp.terms WHERE term IN "
                                          "('#위수탁계', '~정보처')", 0), ==, 2);
  after = cf_case_search_ids (writer, "\"개인정보 처리\" 위수탁계약서", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (g_array_index (after, gint64, 0), ==, g_array_index (before, gint64, 0));
  tu_assert_fsck_clean (writer);
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/search-grams/bigrams", test_bigrams);
  g_test_add_func ("/search-grams/cuts", test_cuts);
  g_test_add_func ("/search-grams/snippet-cut", test_snippet_cut);
  g_test_add_func ("/search-grams/finds-what-the-text-holds", test_finds_what_the_text_holds);
  g_test_add_func ("/search-grams/schema-6-upgrade", test_schema_6_upgrade);
  return g_test_run ();
}
