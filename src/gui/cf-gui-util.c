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
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].action, action) == 0)
      return _(labels[i].label);
  return action;
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
