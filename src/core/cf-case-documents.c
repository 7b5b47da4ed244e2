/* cf-case-documents.c — reading document rows and the edits a user makes
 * to them (title, date, author, privilege). Intake, which creates rows,
 * lives in cf-intake.c. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-case-private.h"

#include <stdio.h>
#include <string.h>

#include "cf-custody.h"
#include "cf-db.h"
#include "cf-document-private.h"
#include "cf-error.h"
#include "cf-fsutil.h"
#include "cf-search-index.h"

#define DOCUMENT_COLUMNS \
  "d.id, d.parent_id, d.duplicate_of, d.name, d.name_encoding, d.source, d.sha256, d.size, " \
  "d.modified, d.mime_type, d.status, d.problem, d.title, d.doc_date, d.author, " \
  "d.privileged, d.privilege_basis, d.imported, e.main, e.sub, e.locked, " \
  "(SELECT count(*) FROM documents c WHERE c.parent_id = d.id), " \
  "(SELECT count(*) FROM tags t WHERE t.document_id = d.id), " \
  "d.text_status, d.recipients, d.pages " \
  "FROM documents d LEFT JOIN exhibits e ON e.document_id = d.id "

static CfDocument *
document_from_row (CfCase       *self,
                   sqlite3_stmt *stmt)
{
  CfDocumentData d = { 0 };

  d.id = sqlite3_column_int64 (stmt, 0);
  d.parent_id = sqlite3_column_int64 (stmt, 1);
  d.duplicate_of = sqlite3_column_int64 (stmt, 2);
  d.name = cf_db_column_dup (stmt, 3);
  d.name_encoding = cf_db_column_dup (stmt, 4);
  d.source = cf_db_column_dup (stmt, 5);
  d.sha256 = cf_db_column_dup (stmt, 6);
  d.size = sqlite3_column_int64 (stmt, 7);
  d.modified = cf_db_column_dup (stmt, 8);
  d.mime_type = cf_db_column_dup (stmt, 9);
  if (!cf_status_from_string (cf_db_column_text (stmt, 10), &d.status))
    d.status = CF_STATUS_FAILED;
  d.problem = cf_db_column_dup (stmt, 11);
  d.title = cf_db_column_dup (stmt, 12);
  d.date = cf_db_column_dup (stmt, 13);
  d.author = cf_db_column_dup (stmt, 14);
  d.privileged = sqlite3_column_int (stmt, 15) != 0;
  d.privilege_basis = cf_db_column_dup (stmt, 16);
  d.imported = cf_db_column_dup (stmt, 17);
  if (sqlite3_column_type (stmt, 18) != SQLITE_NULL)
    {
      d.exhibit_main = sqlite3_column_int (stmt, 18);
      d.exhibit_sub = sqlite3_column_int (stmt, 19);
      d.exhibit_locked = sqlite3_column_int (stmt, 20) != 0;
      d.exhibit = cf_case_format_exhibit (self, d.exhibit_main, d.exhibit_sub);
    }
  d.n_children = sqlite3_column_int (stmt, 21);
  d.n_claims = sqlite3_column_int (stmt, 22);
  d.text_status = cf_db_column_dup (stmt, 23);
  d.recipients = cf_db_column_dup (stmt, 24);
  d.pages = sqlite3_column_int (stmt, 25);
  return cf_document_new_take (&d);
}

CfDocument *
cf_case_get_document (CfCase  *self,
                      gint64   id,
                      GError **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  CfDocument *document = NULL;
  gboolean has_row;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);

  db = cf_case_get_db (self);
  stmt = cf_case_prepare_cached (self, "SELECT " DOCUMENT_COLUMNS "WHERE d.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (cf_db_step (db, stmt, &has_row, error))
    {
      if (has_row)
        document = document_from_row (self, stmt);
      else
        g_set_error (error, CF_ERROR, CF_ERROR_NOT_FOUND,
                     "There is no document %" G_GINT64_FORMAT " in this case", id);
    }
  sqlite3_reset (stmt);
  return document;
}

static GPtrArray *
list_where (CfCase      *self,
            const char  *where,
            gint64       arg,
            GError     **error)
{
  sqlite3 *db = cf_case_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = g_strdup_printf ("SELECT " DOCUMENT_COLUMNS "%s ORDER BY d.id", where);
  gboolean has_row;

  stmt = cf_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  if (arg > 0)
    sqlite3_bind_int64 (stmt, 1, arg);
  for (;;)
    {
      if (!cf_db_step (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (documents, document_from_row (self, stmt));
    }
  return g_steal_pointer (&documents);
}

GPtrArray *
cf_case_list_documents (CfCase  *self,
                        GError **error)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return list_where (self, "", 0, error);
}

GPtrArray *
cf_case_list_children (CfCase  *self,
                       gint64   parent_id,
                       GError **error)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return list_where (self, "WHERE d.parent_id = ?", parent_id, error);
}

guint
cf_case_count_documents (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), 0);
  return cf_db_query_int64 (cf_case_get_db (self), "SELECT count(*) FROM documents", 0);
}

GStrv
cf_case_list_warnings (CfCase  *self,
                       gint64   document_id,
                       GError **error)
{
  sqlite3 *db = cf_case_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean has_row;

  stmt = cf_db_prepare (db,
                        "SELECT code, message FROM document_warnings WHERE document_id = ? "
                        "ORDER BY id",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  for (;;)
    {
      if (!cf_db_step (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_strv_builder_add (builder, cf_db_column_text (stmt, 0));
      g_strv_builder_add (builder, cf_db_column_text (stmt, 1));
    }
  return g_strv_builder_end (builder);
}

char *
cf_case_dup_object_path (CfCase     *self,
                         CfDocument *document)
{
  const char *sha;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  g_return_val_if_fail (CF_IS_DOCUMENT (document), NULL);

  sha = cf_document_get_sha256 (document);
  if (sha == NULL)
    return NULL;
  return cf_object_store_path (cf_case_get_store (self), sha);
}

/* Dates are what the document bears; a court list may only know the year
 * or the month, so YYYY and YYYY-MM are accepted too. */
static gboolean
validate_date (const char  *date,
               GError     **error)
{
  int y = 0, m = 0, d = 0;
  gsize len;

  if (date[0] == '\0')
    return TRUE;
  len = strlen (date);
  if ((len == 4 && sscanf (date, "%4d", &y) == 1) ||
      (len == 7 && sscanf (date, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12) ||
      (len == 10 && sscanf (date, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
       g_date_valid_dmy (d, m, y)))
    {
      for (const char *p = date; *p; p++)
        if (!g_ascii_isdigit (*p) && *p != '-')
          goto bad;
      if (y >= 1000)
        return TRUE;
    }
bad:
  g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
               "“%s” is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY)", date);
  return FALSE;
}

gboolean
cf_case_edit_document (CfCase      *self,
                       gint64       id,
                       const char  *title,
                       const char  *date,
                       const char  *author,
                       GError     **error)
{
  sqlite3 *db;
  g_autoptr(CfDocument) before = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (CF_IS_CASE (self), FALSE);

  if (!cf_case_require_writable (self, error))
    return FALSE;
  if (title != NULL && (title[0] == '\0' || !g_utf8_validate (title, -1, NULL)))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "A document needs a title");
      return FALSE;
    }
  if ((author && !g_utf8_validate (author, -1, NULL)) ||
      (date && !validate_date (date, error)))
    {
      if (error && *error == NULL)
        g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "The author must be valid UTF-8");
      return FALSE;
    }

  before = cf_case_get_document (self, id, error);
  if (before == NULL)
    return FALSE;

  db = cf_case_get_db (self);
  details = cf_custody_details ("title", title,
                                "previous_title", title ? cf_document_get_title (before) : NULL,
                                "date", date,
                                "previous_date", date ? cf_document_get_date (before) : NULL,
                                "author", author,
                                "previous_author", author ? cf_document_get_author (before) : NULL,
                                NULL);
  if (!cf_db_begin (db, error))
    return FALSE;
  /* The edited bits keep a later reading of the document from
   * overwriting what a person decided. */
  update = cf_db_prepare (db,
                          "UPDATE documents SET title = coalesce (?1, title), "
                          "doc_date = CASE WHEN ?2 IS NULL THEN doc_date WHEN ?2 = '' THEN NULL "
                          "ELSE ?2 END, "
                          "author = CASE WHEN ?3 IS NULL THEN author WHEN ?3 = '' THEN NULL "
                          "ELSE ?3 END, "
                          "edited = edited | (CASE WHEN ?1 IS NULL THEN 0 ELSE 1 END) "
                          "  | (CASE WHEN ?2 IS NULL THEN 0 ELSE 2 END) "
                          "  | (CASE WHEN ?3 IS NULL THEN 0 ELSE 4 END) WHERE id = ?4",
                          error);
  if (update == NULL)
    goto fail;
  cf_db_bind_text (update, 1, title);
  cf_db_bind_text (update, 2, date);
  cf_db_bind_text (update, 3, author);
  sqlite3_bind_int64 (update, 4, id);
  if (!cf_search_unindex (db, id, error) ||
      !cf_db_step_done (db, update, error) ||
      !cf_search_index (db, id, error) ||
      !cf_custody_append (db, "edit", id, 0, details, error) ||
      !cf_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  cf_db_rollback (db);
  return FALSE;
}

gboolean
cf_case_set_privileged (CfCase      *self,
                        gint64       id,
                        const char  *basis,
                        GError     **error)
{
  sqlite3 *db;
  g_autoptr(CfDocument) before = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (CF_IS_CASE (self), FALSE);

  if (!cf_case_require_writable (self, error))
    return FALSE;
  if (basis != NULL && (basis[0] == '\0' || !g_utf8_validate (basis, -1, NULL)))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                   "Marking a document privileged needs a basis "
                   "(e.g. “attorney–client communication”)");
      return FALSE;
    }
  before = cf_case_get_document (self, id, error);
  if (before == NULL)
    return FALSE;

  db = cf_case_get_db (self);
  details = cf_custody_details ("basis", basis,
                                "previous_basis", cf_document_get_privilege_basis (before),
                                NULL);
  if (!cf_db_begin (db, error))
    return FALSE;
  update = cf_db_prepare (db,
                          "UPDATE documents SET privileged = ?1, privilege_basis = ?2 WHERE id = ?3",
                          error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_int (update, 1, basis != NULL);
  cf_db_bind_text (update, 2, basis);
  sqlite3_bind_int64 (update, 3, id);
  if (!cf_db_step_done (db, update, error) ||
      !cf_custody_append (db, basis ? "privilege" : "privilege-clear", id, 0, details, error) ||
      !cf_case_withdraw_if_unqualified (self, id, error) ||
      !cf_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  cf_db_rollback (db);
  return FALSE;
}

gboolean
cf_document_refresh_status (sqlite3  *db,
                            gint64    document_id,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;

  update = cf_db_prepare (db,
                          "UPDATE documents SET "
                          "status = CASE WHEN import_status = 'failed' OR text_status = 'failed' "
                          "  THEN 'failed' "
                          "  WHEN import_status = 'partial' OR text_status = 'encrypted' "
                          "  THEN 'partial' ELSE 'ok' END, "
                          "problem = (SELECT group_concat (p, '; ') FROM ("
                          "  SELECT documents.import_problem AS p "
                          "  UNION ALL SELECT problem FROM extractions "
                          "  WHERE extractions.document_id = documents.id) WHERE p IS NOT NULL) "
                          "WHERE id = ?",
                          error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, document_id);
  return cf_db_step_done (db, update, error);
}
