/* test-faults.c — the disk fails under an import: write() returning ENOSPC
 * and fsync() returning EIO, injected with strace at many points of the
 * run. Each time the import stops with a clear error, nothing recorded is
 * lost, `fsck` finds the case consistent, and the same import completes
 * once the disk is healthy again. */
#include "test-util.h"
#include "test-fixtures.h"

#include <string.h>
#include <sys/wait.h>

static char *
make_tree (const char *dir,
           guint      *n_documents)
{
  g_autofree char *root = g_build_filename (dir, "증거", NULL);
  TuZip *zip = tu_zip_new ();
  g_autofree char *zip_path = NULL;

  tu_mkdir (root);
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/문서-%02d.txt", root, i);
      g_autofree char *filler = g_strnfill (i * 5000, 'x');
      g_autofree char *text = g_strdup_printf ("document %d %s", i, filler);

      tu_write_text (path, text);
    }
  for (int i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("member-%02d.txt", i);
      g_autofree char *text = g_strdup_printf ("member %d", i);

      tu_zip_add (zip, name, -1, text, strlen (text), TU_ZIP_DEFLATE);
    }
  zip_path = g_build_filename (root, "archive.zip", NULL);
  tu_zip_write (zip, zip_path);
  *n_documents = 40 + 1 + 30;
  return g_steal_pointer (&root);
}

static int
run_cli_wrapped (const char * const *wrapper,
                 const char         *case_path,
                 const char         *tree,
                 char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  for (guint i = 0; wrapper[i]; i++)
    g_ptr_array_add (argv, (gpointer) wrapper[i]);
  g_ptr_array_add (argv, (gpointer) g_getenv ("CASEFILE_CLI"));
  g_ptr_array_add (argv, "import");
  g_ptr_array_add (argv, (gpointer) case_path);
  g_ptr_array_add (argv, (gpointer) tree);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static guint
count_documents (const char *case_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CfCase) kase = cf_case_open (case_path, CF_CASE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return cf_case_count_documents (kase);
}

static void
assert_fsck_clean (const char *case_path)
{
  g_autofree char *out = NULL;

  if (tu_run_cli (&out, NULL, "fsck", case_path, NULL) != 0)
    g_error ("fsck after an injected fault:\n%s", out);
}

static void
check_after_fault (const char *what,
                   int         status,
                   const char *err,
                   const char *case_path,
                   guint       expected,
                   guint      *failures)
{
  if (status != 0)
    {
      (*failures)++;
      /* A clear message, not a crash or a hang. */
      if (status != 2)
        g_error ("%s: exit %d:\n%s", what, status, err);
      g_assert_nonnull (strstr (err, "casefile-cli:"));
    }
  assert_fsck_clean (case_path);
  g_test_message ("%s: exit %d, %u of %u documents kept", what, status,
                  count_documents (case_path), expected);
}

static gboolean
sh (const char *command)
{
  int status = -1;

  return g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* A real full disk: a small tmpfs holding the case, filled at different
 * points by making it different sizes. Where mounting is not allowed, a
 * file size limit (RLIMIT_FSIZE) makes writes fail the same way. */
static void
test_disk_full (void)
{
  static const guint kib[] = { 900, 1100, 1400, 1800, 2300, 3000, 4000 };
  g_autofree char *dir = tu_temp_dir ();
  guint expected = 0;
  g_autofree char *tree = make_tree (dir, &expected);
  g_autofree char *mnt = g_build_filename (dir, "small-disk", NULL);
  g_autofree char *probe = g_strdup_printf ("mount -t tmpfs -o size=1m tmpfs '%s'", mnt);
  gboolean tmpfs;
  guint failures = 0;

  tu_mkdir (mnt);
  tmpfs = sh (probe);
  if (tmpfs)
    {
      g_autofree char *umount = g_strdup_printf ("umount '%s'", mnt);
      sh (umount);
    }
  g_test_message ("full disk simulated with %s", tmpfs ? "a small tmpfs" : "RLIMIT_FSIZE");

  for (guint i = 0; i < G_N_ELEMENTS (kib); i++)
    {
      g_autofree char *case_path = g_build_filename (mnt, "case", NULL);
      g_autofree char *err = NULL;
      g_autofree char *what = NULL;
      int status;

      if (tmpfs)
        {
          g_autofree char *mount = g_strdup_printf ("mount -t tmpfs -o size=%uk tmpfs '%s'", kib[i], mnt);
          const char *none[] = { NULL };

          g_assert_true (sh (mount));
          g_assert_cmpint (tu_run_cli (NULL, NULL, "new", case_path, "--title", "disk full", NULL), ==, 0);
          status = run_cli_wrapped (none, case_path, tree, &err);
        }
      else
        {
          g_autofree char *limit = g_strdup_printf ("--fsize=%u", kib[i] * 64);
          const char *wrapper[] = { "prlimit", limit, "--", NULL };

          g_clear_pointer (&case_path, g_free);
          case_path = g_strdup_printf ("%s/case-%u", dir, kib[i]);
          g_assert_cmpint (tu_run_cli (NULL, NULL, "new", case_path, "--title", "disk full", NULL), ==, 0);
          status = run_cli_wrapped (wrapper, case_path, tree, &err);
        }
      what = g_strdup_printf ("disk full at %u KiB", kib[i]);
      check_after_fault (what, status, err, case_path, expected, &failures);

      /* Room again: the same import completes. */
      if (tmpfs)
        {
          g_autofree char *grow = g_strdup_printf ("mount -o remount,size=64m '%s'", mnt);
          g_assert_true (sh (grow));
        }
      g_assert_cmpint (tu_run_cli (NULL, NULL, "import", case_path, tree, NULL), ==, 0);
      g_assert_cmpuint (count_documents (case_path), ==, expected);
      assert_fsck_clean (case_path);
      if (tmpfs)
        {
          g_autofree char *umount = g_strdup_printf ("umount '%s'", mnt);
          g_assert_true (sh (umount));
        }
    }
  g_assert_cmpuint (failures, >=, G_N_ELEMENTS (kib) / 2);
}

/* fsync (ours) and fdatasync (SQLite's) failing from the Nth call on: the
 * data may be gone, so nothing may be recorded as stored. */
static void
test_fsync_fails (void)
{
  static const guint points[] = { 1, 3, 10, 25, 50, 90 };
  g_autofree char *dir = tu_temp_dir ();
  guint expected = 0;
  g_autofree char *tree = make_tree (dir, &expected);
  guint failures = 0;

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autofree char *case_path = g_strdup_printf ("%s/case-%u", dir, points[i]);
      g_autofree char *inject = g_strdup_printf ("inject=fsync,fdatasync:error=EIO:when=%u+", points[i]);
      g_autofree char *what = g_strdup_printf ("fsync fails from call %u", points[i]);
      g_autofree char *err = NULL;
      /* LeakSanitizer cannot run under ptrace; sanitizer builds skip it here. */
      const char *wrapper[] = { "env", "ASAN_OPTIONS=detect_leaks=0", "strace", "-f", "-qq", "-o",
                                "/dev/null", "-e", inject, NULL };
      int status;

      g_assert_cmpint (tu_run_cli (NULL, NULL, "new", case_path, "--title", "fsync", NULL), ==, 0);
      status = run_cli_wrapped (wrapper, case_path, tree, &err);
      check_after_fault (what, status, err, case_path, expected, &failures);
      g_assert_cmpint (tu_run_cli (NULL, NULL, "import", case_path, tree, NULL), ==, 0);
      g_assert_cmpuint (count_documents (case_path), ==, expected);
      assert_fsck_clean (case_path);
    }
  g_assert_cmpuint (failures, >=, G_N_ELEMENTS (points) / 2);
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/faults/disk-full", test_disk_full);
  g_test_add_func ("/faults/fsync-fails", test_fsync_fails);
  return g_test_run ();
}
