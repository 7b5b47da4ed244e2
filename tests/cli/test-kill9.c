/* test-kill9.c — kill -9 at random moments of a large import (and of an
 * export, and of a removal), many times: after each kill `fsck` finds the
 * case consistent, and running the same import again completes it; a
 * removal is all or nothing, and leaves no file behind. */
#include "test-util.h"
#include "test-fixtures.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define N_FILES 300
#define N_KILLS 25

static guint expected_documents;

static char *
make_tree (const char *dir)
{
  g_autofree char *root = g_build_filename (dir, "대량 증거", NULL);
  g_autofree char *sub = g_build_filename (root, "하위 폴더", NULL);
  GRand *rand = g_rand_new_with_seed (20261128);

  tu_mkdir (sub);
  expected_documents = 0;
  for (int i = 0; i < N_FILES; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/문서-%04d.bin", i % 3 ? root : sub, i);
      gsize size = g_rand_int_range (rand, 10, i % 25 == 0 ? 4 * 1024 * 1024 : 64 * 1024);
      g_autofree guint8 *data = g_malloc (size);

      for (gsize k = 0; k < size; k++)
        data[k] = g_rand_int (rand) & 0xff;
      tu_write_file (path, data, size);
      expected_documents++;
    }
  /* Two archives, so kills also land inside expansions. */
  for (int z = 0; z < 2; z++)
    {
      g_autofree char *path = g_strdup_printf ("%s/archive-%d.zip", root, z);
      TuZip *zip = tu_zip_new ();

      for (int i = 0; i < 150; i++)
        {
          g_autofree char *name = g_strdup_printf ("member-%d-%04d.txt", z, i);
          g_autofree char *text = g_strdup_printf ("archive %d member %d %u", z, i, g_rand_int (rand));

          tu_zip_add (zip, name, -1, text, strlen (text), i % 2 ? TU_ZIP_DEFLATE : TU_ZIP_STORE);
        }
      tu_zip_write (zip, path);
      expected_documents += 1 + 150;
    }
  g_rand_free (rand);
  return g_steal_pointer (&root);
}

static GPid
spawn_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CASEFILE_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_async (NULL, (char **) argv->pdata, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* Returns TRUE when the process was killed before it finished. */
static gboolean
kill_after (GPid  pid,
            guint ms)
{
  int status;

  g_usleep (ms * 1000);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL;
}

static void
assert_fsck_clean (const char *case_path)
{
  g_autofree char *out = NULL;
  int status = tu_run_cli (&out, NULL, "fsck", case_path, NULL);

  if (status != 0)
    g_error ("fsck found problems after a kill:\n%s", out);
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
test_kill_during_import (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *tree = make_tree (dir);
  g_autofree char *case_path = g_build_filename (dir, "case", NULL);
  const char *import_args[] = { "import", case_path, tree, NULL };
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());
  guint killed = 0, last_count = 0;
  gint64 full_ms;

  g_assert_cmpint (tu_run_cli (NULL, NULL, "new", case_path, "--title", "Kill -9", NULL), ==, 0);

  /* How long a whole import takes here, to spread the kills over it. */
  {
    g_autofree char *probe = g_build_filename (dir, "probe", NULL);
    gint64 start = g_get_monotonic_time ();
    const char *probe_args[] = { "import", probe, tree, NULL };

    g_assert_cmpint (tu_run_cli (NULL, NULL, "new", probe, "--title", "probe", NULL), ==, 0);
    g_assert_cmpint (tu_run_cliv (NULL, NULL, probe_args), ==, 0);
    full_ms = (g_get_monotonic_time () - start) / 1000;
    g_test_message ("a full import takes %" G_GINT64_FORMAT " ms", full_ms);
    tu_rm_rf (probe);
  }

  for (int i = 0; i < N_KILLS; i++)
    {
      guint ms = g_rand_int_range (rand, 5, MAX (50, full_ms));
      GPid pid = spawn_cli (import_args);
      guint count;

      if (kill_after (pid, ms))
        killed++;
      assert_fsck_clean (case_path);
      /* Progress only ever accumulates: nothing committed is lost. */
      count = count_documents (case_path);
      g_assert_cmpuint (count, >=, last_count);
      last_count = count;
      /* Once an import got through, start over so that the next kills
       * land in the middle of real work again. */
      if (count == expected_documents)
        {
          tu_rm_rf (case_path);
          g_assert_cmpint (tu_run_cli (NULL, NULL, "new", case_path, "--title", "Kill -9", NULL), ==, 0);
          last_count = 0;
        }
    }
  g_test_message ("%u of %u runs were killed mid-import", killed, N_KILLS);
  g_assert_cmpuint (killed, >=, N_KILLS / 2);

  /* The same import again completes it. */
  g_assert_cmpint (tu_run_cliv (NULL, NULL, import_args), ==, 0);
  g_assert_cmpuint (count_documents (case_path), ==, expected_documents);
  assert_fsck_clean (case_path);
  g_rand_free (rand);
}

static void
test_kill_during_export (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *tree = make_tree (dir);
  g_autofree char *case_path = g_build_filename (dir, "case", NULL);
  g_autofree char *bundle = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *partial = g_strconcat (bundle, ".partial", NULL);
  const char *export_args[] = { "export", case_path, bundle, NULL };
  g_autoptr(GArray) ids = g_array_new (TRUE, TRUE, sizeof (char *));
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());

  g_assert_cmpint (tu_run_cli (NULL, NULL, "new", case_path, "--title", "Kill -9 export", NULL), ==, 0);
  {
    const char *args[] = { "import", case_path, tree, NULL };
    g_assert_cmpint (tu_run_cliv (NULL, NULL, args), ==, 0);
  }
  g_assert_cmpint (tu_run_cli (NULL, NULL, "claim", "add", case_path, "위수탁", NULL), ==, 0);
  {
    g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (args, g_strdup ("tag"));
    g_ptr_array_add (args, g_strdup (case_path));
    g_ptr_array_add (args, g_strdup ("--claim"));
    g_ptr_array_add (args, g_strdup ("1"));
    for (int i = 1; i <= 200; i++)
      g_ptr_array_add (args, g_strdup_printf ("%d", i));
    g_ptr_array_add (args, NULL);
    g_assert_cmpint (tu_run_cliv (NULL, NULL, (const char * const *) args->pdata), ==, 0);
  }
  g_assert_cmpint (tu_run_cli (NULL, NULL, "number", case_path, NULL), ==, 0);

  for (int i = 0; i < 8; i++)
    {
      GPid pid = spawn_cli (export_args);

      kill_after (pid, g_rand_int_range (rand, 5, 400));
      /* Never a half-written bundle under the real name. */
      if (g_file_test (bundle, G_FILE_TEST_EXISTS))
        {
          g_assert_cmpint (tu_run_cli (NULL, NULL, "verify", bundle, NULL), ==, 0);
          unlink (bundle);
        }
      assert_fsck_clean (case_path);
    }
  g_assert_cmpint (tu_run_cliv (NULL, NULL, export_args), ==, 0);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_cmpint (tu_run_cli (NULL, NULL, "verify", bundle, NULL), ==, 0);
  g_rand_free (rand);
}

/* The arguments of an rm of every other top-level document (the archives
 * among them, so families go too), and how many documents that removes. */
static GPtrArray *
removal_args (const char *case_path,
              guint      *n_going)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) going = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *docs;
  guint top = 0;

  g_assert_cmpint (tu_run_cli (&out, NULL, "list", case_path, "--json", NULL), ==, 0);
  root = json_from_string (out, NULL);
  g_assert_nonnull (root);
  docs = json_node_get_array (root);
  g_ptr_array_add (args, g_strdup ("rm"));
  g_ptr_array_add (args, g_strdup (case_path));
  /* Parents come before their members in the list. */
  g_array_set_size (ids, json_array_get_length (docs));
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *d = json_array_get_object_element (docs, i);
      gint64 id = json_object_get_int_member (d, "id");
      gboolean is_top = json_object_get_null_member (d, "parent");

      g_array_index (ids, gint64, i) = id;
      if (is_top ? top++ % 2 == 0 : FALSE)
        {
          g_ptr_array_add (args, g_strdup_printf ("%" G_GINT64_FORMAT, id));
          g_hash_table_add (going, &g_array_index (ids, gint64, i));
        }
      else if (!is_top)
        {
          gint64 parent = json_object_get_int_member (d, "parent");

          if (g_hash_table_contains (going, &parent))
            g_hash_table_add (going, &g_array_index (ids, gint64, i));
        }
    }
  g_ptr_array_add (args, g_strdup ("--reason"));
  g_ptr_array_add (args, g_strdup ("kill -9"));
  g_ptr_array_add (args, NULL);
  *n_going = g_hash_table_size (going);
  return args;
}

/* Runs casefile-cli under strace, which kills it with SIGKILL when it
 * enters its nth unlink: in a removal, the first unlink is the first
 * removed document's file, after the rows have gone. */
static gboolean
killed_at_unlink (const char * const *cli_args,
                  guint               nth)
{
  g_autofree char *inject = g_strdup_printf ("inject=unlink,unlinkat:signal=SIGKILL:when=%u", nth);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  /* LeakSanitizer cannot run under ptrace. */
  for (const char *const *w = (const char *[]) { "env", "ASAN_OPTIONS=detect_leaks=0", "strace", "-f",
                                                 "-qq", "-o", "/dev/null", "-e", "trace=unlink,unlinkat",
                                                 "-e", inject, NULL }; *w; w++)
    g_ptr_array_add (argv, (gpointer) *w);
  g_ptr_array_add (argv, (gpointer) g_getenv ("CASEFILE_CLI"));
  for (guint i = 0; cli_args[i]; i++)
    g_ptr_array_add (argv, (gpointer) cli_args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  /* strace dies with the signal its child got. */
  return WIFSIGNALED (status) ? WTERMSIG (status) == SIGKILL : WEXITSTATUS (status) == 128 + SIGKILL;
}

static guint
count_objects (const char *case_path)
{
  g_autofree char *objects = g_build_filename (case_path, "objects", NULL);
  g_autoptr(GDir) dir = g_dir_open (objects, 0, NULL);
  const char *fan;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((fan = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (objects, fan, NULL);
      g_autoptr(GDir) sub = g_dir_open (path, 0, NULL);

      while (sub != NULL && g_dir_read_name (sub) != NULL)
        n++;
    }
  return n;
}

static void
test_kill_during_remove (void)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *tree = make_tree (dir);
  g_autofree char *case_path = g_build_filename (dir, "case", NULL);
  const char *import_args[] = { "import", case_path, tree, NULL };
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());
  guint killed = 0, completed = 0, objects_before;
  gint64 full_ms;

  g_assert_cmpint (tu_run_cli (NULL, NULL, "new", case_path, "--title", "Kill -9 rm", NULL), ==, 0);
  g_assert_cmpint (tu_run_cliv (NULL, NULL, import_args), ==, 0);
  objects_before = count_objects (case_path);

  /* How long a whole removal takes here (then the files come back). */
  {
    guint n_going;
    g_autoptr(GPtrArray) args = removal_args (case_path, &n_going);
    gint64 start = g_get_monotonic_time ();

    g_assert_cmpint (tu_run_cliv (NULL, NULL, (const char * const *) args->pdata), ==, 0);
    full_ms = (g_get_monotonic_time () - start) / 1000;
    g_test_message ("removing %u of %u documents takes %" G_GINT64_FORMAT " ms", n_going,
                    expected_documents, full_ms);
    g_assert_cmpuint (count_documents (case_path), ==, expected_documents - n_going);
    g_assert_cmpuint (count_objects (case_path), <, objects_before);
    g_assert_cmpint (tu_run_cliv (NULL, NULL, import_args), ==, 0);
    g_assert_cmpuint (count_objects (case_path), ==, objects_before);
  }

  /* Kills at random moments: all or nothing each time. */
  for (int i = 0; i < N_KILLS / 2; i++)
    {
      guint n_going, before, after;
      g_autoptr(GPtrArray) args = removal_args (case_path, &n_going);
      GPid pid;

      before = count_documents (case_path);
      g_assert_cmpuint (before, ==, expected_documents);
      pid = spawn_cli ((const char * const *) args->pdata);
      killed += kill_after (pid, g_rand_int_range (rand, 1, MAX (50, full_ms + 20)));
      /* fsck opens the case for writing: recovery runs, then the checks
       * (orphan objects count as problems). */
      assert_fsck_clean (case_path);
      after = count_documents (case_path);
      if (after != before)
        {
          g_assert_cmpuint (after, ==, before - n_going);
          completed++;
          g_assert_cmpint (tu_run_cliv (NULL, NULL, import_args), ==, 0);
        }
    }
  g_test_message ("%u of %u removals were killed at random moments, %u had committed", killed,
                  N_KILLS / 2, completed);

  /* Kills just after the commit, before the first file goes and after
   * one went: the rows are gone, and the next open removes the files. */
  for (guint nth = 1; nth <= 2; nth++)
    {
      guint n_going;
      g_autoptr(GPtrArray) args = removal_args (case_path, &n_going);

      g_assert_cmpuint (count_documents (case_path), ==, expected_documents);
      g_assert_true (killed_at_unlink ((const char * const *) args->pdata, nth));
      g_assert_cmpuint (count_documents (case_path), ==, expected_documents - n_going);
      assert_fsck_clean (case_path);
      g_assert_cmpuint (count_objects (case_path), <, objects_before);
      g_assert_cmpint (tu_run_cliv (NULL, NULL, import_args), ==, 0);
      g_assert_cmpuint (count_objects (case_path), ==, objects_before);
    }
  assert_fsck_clean (case_path);
  g_rand_free (rand);
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
  g_test_add_func ("/kill9/import", test_kill_during_import);
  g_test_add_func ("/kill9/export", test_kill_during_export);
  g_test_add_func ("/kill9/remove", test_kill_during_remove);
  return g_test_run ();
}
