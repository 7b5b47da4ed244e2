/* cf-preview.h — a look at one document, the way its kind reads best:
 *
 *   PDF         its pages as pictures (cf-page-view.h), page by page, zoomable
 *   images      the picture, drawn the same way (never decoded in the app)
 *   mail        From, To, Date and Subject above the body
 *   office, HWP, text
 *               the text reading stored, with the encoding it was read in
 *   families    the attachments, members or messages under it, as rows
 *               that open them
 *
 * and, for what could not be read, why. Search terms are marked: on the
 * page that holds the first of them (the view goes there), or in the
 * text, which scrolls to the first. Everything is read off the main
 * thread and a newer document cancels what an older one still reads. */
#pragma once

#include <adwaita.h>

#include "cf-page-view.h"
#include "cf-session.h"

G_BEGIN_DECLS

#define CF_TYPE_PREVIEW (cf_preview_get_type ())
G_DECLARE_FINAL_TYPE (CfPreview, cf_preview, CF, PREVIEW, GtkWidget)

typedef enum
{
  CF_PREVIEW_NONE,      /* nothing to show; the status says why */
  CF_PREVIEW_LOADING,
  CF_PREVIEW_IMAGE,     /* a picture */
  CF_PREVIEW_PAGES,     /* the pages of a PDF */
  CF_PREVIEW_TEXT,
  CF_PREVIEW_MAIL,      /* headers above the body */
  CF_PREVIEW_ERROR,     /* it could not be shown; the status says why */
} CfPreviewKind;

GtkWidget     *cf_preview_new            (void);
void           cf_preview_set_session    (CfPreview          *self,
                                          CfSession          *session);
/* Shows the document (NULL clears). The same document again, unchanged as
 * far as the preview goes, keeps what shows. */
void           cf_preview_show_document  (CfPreview          *self,
                                          CfDocument         *document);
/* The words and phrases to mark (NULL: none). */
void           cf_preview_set_highlights (CfPreview          *self,
                                          const char * const *terms);

CfPreviewKind  cf_preview_get_kind       (CfPreview          *self);
/* The text shown, for CF_PREVIEW_TEXT and CF_PREVIEW_MAIL. */
char          *cf_preview_dup_text       (CfPreview          *self);
/* How many hits are marked in the text, and the line the view scrolled
 * to (the first hit's, from 0; -1 when none). */
guint          cf_preview_get_n_marked   (CfPreview          *self);
int            cf_preview_get_first_mark_line (CfPreview     *self);
/* The line under the preview (the encoding, what part shows). */
const char    *cf_preview_get_note       (CfPreview          *self);
/* A mail header as shown ("From", "To", "Date", "Subject"), or NULL. */
const char    *cf_preview_get_header     (CfPreview          *self,
                                          const char         *name);
/* The documents listed under it (attachments, members). */
guint          cf_preview_get_n_family   (CfPreview          *self);
/* Opens the family member at position, as activating its row does. */
void           cf_preview_open_family_member (CfPreview      *self,
                                              guint           position);
CfPageView    *cf_preview_get_page_view  (CfPreview          *self);

/* Decodes the start of a text file: UTF-8 when it is valid, else CP949.
 * Sets *encoding to "UTF-8" or "CP949"; NULL when it is not text. */
char          *cf_preview_decode_text    (const char         *data,
                                          gsize               len,
                                          gboolean            truncated,
                                          const char        **encoding);

G_END_DECLS
