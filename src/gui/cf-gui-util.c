/* cf-gui-util.c — labels, formats and error texts (see cf-gui-util.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-gui-util.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cf-error.h"
#include "cf-window.h"

static CfDocumentIds *
document_ids_copy (CfDocumentIds *ids)
{
  return g_array_ref (ids);
}

static void
document_ids_free (CfDocumentIds *ids)
{
  g_array_unref (ids);
}

G_DEFINE_BOXED_TYPE (CfDocumentIds, cf_document_ids, document_ids_copy, document_ids_free)

const char *
cf_stance_label (CfStance stance)
{
  switch (stance)
    {
    case CF_STANCE_SUPPORTS:
      return _("Supports");
    case CF_STANCE_UNDERMINES:
      return _("Undermines");
    case CF_STANCE_CONTEXT:
    default:
      return _("Context");
    }
}

const char *
cf_side_label (CfSide side)
{
  return side == CF_SIDE_THEIRS ? _("Their claim") : _("Our claim");
}

const char *
cf_party_label (CfParty party)
{
  switch (party)
    {
    case CF_PARTY_DEFENDANT:
      return _("Defendant (을)");
    case CF_PARTY_INTERVENOR:
      return _("Intervenor (병)");
    case CF_PARTY_PLAINTIFF:
    default:
      return _("Plaintiff (갑)");
    }
}

const char *
cf_numbering_label (CfNumbering numbering)
{
  return numbering == CF_NUMBERING_US ? _("US style (PX-0001)") : _("Korean style (갑 제1호증)");
}

const char *
cf_custody_action_label (const char *action)
{
  static const struct
  {
    const char *action;
    const char *label;
  } labels[] = {
    { "case-create", N_("Case created") },
    { "case-edit", N_("Case settings changed") },
    { "import-start", N_("Import started") },
    { "import-finish", N_("Import finished") },
    { "import", N_("Imported") },
    { "import-failed", N_("Import failed") },
    { "expand", N_("Archive expanded") },
    { "edit", N_("Details edited") },
    { "tag", N_("Tagged to a claim") },
    { "untag", N_("Untagged from a claim") },
    { "privilege", N_("Marked privileged") },
    { "privilege-clear", N_("Privilege cleared") },
    { "number", N_("Exhibit number assigned") },
    { "unnumber", N_("Exhibit number removed") },
    { "exhibit-withdraw", N_("Exhibit number withdrawn") },
    { "export", N_("Exported in a bundle") },
    { "export-cleanup", N_("Unfinished export removed") },
    { "claim-add", N_("Claim added") },
    { "claim-edit", N_("Claim edited") },
    { "claim-move", N_("Claim moved") },
    { "claim-remove", N_("Claim removed") },
    { "recover", N_("Recovered after a crash") },
    { "extract", N_("Read (text and details)") },
    { "extract-again", N_("Marked to be read again") },
    { "search-rebuild", N_("Search index rebuilt") },
    { "search-save", N_("Search saved") },
    { "search-remove", N_("Saved search removed") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].action, action) == 0)
      return _(labels[i].label);
  return action;
}

char *
cf_display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize len = home != NULL ? strlen (home) : 0;

  if (path == NULL)
    return NULL;
  /* Where people keep their files: said the short way. */
  if (len > 1 && strncmp (path, home, len) == 0 && path[len] == '/')
    return g_strconcat ("~", path + len, NULL);
  return g_strdup (path);
}

const char *
cf_text_status_label (const char *text_status)
{
  if (g_strcmp0 (text_status, "pending") == 0)
    return _("Not read yet");
  if (g_strcmp0 (text_status, "none") == 0)
    return _("No text of its own (a picture, or a container of other documents)");
  if (g_strcmp0 (text_status, "needs-ocr") == 0)
    return _("A scan or a picture of text: its words need OCR, which Casefile does not do yet");
  if (g_strcmp0 (text_status, "encrypted") == 0)
    return _("Encrypted: its text cannot be read without the password");
  if (g_strcmp0 (text_status, "unsupported") == 0)
    return _("Casefile cannot read the text of this kind of document yet");
  if (g_strcmp0 (text_status, "failed") == 0)
    return _("Reading it failed; the reason is under Could Not Be Read");
  /* "ok": the text shows in the preview. */
  return NULL;
}

const char *
cf_warning_label (const char *code)
{
  /* What the core and the reader note about a document, said in general
   * terms a translator can render; the core's own sentence (English,
   * with the particulars) goes in the tooltip. */
  static const struct
  {
    const char *code;
    const char *label;
  } labels[] = {
    { "name-cp949", N_("The name was written in CP949 (Korean Windows) and was converted") },
    { "name-invalid", N_("The name has bytes that are not text; they show as �") },
    { "name-nfd", N_("The name was in decomposed form, as macOS writes it, and shows composed") },
    { "name-control", N_("The name holds control or text-direction characters, shown as �") },
    { "name-path", N_("The attachment’s name held a folder path, which was left out") },
    { "empty", N_("The file is empty") },
    { "type-mismatch", N_("The contents do not match the type the name says") },
    { "member-path-absolute", N_("The path inside the archive points outside it; it is kept only as information") },
    { "member-path-drive", N_("The path inside the archive points outside it; it is kept only as information") },
    { "member-path-traversal", N_("The path inside the archive points outside it; it is kept only as information") },
    { "member-checksum", N_("The archive reported this member damaged; its bytes are kept as found") },
    { "member-unreadable", N_("A member of the archive could not be read") },
    { "archive-warning", N_("The archive reported a problem") },
    { "member-hardlink", N_("A link or special file in the archive was skipped") },
    { "member-symlink", N_("A link or special file in the archive was skipped") },
    { "member-special", N_("A link or special file in the archive was skipped") },
    { "byte-range", N_("Taken from a part of the document it came from") },
    { "encoding-cp949", N_("The text is not UTF-8; it was read as CP949 (Korean Windows)") },
    { "encoding-guess", N_("The text is neither UTF-8 nor CP949; its encoding was guessed") },
    { "charset-corrected", N_("The mail’s character set label was wrong or too narrow; the right one was used") },
    { "header-cut", N_("A mail header was too long; only its start was read") },
    { "mail-date", N_("The mail’s date header could not be used") },
    { "children-cap", N_("It holds too many attachments or messages; the rest were not taken out") },
    { "mail-read", N_("Part of the message is damaged; what could be read was kept") },
    { "msg-cut", N_("Part of the message is damaged; what could be read was kept") },
    { "base64-garbage", N_("Part of the message is damaged; what could be read was kept") },
    { "html-cut", N_("The text is very long; only its start was kept") },
    { "text-truncated", N_("The text is very long; only its start was kept") },
    { "attachment-nameless", N_("An attachment had no name and was given one") },
    { "tnef", N_("An Outlook TNEF (winmail.dat) attachment is kept as it is, not unpacked") },
    { "attachment-write", N_("An attachment or message inside could not be taken out whole") },
    { "attachment-incomplete", N_("An attachment or message inside could not be taken out whole") },
    { "attachment-missing", N_("An attachment or message inside could not be taken out whole") },
    { "message-write", N_("An attachment or message inside could not be taken out whole") },
    { "pdf-embedded-file", N_("An attachment or message inside could not be taken out whole") },
    { "text-write", N_("The text could not be stored") },
    { "mail-nesting", N_("Parts nested too deeply were not read") },
    { "msg-nesting", N_("Parts nested too deeply were not read") },
    { "mail-encrypted", N_("Part of the message is encrypted and was not read") },
    { "mbox-leading-bytes", N_("Part of the mailbox file is not a message and was skipped") },
    { "mbox-range", N_("Part of the mailbox file is not a message and was skipped") },
    { "msg-rtf-only", N_("The message body is only in compressed RTF, which is not read yet") },
    { "msg-no-properties", N_("The Outlook message has no properties") },
    { "bad-date", N_("A date in the document is not a valid date and was not used") },
    { "exif-date", N_("A date in the document is not a valid date and was not used") },
    { "hwp-section", N_("Part of the document is damaged; the text before it is kept") },
    { "hwp-section-damaged", N_("Part of the document is damaged; the text before it is kept") },
    { "hwpx-damaged", N_("Part of the document is damaged; the text before it is kept") },
    { "odf-damaged", N_("Part of the document is damaged; the text before it is kept") },
    { "ole-damaged", N_("Part of the document is damaged; the text before it is kept") },
    { "ooxml-damaged", N_("Part of the document is damaged; the text before it is kept") },
    { "zip-damaged", N_("Part of the document is damaged; the text before it is kept") },
    { "zip-warning", N_("Part of the document is damaged; the text before it is kept") },
    { "hwp-section-capped", N_("Part of the document is suspiciously large and was read only in part") },
    { "zip-too-many-members", N_("Part of the document is suspiciously large and was read only in part") },
    { "zip-duplicate-member", N_("The document holds a part twice; the first was read") },
    { "hwp-no-body", N_("The HWP document has no body text") },
    { "hwp-version", N_("The HWP version is not one this reader knows") },
    { "hwpx-mimetype", N_("The type the document gives itself is unusual") },
    { "odf-mimetype", N_("The type the document gives itself is unusual") },
    { "hwpx-properties", N_("The document’s properties could not be read completely") },
    { "odf-properties", N_("The document’s properties could not be read completely") },
    { "ole-properties", N_("The document’s properties could not be read completely") },
    { "ooxml-properties", N_("The document’s properties could not be read completely") },
    { "ooxml-relationships", N_("The document’s properties could not be read completely") },
    { "tracked-changes", N_("The document has tracked changes; the text is as changed, without the deletions") },
    { "hidden-sheet", N_("A sheet is hidden in the spreadsheet; its cells are in the text") },
    { "pdf-embedded-files", N_("The PDF carries embedded files; they are its family members") },
  };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].code, code) == 0)
      return _(labels[i].label);
  return NULL;
}

char *
cf_describe_mime_type (const char *mime_type)
{
  g_autofree char *content_type = NULL;

  if (mime_type == NULL || mime_type[0] == '\0')
    return g_strdup (_("Unknown"));
  content_type = g_content_type_from_mime_type (mime_type);
  if (content_type == NULL)
    return g_strdup (mime_type);
  return g_content_type_get_description (content_type);
}

char *
cf_short_type_label (const char *mime_type)
{
  static const struct
  {
    const char *mime_type;
    const char *label;
  } short_names[] = {
    { "application/pdf", "PDF" },
    { "application/zip", "ZIP" },
    { "application/x-zip-compressed", "ZIP" },
    { "application/x-tar", "TAR" },
    { "application/x-gtar", "TAR" },
    { "application/x-compressed-tar", "TAR.GZ" },
    { "application/gzip", "GZIP" },
    { "application/x-hwp", "HWP" },
    { "application/haansofthwp", "HWP" },
    { "application/vnd.hancom.hwp", "HWP" },
    { "application/hwp+zip", "HWPX" },
    { "application/vnd.hancom.hwpx", "HWPX" },
    { "application/msword", "Word" },
    { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word" },
    { "application/vnd.ms-excel", "Excel" },
    { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel" },
    { "application/vnd.ms-powerpoint", "PowerPoint" },
    { "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint" },
    { "application/vnd.ms-outlook", "Outlook" },
    { "text/html", "HTML" },
    { "text/csv", "CSV" },
    { "application/json", "JSON" },
    { "application/xml", "XML" },
    { "text/xml", "XML" },
  };

  if (mime_type == NULL || mime_type[0] == '\0')
    return g_strdup (_("Unknown"));
  for (guint i = 0; i < G_N_ELEMENTS (short_names); i++)
    if (g_strcmp0 (short_names[i].mime_type, mime_type) == 0)
      return g_strdup (short_names[i].label);
  if (g_str_equal (mime_type, "message/rfc822"))
    return g_strdup (_("Email"));
  if (g_str_equal (mime_type, "application/mbox"))
    return g_strdup (_("Mailbox"));
  if (g_str_equal (mime_type, "text/plain"))
    return g_strdup (_("Text"));
  if (g_str_has_prefix (mime_type, "image/"))
    {
      const char *sub = mime_type + strlen ("image/");

      if (g_str_has_prefix (sub, "x-"))
        sub += 2;
      return g_ascii_strup (sub, -1);
    }
  if (g_str_equal (mime_type, "application/x-zerosize"))
    return g_strdup (_("Empty"));
  if (g_str_equal (mime_type, "application/octet-stream"))
    return g_strdup (_("Binary"));
  return cf_describe_mime_type (mime_type);
}

char *
cf_format_count (guint64 count)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

char *
cf_format_timestamp (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

char *
cf_error_text (const char   *what,
               const GError *error)
{
  const char *advice = NULL;

  if (error == NULL)
    return g_strdup (what);

  if (error->domain == CF_ERROR)
    switch ((CfError) error->code)
      {
      case CF_ERROR_READ_ONLY:
        advice = _("The case is open read-only, so it cannot be changed.");
        break;
      case CF_ERROR_LOCKED:
        advice = _("Another program is using the case. Close it there, or wait for the "
                   "current import to finish, and try again.");
        break;
      case CF_ERROR_CORRUPT:
        advice = _("The case may be damaged. Run “Check Case” from the menu and keep a copy "
                   "of the case folder before changing anything.");
        break;
      case CF_ERROR_TOO_NEW:
        advice = _("This case was made by a newer Casefile. Update Casefile to open it.");
        break;
      default:
        break;
      }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    advice = _("The disk is full. Free some space and try again.");

  if (advice != NULL)
    return g_strdup_printf ("%s\n\n%s\n\n%s", what, advice, error->message);
  return g_strdup_printf ("%s\n\n%s", what, error->message);
}

void
cf_show_error (GtkWidget    *widget,
               const char   *what,
               const GError *error)
{
  GtkRoot *root = widget ? gtk_widget_get_root (widget) : NULL;
  g_autofree char *body = NULL;
  const char *advice_and_reason;
  AdwMessageDialog *dialog;

  /* Cancelling is the user's own choice, not an error to report. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  body = cf_error_text (what, error);
  /* The heading says what failed; the body says why. */
  advice_and_reason = body + strlen (what);
  while (*advice_and_reason == '\n')
    advice_and_reason++;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       what, advice_and_reason));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "cf-error-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

AdwToast *
cf_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

void
cf_show_toast (GtkWidget  *widget,
               const char *text)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  /* Dialogs hand their toasts to the window they belong to. */
  while (window != NULL && !CF_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  if (window != NULL)
    cf_window_add_toast (CF_WINDOW (window), text);
}
