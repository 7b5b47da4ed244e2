/* cf-mime.h — what a file is, from its first bytes and its name.
 *
 * Content wins over the name when the content is recognised, except that a
 * name may refine it (a .docx is a ZIP). When they disagree the caller gets
 * a warning to record: "extension and content disagree" is evidence. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many leading bytes cf_mime_guess wants to see. */
#define CF_MIME_HEAD_SIZE 4096

char     *cf_mime_guess          (const char   *name,
                                  const guint8 *head,
                                  gsize         head_len,
                                  char        **warning);

/* From the name alone, for bytes we cannot read (an encrypted member). */
char     *cf_mime_from_name      (const char   *name);

/* ZIP or TAR (possibly compressed): the containers intake expands. */
gboolean  cf_mime_is_expandable  (const char   *mime_type);

/* Already compressed formats an export stores rather than deflates. */
gboolean  cf_mime_is_compressed  (const char   *mime_type);

G_END_DECLS
