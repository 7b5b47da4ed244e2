/* cf-render.c — asking casefile-extract for a picture of a page (see
 * cf-render.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-render.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cf-error.h"
#include "cf-extraction.h"
#include "cf-fsutil.h"

/* A picture costs less than reading; these limits are tighter. */
#define RENDER_MEMORY (G_GUINT64_CONSTANT (1024) * 1024 * 1024)
#define RENDER_CPU_SECONDS 30

void
cf_rendering_free (CfRendering *rendering)
{
  if (rendering == NULL)
    return;
  g_free (rendering->png_path);
  g_free (rendering);
}

gboolean
cf_render_can_render (const char *mime_type)
{
  return g_strcmp0 (mime_type, "application/pdf") == 0 ||
         (mime_type != NULL && g_str_has_prefix (mime_type, "image/"));
}

static char *made_dir;

#define PREVIEW_PREFIX "casefile-preview-"

/* What is left of the pictures when the process ends (a caller that did
 * not delete one, a render cancelled as it finished) goes with the folder. */
static void
remove_preview_dir (void)
{
  cf_remove_tree (made_dir);
}

/* A process that was killed or crashed could not remove its folder, and
 * pictures of confidential pages would stay in /tmp: the next process
 * removes the folders of processes that are gone. Each folder is named
 * after its process (casefile-preview-PID-XXXXXX); one whose process
 * still runs, or that belongs to someone else, is left alone. */
static void
sweep_abandoned_dirs (void)
{
  const char *tmp = g_get_tmp_dir ();
  GDir *dir = g_dir_open (tmp, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      char *end = NULL;
      gint64 pid;
      GStatBuf st;

      if (!g_str_has_prefix (name, PREVIEW_PREFIX))
        continue;
      pid = g_ascii_strtoll (name + strlen (PREVIEW_PREFIX), &end, 10);
      if (end == name + strlen (PREVIEW_PREFIX) || *end != '-' || pid <= 0 || pid > G_MAXINT ||
          pid == getpid () || (kill ((pid_t) pid, 0) != 0 ? errno != ESRCH : TRUE))
        continue;
      path = g_build_filename (tmp, name, NULL);
      if (g_lstat (path, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid ())
        continue;
      cf_remove_tree (path);
    }
  if (dir != NULL)
    g_dir_close (dir);
}

/* A private folder (0700) for this process's pictures. */
static const char *
preview_dir (GError **error)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autofree char *template = g_strdup_printf (PREVIEW_PREFIX "%d-XXXXXX", (int) getpid ());

      sweep_abandoned_dirs ();
      made_dir = g_dir_make_tmp (template, NULL);
      if (made_dir != NULL)
        atexit (remove_preview_dir);
      g_once_init_leave (&done, 1);
    }
  if (made_dir == NULL)
    g_set_error (error, CF_ERROR, CF_ERROR_FAILED, "No folder for preview pictures could be made in %s",
                 g_get_tmp_dir ());
  return made_dir;
}

const char *
cf_render_get_folder (void)
{
  return preview_dir (NULL);
}

static void
limit_child (gpointer data)
{
  struct rlimit cpu = { RENDER_CPU_SECONDS, RENDER_CPU_SECONDS + 2 };
  struct rlimit none = { 0, 0 };

#ifndef __SANITIZE_ADDRESS__
  /* Sanitizers reserve far more address space than this. */
  struct rlimit memory = { RENDER_MEMORY, RENDER_MEMORY };

  setrlimit (RLIMIT_AS, &memory);
#endif
  setrlimit (RLIMIT_CPU, &cpu);
  setrlimit (RLIMIT_CORE, &none);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

CfRendering *
cf_render_page (const char          *object_path,
                const char          *mime_type,
                int                  page,
                int                  width,
                const char * const  *highlights,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *marks = highlights ? g_strjoinv ("\x1f", (char **) highlights) : g_strdup ("");
  g_autofree char *marks_hash = g_compute_checksum_for_string (G_CHECKSUM_MD5, marks, -1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *helper = cf_extractor_find_helper ();
  g_autofree char *base = g_path_get_basename (object_path);
  g_autofree char *page_text = g_strdup_printf ("%d", page);
  g_autofree char *width_text = g_strdup_printf ("%d", width);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *png = NULL;
  const char *dir = preview_dir (error);
  CfRendering *rendering;
  JsonObject *o;
  int fd;

  g_return_val_if_fail (object_path != NULL, NULL);

  if (dir == NULL)
    return NULL;
  /* A name of its own: the same page may be drawn twice at once. */
  png = g_strdup_printf ("%s/%s-%d-%d-%.8s-XXXXXX", dir, base, page, width, marks_hash);
  fd = g_mkstemp (png);
  if (fd < 0)
    {
      cf_set_error_from_errno (error, errno, "Could not make a file for the picture in %s", dir);
      return NULL;
    }
  close (fd);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_set_child_setup (launcher, limit_child, NULL, NULL);
  g_ptr_array_add (argv, helper);
  g_ptr_array_add (argv, "--render");
  g_ptr_array_add (argv, "--input");
  g_ptr_array_add (argv, (gpointer) object_path);
  g_ptr_array_add (argv, "--type");
  g_ptr_array_add (argv, (gpointer) mime_type);
  g_ptr_array_add (argv, "--page");
  g_ptr_array_add (argv, page_text);
  g_ptr_array_add (argv, "--width");
  g_ptr_array_add (argv, width_text);
  for (guint i = 0; highlights != NULL && highlights[i] != NULL; i++)
    {
      g_ptr_array_add (argv, "--highlight");
      g_ptr_array_add (argv, (gpointer) highlights[i]);
    }
  g_ptr_array_add (argv, "--output");
  g_ptr_array_add (argv, png);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
  if (process == NULL)
    goto fail;
  if (!g_subprocess_communicate_utf8 (process, NULL, cancellable, &out, &err, error))
    {
      g_subprocess_force_exit (process);
      /* Reap it, so that it is not still writing the file we remove. */
      g_subprocess_wait (process, NULL, NULL);
      goto fail;
    }
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_strstrip (err);
      g_set_error (error, CF_ERROR, CF_ERROR_FAILED, "No picture could be made: %s",
                   err && err[0] ? err : "the reader failed");
      goto fail;
    }
  answer = json_from_string (out, NULL);
  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_FAILED, "No picture could be made");
      goto fail;
    }
  o = json_node_get_object (answer);
  rendering = g_new0 (CfRendering, 1);
  rendering->png_path = g_steal_pointer (&png);
  rendering->n_pages = json_object_get_int_member_with_default (o, "pages", 1);
  rendering->width = json_object_get_int_member_with_default (o, "width", width);
  rendering->height = json_object_get_int_member_with_default (o, "height", 0);
  return rendering;

fail:
  /* A failed or cancelled picture leaves nothing behind. */
  g_unlink (png);
  return NULL;
}

typedef struct
{
  char *object_path;
  char *mime_type;
  int page;
  int width;
  GStrv highlights;
} RenderRequest;

static void
render_request_free (RenderRequest *r)
{
  g_free (r->object_path);
  g_free (r->mime_type);
  g_strfreev (r->highlights);
  g_free (r);
}

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RenderRequest *r = task_data;
  GError *error = NULL;
  CfRendering *rendering = cf_render_page (r->object_path, r->mime_type, r->page, r->width,
                                           (const char * const *) r->highlights, cancellable, &error);

  if (rendering != NULL)
    g_task_return_pointer (task, rendering, (GDestroyNotify) cf_rendering_free);
  else
    g_task_return_error (task, error);
}

void
cf_render_page_async (const char          *object_path,
                      const char          *mime_type,
                      int                  page,
                      int                  width,
                      const char * const  *highlights,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RenderRequest *r = g_new0 (RenderRequest, 1);

  r->object_path = g_strdup (object_path);
  r->mime_type = g_strdup (mime_type);
  r->page = page;
  r->width = width;
  r->highlights = g_strdupv ((char **) highlights);
  g_task_set_source_tag (task, cf_render_page_async);
  g_task_set_task_data (task, r, (GDestroyNotify) render_request_free);
  g_task_run_in_thread (task, render_in_thread);
}

CfRendering *
cf_render_page_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
