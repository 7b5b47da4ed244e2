/* cf-custody.h — the custody log: who did what to which evidence, when.
 *
 * Append-only (SQLite triggers refuse UPDATE and DELETE), gap-free sequence
 * numbers, UTC times, and each entry's hash covers the previous entry's
 * hash, so removing, reordering or editing an entry breaks the chain.
 * Entries are appended inside the caller's transaction: the log and the
 * action it records commit together or not at all.
 *
 * The hash of an entry is SHA-256 over the UTF-8 text
 *   prev_hash "\n" seq "\n" time "\n" user "\n" host "\n" action "\n"
 *   document_id "\n" claim_id "\n" details
 * with empty text for a missing id; the first entry's prev_hash is 64 zeros.
 * README.md repeats this so anyone can check a bundle's custody-log.csv.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CF_CUSTODY_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct
{
  gint64 seq;
  char *time;
  char *user;
  char *host;
  char *action;
  gint64 document_id;   /* 0 when none */
  gint64 claim_id;      /* 0 when none */
  char *details;        /* a JSON object */
  char *prev_hash;
  char *hash;
} CfCustodyEntry;

void            cf_custody_entry_free     (CfCustodyEntry *entry);
char           *cf_custody_entry_hash     (const CfCustodyEntry *entry);

/* Must run inside a transaction. details is a JSON object text (or NULL
 * for {}). */
gboolean        cf_custody_append         (sqlite3     *db,
                                           const char  *action,
                                           gint64       document_id,
                                           gint64       claim_id,
                                           const char  *details,
                                           GError     **error);

/* Entries in order; document_id > 0 limits them to one document. */
GPtrArray      *cf_custody_list           (sqlite3     *db,
                                           gint64       document_id,
                                           GError     **error);

/* Checks sequence, chain and every hash. Each problem is appended to
 * problems (one line each). Returns FALSE only when it could not read. */
gboolean        cf_custody_verify         (sqlite3     *db,
                                           GPtrArray   *problems,
                                           GError     **error);

/* Builds a compact JSON object from key/value string pairs ending in NULL;
 * NULL values are skipped. */
char           *cf_custody_details        (const char  *first_key,
                                           ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfCustodyEntry, cf_custody_entry_free)

G_END_DECLS
