/* cf-query-edit.c — reading and changing a query's filters (see
 * cf-query-edit.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-query-edit.h"

#include <string.h>

typedef struct
{
  gsize start;          /* byte offsets of the whole token in the query */
  gsize end;
  gboolean negated;
  char *key;            /* lower case, NULL when not a filter */
  char *value;          /* unquoted */
} Token;

static void
token_clear (Token *t)
{
  g_clear_pointer (&t->key, g_free);
  g_clear_pointer (&t->value, g_free);
}

static gboolean
is_space (const char *p)
{
  return g_unichar_isspace (g_utf8_get_char (p));
}

/* Reads the token at *p (after spaces) as the core's lexer splits them:
 * an optional minus, an optional letters-only key before a colon, then a
 * quoted phrase or a word. FALSE at the end. */
static gboolean
next_token (const char  *query,
            const char **p,
            Token       *t)
{
  const char *s = *p;
  const char *k;

  while (*s && is_space (s))
    s = g_utf8_next_char (s);
  if (*s == '\0')
    return FALSE;
  memset (t, 0, sizeof *t);
  t->start = s - query;
  if (*s == '-' && s[1] != '\0' && !is_space (s + 1))
    {
      t->negated = TRUE;
      s++;
    }
  for (k = s; g_ascii_isalpha (*k); k++)
    ;
  if (*k == ':' && k > s)
    {
      t->key = g_ascii_strdown (s, k - s);
      s = k + 1;
    }
  if (*s == '"')
    {
      const char *close = strchr (s + 1, '"');
      const char *end = close ? close : s + strlen (s);

      t->value = g_strndup (s + 1, end - s - 1);
      s = close ? close + 1 : end;
    }
  else
    {
      const char *start = s;

      while (*s && !is_space (s))
        s = g_utf8_next_char (s);
      t->value = g_strndup (start, s - start);
    }
  t->end = s - query;
  *p = s;
  return TRUE;
}

static gboolean
find_filter (const char *query,
             const char *key,
             Token      *found)
{
  const char *p = query;
  Token t;

  while (next_token (query, &p, &t))
    {
      if (!t.negated && t.key != NULL && g_ascii_strcasecmp (t.key, key) == 0)
        {
          *found = t;
          return TRUE;
        }
      token_clear (&t);
    }
  return FALSE;
}

char *
cf_query_dup_filter (const char *query,
                     const char *key)
{
  Token t;
  char *value;

  g_return_val_if_fail (key != NULL, NULL);

  if (query == NULL || !find_filter (query, key, &t))
    return NULL;
  value = g_steal_pointer (&t.value);
  token_clear (&t);
  return value;
}

static char *
filter_text (const char *key,
             const char *value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  gboolean spaced = FALSE;

  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      if (*p == '"')
        continue;
      if (is_space (p))
        spaced = TRUE;
      g_string_append_unichar (clean, g_utf8_get_char (p));
    }
  g_strstrip (clean->str);
  clean->len = strlen (clean->str);
  if (clean->len == 0)
    return NULL;
  return spaced ? g_strdup_printf ("%s:\"%s\"", key, clean->str)
                : g_strdup_printf ("%s:%s", key, clean->str);
}

/* before + middle + after, with one space between the parts that remain. */
static char *
join_parts (const char *before,
            gsize       before_len,
            const char *middle,
            const char *after)
{
  g_autofree char *head = g_strndup (before, before_len);
  g_autofree char *tail = g_strdup (after);
  GString *out = g_string_new (NULL);

  g_strchomp (head);
  g_strchug (tail);
  g_string_append (out, head);
  if (middle != NULL)
    g_string_append_printf (out, "%s%s", out->len ? " " : "", middle);
  if (tail[0] != '\0')
    g_string_append_printf (out, "%s%s", out->len ? " " : "", tail);
  return g_string_free (out, FALSE);
}

char *
cf_query_set_filter (const char *query,
                     const char *key,
                     const char *value)
{
  g_autofree char *text = NULL;
  Token t;
  char *result;

  g_return_val_if_fail (key != NULL, NULL);

  if (query == NULL)
    query = "";
  text = value ? filter_text (key, value) : NULL;
  if (!find_filter (query, key, &t))
    return join_parts (query, strlen (query), text, "");
  result = join_parts (query, t.start, text, query + t.end);
  token_clear (&t);
  return result;
}
