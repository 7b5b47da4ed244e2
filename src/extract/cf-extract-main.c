/* cf-extract-main.c — casefile-extract: reads one original and writes what
 * it found into an output folder. Run by the case (cf-extraction.c) under
 * resource limits; a crash, a hang or a memory blow-up here costs that one
 * document, never the case.
 *
 *   casefile-extract --input PATH --type MIME --name NAME --output DIR [--max-text BYTES]
 *
 * Exit 0 means result.json was written (even for an unreadable document,
 * which is a result too); anything else means the reader itself failed. */
#define G_LOG_DOMAIN "casefile-extract"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "cf-extract-readers.h"
#include "cf-extract-result.h"
#include "cf-extract-sandbox.h"

int
main (int    argc,
      char **argv)
{
  g_autofree char *input_path = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *name = NULL;
  g_autofree char *output = NULL;
  gint64 max_text = 64 * 1024 * 1024;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CfExtractResult) result = NULL;
  CfExtractInput input = { 0 };
  CfExtractFunc reader;
  const char *status = "ok";
  struct stat st;
  GOptionEntry entries[] = {
    { "input", 0, 0, G_OPTION_ARG_FILENAME, &input_path, "The original", "PATH" },
    { "type", 0, 0, G_OPTION_ARG_STRING, &mime_type, "Its MIME type", "MIME" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Its file name", "NAME" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, "Where to write the result", "DIR" },
    { "max-text", 0, 0, G_OPTION_ARG_INT64, &max_text, "Text cap in bytes", "BYTES" },
    { NULL }
  };

  setlocale (LC_ALL, "C.UTF-8");
  g_set_prgname ("casefile-extract");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "Reads one document for Casefile (an internal helper).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      input_path == NULL || output == NULL || mime_type == NULL)
    {
      g_printerr ("casefile-extract: %s\n", error ? error->message : "--input, --type and --output are required");
      return 2;
    }

  /* From here on, the only place this process may write is its output
   * folder (where the kernel supports Landlock). */
  cf_extract_sandbox_enter (output);

  if (stat (input_path, &st) != 0)
    {
      g_printerr ("casefile-extract: cannot read %s\n", input_path);
      return 2;
    }
  input.path = input_path;
  input.mime_type = mime_type;
  input.name = name ? name : "";
  input.size = st.st_size;

  result = cf_extract_result_new (output, max_text);
  reader = cf_extract_reader_for (mime_type, input.name);
  if (reader == NULL)
    cf_extract_result_set_text_status (result, CF_TEXT_UNSUPPORTED);
  else if (!reader (&input, result, &error))
    {
      status = "failed";
      cf_extract_result_set_problem (result, "%s", error->message);
      g_clear_error (&error);
    }
  else if (g_strcmp0 (cf_extract_result_get_text_status (result), CF_TEXT_ENCRYPTED) == 0)
    status = "partial";

  if (!cf_extract_result_write (result, status, &error))
    {
      g_printerr ("casefile-extract: could not write the result: %s\n", error->message);
      return 3;
    }
  return 0;
}
