/* cf-import-walk.c — the walk before an import (see cf-import-walk.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-import-walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cf-intake.h"

#define MAX_FOLDER_DEPTH 256

typedef struct
{
  GPtrArray *entries;
  GHashTable *visited;     /* "dev:ino" of folders walked */
  char *root;              /* real path of the picked folder */
  GCancellable *cancellable;
} Walk;

static void
walk_entry_free (CfWalkEntry *entry)
{
  g_free (entry->path);
  g_free (entry->source);
  g_free (entry->raw_name);
  g_free (entry->name);
  g_free (entry->reason);
  g_clear_pointer (&entry->warnings, g_ptr_array_unref);
  g_free (entry);
}

static CfWalkEntry *
add (Walk            *walk,
     CfImportOutcome  outcome,
     const char      *source,
     const char      *reason)
{
  CfWalkEntry *entry = g_new0 (CfWalkEntry, 1);

  entry->outcome = outcome;
  entry->source = g_strdup (source);
  entry->reason = g_strdup (reason);
  g_ptr_array_add (walk->entries, entry);
  return entry;
}

static const char *
describe_special (mode_t mode)
{
  if (S_ISFIFO (mode))
    return "A FIFO (named pipe): not a document, never opened";
  if (S_ISSOCK (mode))
    return "A socket: not a document, never opened";
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return "A device: not a document, never opened";
  return "Not a regular file";
}

static void
add_name_warnings (CfWalkEntry    *entry,
                   CfNameEncoding  encoding,
                   gboolean        neutralised)
{
  if (encoding == CF_NAME_CP949)
    cf_warnings_add (&entry->warnings, "name-cp949",
                     "The file name is not UTF-8; it was decoded as CP949 (Korean Windows)");
  else if (encoding == CF_NAME_INVALID)
    cf_warnings_add (&entry->warnings, "name-invalid",
                     "The file name is not valid UTF-8 (nor CP949); undecodable bytes are "
                     "shown as �");
  else if (encoding == CF_NAME_NFD)
    cf_warnings_add (&entry->warnings, "name-nfd",
                     "The file name was in decomposed (NFD) form, as macOS writes it; it is "
                     "shown composed");
  if (neutralised)
    cf_warnings_add (&entry->warnings, "name-control",
                     "The file name holds control or text-direction characters (shown as �)");
}

static void
add_file (Walk              *walk,
          const char        *path,
          const char        *source,
          const char        *raw_name,
          const char        *name,
          CfNameEncoding     encoding,
          gboolean           neutralised,
          const struct stat *st)
{
  CfWalkEntry *entry = add (walk, CF_IMPORT_IMPORTED, source, NULL);

  entry->path = g_strdup (path);
  entry->raw_name = g_strdup (raw_name);
  entry->name = g_strdup (name);
  entry->name_encoding = encoding;
  entry->size = st->st_size;
  add_name_warnings (entry, encoding, neutralised);
}

static gboolean
is_inside (const char *path,
           const char *root)
{
  gsize len = strlen (root);

  if (strcmp (root, "/") == 0)
    return TRUE;
  return strncmp (path, root, len) == 0 && (path[len] == '\0' || path[len] == '/');
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean walk_folder (Walk *walk, const char *dir, const char *source, guint depth);

static gboolean
walk_child (Walk       *walk,
            const char *dir,
            const char *raw_name,
            const char *prefix,
            guint       depth)
{
  g_autofree char *path = g_build_filename (dir, raw_name, NULL);
  g_autofree char *name = NULL;
  g_autofree char *source = NULL;
  CfNameEncoding encoding;
  gboolean neutralised = FALSE;
  struct stat st;

  name = cf_name_decode (raw_name, -1, FALSE, &encoding, &neutralised);
  source = g_strdup_printf ("%s/%s", prefix, name);

  if (lstat (path, &st) != 0)
    {
      g_autofree char *reason = g_strdup_printf ("Could not read: %s", g_strerror (errno));

      add (walk, CF_IMPORT_FAILED, source, reason);
      return TRUE;
    }

  if (S_ISLNK (st.st_mode))
    {
      char real[PATH_MAX];
      struct stat target;

      if (realpath (path, real) == NULL || stat (real, &target) != 0)
        {
          add (walk, CF_IMPORT_SKIPPED, source, "A broken symbolic link");
          return TRUE;
        }
      if (!is_inside (real, walk->root))
        {
          add (walk, CF_IMPORT_SKIPPED, source,
               "A symbolic link to a place outside the imported folder (not followed)");
          return TRUE;
        }
      if (S_ISDIR (target.st_mode))
        return walk_folder (walk, real, source, depth + 1);
      if (S_ISREG (target.st_mode))
        {
          add_file (walk, real, source, raw_name, name, encoding, neutralised, &target);
          cf_warnings_add (&((CfWalkEntry *) g_ptr_array_index (walk->entries,
                                                               walk->entries->len - 1))->warnings,
                           "symlink", "Imported through a symbolic link to %s",
                           real + strlen (walk->root));
          return TRUE;
        }
      add (walk, CF_IMPORT_SKIPPED, source, describe_special (target.st_mode));
      return TRUE;
    }
  if (S_ISDIR (st.st_mode))
    return walk_folder (walk, path, source, depth + 1);
  if (S_ISREG (st.st_mode))
    {
      add_file (walk, path, source, raw_name, name, encoding, neutralised, &st);
      return TRUE;
    }
  add (walk, CF_IMPORT_SKIPPED, source, describe_special (st.st_mode));
  return TRUE;
}

static gboolean
walk_folder (Walk       *walk,
             const char *dir,
             const char *source,
             guint       depth)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *key = NULL;
  struct stat st;
  struct dirent *d;
  DIR *handle;

  if (g_cancellable_is_cancelled (walk->cancellable))
    return FALSE;
  if (depth > MAX_FOLDER_DEPTH)
    {
      add (walk, CF_IMPORT_SKIPPED, source, "Folders nested deeper than 256 levels were not read");
      return TRUE;
    }
  if (stat (dir, &st) != 0)
    {
      g_autofree char *reason = g_strdup_printf ("Could not read the folder: %s", g_strerror (errno));

      add (walk, CF_IMPORT_FAILED, source, reason);
      return TRUE;
    }
  key = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                         (guint64) st.st_dev, (guint64) st.st_ino);
  if (g_hash_table_contains (walk->visited, key))
    {
      add (walk, CF_IMPORT_SKIPPED, source,
           "A folder already walked (reached again through a link: a loop)");
      return TRUE;
    }
  g_hash_table_add (walk->visited, g_steal_pointer (&key));

  handle = opendir (dir);
  if (handle == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("Could not read the folder: %s", g_strerror (errno));

      add (walk, CF_IMPORT_FAILED, source, reason);
      return TRUE;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  errno = 0;
  while ((d = readdir (handle)) != NULL)
    {
      if (strcmp (d->d_name, ".") == 0 || strcmp (d->d_name, "..") == 0)
        continue;
      g_ptr_array_add (names, g_strdup (d->d_name));
    }
  if (errno != 0)
    {
      g_autofree char *reason = g_strdup_printf ("The folder could not be read to the end: %s",
                                                 g_strerror (errno));

      add (walk, CF_IMPORT_FAILED, source, reason);
    }
  closedir (handle);

  /* Byte order: the same folder always imports in the same order. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    if (!walk_child (walk, dir, g_ptr_array_index (names, i), source, depth))
      return FALSE;
  return TRUE;
}

static gboolean
walk_picked (Walk       *walk,
             const char *picked)
{
  g_autofree char *canonical = g_canonicalize_filename (picked, NULL);
  g_autofree char *raw_base = g_path_get_basename (canonical);
  g_autofree char *label = NULL;
  CfNameEncoding encoding;
  gboolean neutralised = FALSE;
  char real[PATH_MAX];
  struct stat st;

  label = cf_name_decode (raw_base, -1, FALSE, &encoding, &neutralised);
  if (stat (canonical, &st) != 0)
    {
      g_autofree char *reason = g_strdup_printf ("Could not read: %s", g_strerror (errno));

      add (walk, CF_IMPORT_FAILED, label, reason);
      return TRUE;
    }
  if (realpath (canonical, real) == NULL)
    g_strlcpy (real, canonical, sizeof real);

  /* What the user picked is followed even when it is a link. */
  if (S_ISDIR (st.st_mode))
    {
      g_free (walk->root);
      walk->root = g_strdup (real);
      return walk_folder (walk, real, label, 0);
    }
  if (S_ISREG (st.st_mode))
    {
      add_file (walk, real, label, raw_base, label, encoding, neutralised, &st);
      return TRUE;
    }
  add (walk, CF_IMPORT_SKIPPED, label, describe_special (st.st_mode));
  return TRUE;
}

GPtrArray *
cf_import_walk (const char * const *paths,
                GCancellable       *cancellable,
                GError            **error)
{
  Walk walk = { 0 };

  walk.entries = g_ptr_array_new_with_free_func ((GDestroyNotify) walk_entry_free);
  walk.visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk.cancellable = cancellable;

  for (guint i = 0; paths[i] != NULL; i++)
    if (!walk_picked (&walk, paths[i]))
      break;

  g_hash_table_unref (walk.visited);
  g_free (walk.root);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_ptr_array_unref (walk.entries);
      return NULL;
    }
  return walk.entries;
}
