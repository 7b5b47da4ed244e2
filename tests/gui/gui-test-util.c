/* gui-test-util.c — shared helpers of the GUI tests (see gui-test-util.h). */
#include "gui-test-util.h"

#include "cf-document-table.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "test-fixtures.h"

static GtkApplication *application;

void
gt_init (int    *argc,
         char ***argv)
{
  tu_init (argc, argv);
  cf_application_init_i18n ();
  gtk_init ();
  adw_init ();
}

GtkApplication *
gt_application (void)
{
  g_autoptr(GError) error = NULL;

  if (application != NULL)
    return application;
  application = GTK_APPLICATION (cf_application_new (G_APPLICATION_NON_UNIQUE));
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  /* startup ran in register: app actions exist. Hold it so that closing
   * windows in a test does not end it. */
  g_application_hold (G_APPLICATION (application));
  return application;
}

CfWindow *
gt_new_window (void)
{
  CfWindow *window = cf_window_new (gt_application ());

  gtk_window_present (GTK_WINDOW (window));
  gt_spin (50);
  return window;
}

typedef struct
{
  gboolean timed_out;
} Timeout;

static gboolean
on_timeout (gpointer data)
{
  Timeout *t = data;

  t->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
gt_wait_until (GtCondition  cond,
               gpointer     data,
               guint        timeout_ms,
               const char  *what)
{
  Timeout t = { FALSE };
  guint id = g_timeout_add (timeout_ms, on_timeout, &t);

  while (!cond (data) && !t.timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!t.timed_out)
    g_source_remove (id);
  if (t.timed_out && !cond (data))
    g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
}

void
gt_spin (guint ms)
{
  Timeout t = { FALSE };

  g_timeout_add (ms, on_timeout, &t);
  while (!t.timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
edits_done (gpointer data)
{
  CfSession *session = cf_window_get_session (data);

  return session != NULL && !cf_session_get_busy (session);
}

void
gt_wait_edits (CfWindow *window)
{
  gt_wait_until (edits_done, window, 20000, "the edits to be applied");
  /* Let the views catch up with what the edits changed. */
  gt_spin (30);
}

static gboolean
has_session (gpointer data)
{
  return cf_window_get_session (data) != NULL;
}

static gboolean
not_importing (gpointer data)
{
  return !cf_window_get_importing (data);
}

void
gt_open_case (CfWindow   *window,
              const char *path)
{
  cf_window_open_case (window, path, FALSE);
  gt_wait_until (has_session, window, 20000, "the case to open");
  /* A case with unread documents starts reading them; imports wait until
   * it is done (the command is disabled meanwhile). */
  gt_wait_until (not_importing, window, 120000, "the reading opening the case started");
  gt_spin (100);
}

typedef struct
{
  CfWindow *window;
  const char *query;
} SearchWait;

static gboolean
search_shown (gpointer data)
{
  SearchWait *wait = data;

  return !cf_window_get_searching (wait->window) &&
         g_strcmp0 (cf_window_get_search_query (wait->window), wait->query[0] ? wait->query : NULL) == 0;
}

gint64
gt_search (CfWindow   *window,
           const char *query)
{
  GtkWidget *entry = gt_child (window, CF_TYPE_WINDOW, "search_entry");
  SearchWait wait = { window, query };
  gint64 start;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  start = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  /* The entry waits for typing to pause before it says the text changed. */
  gt_spin (20);
  gt_wait_until (search_shown, &wait, 30000, "the search to run");
  return g_get_monotonic_time () - start;
}

GtkWidget *
gt_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        found = window;
    }
  return found;
}

static gboolean
toplevel_shown (gpointer data)
{
  return gt_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

GtkWidget *
gt_wait_toplevel (GType type)
{
  gt_wait_until (toplevel_shown, GSIZE_TO_POINTER (type), 10000, g_type_name (type));
  gt_spin (50);
  return gt_find_toplevel (type);
}

static gboolean
weak_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
gt_wait_gone (GtkWidget *toplevel)
{
  gpointer pointer = toplevel;

  g_object_add_weak_pointer (G_OBJECT (toplevel), &pointer);
  gt_wait_until (weak_cleared, &pointer, 60000, "a window to close");
}

void
gt_close (GtkWidget *toplevel)
{
  gpointer pointer = toplevel;

  g_object_add_weak_pointer (G_OBJECT (toplevel), &pointer);
  gtk_window_close (GTK_WINDOW (toplevel));
  gt_wait_until (weak_cleared, &pointer, 60000, "a window to close");
}

static gint64
find_document (CfCase      *reader,
               const char *(*field) (CfDocument *document),
               const char  *value,
               const char  *what)
{
  g_autoptr(GPtrArray) documents = cf_case_list_documents (reader, NULL);

  g_assert_nonnull (documents);
  for (guint i = 0; i < documents->len; i++)
    if (g_strcmp0 (field (g_ptr_array_index (documents, i)), value) == 0)
      return cf_document_get_id (g_ptr_array_index (documents, i));
  g_error ("No document %s %s", what, value);
  return 0;
}

gint64
gt_document_titled (CfCase     *reader,
                    const char *title)
{
  return find_document (reader, cf_document_get_title, title, "titled");
}

gint64
gt_document_named (CfCase     *reader,
                   const char *name)
{
  return find_document (reader, cf_document_get_name, name, "named");
}

void
gt_close_and_check_case (GtkWidget  *window,
                         const char *case_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CfCase) kase = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  gt_close (window);
  /* Give the worker its last reference back. */
  gt_spin (200);

  kase = cf_case_open (case_path, CF_CASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  tu_assert_fsck_clean (kase);
  g_assert_true (cf_case_verify_custody (kase, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
}

static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (ADW_IS_STATUS_PAGE (widget))
    return adw_status_page_get_title (ADW_STATUS_PAGE (widget));
  return NULL;
}

GtkWidget *
gt_find_widget (GtkWidget  *widget,
                GType       type,
                const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (text == NULL || g_strcmp0 (widget_text (widget), text) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gt_find_widget (child, type, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
gt_respond (AdwMessageDialog *dialog,
            const char       *response)
{
  const char *label = adw_message_dialog_get_response_label (dialog, response);
  GtkWidget *button = gt_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  gt_spin (50);
}

void
gt_answer_file_chooser (GFile *file)
{
  GtkWidget *dialog = gt_wait_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_autoptr(GError) error = NULL;
  GtkFileChooserAction action = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog));

  if (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER)
    /* With nothing selected, a folder chooser answers its current folder. */
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), file, &error);
  else
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, &error);
  g_assert_no_error (error);
  /* The chooser loads the folder before it knows the selection. */
  gt_spin (400);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gt_spin (50);
}

static void
write_png (const char *path)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
}

/* A mail as Korean mail software writes it: encoded-word headers, a
 * CP949 body labelled ks_c_5601-1987, an attachment named in RFC 2231. */
static void
write_mail (const char *path)
{
  g_autofree char *from = g_base64_encode ((const guchar *) "페이코리아 법무팀", strlen ("페이코리아 법무팀"));
  g_autofree char *subject = g_base64_encode ((const guchar *) "재위탁 문의에 대한 회신",
                                              strlen ("재위탁 문의에 대한 회신"));
  const char *body_text = "계약 제7조에 따라 재위탁은 허용되지 않습니다. 첨부한 계약서를 확인해 주십시오.\r\n";
  const char *attachment = "위탁계약서 제7조: 수탁자는 위탁자의 동의 없이 재위탁할 수 없다.\r\n";
  g_autofree char *body_cp949 = NULL;
  g_autofree char *body = NULL;
  g_autofree char *attached = NULL;
  g_autofree char *file_name = g_uri_escape_string ("첨부 계약서.txt", NULL, FALSE);
  g_autofree char *mail = NULL;
  gsize body_len = 0;

  body_cp949 = tu_to_cp949 (body_text, &body_len);
  body = g_base64_encode ((const guchar *) body_cp949, body_len);
  attached = g_base64_encode ((const guchar *) attachment, strlen (attachment));
  mail = g_strdup_printf ("From: =?UTF-8?B?%s?= <legal@paykorea.example>\r\n"
                          "To: ops@globalpay.example\r\n"
                          "Cc: 김 변호사 <counsel@lawfirm.example>\r\n"
                          "Subject: =?UTF-8?B?%s?=\r\n"
                          "Date: Fri, 20 Apr 2018 15:30:00 +0900\r\n"
                          "MIME-Version: 1.0\r\n"
                          "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
                          "\r\n"
                          "--b1\r\n"
                          "Content-Type: text/plain; charset=\"ks_c_5601-1987\"\r\n"
                          "Content-Transfer-Encoding: base64\r\n"
                          "\r\n"
                          "%s\r\n"
                          "--b1\r\n"
                          "Content-Type: text/plain; charset=\"utf-8\"\r\n"
                          "Content-Disposition: attachment; filename*=UTF-8''%s\r\n"
                          "Content-Transfer-Encoding: base64\r\n"
                          "\r\n"
                          "%s\r\n"
                          "--b1--\r\n",
                          from, subject, body, file_name, attached);
  tu_write_text (path, mail);
}

guint
gt_write_evidence (const char *dir,
                   guint      *n_top)
{
  g_autofree char *mail = g_build_filename (dir, "회신.eml", NULL);
  g_autofree char *contract = g_build_filename (dir, "위탁계약서.txt", NULL);
  g_autofree char *memo = g_build_filename (dir, "내부 메모.txt", NULL);
  g_autofree char *legacy = g_build_filename (dir, "euc-kr 공문.txt", NULL);
  g_autofree char *screenshot = g_build_filename (dir, "화면캡처.png", NULL);
  g_autofree char *archive = g_build_filename (dir, "메일 첨부.zip", NULL);
  g_autofree char *cp949 = NULL;
  gsize cp949_len = 0;
  TuZip *zip;

  tu_write_text (contract, "개인정보 처리업무 위탁계약서\n\n제4조 (목적) 수탁자는 위탁자의 "
                           "이상거래 탐지 업무를 위하여만 개인정보를 처리한다.\n");
  tu_write_text (memo, "내부 메모: 재위탁 금지 조항 확인 완료. 암호화 전송.\n");
  cp949 = tu_to_cp949 ("개인정보보호위원회 공문: 제3자 제공에 해당함\n", &cp949_len);
  tu_write_file (legacy, cp949, cp949_len);
  write_png (screenshot);

  zip = tu_zip_new ();
  tu_zip_add (zip, "전송 로그.txt", -1, "2023-01-05 10:00 전송 1,204건\n", strlen ("2023-01-05 10:00 전송 1,204건\n"),
              TU_ZIP_UTF8_FLAG);
  tu_zip_add (zip, "안전성 확보조치.txt", -1, "AES-256 암호화, 접근 통제\n",
              strlen ("AES-256 암호화, 접근 통제\n"), TU_ZIP_UTF8_FLAG | TU_ZIP_DEFLATE);
  tu_zip_write (zip, archive);
  write_mail (mail);
  /* Four files, the archive and the mail; the archive's two members and
   * the mail's attachment. */
  if (n_top != NULL)
    *n_top = 6;
  return 9;
}

void
gt_write_pdf (const char         *path,
              const char         *title,
              const char * const *pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK KR 12");

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, 495 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      pango_layout_set_text (layout, pages[i], -1);
      cairo_move_to (cr, 50, 60);
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);
    }
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (text != NULL && text[0] != '\0')
        g_ptr_array_add (texts, g_strdup (text));
    }
  if (GTK_IS_EDITABLE (widget) && GTK_IS_TEXT (widget))
    {
      const char *placeholder = gtk_text_get_placeholder_text (GTK_TEXT (widget));

      if (placeholder != NULL && gtk_editable_get_text (GTK_EDITABLE (widget))[0] == '\0')
        g_ptr_array_add (texts, g_strdup (placeholder));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

GPtrArray *
gt_visible_texts (GtkWidget *widget)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (widget, texts);
  return texts;
}
