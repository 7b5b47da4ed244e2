/* cf-window-remove.c — "Remove from Case…": taking documents imported by
 * mistake out of the case, with their families. The confirmation says what
 * goes (families included) and asks for an optional reason for the custody
 * log; there is no undo, because the original files go too.
 *
 * Members of a family are never removed on their own (the core refuses
 * it): a member selected together with its top document goes with the
 * family, one selected without it is left out and the dialog says so, and
 * a selection of members only leaves the action disabled. Evidence
 * produced to the court (a locked number in the family) is never removed:
 * such families are left out the same way, and said so. */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-window-private.h"

#include <glib/gi18n.h>

#include "cf-error.h"
#include "cf-gui-util.h"

/* How many selected documents the enabled state looks at before it gives
 * up and lets the dialog sort them out: a selection of thousands of members
 * must not read them all on every selection change. */
#define CAN_REMOVE_MAX_CHECKS 200

/* Families deeper than this are not real (a mail in a ZIP in a mail…
 * stops far sooner); the walk up stops there rather than loop on a
 * damaged case. */
#define MAX_FAMILY_DEPTH 64

gboolean
cf_window_can_remove (CfWindow *self)
{
  g_autoptr(GArray) ids = NULL;
  guint n_selected;
  CfCase *reader;

  if (self->session == NULL)
    return FALSE;
  n_selected = cf_document_table_get_n_selected (self->table);
  if (n_selected == 0)
    return FALSE;
  /* Not even the ids of a large selection (all of 100,000 rows). */
  if (n_selected > CAN_REMOVE_MAX_CHECKS)
    return TRUE;
  reader = cf_session_get_reader (self->session);
  ids = cf_document_table_get_selected_ids (self->table);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CfDocument) document = NULL;

      document = cf_case_get_document (reader, g_array_index (ids, gint64, i), NULL);
      if (document != NULL && cf_document_get_parent_id (document) == 0 &&
          !cf_document_get_exhibit_locked (document))
        return TRUE;
    }
  return FALSE;
}

/* What the selection would remove ------------------------------------------ */

typedef struct
{
  GArray *tops;        /* gint64: selected top-level documents */
  guint n_total;       /* what goes, families included */
  guint n_left_out;    /* members selected without their top document */
  guint n_produced;    /* families left out: a number in them went to the court */
} RemovePlan;

static void
remove_plan_free (RemovePlan *plan)
{
  g_array_unref (plan->tops);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemovePlan, remove_plan_free)

/* Counts the documents under document; *produced is set when one of
 * them (or document) holds a number produced to the court. */
static guint
count_descendants (CfCase     *reader,
                   CfDocument *document,
                   guint       depth,
                   gboolean   *produced)
{
  g_autoptr(GPtrArray) children = NULL;
  guint n = 0;

  if (cf_document_get_exhibit_locked (document))
    *produced = TRUE;
  if (cf_document_get_n_children (document) == 0 || depth > MAX_FAMILY_DEPTH)
    return 0;
  children = cf_case_list_children (reader, cf_document_get_id (document), NULL);
  for (guint i = 0; children != NULL && i < children->len; i++)
    n += 1 + count_descendants (reader, g_ptr_array_index (children, i), depth + 1, produced);
  return n;
}

/* The id of the top of the document's family (0 when it cannot be read). */
static gint64
top_of_family (CfCase *reader,
               gint64  parent_id)
{
  for (guint depth = 0; parent_id != 0 && depth < MAX_FAMILY_DEPTH; depth++)
    {
      g_autoptr(CfDocument) parent = cf_case_get_document (reader, parent_id, NULL);

      if (parent == NULL)
        return 0;
      if (cf_document_get_parent_id (parent) == 0)
        return parent_id;
      parent_id = cf_document_get_parent_id (parent);
    }
  return 0;
}

static RemovePlan *
plan_removal (CfWindow *self)
{
  CfCase *reader = cf_session_get_reader (self->session);
  g_autoptr(GArray) ids = cf_document_table_get_selected_ids (self->table);
  g_autoptr(GHashTable) tops = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));
  RemovePlan *plan = g_new0 (RemovePlan, 1);

  plan->tops = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CfDocument) document = cf_case_get_document (reader, g_array_index (ids, gint64, i), NULL);
      gint64 parent_id;
      gboolean produced = FALSE;
      guint n_family;

      /* Gone since the list was read: nothing to remove. */
      if (document == NULL)
        continue;
      parent_id = cf_document_get_parent_id (document);
      if (parent_id != 0)
        {
          g_array_append_val (members, parent_id);
          continue;
        }
      n_family = 1 + count_descendants (reader, document, 0, &produced);
      if (produced)
        {
          plan->n_produced++;
          continue;
        }
      g_array_append_val (plan->tops, g_array_index (ids, gint64, i));
      plan->n_total += n_family;
    }
  /* The array holds the ids the hash table points at: it is not appended
   * to any more. */
  for (guint i = 0; i < plan->tops->len; i++)
    g_hash_table_add (tops, &g_array_index (plan->tops, gint64, i));
  for (guint i = 0; i < members->len; i++)
    {
      gint64 top = top_of_family (reader, g_array_index (members, gint64, i));

      if (top == 0 || !g_hash_table_contains (tops, &top))
        plan->n_left_out++;
    }
  return plan;
}

/* Removing ----------------------------------------------------------------- */

static void
show_not_removed (CfWindow     *self,
                  const GError *error)
{
  const char *advice = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (g_error_matches (error, CF_ERROR, CF_ERROR_PRODUCED))
    advice = _("A family in the selection has an exhibit number that was produced to the court, "
               "so it stays in the case. Leave that family out of the selection and try again.");
  else if (g_error_matches (error, CF_ERROR, CF_ERROR_INVALID))
    advice = _("A member of a family goes only with its family: select the family’s top "
               "document instead.");
  if (advice == NULL)
    {
      cf_show_error (GTK_WIDGET (self), _("Nothing was removed"), error);
      return;
    }
  /* The core's message names the documents; the advice says what to do. */
  body = g_strdup_printf ("%s\n\n%s", advice, error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Nothing Was Removed"),
                                                       body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "cf-error-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  CfWindow *self;
  CfEdit *edit;
  AdwToast *working;   /* "Removing…", until the job ends */
} RemoveRequest;

static void
on_remove_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RemoveRequest *request = user_data;
  CfWindow *self = request->self;
  g_autoptr(GError) error = NULL;

  adw_toast_dismiss (request->working);
  if (!cf_session_apply_finish (CF_SESSION (object), result, &error))
    show_not_removed (self, error);
  else if (self->session == CF_SESSION (object))
    {
      guint n = cf_edit_get_n_removed (request->edit);
      g_autofree char *count = cf_format_count (n);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Removed %s document",
                                                            "Removed %s documents", n),
                                               count);

      /* The session said any document may have changed; the rows of the
       * removed ones must also go (a search runs again). */
      cf_document_table_reload (self->table);
      cf_window_update_status (self);
      cf_window_update_actions (self);
      /* No Undo button: the original files are gone. */
      cf_window_add_toast (self, text);
    }
  g_object_unref (request->self);
  g_object_unref (request->working);
  cf_edit_unref (request->edit);
  g_free (request);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CfWindow         *self)
{
  RemovePlan *plan = g_object_get_data (G_OBJECT (dialog), "cf-plan");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "cf-entry");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *count = cf_format_count (plan->tops->len);
  g_autofree char *label = NULL;
  RemoveRequest *request;

  if (g_strcmp0 (response, "remove") != 0 || self->session == NULL)
    return;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Remove %s Document", "Remove %s Documents",
                                        plan->tops->len),
                           count);
  request = g_new0 (RemoveRequest, 1);
  request->self = g_object_ref (self);
  request->edit = cf_edit_new (label);
  cf_edit_remove_documents (request->edit, (const gint64 *) (gpointer) plan->tops->data,
                            plan->tops->len, reason[0] != '\0' ? reason : NULL);
  /* Thousands take a while (about a millisecond each): say it is under
   * way until the result replaces it. */
  {
    g_autofree char *total = cf_format_count (plan->n_total);
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Removing %s document…",
                                                          "Removing %s documents…", plan->n_total),
                                             total);

    request->working = cf_toast_new (text);
    adw_toast_set_timeout (request->working, 0);
    cf_window_show_passing_toast (self, g_object_ref (request->working));
  }
  cf_session_apply_async (self->session, request->edit, on_remove_done, request);
}

static char *
describe_removal (const RemovePlan *plan)
{
  GString *body = g_string_new (NULL);
  guint n_tops = plan->tops->len;

  if (plan->n_total > n_tops)
    {
      g_autofree char *total = cf_format_count (plan->n_total);

      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "Their families go with them: %s document in all.",
                                                 "Their families go with them: %s documents in all.",
                                                 plan->n_total),
                              total);
      g_string_append (body, " ");
    }
  g_string_append (body, _("The original files are deleted from the case, except where another "
                           "document holds a copy of the same file. This cannot be undone; the "
                           "custody log keeps a record of each removal."));
  if (plan->n_left_out > 0)
    {
      g_autofree char *left_out = cf_format_count (plan->n_left_out);

      g_string_append (body, "\n\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s selected member of a family is left out: a "
                                                 "member goes only with its family’s top document.",
                                                 "%s selected members of families are left out: a "
                                                 "member goes only with its family’s top document.",
                                                 plan->n_left_out),
                              left_out);
    }
  if (plan->n_produced > 0)
    {
      g_autofree char *produced = cf_format_count (plan->n_produced);

      g_string_append (body, "\n\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s selected document is left out: it was "
                                                 "produced to the court, and produced evidence "
                                                 "stays in the case.",
                                                 "%s selected documents are left out: they were "
                                                 "produced to the court, and produced evidence "
                                                 "stays in the case.",
                                                 plan->n_produced),
                              produced);
    }
  return g_string_free (body, FALSE);
}

static void
remove_documents_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CfWindow *self = CF_WINDOW (widget);
  g_autoptr(RemovePlan) plan = NULL;
  g_autofree char *count = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->session == NULL)
    return;
  plan = plan_removal (self);
  if (plan->tops->len == 0 && plan->n_produced > 0)
    {
      cf_window_add_toast (self, _("Produced to the court: evidence whose exhibit number went out "
                                   "in a bundle stays in the case"));
      return;
    }
  if (plan->tops->len == 0)
    {
      /* Only members were selected (the enabled state looked at a few). */
      cf_window_add_toast (self, _("Members of a family go only with their family: select its top "
                                   "document to remove it"));
      return;
    }
  count = cf_format_count (plan->tops->len);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Remove %s Document?",
                                          "Remove %s Documents?", plan->tops->len),
                             count);
  body = describe_removal (plan);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry),
                                  _("Reason (optional), e.g. imported from the wrong folder"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for the removal"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  /* Enter in the reason does not remove: removing takes a deliberate
   * click (or Tab to the button), as nothing brings the files back. */
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "cf-entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "cf-plan", g_steal_pointer (&plan),
                          (GDestroyNotify) remove_plan_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
cf_window_class_init_remove (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.remove-documents", NULL,
                                   remove_documents_action);
}
