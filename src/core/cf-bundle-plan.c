/* cf-bundle-plan.c — choosing the content of a bundle (see cf-bundle-plan.h).
 *
 * A bundle holds whole families: a document tagged to a selected claim
 * brings the family it is numbered in (its highest tagged ancestor and
 * every descendant), so an email never travels without its attachments. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-bundle-plan.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "cf-case-private.h"
#include "cf-db.h"
#include "cf-error.h"
#include "cf-fsutil.h"
#include "cf-mime.h"
#include "cf-names.h"

static void
exhibit_free (CfBundleExhibit *exhibit)
{
  g_clear_object (&exhibit->document);
  g_free (exhibit->label);
  g_free (exhibit->file);
  g_free (exhibit->object_path);
  g_clear_pointer (&exhibit->tags, g_ptr_array_unref);
  g_free (exhibit);
}

static void
gap_free (CfBundleGap *gap)
{
  g_free (gap->label);
  g_free (gap);
}

void
cf_bundle_plan_free (CfBundlePlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->kase);
  g_clear_pointer (&plan->selected_claim_ids, g_array_unref);
  g_free (plan->top);
  g_free (plan->timestamp_iso);
  g_clear_pointer (&plan->claims, g_ptr_array_unref);
  g_clear_pointer (&plan->exhibit_by_document, g_hash_table_unref);
  g_clear_pointer (&plan->exhibits, g_ptr_array_unref);
  g_clear_pointer (&plan->gaps, g_ptr_array_unref);
  g_clear_pointer (&plan->privileged, g_ptr_array_unref);
  g_clear_pointer (&plan->custody, g_ptr_array_unref);
  g_free (plan);
}

/* The selected claims and all their sub-claims, in tree order. */
static gboolean
select_claims (CfBundlePlan           *plan,
               const CfExportOptions  *options,
               GHashTable             *selected,
               GError                **error)
{
  g_autoptr(GPtrArray) all = cf_case_list_claims (plan->kase, error);

  if (all == NULL)
    return FALSE;
  plan->all_claims = options->claim_ids == NULL || options->n_claim_ids == 0;
  plan->selected_claim_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; !plan->all_claims && i < options->n_claim_ids; i++)
    {
      g_autoptr(CfClaim) claim = cf_case_get_claim (plan->kase, options->claim_ids[i], error);

      if (claim == NULL)
        return FALSE;
      g_array_append_val (plan->selected_claim_ids, options->claim_ids[i]);
      g_hash_table_add (selected, g_memdup2 (&options->claim_ids[i], sizeof (gint64)));
    }

  plan->claims = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      CfClaim *claim = g_ptr_array_index (all, i);
      gint64 id = cf_claim_get_id (claim);
      gint64 parent = cf_claim_get_parent_id (claim);

      /* Tree order puts parents first, so a parent's membership is known. */
      if (plan->all_claims || g_hash_table_contains (selected, &id) ||
          (parent > 0 && g_hash_table_contains (selected, &parent)))
        {
          g_hash_table_add (selected, g_memdup2 (&id, sizeof id));
          g_ptr_array_add (plan->claims, g_object_ref (claim));
        }
    }
  return TRUE;
}

typedef struct
{
  gint64 parent_id;
  gboolean tagged;
  gboolean privileged;
  gboolean selected;   /* tagged to a selected claim */
  GArray *children;
} Node;

static void
node_free (Node *node)
{
  g_clear_pointer (&node->children, g_array_unref);
  g_free (node);
}

static gboolean
load_tree (CfBundlePlan  *plan,
           GHashTable    *selected_claims,
           GHashTable    *nodes,
           GError       **error)
{
  sqlite3 *db = cf_case_get_db (plan->kase);
  g_autoptr(sqlite3_stmt) docs = NULL;
  g_autoptr(sqlite3_stmt) tags = NULL;
  gboolean has_row;

  docs = cf_db_prepare (db, "SELECT id, parent_id, privileged FROM documents ORDER BY id", error);
  if (docs == NULL)
    return FALSE;
  for (;;)
    {
      Node *node;
      gint64 id;

      if (!cf_db_step (db, docs, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (docs, 0);
      node = g_new0 (Node, 1);
      node->parent_id = sqlite3_column_int64 (docs, 1);
      node->privileged = sqlite3_column_int (docs, 2) != 0;
      g_hash_table_insert (nodes, g_memdup2 (&id, sizeof id), node);
      if (node->parent_id > 0)
        {
          Node *parent = g_hash_table_lookup (nodes, &node->parent_id);

          if (parent != NULL)
            {
              if (parent->children == NULL)
                parent->children = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_array_append_val (parent->children, id);
            }
        }
    }

  tags = cf_db_prepare (db, "SELECT document_id, claim_id FROM tags", error);
  if (tags == NULL)
    return FALSE;
  for (;;)
    {
      gint64 doc_id, claim_id;
      Node *node;

      if (!cf_db_step (db, tags, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      doc_id = sqlite3_column_int64 (tags, 0);
      claim_id = sqlite3_column_int64 (tags, 1);
      node = g_hash_table_lookup (nodes, &doc_id);
      if (node == NULL)
        continue;
      node->tagged = TRUE;
      if (g_hash_table_contains (selected_claims, &claim_id))
        node->selected = TRUE;
    }
  return TRUE;
}

static void
collect_family (GHashTable *nodes,
                gint64      id,
                GHashTable *members,
                guint       depth)
{
  Node *node = g_hash_table_lookup (nodes, &id);

  if (node == NULL || depth > 64 || !g_hash_table_add (members, g_memdup2 (&id, sizeof id)))
    return;
  if (node->children != NULL)
    for (guint i = 0; i < node->children->len; i++)
      collect_family (nodes, g_array_index (node->children, gint64, i), members, depth + 1);
}

/* Whether deflating an exhibit pays. Known compressed formats are stored;
 * for the rest the first 64 KiB are test-compressed, which decides the
 * same way every time for the same bytes (so bundles stay reproducible)
 * and spares deflating gigabytes of noise such as raw scans. */
static gboolean
worth_compressing (const char *mime_type,
                   const char *object_path)
{
  enum { SAMPLE = 64 * 1024 };
  g_autofree guint8 *in = NULL;
  g_autofree guint8 *out = NULL;
  uLongf out_len;
  gssize n;
  int fd;

  if (cf_mime_is_compressed (mime_type))
    return FALSE;
  if (g_str_has_prefix (mime_type, "text/"))
    return TRUE;
  fd = open (object_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return TRUE;
  in = g_malloc (SAMPLE);
  n = cf_read_full (fd, in, SAMPLE, NULL);
  close (fd);
  if (n <= 0)
    return TRUE;
  out_len = compressBound (n);
  out = g_malloc (out_len);
  if (compress2 (out, &out_len, in, n, 1) != Z_OK)
    return TRUE;
  return out_len < (uLongf) n * 9 / 10;
}

static int
compare_exhibits (gconstpointer a,
                  gconstpointer b)
{
  const CfBundleExhibit *x = *(CfBundleExhibit * const *) a;
  const CfBundleExhibit *y = *(CfBundleExhibit * const *) b;

  if (x->main_number != y->main_number)
    return x->main_number < y->main_number ? -1 : 1;
  return x->sub_number < y->sub_number ? -1 : x->sub_number > y->sub_number;
}

static int
compare_documents_by_id (gconstpointer a,
                         gconstpointer b)
{
  gint64 x = cf_document_get_id (*(CfDocument * const *) a);
  gint64 y = cf_document_get_id (*(CfDocument * const *) b);

  return x < y ? -1 : x > y;
}

static int
compare_decimal_strings (gconstpointer a,
                         gconstpointer b)
{
  gint64 x = g_ascii_strtoll (*(const char * const *) a, NULL, 10);
  gint64 y = g_ascii_strtoll (*(const char * const *) b, NULL, 10);

  return x < y ? -1 : x > y;
}

static guint
digits (guint n)
{
  guint d = 1;

  while (n >= 10)
    {
      n /= 10;
      d++;
    }
  return d;
}

static void
name_files (CfBundlePlan *plan)
{
  guint max_main = 1, max_sub = 1;
  CfNumbering numbering = cf_case_get_numbering (plan->kase);
  CfParty party = cf_case_get_party (plan->kase);
  const char *prefix = cf_case_get_prefix (plan->kase);

  for (guint i = 0; i < plan->exhibits->len; i++)
    {
      CfBundleExhibit *x = g_ptr_array_index (plan->exhibits, i);

      max_main = MAX (max_main, x->main_number);
      max_sub = MAX (max_sub, x->sub_number);
    }

  for (guint i = 0; i < plan->exhibits->len; i++)
    {
      CfBundleExhibit *x = g_ptr_array_index (plan->exhibits, i);
      g_autofree char *stem = cf_exhibit_file_stem (numbering, party, prefix, x->main_number,
                                                    x->sub_number, MAX (3, digits (max_main)),
                                                    MAX (2, digits (max_sub)));
      g_autofree char *ext = cf_name_extension (cf_document_get_name (x->document));
      g_autofree char *title = g_strdup (cf_document_get_title (x->document));
      g_autofree char *wanted = NULL;
      g_autofree char *safe = NULL;

      if (ext[0] != '\0' && g_str_has_suffix (title, ext))
        title[strlen (title) - strlen (ext)] = '\0';
      /* Member names are not encrypted in an AES ZIP: an encrypted bundle
       * names files by number only, so titles (often personal data) stay
       * inside. */
      if (plan->encrypted)
        wanted = g_strconcat (stem, ext, NULL);
      else
        wanted = g_strdup_printf ("%s %s%s", stem, title, ext);
      safe = cf_name_sanitize_component (wanted, 200);
      x->file = g_strconcat ("exhibits/", safe, NULL);
    }
}

static gboolean
load_gaps (CfBundlePlan  *plan,
           GError       **error)
{
  sqlite3 *db = cf_case_get_db (plan->kase);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  plan->gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) gap_free);
  stmt = cf_db_prepare (db,
                        "SELECT main, sub, former_document_id FROM exhibits "
                        "WHERE document_id IS NULL AND locked = 1 ORDER BY main, sub",
                        error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      CfBundleGap *gap;

      if (!cf_db_step (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      gap = g_new0 (CfBundleGap, 1);
      gap->label = cf_case_format_exhibit (plan->kase, sqlite3_column_int (stmt, 0),
                                           sqlite3_column_int (stmt, 1));
      gap->former_document_id = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (plan->gaps, gap);
    }
  return TRUE;
}

static gboolean
load_custody (CfBundlePlan  *plan,
              GError       **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) all = NULL;
  const char *latest = NULL;

  for (guint i = 0; i < plan->exhibits->len; i++)
    {
      CfBundleExhibit *x = g_ptr_array_index (plan->exhibits, i);

      g_hash_table_add (wanted, g_memdup2 (&x->document_id, sizeof (gint64)));
    }
  for (guint i = 0; i < plan->privileged->len; i++)
    {
      gint64 id = cf_document_get_id (g_ptr_array_index (plan->privileged, i));

      g_hash_table_add (wanted, g_memdup2 (&id, sizeof id));
    }

  all = cf_case_list_custody (plan->kase, 0, error);
  if (all == NULL)
    return FALSE;
  /* Move the wanted entries over, in sequence order. */
  g_ptr_array_set_free_func (all, NULL);
  plan->custody = g_ptr_array_new_with_free_func ((GDestroyNotify) cf_custody_entry_free);
  for (guint i = 0; i < all->len; i++)
    {
      CfCustodyEntry *entry = g_ptr_array_index (all, i);

      if (entry->document_id > 0 && g_hash_table_contains (wanted, &entry->document_id))
        {
          g_ptr_array_add (plan->custody, entry);
          if (latest == NULL || strcmp (entry->time, latest) > 0)
            latest = entry->time;
        }
      else
        cf_custody_entry_free (entry);
    }

  /* Every member carries the time of the last change to what the bundle
   * holds, so an unchanged case exports the same bytes. */
  if (latest == NULL)
    latest = cf_case_get_created (plan->kase);
  plan->timestamp_iso = g_strdup (latest);
  if (!cf_iso_to_unix (latest, &plan->timestamp))
    plan->timestamp = 0;
  return TRUE;
}

static char *
top_folder_name (CfCase *kase)
{
  const char *number = cf_case_get_case_number (kase);
  g_autofree char *wanted = NULL;

  if (number != NULL && number[0] != '\0')
    wanted = g_strdup_printf ("%s (%s)", cf_case_get_title (kase), number);
  else
    wanted = g_strdup (cf_case_get_title (kase));
  return cf_name_sanitize_component (wanted, 120);
}

CfBundlePlan *
cf_bundle_plan_new (CfCase                 *kase,
                    const CfExportOptions  *options,
                    GError                **error)
{
  g_autoptr(CfBundlePlan) plan = g_new0 (CfBundlePlan, 1);
  g_autoptr(GHashTable) selected_claims = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) node_free);
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) unnumbered = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  plan->kase = g_object_ref (kase);
  plan->format = options->format;
  plan->encrypted = options->passphrase != NULL;
  if (!select_claims (plan, options, selected_claims, error) ||
      !load_tree (plan, selected_claims, nodes, error))
    return NULL;

  /* Every document tagged to a selected claim brings its whole family:
   * up to its highest tagged ancestor, then everything below. */
  g_hash_table_iter_init (&iter, nodes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Node *node = value;
      gint64 root = *(gint64 *) key;
      guint guard = 0;

      if (!node->selected)
        continue;
      for (gint64 id = root; id > 0 && guard < 10000; guard++)
        {
          Node *n = g_hash_table_lookup (nodes, &id);

          if (n == NULL)
            break;
          if (n->tagged)
            root = id;
          id = n->parent_id;
        }
      collect_family (nodes, root, members, 0);
    }

  plan->exhibits = g_ptr_array_new_with_free_func ((GDestroyNotify) exhibit_free);
  plan->exhibit_by_document = g_hash_table_new (g_int64_hash, g_int64_equal);
  plan->privileged = g_ptr_array_new_with_free_func (g_object_unref);

  /* Exporting everything withholds every privileged document, tagged or
   * not: the privilege log must list them all. */
  if (plan->all_claims)
    {
      g_hash_table_iter_init (&iter, nodes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (((Node *) value)->privileged && !g_hash_table_contains (members, key))
          g_hash_table_add (members, g_memdup2 (key, sizeof (gint64)));
    }

  g_hash_table_iter_init (&iter, members);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(CfDocument) doc = cf_case_get_document (kase, *(gint64 *) key, error);
      CfBundleExhibit *x;

      if (doc == NULL)
        return NULL;
      if (cf_document_get_privileged (doc))
        {
          g_ptr_array_add (plan->privileged, g_steal_pointer (&doc));
          continue;
        }
      /* Bytes that could not be stored (an encrypted member) cannot be an
       * exhibit; the document list still shows them. */
      if (cf_document_get_sha256 (doc) == NULL)
        continue;
      if (cf_document_get_exhibit_main (doc) == 0)
        {
          g_ptr_array_add (unnumbered, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                        cf_document_get_id (doc)));
          continue;
        }
      x = g_new0 (CfBundleExhibit, 1);
      x->document = g_steal_pointer (&doc);
      x->document_id = cf_document_get_id (x->document);
      x->main_number = cf_document_get_exhibit_main (x->document);
      x->sub_number = cf_document_get_exhibit_sub (x->document);
      x->label = g_strdup (cf_document_get_exhibit (x->document));
      x->object_path = cf_case_dup_object_path (kase, x->document);
      x->compress = worth_compressing (cf_document_get_mime_type (x->document), x->object_path);
      x->tags = g_ptr_array_new_with_free_func (g_object_unref);
      plan->bytes_total += cf_document_get_size (x->document);
      g_ptr_array_add (plan->exhibits, x);
    }

  if (unnumbered->len > 0)
    {
      g_autofree char *ids = NULL;
      guint n_unnumbered = unnumbered->len;

      g_ptr_array_sort (unnumbered, compare_decimal_strings);
      if (unnumbered->len > 10)
        g_ptr_array_set_size (unnumbered, 10);
      g_ptr_array_add (unnumbered, NULL);
      ids = g_strjoinv (", ", (char **) unnumbered->pdata);
      g_set_error (error, CF_ERROR, CF_ERROR_NOT_NUMBERED,
                   "Some documents of this selection have no exhibit number yet "
                   "(documents %s%s). Assign exhibit numbers first.",
                   ids, n_unnumbered > 10 ? ", …" : "");
      return NULL;
    }

  g_ptr_array_sort (plan->exhibits, compare_exhibits);
  g_ptr_array_sort (plan->privileged, compare_documents_by_id);
  for (guint i = 0; i < plan->exhibits->len; i++)
    {
      CfBundleExhibit *x = g_ptr_array_index (plan->exhibits, i);
      g_autoptr(GPtrArray) tags = cf_case_list_tags (kase, cf_document_get_id (x->document), error);

      if (tags == NULL)
        return NULL;
      g_hash_table_insert (plan->exhibit_by_document, &x->document_id, x);
      for (guint t = 0; t < tags->len; t++)
        {
          CfTag *tag = g_ptr_array_index (tags, t);
          gint64 claim_id = cf_tag_get_claim_id (tag);

          if (g_hash_table_contains (selected_claims, &claim_id))
            g_ptr_array_add (x->tags, g_object_ref (tag));
        }
    }

  plan->top = top_folder_name (kase);
  name_files (plan);
  if (!load_gaps (plan, error) || !load_custody (plan, error))
    return NULL;

  return g_steal_pointer (&plan);
}
