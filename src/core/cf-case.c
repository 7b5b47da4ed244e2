/* cf-case.c — creating and opening a case, its settings, and the one-writer
 * rule. Documents, claims, tags, numbering and recovery live in their own
 * cf-case-*.c files over cf-case-private.h. */
#define G_LOG_DOMAIN "casefile-core"

#include "config.h"

#include "cf-case-private.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "cf-case-lock.h"
#include "cf-case-recovery.h"
#include "cf-db.h"
#include "cf-error.h"
#include "cf-fsutil.h"

struct _CfCase
{
  GObject parent_instance;

  char *path;
  gboolean read_only;
  CfCaseLock *lock;
  sqlite3 *db;
  /* Statements kept prepared, by the address of their SQL (a literal):
   * see cf_case_prepare_cached. */
  GHashTable *statements;
  CfObjectStore *store;

  char *uuid;
  char *title;
  char *court;
  char *case_number;
  CfParty party;
  CfNumbering numbering;
  char *prefix;          /* as stored: "" means the party's default */
  char *created;

  char *storage_warning;
  char *recovery_note;
};

G_DEFINE_FINAL_TYPE (CfCase, cf_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  PROP_TITLE,
  PROP_COURT,
  PROP_CASE_NUMBER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char case_readme[] =
  "This folder is a Casefile case.\n"
  "\n"
  "It holds the case database (casefile.sqlite) and the original evidence,\n"
  "byte for byte, under objects/ (named by SHA-256). Do not edit, move or\n"
  "delete anything inside it by hand: open it with Casefile, and use\n"
  "`casefile-cli fsck` to check it.\n"
  "\n"
  "이 폴더는 Casefile 사건 폴더입니다. 원본 증거가 objects/ 아래에 SHA-256\n"
  "이름으로 그대로 보관되어 있습니다. 직접 수정하거나 옮기지 마십시오.\n";

static void
cf_case_finalize (GObject *object)
{
  CfCase *self = (CfCase *)object;

  /* Before the connection: it does not close with statements open. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, cf_db_close);
  g_clear_pointer (&self->lock, cf_case_lock_release);
  g_clear_pointer (&self->store, cf_object_store_free);
  g_free (self->path);
  g_free (self->uuid);
  g_free (self->title);
  g_free (self->court);
  g_free (self->case_number);
  g_free (self->prefix);
  g_free (self->created);
  g_free (self->storage_warning);
  g_free (self->recovery_note);

  G_OBJECT_CLASS (cf_case_parent_class)->finalize (object);
}

static void
cf_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CfCase *self = CF_CASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_COURT:
      g_value_set_string (value, self->court);
      break;
    case PROP_CASE_NUMBER:
      g_value_set_string (value, self->case_number);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cf_case_class_init (CfCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cf_case_finalize;
  object_class->get_property = cf_case_get_property;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_COURT] =
    g_param_spec_string ("court", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CASE_NUMBER] =
    g_param_spec_string ("case-number", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cf_case_init (CfCase *self)
{
}

gboolean
cf_case_is_case_folder (const char *path)
{
  g_autofree char *db = g_build_filename (path, CF_CASE_DATABASE_NAME, NULL);

  return g_file_test (db, G_FILE_TEST_IS_REGULAR);
}

/* SQLite's WAL needs shared memory that network and FUSE file systems do
 * not provide reliably; warn rather than refuse (the user may know). */
char *
cf_case_describe_writer (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  return cf_case_lock_describe_holder (path);
}

static char *
detect_storage_warning (const char *path)
{
  struct statfs fs;

  if (statfs (path, &fs) != 0)
    return NULL;
  switch ((unsigned long) fs.f_type)
    {
    case 0x6969UL:        /* NFS */
      return g_strdup ("The case is on an NFS share");
    case 0x517BUL:        /* SMB */
    case 0xFF534D42UL:    /* CIFS */
    case 0xFE534D42UL:    /* SMB2 */
      return g_strdup ("The case is on a Windows network share");
    case 0x65735546UL:    /* FUSE: cloud sync clients, sshfs, gvfs */
      return g_strdup ("The case is on a FUSE file system (cloud sync, sshfs or similar)");
    case 0x01021997UL:    /* 9p */
      return g_strdup ("The case is on a 9p network file system");
    default:
      return NULL;
    }
}

static gboolean
load_settings (CfCase  *self,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  stmt = cf_db_prepare (self->db,
                        "SELECT uuid, title, court, case_number, party, numbering, prefix, created "
                        "FROM case_info WHERE id = 1",
                        error);
  if (stmt == NULL || !cf_db_step (self->db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_CORRUPT,
                   "The case database has no case record");
      return FALSE;
    }
  g_free (self->uuid);
  self->uuid = cf_db_column_dup (stmt, 0);
  g_free (self->title);
  self->title = cf_db_column_dup (stmt, 1);
  g_free (self->court);
  self->court = cf_db_column_dup (stmt, 2);
  g_free (self->case_number);
  self->case_number = cf_db_column_dup (stmt, 3);
  if (!cf_party_from_string (cf_db_column_text (stmt, 4), &self->party))
    self->party = CF_PARTY_PLAINTIFF;
  if (!cf_numbering_from_string (cf_db_column_text (stmt, 5), &self->numbering))
    self->numbering = CF_NUMBERING_KOREAN;
  g_free (self->prefix);
  self->prefix = cf_db_column_dup (stmt, 6);
  g_free (self->created);
  self->created = cf_db_column_dup (stmt, 7);
  return TRUE;
}

static CfCase *
open_with_lock (const char       *path,
                CfCaseOpenFlags   flags,
                CfCaseLock       *lock,
                const char       *previous_holder,
                GError          **error)
{
  g_autoptr(CfCase) self = g_object_new (CF_TYPE_CASE, NULL);
  g_autofree char *db_path = g_build_filename (path, CF_CASE_DATABASE_NAME, NULL);
  gboolean read_only = (flags & CF_CASE_OPEN_READ_ONLY) != 0;
  int version;

  self->path = g_canonicalize_filename (path, NULL);
  self->read_only = read_only;
  self->lock = lock;
  self->store = cf_object_store_new (self->path);

  self->db = cf_db_open (db_path, read_only, FALSE, error);
  if (self->db == NULL)
    return NULL;

  version = cf_db_schema_version (self->db);
  if (read_only)
    {
      if (version > CF_SCHEMA_VERSION)
        {
          g_set_error (error, CF_ERROR, CF_ERROR_TOO_NEW,
                       "This case was written by a newer Casefile (schema %d; this one "
                       "knows %d). Update Casefile to open it.", version, CF_SCHEMA_VERSION);
          return NULL;
        }
      if (version < CF_SCHEMA_READABLE_FROM)
        {
          g_set_error (error, CF_ERROR, CF_ERROR_TOO_NEW,
                       "This case uses an older format (schema %d); open it once for "
                       "writing so Casefile can upgrade it.", version);
          return NULL;
        }
    }
  else
    {
      if (!cf_db_quick_check (self->db, error) || !cf_db_migrate (self->db, error))
        return NULL;
    }

  if (!load_settings (self, error))
    return NULL;

  if (!read_only && !cf_case_recover (self, previous_holder, &self->recovery_note, error))
    return NULL;

  self->storage_warning = detect_storage_warning (self->path);
  return g_steal_pointer (&self);
}

gboolean
cf_case_needs_upgrade (const char *path)
{
  g_autofree char *db_path = g_build_filename (path, CF_CASE_DATABASE_NAME, NULL);
  sqlite3 *db;
  int version;

  if (!cf_case_is_case_folder (path))
    return FALSE;
  db = cf_db_open (db_path, TRUE, FALSE, NULL);
  if (db == NULL)
    return FALSE;
  version = cf_db_schema_version (db);
  cf_db_close (db);
  return version > 0 && version < CF_SCHEMA_VERSION;
}

CfCase *
cf_case_open (const char       *path,
              CfCaseOpenFlags   flags,
              GError          **error)
{
  g_autofree char *previous_holder = NULL;
  CfCaseLock *lock = NULL;
  CfCase *self;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_NOT_A_CASE,
                   "%s does not exist or is not a folder", path);
      return NULL;
    }
  if (!cf_case_is_case_folder (path))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_NOT_A_CASE,
                   "%s is not a Casefile case (it has no %s)", path, CF_CASE_DATABASE_NAME);
      return NULL;
    }

  if (!(flags & CF_CASE_OPEN_READ_ONLY))
    {
      lock = cf_case_lock_acquire (path, &previous_holder, error);
      if (lock == NULL)
        return NULL;
    }

  self = open_with_lock (path, flags, lock, previous_holder, error);
  /* On failure the case object released the lock in finalize. */
  return self;
}

static gboolean
validate_settings (const CfCaseSettings  *settings,
                   GError               **error)
{
  if (settings->title != NULL && g_utf8_strlen (settings->title, -1) == 0)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "A case needs a title");
      return FALSE;
    }
  if ((settings->title && !g_utf8_validate (settings->title, -1, NULL)) ||
      (settings->court && !g_utf8_validate (settings->court, -1, NULL)) ||
      (settings->case_number && !g_utf8_validate (settings->case_number, -1, NULL)) ||
      (settings->prefix && !g_utf8_validate (settings->prefix, -1, NULL)))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "Case settings must be valid UTF-8");
      return FALSE;
    }
  if (settings->prefix != NULL)
    for (const char *p = settings->prefix; *p; p++)
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        {
          g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                       "An exhibit prefix may only hold letters, digits, - and _ (got “%s”)",
                       settings->prefix);
          return FALSE;
        }
  return TRUE;
}

CfCase *
cf_case_create (const char            *path,
                const CfCaseSettings  *settings,
                GError               **error)
{
  g_autofree char *db_path = NULL;
  g_autofree char *readme = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *details = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(CfObjectStore) store = NULL;
  CfCaseLock *lock;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  if (settings->title == NULL)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "A case needs a title");
      return NULL;
    }
  if (!validate_settings (settings, error))
    return NULL;

  if (cf_case_is_case_folder (path))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_CASE_EXISTS, "%s is already a Casefile case", path);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

      if (dir == NULL || g_dir_read_name (dir) != NULL)
        {
          g_set_error (error, CF_ERROR, CF_ERROR_CASE_EXISTS,
                       "%s already exists and is not an empty folder", path);
          return NULL;
        }
    }
  else if (!cf_mkdir_durable (path, error))
    return NULL;

  lock = cf_case_lock_acquire (path, NULL, error);
  if (lock == NULL)
    return NULL;

  store = cf_object_store_new (path);
  readme = g_build_filename (path, "README.txt", NULL);
  if (!cf_object_store_create_layout (store, error) ||
      !cf_write_file_durable (readme, case_readme, strlen (case_readme), error))
    {
      cf_case_lock_release (lock);
      return NULL;
    }

  db_path = g_build_filename (path, CF_CASE_DATABASE_NAME, NULL);
  db = cf_db_open (db_path, FALSE, TRUE, error);
  if (db == NULL)
    {
      cf_case_lock_release (lock);
      return NULL;
    }

  uuid = g_uuid_string_random ();
  now = cf_utc_now_iso ();
  details = cf_custody_details ("title", settings->title,
                                "court", settings->court,
                                "case_number", settings->case_number,
                                "party", cf_party_to_string (settings->party),
                                "numbering", cf_numbering_to_string (settings->numbering),
                                "prefix", settings->prefix,
                                "case_id", uuid,
                                "tool", "Casefile " PACKAGE_VERSION,
                                NULL);
  if (!cf_db_migrate (db, error) || !cf_db_begin (db, error))
    goto fail;
  insert = cf_db_prepare (db,
                          "INSERT INTO case_info (id, uuid, title, court, case_number, party, "
                          "numbering, prefix, created) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
                          error);
  if (insert == NULL)
    goto fail;
  cf_db_bind_text (insert, 1, uuid);
  cf_db_bind_text (insert, 2, settings->title);
  cf_db_bind_text (insert, 3, settings->court ? settings->court : "");
  cf_db_bind_text (insert, 4, settings->case_number ? settings->case_number : "");
  cf_db_bind_text (insert, 5, cf_party_to_string (settings->party));
  cf_db_bind_text (insert, 6, cf_numbering_to_string (settings->numbering));
  cf_db_bind_text (insert, 7, settings->prefix ? settings->prefix : "");
  cf_db_bind_text (insert, 8, now);
  if (!cf_db_step_done (db, insert, error) ||
      !cf_custody_append (db, "case-create", 0, 0, details, error) ||
      !cf_db_commit (db, error))
    goto fail;
  g_clear_pointer (&insert, sqlite3_finalize);
  cf_db_close (db);

  return open_with_lock (path, CF_CASE_OPEN_DEFAULT, lock, NULL, error);

fail:
  cf_db_rollback (db);
  g_clear_pointer (&insert, sqlite3_finalize);
  cf_db_close (db);
  cf_case_lock_release (lock);
  return NULL;
}

sqlite3 *
cf_case_get_db (CfCase *self)
{
  return self->db;
}

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

sqlite3_stmt *
cf_case_prepare_cached (CfCase      *self,
                        const char  *sql,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  if (self->statements == NULL)
    self->statements = g_hash_table_new_full (NULL, NULL, NULL, statement_free);
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      stmt = cf_db_prepare (self->db, sql, error);
      if (stmt == NULL)
        return NULL;
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  return stmt;
}

CfObjectStore *
cf_case_get_store (CfCase *self)
{
  return self->store;
}

gboolean
cf_case_require_writable (CfCase  *self,
                          GError **error)
{
  if (self->read_only)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_READ_ONLY,
                   "The case %s is open read-only", self->path);
      return FALSE;
    }
  return TRUE;
}

sqlite3 *
cf_case_open_worker_db (CfCase  *self,
                        GError **error)
{
  g_autofree char *db_path = g_build_filename (self->path, CF_CASE_DATABASE_NAME, NULL);

  return cf_db_open (db_path, self->read_only, FALSE, error);
}

const char *
cf_case_get_path (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return self->path;
}

gboolean
cf_case_get_read_only (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), TRUE);
  return self->read_only;
}

const char *
cf_case_get_uuid (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return self->uuid;
}

const char *
cf_case_get_title (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return self->title;
}

const char *
cf_case_get_court (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return self->court;
}

const char *
cf_case_get_case_number (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return self->case_number;
}

CfParty
cf_case_get_party (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), CF_PARTY_PLAINTIFF);
  return self->party;
}

CfNumbering
cf_case_get_numbering (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), CF_NUMBERING_KOREAN);
  return self->numbering;
}

const char *
cf_case_get_prefix (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  if (self->prefix == NULL || self->prefix[0] == '\0')
    return cf_party_default_prefix (self->party);
  return self->prefix;
}

const char *
cf_case_get_created (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return self->created;
}

const char *
cf_case_get_storage_warning (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return self->storage_warning;
}

const char *
cf_case_get_recovery_note (CfCase *self)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return self->recovery_note;
}

char *
cf_case_format_exhibit (CfCase *self,
                        guint   main_number,
                        guint   sub_number)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return cf_exhibit_format (self->numbering, self->party, cf_case_get_prefix (self),
                            main_number, sub_number);
}

gboolean
cf_case_update_settings (CfCase                *self,
                         const CfCaseSettings  *settings,
                         GError               **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (CF_IS_CASE (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!cf_case_require_writable (self, error) || !validate_settings (settings, error))
    return FALSE;

  details = cf_custody_details ("title", settings->title,
                                "court", settings->court,
                                "case_number", settings->case_number,
                                "party", cf_party_to_string (settings->party),
                                "numbering", cf_numbering_to_string (settings->numbering),
                                "prefix", settings->prefix,
                                NULL);
  if (!cf_db_begin (self->db, error))
    return FALSE;
  update = cf_db_prepare (self->db,
                          "UPDATE case_info SET title = coalesce (?1, title), "
                          "court = coalesce (?2, court), case_number = coalesce (?3, case_number), "
                          "party = ?4, numbering = ?5, prefix = coalesce (?6, prefix) WHERE id = 1",
                          error);
  if (update == NULL)
    goto fail;
  cf_db_bind_text (update, 1, settings->title);
  cf_db_bind_text (update, 2, settings->court);
  cf_db_bind_text (update, 3, settings->case_number);
  cf_db_bind_text (update, 4, cf_party_to_string (settings->party));
  cf_db_bind_text (update, 5, cf_numbering_to_string (settings->numbering));
  cf_db_bind_text (update, 6, settings->prefix);
  if (!cf_db_step_done (self->db, update, error) ||
      !cf_custody_append (self->db, "case-edit", 0, 0, details, error) ||
      !cf_db_commit (self->db, error))
    goto fail;

  if (!load_settings (self, error))
    return FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COURT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CASE_NUMBER]);
  return TRUE;

fail:
  cf_db_rollback (self->db);
  return FALSE;
}

GPtrArray *
cf_case_list_custody (CfCase  *self,
                      gint64   document_id,
                      GError **error)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);
  return cf_custody_list (self->db, document_id, error);
}

gboolean
cf_case_verify_custody (CfCase     *self,
                        GPtrArray  *problems,
                        GError    **error)
{
  g_return_val_if_fail (CF_IS_CASE (self), FALSE);
  return cf_custody_verify (self->db, problems, error);
}
