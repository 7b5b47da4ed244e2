/* cf-case.h — a case: a folder holding the case database (SQLite, WAL) and
 * the content-addressed store of originals.
 *
 * A case is opened by one writer at a time (CASE/lock) and by any number of
 * read-only readers. Every change goes through CfCase, in one transaction
 * with its custody entry. The calls here block; the GUI runs the long ones
 * (import, export, verify) through their _async variants elsewhere.
 */
#pragma once

#include <gio/gio.h>

#include "cf-claim.h"
#include "cf-custody.h"
#include "cf-document.h"
#include "cf-types.h"

G_BEGIN_DECLS

#define CF_TYPE_CASE (cf_case_get_type ())
G_DECLARE_FINAL_TYPE (CfCase, cf_case, CF, CASE, GObject)

typedef enum
{
  CF_CASE_OPEN_DEFAULT   = 0,
  CF_CASE_OPEN_READ_ONLY = 1 << 0,
} CfCaseOpenFlags;

/* The properties of a case, for creating or editing one. NULL strings
 * mean "unchanged" when editing. prefix "" means the party's default. */
typedef struct
{
  const char *title;
  const char *court;
  const char *case_number;
  CfParty party;
  CfNumbering numbering;
  const char *prefix;
} CfCaseSettings;

#define CF_CASE_DATABASE_NAME "casefile.sqlite"

gboolean     cf_case_is_case_folder       (const char            *path);
/* Who has the case open for writing ("alice on host1 (casefile, pid 42)
 * since …"), or NULL when nobody does. */
char        *cf_case_describe_writer      (const char            *path);
/* Whether opening the case for writing will upgrade it first (it was
 * written by an earlier Casefile), which for some upgrades takes a while;
 * FALSE when it cannot be read (opening it says why). */
gboolean     cf_case_needs_upgrade        (const char            *path);
CfCase      *cf_case_create               (const char            *path,
                                           const CfCaseSettings  *settings,
                                           GError               **error);
CfCase      *cf_case_open                 (const char            *path,
                                           CfCaseOpenFlags        flags,
                                           GError               **error);

const char  *cf_case_get_path             (CfCase      *self);
gboolean     cf_case_get_read_only        (CfCase      *self);
const char  *cf_case_get_uuid             (CfCase      *self);
const char  *cf_case_get_title            (CfCase      *self);
const char  *cf_case_get_court            (CfCase      *self);
const char  *cf_case_get_case_number      (CfCase      *self);
CfParty      cf_case_get_party            (CfCase      *self);
CfNumbering  cf_case_get_numbering        (CfCase      *self);
/* The US prefix in use (the party's default when none was set). */
const char  *cf_case_get_prefix           (CfCase      *self);
const char  *cf_case_get_created          (CfCase      *self);
/* Why this case's folder is risky (a network or cloud-synced file system,
 * where SQLite's WAL is unsafe), or NULL. */
const char  *cf_case_get_storage_warning  (CfCase      *self);
/* What the open had to repair after a crash (stale lock, temporary files,
 * an interrupted import), or NULL. */
const char  *cf_case_get_recovery_note    (CfCase      *self);

gboolean     cf_case_update_settings      (CfCase                *self,
                                           const CfCaseSettings  *settings,
                                           GError               **error);

/* Formats an exhibit number of this case: "갑 제3호증의 1" / "PX-0003.1". */
char        *cf_case_format_exhibit       (CfCase      *self,
                                           guint        main_number,
                                           guint        sub_number);

/* Documents ----------------------------------------------------------- */

CfDocument  *cf_case_get_document         (CfCase      *self,
                                           gint64       id,
                                           GError     **error);
/* Every document, parents before their children, in import order. */
GPtrArray   *cf_case_list_documents       (CfCase      *self,
                                           GError     **error);
GPtrArray   *cf_case_list_children        (CfCase      *self,
                                           gint64       parent_id,
                                           GError     **error);
guint        cf_case_count_documents      (CfCase      *self);
/* (code, message) pairs, flattened: [code0, message0, code1, …] */
GStrv        cf_case_list_warnings        (CfCase      *self,
                                           gint64       document_id,
                                           GError     **error);
/* Absolute path of the stored original, or NULL when it has none. */
char        *cf_case_dup_object_path      (CfCase      *self,
                                           CfDocument  *document);

/* NULL arguments leave a field unchanged; "" clears it. date is YYYY-MM-DD. */
gboolean     cf_case_edit_document        (CfCase      *self,
                                           gint64       id,
                                           const char  *title,
                                           const char  *date,
                                           const char  *author,
                                           GError     **error);
/* basis NULL clears the privilege. */
gboolean     cf_case_set_privileged       (CfCase      *self,
                                           gint64       id,
                                           const char  *basis,
                                           GError     **error);

/* Takes documents imported by mistake out of the case: each with its
 * family (the members and attachments under it), their tags, unlocked
 * exhibit numbers, reading and index entries, and the original bytes when
 * no other document holds the same bytes. A copy of a removed document
 * (same bytes from elsewhere) stays and becomes the original. Refuses, and
 * changes nothing, when a document is a member of a family (remove its top
 * document), or when the family has an exhibit number produced to the
 * court (locked). The custody log keeps a "remove" entry for every
 * document removed, with its hash, name, source and reason (may be NULL).
 * n_removed (may be NULL) counts the documents removed, families included. */
gboolean     cf_case_remove_documents     (CfCase       *self,
                                           const gint64 *ids,
                                           guint         n_ids,
                                           const char   *reason,
                                           guint        *n_removed,
                                           GError      **error);

/* Claims ---------------------------------------------------------------- */

/* Returns the new claim's id, or 0 on error. parent_id 0 means the root. */
gint64       cf_case_add_claim            (CfCase      *self,
                                           const char  *title,
                                           gint64       parent_id,
                                           CfSide       side,
                                           const char  *description,
                                           GError     **error);
CfClaim     *cf_case_get_claim            (CfCase      *self,
                                           gint64       id,
                                           GError     **error);
/* The whole tree in order (depth-first, by position). */
GPtrArray   *cf_case_list_claims          (CfCase      *self,
                                           GError     **error);
/* NULL leaves a field unchanged; side < 0 leaves the side unchanged. */
gboolean     cf_case_edit_claim           (CfCase      *self,
                                           gint64       id,
                                           const char  *title,
                                           const char  *description,
                                           int          side,
                                           GError     **error);
/* parent_id 0 moves to the root; position -1 appends. */
gboolean     cf_case_move_claim           (CfCase      *self,
                                           gint64       id,
                                           gint64       parent_id,
                                           int          position,
                                           GError     **error);
/* Removes a claim and its tags; refuses when it has sub-claims unless
 * recursive. */
gboolean     cf_case_remove_claim         (CfCase      *self,
                                           gint64       id,
                                           gboolean     recursive,
                                           GError     **error);

/* Tags ------------------------------------------------------------------ */

/* Tags (or re-tags, updating stance, pinpoint and note) each document.
 * pinpoint and note NULL keep what a re-tag had. */
gboolean     cf_case_tag                  (CfCase       *self,
                                           gint64        claim_id,
                                           const gint64 *document_ids,
                                           guint         n_documents,
                                           CfStance      stance,
                                           const char   *pinpoint,
                                           const char   *note,
                                           GError      **error);
gboolean     cf_case_untag                (CfCase       *self,
                                           gint64        claim_id,
                                           const gint64 *document_ids,
                                           guint         n_documents,
                                           GError      **error);
GPtrArray   *cf_case_list_tags            (CfCase       *self,
                                           gint64        document_id,
                                           GError      **error);
/* Documents tagged to a claim (not its sub-claims). */
GArray      *cf_case_list_tagged_ids      (CfCase       *self,
                                           gint64        claim_id,
                                           GError      **error);

/* Custody --------------------------------------------------------------- */

GPtrArray   *cf_case_list_custody         (CfCase       *self,
                                           gint64        document_id,
                                           GError      **error);
/* Appends a line to problems for each break in the chain; FALSE only when
 * the log could not be read. */
gboolean     cf_case_verify_custody       (CfCase       *self,
                                           GPtrArray    *problems,
                                           GError      **error);

G_END_DECLS
