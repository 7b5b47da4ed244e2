/* cf-case-claims.c — the claims tree and the tags that tie documents to
 * claims. Each change is one transaction with its custody entries. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-case-private.h"

#include "cf-custody.h"
#include "cf-db.h"
#include "cf-error.h"
#include "cf-fsutil.h"
#include "cf-search-index.h"

/* Depth-first over the tree, siblings by position. Paths of zero-padded
 * positions sort like the tree reads. */
#define CLAIM_TREE_CTE \
  "WITH RECURSIVE tree (id, depth, path) AS (" \
  "  SELECT id, 0, printf ('%08d', position) FROM claims WHERE parent_id IS NULL" \
  "  UNION ALL" \
  "  SELECT c.id, t.depth + 1, t.path || '.' || printf ('%08d', c.position)" \
  "  FROM claims c JOIN tree t ON c.parent_id = t.id) "

#define CLAIM_COLUMNS \
  "c.id, c.parent_id, c.position, tree.depth, c.title, c.description, c.side, " \
  "(SELECT count(*) FROM tags WHERE claim_id = c.id) "

static CfClaim *
claim_from_row (sqlite3_stmt *stmt)
{
  CfSide side;

  if (!cf_side_from_string (cf_db_column_text (stmt, 6), &side))
    side = CF_SIDE_OURS;
  return cf_claim_new (sqlite3_column_int64 (stmt, 0),
                       sqlite3_column_int64 (stmt, 1),
                       sqlite3_column_int (stmt, 2),
                       sqlite3_column_int (stmt, 3),
                       cf_db_column_text (stmt, 4),
                       cf_db_column_text (stmt, 5),
                       side,
                       sqlite3_column_int (stmt, 7));
}

GPtrArray *
cf_case_list_claims (CfCase  *self,
                     GError **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) claims = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean has_row;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);

  db = cf_case_get_db (self);
  stmt = cf_db_prepare (db,
                        CLAIM_TREE_CTE
                        "SELECT " CLAIM_COLUMNS "FROM claims c JOIN tree ON tree.id = c.id "
                        "ORDER BY tree.path",
                        error);
  if (stmt == NULL)
    return NULL;
  for (;;)
    {
      if (!cf_db_step (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (claims, claim_from_row (stmt));
    }
  return g_steal_pointer (&claims);
}

CfClaim *
cf_case_get_claim (CfCase  *self,
                   gint64   id,
                   GError **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);

  db = cf_case_get_db (self);
  stmt = cf_db_prepare (db,
                        CLAIM_TREE_CTE
                        "SELECT " CLAIM_COLUMNS "FROM claims c JOIN tree ON tree.id = c.id "
                        "WHERE c.id = ?",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cf_db_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_NOT_FOUND,
                   "There is no claim %" G_GINT64_FORMAT " in this case", id);
      return NULL;
    }
  return claim_from_row (stmt);
}

static gboolean
validate_text (const char  *text,
               const char  *what,
               gboolean     required,
               GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL) || (required && g_utf8_strlen (text, -1) == 0))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "A claim needs a %s in UTF-8", what);
      return FALSE;
    }
  return TRUE;
}

static gint64
count_siblings (sqlite3 *db,
                gint64   parent_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT count(*) FROM claims WHERE parent_id IS ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  cf_db_bind_id (stmt, 1, parent_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

gint64
cf_case_add_claim (CfCase      *self,
                   const char  *title,
                   gint64       parent_id,
                   CfSide       side,
                   const char  *description,
                   GError     **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *details = NULL;
  g_autofree char *now = NULL;
  gint64 id;

  g_return_val_if_fail (CF_IS_CASE (self), 0);

  if (!cf_case_require_writable (self, error) ||
      !validate_text (title ? title : "", "title", TRUE, error) ||
      !validate_text (description, "description", FALSE, error))
    return 0;
  if (parent_id > 0)
    {
      g_autoptr(CfClaim) parent = cf_case_get_claim (self, parent_id, error);
      if (parent == NULL)
        return 0;
    }

  db = cf_case_get_db (self);
  now = cf_utc_now_iso ();
  if (!cf_db_begin (db, error))
    return 0;
  insert = cf_db_prepare (db,
                          "INSERT INTO claims (parent_id, position, title, description, side, "
                          "created) VALUES (?, ?, ?, ?, ?, ?)",
                          error);
  if (insert == NULL)
    goto fail;
  cf_db_bind_id (insert, 1, parent_id);
  sqlite3_bind_int64 (insert, 2, count_siblings (db, parent_id));
  cf_db_bind_text (insert, 3, title);
  cf_db_bind_text (insert, 4, description ? description : "");
  cf_db_bind_text (insert, 5, cf_side_to_string (side));
  cf_db_bind_text (insert, 6, now);
  if (!cf_db_step_done (db, insert, error))
    goto fail;
  id = sqlite3_last_insert_rowid (db);
  {
    g_autofree char *parent_text = parent_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, parent_id) : NULL;

    details = cf_custody_details ("title", title,
                                  "parent", parent_text,
                                  "side", cf_side_to_string (side),
                                  "description", description,
                                  NULL);
  }
  if (!cf_custody_append (db, "claim-add", 0, id, details, error) ||
      !cf_db_commit (db, error))
    goto fail;
  return id;

fail:
  cf_db_rollback (db);
  return 0;
}

gboolean
cf_case_edit_claim (CfCase      *self,
                    gint64       id,
                    const char  *title,
                    const char  *description,
                    int          side,
                    GError     **error)
{
  sqlite3 *db;
  g_autoptr(CfClaim) before = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (CF_IS_CASE (self), FALSE);

  if (!cf_case_require_writable (self, error) ||
      !validate_text (title, "title", TRUE, error) ||
      !validate_text (description, "description", FALSE, error))
    return FALSE;
  before = cf_case_get_claim (self, id, error);
  if (before == NULL)
    return FALSE;

  db = cf_case_get_db (self);
  details = cf_custody_details ("title", title,
                                "previous_title", title ? cf_claim_get_title (before) : NULL,
                                "description", description,
                                "side", side >= 0 ? cf_side_to_string (side) : NULL,
                                NULL);
  if (!cf_db_begin (db, error))
    return FALSE;
  update = cf_db_prepare (db,
                          "UPDATE claims SET title = coalesce (?1, title), "
                          "description = coalesce (?2, description), side = coalesce (?3, side) "
                          "WHERE id = ?4",
                          error);
  if (update == NULL)
    goto fail;
  cf_db_bind_text (update, 1, title);
  cf_db_bind_text (update, 2, description);
  cf_db_bind_text (update, 3, side >= 0 ? cf_side_to_string (side) : NULL);
  sqlite3_bind_int64 (update, 4, id);
  if (!cf_db_step_done (db, update, error) ||
      !cf_custody_append (db, "claim-edit", 0, id, details, error) ||
      !cf_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  cf_db_rollback (db);
  return FALSE;
}

/* Renumbers the positions of a sibling list 0, 1, 2… in their order. */
static gboolean
compact_positions (sqlite3  *db,
                   gint64    parent_id,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;

  update = cf_db_prepare (db,
                          "UPDATE claims SET position = (SELECT count(*) FROM claims s "
                          "  WHERE s.parent_id IS claims.parent_id AND "
                          "  (s.position < claims.position OR "
                          "   (s.position = claims.position AND s.id < claims.id))) "
                          "WHERE parent_id IS ?",
                          error);
  if (update == NULL)
    return FALSE;
  cf_db_bind_id (update, 1, parent_id);
  return cf_db_step_done (db, update, error);
}

static gboolean
is_in_subtree (sqlite3 *db,
               gint64   root,
               gint64   candidate)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "WITH RECURSIVE sub (id) AS (SELECT ?1 UNION ALL "
                          "SELECT c.id FROM claims c JOIN sub ON c.parent_id = sub.id) "
                          "SELECT 1 FROM sub WHERE id = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, root);
  sqlite3_bind_int64 (stmt, 2, candidate);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
cf_case_move_claim (CfCase  *self,
                    gint64   id,
                    gint64   parent_id,
                    int      position,
                    GError **error)
{
  sqlite3 *db;
  g_autoptr(CfClaim) claim = NULL;
  g_autoptr(sqlite3_stmt) shift = NULL;
  g_autoptr(sqlite3_stmt) move = NULL;
  g_autofree char *details = NULL;
  g_autofree char *parent_text = NULL;
  g_autofree char *position_text = NULL;
  gint64 n_siblings;

  g_return_val_if_fail (CF_IS_CASE (self), FALSE);

  if (!cf_case_require_writable (self, error))
    return FALSE;
  claim = cf_case_get_claim (self, id, error);
  if (claim == NULL)
    return FALSE;
  db = cf_case_get_db (self);
  if (parent_id > 0)
    {
      g_autoptr(CfClaim) parent = cf_case_get_claim (self, parent_id, error);

      if (parent == NULL)
        return FALSE;
      if (is_in_subtree (db, id, parent_id))
        {
          g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                       "A claim cannot be moved under itself or one of its sub-claims");
          return FALSE;
        }
    }

  if (!cf_db_begin (db, error))
    return FALSE;

  /* Take the claim out of its list, then open a gap at the target. */
  move = cf_db_prepare (db, "UPDATE claims SET parent_id = ?, position = ? WHERE id = ?", error);
  if (move == NULL)
    goto fail;
  cf_db_bind_id (move, 1, parent_id);
  sqlite3_bind_int64 (move, 2, G_MAXINT32);
  sqlite3_bind_int64 (move, 3, id);
  if (!cf_db_step_done (db, move, error) ||
      !compact_positions (db, cf_claim_get_parent_id (claim), error) ||
      !compact_positions (db, parent_id, error))
    goto fail;

  n_siblings = count_siblings (db, parent_id) - 1;
  if (position < 0 || position > n_siblings)
    position = n_siblings;

  shift = cf_db_prepare (db,
                         "UPDATE claims SET position = position + 1 "
                         "WHERE parent_id IS ? AND position >= ? AND id != ?",
                         error);
  if (shift == NULL)
    goto fail;
  cf_db_bind_id (shift, 1, parent_id);
  sqlite3_bind_int64 (shift, 2, position);
  sqlite3_bind_int64 (shift, 3, id);
  if (!cf_db_step_done (db, shift, error))
    goto fail;
  sqlite3_reset (move);
  cf_db_bind_id (move, 1, parent_id);
  sqlite3_bind_int64 (move, 2, position);
  sqlite3_bind_int64 (move, 3, id);
  if (!cf_db_step_done (db, move, error))
    goto fail;

  parent_text = parent_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, parent_id) : g_strdup ("root");
  position_text = g_strdup_printf ("%d", position);
  details = cf_custody_details ("parent", parent_text, "position", position_text, NULL);
  if (!cf_custody_append (db, "claim-move", 0, id, details, error) ||
      !cf_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  cf_db_rollback (db);
  return FALSE;
}

/* Deletes the tags of one claim, logging each and withdrawing numbers of
 * documents that no longer qualify. Runs in the caller's transaction. */
static gboolean
remove_tags_of_claim (CfCase   *self,
                      gint64    claim_id,
                      GError  **error)
{
  g_autoptr(GArray) ids = cf_case_list_tagged_ids (self, claim_id, error);

  if (ids == NULL)
    return FALSE;
  return cf_case_untag (self, claim_id, (const gint64 *) (gpointer) ids->data, ids->len, error);
}

gboolean
cf_case_remove_claim (CfCase   *self,
                      gint64    id,
                      gboolean  recursive,
                      GError  **error)
{
  sqlite3 *db;
  g_autoptr(CfClaim) claim = NULL;
  g_autoptr(sqlite3_stmt) remove = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (CF_IS_CASE (self), FALSE);

  if (!cf_case_require_writable (self, error))
    return FALSE;
  claim = cf_case_get_claim (self, id, error);
  if (claim == NULL)
    return FALSE;
  db = cf_case_get_db (self);

  /* Deepest first, so children go before their parents. */
  ids = cf_db_query_ids (db,
                         "WITH RECURSIVE sub (id, depth) AS (SELECT ?1, 0 UNION ALL "
                         "SELECT c.id, sub.depth + 1 FROM claims c JOIN sub ON c.parent_id = sub.id) "
                         "SELECT id FROM sub ORDER BY depth DESC, id",
                         id, error);
  if (ids == NULL)
    return FALSE;
  if (ids->len > 1 && !recursive)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID,
                   "The claim “%s” has %u sub-claim(s); remove them first or remove "
                   "recursively", cf_claim_get_title (claim), ids->len - 1);
      return FALSE;
    }

  if (!cf_db_begin (db, error))
    return FALSE;
  remove = cf_db_prepare (db, "DELETE FROM claims WHERE id = ?", error);
  if (remove == NULL)
    goto fail;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 claim_id = g_array_index (ids, gint64, i);
      g_autoptr(CfClaim) c = cf_case_get_claim (self, claim_id, error);
      g_autofree char *details = NULL;

      if (c == NULL || !remove_tags_of_claim (self, claim_id, error))
        goto fail;
      details = cf_custody_details ("title", cf_claim_get_title (c), NULL);
      sqlite3_reset (remove);
      sqlite3_bind_int64 (remove, 1, claim_id);
      if (!cf_db_step_done (db, remove, error) ||
          !cf_custody_append (db, "claim-remove", 0, claim_id, details, error))
        goto fail;
    }
  if (!compact_positions (db, cf_claim_get_parent_id (claim), error) ||
      !cf_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  cf_db_rollback (db);
  return FALSE;
}

static gboolean
document_exists (sqlite3 *db,
                 gint64   id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM documents WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
cf_case_tag (CfCase       *self,
             gint64        claim_id,
             const gint64 *document_ids,
             guint         n_documents,
             CfStance      stance,
             const char   *pinpoint,
             const char   *note,
             GError      **error)
{
  sqlite3 *db;
  g_autoptr(CfClaim) claim = NULL;
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autofree char *now = NULL;
  g_autofree char *details = NULL;
  gboolean own_transaction;

  g_return_val_if_fail (CF_IS_CASE (self), FALSE);
  g_return_val_if_fail (document_ids != NULL || n_documents == 0, FALSE);

  if (!cf_case_require_writable (self, error))
    return FALSE;
  if ((pinpoint && !g_utf8_validate (pinpoint, -1, NULL)) ||
      (note && !g_utf8_validate (note, -1, NULL)))
    {
      g_set_error (error, CF_ERROR, CF_ERROR_INVALID, "Pinpoints and notes must be UTF-8");
      return FALSE;
    }
  claim = cf_case_get_claim (self, claim_id, error);
  if (claim == NULL)
    return FALSE;

  db = cf_case_get_db (self);
  now = cf_utc_now_iso ();
  details = cf_custody_details ("claim", cf_claim_get_title (claim),
                                "stance", cf_stance_to_string (stance),
                                "pinpoint", pinpoint,
                                "note", note,
                                NULL);
  own_transaction = sqlite3_get_autocommit (db);
  if (own_transaction && !cf_db_begin (db, error))
    return FALSE;
  upsert = cf_db_prepare (db,
                          "INSERT INTO tags (document_id, claim_id, stance, pinpoint, note, created) "
                          "VALUES (?1, ?2, ?3, coalesce (?4, ''), coalesce (?5, ''), ?6) "
                          "ON CONFLICT (document_id, claim_id) DO UPDATE SET stance = ?3, "
                          "pinpoint = coalesce (?4, pinpoint), note = coalesce (?5, note)",
                          error);
  if (upsert == NULL)
    goto fail;
  for (guint i = 0; i < n_documents; i++)
    {
      if (!document_exists (db, document_ids[i]))
        {
          g_set_error (error, CF_ERROR, CF_ERROR_NOT_FOUND,
                       "There is no document %" G_GINT64_FORMAT " in this case", document_ids[i]);
          goto fail;
        }
      sqlite3_reset (upsert);
      sqlite3_bind_int64 (upsert, 1, document_ids[i]);
      sqlite3_bind_int64 (upsert, 2, claim_id);
      cf_db_bind_text (upsert, 3, cf_stance_to_string (stance));
      cf_db_bind_text (upsert, 4, pinpoint);
      cf_db_bind_text (upsert, 5, note);
      cf_db_bind_text (upsert, 6, now);
      /* Pinpoints and notes are searchable. */
      if (!cf_search_unindex (db, document_ids[i], error) ||
          !cf_db_step_done (db, upsert, error) ||
          !cf_search_index (db, document_ids[i], error) ||
          !cf_custody_append (db, "tag", document_ids[i], claim_id, details, error))
        goto fail;
    }
  if (own_transaction && !cf_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  if (own_transaction)
    cf_db_rollback (db);
  return FALSE;
}

gboolean
cf_case_untag (CfCase       *self,
               gint64        claim_id,
               const gint64 *document_ids,
               guint         n_documents,
               GError      **error)
{
  sqlite3 *db;
  g_autoptr(CfClaim) claim = NULL;
  g_autoptr(sqlite3_stmt) remove = NULL;
  g_autofree char *details = NULL;
  gboolean own_transaction;

  g_return_val_if_fail (CF_IS_CASE (self), FALSE);
  g_return_val_if_fail (document_ids != NULL || n_documents == 0, FALSE);

  if (!cf_case_require_writable (self, error))
    return FALSE;
  claim = cf_case_get_claim (self, claim_id, error);
  if (claim == NULL)
    return FALSE;

  db = cf_case_get_db (self);
  details = cf_custody_details ("claim", cf_claim_get_title (claim), NULL);
  /* Also called inside cf_case_remove_claim's transaction. */
  own_transaction = sqlite3_get_autocommit (db);
  if (own_transaction && !cf_db_begin (db, error))
    return FALSE;
  remove = cf_db_prepare (db, "DELETE FROM tags WHERE document_id = ? AND claim_id = ?", error);
  if (remove == NULL)
    goto fail;
  for (guint i = 0; i < n_documents; i++)
    {
      sqlite3_reset (remove);
      sqlite3_bind_int64 (remove, 1, document_ids[i]);
      sqlite3_bind_int64 (remove, 2, claim_id);
      if (!cf_search_unindex (db, document_ids[i], error) ||
          !cf_db_step_done (db, remove, error))
        goto fail;
      /* Untagging what was not tagged changes nothing and logs nothing. */
      if (sqlite3_changes (db) == 0)
        {
          if (!cf_search_index (db, document_ids[i], error))
            goto fail;
          continue;
        }
      if (!cf_search_index (db, document_ids[i], error) ||
          !cf_custody_append (db, "untag", document_ids[i], claim_id, details, error) ||
          !cf_case_withdraw_if_unqualified (self, document_ids[i], error))
        goto fail;
    }
  if (own_transaction && !cf_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  if (own_transaction)
    cf_db_rollback (db);
  return FALSE;
}

GPtrArray *
cf_case_list_tags (CfCase  *self,
                   gint64   document_id,
                   GError **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean has_row, ok;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);

  db = cf_case_get_db (self);
  /* Run for each row the list shows. */
  stmt = cf_case_prepare_cached (self,
                                 CLAIM_TREE_CTE
                                 "SELECT t.document_id, t.claim_id, c.title, t.stance, t.pinpoint, t.note "
                                 "FROM tags t JOIN claims c ON c.id = t.claim_id "
                                 "JOIN tree ON tree.id = c.id WHERE t.document_id = ? ORDER BY tree.path",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((ok = cf_db_step (db, stmt, &has_row, error)) && has_row)
    {
      CfStance stance;

      if (!cf_stance_from_string (cf_db_column_text (stmt, 3), &stance))
        stance = CF_STANCE_CONTEXT;
      g_ptr_array_add (tags, cf_tag_new (sqlite3_column_int64 (stmt, 0),
                                         sqlite3_column_int64 (stmt, 1),
                                         cf_db_column_text (stmt, 2),
                                         stance,
                                         cf_db_column_text (stmt, 4),
                                         cf_db_column_text (stmt, 5)));
    }
  sqlite3_reset (stmt);
  return ok ? g_steal_pointer (&tags) : NULL;
}

GArray *
cf_case_list_tagged_ids (CfCase  *self,
                         gint64   claim_id,
                         GError **error)
{
  g_return_val_if_fail (CF_IS_CASE (self), NULL);

  return cf_db_query_ids (cf_case_get_db (self),
                          "SELECT document_id FROM tags WHERE claim_id = ?1 ORDER BY document_id",
                          claim_id, error);
}
