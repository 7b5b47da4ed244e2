/* cf-db.h — thin helpers over SQLite: open with the case's pragmas,
 * statements with GError, transactions, and the schema migrations.
 *
 * Internal to the core: widgets and the CLI never see SQL.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The schema version this build writes; older cases are migrated forward,
 * newer ones are refused rather than damaged. */
#define CF_SCHEMA_VERSION 7
/* The oldest schema this build can read as it is, when it may not write
 * (another process holds the case): 4, 5 and 6 only added indexes, and 7
 * a way of cutting the search index that the index itself names. */
#define CF_SCHEMA_READABLE_FROM 3

sqlite3      *cf_db_open           (const char    *path,
                                    gboolean       read_only,
                                    gboolean       create,
                                    GError       **error);
void          cf_db_close          (sqlite3       *db);
void          cf_db_set_error      (GError       **error,
                                    sqlite3       *db,
                                    const char    *what);
gboolean      cf_db_exec           (sqlite3       *db,
                                    const char    *sql,
                                    GError       **error);
sqlite3_stmt *cf_db_prepare        (sqlite3       *db,
                                    const char    *sql,
                                    GError       **error);
/* Steps a statement that returns no rows (INSERT/UPDATE/DELETE). */
gboolean      cf_db_step_done      (sqlite3       *db,
                                    sqlite3_stmt  *stmt,
                                    GError       **error);
/* Steps a statement: TRUE with *has_row set, FALSE on error. */
gboolean      cf_db_step           (sqlite3       *db,
                                    sqlite3_stmt  *stmt,
                                    gboolean      *has_row,
                                    GError       **error);

void          cf_db_bind_text      (sqlite3_stmt  *stmt,
                                    int            index,
                                    const char    *text);
void          cf_db_bind_id        (sqlite3_stmt  *stmt,
                                    int            index,
                                    gint64         id);
const char   *cf_db_column_text    (sqlite3_stmt  *stmt,
                                    int            column);
char         *cf_db_column_dup     (sqlite3_stmt  *stmt,
                                    int            column);

gboolean      cf_db_begin          (sqlite3       *db,
                                    GError       **error);
gboolean      cf_db_commit         (sqlite3       *db,
                                    GError       **error);
void          cf_db_rollback       (sqlite3       *db);

gint64        cf_db_query_int64    (sqlite3       *db,
                                    const char    *sql,
                                    gint64         fallback);
/* Runs sql with ?1 bound to arg and returns its first column as gint64s. */
GArray       *cf_db_query_ids      (sqlite3       *db,
                                    const char    *sql,
                                    gint64         arg,
                                    GError       **error);

gboolean      cf_db_quick_check    (sqlite3       *db,
                                    GError       **error);
gboolean      cf_db_migrate        (sqlite3       *db,
                                    GError       **error);
int           cf_db_schema_version (sqlite3       *db);

G_END_DECLS
