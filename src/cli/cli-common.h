/* cli-common.h — what every casefile-cli command shares: exit codes,
 * option parsing, opening a case with a clear message, printing. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cf-case.h"

G_BEGIN_DECLS

enum
{
  CLI_OK = 0,        /* everything done */
  CLI_PARTIAL = 1,   /* done, but some items failed / problems found */
  CLI_ERROR = 2,     /* usage error, or the case could not be used */
};

typedef struct
{
  const char *name;
  const char *args;          /* "CASE PATH…" for --help */
  const char *summary;
  int (*run) (int argc, char **argv);
} CliCommand;

/* Parses options for a command; on --help prints and exits 0; on a bad
 * option prints the error and returns FALSE. argv[0] is the command. */
gboolean  cli_parse               (const char    *command,
                                   const char    *args,
                                   const char    *summary,
                                   GOptionEntry  *entries,
                                   int           *argc,
                                   char        ***argv);
/* The same, leaving unknown options (a search's -word) in argv. */
gboolean  cli_parse_full          (const char    *command,
                                   const char    *args,
                                   const char    *summary,
                                   GOptionEntry  *entries,
                                   gboolean       keep_unknown,
                                   int           *argc,
                                   char        ***argv);
int       cli_usage_error         (const char    *command,
                                   const char    *format,
                                   ...) G_GNUC_PRINTF (2, 3);
int       cli_fail                (GError        *error);

CfCase   *cli_open_case           (const char    *path,
                                   gboolean       writable);
gboolean  cli_parse_id            (const char    *text,
                                   const char    *what,
                                   gint64        *id);
/* The document ids argv[first…] as a new array of gint64; FALSE (with a
 * message) when one is not an id. */
gboolean  cli_parse_document_ids  (int            argc,
                                   char         **argv,
                                   int            first,
                                   GArray       **ids);

void      cli_print_json          (JsonNode      *node);
char     *cli_format_size         (guint64        bytes);
/* text padded with spaces to width terminal columns (Hangul takes two). */
char     *cli_pad                 (const char    *text,
                                   guint          width);

/* For long work on a terminal: one line on stderr, rewritten in place. */
gboolean  cli_progress_enabled    (void);
void      cli_progress_line       (const char    *format,
                                   ...) G_GNUC_PRINTF (1, 2);
void      cli_progress_clear      (void);

/* Reads a passphrase from a file (first line) or, when file is NULL,
 * from the terminal without echo (twice when confirm). */
char     *cli_read_passphrase     (const char    *file,
                                   gboolean       confirm,
                                   GError       **error);

G_END_DECLS
