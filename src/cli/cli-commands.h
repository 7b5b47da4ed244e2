/* cli-commands.h — one function per casefile-cli subcommand. Each gets the
 * arguments after "casefile-cli" (argv[0] is the command's name) and
 * returns the exit status. */
#pragma once

#include <glib.h>

#include "cf-case.h"
#include "cf-importer.h"

G_BEGIN_DECLS

int cli_cmd_new       (int argc, char **argv);
int cli_cmd_info      (int argc, char **argv);
int cli_cmd_import    (int argc, char **argv);
int cli_cmd_list      (int argc, char **argv);
int cli_cmd_show      (int argc, char **argv);
int cli_cmd_edit      (int argc, char **argv);
int cli_cmd_privilege (int argc, char **argv);
int cli_cmd_rm        (int argc, char **argv);
int cli_cmd_claim     (int argc, char **argv);
int cli_cmd_tag       (int argc, char **argv);
int cli_cmd_untag     (int argc, char **argv);
int cli_cmd_number    (int argc, char **argv);
int cli_cmd_export    (int argc, char **argv);
int cli_cmd_verify    (int argc, char **argv);
int cli_cmd_log       (int argc, char **argv);
int cli_cmd_fsck      (int argc, char **argv);
int cli_cmd_reextract (int argc, char **argv);
int cli_cmd_search    (int argc, char **argv);

/* Shared by import and reextract (cli-extract.c, cli-import.c). */
int  cli_read_documents    (CfCase             *kase);
void cli_print_import_item (const CfImportItem *item,
                            gpointer            user_data);

G_END_DECLS
