/* cf-db.c — SQLite helpers: pragmas, errors, statements, transactions. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-db.h"

#include "cf-error.h"
#include "cf-search-tokenizer.h"

#include <unistd.h>

/* The page cache of each connection, in KiB (SQLite takes a negative
 * cache_size as KiB). SQLite's default of 2 MiB holds less than one common
 * word's postings in a case of 100,000 documents, so every search read
 * them again from the file: with 64 MiB, searches for common words take
 * about half the time. Pages are only taken as they are read, and a
 * connection keeps them across transactions while nobody else writes. */
#define CF_DB_CACHE_KIB -65536

void
cf_db_set_error (GError    **error,
                 sqlite3    *db,
                 const char *what)
{
  int code = db ? sqlite3_extended_errcode (db) : SQLITE_ERROR;
  CfError cf_code = CF_ERROR_DATABASE;

  if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    cf_code = CF_ERROR_CORRUPT;
  else if ((code & 0xff) == SQLITE_READONLY)
    cf_code = CF_ERROR_READ_ONLY;
  else if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    cf_code = CF_ERROR_LOCKED;

  g_set_error (error, CF_ERROR, cf_code, "%s: %s", what,
               db ? sqlite3_errmsg (db) : sqlite3_errstr (code));
}

sqlite3 *
cf_db_open (const char  *path,
            gboolean     read_only,
            gboolean     create,
            GError     **error)
{
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  int rc;

  flags |= read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (create)
    flags |= SQLITE_OPEN_CREATE;

  /* A reader of a case on read-only media (a DVD from the client, a
   * write-protected share) cannot create the WAL index; immutable=1 tells
   * SQLite nothing can change the file there. */
  escaped = g_uri_escape_string (path, "/", FALSE);
  if (read_only && access (dir, W_OK) != 0)
    uri = g_strdup_printf ("file:%s?immutable=1", escaped);
  else
    uri = g_strdup_printf ("file:%s", escaped);

  rc = sqlite3_open_v2 (uri, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_DATABASE,
                   "Could not open the case database %s: %s", path,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  /* Another connection (the app's reader while an import writes) waits
   * instead of failing at once. */
  sqlite3_busy_timeout (db, 10000);

  /* Sorts and temporary tables stay in memory (they are small: a list's
   * ids, a removal's): SQLite's temporary files would put document titles
   * and text of a confidential case into /var/tmp. */
  if (!cf_db_exec (db, "PRAGMA foreign_keys = ON", error) ||
      !cf_db_exec (db, "PRAGMA temp_store = MEMORY", error) ||
      !cf_db_exec (db, "PRAGMA cache_size = " G_STRINGIFY (CF_DB_CACHE_KIB), error) ||
      !cf_search_register (db, error))
    goto fail;
  if (!read_only)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gboolean has_row = FALSE;

      stmt = cf_db_prepare (db, "PRAGMA journal_mode = WAL", error);
      if (stmt == NULL || !cf_db_step (db, stmt, &has_row, error))
        goto fail;
    }
  /* Custody entries must survive a power cut the moment they are
   * reported, so every commit syncs the WAL. */
  if (!cf_db_exec (db, "PRAGMA synchronous = FULL", error))
    goto fail;
  return db;

fail:
  sqlite3_close (db);
  return NULL;
}

void
cf_db_close (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close (db);
}

gboolean
cf_db_exec (sqlite3     *db,
            const char  *sql,
            GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_DATABASE, "%s", message ? message : "SQL error");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
cf_db_prepare (sqlite3     *db,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      cf_db_set_error (error, db, "Could not prepare a query");
      return NULL;
    }
  return stmt;
}

gboolean
cf_db_step (sqlite3       *db,
            sqlite3_stmt  *stmt,
            gboolean      *has_row,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *has_row = TRUE;
      return TRUE;
    }
  *has_row = FALSE;
  if (rc == SQLITE_DONE)
    return TRUE;
  cf_db_set_error (error, db, "Database error");
  return FALSE;
}

gboolean
cf_db_step_done (sqlite3       *db,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  cf_db_set_error (error, db, "Database error");
  return FALSE;
}

void
cf_db_bind_text (sqlite3_stmt *stmt,
                 int           index,
                 const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Ids are positive; 0 or less means "none" and binds NULL. */
void
cf_db_bind_id (sqlite3_stmt *stmt,
               int           index,
               gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

const char *
cf_db_column_text (sqlite3_stmt *stmt,
                   int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

char *
cf_db_column_dup (sqlite3_stmt *stmt,
                  int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
cf_db_begin (sqlite3  *db,
             GError  **error)
{
  /* IMMEDIATE takes the write lock now, so a transaction never fails
   * half-way with SQLITE_BUSY after doing work. */
  return cf_db_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
cf_db_commit (sqlite3  *db,
              GError  **error)
{
  if (!cf_db_exec (db, "COMMIT", error))
    {
      cf_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

void
cf_db_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

gint64
cf_db_query_int64 (sqlite3    *db,
                   const char *sql,
                   gint64      fallback)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return fallback;
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return fallback;
  return sqlite3_column_int64 (stmt, 0);
}

GArray *
cf_db_query_ids (sqlite3     *db,
                 const char  *sql,
                 gint64       arg,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cf_db_prepare (db, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, arg);
  for (;;)
    {
      gint64 id;

      if (!cf_db_step (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

gboolean
cf_db_quick_check (sqlite3  *db,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  gboolean has_row;

  stmt = cf_db_prepare (db, "PRAGMA quick_check", error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      const char *line;

      if (!cf_db_step (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      line = cf_db_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
    }
  if (problems->len > 0)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_CORRUPT,
                   "The case database is damaged: %s", problems->str);
      return FALSE;
    }
  return TRUE;
}

int
cf_db_schema_version (sqlite3 *db)
{
  return (int) cf_db_query_int64 (db, "PRAGMA user_version", 0);
}
