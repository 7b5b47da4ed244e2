/* cf-extract-pdf.c — PDF through poppler-glib: text page by page, the
 * document information (title, author, creation date), page count, and
 * embedded files as children. Encrypted PDFs are recorded as such — no
 * password is guessed — and a PDF without a text layer is marked as
 * needing OCR. Scripts and embedded files are never run or opened. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-readers.h"

#include <poppler.h>

/* poppler-glib 22.12 has no autoptr declarations of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static char *
iso_from_datetime (GDateTime *dt)
{
  if (dt == NULL)
    return NULL;
  /* The same shape as the other readers: 2018-04-02T10:00:00+09:00. */
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}

typedef struct
{
  GOutputStream *out;
  GError **error;
} SaveToStream;

static gboolean
save_chunk (const char  *buf,
            gsize        count,
            gpointer     data,
            GError     **error)
{
  SaveToStream *s = data;

  return g_output_stream_write_all (s->out, buf, count, NULL, NULL, error);
}

static void
extract_attachments (PopplerDocument *doc,
                     CfExtractResult *result)
{
  GList *attachments;

  if (!poppler_document_has_attachments (doc))
    return;
  attachments = poppler_document_get_attachments (doc);
  cf_extract_result_warn (result, "pdf-embedded-files",
                          "The PDF carries %u embedded file(s); they are kept as its family "
                          "members and were never opened by a PDF viewer",
                          g_list_length (attachments));
  for (GList *l = attachments; l != NULL; l = l->next)
    {
      PopplerAttachment *a = l->data;
      g_autoptr(GError) error = NULL;
      g_autoptr(GOutputStream) out = NULL;
      const char *name = a->name ? a->name : "attachment";
      SaveToStream s;

      out = cf_extract_result_begin_child (result, name, NULL, "attachment", &error);
      if (out == NULL)
        {
          cf_extract_result_warn (result, "pdf-embedded-file", "%s: %s", name, error->message);
          continue;
        }
      s.out = out;
      s.error = &error;
      if (!poppler_attachment_save_to_callback (a, save_chunk, &s, &error) ||
          !cf_extract_result_end_child (result, out, &error))
        cf_extract_result_warn (result, "pdf-embedded-file", "%s could not be read: %s", name,
                                error ? error->message : "unknown error");
    }
  g_list_free_full (attachments, g_object_unref);
}

gboolean
cf_extract_pdf (const CfExtractInput  *input,
                CfExtractResult       *result,
                GError               **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (input->path);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) created = NULL;
  guint64 visible = 0;
  int n_pages;

  cf_extract_result_set_extractor (result, "pdf", 1);
  doc = poppler_document_new_from_gfile (file, NULL, NULL, &local_error);
  if (doc == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        {
          cf_extract_result_set_text_status (result, CF_TEXT_ENCRYPTED);
          cf_extract_result_set_problem (result, "The PDF is encrypted with a password; its "
                                                 "text cannot be read without it");
          return TRUE;
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The PDF is damaged or not a PDF (%s)", local_error->message);
      return FALSE;
    }

  n_pages = poppler_document_get_n_pages (doc);
  cf_extract_result_set_int (result, "pages", n_pages);
  title = poppler_document_get_title (doc);
  author = poppler_document_get_author (doc);
  subject = poppler_document_get_subject (doc);
  creator = poppler_document_get_creator (doc);
  created = poppler_document_get_creation_date_time (doc);
  date = iso_from_datetime (created);
  cf_extract_result_set_string (result, "title", title);
  cf_extract_result_set_string (result, "author", author);
  cf_extract_result_set_string (result, "subject", subject);
  cf_extract_result_set_string (result, "creator", creator);
  cf_extract_result_set_string (result, "date", date);

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = page ? poppler_page_get_text (page) : NULL;

      if (i > 0)
        cf_extract_result_page_break (result);
      if (text == NULL)
        continue;
      for (const char *p = text; *p; p++)
        if (!g_ascii_isspace (*p))
          visible++;
      cf_extract_result_append_text (result, text, -1);
    }

  extract_attachments (doc, result);

  if (n_pages > 0 && visible == 0)
    {
      cf_extract_result_set_text_status (result, CF_TEXT_NEEDS_OCR);
      cf_extract_result_warn (result, "needs-ocr",
                              "The PDF has no text layer (a scan?); its text needs OCR");
    }
  else
    cf_extract_result_set_text_status (result, n_pages > 0 ? CF_TEXT_OK : CF_TEXT_NONE);
  return TRUE;
}
