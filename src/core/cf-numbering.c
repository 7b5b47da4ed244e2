/* cf-numbering.c — computing and applying exhibit numbers (rules in
 * cf-numbering.h). The computation loads the few columns it needs for every
 * document into memory (a few MB at 100,000 documents) and works there. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-numbering.h"

#include <string.h>

#include "cf-case-private.h"
#include "cf-custody.h"
#include "cf-db.h"
#include "cf-error.h"
#include "cf-fsutil.h"

char *
cf_exhibit_format (CfNumbering  numbering,
                   CfParty      party,
                   const char  *prefix,
                   guint        main_number,
                   guint        sub_number)
{
  if (numbering == CF_NUMBERING_KOREAN)
    {
      if (sub_number > 0)
        return g_strdup_printf ("%s 제%u호증의 %u", cf_party_exhibit_mark (party),
                                main_number, sub_number);
      return g_strdup_printf ("%s 제%u호증", cf_party_exhibit_mark (party), main_number);
    }
  if (sub_number > 0)
    return g_strdup_printf ("%s-%04u.%u", prefix, main_number, sub_number);
  return g_strdup_printf ("%s-%04u", prefix, main_number);
}

char *
cf_exhibit_file_stem (CfNumbering  numbering,
                      CfParty      party,
                      const char  *prefix,
                      guint        main_number,
                      guint        sub_number,
                      guint        main_width,
                      guint        sub_width)
{
  if (numbering == CF_NUMBERING_KOREAN)
    {
      if (sub_number > 0)
        return g_strdup_printf ("%s제%0*u호증의%0*u", cf_party_exhibit_mark (party),
                                (int) main_width, main_number, (int) sub_width, sub_number);
      return g_strdup_printf ("%s제%0*u호증", cf_party_exhibit_mark (party),
                              (int) main_width, main_number);
    }
  if (sub_number > 0)
    return g_strdup_printf ("%s-%0*u.%0*u", prefix, (int) MAX (main_width, 4), main_number,
                            (int) sub_width, sub_number);
  return g_strdup_printf ("%s-%0*u", prefix, (int) MAX (main_width, 4), main_number);
}

void
cf_numbering_change_free (CfNumberingChange *change)
{
  if (change == NULL)
    return;
  g_free (change->title);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

/* Withdrawal ------------------------------------------------------------ */

static gboolean
document_qualifies (sqlite3  *db,
                    gint64    id,
                    gboolean *qualifies,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  stmt = cf_db_prepare (db,
                        "SELECT d.privileged = 0 AND d.sha256 IS NOT NULL AND EXISTS ("
                        "  WITH RECURSIVE up (id) AS (SELECT ?1 UNION ALL "
                        "    SELECT p.parent_id FROM documents p JOIN up ON p.id = up.id "
                        "    WHERE p.parent_id IS NOT NULL) "
                        "  SELECT 1 FROM tags WHERE document_id IN (SELECT id FROM up)) "
                        "FROM documents d WHERE d.id = ?1",
                        error);
  if (stmt == NULL || !cf_db_step (db, stmt, &has_row, error))
    return FALSE;
  *qualifies = has_row && sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

gboolean
cf_case_withdraw_if_unqualified (CfCase  *self,
                                 gint64   document_id,
                                 GError **error)
{
  sqlite3 *db = cf_case_get_db (self);
  g_autoptr(sqlite3_stmt) withdraw = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *now = cf_utc_now_iso ();

  g_assert (!sqlite3_get_autocommit (db));

  /* Untagging an email also takes its attachments out of the numbering. */
  ids = cf_db_query_ids (db,
                         "WITH RECURSIVE down (id) AS (SELECT ?1 UNION ALL "
                         "  SELECT c.id FROM documents c JOIN down ON c.parent_id = down.id) "
                         "SELECT e.document_id FROM exhibits e JOIN down ON e.document_id = down.id",
                         document_id, error);
  if (ids == NULL)
    return FALSE;

  withdraw = cf_db_prepare (db,
                            "UPDATE exhibits SET former_document_id = document_id, "
                            "document_id = NULL, withdrawn = ? WHERE document_id = ?",
                            error);
  if (withdraw == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(CfDocument) doc = NULL;
      g_autofree char *details = NULL;
      gboolean qualifies;

      if (!document_qualifies (db, id, &qualifies, error))
        return FALSE;
      if (qualifies)
        continue;
      doc = cf_case_get_document (self, id, error);
      if (doc == NULL)
        return FALSE;
      details = cf_custody_details ("exhibit", cf_document_get_exhibit (doc),
                                    "locked", cf_document_get_exhibit_locked (doc) ? "yes" : "no",
                                    NULL);
      sqlite3_reset (withdraw);
      cf_db_bind_text (withdraw, 1, now);
      sqlite3_bind_int64 (withdraw, 2, id);
      if (!cf_db_step_done (db, withdraw, error) ||
          !cf_custody_append (db, "exhibit-withdraw", id, 0, details, error))
        return FALSE;
    }
  return TRUE;
}

/* Computing a numbering ------------------------------------------------- */

typedef struct
{
  gint64 id;
  gint64 parent_id;
  char *title;
  char *date;
  gboolean eligible;      /* unprivileged and stored */
  char *claim_path;       /* earliest claim it is tagged to, in tree order */
  GArray *children;       /* gint64 ids, in import order */
  /* current live exhibit, if any */
  guint main;
  guint sub;
  gboolean locked;
  /* result */
  guint new_main;
  guint new_sub;
} DocInfo;

typedef struct
{
  GHashTable *docs;       /* id → DocInfo */
  GHashTable *used_mains; /* main numbers held by locked exhibits, live or withdrawn */
  GHashTable *locked_max_sub; /* main → highest sub among locked rows of that main */
} Numbering;

static void
doc_info_free (gpointer data)
{
  DocInfo *info = data;

  g_free (info->title);
  g_free (info->date);
  g_free (info->claim_path);
  g_clear_pointer (&info->children, g_array_unref);
  g_free (info);
}

static void
numbering_clear (Numbering *n)
{
  g_clear_pointer (&n->docs, g_hash_table_unref);
  g_clear_pointer (&n->used_mains, g_hash_table_unref);
  g_clear_pointer (&n->locked_max_sub, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Numbering, numbering_clear)

static gboolean
load_state (sqlite3    *db,
            Numbering  *n,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) docs = NULL;
  g_autoptr(sqlite3_stmt) tags = NULL;
  g_autoptr(sqlite3_stmt) exhibits = NULL;
  gboolean has_row;

  n->docs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, doc_info_free);
  n->used_mains = g_hash_table_new (g_direct_hash, g_direct_equal);
  n->locked_max_sub = g_hash_table_new (g_direct_hash, g_direct_equal);

  docs = cf_db_prepare (db,
                        "SELECT id, parent_id, title, doc_date, privileged = 0 AND sha256 IS NOT NULL "
                        "FROM documents ORDER BY id",
                        error);
  if (docs == NULL)
    return FALSE;
  for (;;)
    {
      DocInfo *info;

      if (!cf_db_step (db, docs, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      info = g_new0 (DocInfo, 1);
      info->id = sqlite3_column_int64 (docs, 0);
      info->parent_id = sqlite3_column_int64 (docs, 1);
      info->title = cf_db_column_dup (docs, 2);
      info->date = cf_db_column_dup (docs, 3);
      info->eligible = sqlite3_column_int (docs, 4) != 0;
      g_hash_table_insert (n->docs, &info->id, info);
      if (info->parent_id > 0)
        {
          DocInfo *parent = g_hash_table_lookup (n->docs, &info->parent_id);

          /* Parents are inserted before their children (ids ascend). */
          if (parent != NULL)
            {
              if (parent->children == NULL)
                parent->children = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_array_append_val (parent->children, info->id);
            }
        }
    }

  tags = cf_db_prepare (db,
                        "WITH RECURSIVE tree (id, path) AS ("
                        "  SELECT id, printf ('%08d', position) FROM claims WHERE parent_id IS NULL"
                        "  UNION ALL SELECT c.id, t.path || '.' || printf ('%08d', c.position)"
                        "  FROM claims c JOIN tree t ON c.parent_id = t.id) "
                        "SELECT t.document_id, min (tree.path) FROM tags t "
                        "JOIN tree ON tree.id = t.claim_id GROUP BY t.document_id",
                        error);
  if (tags == NULL)
    return FALSE;
  for (;;)
    {
      gint64 id;
      DocInfo *info;

      if (!cf_db_step (db, tags, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (tags, 0);
      info = g_hash_table_lookup (n->docs, &id);
      if (info != NULL)
        info->claim_path = cf_db_column_dup (tags, 1);
    }

  exhibits = cf_db_prepare (db, "SELECT main, sub, document_id, locked FROM exhibits", error);
  if (exhibits == NULL)
    return FALSE;
  for (;;)
    {
      guint main_number, sub_number;
      gboolean locked;

      if (!cf_db_step (db, exhibits, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      main_number = sqlite3_column_int (exhibits, 0);
      sub_number = sqlite3_column_int (exhibits, 1);
      locked = sqlite3_column_int (exhibits, 3) != 0;
      if (locked)
        {
          guint max_sub = GPOINTER_TO_UINT (g_hash_table_lookup (n->locked_max_sub,
                                                                 GUINT_TO_POINTER (main_number)));

          g_hash_table_add (n->used_mains, GUINT_TO_POINTER (main_number));
          g_hash_table_insert (n->locked_max_sub, GUINT_TO_POINTER (main_number),
                               GUINT_TO_POINTER (MAX (max_sub, sub_number)));
        }
      if (sqlite3_column_type (exhibits, 2) != SQLITE_NULL)
        {
          gint64 id = sqlite3_column_int64 (exhibits, 2);
          DocInfo *info = g_hash_table_lookup (n->docs, &id);

          if (info != NULL)
            {
              info->main = main_number;
              info->sub = sub_number;
              info->locked = locked;
            }
        }
    }
  return TRUE;
}

/* The highest tagged ancestor-or-self, or NULL when nothing above is tagged. */
static DocInfo *
unit_root_of (Numbering *n,
              DocInfo   *info)
{
  DocInfo *root = NULL;
  guint guard = 0;

  for (DocInfo *d = info; d != NULL && guard < 10000; guard++)
    {
      if (d->claim_path != NULL)
        root = d;
      d = d->parent_id > 0 ? g_hash_table_lookup (n->docs, &d->parent_id) : NULL;
    }
  return root;
}

static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  const DocInfo *x = *(DocInfo * const *) a;
  const DocInfo *y = *(DocInfo * const *) b;
  int c = strcmp (x->claim_path, y->claim_path);

  if (c != 0)
    return c;
  /* Undated documents go after dated ones. */
  if (x->date == NULL || y->date == NULL)
    {
      if (x->date != y->date)
        return x->date == NULL ? 1 : -1;
    }
  else if ((c = strcmp (x->date, y->date)) != 0)
    return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
collect_members (Numbering *n,
                 DocInfo   *info,
                 GPtrArray *members,
                 guint      depth)
{
  if (depth > 64)
    return;
  if (info->eligible)
    g_ptr_array_add (members, info);
  if (info->children == NULL)
    return;
  for (guint i = 0; i < info->children->len; i++)
    {
      DocInfo *child = g_hash_table_lookup (n->docs, &g_array_index (info->children, gint64, i));

      if (child != NULL)
        collect_members (n, child, members, depth + 1);
    }
}

static guint
next_free_main (Numbering *n,
                guint     *cursor)
{
  while (g_hash_table_contains (n->used_mains, GUINT_TO_POINTER (*cursor)))
    (*cursor)++;
  g_hash_table_add (n->used_mains, GUINT_TO_POINTER (*cursor));
  return (*cursor)++;
}

/* Fills new_main/new_sub of every document that gets a number; returns the
 * documents in their new exhibit order. */
static GPtrArray *
compute (Numbering *n)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GHashTable) seen_roots = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *ordered = g_ptr_array_new ();
  GHashTableIter iter;
  DocInfo *info;
  guint cursor = 1;

  g_hash_table_iter_init (&iter, n->docs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
    {
      DocInfo *root;

      /* Locked numbers stay what they are. */
      if (info->locked && info->main > 0)
        {
          info->new_main = info->main;
          info->new_sub = info->sub;
        }
      if (info->claim_path == NULL)
        continue;
      root = unit_root_of (n, info);
      if (root != NULL && g_hash_table_add (seen_roots, &root->id))
        g_ptr_array_add (roots, root);
    }
  g_ptr_array_sort (roots, compare_units);

  for (guint u = 0; u < roots->len; u++)
    {
      g_autoptr(GPtrArray) members = g_ptr_array_new ();
      g_autoptr(GPtrArray) unnumbered = g_ptr_array_new ();
      guint family_main = 0;

      collect_members (n, g_ptr_array_index (roots, u), members, 0);
      for (guint i = 0; i < members->len; i++)
        {
          DocInfo *m = g_ptr_array_index (members, i);

          if (m->locked && m->main > 0)
            {
              if (family_main == 0 && m->sub > 0)
                family_main = m->main;
              g_ptr_array_add (ordered, m);
            }
          else
            g_ptr_array_add (unnumbered, m);
        }
      if (unnumbered->len == 0)
        continue;

      if (family_main > 0)
        {
          /* The family was produced with sub-numbers: newcomers continue
           * after the highest sub it ever had. */
          guint sub = GPOINTER_TO_UINT (g_hash_table_lookup (n->locked_max_sub,
                                                             GUINT_TO_POINTER (family_main)));

          for (guint i = 0; i < unnumbered->len; i++)
            {
              DocInfo *m = g_ptr_array_index (unnumbered, i);

              m->new_main = family_main;
              m->new_sub = ++sub;
              g_ptr_array_add (ordered, m);
            }
          g_hash_table_insert (n->locked_max_sub, GUINT_TO_POINTER (family_main),
                               GUINT_TO_POINTER (sub));
        }
      else
        {
          guint main_number = next_free_main (n, &cursor);

          for (guint i = 0; i < unnumbered->len; i++)
            {
              DocInfo *m = g_ptr_array_index (unnumbered, i);

              m->new_main = main_number;
              m->new_sub = unnumbered->len > 1 ? i + 1 : 0;
              g_ptr_array_add (ordered, m);
            }
        }
    }
  return ordered;
}

static gboolean
apply (CfCase     *self,
       Numbering  *n,
       GPtrArray  *changes,
       GError    **error)
{
  sqlite3 *db = cf_case_get_db (self);
  g_autoptr(sqlite3_stmt) drop = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (!cf_db_begin (db, error))
    return FALSE;

  /* Unlocked numbers were never produced: they (and their gaps) go, and
   * the computed ones take their place. */
  drop = cf_db_prepare (db, "DELETE FROM exhibits WHERE locked = 0", error);
  insert = cf_db_prepare (db, "INSERT INTO exhibits (main, sub, document_id) VALUES (?, ?, ?)",
                          error);
  if (drop == NULL || insert == NULL || !cf_db_step_done (db, drop, error))
    goto fail;

  {
    GHashTableIter iter;
    DocInfo *info;

    g_hash_table_iter_init (&iter, n->docs);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
      {
        if (info->new_main == 0 || info->locked)
          continue;
        sqlite3_reset (insert);
        sqlite3_bind_int (insert, 1, info->new_main);
        sqlite3_bind_int (insert, 2, info->new_sub);
        sqlite3_bind_int64 (insert, 3, info->id);
        if (!cf_db_step_done (db, insert, error))
          goto fail;
      }
  }

  for (guint i = 0; i < changes->len; i++)
    {
      CfNumberingChange *change = g_ptr_array_index (changes, i);
      g_autofree char *details = cf_custody_details ("exhibit", change->after,
                                                     "previous", change->before, NULL);

      if (!cf_custody_append (db, change->after ? "number" : "unnumber",
                              change->document_id, 0, details, error))
        goto fail;
    }
  return cf_db_commit (db, error);

fail:
  cf_db_rollback (db);
  return FALSE;
}

static CfNumberingChange *
change_new (CfCase  *self,
            DocInfo *info)
{
  CfNumberingChange *change = g_new0 (CfNumberingChange, 1);

  change->document_id = info->id;
  change->title = g_strdup (info->title);
  if (info->main > 0)
    change->before = cf_case_format_exhibit (self, info->main, info->sub);
  if (info->new_main > 0)
    change->after = cf_case_format_exhibit (self, info->new_main, info->new_sub);
  return change;
}

GPtrArray *
cf_case_number_exhibits (CfCase   *self,
                         gboolean  dry_run,
                         GError  **error)
{
  g_auto(Numbering) n = { 0 };
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  GHashTableIter iter;
  DocInfo *info;

  g_return_val_if_fail (CF_IS_CASE (self), NULL);

  if (!dry_run && !cf_case_require_writable (self, error))
    return NULL;
  if (!load_state (cf_case_get_db (self), &n, error))
    return NULL;

  ordered = compute (&n);
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cf_numbering_change_free);
  for (guint i = 0; i < ordered->len; i++)
    {
      info = g_ptr_array_index (ordered, i);
      if (info->main != info->new_main || info->sub != info->new_sub)
        g_ptr_array_add (changes, change_new (self, info));
    }
  /* Unlocked numbers of documents that no longer qualify disappear. */
  g_hash_table_iter_init (&iter, n.docs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
    if (info->main > 0 && info->new_main == 0)
      g_ptr_array_add (changes, change_new (self, info));

  if (!dry_run && !apply (self, &n, changes, error))
    return NULL;
  return g_steal_pointer (&changes);
}

guint
cf_case_count_unnumbered (CfCase *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  guint count = 0;

  changes = cf_case_number_exhibits (self, TRUE, NULL);
  if (changes == NULL)
    return 0;
  for (guint i = 0; i < changes->len; i++)
    {
      CfNumberingChange *change = g_ptr_array_index (changes, i);

      if (change->before == NULL && change->after != NULL)
        count++;
    }
  return count;
}
