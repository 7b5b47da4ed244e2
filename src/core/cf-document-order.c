/* cf-document-order.c — ordering a set of documents by a list column (see
 * cf-document-order.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-document-order.h"

#include "cf-case-private.h"
#include "cf-db.h"
#include "cf-document-private.h"

GArray *
cf_case_order_documents (CfCase          *self,
                         const gint64    *ids,
                         guint            n_ids,
                         CfDocumentSort   sort,
                         gboolean         descending,
                         GError         **error)
{
  sqlite3 *db;
  g_autoptr(GString) list = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ordered = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  ordered = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids == 0)
    return g_steal_pointer (&ordered);

  /* The set travels as one JSON array: one statement, however many hits,
   * and nothing to write (the connection may be read-only). */
  list = g_string_sized_new (n_ids * 8);
  g_string_append_c (list, '[');
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (list, ']');

  db = cf_case_get_db (self);
  sql = g_strdup_printf ("SELECT d.id FROM json_each (?1) j JOIN documents d ON d.id = j.value "
                         "LEFT JOIN exhibits e ON e.document_id = d.id ORDER BY %s",
                         cf_document_sort_order_by (sort, descending));
  stmt = cf_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, list->str, (int) list->len, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ordered, id);
    }
  if (rc != SQLITE_DONE)
    {
      cf_db_set_error (error, db, "Could not put the documents in order");
      return NULL;
    }
  return g_steal_pointer (&ordered);
}
