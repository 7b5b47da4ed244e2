/* test-search.c — finding documents: Korean inside words and with
 * particles, mixed Korean and English, phrases, OR, exclusions, every
 * filter, NFD input, malformed queries; and the index kept in step through
 * re-import, reading again, edits, tags and claims — checked against a
 * brute-force scan of the stored text. */
#include "test-util.h"
#include "test-fixtures.h"

#include <string.h>

#include "cf-case-private.h"
#include "cf-db.h"
#include "cf-error.h"
#include "cf-extraction.h"
#include "cf-numbering.h"
#include "cf-search.h"
#include "cf-search-index.h"
#include "cf-search-query.h"
#include "cf-search-tokenizer.h"

typedef struct
{
  char *dir;
  CfCase *kase;
  gint64 contract;   /* 위수탁계약서: "위수탁을", "개인정보", 2018-04-02, KakaoPay */
  gint64 consent;    /* 미동의, 동의서 */
  gint64 mail;       /* from partner, to legal; 제3자 제공 */
  gint64 english;    /* Résumé, fraud scoring */
  gint64 nfd;        /* a text written in NFD */
  gint64 claim;
} Fixture;

static gint64
add_text (Fixture    *f,
          const char *name,
          const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GPtrArray) items = NULL;

  tu_write_text (path, text);
  items = tu_import_one (f->kase, path);
  return ((TuItem *) g_ptr_array_index (items, 0))->document_id;
}

static void
read_all (Fixture *f)
{
  g_autoptr(CfExtractor) extractor = cf_extractor_new (f->kase);
  g_autoptr(GError) error = NULL;

  g_assert_true (cf_extractor_run (extractor, NULL, &error));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nfd = tu_to_nfd ("맥에서 쓴 개인정보 처리방침 초안");

  f->dir = tu_temp_dir ();
  f->kase = tu_new_case (f->dir, "Search");
  f->contract = add_text (f, "위수탁계약서.txt",
                          "제1조 수탁자는 위수탁을 통하여 개인정보를 처리한다. 위수탁계약서 별첨.");
  f->consent = add_text (f, "동의.txt", "고객 미동의 상태에서도 동의서 없이 처리 가능한지 검토.");
  f->mail = add_text (f, "mail.txt", "제3자 제공에 해당한다는 규제기관의 주장에 대한 반박.");
  f->english = add_text (f, "english.txt", "Résumé of the fraud scoring service. FRAUD controls.");
  f->nfd = add_text (f, "nfd.txt", nfd);
  read_all (f);
  g_assert_true (cf_case_edit_document (f->kase, f->contract, NULL, "2018-04-02", "KakaoPay", &error));
  g_assert_true (cf_case_edit_document (f->kase, f->mail, "Partner mail", "2018-06-15", "legal@partner.example", &error));
  f->claim = cf_case_add_claim (f->kase, "위수탁이지 유출이 아님", 0, CF_SIDE_OURS, NULL, &error);
  g_assert_true (cf_case_tag (f->kase, f->claim, &f->contract, 1, CF_STANCE_SUPPORTS, "제4조",
                              "목적 제한 조항", &error));
  g_assert_true (cf_case_tag (f->kase, f->claim, &f->mail, 1, CF_STANCE_UNDERMINES, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->kase);
  g_free (f->dir);
}

/* The ids a query finds, sorted, as "1,3,4". */
static char *
found (Fixture    *f,
       const char *query)
{
  return tu_found (f->kase, query);
}

static char *
ids (gint64 a,
     gint64 b,
     gint64 c)
{
  GString *s = g_string_new (NULL);

  if (a > 0)
    g_string_append_printf (s, "%" G_GINT64_FORMAT, a);
  if (b > 0)
    g_string_append_printf (s, ",%" G_GINT64_FORMAT, b);
  if (c > 0)
    g_string_append_printf (s, ",%" G_GINT64_FORMAT, c);
  return g_string_free (s, FALSE);
}

#define assert_finds(f, query, expected) \
  G_STMT_START { \
    g_autofree char *_got = found (f, query); \
    g_autofree char *_want = expected; \
    if (g_strcmp0 (_got, _want) != 0) \
      g_error ("search “%s” found {%s}, expected {%s}", query, _got, _want); \
  } G_STMT_END

static void
test_korean (Fixture       *f,
             gconstpointer  data)
{
  /* Inside words and with particles. */
  assert_finds (f, "위수탁", ids (f->contract, 0, 0));
  assert_finds (f, "위수탁계약서", ids (f->contract, 0, 0));
  /* Two syllables inside longer words. */
  assert_finds (f, "동의", ids (f->consent, 0, 0));
  assert_finds (f, "미동의", ids (f->consent, 0, 0));
  assert_finds (f, "동의서", ids (f->consent, 0, 0));
  assert_finds (f, "개인정보", ids (f->contract, f->nfd, 0));
  /* One syllable: a prefix. */
  assert_finds (f, "반", ids (f->mail, 0, 0));
  /* Not found is not found. */
  assert_finds (f, "유출", g_strdup (""));
  /* Text written in NFD is found by composed queries, and the reverse. */
  {
    g_autofree char *nfd_query = tu_to_nfd ("처리방침");
    assert_finds (f, "처리방침", ids (f->nfd, 0, 0));
    assert_finds (f, nfd_query, ids (f->nfd, 0, 0));
  }
}

static void
test_english_and_mixed (Fixture       *f,
                        gconstpointer  data)
{
  assert_finds (f, "resume", ids (f->english, 0, 0));
  assert_finds (f, "RÉSUMÉ", ids (f->english, 0, 0));
  assert_finds (f, "fraud", ids (f->english, 0, 0));
  assert_finds (f, "scor*", ids (f->english, 0, 0));
  assert_finds (f, "kakaopay", ids (f->contract, 0, 0));
  assert_finds (f, "kakaopay 위수탁", ids (f->contract, 0, 0));
  assert_finds (f, "kakaopay 동의", g_strdup (""));
}

static void
test_operators (Fixture       *f,
                gconstpointer  data)
{
  assert_finds (f, "\"fraud scoring\"", ids (f->english, 0, 0));
  assert_finds (f, "\"scoring fraud\"", g_strdup (""));
  assert_finds (f, "\"제3자 제공\"", ids (f->mail, 0, 0));
  assert_finds (f, "동의 OR 반박", ids (f->consent, f->mail, 0));
  /* Filters beside an OR group apply to the whole group. */
  assert_finds (f, "type:text 동의 OR 반박", ids (f->consent, f->mail, 0));
  assert_finds (f, "동의 OR 반박 type:pdf", g_strdup (""));
  assert_finds (f, "처리 -미동의", ids (f->contract, f->nfd, 0));
  assert_finds (f, "-위수탁 -동의 -resume -처리방침", ids (f->mail, 0, 0));
  /* Notes and pinpoints are searchable. */
  assert_finds (f, "목적 제한", ids (f->contract, 0, 0));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *claim_filter = g_strdup_printf ("claim:%" G_GINT64_FORMAT, f->claim);

  assert_finds (f, "from:partner", ids (f->mail, 0, 0));
  assert_finds (f, "from:kakaopay", ids (f->contract, 0, 0));
  assert_finds (f, "type:text 제", ids (f->contract, f->mail, 0));
  assert_finds (f, "type:pdf", g_strdup (""));
  assert_finds (f, "type:html", g_strdup (""));
  assert_finds (f, "type:txt 반박", ids (f->mail, 0, 0));
  assert_finds (f, "type:TXT 반박", ids (f->mail, 0, 0));
  assert_finds (f, "date:2018-04..2018-06", ids (f->contract, f->mail, 0));
  assert_finds (f, "date:2018-05..", ids (f->mail, 0, 0));
  assert_finds (f, "date:..2018-04", ids (f->contract, 0, 0));
  assert_finds (f, "date:2018-06-15", ids (f->mail, 0, 0));
  assert_finds (f, claim_filter, ids (f->contract, f->mail, 0));
  assert_finds (f, "claim:위수탁", ids (f->contract, f->mail, 0));
  assert_finds (f, "tag:undermines", ids (f->mail, 0, 0));
  assert_finds (f, "tag:supports 처리", ids (f->contract, 0, 0));
  assert_finds (f, "tag:none resume", ids (f->english, 0, 0));
  assert_finds (f, "-type:text resume", g_strdup (""));

  changes = cf_case_number_exhibits (f->kase, FALSE, &error);
  g_assert_no_error (error);
  assert_finds (f, "exhibit:any", ids (f->contract, f->mail, 0));
  assert_finds (f, "exhibit:갑1", ids (f->contract, 0, 0));
  assert_finds (f, "exhibit:\"갑 제2호증\"", ids (f->mail, 0, 0));
  assert_finds (f, "exhibit:none 동의", ids (f->consent, 0, 0));
}

static void
test_ranking_and_snippets (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  CfSearchOptions options = { .open = "<b>", .close = "</b>" };
  gint64 titled;
  guint total = 0;
  CfSearchHit *first;

  /* A title hit ranks above a body hit. */
  titled = add_text (f, "반박서면.txt", "본문에는 다른 말");
  read_all (f);
  g_assert_true (cf_case_edit_document (f->kase, titled, "반박 서면", NULL, NULL, &error));
  hits = cf_case_search (f->kase, "반박", &options, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  first = g_ptr_array_index (hits, 0);
  g_assert_cmpint (first->document_id, ==, titled);
  g_assert_cmpstr (first->title, ==, "반박 서면");
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = cf_case_search (f->kase, "위수탁", &options, &total, &error);
  first = g_ptr_array_index (hits, 0);
  g_assert_nonnull (strstr (first->snippet, "<b>"));
  g_assert_nonnull (strstr (first->snippet, "</b>"));
  g_assert_cmpstr (first->date, ==, "2018-04-02");
}

/* The ranking (cf-search-rank.c) must order hits exactly as FTS5's bm25()
 * does, on a case large enough for words in over half the documents (whose
 * IDF is at its least), with documents of many lengths, and
 * after edits change lengths (the lengths it keeps must follow). */
/* With a filter (a claim), the order is bm25()'s among the documents
 * that pass it (those in `passing`). */
static void
assert_bm25_order_filtered (CfCase     *kase,
                            const char *query,
                            const char *filter,
                            GHashTable *passing)
{
  sqlite3 *db = cf_case_get_db (kase);
  g_autoptr(GError) error = NULL;
  g_autoptr(CfSearchQuery) q = cf_search_query_parse (db, query, &error);
  g_autofree char *filtered = filter ? g_strdup_printf ("%s %s", filter, query) : g_strdup (query);
  g_autoptr(GArray) ours = cf_case_search_ids (kase, filtered, &error);
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *expression = NULL;
  g_autoptr(GPtrArray) page = NULL;
  CfSearchOptions options = { .limit = 7, .offset = 5 };
  guint total = 0;

  g_assert_no_error (error);
  expression = q->exclude ? g_strdup_printf ("(%s) NOT (%s)", q->match, q->exclude) : g_strdup (q->match);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rowid FROM search WHERE search MATCH ? "
                                       "ORDER BY bm25 (search, 10.0, 4.0, 3.0, 1.0, 3.0), rowid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (passing == NULL || g_hash_table_contains (passing, &id))
        g_array_append_val (theirs, id);
    }
  if (theirs->len <= (passing ? 0 : 10))
    g_error ("“%s” finds too few documents to tell an order (%u)", query, theirs->len);
  g_assert_cmpuint (ours->len, ==, theirs->len);
  for (guint i = 0; i < ours->len; i++)
    if (g_array_index (ours, gint64, i) != g_array_index (theirs, gint64, i))
      g_error ("“%s”: hit %u is %" G_GINT64_FORMAT ", bm25() has %" G_GINT64_FORMAT, query, i,
               g_array_index (ours, gint64, i), g_array_index (theirs, gint64, i));

  /* A page of hits is the same slice, with the count of all. */
  page = cf_case_search (kase, filtered, &options, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, theirs->len);
  g_assert_cmpuint (page->len, ==, MIN (7, theirs->len > 5 ? theirs->len - 5 : 0));
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpint (((CfSearchHit *) g_ptr_array_index (page, i))->document_id, ==,
                     g_array_index (theirs, gint64, 5 + i));
}

/* cf_case_search_all gives what cf_case_search_ids and cf_case_search
 * give, from one ranking: every id, and the first page with snippets. */
static void
assert_search_all_agrees (CfCase     *kase,
                          const char *query)
{
  CfSearchOptions options = { 7, 0, "<", ">" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = cf_case_search_ids (kase, query, &error);
  g_autoptr(GPtrArray) page = cf_case_search (kase, query, &options, NULL, &error);
  g_autoptr(GArray) all_ids = NULL;
  g_autoptr(GPtrArray) all_page = cf_case_search_all (kase, query, &options, &all_ids, &error);

  g_assert_no_error (error);
  g_assert_nonnull (all_page);
  g_assert_cmpuint (all_ids->len, ==, ids->len);
  g_assert_cmpmem (all_ids->data, all_ids->len * sizeof (gint64), ids->data, ids->len * sizeof (gint64));
  g_assert_cmpuint (all_page->len, ==, page->len);
  g_assert_cmpuint (all_page->len, <=, 7);
  for (guint i = 0; i < page->len; i++)
    {
      CfSearchHit *a = g_ptr_array_index (all_page, i), *b = g_ptr_array_index (page, i);

      g_assert_cmpint (a->document_id, ==, b->document_id);
      g_assert_cmpint (a->document_id, ==, g_array_index (all_ids, gint64, i));
      g_assert_cmpstr (a->snippet, ==, b->snippet);
    }
}

static void
assert_bm25_order (CfCase     *kase,
                   const char *query)
{
  assert_bm25_order_filtered (kase, query, NULL, NULL);
}

static void
test_ranking_is_bm25 (void)
{
  static const char *words[] = {
    "개인정보", "개인정보", "개인정보", "처리", "위수탁", "유출", "과징금", "동의", "미동의",
    "fraud", "fraud", "scoring", "partner", "계약", "검토", "the", "of", "서비스",
  };
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *docs = g_build_filename (dir, "docs", NULL);
  g_autoptr(CfCase) kase = tu_new_case (dir, "Ranking");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20181004);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CfExtractor) extractor = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { docs, NULL };
  static const char *queries[] = {
    "개인정보", "fraud", "개인정보 fraud", "유출 OR 과징금", "위수탁 -미동의",
    "\"fraud scoring\"", "동*", "개인정보 처리 partner",
    /* Groups: an OR beside other words, exclusions of several. */
    "개인정보 유출 OR 과징금", "유출 OR 과징금 OR partner -\"동의 fraud\" -\"scoring of\"", "the of 서비스", "서비스 OR the -\"fraud scoring\"",
    "동* -처리",
  };

  tu_mkdir (docs);
  for (int i = 0; i < 240; i++)
    {
      GString *text = g_string_new (NULL);
      g_autofree char *path = g_strdup_printf ("%s/doc-%03d.txt", docs, i);
      int n = g_rand_int_range (rand, 3, 160);

      for (int w = 0; w < n; w++)
        g_string_append_printf (text, "%s%s", w ? " " : "",
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      /* Adjacent pairs for the phrase query. */
      if (i % 3 == 0)
        g_string_append (text, " fraud scoring");
      tu_write_text (path, text->str);
      g_string_free (text, TRUE);
    }
  items = tu_import (kase, paths, NULL);
  g_assert_cmpuint (items->len, >=, 240);
  extractor = cf_extractor_new (kase);
  g_assert_true (cf_extractor_run (extractor, NULL, &error));

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      assert_bm25_order (kase, queries[i]);
      assert_search_all_agrees (kase, queries[i]);
    }

  /* Longer titles change lengths and ranks; the ranking must see it. */
  for (gint64 id = 1; id <= 40; id++)
    {
      g_autofree char *title = g_strdup_printf ("개인정보 fraud 제목 %" G_GINT64_FORMAT " 위수탁 계약 검토 메모", id);

      if (!cf_case_edit_document (kase, id, title, NULL, NULL, &error))
        g_clear_error (&error);  /* the folder itself has no text to retitle */
    }
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_bm25_order (kase, queries[i]);

  /* Filters rank among the documents that pass them. */
  {
    g_autoptr(GHashTable) tagged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    g_autoptr(GArray) all = cf_case_search_ids (kase, "개인정보", &error);
    gint64 claim = cf_case_add_claim (kase, "선별", 0, CF_SIDE_OURS, NULL, &error);
    g_autofree char *filter = g_strdup_printf ("claim:%" G_GINT64_FORMAT, claim);
    g_autoptr(GArray) picked = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_assert_no_error (error);
    for (guint i = 0; i < all->len; i += 2)
      {
        gint64 id = g_array_index (all, gint64, i);

        g_array_append_val (picked, id);
        g_hash_table_add (tagged, g_memdup2 (&id, sizeof id));
      }
    g_assert_true (cf_case_tag (kase, claim, (const gint64 *) (gpointer) picked->data, picked->len,
                                CF_STANCE_SUPPORTS, NULL, NULL, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      assert_bm25_order_filtered (kase, queries[i], filter, tagged);
    /* Filters alone rank nothing: ids in order, a page of them. */
    assert_search_all_agrees (kase, filter);
  }
  g_clear_object (&kase);
  tu_rm_rf (dir);
}

static void
expect_invalid (Fixture    *f,
                const char *query,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) result = cf_case_search_ids (f->kase, query, &error);

  g_assert_null (result);
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s”: message “%s” lacks “%s”", query, error->message, fragment);
  g_assert_null (strstr (error->message, "SQL"));
  g_assert_null (strstr (error->message, "fts5"));
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  expect_invalid (f, "\"open phrase", "not closed");
  expect_invalid (f, "OR 위수탁", "OR needs");
  expect_invalid (f, "위수탁 OR", "OR needs");
  expect_invalid (f, "위수탁 OR type:pdf", "OR joins words");
  expect_invalid (f, "type:pdf OR 위수탁", "OR joins words");
  expect_invalid (f, "위수탁 OR -동의", "OR joins words");
  expect_invalid (f, "foo:bar", "not a search filter");
  expect_invalid (f, "date:yesterday", "not a date");
  expect_invalid (f, "date:2018-13", "not a date");
  expect_invalid (f, "claim:없는쟁점", "No claim");
  expect_invalid (f, "tag:maybe", "tag: takes");
  expect_invalid (f, "exhibit:abc", "exhibit: takes");
  expect_invalid (f, "", "Type words");
  expect_invalid (f, "from:", "needs a value");
  /* Punctuation and FTS5 syntax are just text. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) r = cf_case_search_ids (f->kase, "NEAR( AND * ^ \"\" ( ) ;", &error);

    g_assert_no_error (error);
    g_assert_nonnull (r);
  }
}

/* The index against a brute-force look through the stored text, for a
 * set of words, after the case went through every kind of change. */
typedef struct
{
  const char *word;
  GPtrArray *terms;
} Needle;

static void
collect_term (const char *term,
              gsize       len,
              gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strndup (term, len));
}

/* A document matches a word when the word's terms appear consecutively in
 * the terms of its indexed text. */
static gboolean
brute_force_contains (GPtrArray *haystack,
                      GPtrArray *needle)
{
  for (guint i = 0; i + needle->len <= haystack->len; i++)
    {
      guint k = 0;

      while (k < needle->len && strcmp (g_ptr_array_index (haystack, i + k), g_ptr_array_index (needle, k)) == 0)
        k++;
      if (k == needle->len)
        return TRUE;
    }
  return FALSE;
}

static void
compare_with_brute_force (Fixture *f)
{
  const char *words[] = { "위수탁", "개인정보", "동의", "처리", "fraud", "제공", "신규", "반박", NULL };
  g_autoptr(GPtrArray) docs = cf_case_list_documents (f->kase, NULL);

  for (guint w = 0; words[w]; w++)
    {
      g_autoptr(GPtrArray) needle = g_ptr_array_new_with_free_func (g_free);
      GString *expected = g_string_new (NULL);
      g_autofree char *got = NULL;

      cf_search_tokenize (words[w], -1, collect_term, needle);
      for (guint i = 0; i < docs->len; i++)
        {
          CfDocument *d = g_ptr_array_index (docs, i);
          g_autoptr(GPtrArray) hay = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *text = cf_case_dup_document_text (f->kase, cf_document_get_id (d), NULL);
          g_autoptr(GPtrArray) tags = cf_case_list_tags (f->kase, cf_document_get_id (d), NULL);
          g_autoptr(GString) all = g_string_new (NULL);

          g_string_append_printf (all, "%s\n%s %s\n%s %s\n%s\n", cf_document_get_title (d),
                                  cf_document_get_name (d), cf_document_get_source (d),
                                  cf_document_get_author (d) ? cf_document_get_author (d) : "",
                                  cf_document_get_recipients (d) ? cf_document_get_recipients (d) : "",
                                  text ? text : "");
          for (guint t = 0; t < tags->len; t++)
            g_string_append_printf (all, "%s %s\n", cf_tag_get_pinpoint (g_ptr_array_index (tags, t)),
                                    cf_tag_get_note (g_ptr_array_index (tags, t)));
          {
            g_autofree char *nfc = g_utf8_normalize (all->str, -1, G_NORMALIZE_NFC);
            g_auto(GStrv) fields = g_strsplit (nfc, "\n", -1);

            /* Field by field: a phrase never spans two columns. */
            for (guint k = 0; fields[k]; k++)
              {
                g_ptr_array_set_size (hay, 0);
                cf_search_tokenize (fields[k], -1, collect_term, hay);
                if (brute_force_contains (hay, needle))
                  {
                    g_string_append_printf (expected, "%s%" G_GINT64_FORMAT, expected->len ? "," : "",
                                            cf_document_get_id (d));
                    break;
                  }
              }
          }
        }
      got = found (f, words[w]);
      if (g_strcmp0 (got, expected->str) != 0)
        g_error ("“%s”: the index finds {%s}, the stored text holds {%s}", words[w], got, expected->str);
      g_string_free (expected, TRUE);
    }
}

static void
test_index_in_step (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "위수탁계약서.txt", NULL);
  g_autoptr(GPtrArray) again = NULL;
  gint64 newer;

  compare_with_brute_force (f);

  /* Edits: a new title is found, the old one no longer. */
  g_assert_true (cf_case_edit_document (f->kase, f->english, "신규 제목 반박", NULL, NULL, &error));
  compare_with_brute_force (f);
  assert_finds (f, "신규", ids (f->english, 0, 0));

  /* Tags come and go with their notes. */
  g_assert_true (cf_case_untag (f->kase, f->claim, &f->contract, 1, &error));
  assert_finds (f, "목적 제한", g_strdup (""));
  compare_with_brute_force (f);

  /* Re-import (nothing new) and a new import. */
  again = tu_import_one (f->kase, path);
  newer = add_text (f, "추가.txt", "추가로 받은 위수탁 관련 자료와 개인정보 목록");
  read_all (f);
  compare_with_brute_force (f);
  assert_finds (f, "위수탁", ids (f->contract, newer, 0));

  /* Reading everything again keeps the index right. */
  g_assert_true (cf_case_mark_for_reading (f->kase, NULL, 0, &error));
  read_all (f);
  compare_with_brute_force (f);

  /* Removing a claim removes its tags' notes from the index. */
  g_assert_true (cf_case_remove_claim (f->kase, f->claim, TRUE, &error));
  compare_with_brute_force (f);

  /* FTS5's own check agrees, and fsck is clean. */
  tu_assert_fsck_clean (f->kase);
  g_assert_true (cf_case_rebuild_search_index (f->kase, &error));
  compare_with_brute_force (f);
}

static void
test_saved_searches (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) saved_ids = NULL;
  g_auto(GStrv) saved = NULL;
  gint64 id;

  id = cf_case_save_search (f->kase, "파트너 메일", "from:partner date:2018", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (cf_case_save_search (f->kase, "broken", "\"unclosed", &error), ==, 0);
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);
  saved = cf_case_list_saved_searches (f->kase, &saved_ids, &error);
  g_assert_cmpuint (g_strv_length (saved), ==, 2);
  g_assert_cmpstr (saved[0], ==, "파트너 메일");
  g_assert_cmpstr (saved[1], ==, "from:partner date:2018");
  g_assert_true (cf_case_remove_saved_search (f->kase, id, &error));
  g_clear_pointer (&saved, g_strfreev);
  saved = cf_case_list_saved_searches (f->kase, NULL, &error);
  g_assert_cmpuint (g_strv_length (saved), ==, 0);
}

static void
test_highlight_terms (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(GStrv) terms = cf_search_highlight_terms ("위수탁 \"제3자 제공\" -초안 from:partner fraud* OR 동의");
  const char *on_page[] = { "Scoring", NULL };
  g_autofree char *multi = NULL;
  gint64 paged;

  g_assert_cmpuint (g_strv_length (terms), ==, 4);
  g_assert_cmpstr (terms[0], ==, "위수탁");
  g_assert_cmpstr (terms[1], ==, "제3자 제공");
  g_assert_cmpstr (terms[2], ==, "fraud");
  g_assert_cmpstr (terms[3], ==, "동의");

  /* The page of a paged text where a hit is (\f separates pages). */
  paged = add_text (f, "paged.txt", "first page\fsecond page\fthird page with fraud scoring");
  read_all (f);
  g_assert_cmpuint (cf_case_find_text_page (f->kase, paged, on_page, NULL), ==, 3);
  multi = NULL;
}

static gint64
count_segments (CfCase *kase)
{
  return cf_db_query_int64 (cf_case_get_db (kase), "SELECT count (DISTINCT segid) FROM search_idx", -1);
}

/* The index is merged into one segment after a run that changed a tenth
 * of the case or more, not after smaller ones; merging changes no result;
 * a cancelled merge stops and leaves the index sound. */
static void
test_index_merged (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3 *db = cf_case_get_db (f->kase);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Every edit is a transaction of its own, and leaves a segment. */
  for (int i = 0; i < 12; i++)
    {
      g_autofree char *title = g_strdup_printf ("개정 %d 위수탁 계약 검토", i);

      g_assert_true (cf_case_edit_document (f->kase, f->consent, title, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (count_segments (f->kase), >, 1);
  before = found (f, "위수탁 OR 검토 OR fraud");

  /* One document of five is a fifth: merged, unless cancelled. */
  g_cancellable_cancel (cancelled);
  g_assert_true (cf_search_tidy (db, 1, cancelled, &error));
  g_assert_cmpint (count_segments (f->kase), >, 1);
  g_assert_true (cf_search_tidy (db, 0, NULL, &error));
  g_assert_cmpint (count_segments (f->kase), >, 1);
  g_assert_true (cf_search_tidy (db, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_segments (f->kase), ==, 1);
  after = found (f, "위수탁 OR 검토 OR fraud");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO search (search, rank) VALUES ('integrity-check', 1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* An import of many documents into the case merges by itself. */
  for (int i = 0; i < 12; i++)
    {
      g_autofree char *title = g_strdup_printf ("다시 %d", i);

      g_assert_true (cf_case_edit_document (f->kase, f->consent, title, NULL, NULL, &error));
    }
  g_assert_cmpint (count_segments (f->kase), >, 1);
  {
    g_autofree char *docs = g_build_filename (f->dir, "more", NULL);
    const char *paths[] = { docs, NULL };
    g_autoptr(GPtrArray) items = NULL;

    tu_mkdir (docs);
    for (int i = 0; i < 6; i++)
      {
        g_autofree char *path = g_strdup_printf ("%s/추가-%d.txt", docs, i);

        tu_write_text (path, "추가 자료: 위수탁 범위");
      }
    items = tu_import (f->kase, paths, NULL);
    g_assert_cmpuint (items->len, >=, 6);
  }
  g_assert_cmpint (count_segments (f->kase), ==, 1);
}

/* cf_nfc, which composes every text the index reads, leaves composed text
 * as it is without normalising it (its fast path) and composes the rest,
 * including what only looks composed: a syllable followed by a
 * conjoining final jamo, a letter followed by a combining accent, a
 * character that composes to another (Å, the angstrom sign). */
static void
test_nfc (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "nfc.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = cf_db_open (path, FALSE, TRUE, &error);
  struct { const char *text; const char *nfc; } cases[] = {
    { "plain ASCII", "plain ASCII" },
    { "개인정보 처리방침 “초안” — 1.5%", "개인정보 처리방침 “초안” — 1.5%" },
    { "漢字 かな ㄱㅏ Ĳ ß", "漢字 かな ㄱㅏ Ĳ ß" },
    { "\xea\xb0\x80\xe1\x86\xa8", "각" },            /* 가 + final ㄱ */
    { "\xe1\x84\x80\xe1\x85\xa1", "가" },            /* initial ㄱ + ㅏ */
    { "Re\xcc\x81sume\xcc\x81", "Résumé" },        /* e + U+0301 */
    { "\xe2\x84\xab", "Å" },                          /* U+212B */
    { "\xef\xa4\x80", "\xe8\xb1\x88" },              /* U+F900 → U+8C48 */
  };

  g_assert_no_error (error);
  g_assert_nonnull (db);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT cf_nfc (?)", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, cases[i].text, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, cases[i].nfc);
    }
  cf_db_close (db);
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/search/nfc", test_nfc);
  g_test_add_func ("/search/ranking-is-bm25", test_ranking_is_bm25);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/search/korean", test_korean);
  ADD ("/search/english-mixed", test_english_and_mixed);
  ADD ("/search/operators", test_operators);
  ADD ("/search/filters", test_filters);
  ADD ("/search/ranking-snippets", test_ranking_and_snippets);
  ADD ("/search/malformed", test_malformed);
  ADD ("/search/index-in-step", test_index_in_step);
  ADD ("/search/index-merged", test_index_merged);
  ADD ("/search/saved", test_saved_searches);
  ADD ("/search/highlight-terms", test_highlight_terms);
#undef ADD
  return g_test_run ();
}
