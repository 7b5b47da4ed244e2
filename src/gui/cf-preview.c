/* cf-preview.c — one document shown the way its kind reads best (see
 * cf-preview.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-preview.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cf-extraction.h"
#include "cf-gui-util.h"
#include "cf-preview-private.h"
#include "cf-render.h"

/* Marking stops there: a common word in a long text is marked enough. */
#define MARKS_MAX         2000

struct _CfPreview
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkStack *stack;
  GtkImage *status_icon;
  GtkLabel *status_title;
  GtkLabel *status_description;
  CfPageView *page_view;
  GtkGrid *headers_grid;
  GtkWidget *headers_separator;
  GtkWidget *text_scroller;
  GtkTextView *text_view;
  GtkLabel *note_label;
  GtkWidget *family_box;
  GtkLabel *family_label;
  GtkListBox *family_list;

  CfSession *session;
  CfDocument *document;
  char *shown;              /* what the preview shows, to keep it when unchanged */
  GStrv terms;
  CfPreviewKind kind;
  GCancellable *cancellable;
  GArray *family_ids;       /* gint64, in row order */
  GHashTable *headers;      /* name → value shown */
  char *text;               /* the text in the view */
  gboolean text_partial;    /* only part of the document's text shows */
  guint n_marked;
  int first_mark_line;
  guint scroll_source;
};

G_DEFINE_FINAL_TYPE (CfPreview, cf_preview, GTK_TYPE_WIDGET)

enum {
  OPEN_DOCUMENT,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static gboolean
is_text (const char *mime_type)
{
  return mime_type != NULL &&
         (g_str_has_prefix (mime_type, "text/") || strcmp (mime_type, "application/json") == 0 ||
          strcmp (mime_type, "application/xml") == 0);
}

static gboolean
is_mail (const char *mime_type)
{
  return g_strcmp0 (mime_type, "message/rfc822") == 0 ||
         g_strcmp0 (mime_type, "application/vnd.ms-outlook") == 0;
}

/* Statuses ------------------------------------------------------------------------ */

static void
set_note (CfPreview  *self,
          const char *note)
{
  gtk_label_set_text (self->note_label, note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
}

static void
show_status (CfPreview     *self,
             CfPreviewKind  kind,
             const char    *icon,
             const char    *title,
             const char    *description)
{
  self->kind = kind;
  gtk_image_set_from_icon_name (self->status_icon, icon);
  gtk_label_set_text (self->status_title, title);
  gtk_label_set_text (self->status_description, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_description), description != NULL);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

/* Why a document shows no text: what reading found, and the reason the
 * case recorded. */
static void
show_unread (CfPreview *self)
{
  CfDocument *document = self->document;
  const char *text_status = cf_document_get_text_status (document);
  const char *problem = cf_document_get_problem (document);
  const char *why = cf_text_status_label (text_status);
  g_autofree char *description = NULL;

  if (cf_document_get_status (document) != CF_STATUS_OK || g_strcmp0 (text_status, "failed") == 0)
    {
      description = g_strdup (problem ? problem : _("No reason was recorded"));
      show_status (self, CF_PREVIEW_ERROR, "dialog-warning-symbolic", _("Could Not Be Read"), description);
      return;
    }
  if (g_strcmp0 (text_status, "pending") == 0)
    {
      show_status (self, CF_PREVIEW_NONE, "content-loading-symbolic", _("Not Read Yet"),
                   _("Casefile reads what it imports; this document shows here once it is read."));
      return;
    }
  if (cf_document_get_n_children (document) > 0)
    {
      show_status (self, CF_PREVIEW_NONE, "folder-symbolic", _("A Family of Documents"),
                   _("It has no text of its own; what it holds is listed below."));
      return;
    }
  show_status (self, CF_PREVIEW_NONE, "x-office-document-symbolic", _("No Preview"),
               why ? why : _("Reading found no text in this document."));
}

/* Marking hits in the text ----------------------------------------------------------- */

static gboolean
scroll_to_first_hit (gpointer data)
{
  CfPreview *self = data;
  GtkTextMark *mark = gtk_text_buffer_get_mark (gtk_text_view_get_buffer (self->text_view), "first-hit");

  self->scroll_source = 0;
  if (self->n_marked > 0)
    gtk_text_view_scroll_to_mark (self->text_view, mark, 0.0, TRUE, 0.0, 0.2);
  return G_SOURCE_REMOVE;
}

static void
mark_hits (CfPreview *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GtkTextIter start, end;
  const char *cursor;
  glong offset = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "hit", &start, &end);
  self->n_marked = 0;
  self->first_mark_line = -1;
  if (self->text == NULL || self->terms == NULL)
    return;
  regex = cf_preview_terms_regex (self->terms);
  if (regex == NULL)
    return;
  cursor = self->text;
  /* Offsets count characters; walk them along with the matches. */
  for (g_regex_match (regex, self->text, 0, &match);
       g_match_info_matches (match) && self->n_marked < MARKS_MAX;
       g_match_info_next (match, NULL))
    {
      int from, to;
      glong from_chars, length;

      g_match_info_fetch_pos (match, 0, &from, &to);
      if (to <= from)
        continue;
      offset += g_utf8_pointer_to_offset (cursor, self->text + from);
      from_chars = offset;
      length = g_utf8_pointer_to_offset (self->text + from, self->text + to);
      cursor = self->text + from;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, from_chars);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, from_chars + length);
      gtk_text_buffer_apply_tag_by_name (buffer, "hit", &start, &end);
      if (self->n_marked++ == 0)
        {
          GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "first-hit");

          self->first_mark_line = gtk_text_iter_get_line (&start);
          gtk_text_buffer_move_mark (buffer, mark, &start);
          gtk_text_view_scroll_to_mark (self->text_view, mark, 0.0, TRUE, 0.0, 0.2);
        }
    }
  /* Again once the text is laid out (GTK lays long text out in idle time
   * and its first estimate of where a line is can be far off). */
  if (self->n_marked > 0 && self->scroll_source == 0)
    self->scroll_source = g_idle_add_full (G_PRIORITY_LOW, scroll_to_first_hit, self, NULL);
}

/* Showing text ---------------------------------------------------------------------- */

static void
clear_headers (CfPreview *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->headers_grid))) != NULL)
    gtk_grid_remove (self->headers_grid, child);
  g_hash_table_remove_all (self->headers);
  gtk_widget_set_visible (GTK_WIDGET (self->headers_grid), FALSE);
  gtk_widget_set_visible (self->headers_separator, FALSE);
}

static void
add_header (CfPreview  *self,
            const char *name,
            const char *label,
            const char *value)
{
  GtkWidget *key, *text;
  int row = g_hash_table_size (self->headers);

  if (value == NULL || value[0] == '\0')
    return;
  key = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (key), 1);
  gtk_label_set_yalign (GTK_LABEL (key), 0);
  gtk_widget_add_css_class (key, "dim-label");
  text = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_hexpand (text, TRUE);
  if (g_str_equal (name, "Subject"))
    gtk_widget_add_css_class (text, "heading");
  gtk_grid_attach (self->headers_grid, key, 0, row, 1, 1);
  gtk_grid_attach (self->headers_grid, text, 1, row, 1, 1);
  g_hash_table_insert (self->headers, g_strdup (name), g_strdup (value));
  gtk_widget_set_visible (GTK_WIDGET (self->headers_grid), TRUE);
  gtk_widget_set_visible (self->headers_separator, TRUE);
}

static void
set_text (CfPreview  *self,
          const char *text,
          gsize       length)
{
  g_free (self->text);
  self->text = g_strndup (text, length);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), self->text, -1);
  mark_hits (self);
  gtk_stack_set_visible_child_name (self->stack, "text");
}

static char *
encoding_note (const char *encoding)
{
  if (encoding == NULL)
    return g_strdup (_("The text read from the document"));
  if (g_ascii_strcasecmp (encoding, "CP949") == 0)
    return g_strdup (_("Read as CP949 (Korean legacy encoding)"));
  /* TRANSLATORS: %s is a character encoding such as UTF-8 or WINDOWS-1252 */
  return g_strdup_printf (_("Read as %s"), encoding);
}

/* Reading in the pool --------------------------------------------------------------- */

static GtkWidget *
family_row_new (CfDocument *member)
{
  GtkWidget *row = adw_action_row_new ();
  const char *mime = cf_document_get_mime_type (member);
  g_autofree char *content_type = g_content_type_from_mime_type (mime ? mime : "application/octet-stream");
  g_autoptr(GIcon) icon = content_type ? g_content_type_get_symbolic_icon (content_type) : NULL;
  g_autofree char *type = cf_short_type_label (mime);
  g_autofree char *size = g_format_size (cf_document_get_size (member));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", type, size);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cf_document_get_title (member));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_gicon (icon));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
show_family (CfPreview *self,
             GPtrArray *family)
{
  const char *mime = cf_document_get_mime_type (self->document);
  const char *heading;
  g_autofree char *label = NULL;

  for (guint i = 0; i < family->len; i++)
    {
      gint64 id = cf_document_get_id (g_ptr_array_index (family, i));

      gtk_list_box_append (self->family_list, family_row_new (g_ptr_array_index (family, i)));
      g_array_append_val (self->family_ids, id);
    }
  if (is_mail (mime))
    heading = _("Attachments");
  else if (g_strcmp0 (mime, "application/mbox") == 0)
    heading = _("Messages");
  else
    heading = _("Members");
  /* TRANSLATORS: "Attachments (2)": what the document holds and how many */
  label = g_strdup_printf (_("%s (%u)"), heading, family->len);
  gtk_label_set_text (self->family_label, label);
  gtk_widget_set_visible (self->family_box, family->len > 0);
}

static void
show_read_text (CfPreview        *self,
                CfPreviewOutcome *outcome)
{
  CfDocument *document = self->document;
  g_autofree char *note = NULL;

  clear_headers (self);
  if (is_mail (cf_document_get_mime_type (document)))
    {
      g_autofree char *sent = cf_preview_format_sent (outcome->sent);

      add_header (self, "From", _("From"), cf_document_get_author (document));
      if (outcome->to != NULL || outcome->cc != NULL || outcome->bcc != NULL)
        {
          add_header (self, "To", _("To"), outcome->to);
          add_header (self, "Cc", _("Cc"), outcome->cc);
          add_header (self, "Bcc", _("Bcc"), outcome->bcc);
        }
      else
        {
          /* Read before To and Cc were kept apart: all the recipients. */
          add_header (self, "To", _("To / Cc"), cf_document_get_recipients (document));
        }
      add_header (self, "Date", _("Date"), sent ? sent : cf_document_get_date (document));
      add_header (self, "Subject", _("Subject"), outcome->subject ? outcome->subject
                                                                  : cf_document_get_title (document));
      self->kind = CF_PREVIEW_MAIL;
    }
  else
    self->kind = CF_PREVIEW_TEXT;

  self->text_partial = outcome->text_partial;
  set_text (self, outcome->text, outcome->text_length);
  note = encoding_note (outcome->encoding);
  if (outcome->from_hit)
    {
      char *longer = g_strdup_printf ("%s · %s", note, _("from a little before the first hit; the text is too long to show whole"));

      g_free (note);
      note = longer;
    }
  else if (outcome->text_partial)
    {
      char *longer = g_strdup_printf ("%s · %s", note, _("only its beginning"));

      g_free (note);
      note = longer;
    }
  set_note (self, note);
}

static void show_pages (CfPreview *self,
                        guint      page);

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CfPreview *self = user_data;
  g_autoptr(GError) error = NULL;
  CfPreviewOutcome *outcome = cf_read_pool_run_finish (CF_READ_POOL (object), result, &error);

  if (outcome == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  if (outcome == NULL)
    {
      show_status (self, CF_PREVIEW_ERROR, "dialog-warning-symbolic", _("No Preview"), error->message);
      g_object_unref (self);
      return;
    }
  if (outcome->family != NULL)
    show_family (self, outcome->family);
  if (outcome->page_asked)
    {
      self->kind = CF_PREVIEW_PAGES;
      show_pages (self, outcome->page);
    }
  else if (self->kind == CF_PREVIEW_PAGES || self->kind == CF_PREVIEW_IMAGE ||
           self->kind == CF_PREVIEW_ERROR)
    ;
  else if (outcome->text != NULL && outcome->text[0] != '\0')
    show_read_text (self, outcome);
  else
    show_unread (self);
  cf_preview_outcome_free (outcome);
  g_object_unref (self);
}

static void
on_file_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CfPreviewFile *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  CfPreview *self;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CF_PREVIEW (object);
  if (error != NULL)
    {
      show_status (self, CF_PREVIEW_ERROR, "dialog-warning-symbolic", _("No Preview"), error->message);
      return;
    }
  clear_headers (self);
  self->kind = CF_PREVIEW_TEXT;
  self->text_partial = read->truncated;
  set_text (self, read->text, strlen (read->text));
  if (g_strcmp0 (read->encoding, "CP949") == 0)
    set_note (self, read->truncated
              ? _("Shown as CP949 (Korean legacy encoding); only the beginning of the file")
              : _("Shown as CP949 (Korean legacy encoding)"));
  else
    set_note (self, read->truncated ? _("Only the beginning of the file") : NULL);
}

/* Pages and pictures --------------------------------------------------------------- */

static void
show_pages (CfPreview *self,
            guint      page)
{
  CfCase *reader = cf_session_get_reader (self->session);
  g_autofree char *object_path = cf_case_dup_object_path (reader, self->document);

  gtk_stack_set_visible_child_name (self->stack, "page");
  cf_page_view_load (self->page_view, object_path, cf_document_get_mime_type (self->document),
                     cf_document_get_sha256 (self->document), cf_document_get_pages (self->document),
                     page > 0 ? page : 1, (const char * const *) self->terms);
  if (self->terms != NULL && self->kind == CF_PREVIEW_PAGES)
    set_note (self, page > 0 ? _("The search’s words are marked on this page, the first that holds them")
                             : _("The search’s words are not on its pages (its title or details matched)"));
  else
    set_note (self, NULL);
}

static void
on_page_failed (CfPreview  *self,
                const char *message)
{
  const char *why;

  if (self->document == NULL)
    return;
  /* An encrypted or damaged PDF: what reading found says it best. */
  why = cf_text_status_label (cf_document_get_text_status (self->document));
  if (cf_document_get_problem (self->document) != NULL)
    why = cf_document_get_problem (self->document);
  {
    g_autofree char *description = why ? g_strdup_printf ("%s\n\n%s", why, message) : g_strdup (message);

    show_status (self, CF_PREVIEW_ERROR, "image-missing-symbolic", _("No Picture of This Document"),
                 description);
  }
}

/* Choosing what to show ----------------------------------------------------------- */

static void
clear (CfPreview *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  cf_page_view_clear (self->page_view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
  g_clear_pointer (&self->text, g_free);
  self->n_marked = 0;
  self->first_mark_line = -1;
  self->text_partial = FALSE;
  clear_headers (self);
  set_note (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->family_list))) != NULL)
    gtk_list_box_remove (self->family_list, child);
  g_array_set_size (self->family_ids, 0);
  gtk_widget_set_visible (self->family_box, FALSE);
}

static void
load (CfPreview *self)
{
  CfDocument *document = self->document;
  const char *mime = cf_document_get_mime_type (document);
  const char *text_status = cf_document_get_text_status (document);
  CfCase *reader = cf_session_get_reader (self->session);
  g_autofree char *object_path = cf_case_dup_object_path (reader, document);
  gboolean renderable = object_path != NULL && cf_render_can_render (mime);
  CfPreviewJob *job;

  clear (self);
  self->cancellable = g_cancellable_new ();
  if (object_path == NULL && cf_document_get_n_children (document) == 0)
    {
      show_status (self, CF_PREVIEW_NONE, "image-missing-symbolic", _("No Preview"),
                   _("The original could not be stored, so there is nothing to show."));
      return;
    }

  job = g_new0 (CfPreviewJob, 1);
  job->id = cf_document_get_id (document);
  job->want_family = cf_document_get_n_children (document) > 0;
  job->terms = g_strdupv (self->terms);
  if (renderable)
    {
      gboolean pdf = g_strcmp0 (mime, "application/pdf") == 0;

      self->kind = pdf ? CF_PREVIEW_PAGES : CF_PREVIEW_IMAGE;
      job->want_page = pdf && self->terms != NULL && g_strcmp0 (text_status, "ok") == 0;
      /* The first page draws at once unless the hits' page is looked up. */
      if (!job->want_page)
        show_pages (self, 1);
      else
        show_status (self, CF_PREVIEW_LOADING, "content-loading-symbolic", _("Loading Preview…"), NULL);
    }
  else if (g_strcmp0 (text_status, "ok") == 0)
    {
      job->want_text = TRUE;
      show_status (self, CF_PREVIEW_LOADING, "content-loading-symbolic", _("Loading Preview…"), NULL);
    }
  else if (g_strcmp0 (text_status, "pending") == 0 && is_text (mime) && object_path != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_file_read, NULL);
      CfPreviewFile *read = g_new0 (CfPreviewFile, 1);

      read->path = g_strdup (object_path);
      read->size = cf_document_get_size (document);
      g_task_set_task_data (task, read, (GDestroyNotify) cf_preview_file_free);
      g_task_run_in_thread (task, cf_preview_read_file_in_thread);
      show_status (self, CF_PREVIEW_LOADING, "content-loading-symbolic", _("Loading Preview…"), NULL);
    }
  else
    show_unread (self);

  if (!job->want_text && !job->want_family && !job->want_page)
    {
      cf_preview_job_free (job);
      return;
    }
  cf_read_pool_run_async (cf_session_get_read_pool (self->session), cf_preview_read, job,
                          (GDestroyNotify) cf_preview_job_free, (GDestroyNotify) cf_preview_outcome_free,
                          self->cancellable, on_read, g_object_ref (self));
}

void
cf_preview_show_document (CfPreview  *self,
                          CfDocument *document)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (CF_IS_PREVIEW (self));

  if (document == NULL || self->session == NULL)
    {
      clear (self);
      g_clear_object (&self->document);
      g_clear_pointer (&self->shown, g_free);
      show_status (self, CF_PREVIEW_NONE, "image-missing-symbolic", _("No Preview"), NULL);
      return;
    }
  /* The bytes never change; a preview shows again only for another
   * original or when reading found more (text, members). */
  shown = g_strdup_printf ("%" G_GINT64_FORMAT " %s %s %u %d", cf_document_get_id (document),
                           cf_document_get_sha256 (document), cf_document_get_text_status (document),
                           cf_document_get_n_children (document), cf_document_get_status (document));
  g_set_object (&self->document, document);
  if (g_strcmp0 (shown, self->shown) == 0)
    return;
  g_free (self->shown);
  self->shown = g_steal_pointer (&shown);
  load (self);
}

void
cf_preview_set_highlights (CfPreview          *self,
                           const char * const *terms)
{
  g_return_if_fail (CF_IS_PREVIEW (self));

  if (terms != NULL && terms[0] == NULL)
    terms = NULL;
  if (terms == NULL && self->terms == NULL)
    return;
  if (terms != NULL && self->terms != NULL && g_strv_equal (terms, (const char * const *) self->terms))
    return;
  g_strfreev (self->terms);
  self->terms = g_strdupv ((char **) terms);
  if (self->document == NULL)
    return;
  /* Pages: the first page with a hit is looked up again. Text cut for
   * length may need another part. */
  if (self->kind == CF_PREVIEW_PAGES || self->kind == CF_PREVIEW_IMAGE || self->text_partial ||
      self->kind == CF_PREVIEW_LOADING)
    load (self);
  else if (self->text != NULL)
    mark_hits (self);
}

/* Opening a member ---------------------------------------------------------------------- */

static void
on_family_row_activated (CfPreview     *self,
                         GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->family_ids->len)
    g_signal_emit (self, signals [OPEN_DOCUMENT], 0, g_array_index (self->family_ids, gint64, index));
}

void
cf_preview_open_family_member (CfPreview *self,
                               guint      position)
{
  GtkListBoxRow *row;

  g_return_if_fail (CF_IS_PREVIEW (self));

  row = gtk_list_box_get_row_at_index (self->family_list, position);
  g_return_if_fail (row != NULL);
  g_signal_emit_by_name (row, "activate");
}

/* GObject ------------------------------------------------------------------------- */

static void
cf_preview_dispose (GObject *object)
{
  CfPreview *self = CF_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_object (&self->session);
  g_clear_object (&self->document);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (cf_preview_parent_class)->dispose (object);
}

static void
cf_preview_finalize (GObject *object)
{
  CfPreview *self = CF_PREVIEW (object);

  g_free (self->shown);
  g_free (self->text);
  g_strfreev (self->terms);
  g_clear_pointer (&self->family_ids, g_array_unref);
  g_clear_pointer (&self->headers, g_hash_table_unref);
  G_OBJECT_CLASS (cf_preview_parent_class)->finalize (object);
}

static void
cf_preview_class_init (CfPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_preview_dispose;
  object_class->finalize = cf_preview_finalize;

  /**
   * CfPreview::open-document:
   * @id: a member of the document's family the user chose
   */
  signals [OPEN_DOCUMENT] =
    g_signal_new ("open-document", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (CF_TYPE_PAGE_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, CfPreview, box);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, status_icon);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, status_title);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, status_description);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, page_view);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, headers_grid);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, headers_separator);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, text_scroller);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, text_view);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, note_label);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, family_box);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, family_label);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, family_list);
  gtk_widget_class_bind_template_callback (widget_class, on_page_failed);
  gtk_widget_class_bind_template_callback (widget_class, on_family_row_activated);
}

static void
cf_preview_init (CfPreview *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->family_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->first_mark_line = -1;
  buffer = gtk_text_view_get_buffer (self->text_view);
  /* A highlighter's yellow, readable in light and dark styles. */
  gtk_text_buffer_create_tag (buffer, "hit", "background", "rgba(246,211,45,0.55)",
                              "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_create_mark (buffer, "first-hit", &start, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->family_list), "boxed-list");
  show_status (self, CF_PREVIEW_NONE, "image-missing-symbolic", _("No Preview"), NULL);
}

GtkWidget *
cf_preview_new (void)
{
  return g_object_new (CF_TYPE_PREVIEW, NULL);
}

void
cf_preview_set_session (CfPreview *self,
                        CfSession *session)
{
  g_return_if_fail (CF_IS_PREVIEW (self));

  if (!g_set_object (&self->session, session))
    return;
  cf_preview_show_document (self, NULL);
}

CfPreviewKind
cf_preview_get_kind (CfPreview *self)
{
  g_return_val_if_fail (CF_IS_PREVIEW (self), CF_PREVIEW_NONE);
  return self->kind;
}

char *
cf_preview_dup_text (CfPreview *self)
{
  g_return_val_if_fail (CF_IS_PREVIEW (self), NULL);
  return g_strdup (self->text ? self->text : "");
}

guint
cf_preview_get_n_marked (CfPreview *self)
{
  g_return_val_if_fail (CF_IS_PREVIEW (self), 0);
  return self->n_marked;
}

int
cf_preview_get_first_mark_line (CfPreview *self)
{
  g_return_val_if_fail (CF_IS_PREVIEW (self), -1);
  return self->first_mark_line;
}

const char *
cf_preview_get_note (CfPreview *self)
{
  g_return_val_if_fail (CF_IS_PREVIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->note_label)) ? gtk_label_get_text (self->note_label) : NULL;
}

const char *
cf_preview_get_header (CfPreview  *self,
                       const char *name)
{
  g_return_val_if_fail (CF_IS_PREVIEW (self), NULL);
  return g_hash_table_lookup (self->headers, name);
}

guint
cf_preview_get_n_family (CfPreview *self)
{
  g_return_val_if_fail (CF_IS_PREVIEW (self), 0);
  return self->family_ids->len;
}

CfPageView *
cf_preview_get_page_view (CfPreview *self)
{
  g_return_val_if_fail (CF_IS_PREVIEW (self), NULL);
  return self->page_view;
}
