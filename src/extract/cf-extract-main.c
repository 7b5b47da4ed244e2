/* cf-extract-main.c — casefile-extract: reads originals and writes what it
 * found into output folders. Run by the case (src/core/cf-extraction.c)
 * under resource limits; a crash, a hang or a memory blow-up here costs one
 * document, never the case.
 *
 * One document:
 *   casefile-extract --input PATH --type MIME --name NAME --output DIR [--max-text BYTES]
 * Many documents, one after another (what the case uses — starting a
 * process per document would cost more than reading most of them):
 *   casefile-extract --batch --root DIR [--max-cpu SECONDS] [--max-text BYTES]
 *   stdin:  one job per line, OUTPUT_DIR TAB MIME TAB NAME TAB INPUT_PATH
 *   stdout: "done" once a job's result.json is written
 * Output folders must be inside the root; nothing else is writable.
 * A picture of a page (for the app's preview), see cf-extract-render.c:
 *   casefile-extract --render --input PATH --type MIME --page N --width PX
 *                    [--highlight TEXT]... --output FILE.png
 *
 * Exit 0 means every result was written (an unreadable document is a
 * result too); anything else means the reader itself failed. */
#define G_LOG_DOMAIN "casefile-extract"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "cf-extract-readers.h"
#include "cf-extract-render.h"
#include "cf-extract-result.h"
#include "cf-extract-sandbox.h"

static gboolean
extract_one (const char  *input_path,
             const char  *mime_type,
             const char  *name,
             const char  *output,
             guint64      max_text,
             GError     **error)
{
  g_autoptr(CfExtractResult) result = NULL;
  g_autoptr(GError) read_error = NULL;
  CfExtractInput input = { 0 };
  CfExtractFunc reader;
  const char *status = "ok";
  struct stat st;

  result = cf_extract_result_new (output, max_text);
  input.path = input_path;
  input.mime_type = mime_type;
  input.name = name ? name : "";
  reader = cf_extract_reader_for (mime_type, input.name);

  if (stat (input_path, &st) != 0)
    {
      cf_extract_result_set_problem (result, "The original cannot be opened");
      return cf_extract_result_write (result, "failed", error);
    }
  input.size = st.st_size;
  if (reader == NULL)
    cf_extract_result_set_text_status (result, CF_TEXT_UNSUPPORTED);
  else if (!reader (&input, result, &read_error))
    {
      status = "failed";
      cf_extract_result_set_problem (result, "%s", read_error->message);
    }
  else if (g_strcmp0 (cf_extract_result_get_text_status (result), CF_TEXT_ENCRYPTED) == 0)
    status = "partial";

  return cf_extract_result_write (result, status, error);
}

/* Each document gets its own CPU budget: the soft limit is moved to what
 * was used so far plus the budget, so one slow document cannot starve the
 * next and a runaway one is killed by SIGXCPU. */
static void
grant_cpu (guint seconds)
{
  struct rusage usage;
  struct rlimit limit;

  if (seconds == 0 || getrusage (RUSAGE_SELF, &usage) != 0 || getrlimit (RLIMIT_CPU, &limit) != 0)
    return;
  limit.rlim_cur = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + seconds + 1;
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_cur > limit.rlim_max)
    limit.rlim_cur = limit.rlim_max;
  setrlimit (RLIMIT_CPU, &limit);
}

static gboolean
is_inside (const char *path,
           const char *root)
{
  gsize len = strlen (root);

  return strncmp (path, root, len) == 0 && path[len] == '/' && strstr (path, "/../") == NULL;
}

static int
run_batch (const char *root,
           guint       max_cpu,
           guint64     max_text)
{
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;

  while ((n = getline (&line, &cap, stdin)) > 0)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(GError) error = NULL;

      if (line[n - 1] == '\n')
        line[n - 1] = '\0';
      fields = g_strsplit (line, "\t", 4);
      if (g_strv_length (fields) != 4 || !is_inside (fields[0], root))
        {
          g_printerr ("casefile-extract: a malformed job\n");
          free (line);
          return 2;
        }
      grant_cpu (max_cpu);
      if (!extract_one (fields[3], fields[1], fields[2], fields[0], max_text, &error))
        {
          g_printerr ("casefile-extract: could not write the result: %s\n", error->message);
          free (line);
          return 3;
        }
      fputs ("done\n", stdout);
      fflush (stdout);
    }
  free (line);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *input_path = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *root = NULL;
  gboolean batch = FALSE;
  gboolean render = FALSE;
  int page = 1, width = 800;
  g_auto(GStrv) highlights = NULL;
  gint64 max_text = 64 * 1024 * 1024;
  int max_cpu = 0;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "input", 0, 0, G_OPTION_ARG_FILENAME, &input_path, "The original", "PATH" },
    { "type", 0, 0, G_OPTION_ARG_STRING, &mime_type, "Its MIME type", "MIME" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Its file name", "NAME" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, "Where to write the result", "DIR" },
    { "batch", 0, 0, G_OPTION_ARG_NONE, &batch, "Read jobs from standard input", NULL },
    { "root", 0, 0, G_OPTION_ARG_FILENAME, &root, "The folder all outputs are in (batch)", "DIR" },
    { "max-cpu", 0, 0, G_OPTION_ARG_INT, &max_cpu, "CPU seconds per document (batch)", "SECONDS" },
    { "max-text", 0, 0, G_OPTION_ARG_INT64, &max_text, "Text cap in bytes", "BYTES" },
    { "render", 0, 0, G_OPTION_ARG_NONE, &render, "Draw a page as a PNG into --output", NULL },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, "The page to draw, from 1 (render)", "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Picture width in pixels (render)", "PX" },
    { "highlight", 0, 0, G_OPTION_ARG_STRING_ARRAY, &highlights, "Mark this text on the page (render)", "TEXT" },
    { NULL }
  };

  setlocale (LC_ALL, "C.UTF-8");
  g_set_prgname ("casefile-extract");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "Reads documents for Casefile (an internal helper).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("casefile-extract: %s\n", error->message);
      return 2;
    }

  if (batch)
    {
      if (root == NULL)
        {
          g_printerr ("casefile-extract: --batch needs --root\n");
          return 2;
        }
      /* From here on, the only place this process may write is the root
       * (where the kernel supports Landlock). */
      cf_extract_sandbox_enter (root);
      return run_batch (root, max_cpu, max_text);
    }

  if (input_path == NULL || output == NULL || mime_type == NULL)
    {
      g_printerr ("casefile-extract: --input, --type and --output are required\n");
      return 2;
    }
  if (render)
    {
      g_autofree char *dir = g_path_get_dirname (output);

      cf_extract_sandbox_enter (dir);
      if (!cf_extract_render (input_path, mime_type, page - 1, width,
                              (const char * const *) highlights, output, &error))
        {
          g_printerr ("casefile-extract: %s\n", error->message);
          return 1;
        }
      return 0;
    }
  cf_extract_sandbox_enter (output);
  if (!extract_one (input_path, mime_type, name, output, max_text, &error))
    {
      g_printerr ("casefile-extract: could not write the result: %s\n", error->message);
      return 3;
    }
  return 0;
}
