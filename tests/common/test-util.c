/* test-util.c — shared test helpers (see test-util.h). */
#include "test-util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cf-case-private.h"
#include "cf-db.h"
#include "cf-fsck.h"
#include "cf-search.h"

static GPtrArray *temp_dirs;

/* Folders are kept for a look when the program fails. Its exit status
 * decides, not g_test_failed(): that says only how the last test went,
 * and a skipped one counts as failed there (40 folders a run were left). */
static void
remove_temp_dirs (int   status,
                  void *data)
{
  if (temp_dirs == NULL)
    return;
  if (status == 0)
    for (guint i = 0; i < temp_dirs->len; i++)
      tu_rm_rf (g_ptr_array_index (temp_dirs, i));
  g_clear_pointer (&temp_dirs, g_ptr_array_unref);
}

void
tu_init (int    *argc,
         char ***argv)
{
  const char *charset;

  setlocale (LC_ALL, "");
  if (!g_get_charset (&charset))
    setlocale (LC_CTYPE, "C.UTF-8");
  g_test_init (argc, argv, NULL);
  on_exit (remove_temp_dirs, NULL);
}

char *
tu_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("casefile-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (temp_dirs == NULL)
    temp_dirs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (temp_dirs, g_strdup (dir));
  return dir;
}

/* Works relative to folder descriptors, so that trees deeper than
 * PATH_MAX (test-import makes one) go too. */
static void
rm_rf_at (int         parent_fd,
          const char *name)
{
  struct stat st;
  int fd;
  DIR *dir;
  struct dirent *entry;

  if (fstatat (parent_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    return;
  if (!S_ISDIR (st.st_mode))
    {
      unlinkat (parent_fd, name, 0);
      return;
    }

  /* Objects are read-only; folders may have been made unreadable by a
   * test. */
  fchmodat (parent_fd, name, 0755, 0);
  fd = openat (parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0 && (dir = fdopendir (fd)) != NULL)
    {
      while ((entry = readdir (dir)) != NULL)
        if (strcmp (entry->d_name, ".") != 0 && strcmp (entry->d_name, "..") != 0)
          rm_rf_at (dirfd (dir), entry->d_name);
      closedir (dir);
    }
  else if (fd >= 0)
    close (fd);
  unlinkat (parent_fd, name, AT_REMOVEDIR);
}

void
tu_rm_rf (const char *path)
{
  rm_rf_at (AT_FDCWD, path);
}

void
tu_write_file (const char *path,
               const void *data,
               gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

void
tu_write_text (const char *path,
               const char *text)
{
  tu_write_file (path, text, strlen (text));
}

char *
tu_read_file (const char *path,
              gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

void
tu_mkdir (const char *path)
{
  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
}

CfCase *
tu_new_case (const char *dir,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "case", NULL);
  CfCaseSettings settings = { 0 };
  CfCase *kase;

  settings.title = title;
  settings.court = "서울행정법원";
  settings.case_number = "2024구합12345";
  kase = cf_case_create (path, &settings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return kase;
}

static void
tu_item_free (TuItem *item)
{
  g_free (item->source);
  g_free (item->reason);
  g_free (item);
}

static void
collect_item (const CfImportItem *item,
              gpointer            user_data)
{
  GPtrArray *items = user_data;
  TuItem *copy = g_new0 (TuItem, 1);

  copy->outcome = item->outcome;
  copy->document_id = item->document_id;
  copy->duplicate_of = item->duplicate_of;
  copy->parent_id = item->parent_id;
  copy->depth = item->depth;
  copy->source = g_strdup (item->source);
  copy->reason = g_strdup (item->reason);
  g_ptr_array_add (items, copy);
}

GPtrArray *
tu_import (CfCase               *kase,
           const char * const   *paths,
           const CfImportLimits *limits)
{
  g_autoptr(CfImporter) importer = cf_importer_new (kase);
  g_autoptr(GError) error = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) tu_item_free);

  if (limits != NULL)
    cf_importer_set_limits (importer, limits);
  cf_importer_set_item_func (importer, collect_item, items);
  cf_importer_run (importer, paths, NULL, &error);
  g_assert_no_error (error);
  return items;
}

GPtrArray *
tu_import_one (CfCase     *kase,
               const char *path)
{
  const char *paths[] = { path, NULL };

  return tu_import (kase, paths, NULL);
}

TuItem *
tu_find_item (GPtrArray  *items,
              const char *source_suffix)
{
  for (guint i = 0; i < items->len; i++)
    {
      TuItem *item = g_ptr_array_index (items, i);

      if (g_str_has_suffix (item->source, source_suffix))
        return item;
    }
  return NULL;
}

guint
tu_count_outcome (GPtrArray       *items,
                  CfImportOutcome  outcome)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (((TuItem *) g_ptr_array_index (items, i))->outcome == outcome)
      n++;
  return n;
}

int
tu_run_cliv (char               **out,
             char               **err,
             const char * const  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("CASEFILE_CLI");
  int status = -1;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* Output nobody asked for must not reach our stdout: it is TAP. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL) | (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

int
tu_run_cli (char       **out,
            char       **err,
            const char  *first_arg,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return tu_run_cliv (out, err, (const char * const *) args->pdata);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

char *
tu_ids_text (GArray *ids)
{
  GString *s = g_string_new (NULL);

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  return g_string_free (s, FALSE);
}

char *
tu_found (CfCase     *kase,
          const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = cf_case_search_ids (kase, query, &error);

  g_assert_no_error (error);
  return tu_ids_text (ids);
}

void
tu_use_bigram_index (CfCase *kase)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cf_db_exec (cf_case_get_db (kase),
                             "DROP TABLE search;"
                             "CREATE VIRTUAL TABLE search USING fts5 (title, name, people, body, notes, "
                             "  content = 'search_source', content_rowid = 'id', tokenize = 'casefile');"
                             "INSERT INTO search (search) VALUES ('rebuild');", &error));
  g_assert_no_error (error);
}

void
tu_assert_fsck_clean (CfCase *kase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CfFsckReport) report = cf_case_fsck (kase, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("fsck: %s", (const char *) g_ptr_array_index (report->problems, i));
  g_assert_cmpuint (report->problems->len, ==, 0);
}
