/* cf-case-private.h — what the core's other parts (intake, numbering,
 * export, fsck) need of a case and nothing outside the core may use. */
#pragma once

#include <sqlite3.h>

#include "cf-case.h"
#include "cf-object-store.h"

G_BEGIN_DECLS

sqlite3       *cf_case_get_db              (CfCase      *self);
CfObjectStore *cf_case_get_store           (CfCase      *self);
/* A statement of the case's connection kept prepared for queries run once
 * per row shown (parsing one took more than half the time of reading a
 * document). sql must be a string literal: it is looked up by address.
 * The statement stays the case's: bind, step, then sqlite3_reset it (an
 * unreset statement keeps its read transaction open); never finalize it,
 * and do not run the same sql again while stepping through it. Like the
 * case's connection, the cache is for one thread at a time (the case's
 * worker, or the thread that owns a reader). */
sqlite3_stmt  *cf_case_prepare_cached      (CfCase      *self,
                                            const char  *sql,
                                            GError     **error);
gboolean       cf_case_require_writable    (CfCase      *self,
                                            GError     **error);
/* A second connection to the case database for a worker thread (SQLite
 * connections must not be shared between threads). Close with cf_db_close. */
sqlite3       *cf_case_open_worker_db      (CfCase      *self,
                                            GError     **error);

/* Runs in the caller's transaction: if the document is numbered but no
 * longer qualifies (no claims left, or privileged), its number becomes a
 * withdrawn gap. */
gboolean       cf_case_withdraw_if_unqualified (CfCase  *self,
                                                gint64   document_id,
                                                GError **error);

/* Recomputes a document's status and problem as the worse of what import
 * found and what reading it found. Runs in the caller's transaction. */
gboolean       cf_document_refresh_status  (sqlite3     *db,
                                            gint64       document_id,
                                            GError     **error);

char          *cf_exhibit_format           (CfNumbering  numbering,
                                            CfParty      party,
                                            const char  *prefix,
                                            guint        main_number,
                                            guint        sub_number);
/* The sortable stem of an exported file: "갑제003호증의01" / "PX-0003.01". */
char          *cf_exhibit_file_stem        (CfNumbering  numbering,
                                            CfParty      party,
                                            const char  *prefix,
                                            guint        main_number,
                                            guint        sub_number,
                                            guint        main_width,
                                            guint        sub_width);

G_END_DECLS
