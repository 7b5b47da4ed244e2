/* cf-bundle-verify.c — checking a bundle (a ZIP/TAR file or an extracted
 * folder) against its own SHA256SUMS and manifest.json: every listed file
 * present and unaltered, nothing extra, and every exhibit equal to the
 * original's SHA-256 recorded at import. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-bundle-private.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cf-error.h"
#include "cf-fsutil.h"
#include "cf-sha256.h"

/* SHA256SUMS and manifest.json are read into memory; a larger one is not a
 * bundle of ours. */
#define MAX_INDEX_FILE (512 * 1024 * 1024)

typedef struct
{
  GHashTable *hashes;      /* path below the top folder → hex */
  GPtrArray *order;        /* paths in the order met */
  char *top;
  GByteArray *sums;
  GByteArray *manifest;
  GPtrArray *extra;
  GPtrArray *unreadable;   /* members whose bytes could not be read */
  char *damage;            /* why the archive could not be read to the end */
  guint n_decrypted;       /* encrypted members read through */
  guint n_refused;         /* encrypted members the passphrase did not open */
  GCancellable *cancellable;
} Scan;

void
cf_verify_report_free (CfVerifyReport *report)
{
  if (report == NULL)
    return;
  g_free (report->path);
  g_free (report->sha256);
  g_free (report->top_folder);
  g_clear_pointer (&report->altered, g_ptr_array_unref);
  g_clear_pointer (&report->missing, g_ptr_array_unref);
  g_clear_pointer (&report->extra, g_ptr_array_unref);
  g_free (report);
}

gboolean
cf_verify_report_is_intact (const CfVerifyReport *report)
{
  return report->altered->len == 0 && report->missing->len == 0 && report->extra->len == 0;
}

static void
scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->hashes, g_hash_table_unref);
  g_clear_pointer (&scan->order, g_ptr_array_unref);
  g_clear_pointer (&scan->top, g_free);
  g_clear_pointer (&scan->sums, g_byte_array_unref);
  g_clear_pointer (&scan->manifest, g_byte_array_unref);
  g_clear_pointer (&scan->extra, g_ptr_array_unref);
  g_clear_pointer (&scan->unreadable, g_ptr_array_unref);
  g_clear_pointer (&scan->damage, g_free);
}

/* Splits "Top/a/b" into the top folder and "a/b"; members outside the
 * first top folder are extra. Returns the relative path or NULL. */
static const char *
relative_path (Scan       *scan,
               const char *path)
{
  const char *slash;

  while (path[0] == '.' && path[1] == '/')
    path += 2;
  slash = strchr (path, '/');
  if (slash == NULL)
    {
      g_ptr_array_add (scan->extra, g_strdup (path));
      return NULL;
    }
  if (scan->top == NULL)
    scan->top = g_strndup (path, slash - path);
  if (strlen (scan->top) != (gsize) (slash - path) || strncmp (scan->top, path, slash - path) != 0)
    {
      g_ptr_array_add (scan->extra, g_strdup (path));
      return NULL;
    }
  return slash + 1;
}

typedef gssize (*ReadFn) (gpointer data, void *buf, gsize len, GError **error);

static gboolean
hash_member (Scan        *scan,
             const char  *rel,
             ReadFn       read_fn,
             gpointer     read_data,
             guint8      *buffer,
             GError     **error)
{
  GByteArray *keep = NULL;
  char hex[CF_SHA256_HEX_LEN + 1];
  CfSha256 sha;

  if (g_hash_table_contains (scan->hashes, rel))
    {
      g_ptr_array_add (scan->extra, g_strdup_printf ("%s (a second copy)", rel));
      return TRUE;
    }
  if (strcmp (rel, "SHA256SUMS") == 0)
    keep = scan->sums = g_byte_array_new ();
  else if (strcmp (rel, "manifest.json") == 0)
    keep = scan->manifest = g_byte_array_new ();

  cf_sha256_init (&sha);
  for (;;)
    {
      gssize n = read_fn (read_data, buffer, CF_IO_BUFFER_SIZE, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      cf_sha256_update (&sha, buffer, n);
      if (keep != NULL)
        {
          if (keep->len + n > MAX_INDEX_FILE)
            {
              g_set_error (error, CF_ERROR, CF_ERROR_LIMIT, "%s is too large to be a bundle's", rel);
              return FALSE;
            }
          g_byte_array_append (keep, buffer, n);
        }
      if (g_cancellable_set_error_if_cancelled (scan->cancellable, error))
        return FALSE;
    }
  cf_sha256_finish (&sha, hex);
  g_hash_table_insert (scan->hashes, g_strdup (rel), g_strdup (hex));
  g_ptr_array_add (scan->order, g_strdup (rel));
  return TRUE;
}

static gssize
read_archive (gpointer   data,
              void      *buf,
              gsize      len,
              GError   **error)
{
  struct archive *a = data;
  la_ssize_t n = archive_read_data (a, buf, len);

  if (n >= 0)
    return n;
  /* A checksum warning comes once the data is through; the hash decides. */
  if (n == ARCHIVE_WARN)
    return 0;
  g_set_error (error, CF_ERROR, CF_ERROR_ARCHIVE, "%s",
               archive_error_string (a) ? archive_error_string (a) : "unreadable member");
  return -1;
}

static gboolean
scan_archive (Scan        *scan,
              const char  *path,
              const char  *passphrase,
              GError     **error)
{
  g_autofree guint8 *buffer = g_malloc (CF_IO_BUFFER_SIZE);
  struct archive *a = archive_read_new ();
  gboolean ok = TRUE;

  archive_read_support_format_zip (a);
  archive_read_support_format_tar (a);
  archive_read_support_filter_none (a);
  archive_read_support_filter_gzip (a);
  if (passphrase != NULL)
    archive_read_add_passphrase (a, passphrase);
  if (archive_read_open_filename (a, path, 64 * 1024) != ARCHIVE_OK)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_ARCHIVE, "%s cannot be read as a ZIP or TAR bundle: %s",
                   path, archive_error_string (a) ? archive_error_string (a) : "unknown error");
      archive_read_free (a);
      return FALSE;
    }
  for (;;)
    {
      struct archive_entry *entry;
      g_autoptr(GError) member_error = NULL;
      const char *name;
      const char *rel;
      int r = archive_read_next_header (a, &entry);

      if (r == ARCHIVE_EOF)
        break;
      if (r < ARCHIVE_WARN)
        {
          /* Damaged part-way: what was read is reported; files not reached
           * show as missing. Nothing readable at all is an error. */
          if (g_hash_table_size (scan->hashes) == 0)
            {
              g_set_error (error, CF_ERROR, CF_ERROR_ARCHIVE, "%s is damaged: %s", path,
                           archive_error_string (a) ? archive_error_string (a) : "unreadable");
              ok = FALSE;
            }
          else
            scan->damage = g_strdup_printf ("the archive is damaged after %u files: %s",
                                            g_hash_table_size (scan->hashes),
                                            archive_error_string (a) ? archive_error_string (a)
                                                                     : "unreadable");
          break;
        }
      name = archive_entry_pathname_utf8 (entry);
      if (name == NULL)
        name = archive_entry_pathname (entry);
      if (name == NULL)
        continue;
      if (archive_entry_filetype (entry) == AE_IFDIR)
        {
          /* The top folder itself, or a folder below it. */
          if (strchr (name, '/') != NULL && strchr (name, '/')[1] == '\0' && scan->top == NULL)
            scan->top = g_strndup (name, strchr (name, '/') - name);
          continue;
        }
      rel = relative_path (scan, name);
      if (rel == NULL)
        continue;
      if (archive_entry_filetype (entry) != AE_IFREG)
        {
          g_ptr_array_add (scan->extra, g_strdup_printf ("%s (not a regular file)", rel));
          continue;
        }
      if (archive_entry_is_encrypted (entry) && passphrase == NULL)
        {
          g_set_error (error, CF_ERROR, CF_ERROR_PASSPHRASE,
                       "The bundle is encrypted; give its passphrase to verify it");
          ok = FALSE;
          break;
        }
      if (!hash_member (scan, rel, read_archive, a, buffer, &member_error))
        {
          /* libarchive has no code for a wrong passphrase, only these
           * words (its ZIP and 7-Zip readers); one member refused could be
           * tampering, all of them is the passphrase (checked below). */
          if (archive_entry_is_encrypted (entry) &&
              strstr (member_error->message, "Incorrect passphrase") != NULL)
            scan->n_refused++;
          if (g_error_matches (member_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
              g_error_matches (member_error, CF_ERROR, CF_ERROR_LIMIT))
            {
              g_propagate_error (error, g_steal_pointer (&member_error));
              ok = FALSE;
              break;
            }
          /* The member is there but its bytes cannot be read back. */
          g_ptr_array_add (scan->unreadable, g_strdup_printf ("%s (cannot be read: %s)", rel,
                                                              member_error->message));
          g_hash_table_insert (scan->hashes, g_strdup (rel), g_strdup ("unreadable"));
          g_ptr_array_add (scan->order, g_strdup (rel));
          g_clear_error (&member_error);
        }
      else if (archive_entry_is_encrypted (entry))
        scan->n_decrypted++;
    }
  archive_read_free (a);
  if (ok && scan->n_refused > 0 && scan->n_decrypted == 0)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_PASSPHRASE,
                   "The passphrase does not open this bundle");
      ok = FALSE;
    }
  return ok;
}

typedef struct
{
  int fd;
} FdReader;

static gssize
read_fd (gpointer   data,
         void      *buf,
         gsize      len,
         GError   **error)
{
  FdReader *r = data;

  return cf_read_full (r->fd, buf, len, error);
}

static gboolean
scan_folder_recursive (Scan        *scan,
                       const char  *dir,
                       const char  *rel_prefix,
                       guint8      *buffer,
                       guint        depth,
                       GError     **error)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return FALSE;
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) (void (*) (void)) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, n, NULL);
      g_autofree char *rel = rel_prefix[0] ? g_strdup_printf ("%s/%s", rel_prefix, n) : g_strdup (n);
      struct stat st;

      if (lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode) && depth < 32)
        {
          if (!scan_folder_recursive (scan, path, rel, buffer, depth + 1, error))
            return FALSE;
        }
      else if (S_ISREG (st.st_mode))
        {
          FdReader reader = { open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) };
          gboolean ok;

          if (reader.fd < 0)
            {
              cf_set_error_from_errno (error, errno, "Could not read %s", path);
              return FALSE;
            }
          ok = hash_member (scan, rel, read_fd, &reader, buffer, error);
          close (reader.fd);
          if (!ok)
            return FALSE;
        }
      else
        g_ptr_array_add (scan->extra, g_strdup_printf ("%s (not a regular file)", rel));
    }
  return TRUE;
}

static gboolean
scan_folder (Scan        *scan,
             const char  *path,
             GError     **error)
{
  g_autofree guint8 *buffer = g_malloc (CF_IO_BUFFER_SIZE);
  g_autofree char *sums = g_build_filename (path, "SHA256SUMS", NULL);
  g_autofree char *top = g_strdup (path);

  /* Either the top folder itself, or the folder an archive was extracted
   * into, holding the top folder. */
  if (!g_file_test (sums, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDir) handle = g_dir_open (path, 0, error);
      const char *name;
      guint n = 0;

      if (handle == NULL)
        return FALSE;
      while ((name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *candidate = g_build_filename (path, name, "SHA256SUMS", NULL);

          n++;
          if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
            {
              g_free (top);
              top = g_build_filename (path, name, NULL);
            }
        }
      if (n != 1 || g_strcmp0 (top, path) == 0)
        {
          g_set_error (error, CF_ERROR, CF_ERROR_NOT_FOUND,
                       "%s does not look like an extracted bundle (no SHA256SUMS)", path);
          return FALSE;
        }
    }
  scan->top = g_path_get_basename (top);
  return scan_folder_recursive (scan, top, "", buffer, 0, error);
}

static void
check_sums (Scan           *scan,
            CfVerifyReport *report,
            GHashTable     *listed)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (scan->sums == NULL)
    {
      g_ptr_array_add (report->missing, g_strdup ("SHA256SUMS"));
      return;
    }
  /* An unreadable SHA256SUMS leaves the array empty, its data NULL. */
  text = g_strndup (scan->sums->len ? (const char *) scan->sums->data : "", scan->sums->len);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = lines[i];
      const char *hash, *file;
      const char *got;

      if (line[0] == '\0')
        continue;
      if (strlen (line) < CF_SHA256_HEX_LEN + 3 || line[CF_SHA256_HEX_LEN] != ' ' ||
          (line[CF_SHA256_HEX_LEN + 1] != ' ' && line[CF_SHA256_HEX_LEN + 1] != '*'))
        {
          g_ptr_array_add (report->altered,
                           g_strdup_printf ("SHA256SUMS (line %u is not a checksum line)", i + 1));
          continue;
        }
      line[CF_SHA256_HEX_LEN] = '\0';
      hash = line;
      file = line + CF_SHA256_HEX_LEN + 2;
      g_hash_table_add (listed, g_strdup (file));
      got = g_hash_table_lookup (scan->hashes, file);
      if (got == NULL)
        g_ptr_array_add (report->missing, g_strdup (file));
      else if (strcmp (got, "unreadable") == 0)
        continue;   /* reported with the reason it could not be read */
      else if (g_ascii_strcasecmp (got, hash) != 0)
        g_ptr_array_add (report->altered,
                         g_strdup_printf ("%s (its SHA-256 differs from SHA256SUMS)", file));
      else
        report->n_checked++;
    }
}

static void
check_manifest (Scan           *scan,
                CfVerifyReport *report)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *exhibits;

  if (scan->manifest == NULL)
    return;   /* reported as missing through SHA256SUMS */
  if (!json_parser_load_from_data (parser, scan->manifest->len ? (const char *) scan->manifest->data : "",
                                   scan->manifest->len, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_ptr_array_add (report->altered, g_strdup ("manifest.json (not valid JSON)"));
      return;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "exhibits") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "exhibits")))
    {
      g_ptr_array_add (report->altered, g_strdup ("manifest.json (no exhibit list)"));
      return;
    }
  exhibits = json_object_get_array_member (root, "exhibits");
  for (guint i = 0; i < json_array_get_length (exhibits); i++)
    {
      JsonNode *node = json_array_get_element (exhibits, i);
      JsonObject *x;
      const char *file, *sha, *got;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      x = json_node_get_object (node);
      file = json_object_get_string_member_with_default (x, "file", NULL);
      sha = json_object_get_string_member_with_default (x, "sha256", NULL);
      if (file == NULL || sha == NULL)
        continue;
      got = g_hash_table_lookup (scan->hashes, file);
      if (got != NULL && strcmp (got, "unreadable") != 0 && g_ascii_strcasecmp (got, sha) != 0)
        g_ptr_array_add (report->altered,
                         g_strdup_printf ("%s (does not match the original's SHA-256 in "
                                          "manifest.json)", file));
    }
}

CfVerifyReport *
cf_bundle_verify (const char    *path,
                  const char    *passphrase,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return cf_bundle_verify_members (path, passphrase, TRUE, cancellable, error);
}

CfVerifyReport *
cf_bundle_verify_members (const char    *path,
                          const char    *passphrase,
                          gboolean       hash_whole_file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(CfVerifyReport) report = g_new0 (CfVerifyReport, 1);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Scan scan = { 0 };
  struct stat st;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  if (stat (path, &st) != 0)
    {
      cf_set_error_from_errno (error, errno, "Could not open %s", path);
      return NULL;
    }

  scan.hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  scan.order = g_ptr_array_new_with_free_func (g_free);
  scan.extra = g_ptr_array_new_with_free_func (g_free);
  scan.unreadable = g_ptr_array_new_with_free_func (g_free);
  scan.cancellable = cancellable;
  report->path = g_strdup (path);
  report->altered = g_ptr_array_new_with_free_func (g_free);
  report->missing = g_ptr_array_new_with_free_func (g_free);

  if (S_ISDIR (st.st_mode))
    ok = scan_folder (&scan, path, error);
  else
    {
      ok = scan_archive (&scan, path, passphrase, error);
      if (ok && hash_whole_file)
        {
          report->sha256 = cf_sha256_file (path, error);
          ok = report->sha256 != NULL;
        }
    }
  if (!ok)
    {
      scan_clear (&scan);
      return NULL;
    }

  report->top_folder = g_strdup (scan.top);
  check_sums (&scan, report, listed);
  for (guint i = 0; i < scan.unreadable->len; i++)
    g_ptr_array_add (report->altered, g_strdup (g_ptr_array_index (scan.unreadable, i)));
  if (scan.damage != NULL)
    g_ptr_array_add (report->altered, g_strdup (scan.damage));
  check_manifest (&scan, report);
  for (guint i = 0; i < scan.order->len; i++)
    {
      const char *rel = g_ptr_array_index (scan.order, i);

      if (strcmp (rel, "SHA256SUMS") != 0 && !g_hash_table_contains (listed, rel))
        g_ptr_array_add (scan.extra, g_strdup (rel));
    }
  report->extra = g_steal_pointer (&scan.extra);
  scan_clear (&scan);
  return g_steal_pointer (&report);
}
