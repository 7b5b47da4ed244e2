/* test-util.h — helpers every test suite uses: temporary folders that are
 * removed afterwards, writing files, new cases, running an import and
 * collecting what it reported, and running casefile-cli. */
#pragma once

#include <gio/gio.h>

#include "cf-case.h"
#include "cf-importer.h"

G_BEGIN_DECLS

/* Call first in main(): UTF-8 locale, g_test_init. */
void        tu_init                (int          *argc,
                                    char       ***argv);

/* A fresh folder under $TMPDIR, removed at exit unless the test failed. */
char       *tu_temp_dir            (void);
void        tu_rm_rf               (const char   *path);
void        tu_write_file          (const char   *path,
                                    const void   *data,
                                    gssize        len);
void        tu_write_text          (const char   *path,
                                    const char   *text);
char       *tu_read_file           (const char   *path,
                                    gsize        *len);
void        tu_mkdir               (const char   *path);

/* A new case in dir/name with the given title (Korean numbering,
 * plaintiff). */
CfCase     *tu_new_case            (const char   *dir,
                                    const char   *title);

typedef struct
{
  CfImportOutcome outcome;
  gint64 document_id;
  gint64 duplicate_of;
  gint64 parent_id;
  guint depth;
  char *source;
  char *reason;
} TuItem;

/* Runs an import and returns the reported items (TuItem *). The run must
 * succeed as a whole. */
GPtrArray  *tu_import              (CfCase                *kase,
                                    const char * const    *paths,
                                    const CfImportLimits  *limits);
GPtrArray  *tu_import_one          (CfCase                *kase,
                                    const char            *path);
/* The first item whose source ends with suffix, or NULL. */
TuItem     *tu_find_item           (GPtrArray             *items,
                                    const char            *source_suffix);
guint       tu_count_outcome       (GPtrArray             *items,
                                    CfImportOutcome        outcome);

/* Runs casefile-cli (from $CASEFILE_CLI) with the arguments, NULL-ended.
 * Returns the exit status; stdout/stderr are returned when asked. */
int         tu_run_cli             (char                 **out,
                                    char                 **err,
                                    const char            *first_arg,
                                    ...) G_GNUC_NULL_TERMINATED;
int         tu_run_cliv            (char                 **out,
                                    char                 **err,
                                    const char * const    *args);

/* Document ids sorted and written "1,3,4" (sorts ids). */
char       *tu_ids_text            (GArray                *ids);
/* The ids a search finds, as tu_ids_text writes them; the search must
 * succeed. */
char       *tu_found               (CfCase                *kase,
                                    const char            *query);

/* Makes the case's search index the bigram index of schema 6 again
 * (tokenize = 'casefile'), rebuilt from the case. */
void        tu_use_bigram_index    (CfCase                *kase);

/* Asserts the case passes fsck with no problems. */
void        tu_assert_fsck_clean   (CfCase                *kase);

G_END_DECLS
