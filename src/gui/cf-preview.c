/* cf-preview.c — previews of images and plain text (see cf-preview.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-preview.h"

#include <glib/gi18n.h>
#include <string.h>

/* Enough text to recognise a document; an image big enough for the pane
 * at 2x. Images whose header claims more pixels than this are not decoded:
 * a crafted PNG can ask for gigabytes. */
#define TEXT_BYTES        (64 * 1024)
#define IMAGE_MAX_EDGE    1600
#define IMAGE_MAX_PIXELS  (100 * 1000 * 1000)
#define IMAGE_MAX_BYTES   (64 * 1024 * 1024)

struct _CfPreview
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkPicture *picture;
  GtkTextView *text_view;
  GtkLabel *encoding_label;
  GtkImage *status_icon;
  GtkLabel *status_title;
  GtkLabel *status_description;
  GCancellable *cancellable;
  CfPreviewKind kind;
};

G_DEFINE_FINAL_TYPE (CfPreview, cf_preview, GTK_TYPE_WIDGET)

typedef struct
{
  char *path;
  char *mime_type;
  guint64 size;
  /* results */
  CfPreviewKind kind;
  GdkPixbuf *pixbuf;
  char *text;
  const char *encoding;
  gboolean truncated;
} Load;

static void
load_free (Load *load)
{
  g_free (load->path);
  g_free (load->mime_type);
  g_clear_object (&load->pixbuf);
  g_free (load->text);
  g_free (load);
}

char *
cf_preview_decode_text (const char  *data,
                        gsize        len,
                        gboolean     truncated,
                        const char **encoding)
{
  const char *end = NULL;
  gsize valid;

  *encoding = NULL;
  if (memchr (data, '\0', len) != NULL)
    return NULL;

  /* A cut in the middle of a character is not a reason to doubt UTF-8. */
  if (g_utf8_validate (data, len, &end) ||
      (truncated && len - (end - data) < 4 && g_utf8_get_char_validated (end, len - (end - data)) == (gunichar) -2))
    {
      valid = end - data;
      *encoding = "UTF-8";
      return g_strndup (data, valid);
    }

  /* CP949 is a superset of EUC-KR; a trailing half character is dropped. */
  for (gsize cut = 0; cut < 2 && cut < len; cut++)
    {
      g_autoptr(GError) error = NULL;
      gsize read = 0;
      char *text = g_convert (data, len - cut, "UTF-8", "CP949", &read, NULL, &error);

      if (text != NULL)
        {
          *encoding = "CP949";
          return text;
        }
      if (!truncated)
        break;
    }
  return NULL;
}

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  gboolean *refused = user_data;
  double scale;

  if (width <= 0 || height <= 0 || (guint64) width * (guint64) height > IMAGE_MAX_PIXELS)
    {
      *refused = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
      return;
    }
  scale = MIN (1.0, (double) IMAGE_MAX_EDGE / MAX (width, height));
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
}

static gboolean
load_image (Load          *load,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (load->path);
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 buffer[64 * 1024];
  gboolean refused = FALSE;
  gssize n;

  if (load->size > IMAGE_MAX_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The image is too large to preview"));
      return FALSE;
    }
  loader = gdk_pixbuf_loader_new_with_mime_type (load->mime_type, NULL);
  if (loader == NULL)
    loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &refused);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer,
                                   cancellable, error)) > 0)
    {
      if (!gdk_pixbuf_loader_write (loader, buffer, n, error))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          return FALSE;
        }
      if (refused)
        break;
    }
  if (n < 0)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return FALSE;
    }
  if (!gdk_pixbuf_loader_close (loader, refused ? NULL : error) && !refused)
    return FALSE;
  if (refused)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The image claims too many pixels to preview safely"));
      return FALSE;
    }
  load->pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (load->pixbuf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The image could not be decoded"));
      return FALSE;
    }
  g_object_ref (load->pixbuf);
  return TRUE;
}

static gboolean
load_text (Load          *load,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (load->path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *data = g_malloc (TEXT_BYTES);
  gsize len = 0;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), data, TEXT_BYTES, &len, cancellable, error))
    return FALSE;
  load->truncated = load->size > len;
  load->text = cf_preview_decode_text (data, len, load->truncated, &load->encoding);
  if (load->text == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file is neither UTF-8 nor CP949 text"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_image (const char *mime_type)
{
  g_autoptr(GSList) formats = NULL;

  if (!g_str_has_prefix (mime_type, "image/"))
    return FALSE;
  formats = gdk_pixbuf_get_formats ();
  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_auto(GStrv) types = gdk_pixbuf_format_get_mime_types (l->data);

      if (g_strv_contains ((const char * const *) types, mime_type))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_text (const char *mime_type)
{
  return g_str_has_prefix (mime_type, "text/") ||
         strcmp (mime_type, "application/json") == 0 ||
         strcmp (mime_type, "application/xml") == 0 ||
         strcmp (mime_type, "message/rfc822") == 0 ||
         strcmp (mime_type, "application/mbox") == 0;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;
  gboolean ok;

  if (is_image (load->mime_type))
    {
      load->kind = CF_PREVIEW_IMAGE;
      ok = load_image (load, cancellable, &error);
    }
  else
    {
      load->kind = CF_PREVIEW_TEXT;
      ok = load_text (load, cancellable, &error);
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
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

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  CfPreview *self;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CF_PREVIEW (object);

  if (error != NULL)
    {
      show_status (self, CF_PREVIEW_ERROR, "image-missing-symbolic", _("No Preview"),
                   error->message);
      return;
    }
  if (load->kind == CF_PREVIEW_IMAGE)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (load->pixbuf);

      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
      self->kind = CF_PREVIEW_IMAGE;
      gtk_stack_set_visible_child_name (self->stack, "image");
    }
  else
    {
      g_autofree char *note = NULL;

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), load->text, -1);
      if (g_strcmp0 (load->encoding, "CP949") == 0)
        note = g_strdup (load->truncated
                         ? _("Shown as CP949 (Korean legacy encoding); only the beginning of the file")
                         : _("Shown as CP949 (Korean legacy encoding)"));
      else if (load->truncated)
        note = g_strdup (_("Only the beginning of the file"));
      gtk_label_set_text (self->encoding_label, note ? note : "");
      gtk_widget_set_visible (GTK_WIDGET (self->encoding_label), note != NULL);
      self->kind = CF_PREVIEW_TEXT;
      gtk_stack_set_visible_child_name (self->stack, "text");
    }
}

void
cf_preview_load (CfPreview  *self,
                 const char *path,
                 const char *mime_type,
                 guint64     size)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_if_fail (CF_IS_PREVIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);

  if (path == NULL)
    {
      show_status (self, CF_PREVIEW_NONE, "image-missing-symbolic", _("No Preview"),
                   _("The original could not be stored, so there is nothing to show."));
      return;
    }
  if (mime_type == NULL || (!is_image (mime_type) && !is_text (mime_type)))
    {
      show_status (self, CF_PREVIEW_NONE, "x-office-document-symbolic", _("No Preview Yet"),
                   _("Previews of this kind of document come with document understanding. "
                     "The original is kept byte for byte."));
      return;
    }

  show_status (self, CF_PREVIEW_LOADING, "content-loading-symbolic", _("Loading Preview…"), NULL);
  self->cancellable = g_cancellable_new ();
  load = g_new0 (Load, 1);
  load->path = g_strdup (path);
  load->mime_type = g_strdup (mime_type);
  load->size = size;
  task = g_task_new (self, self->cancellable, on_loaded, NULL);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
cf_preview_shows_original (const char *mime_type)
{
  /* Mail is text too, but its stored text reads better than its MIME. */
  return mime_type != NULL &&
         (is_image (mime_type) ||
          (is_text (mime_type) && strcmp (mime_type, "message/rfc822") != 0 &&
           strcmp (mime_type, "application/mbox") != 0));
}

void
cf_preview_show_text (CfPreview  *self,
                      const char *text,
                      gsize       length)
{
  const char *end = NULL;
  gboolean cut = length > TEXT_BYTES;

  g_return_if_fail (CF_IS_PREVIEW (self));
  g_return_if_fail (text != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_picture_set_paintable (self->picture, NULL);
  /* Enough to recognise the document, cut where a character ends. */
  if (cut)
    {
      g_utf8_validate (text, TEXT_BYTES, &end);
      length = end - text;
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, length);
  gtk_label_set_text (self->encoding_label, cut ? _("The text read from the document; only its beginning")
                                                : _("The text read from the document"));
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_label), TRUE);
  self->kind = CF_PREVIEW_TEXT;
  gtk_stack_set_visible_child_name (self->stack, "text");
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
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CF_IS_PREVIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
cf_preview_dispose (GObject *object)
{
  CfPreview *self = CF_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer ((GtkWidget **) &self->stack, gtk_widget_unparent);
  G_OBJECT_CLASS (cf_preview_parent_class)->dispose (object);
}

static void
cf_preview_class_init (CfPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cf_preview_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, CfPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, picture);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, text_view);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, encoding_label);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, status_icon);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, status_title);
  gtk_widget_class_bind_template_child (widget_class, CfPreview, status_description);
}

static void
cf_preview_init (CfPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cf_preview_new (void)
{
  return g_object_new (CF_TYPE_PREVIEW, NULL);
}
