/* cli-common.c — shared helpers of casefile-cli. */
#include "config.h"

#include "cli-common.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cf-error.h"

static gboolean progress_shown;

gboolean
cli_parse (const char    *command,
           const char    *args,
           const char    *summary,
           GOptionEntry  *entries,
           int           *argc,
           char        ***argv)
{
  return cli_parse_full (command, args, summary, entries, FALSE, argc, argv);
}

gboolean
cli_parse_full (const char    *command,
                const char    *args,
                const char    *summary,
                GOptionEntry  *entries,
                gboolean       keep_unknown,
                int           *argc,
                char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = g_strdup_printf ("%s %s", command, args);

  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_ignore_unknown_options (context, keep_unknown);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("casefile-cli %s: %s\n", command, error->message);
      g_printerr ("Try “casefile-cli %s --help”.\n", command);
      return FALSE;
    }
  return TRUE;
}

int
cli_usage_error (const char *command,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("casefile-cli %s: %s\n", command, message);
  g_printerr ("Try “casefile-cli %s --help”.\n", command);
  return CLI_ERROR;
}

int
cli_fail (GError *error)
{
  cli_progress_clear ();
  g_printerr ("casefile-cli: %s\n", error ? error->message : "failed");
  return CLI_ERROR;
}

CfCase *
cli_open_case (const char *path,
               gboolean    writable)
{
  g_autoptr(GError) error = NULL;
  CfCase *kase;

  kase = cf_case_open (path, writable ? CF_CASE_OPEN_DEFAULT : CF_CASE_OPEN_READ_ONLY, &error);
  if (kase == NULL)
    {
      g_printerr ("casefile-cli: %s\n", error->message);
      return NULL;
    }
  if (cf_case_get_recovery_note (kase) != NULL)
    g_printerr ("casefile-cli: note: %s\n", cf_case_get_recovery_note (kase));
  if (cf_case_get_storage_warning (kase) != NULL)
    g_printerr ("casefile-cli: warning: %s; SQLite's write-ahead log is not safe on such "
                "file systems. Keep cases on a local disk.\n",
                cf_case_get_storage_warning (kase));
  return kase;
}

gboolean
cli_parse_id (const char *text,
              const char *what,
              gint64     *id)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL || text[0] == '\0')
    {
      g_printerr ("casefile-cli: a %s id is needed\n", what);
      return FALSE;
    }
  errno = 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value <= 0)
    {
      g_printerr ("casefile-cli: “%s” is not a %s id (ids are the numbers “list” and "
                  "“claim list” show)\n", text, what);
      return FALSE;
    }
  *id = value;
  return TRUE;
}

gboolean
cli_parse_document_ids (int      argc,
                        char   **argv,
                        int      first,
                        GArray **ids)
{
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (int i = first; i < argc; i++)
    {
      gint64 id;

      if (!cli_parse_id (argv[i], "document", &id))
        return FALSE;
      g_array_append_val (*ids, id);
    }
  return TRUE;
}

void
cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

char *
cli_format_size (guint64 bytes)
{
  return g_format_size (bytes);
}

static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

char *
cli_pad (const char *text,
         guint       width)
{
  guint have = display_width (text ? text : "");
  g_autofree char *spaces = g_strnfill (have < width ? width - have : 0, ' ');

  return g_strconcat (text ? text : "", spaces, NULL);
}

gboolean
cli_progress_enabled (void)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = isatty (STDERR_FILENO) && g_getenv ("CASEFILE_NO_PROGRESS") == NULL;
  return enabled;
}

void
cli_progress_line (const char *format,
                   ...)
{
  g_autofree char *line = NULL;
  va_list args;

  if (!cli_progress_enabled ())
    return;
  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  /* Keep the line within a typical terminal so it rewrites in place. */
  if (g_utf8_strlen (line, -1) > 100)
    {
      char *cut = g_utf8_offset_to_pointer (line, 99);
      *cut = '\0';
    }
  fprintf (stderr, "\r\033[K%s", line);
  fflush (stderr);
  progress_shown = TRUE;
}

void
cli_progress_clear (void)
{
  if (!progress_shown)
    return;
  fprintf (stderr, "\r\033[K");
  fflush (stderr);
  progress_shown = FALSE;
}

static char *
read_line_no_echo (const char *prompt,
                   GError    **error)
{
  struct termios old, quiet;
  char buf[1024];
  FILE *tty = fopen ("/dev/tty", "r+");
  gboolean echo_off = FALSE;
  char *result = NULL;

  if (tty == NULL)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                   "No terminal to ask for a passphrase; use --passphrase-file");
      return NULL;
    }
  fputs (prompt, tty);
  fflush (tty);
  if (tcgetattr (fileno (tty), &old) == 0)
    {
      quiet = old;
      quiet.c_lflag &= ~ECHO;
      echo_off = tcsetattr (fileno (tty), TCSAFLUSH, &quiet) == 0;
    }
  if (fgets (buf, sizeof buf, tty) != NULL)
    {
      buf[strcspn (buf, "\r\n")] = '\0';
      result = g_strdup (buf);
    }
  if (echo_off)
    tcsetattr (fileno (tty), TCSAFLUSH, &old);
  fputs ("\n", tty);
  fclose (tty);
  memset (buf, 0, sizeof buf);
  if (result == NULL)
    g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "No passphrase was given");
  return result;
}

char *
cli_read_passphrase (const char  *file,
                     gboolean     confirm,
                     GError     **error)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (file != NULL)
    {
      g_autofree char *contents = NULL;

      if (!g_file_get_contents (file, &contents, NULL, error))
        return NULL;
      contents[strcspn (contents, "\r\n")] = '\0';
      if (contents[0] == '\0')
        {
          g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "The passphrase file %s is empty", file);
          return NULL;
        }
      return g_steal_pointer (&contents);
    }

  first = read_line_no_echo ("Passphrase: ", error);
  if (first == NULL)
    return NULL;
  if (!confirm)
    return g_steal_pointer (&first);
  second = read_line_no_echo ("Passphrase again: ", error);
  if (second == NULL)
    return NULL;
  if (strcmp (first, second) != 0)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "The two passphrases differ");
      return NULL;
    }
  return g_steal_pointer (&first);
}
