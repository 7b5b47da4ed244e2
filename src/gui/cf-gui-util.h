/* cf-gui-util.h — small things every part of the app needs: the words the
 * UI uses for the core's enums, number and size formats, error texts, and
 * the type a drag of documents carries. */
#pragma once

#include <adwaita.h>

#include "cf-case.h"
#include "cf-document.h"

G_BEGIN_DECLS

/* What a drag of documents from the list carries: a GArray of gint64 ids.
 * Its own type, so that only the app's claim rows accept it. */
typedef GArray CfDocumentIds;

#define CF_TYPE_DOCUMENT_IDS (cf_document_ids_get_type ())
GType         cf_document_ids_get_type     (void) G_GNUC_CONST;

const char   *cf_stance_label              (CfStance       stance);
const char   *cf_side_label                (CfSide         side);
const char   *cf_party_label               (CfParty        party);
const char   *cf_numbering_label           (CfNumbering    numbering);
/* "Imported", "Tagged to a claim", …, or the raw action when unknown. */
const char   *cf_custody_action_label      (const char    *action);
/* A document warning's code said in general terms (translated), or NULL
 * for a code this version does not know. */
const char   *cf_warning_label             (const char    *code);
/* A path as shown: under the home folder as "~/…". */
char         *cf_display_path              (const char    *path);
/* What reading a document gave, in words; NULL when its text was read. */
const char   *cf_text_status_label         (const char    *text_status);
/* A human name for a MIME type ("PDF document"). */
char         *cf_describe_mime_type        (const char    *mime_type);
/* A short one for a list column ("PDF", "Word", "Email"). */
char         *cf_short_type_label          (const char    *mime_type);
/* "12,345" in the user's locale. */
char         *cf_format_count              (guint64        count);
/* "2026-11-28 19:22" in local time from a UTC ISO 8601 stamp. */
char         *cf_format_timestamp          (const char    *iso);

/* A sentence for the user: what failed (already translated) and why.
 * Errors the user can act on get their own translated advice. */
char         *cf_error_text                (const char    *what,
                                            const GError  *error);
/* A toast showing text as it is: libadwaita 1.2 reads a toast's title as
 * Pango markup, and toasts name claims and documents ("R&D", "<…>"). */
AdwToast     *cf_toast_new                 (const char    *text);
/* Shows the error as a toast when it is short, or a dialog when it needs
 * reading. */
void          cf_show_error                (GtkWidget     *widget,
                                            const char    *what,
                                            const GError  *error);
/* The toast overlay of the window the widget is in, or NULL. */
void          cf_show_toast                (GtkWidget     *widget,
                                            const char    *text);

G_END_DECLS
