/* cf-search-results.c — the rows a search found (see cf-search-results.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-search-results.h"

#include <string.h>

#include "cf-document-order.h"
#include "cf-search.h"

/* Snippets are read a page of ranks at a time: one query ranks all the
 * hits, so a page costs about what one snippet does. */
#define SNIPPET_PAGE  50
/* Characters kept before the first hit in a row's snippet. */
#define LEAD_CHARS    12

struct _CfSearchResults
{
  GObject parent_instance;

  CfSession *session;
  char *query;
  CfDocumentView view;
  gint64 view_id;
  CfDocumentSort sort;
  gboolean descending;
  GStrv terms;
  gint64 elapsed;

  GArray *ids;              /* gint64, in row order */
  GHashTable *rank_of;      /* gint64 * → rank + 1 (relevance order) */
  /* Reads and caches the rows by id (it lists nothing itself); a document
   * deleted since the search ran gets its placeholder. */
  CfDocumentList *rows;

  GHashTable *snippets;     /* gint64 * → char * ("" when it has none) */
  GHashTable *pages_asked;  /* snippet pages asked for, by number */
  GCancellable *cancellable;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CfSearchResults, cf_search_results, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  SNIPPETS_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
cf_search_results_dispose (GObject *object)
{
  CfSearchResults *self = CF_SEARCH_RESULTS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (cf_search_results_parent_class)->dispose (object);
}

static void
cf_search_results_finalize (GObject *object)
{
  CfSearchResults *self = CF_SEARCH_RESULTS (object);

  g_free (self->query);
  g_strfreev (self->terms);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->rank_of, g_hash_table_unref);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->snippets, g_hash_table_unref);
  g_clear_pointer (&self->pages_asked, g_hash_table_unref);
  G_OBJECT_CLASS (cf_search_results_parent_class)->finalize (object);
}

static void
cf_search_results_class_init (CfSearchResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cf_search_results_dispose;
  object_class->finalize = cf_search_results_finalize;

  /**
   * CfSearchResults::snippets-changed:
   *
   * More snippets were read; rows showing none may have one now.
   */
  signals [SNIPPETS_CHANGED] =
    g_signal_new ("snippets-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cf_search_results_init (CfSearchResults *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rank_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->snippets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->pages_asked = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
}

/* GListModel -------------------------------------------------------------------- */

static GType
list_get_item_type (GListModel *model)
{
  return CF_TYPE_DOCUMENT;
}

static guint
list_get_n_items (GListModel *model)
{
  return CF_SEARCH_RESULTS (model)->ids->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  CfSearchResults *self = CF_SEARCH_RESULTS (model);

  if (position >= self->ids->len)
    return NULL;
  return cf_document_list_lookup (self->rows, g_array_index (self->ids, gint64, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* Running the search (in the read pool) --------------------------------------- */

typedef struct
{
  char *query;
  CfDocumentView view;
  gint64 view_id;
  CfDocumentSort sort;
  gboolean descending;
} Job;

typedef struct
{
  GArray *ids;
  GArray *ranks;            /* rank of each id, in the same order */
  GPtrArray *hits;          /* CfSearchHit of the first snippet page, or NULL */
  gint64 elapsed;
} Outcome;

static void
job_free (Job *job)
{
  g_free (job->query);
  g_free (job);
}

static void
outcome_free (Outcome *outcome)
{
  g_clear_pointer (&outcome->ids, g_array_unref);
  g_clear_pointer (&outcome->ranks, g_array_unref);
  g_clear_pointer (&outcome->hits, g_ptr_array_unref);
  g_free (outcome);
}

static gboolean
has_terms (const char *query)
{
  g_auto(GStrv) terms = cf_search_highlight_terms (query);

  return terms != NULL && terms[0] != NULL;
}

static gpointer
search_job (CfCase        *reader,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;
  gint64 started = g_get_monotonic_time ();
  gboolean by_relevance = job->sort == CF_DOCUMENT_SORT_IMPORTED && job->view == CF_DOCUMENT_VIEW_ALL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GHashTable) rank_of = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) ranks = NULL;
  Outcome *outcome;

  /* By relevance the first screen is the first page of ranks: its
   * snippets come with the ids, from the same ranking. */
  if (by_relevance && has_terms (job->query))
    {
      CfSearchOptions options = { SNIPPET_PAGE, 0, CF_SNIPPET_OPEN, CF_SNIPPET_CLOSE };

      page = cf_case_search_all (reader, job->query, &options, &hits, error);
      if (page == NULL)
        return NULL;
    }
  else
    hits = cf_case_search_ids (reader, job->query, error);
  if (hits == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (by_relevance)
    {
      /* The hits in their order: each one's rank is its row. */
      ranks = g_array_sized_new (FALSE, FALSE, sizeof (guint), hits->len);
      for (guint i = 0; i < hits->len; i++)
        g_array_append_val (ranks, i);
      ids = g_steal_pointer (&hits);
    }
  else
    {
      rank_of = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < hits->len; i++)
        g_hash_table_insert (rank_of, &g_array_index (hits, gint64, i), GUINT_TO_POINTER (i + 1));

      if (job->view != CF_DOCUMENT_VIEW_ALL)
        {
          /* The view's own list, in the column's order, keeps the hits it
           * holds; by relevance, the hits keep their order. */
          g_autoptr(CfDocumentList) list = cf_document_list_new (reader, job->view, job->view_id);
          guint n;

          cf_document_list_set_sort (list, job->sort, job->descending);
          if (!cf_document_list_reload (list, error))
            return NULL;
          n = g_list_model_get_n_items (G_LIST_MODEL (list));
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          if (job->sort == CF_DOCUMENT_SORT_IMPORTED)
            {
              g_autoptr(GHashTable) in_view = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

              for (guint i = 0; i < n; i++)
                {
                  gint64 *id = g_new (gint64, 1);

                  *id = cf_document_list_get_id (list, i);
                  g_hash_table_add (in_view, id);
                }
              for (guint i = 0; i < hits->len; i++)
                if (g_hash_table_contains (in_view, &g_array_index (hits, gint64, i)))
                  g_array_append_val (ids, g_array_index (hits, gint64, i));
            }
          else
            for (guint i = 0; i < n; i++)
              {
                gint64 id = cf_document_list_get_id (list, i);

                if (g_hash_table_contains (rank_of, &id))
                  g_array_append_val (ids, id);
              }
        }
      else
        {
          ids = cf_case_order_documents (reader, (const gint64 *) (gpointer) hits->data, hits->len,
                                         job->sort, job->descending, error);
          if (ids == NULL)
            return NULL;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      ranks = g_array_sized_new (FALSE, FALSE, sizeof (guint), ids->len);
      for (guint i = 0; i < ids->len; i++)
        {
          guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (rank_of, &g_array_index (ids, gint64, i))) - 1;

          g_array_append_val (ranks, rank);
        }
    }

  outcome = g_new0 (Outcome, 1);
  outcome->ids = g_steal_pointer (&ids);
  outcome->ranks = g_steal_pointer (&ranks);
  outcome->hits = g_steal_pointer (&page);
  outcome->elapsed = g_get_monotonic_time () - started;
  return outcome;
}

static void
take_snippets (CfSearchResults *self,
               GPtrArray       *hits)
{
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      CfSearchHit *hit = g_ptr_array_index (hits, i);
      gint64 *key = g_new (gint64, 1);

      *key = hit->document_id;
      g_hash_table_replace (self->snippets, key, g_strdup (hit->snippet ? hit->snippet : ""));
    }
}

static void
on_search_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  Outcome *outcome = cf_read_pool_run_finish (CF_READ_POOL (object), result, &error);
  CfSearchResults *self;

  if (outcome == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self = g_object_new (CF_TYPE_SEARCH_RESULTS, NULL);
  self->session = g_object_ref (g_task_get_source_object (task));
  self->rows = cf_document_list_new (cf_session_get_reader (self->session), CF_DOCUMENT_VIEW_ALL, 0);
  self->query = g_strdup (job->query);
  self->view = job->view;
  self->view_id = job->view_id;
  self->sort = job->sort;
  self->descending = job->descending;
  self->terms = cf_search_highlight_terms (job->query);
  self->elapsed = outcome->elapsed;
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&outcome->ids);
  for (guint i = 0; i < self->ids->len; i++)
    {
      gint64 *key = g_new (gint64, 1);

      *key = g_array_index (self->ids, gint64, i);
      g_hash_table_insert (self->rank_of, key, GUINT_TO_POINTER (g_array_index (outcome->ranks, guint, i) + 1));
    }
  if (outcome->hits != NULL)
    {
      take_snippets (self, outcome->hits);
      g_hash_table_add (self->pages_asked, GUINT_TO_POINTER (1));
    }
  outcome_free (outcome);
  g_task_return_pointer (task, self, g_object_unref);
}

void
cf_search_results_run_async (CfSession              *session,
                             const CfSearchRequest  *request,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (CF_IS_SESSION (session));
  g_return_if_fail (request != NULL && request->query != NULL);

  job = g_new0 (Job, 1);
  job->query = g_strdup (request->query);
  job->view = request->view;
  job->view_id = request->view_id;
  job->sort = request->sort;
  job->descending = request->descending;
  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, cf_search_results_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  {
    Job *copy = g_new0 (Job, 1);

    *copy = *job;
    copy->query = g_strdup (job->query);
    cf_read_pool_run_async (cf_session_get_read_pool (session), search_job, copy,
                            (GDestroyNotify) job_free, (GDestroyNotify) outcome_free,
                            cancellable, on_search_done, task);
  }
}

CfSearchResults *
cf_search_results_run_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Snippets, a page at a time ---------------------------------------------------- */

typedef struct
{
  char *query;
  guint page;
} SnippetJob;

static void
snippet_job_free (SnippetJob *job)
{
  g_free (job->query);
  g_free (job);
}

static gpointer
snippet_job (CfCase        *reader,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SnippetJob *job = data;
  CfSearchOptions options = { SNIPPET_PAGE, job->page * SNIPPET_PAGE, CF_SNIPPET_OPEN, CF_SNIPPET_CLOSE };

  return cf_case_search (reader, job->query, &options, NULL, error);
}

static void
on_snippets_read (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CfSearchResults) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = cf_read_pool_run_finish (CF_READ_POOL (object), result, &error);

  if (hits == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No snippets for “%s”: %s", self->query, error->message);
      return;
    }
  take_snippets (self, hits);
  g_signal_emit (self, signals [SNIPPETS_CHANGED], 0);
}

const char *
cf_search_results_get_snippet (CfSearchResults *self,
                               gint64           id)
{
  const char *snippet;
  guint rank, page;
  SnippetJob *job;

  g_return_val_if_fail (CF_IS_SEARCH_RESULTS (self), NULL);

  snippet = g_hash_table_lookup (self->snippets, &id);
  if (snippet != NULL)
    return snippet[0] != '\0' ? snippet : NULL;
  if (self->terms == NULL || self->terms[0] == NULL || self->session == NULL)
    return NULL;
  rank = GPOINTER_TO_UINT (g_hash_table_lookup (self->rank_of, &id));
  if (rank == 0)
    return NULL;
  page = (rank - 1) / SNIPPET_PAGE;
  /* Keys are page + 1: NULL is no key. */
  if (g_hash_table_contains (self->pages_asked, GUINT_TO_POINTER (page + 1)))
    return NULL;
  g_hash_table_add (self->pages_asked, GUINT_TO_POINTER (page + 1));
  job = g_new0 (SnippetJob, 1);
  job->query = g_strdup (self->query);
  job->page = page;
  cf_read_pool_run_async (cf_session_get_read_pool (self->session), snippet_job, job,
                          (GDestroyNotify) snippet_job_free, (GDestroyNotify) g_ptr_array_unref,
                          self->cancellable, on_snippets_read, g_object_ref (self));
  return NULL;
}

char *
cf_search_snippet_markup (const char *snippet)
{
  GString *markup = g_string_new (NULL);
  gboolean open = FALSE;
  const char *run = snippet;

  if (snippet == NULL)
    return g_string_free (markup, FALSE);
  /* A row is narrow: the text before the first hit is cut to a few words,
   * so that the hit shows. */
  {
    const char *hit = strchr (snippet, CF_SNIPPET_OPEN[0]);

    if (hit != NULL && g_utf8_strlen (snippet, hit - snippet) > LEAD_CHARS)
      {
        run = g_utf8_offset_to_pointer (hit, -LEAD_CHARS);
        g_string_append (markup, "…");
      }
  }
  /* Markers are single bytes; everything between them is escaped. A
   * stray or doubled marker only opens or closes, so tags always pair. */
  for (const char *p = run;; p++)
    {
      if (*p == '\0' || *p == CF_SNIPPET_OPEN[0] || *p == CF_SNIPPET_CLOSE[0])
        {
          g_autofree char *escaped = g_markup_escape_text (run, p - run);

          g_string_append (markup, escaped);
          if (*p == '\0')
            break;
          if (*p == CF_SNIPPET_OPEN[0] && !open)
            {
              g_string_append (markup, "<span weight=\"bold\" bgcolor=\"#f8e45c\" bgalpha=\"50%\">");
              open = TRUE;
            }
          else if (*p == CF_SNIPPET_CLOSE[0] && open)
            {
              g_string_append (markup, "</span>");
              open = FALSE;
            }
          run = p + 1;
        }
    }
  if (open)
    g_string_append (markup, "</span>");
  /* One line in a row: the snippet's own line breaks become spaces. */
  for (char *p = markup->str; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return g_string_free (markup, FALSE);
}

/* The rows -------------------------------------------------------------------- */

const char *
cf_search_results_get_query (CfSearchResults *self)
{
  g_return_val_if_fail (CF_IS_SEARCH_RESULTS (self), NULL);
  return self->query;
}

gboolean
cf_search_results_same_search (CfSearchResults *self,
                               CfSearchResults *other)
{
  g_return_val_if_fail (CF_IS_SEARCH_RESULTS (self), FALSE);
  g_return_val_if_fail (CF_IS_SEARCH_RESULTS (other), FALSE);

  return g_strcmp0 (self->query, other->query) == 0 && self->view == other->view &&
         self->view_id == other->view_id && self->sort == other->sort &&
         self->descending == other->descending;
}

const char * const *
cf_search_results_get_terms (CfSearchResults *self)
{
  g_return_val_if_fail (CF_IS_SEARCH_RESULTS (self), NULL);
  return (const char * const *) self->terms;
}

gint64
cf_search_results_get_elapsed (CfSearchResults *self)
{
  g_return_val_if_fail (CF_IS_SEARCH_RESULTS (self), 0);
  return self->elapsed;
}

gint64
cf_search_results_get_id (CfSearchResults *self,
                          guint            position)
{
  g_return_val_if_fail (CF_IS_SEARCH_RESULTS (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);
  return g_array_index (self->ids, gint64, position);
}

guint
cf_search_results_find (CfSearchResults *self,
                        gint64           id)
{
  g_return_val_if_fail (CF_IS_SEARCH_RESULTS (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

CfDocument *
cf_search_results_lookup (CfSearchResults *self,
                          gint64           id)
{
  g_return_val_if_fail (CF_IS_SEARCH_RESULTS (self), NULL);
  return cf_document_list_lookup (self->rows, id);
}

void
cf_search_results_invalidate (CfSearchResults *self,
                              const gint64    *ids,
                              guint            n_ids)
{
  g_autoptr(GHashTable) wanted = NULL;
  guint run_start = 0, run_len = 0;

  g_return_if_fail (CF_IS_SEARCH_RESULTS (self));

  if (n_ids == 0)
    return;
  wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  /* The row reader lists nothing, so this only drops what it cached. */
  cf_document_list_invalidate (self->rows, ids, n_ids);
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (wanted, (gpointer) &ids[i]);
  for (guint i = 0; i <= self->ids->len; i++)
    {
      if (i < self->ids->len && g_hash_table_contains (wanted, &g_array_index (self->ids, gint64, i)))
        {
          if (run_len++ == 0)
            run_start = i;
          continue;
        }
      if (run_len > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), run_start, run_len, run_len);
      run_len = 0;
    }
}

void
cf_search_results_forget (CfSearchResults *self)
{
  g_return_if_fail (CF_IS_SEARCH_RESULTS (self));
  cf_document_list_forget (self->rows);
}

void
cf_search_results_update (CfSearchResults *self,
                          CfSearchResults *newer)
{
  g_autoptr(GArray) old = NULL;
  guint prefix = 0, suffix = 0, shorter;

  g_return_if_fail (CF_IS_SEARCH_RESULTS (self));
  g_return_if_fail (CF_IS_SEARCH_RESULTS (newer));

  /* The documents may have changed (that is why it ran again): their rows
   * and snippets are read afresh. */
  old = g_steal_pointer (&self->ids);
  self->ids = g_array_ref (newer->ids);
  cf_document_list_forget (self->rows);
  g_hash_table_remove_all (self->snippets);
  g_hash_table_remove_all (self->pages_asked);
  g_hash_table_remove_all (self->rank_of);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, newer->rank_of);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        gint64 *copy = g_new (gint64, 1);

        *copy = *(gint64 *) key;
        g_hash_table_insert (self->rank_of, copy, value);
      }
    g_hash_table_iter_init (&iter, newer->snippets);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        gint64 *copy = g_new (gint64, 1);

        *copy = *(gint64 *) key;
        g_hash_table_insert (self->snippets, copy, g_strdup (value));
      }
    g_hash_table_iter_init (&iter, newer->pages_asked);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (self->pages_asked, key);
  }
  self->elapsed = newer->elapsed;

  shorter = MIN (old->len, self->ids->len);
  while (prefix < shorter &&
         g_array_index (old, gint64, prefix) == g_array_index (self->ids, gint64, prefix))
    prefix++;
  while (suffix < shorter - prefix &&
         g_array_index (old, gint64, old->len - 1 - suffix) ==
         g_array_index (self->ids, gint64, self->ids->len - 1 - suffix))
    suffix++;
  if (old->len - prefix - suffix > 0 || self->ids->len - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix,
                                self->ids->len - prefix - suffix);
  g_signal_emit (self, signals [SNIPPETS_CHANGED], 0);
}

guint64
cf_search_results_get_n_rows_read (CfSearchResults *self)
{
  g_return_val_if_fail (CF_IS_SEARCH_RESULTS (self), 0);
  return self->rows ? cf_document_list_get_n_rows_read (self->rows) : 0;
}
