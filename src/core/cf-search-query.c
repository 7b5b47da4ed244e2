/* cf-search-query.c — the search language (see cf-search-query.h).
 *
 * The user's words never reach SQL or FTS5 syntax as such: each term is
 * re-quoted as an FTS5 string (which our tokenizer cuts the same way it cut
 * the documents), each filter becomes a parameterised SQL condition. A
 * malformed query is a message, never an SQL error. */
#define G_LOG_DOMAIN "casefile-core"

#include "config.h"

#include "cf-search-query.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "cf-db.h"
#include "cf-error.h"
#include "cf-search-tokenizer.h"

typedef struct
{
  char *text;        /* the term, phrase text or filter value */
  char *key;         /* filter name, or NULL for a term */
  gboolean phrase;   /* came in quotes */
  gboolean negated;
  gboolean or_next;  /* an OR follows */
} Token;

static void
token_free (Token *t)
{
  g_free (t->text);
  g_free (t->key);
  g_free (t);
}

void
cf_search_query_free (CfSearchQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->match);
  g_free (query->exclude);
  if (query->match_groups != NULL)
    g_array_unref (query->match_groups);
  if (query->where)
    g_string_free (query->where, TRUE);
  g_clear_pointer (&query->params, g_ptr_array_unref);
  g_free (query);
}

static const char *filters[] = { "from", "to", "type", "claim", "tag", "date", "exhibit", NULL };

static gboolean
is_filter (const char *key)
{
  for (guint i = 0; filters[i]; i++)
    if (g_ascii_strcasecmp (key, filters[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Splits the query into terms, phrases, filters and ORs. */
static GPtrArray *
lex (const char  *q,
     GError     **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) token_free);
  const char *p = q;

  while (*p)
    {
      Token *t;
      gboolean negated = FALSE;
      g_autofree char *key = NULL;
      GString *text;
      gboolean phrase = FALSE;

      while (g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      if (*p == '-' && p[1] != '\0' && !g_unichar_isspace (g_utf8_get_char (p + 1)))
        {
          negated = TRUE;
          p++;
        }

      /* key: before a colon, when the key is a filter name. */
      {
        const char *colon = NULL;
        const char *s = p;

        while (*s && *s != ':' && *s != '"' && !g_unichar_isspace (g_utf8_get_char (s)))
          s = g_utf8_next_char (s);
        if (*s == ':')
          colon = s;
        if (colon != NULL)
          {
            g_autofree char *candidate = g_strndup (p, colon - p);
            gboolean alpha = candidate[0] != '\0';

            for (const char *c = candidate; *c; c++)
              alpha = alpha && g_ascii_isalpha (*c);
            if (alpha && is_filter (candidate))
              {
                key = g_ascii_strdown (candidate, -1);
                p = colon + 1;
              }
            else if (alpha && strlen (candidate) <= 10 && colon[1] != '\0' &&
                     !g_unichar_isspace (g_utf8_get_char (colon + 1)) && colon[1] != '/')
              {
                g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                             _("“%s:” is not a search filter. Filters are from:, to:, type:, "
                             "claim:, tag:, date: and exhibit:"), candidate);
                return NULL;
              }
          }
      }

      text = g_string_new (NULL);
      if (*p == '"')
        {
          const char *end = strchr (p + 1, '"');

          if (end == NULL)
            {
              g_string_free (text, TRUE);
              g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                           _("A quotation mark is not closed; put the phrase between two \""));
              return NULL;
            }
          g_string_append_len (text, p + 1, end - p - 1);
          phrase = TRUE;
          p = end + 1;
        }
      else
        {
          while (*p && !g_unichar_isspace (g_utf8_get_char (p)))
            {
              const char *next = g_utf8_next_char (p);

              if (*p == '"')
                {
                  g_string_free (text, TRUE);
                  g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                               _("A quotation mark starts in the middle of a word; put a space before it"));
                  return NULL;
                }
              g_string_append_len (text, p, next - p);
              p = next;
            }
        }

      if (key == NULL && !phrase && strcmp (text->str, "OR") == 0 && !negated)
        {
          g_string_free (text, TRUE);
          if (tokens->len == 0 || ((Token *) g_ptr_array_index (tokens, tokens->len - 1))->or_next)
            {
              g_set_error (error, CF_ERROR, CF_ERROR_INVALID, _("OR needs something on both sides"));
              return NULL;
            }
          ((Token *) g_ptr_array_index (tokens, tokens->len - 1))->or_next = TRUE;
          continue;
        }
      if (key != NULL && text->len == 0)
        {
          g_string_free (text, TRUE);
          g_set_error (error, CF_ERROR, CF_ERROR_INVALID, _("The filter %s: needs a value"), key);
          return NULL;
        }

      t = g_new0 (Token, 1);
      t->text = g_string_free (text, FALSE);
      t->key = g_steal_pointer (&key);
      t->phrase = phrase;
      t->negated = negated;
      g_ptr_array_add (tokens, t);
    }
  if (tokens->len > 0 && ((Token *) g_ptr_array_index (tokens, tokens->len - 1))->or_next)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID, _("OR needs something on both sides"));
      return NULL;
    }
  return g_steal_pointer (&tokens);
}

static void
count_term (const char *term,
            gsize       len,
            gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* One term as an FTS5 string; NULL when it holds nothing searchable. */
static char *
fts_string (Token *t)
{
  GString *s;
  const char *text = t->text;
  gboolean prefix = FALSE;
  gsize len = strlen (text);
  guint n_terms = 0;

  if (!t->phrase && len > 1 && text[len - 1] == '*')
    {
      prefix = TRUE;
      len--;
    }
  {
    g_autofree char *body = g_strndup (text, len);

    cf_search_tokenize (body, -1, count_term, &n_terms);
    if (n_terms == 0)
      return NULL;
    /* One Hangul syllable alone is too short for a bigram: it matches
     * the words that start with it. */
    if (!t->phrase && g_utf8_strlen (body, -1) == 1 && cf_search_is_cjk (g_utf8_get_char (body)))
      prefix = TRUE;
    s = g_string_new ("\"");
    for (const char *p = body; *p; p++)
      {
        if (*p == '"')
          g_string_append_c (s, '"');
        g_string_append_c (s, *p);
      }
  }
  g_string_append_c (s, '"');
  if (prefix)
    g_string_append_c (s, '*');
  return g_string_free (s, FALSE);
}

static void
add_param (CfSearchQuery *q,
           const char    *text)
{
  g_ptr_array_add (q->params, g_strconcat ("s", text, NULL));
}

static void
add_int_param (CfSearchQuery *q,
               gint64         value)
{
  g_ptr_array_add (q->params, g_strdup_printf ("i%" G_GINT64_FORMAT, value));
}

static char *
like_pattern (const char *text)
{
  GString *s = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

static gboolean
valid_date_part (const char *d)
{
  int y, m, day;
  gsize len = d ? strlen (d) : 0;

  if (len == 4)
    return sscanf (d, "%4d", &y) == 1 && y >= 1000;
  if (len == 7)
    return sscanf (d, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12;
  if (len == 10)
    return sscanf (d, "%4d-%2d-%2d", &y, &m, &day) == 3 && g_date_valid_dmy (day, m, y);
  return FALSE;
}

/* Appended to a date, a string that sorts after every date or time
 * starting with it ("2018-06" < "2018-06-30T23:59" < "2018-06~"): ranges
 * are then half-open comparisons that the index on doc_date serves. */
#define DATE_PREFIX_END "~"

static gboolean
date_condition (CfSearchQuery  *q,
                GString        *cond,
                const char     *value,
                GError        **error)
{
  const char *dots = strstr (value, "..");

  if (dots == NULL)
    {
      g_autofree char *pattern = NULL;

      if (!valid_date_part (value))
        goto bad;
      pattern = g_strconcat (value, DATE_PREFIX_END, NULL);
      g_string_append (cond, "(d.doc_date >= ? AND d.doc_date < ?)");
      add_param (q, value);
      add_param (q, pattern);
      return TRUE;
    }
  else
    {
      g_autofree char *from = g_strndup (value, dots - value);
      const char *to = dots + 2;

      if ((from[0] && !valid_date_part (from)) || (to[0] && !valid_date_part (to)) ||
          (!from[0] && !to[0]))
        goto bad;
      g_string_append (cond, "(d.doc_date IS NOT NULL");
      if (from[0])
        {
          g_string_append (cond, " AND d.doc_date >= ?");
          add_param (q, from);
        }
      if (to[0])
        {
          g_autofree char *pattern = g_strconcat (to, DATE_PREFIX_END, NULL);

          /* "..2018-06" includes every day (and time) of June. */
          g_string_append (cond, " AND d.doc_date < ?");
          add_param (q, pattern);
        }
      g_string_append (cond, ")");
      return TRUE;
    }

bad:
  g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
               _("“%s” is not a date or a range; write date:2018, date:2018-04, "
               "date:2018-04-02 or date:2018-04..2018-06"), value);
  return FALSE;
}

static const struct
{
  const char *name;
  const char *condition;   /* GLOB, not LIKE: the index on mime_type serves it */
} types[] = {
  { "pdf", "d.mime_type = 'application/pdf'" },
  { "mail", "(d.mime_type IN ('message/rfc822', 'application/vnd.ms-outlook', 'application/mbox'))" },
  { "email", "(d.mime_type IN ('message/rfc822', 'application/vnd.ms-outlook', 'application/mbox'))" },
  { "eml", "d.mime_type = 'message/rfc822'" },
  { "msg", "d.mime_type = 'application/vnd.ms-outlook'" },
  { "image", "d.mime_type GLOB 'image/*'" },
  { "photo", "d.mime_type GLOB 'image/*'" },
  { "word", "(d.mime_type IN ('application/msword', 'application/vnd.oasis.opendocument.text') OR "
            "d.mime_type GLOB 'application/vnd.openxmlformats-officedocument.wordprocessingml*')" },
  { "excel", "(d.mime_type IN ('application/vnd.ms-excel', 'application/vnd.oasis.opendocument.spreadsheet') OR "
             "d.mime_type GLOB 'application/vnd.openxmlformats-officedocument.spreadsheetml*' OR "
             "d.mime_type = 'text/csv')" },
  { "hwp", "(d.mime_type IN ('application/x-hwp', 'application/hwp+zip'))" },
  { "html", "(d.mime_type IN ('text/html', 'application/xhtml+xml'))" },
  { "text", "d.mime_type GLOB 'text/*'" },
  { "archive", "(d.mime_type IN ('application/zip', 'application/x-tar', 'application/x-compressed-tar', "
               "'application/x-bzip-compressed-tar', 'application/x-xz-compressed-tar'))" },
  { "zip", "d.mime_type = 'application/zip'" },
};

static gboolean
type_condition (CfSearchQuery *q,
                GString       *cond,
                const char    *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (value, types[i].name) == 0)
      {
        g_string_append (cond, types[i].condition);
        return TRUE;
      }
  if (strchr (value, '/') != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (value, -1);

      g_string_append (cond, "d.mime_type = ?");
      add_param (q, lower);
      return TRUE;
    }
  {
    /* Anything else is a file extension: type:docx, type:jpg. No index
     * can seek a name's end; the scan reads the index on names, not every
     * whole row. */
    g_autofree char *pattern = g_strconcat ("%.", value, NULL);

    g_string_append (cond, "d.name LIKE ?");
    add_param (q, pattern);
  }
  return TRUE;
}

static gboolean
claim_condition (sqlite3        *db,
                 CfSearchQuery  *q,
                 GString        *cond,
                 const char     *value,
                 GError        **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  char *end = NULL;
  gint64 id = g_ascii_strtoll (value, &end, 10);

  if (end != value && *end == '\0' && id > 0)
    g_string_append_printf (ids, "%" G_GINT64_FORMAT, id);
  else
    {
      g_autofree char *pattern = like_pattern (value);
      gboolean has_row;

      find = cf_db_prepare (db, "SELECT id FROM claims WHERE title LIKE ? ESCAPE '\\'", error);
      if (find == NULL)
        return FALSE;
      cf_db_bind_text (find, 1, pattern);
      for (;;)
        {
          if (!cf_db_step (db, find, &has_row, error))
            return FALSE;
          if (!has_row)
            break;
          g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len ? "," : "",
                                  (gint64) sqlite3_column_int64 (find, 0));
        }
      if (ids->len == 0)
        {
          g_set_error (error, CF_ERROR, CF_ERROR_INVALID, _("No claim is called “%s”"), value);
          return FALSE;
        }
    }
  /* A claim covers its sub-claims. The ids are numbers we produced. */
  g_string_append_printf (cond,
                          "d.id IN (WITH RECURSIVE sub (id) AS (SELECT id FROM claims WHERE id IN (%s) "
                          "UNION ALL SELECT c.id FROM claims c JOIN sub ON c.parent_id = sub.id) "
                          "SELECT document_id FROM tags WHERE claim_id IN (SELECT id FROM sub))",
                          ids->str);
  return TRUE;
}

static gboolean
tag_condition (CfSearchQuery  *q,
               GString        *cond,
               const char     *value,
               GError        **error)
{
  if (g_ascii_strcasecmp (value, "any") == 0 || g_ascii_strcasecmp (value, "tagged") == 0)
    g_string_append (cond, "d.id IN (SELECT document_id FROM tags)");
  else if (g_ascii_strcasecmp (value, "none") == 0 || g_ascii_strcasecmp (value, "untagged") == 0)
    g_string_append (cond, "d.id NOT IN (SELECT document_id FROM tags)");
  else if (g_ascii_strcasecmp (value, "supports") == 0 || g_ascii_strcasecmp (value, "undermines") == 0 ||
           g_ascii_strcasecmp (value, "context") == 0)
    {
      g_autofree char *lower = g_ascii_strdown (value, -1);

      g_string_append (cond, "d.id IN (SELECT document_id FROM tags WHERE stance = ?)");
      add_param (q, lower);
    }
  else
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                   _("tag: takes supports, undermines, context, any or none (not “%s”)"), value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exhibit_condition (CfSearchQuery  *q,
                   GString        *cond,
                   const char     *value,
                   GError        **error)
{
  gint64 numbers[2] = { 0, 0 };
  guint n = 0;

  if (g_ascii_strcasecmp (value, "any") == 0)
    {
      g_string_append (cond, "d.id IN (SELECT document_id FROM exhibits WHERE document_id IS NOT NULL)");
      return TRUE;
    }
  if (g_ascii_strcasecmp (value, "none") == 0)
    {
      g_string_append (cond, "d.id NOT IN (SELECT document_id FROM exhibits WHERE document_id IS NOT NULL)");
      return TRUE;
    }
  /* 갑3, 갑 제3호증의 2, 3-2, PX-0003.2: the numbers are what count. */
  for (const char *p = value; *p && n < 2;)
    {
      if (g_ascii_isdigit (*p))
        {
          char *end;

          numbers[n++] = g_ascii_strtoll (p, &end, 10);
          p = end;
        }
      else
        p++;
    }
  if (n == 0 || numbers[0] <= 0)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                   _("exhibit: takes a number such as 갑3, 3-2, PX-0003, or any or none (not “%s”)"), value);
      return FALSE;
    }
  g_string_append (cond, "d.id IN (SELECT document_id FROM exhibits WHERE main = ?");
  add_int_param (q, numbers[0]);
  if (n > 1)
    {
      g_string_append (cond, " AND sub = ?");
      add_int_param (q, numbers[1]);
    }
  g_string_append (cond, ")");
  return TRUE;
}

static gboolean
filter_condition (sqlite3        *db,
                  CfSearchQuery  *q,
                  Token          *t,
                  GString        *cond,
                  GError        **error)
{
  if (strcmp (t->key, "from") == 0 || strcmp (t->key, "to") == 0)
    {
      g_autofree char *pattern = like_pattern (t->text);
      const char *column = strcmp (t->key, "from") == 0 ? "author" : "recipients";

      /* Most documents have no sender (only mail does): "IS NOT NULL"
       * lets SQLite read just the rest of the column's index. It is FALSE,
       * not NULL, for them, so that a negated filter keeps them. */
      g_string_append_printf (cond, "d.%s IS NOT NULL AND d.%s LIKE ? ESCAPE '\\'",
                              column, column);
      add_param (q, pattern);
      return TRUE;
    }
  if (strcmp (t->key, "type") == 0)
    return type_condition (q, cond, t->text);
  if (strcmp (t->key, "claim") == 0)
    return claim_condition (db, q, cond, t->text, error);
  if (strcmp (t->key, "tag") == 0)
    return tag_condition (q, cond, t->text, error);
  if (strcmp (t->key, "date") == 0)
    return date_condition (q, cond, t->text, error);
  if (strcmp (t->key, "exhibit") == 0)
    return exhibit_condition (q, cond, t->text, error);
  g_assert_not_reached ();
  return FALSE;
}

CfSearchQuery *
cf_search_query_parse (sqlite3     *db,
                       const char  *query,
                       GError     **error)
{
  g_autoptr(CfSearchQuery) q = g_new0 (CfSearchQuery, 1);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autofree char *nfc = NULL;
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) exclude = g_string_new (NULL);
  gboolean in_or = FALSE;

  g_return_val_if_fail (query != NULL, NULL);

  if (!g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID, _("The search is not valid text"));
      return NULL;
    }
  nfc = g_utf8_normalize (query, -1, G_NORMALIZE_NFC);
  tokens = lex (nfc, error);
  if (tokens == NULL)
    return NULL;

  q->where = g_string_new (NULL);
  q->params = g_ptr_array_new_with_free_func (g_free);
  q->match_groups = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *t = g_ptr_array_index (tokens, i);
      Token *prev = i > 0 ? g_ptr_array_index (tokens, i - 1) : NULL;
      gboolean starts_or = t->or_next && !(prev && prev->or_next);
      gboolean ends_or = prev && prev->or_next && !t->or_next;

      /* Only t's own OR partners count: a filter just before an OR group
       * ("type:mail 유출 OR 과징금") is fine. */
      if (((t->or_next || (prev && prev->or_next)) && (t->key != NULL || t->negated)) ||
          (prev && prev->or_next && (prev->key != NULL || prev->negated)))
        {
          g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                       _("OR joins words and phrases, not filters or excluded words"));
          return NULL;
        }

      if (t->key != NULL)
        {
          g_autoptr(GString) cond = g_string_new (NULL);

          if (!filter_condition (db, q, t, cond, error))
            return NULL;
          g_string_append_printf (q->where, "%s%s(%s)", q->where->len ? " AND " : "",
                                  t->negated ? "NOT " : "", cond->str);
          continue;
        }

      {
        g_autofree char *s = fts_string (t);

        if (s == NULL)
          {
            /* Punctuation alone: nothing to search for. An OR group still
             * needs its operands. */
            if (t->or_next || (prev && prev->or_next))
              {
                g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                             _("“%s” holds no letters or digits to search for"), t->text);
                return NULL;
              }
            continue;
          }
        if (t->negated)
          {
            g_string_append_printf (exclude, "%s%s", exclude->len ? " OR " : "", s);
            q->n_exclude_phrases++;
            continue;
          }
        /* A phrase outside OR, or the first of an OR, starts a group. */
        if (starts_or || !in_or)
          q->n_match_groups++;
        {
          guint group = q->n_match_groups - 1;

          g_array_append_val (q->match_groups, group);
        }
        if (starts_or)
          {
            g_string_append_printf (match, "%s(", match->len ? " AND " : "");
            in_or = TRUE;
          }
        else if (!in_or && match->len)
          g_string_append (match, " AND ");
        g_string_append (match, s);
        if (t->or_next)
          g_string_append (match, " OR ");
        if (ends_or)
          {
            g_string_append (match, ")");
            in_or = FALSE;
          }
      }
    }

  if (q->where->len == 0)
    g_string_assign (q->where, "1");
  if (match->len > 0)
    q->match = g_strdup (match->str);
  if (exclude->len > 0)
    q->exclude = g_strdup (exclude->str);
  if (q->match == NULL && q->exclude == NULL && strcmp (q->where->str, "1") == 0)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID, _("Type words to search for"));
      return NULL;
    }
  return g_steal_pointer (&q);
}

void
cf_search_query_bind (CfSearchQuery *query,
                      sqlite3_stmt  *stmt,
                      int            first)
{
  for (guint i = 0; i < query->params->len; i++)
    {
      const char *p = g_ptr_array_index (query->params, i);

      if (p[0] == 'i')
        sqlite3_bind_int64 (stmt, first + i, g_ascii_strtoll (p + 1, NULL, 10));
      else
        sqlite3_bind_text (stmt, first + i, p + 1, -1, SQLITE_TRANSIENT);
    }
}

GStrv
cf_search_query_terms (const char *query)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) tokens = NULL;
  g_autofree char *nfc = NULL;

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return g_strv_builder_end (builder);
  nfc = g_utf8_normalize (query, -1, G_NORMALIZE_NFC);
  tokens = lex (nfc, NULL);
  for (guint i = 0; tokens != NULL && i < tokens->len; i++)
    {
      Token *t = g_ptr_array_index (tokens, i);
      g_autofree char *text = NULL;
      gsize len;

      if (t->key != NULL || t->negated)
        continue;
      text = g_strdup (t->text);
      len = strlen (text);
      if (!t->phrase && len > 1 && text[len - 1] == '*')
        text[len - 1] = '\0';
      if (text[0] != '\0')
        g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}
