/* cf-extract-msg-private.h — what the Outlook .msg reader's two files
 * share: OLE storage helpers (cf-extract-msg.c) and writing a sub-storage
 * out as an OLE file of its own (cf-extract-msg-ole.c). */
#pragma once

#include <gsf/gsf.h>

#include "cf-extract-mail-private.h"

G_BEGIN_DECLS

/* libgsf 1.14 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutfile, g_object_unref)

/* A child of a storage by name, whatever the case of its hex digits. */
GsfInput *cf_msg_child          (GsfInfile      *storage,
                                 const char     *name);
/* Whether an OLE entry is a storage (a folder) rather than a stream. */
gboolean  cf_msg_is_storage     (GsfInput       *input);
/* Sorts entry names (a GPtrArray of char *). */
int       cf_msg_compare_names  (gconstpointer   a,
                                 gconstpointer   b);

/* Writes the storage `object` into out as an OLE compound file. When
 * message_root is given, object is an attached Outlook message: it is
 * made a stand-alone .msg (a top-level property header, and the named
 * property map of message_root, which attached messages share with their
 * parent). out must be seekable (a child file). */
gboolean  cf_msg_write_storage  (GsfInfile        *object,
                                 GsfInfile        *message_root,
                                 GOutputStream    *out,
                                 CfExtractResult  *result,
                                 GError          **error);

G_END_DECLS
