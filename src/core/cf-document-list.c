/* cf-document-list.c — the lazy document list (see cf-document-list.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-document-list.h"

#include <string.h>

#include "cf-case-private.h"
#include "cf-db.h"
#include "cf-document-private.h"

/* Rows are read a page at a time around the one asked for, because list
 * widgets ask for neighbours next; the cache holds a few screens' worth. */
#define PAGE_SIZE   64
#define CACHE_MAX   4096

struct _CfDocumentList
{
  GObject parent_instance;

  CfCase *kase;
  CfDocumentView view;
  gint64 view_id;
  CfDocumentSort sort;
  gboolean descending;

  GArray *ids;             /* gint64, in row order */
  gint64 max_id;           /* the newest id in ids */
  GHashTable *cache;       /* gint64 * → CfDocument */
  guint64 n_rows_read;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CfDocumentList, cf_document_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Tagging a family's head covers its members: they travel with it as
 * sub-numbers, so they are not work left to do. Duplicates are not either. */
#define COVERED_CTE \
  "WITH RECURSIVE covered (id) AS (SELECT document_id FROM tags UNION " \
  "SELECT c.id FROM documents c JOIN covered ON c.parent_id = covered.id) "

#define CLAIM_SUBTREE_CTE \
  "WITH RECURSIVE sub (id) AS (SELECT ?1 UNION ALL " \
  "SELECT c.id FROM claims c JOIN sub ON c.parent_id = sub.id) "

static void
cf_document_list_finalize (GObject *object)
{
  CfDocumentList *self = (CfDocumentList *)object;

  g_clear_object (&self->kase);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (cf_document_list_parent_class)->finalize (object);
}

static void
cf_document_list_class_init (CfDocumentListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cf_document_list_finalize;
}

static void
cf_document_list_init (CfDocumentList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

static GType
list_get_item_type (GListModel *model)
{
  return CF_TYPE_DOCUMENT;
}

static guint
list_get_n_items (GListModel *model)
{
  return CF_DOCUMENT_LIST (model)->ids->len;
}

/* A row that could not be read still needs an object in its place. */
static CfDocument *
placeholder_document (gint64      id,
                      const char *why)
{
  CfDocumentData d = { 0 };

  d.id = id;
  d.name = g_strdup ("");
  d.title = g_strdup_printf ("Document %" G_GINT64_FORMAT, id);
  d.status = CF_STATUS_FAILED;
  d.problem = g_strdup (why);
  return cf_document_new_take (&d);
}

static void
cache_insert (CfDocumentList *self,
              CfDocument     *document)
{
  gint64 *key = g_new (gint64, 1);

  *key = cf_document_get_id (document);
  g_hash_table_replace (self->cache, key, document);
}

static void
load_page (CfDocumentList *self,
           guint           position)
{
  guint start = position > PAGE_SIZE / 4 ? position - PAGE_SIZE / 4 : 0;
  guint end = MIN (start + PAGE_SIZE, self->ids->len);

  if (g_hash_table_size (self->cache) + PAGE_SIZE > CACHE_MAX)
    g_hash_table_remove_all (self->cache);

  for (guint i = start; i < end; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);
      g_autoptr(GError) error = NULL;
      CfDocument *document;

      if (g_hash_table_contains (self->cache, &id))
        continue;
      document = cf_case_get_document (self->kase, id, &error);
      self->n_rows_read++;
      if (document == NULL)
        {
          g_debug ("Could not read document %" G_GINT64_FORMAT ": %s", id, error->message);
          document = placeholder_document (id, error->message);
        }
      cache_insert (self, document);
    }
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  CfDocumentList *self = CF_DOCUMENT_LIST (model);
  CfDocument *document;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;
  id = g_array_index (self->ids, gint64, position);
  document = g_hash_table_lookup (self->cache, &id);
  if (document == NULL)
    {
      load_page (self, position);
      document = g_hash_table_lookup (self->cache, &id);
    }
  g_assert (document != NULL);
  return g_object_ref (document);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

CfDocumentList *
cf_document_list_new (CfCase         *kase,
                      CfDocumentView  view,
                      gint64          id)
{
  CfDocumentList *self;

  g_return_val_if_fail (CF_IS_CASE (kase), NULL);

  self = g_object_new (CF_TYPE_DOCUMENT_LIST, NULL);
  self->kase = g_object_ref (kase);
  self->view = view;
  self->view_id = id;
  return self;
}

CfCase *
cf_document_list_get_case (CfDocumentList *self)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_LIST (self), NULL);
  return self->kase;
}

CfDocumentView
cf_document_list_get_view (CfDocumentList *self)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_LIST (self), CF_DOCUMENT_VIEW_ALL);
  return self->view;
}

gint64
cf_document_list_get_view_id (CfDocumentList *self)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_LIST (self), 0);
  return self->view_id;
}

void
cf_document_list_set_sort (CfDocumentList *self,
                           CfDocumentSort  sort,
                           gboolean        descending)
{
  g_return_if_fail (CF_IS_DOCUMENT_LIST (self));
  self->sort = sort;
  self->descending = !!descending;
}

CfDocumentSort
cf_document_list_get_sort (CfDocumentList *self,
                           gboolean       *descending)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_LIST (self), CF_DOCUMENT_SORT_IMPORTED);
  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}

gboolean
cf_document_list_is_tree (CfDocumentList *self)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_LIST (self), FALSE);
  return self->view == CF_DOCUMENT_VIEW_ALL;
}

const char *
cf_document_sort_order_by (CfDocumentSort sort,
                           gboolean       descending)
{
  /* Rows without a value go last either way; ties keep import order. */
  switch (sort)
    {
    case CF_DOCUMENT_SORT_EXHIBIT:
      return descending ? "e.main IS NULL, e.main DESC, e.sub DESC, d.id DESC"
                        : "e.main IS NULL, e.main, e.sub, d.id";
    case CF_DOCUMENT_SORT_TITLE:
      return descending ? "d.title DESC, d.id DESC" : "d.title, d.id";
    case CF_DOCUMENT_SORT_DATE:
      return descending
        ? "coalesce (d.doc_date, substr (d.modified, 1, 10)) IS NULL, "
          "coalesce (d.doc_date, substr (d.modified, 1, 10)) DESC, d.id DESC"
        : "coalesce (d.doc_date, substr (d.modified, 1, 10)) IS NULL, "
          "coalesce (d.doc_date, substr (d.modified, 1, 10)), d.id";
    case CF_DOCUMENT_SORT_TYPE:
      return descending ? "d.mime_type DESC, d.id DESC" : "d.mime_type, d.id";
    case CF_DOCUMENT_SORT_AUTHOR:
      return descending ? "d.author IS NULL, d.author DESC, d.id DESC"
                        : "d.author IS NULL, d.author, d.id";
    case CF_DOCUMENT_SORT_CLAIMS:
      return descending
        ? "(SELECT count(*) FROM tags t WHERE t.document_id = d.id) DESC, d.id DESC"
        : "(SELECT count(*) FROM tags t WHERE t.document_id = d.id), d.id";
    case CF_DOCUMENT_SORT_SIZE:
      return descending ? "d.size DESC, d.id DESC" : "d.size, d.id";
    case CF_DOCUMENT_SORT_IMPORTED:
    default:
      return descending ? "d.id DESC" : "d.id";
    }
}

static char *
build_query (CfDocumentList *self)
{
  GString *sql = g_string_new (NULL);
  const char *where;

  switch (self->view)
    {
    case CF_DOCUMENT_VIEW_UNTAGGED:
      g_string_append (sql, COVERED_CTE);
      where = "d.id NOT IN (SELECT id FROM covered) AND d.duplicate_of IS NULL";
      break;
    case CF_DOCUMENT_VIEW_PRIVILEGED:
      where = "d.privileged = 1";
      break;
    case CF_DOCUMENT_VIEW_DUPLICATES:
      where = "d.duplicate_of IS NOT NULL";
      break;
    case CF_DOCUMENT_VIEW_UNREADABLE:
      where = "d.status != 'ok'";
      break;
    case CF_DOCUMENT_VIEW_CLAIM:
      g_string_append (sql, CLAIM_SUBTREE_CTE);
      where = "d.id IN (SELECT document_id FROM tags WHERE claim_id IN (SELECT id FROM sub))";
      break;
    case CF_DOCUMENT_VIEW_CHILDREN:
      where = "d.parent_id = ?1";
      break;
    case CF_DOCUMENT_VIEW_ALL:
    default:
      where = "d.parent_id IS NULL";
      break;
    }

  g_string_append (sql, "SELECT d.id FROM documents d ");
  if (self->sort == CF_DOCUMENT_SORT_EXHIBIT && self->view != CF_DOCUMENT_VIEW_CHILDREN)
    g_string_append (sql, "LEFT JOIN exhibits e ON e.document_id = d.id ");
  g_string_append_printf (sql, "WHERE %s ", where);
  if (self->view == CF_DOCUMENT_VIEW_CHILDREN)
    g_string_append (sql, "ORDER BY d.position, d.id");
  else
    g_string_append_printf (sql, "ORDER BY %s", cf_document_sort_order_by (self->sort, self->descending));
  return g_string_free (sql, FALSE);
}

static GArray *
query_ids (CfDocumentList  *self,
           GError         **error)
{
  sqlite3 *db = cf_case_get_db (self->kase);
  g_autofree char *sql = build_query (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = cf_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  if (self->view == CF_DOCUMENT_VIEW_CLAIM || self->view == CF_DOCUMENT_VIEW_CHILDREN)
    sqlite3_bind_int64 (stmt, 1, self->view_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      cf_db_set_error (error, db, "Could not list the documents");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
cf_document_list_reload (CfDocumentList  *self,
                         GError         **error)
{
  g_autoptr(GArray) old = NULL;
  GArray *ids;
  guint prefix = 0, suffix = 0, shorter;

  g_return_val_if_fail (CF_IS_DOCUMENT_LIST (self), FALSE);

  ids = query_ids (self, error);
  if (ids == NULL)
    return FALSE;

  old = self->ids;
  self->ids = ids;
  self->max_id = 0;
  for (guint i = 0; i < ids->len; i++)
    self->max_id = MAX (self->max_id, g_array_index (ids, gint64, i));

  shorter = MIN (old->len, ids->len);
  while (prefix < shorter &&
         g_array_index (old, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (suffix < shorter - prefix &&
         g_array_index (old, gint64, old->len - 1 - suffix) ==
         g_array_index (ids, gint64, ids->len - 1 - suffix))
    suffix++;
  if (old->len - prefix - suffix > 0 || ids->len - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old->len - prefix - suffix, ids->len - prefix - suffix);
  return TRUE;
}

static void
emit_ranges (CfDocumentList *self,
             GHashTable     *wanted)
{
  guint run_start = 0, run_len = 0;

  for (guint i = 0; i < self->ids->len; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);

      if (g_hash_table_contains (wanted, &id))
        {
          if (run_len == 0)
            run_start = i;
          run_len++;
          continue;
        }
      if (run_len > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), run_start, run_len, run_len);
      run_len = 0;
    }
  if (run_len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), run_start, run_len, run_len);
}

void
cf_document_list_invalidate (CfDocumentList *self,
                             const gint64   *ids,
                             guint           n_ids)
{
  g_autoptr(GHashTable) wanted = NULL;

  g_return_if_fail (CF_IS_DOCUMENT_LIST (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  if (n_ids == 0)
    return;
  wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_ids; i++)
    {
      g_hash_table_remove (self->cache, &ids[i]);
      g_hash_table_add (wanted, (gpointer) &ids[i]);
    }
  emit_ranges (self, wanted);
}

CfDocument *
cf_document_list_lookup (CfDocumentList *self,
                         gint64          id)
{
  g_autoptr(GError) error = NULL;
  CfDocument *document;

  g_return_val_if_fail (CF_IS_DOCUMENT_LIST (self), NULL);

  document = g_hash_table_lookup (self->cache, &id);
  if (document != NULL)
    return g_object_ref (document);
  document = cf_case_get_document (self->kase, id, &error);
  self->n_rows_read++;
  if (document == NULL)
    {
      g_debug ("Could not read document %" G_GINT64_FORMAT ": %s", id, error->message);
      document = placeholder_document (id, error->message);
    }
  if (g_hash_table_size (self->cache) >= CACHE_MAX)
    g_hash_table_remove_all (self->cache);
  cache_insert (self, document);
  return g_object_ref (document);
}

void
cf_document_list_forget (CfDocumentList *self)
{
  g_return_if_fail (CF_IS_DOCUMENT_LIST (self));
  g_hash_table_remove_all (self->cache);
}

void
cf_document_list_invalidate_all (CfDocumentList *self)
{
  g_return_if_fail (CF_IS_DOCUMENT_LIST (self));

  g_hash_table_remove_all (self->cache);
  if (self->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->ids->len, self->ids->len);
}

gboolean
cf_document_list_add_imported (CfDocumentList *self,
                               const gint64   *ids,
                               const gint64   *parent_ids,
                               guint           n_ids)
{
  g_autoptr(GArray) added = NULL;
  gint64 newest = 0;

  g_return_val_if_fail (CF_IS_DOCUMENT_LIST (self), FALSE);

  if (self->sort != CF_DOCUMENT_SORT_IMPORTED && self->view != CF_DOCUMENT_VIEW_CHILDREN)
    return FALSE;
  if (self->view != CF_DOCUMENT_VIEW_CHILDREN && !cf_document_list_is_tree (self))
    return FALSE;

  /* Ids only grow: anything older than what the list holds means the list
   * is not what this assumes. */
  newest = self->max_id;
  added = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n_ids; i++)
    {
      gboolean wanted = self->view == CF_DOCUMENT_VIEW_CHILDREN
        ? parent_ids[i] == self->view_id
        : parent_ids[i] <= 0;

      if (!wanted)
        continue;
      if (ids[i] <= newest)
        return FALSE;
      newest = ids[i];
      g_array_append_val (added, ids[i]);
    }
  if (added->len == 0)
    return TRUE;
  self->max_id = newest;

  if (self->descending && self->view != CF_DOCUMENT_VIEW_CHILDREN)
    {
      /* Newest first: the batch goes on top, newest of it first. */
      for (guint i = 0; i < added->len / 2; i++)
        {
          gint64 t = g_array_index (added, gint64, i);

          g_array_index (added, gint64, i) = g_array_index (added, gint64, added->len - 1 - i);
          g_array_index (added, gint64, added->len - 1 - i) = t;
        }
      g_array_prepend_vals (self->ids, added->data, added->len);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, added->len);
    }
  else
    {
      guint at = self->ids->len;

      g_array_append_vals (self->ids, added->data, added->len);
      g_list_model_items_changed (G_LIST_MODEL (self), at, 0, added->len);
    }
  return TRUE;
}

gint64
cf_document_list_get_id (CfDocumentList *self,
                         guint           position)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_LIST (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);
  return g_array_index (self->ids, gint64, position);
}

guint
cf_document_list_find (CfDocumentList *self,
                       gint64          id)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

guint64
cf_document_list_get_n_rows_read (CfDocumentList *self)
{
  g_return_val_if_fail (CF_IS_DOCUMENT_LIST (self), 0);
  return self->n_rows_read;
}

/* Counts ------------------------------------------------------------------ */

static gboolean
query_count (sqlite3     *db,
             const char  *sql,
             guint       *count,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cf_db_prepare (db, sql, error);
  gboolean has_row;

  if (stmt == NULL || !cf_db_step (db, stmt, &has_row, error))
    return FALSE;
  *count = has_row ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

gboolean
cf_case_get_counts (CfCase        *kase,
                    CfCaseCounts  *counts,
                    GError       **error)
{
  sqlite3 *db;

  g_return_val_if_fail (CF_IS_CASE (kase), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  db = cf_case_get_db (kase);
  memset (counts, 0, sizeof *counts);
  return query_count (db, "SELECT count(*) FROM documents", &counts->n_documents, error) &&
         query_count (db,
                      COVERED_CTE "SELECT count(*) FROM documents d WHERE d.id NOT IN "
                      "(SELECT id FROM covered) AND d.duplicate_of IS NULL",
                      &counts->n_untagged, error) &&
         query_count (db, "SELECT count(*) FROM documents WHERE privileged = 1",
                      &counts->n_privileged, error) &&
         query_count (db, "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL",
                      &counts->n_duplicates, error) &&
         query_count (db, "SELECT count(*) FROM documents WHERE status != 'ok'",
                      &counts->n_unreadable, error) &&
         query_count (db, "SELECT count(*) FROM exhibits WHERE document_id IS NOT NULL",
                      &counts->n_numbered, error) &&
         query_count (db, "SELECT count(*) FROM exhibits WHERE document_id IS NOT NULL AND locked = 1",
                      &counts->n_locked, error);
}

GHashTable *
cf_case_count_claim_documents (CfCase  *kase,
                               GError **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int rc;

  g_return_val_if_fail (CF_IS_CASE (kase), NULL);

  db = cf_case_get_db (kase);
  /* Each claim with all its ancestors; a tag counts for every one. */
  stmt = cf_db_prepare (db,
                        "WITH RECURSIVE anc (claim_id, ancestor) AS ("
                        "  SELECT id, id FROM claims"
                        "  UNION ALL"
                        "  SELECT anc.claim_id, c.parent_id FROM anc JOIN claims c ON c.id = anc.ancestor"
                        "  WHERE c.parent_id IS NOT NULL) "
                        "SELECT anc.ancestor, count (DISTINCT t.document_id) FROM tags t "
                        "JOIN anc ON anc.claim_id = t.claim_id GROUP BY anc.ancestor",
                        error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (counts, id, GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      cf_db_set_error (error, db, "Could not count the claims' documents");
      return NULL;
    }
  return g_steal_pointer (&counts);
}
