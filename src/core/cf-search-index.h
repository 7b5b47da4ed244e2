/* cf-search-index.h — keeping the full-text index in step with the case.
 *
 * The index (an FTS5 table reading its content through the search_source
 * view) must be told about every change to an indexed field — title,
 * name and source, author and recipients, text, pinpoints and notes — in
 * the transaction that makes it: cf_search_unindex before the change (it
 * removes the terms of the values as they are), cf_search_index after. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean cf_search_unindex       (sqlite3  *db,
                                  gint64    document_id,
                                  GError  **error);
gboolean cf_search_index         (sqlite3  *db,
                                  gint64    document_id,
                                  GError  **error);
/* Removes the terms of every document in the temporary table
 * temp.removal (cf-case-remove.c), before their rows go. */
gboolean cf_search_unindex_removal (sqlite3  *db,
                                    GError  **error);
/* Rebuilds the whole index from the case (repairs a damaged index). */
gboolean cf_search_rebuild       (sqlite3  *db,
                                  GError  **error);
/* FTS5 keeps its index as segments, one more with every transaction that
 * indexed something, merged now and then; a term is looked up in each.
 * This merges them all into one, in steps that are transactions of their
 * own (another writer waits for a step, not for the whole), stopping early
 * when cancelled. Looking up a hit's snippet took a third of the time with
 * one segment instead of nine, in a case of 100,000 documents. The index
 * is correct at every step; a failure leaves it as correct, only slower. */
gboolean cf_search_merge         (sqlite3       *db,
                                  GCancellable  *cancellable,
                                  GError       **error);
/* After a run that changed n_changed documents: merges (cf_search_merge)
 * when that is at least a tenth of those the index holds. A full merge
 * rewrites the whole index, too much after every small run. */
gboolean cf_search_tidy          (sqlite3       *db,
                                  guint64        n_changed,
                                  GCancellable  *cancellable,
                                  GError       **error);
/* Appends a problem when the index and the case disagree. */
gboolean cf_search_check         (sqlite3    *db,
                                  GPtrArray  *problems,
                                  GError    **error);

G_END_DECLS
