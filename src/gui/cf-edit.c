/* cf-edit.c — edits as steps over the core API, each applied step giving
 * back its inverse (see cf-edit.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-edit.h"

#include "cf-search.h"

typedef enum
{
  STEP_TAG,
  STEP_UNTAG,
  STEP_EDIT_DOCUMENT,
  STEP_PRIVILEGE,
  STEP_EDIT_CLAIM,
  STEP_MOVE_CLAIM,
  STEP_ADD_CLAIM,
  STEP_REMOVE_CLAIM,
  STEP_SAVE_SEARCH,
  STEP_REMOVE_SEARCH,
  STEP_REMOVE_DOCUMENTS,
} StepKind;

typedef struct
{
  StepKind kind;
  gint64 claim_id;         /* the claim of tag, untag and claim steps */
  GArray *ids;             /* documents of tag and untag; one for document steps */
  CfStance stance;
  char *pinpoint;
  char *note;
  char *title;
  char *date;
  char *author;
  char *basis;
  char *description;
  int side;
  gint64 parent_id;
  int position;
  char *name;              /* of a saved search */
  char *query;
  char *reason;            /* of a removal */
} Step;

struct _CfEdit
{
  char *label;
  GPtrArray *steps;        /* Step */
  gint64 added_claim;
  guint n_removed;
};

G_DEFINE_BOXED_TYPE (CfEdit, cf_edit, cf_edit_ref, cf_edit_unref)

static void
step_free (Step *step)
{
  g_clear_pointer (&step->ids, g_array_unref);
  g_free (step->pinpoint);
  g_free (step->note);
  g_free (step->title);
  g_free (step->date);
  g_free (step->author);
  g_free (step->basis);
  g_free (step->description);
  g_free (step->name);
  g_free (step->query);
  g_free (step->reason);
  g_free (step);
}

static Step *
step_new (StepKind kind)
{
  Step *step = g_new0 (Step, 1);

  step->kind = kind;
  step->side = -1;
  step->position = -1;
  return step;
}

static GArray *
ids_new (const gint64 *ids,
         guint         n_ids)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);

  g_array_append_vals (array, ids, n_ids);
  return array;
}

CfEdit *
cf_edit_new (const char *label)
{
  CfEdit *self = g_atomic_rc_box_new0 (CfEdit);

  self->label = g_strdup (label);
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  return self;
}

CfEdit *
cf_edit_ref (CfEdit *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
edit_clear (CfEdit *self)
{
  g_free (self->label);
  g_ptr_array_unref (self->steps);
}

void
cf_edit_unref (CfEdit *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) edit_clear);
}

const char *
cf_edit_get_label (CfEdit *self)
{
  return self->label;
}

GArray *
cf_edit_get_document_ids (CfEdit *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->steps->len; i++)
    {
      Step *step = g_ptr_array_index (self->steps, i);

      for (guint j = 0; step->ids != NULL && j < step->ids->len; j++)
        {
          gint64 *id = &g_array_index (step->ids, gint64, j);

          if (g_hash_table_add (seen, id))
            g_array_append_val (ids, *id);
        }
    }
  return ids;
}

gboolean
cf_edit_changes_claims (CfEdit *self)
{
  for (guint i = 0; i < self->steps->len; i++)
    {
      Step *step = g_ptr_array_index (self->steps, i);

      if (step->kind != STEP_EDIT_DOCUMENT && step->kind != STEP_PRIVILEGE &&
          step->kind != STEP_SAVE_SEARCH && step->kind != STEP_REMOVE_SEARCH)
        return TRUE;
    }
  return FALSE;
}

gboolean
cf_edit_changes_saved_searches (CfEdit *self)
{
  for (guint i = 0; i < self->steps->len; i++)
    {
      Step *step = g_ptr_array_index (self->steps, i);

      if (step->kind == STEP_SAVE_SEARCH || step->kind == STEP_REMOVE_SEARCH)
        return TRUE;
    }
  return FALSE;
}

gboolean
cf_edit_is_undoable (CfEdit *self)
{
  for (guint i = 0; i < self->steps->len; i++)
    {
      Step *step = g_ptr_array_index (self->steps, i);

      if (step->kind == STEP_ADD_CLAIM || step->kind == STEP_REMOVE_CLAIM ||
          step->kind == STEP_REMOVE_DOCUMENTS)
        return FALSE;
    }
  return TRUE;
}

gboolean
cf_edit_is_empty (CfEdit *self)
{
  return self->steps->len == 0;
}

gint64
cf_edit_get_added_claim (CfEdit *self)
{
  return self->added_claim;
}

gboolean
cf_edit_removes_documents (CfEdit *self)
{
  for (guint i = 0; i < self->steps->len; i++)
    {
      Step *step = g_ptr_array_index (self->steps, i);

      if (step->kind == STEP_REMOVE_DOCUMENTS)
        return TRUE;
    }
  return FALSE;
}

guint
cf_edit_get_n_removed (CfEdit *self)
{
  return self->n_removed;
}

void
cf_edit_tag (CfEdit       *self,
             gint64        claim_id,
             const gint64 *ids,
             guint         n_ids,
             CfStance      stance,
             const char   *pinpoint,
             const char   *note)
{
  Step *step;

  g_return_if_fail (ids != NULL || n_ids == 0);

  step = step_new (STEP_TAG);
  step->claim_id = claim_id;
  step->ids = ids_new (ids, n_ids);
  step->stance = stance;
  step->pinpoint = g_strdup (pinpoint);
  step->note = g_strdup (note);
  g_ptr_array_add (self->steps, step);
}

void
cf_edit_untag (CfEdit       *self,
               gint64        claim_id,
               const gint64 *ids,
               guint         n_ids)
{
  Step *step;

  g_return_if_fail (ids != NULL || n_ids == 0);

  step = step_new (STEP_UNTAG);
  step->claim_id = claim_id;
  step->ids = ids_new (ids, n_ids);
  g_ptr_array_add (self->steps, step);
}

void
cf_edit_document (CfEdit     *self,
                  gint64      id,
                  const char *title,
                  const char *date,
                  const char *author)
{
  Step *step = step_new (STEP_EDIT_DOCUMENT);

  step->ids = ids_new (&id, 1);
  step->title = g_strdup (title);
  step->date = g_strdup (date);
  step->author = g_strdup (author);
  g_ptr_array_add (self->steps, step);
}

void
cf_edit_privilege (CfEdit     *self,
                   gint64      id,
                   const char *basis)
{
  Step *step = step_new (STEP_PRIVILEGE);

  step->ids = ids_new (&id, 1);
  step->basis = g_strdup (basis);
  g_ptr_array_add (self->steps, step);
}

void
cf_edit_claim (CfEdit     *self,
               gint64      claim_id,
               const char *title,
               const char *description,
               int         side)
{
  Step *step = step_new (STEP_EDIT_CLAIM);

  step->claim_id = claim_id;
  step->title = g_strdup (title);
  step->description = g_strdup (description);
  step->side = side;
  g_ptr_array_add (self->steps, step);
}

void
cf_edit_move_claim (CfEdit *self,
                    gint64  claim_id,
                    gint64  parent_id,
                    int     position)
{
  Step *step = step_new (STEP_MOVE_CLAIM);

  step->claim_id = claim_id;
  step->parent_id = parent_id;
  step->position = position;
  g_ptr_array_add (self->steps, step);
}

void
cf_edit_add_claim (CfEdit     *self,
                   const char *title,
                   gint64      parent_id,
                   CfSide      side,
                   const char *description)
{
  Step *step = step_new (STEP_ADD_CLAIM);

  step->title = g_strdup (title);
  step->parent_id = parent_id;
  step->side = side;
  step->description = g_strdup (description);
  g_ptr_array_add (self->steps, step);
}

void
cf_edit_remove_claim (CfEdit *self,
                      gint64  claim_id)
{
  Step *step = step_new (STEP_REMOVE_CLAIM);

  step->claim_id = claim_id;
  g_ptr_array_add (self->steps, step);
}

void
cf_edit_save_search (CfEdit     *self,
                     const char *name,
                     const char *query)
{
  Step *step = step_new (STEP_SAVE_SEARCH);

  step->name = g_strdup (name);
  step->query = g_strdup (query);
  g_ptr_array_add (self->steps, step);
}

void
cf_edit_remove_search (CfEdit     *self,
                       const char *name)
{
  Step *step = step_new (STEP_REMOVE_SEARCH);

  step->name = g_strdup (name);
  g_ptr_array_add (self->steps, step);
}

void
cf_edit_remove_documents (CfEdit       *self,
                          const gint64 *ids,
                          guint         n_ids,
                          const char   *reason)
{
  Step *step;

  g_return_if_fail (ids != NULL || n_ids == 0);

  step = step_new (STEP_REMOVE_DOCUMENTS);
  step->ids = ids_new (ids, n_ids);
  step->reason = g_strdup (reason);
  g_ptr_array_add (self->steps, step);
}

/* Applying ------------------------------------------------------------------ */

/* The inverse runs its steps in reverse order of the original's, so each
 * original step puts its inverse at the front. */
static void
inverse_add (CfEdit *inverse,
             Step   *step)
{
  g_ptr_array_insert (inverse->steps, 0, step);
}

static CfTag *
find_tag (CfCase  *kase,
          gint64   document_id,
          gint64   claim_id,
          GError **error,
          gboolean *failed)
{
  g_autoptr(GPtrArray) tags = cf_case_list_tags (kase, document_id, error);

  *failed = tags == NULL;
  if (tags == NULL)
    return NULL;
  for (guint i = 0; i < tags->len; i++)
    {
      CfTag *tag = g_ptr_array_index (tags, i);

      if (cf_tag_get_claim_id (tag) == claim_id)
        return g_object_ref (tag);
    }
  return NULL;
}

/* Groups the documents already tagged to the claim by what their tag says,
 * so that putting them back takes one core call per distinct tag, and
 * collects the ones that were not tagged. */
static gboolean
collect_previous_tags (CfCase      *kase,
                       Step        *step,
                       GHashTable  *groups,
                       GArray      *untagged,
                       GError     **error)
{
  for (guint i = 0; i < step->ids->len; i++)
    {
      gint64 id = g_array_index (step->ids, gint64, i);
      g_autoptr(CfTag) tag = NULL;
      gboolean failed;
      Step *group;
      char *key;

      tag = find_tag (kase, id, step->claim_id, error, &failed);
      if (failed)
        return FALSE;
      if (tag == NULL)
        {
          g_array_append_val (untagged, id);
          continue;
        }
      key = g_strdup_printf ("%d\x1f%s\x1f%s", cf_tag_get_stance (tag),
                             cf_tag_get_pinpoint (tag) ? cf_tag_get_pinpoint (tag) : "",
                             cf_tag_get_note (tag) ? cf_tag_get_note (tag) : "");
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = step_new (STEP_TAG);
          group->claim_id = step->claim_id;
          group->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          group->stance = cf_tag_get_stance (tag);
          /* Explicit "" so that putting back clears what the edit set. */
          group->pinpoint = g_strdup (cf_tag_get_pinpoint (tag) ? cf_tag_get_pinpoint (tag) : "");
          group->note = g_strdup (cf_tag_get_note (tag) ? cf_tag_get_note (tag) : "");
          g_hash_table_insert (groups, key, group);
        }
      else
        g_free (key);
      g_array_append_val (group->ids, id);
    }
  return TRUE;
}

static void
add_groups (CfEdit     *inverse,
            GHashTable *groups)
{
  GHashTableIter iter;
  Step *group;

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &group))
    {
      g_hash_table_iter_steal (&iter);
      inverse_add (inverse, group);
    }
}

static gboolean
apply_tag (CfCase  *kase,
           Step    *step,
           CfEdit  *inverse,
           GError **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) step_free);
  g_autoptr(GArray) untagged = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!collect_previous_tags (kase, step, groups, untagged, error) ||
      !cf_case_tag (kase, step->claim_id, (const gint64 *) (gpointer) step->ids->data,
                    step->ids->len, step->stance, step->pinpoint, step->note, error))
    return FALSE;
  if (untagged->len > 0)
    {
      Step *untag = step_new (STEP_UNTAG);

      untag->claim_id = step->claim_id;
      untag->ids = g_steal_pointer (&untagged);
      inverse_add (inverse, untag);
    }
  add_groups (inverse, groups);
  return TRUE;
}

static gboolean
apply_untag (CfCase  *kase,
             Step    *step,
             CfEdit  *inverse,
             GError **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) step_free);
  g_autoptr(GArray) untagged = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!collect_previous_tags (kase, step, groups, untagged, error) ||
      !cf_case_untag (kase, step->claim_id, (const gint64 *) (gpointer) step->ids->data,
                      step->ids->len, error))
    return FALSE;
  add_groups (inverse, groups);
  return TRUE;
}

static gboolean
apply_edit_document (CfCase  *kase,
                     Step    *step,
                     CfEdit  *inverse,
                     GError **error)
{
  gint64 id = g_array_index (step->ids, gint64, 0);
  g_autoptr(CfDocument) before = cf_case_get_document (kase, id, error);
  const char *date, *author;
  Step *back;

  if (before == NULL ||
      !cf_case_edit_document (kase, id, step->title, step->date, step->author, error))
    return FALSE;
  date = cf_document_get_date (before);
  author = cf_document_get_author (before);
  back = step_new (STEP_EDIT_DOCUMENT);
  back->ids = ids_new (&id, 1);
  back->title = step->title ? g_strdup (cf_document_get_title (before)) : NULL;
  back->date = step->date ? g_strdup (date ? date : "") : NULL;
  back->author = step->author ? g_strdup (author ? author : "") : NULL;
  inverse_add (inverse, back);
  return TRUE;
}

static gboolean
apply_privilege (CfCase  *kase,
                 Step    *step,
                 CfEdit  *inverse,
                 GError **error)
{
  gint64 id = g_array_index (step->ids, gint64, 0);
  g_autoptr(CfDocument) before = cf_case_get_document (kase, id, error);
  Step *back;

  if (before == NULL || !cf_case_set_privileged (kase, id, step->basis, error))
    return FALSE;
  back = step_new (STEP_PRIVILEGE);
  back->ids = ids_new (&id, 1);
  back->basis = cf_document_get_privileged (before)
    ? g_strdup (cf_document_get_privilege_basis (before)) : NULL;
  inverse_add (inverse, back);
  return TRUE;
}

static gboolean
apply_edit_claim (CfCase  *kase,
                  Step    *step,
                  CfEdit  *inverse,
                  GError **error)
{
  g_autoptr(CfClaim) before = cf_case_get_claim (kase, step->claim_id, error);
  Step *back;

  if (before == NULL ||
      !cf_case_edit_claim (kase, step->claim_id, step->title, step->description, step->side, error))
    return FALSE;
  back = step_new (STEP_EDIT_CLAIM);
  back->claim_id = step->claim_id;
  back->title = step->title ? g_strdup (cf_claim_get_title (before)) : NULL;
  back->description = step->description ? g_strdup (cf_claim_get_description (before)) : NULL;
  back->side = step->side >= 0 ? (int) cf_claim_get_side (before) : -1;
  inverse_add (inverse, back);
  return TRUE;
}

static gboolean
apply_move_claim (CfCase  *kase,
                  Step    *step,
                  CfEdit  *inverse,
                  GError **error)
{
  g_autoptr(CfClaim) before = cf_case_get_claim (kase, step->claim_id, error);
  Step *back;

  if (before == NULL ||
      !cf_case_move_claim (kase, step->claim_id, step->parent_id, step->position, error))
    return FALSE;
  back = step_new (STEP_MOVE_CLAIM);
  back->claim_id = step->claim_id;
  back->parent_id = cf_claim_get_parent_id (before);
  back->position = cf_claim_get_position (before);
  inverse_add (inverse, back);
  return TRUE;
}

/* The saved search of that name: its id and query; 0 when there is none. */
static gint64
find_saved_search (CfCase      *kase,
                   const char  *name,
                   char       **query,
                   GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  g_auto(GStrv) pairs = cf_case_list_saved_searches (kase, &ids, error);

  *query = NULL;
  for (guint i = 0; pairs != NULL && pairs[2 * i] != NULL && pairs[2 * i + 1] != NULL; i++)
    if (g_strcmp0 (pairs[2 * i], name) == 0)
      {
        *query = g_strdup (pairs[2 * i + 1]);
        return g_array_index (ids, gint64, i);
      }
  return 0;
}

static gboolean
apply_save_search (CfCase  *kase,
                   Step    *step,
                   CfEdit  *inverse,
                   GError **error)
{
  g_autofree char *previous = NULL;
  GError *local_error = NULL;
  Step *back;

  /* Saving under a name in use replaces that search's query. */
  find_saved_search (kase, step->name, &previous, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (cf_case_save_search (kase, step->name, step->query, error) == 0)
    return FALSE;
  back = step_new (previous ? STEP_SAVE_SEARCH : STEP_REMOVE_SEARCH);
  back->name = g_strdup (step->name);
  back->query = g_steal_pointer (&previous);
  inverse_add (inverse, back);
  return TRUE;
}

static gboolean
apply_remove_search (CfCase  *kase,
                     Step    *step,
                     CfEdit  *inverse,
                     GError **error)
{
  g_autofree char *query = NULL;
  GError *local_error = NULL;
  gint64 id = find_saved_search (kase, step->name, &query, &local_error);
  Step *back;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  /* Already gone (removed from another window): nothing to put back. */
  if (id == 0)
    return TRUE;
  if (!cf_case_remove_saved_search (kase, id, error))
    return FALSE;
  back = step_new (STEP_SAVE_SEARCH);
  back->name = g_strdup (step->name);
  back->query = g_steal_pointer (&query);
  inverse_add (inverse, back);
  return TRUE;
}

static gboolean
apply_step (CfEdit  *self,
            CfCase  *kase,
            Step    *step,
            CfEdit  *inverse,
            GError **error)
{
  switch (step->kind)
    {
    case STEP_TAG:
      return apply_tag (kase, step, inverse, error);
    case STEP_UNTAG:
      return apply_untag (kase, step, inverse, error);
    case STEP_EDIT_DOCUMENT:
      return apply_edit_document (kase, step, inverse, error);
    case STEP_PRIVILEGE:
      return apply_privilege (kase, step, inverse, error);
    case STEP_EDIT_CLAIM:
      return apply_edit_claim (kase, step, inverse, error);
    case STEP_MOVE_CLAIM:
      return apply_move_claim (kase, step, inverse, error);
    case STEP_ADD_CLAIM:
      self->added_claim = cf_case_add_claim (kase, step->title, step->parent_id, step->side,
                                             step->description, error);
      return self->added_claim > 0;
    case STEP_REMOVE_CLAIM:
      return cf_case_remove_claim (kase, step->claim_id, TRUE, error);
    case STEP_SAVE_SEARCH:
      return apply_save_search (kase, step, inverse, error);
    case STEP_REMOVE_SEARCH:
      return apply_remove_search (kase, step, inverse, error);
    case STEP_REMOVE_DOCUMENTS:
      {
        guint n_removed = 0;

        /* The core refuses the whole removal or makes all of it, in one
         * transaction: nothing to put back on failure. */
        if (!cf_case_remove_documents (kase, (const gint64 *) (gpointer) step->ids->data,
                                       step->ids->len, step->reason, &n_removed, error))
          return FALSE;
        self->n_removed += n_removed;
        return TRUE;
      }
    default:
      g_assert_not_reached ();
      return FALSE;
    }
}

CfEdit *
cf_edit_apply (CfEdit  *self,
               CfCase  *kase,
               GError **error)
{
  g_autoptr(CfEdit) inverse = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (CF_IS_CASE (kase), NULL);

  inverse = cf_edit_new (self->label);
  for (guint i = 0; i < self->steps->len; i++)
    {
      Step *step = g_ptr_array_index (self->steps, i);

      if (!apply_step (self, kase, step, inverse, error))
        {
          g_autoptr(GError) rollback_error = NULL;
          g_autoptr(CfEdit) again = NULL;

          /* Put back what the earlier steps did, so a failed edit leaves
           * the case as it found it (as far as the case lets us). */
          if (!cf_edit_is_empty (inverse))
            {
              again = cf_edit_apply (inverse, kase, &rollback_error);
              if (again == NULL)
                g_debug ("Could not undo the partial edit “%s”: %s",
                         self->label, rollback_error->message);
            }
          return NULL;
        }
    }
  return g_steal_pointer (&inverse);
}
