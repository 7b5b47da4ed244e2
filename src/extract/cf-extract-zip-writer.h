/* cf-extract-zip-writer.h — writing a small ZIP (an OpenDocument object
 * repackaged as a document of its own) into a stream. */
#pragma once

#include "cf-extract-zip.h"

G_BEGIN_DECLS

typedef gboolean (*CfZipWriteFunc) (gpointer     data,
                                    const void  *buf,
                                    gsize        len,
                                    GError     **error);

typedef struct _CfZipWriter CfZipWriter;

CfZipWriter *cf_zip_writer_new        (CfZipWriteFunc   write,
                                       gpointer         data);
void         cf_zip_writer_free       (CfZipWriter     *writer);
/* A member stored as it is (no compression). */
gboolean     cf_zip_writer_add_stored (CfZipWriter     *writer,
                                       const char      *name,
                                       const void      *data,
                                       gsize            len,
                                       GError         **error);
/* A member of another ZIP, deflated as it is read (through that ZIP's
 * caps). */
gboolean     cf_zip_writer_add_member (CfZipWriter     *writer,
                                       CfZip           *zip,
                                       const char      *member,
                                       const char      *name,
                                       GError         **error);
/* The central directory: the ZIP is complete. */
gboolean     cf_zip_writer_finish     (CfZipWriter     *writer,
                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CfZipWriter, cf_zip_writer_free)

G_END_DECLS
