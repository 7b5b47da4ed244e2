/* cf-extract-msg-ole.c — writing an attached Outlook message (an OLE
 * sub-storage of its parent .msg) out as a .msg file of its own.
 *
 * The storage is copied entry by entry with GsfOutfileMSOle into the
 * child's file, through a small GsfOutput over the child's output stream
 * (the OLE writer seeks back to write its header, and the child file is
 * seekable), so nothing is held in memory but the OLE writer's own small
 * blocks. Two things make an attached message a stand-alone one: the
 * property stream of a top-level message has an 8-byte longer header, and
 * the named property map (__nameid_version1.0) lives only at the top of
 * the outermost message, so it is copied in. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-msg-private.h"

#include <string.h>

/* Nested storages copied at most this deep (an attached message holds
 * attachments holding messages…). */
#define MAX_OLE_DEPTH 32
#define CHUNK (64 * 1024)

/* {00020D0B-0000-0000-C000-000000000046}, Outlook's message class, as OLE
 * stores it. */
static const guint8 msg_class_id[16] = {
  0x0B, 0x0D, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46
};

/* A GsfOutput over a seekable GOutputStream ------------------------------ */

#define CF_TYPE_GSF_SINK (cf_gsf_sink_get_type ())
G_DECLARE_FINAL_TYPE (CfGsfSink, cf_gsf_sink, CF, GSF_SINK, GsfOutput)

struct _CfGsfSink
{
  GsfOutput parent_instance;
  GOutputStream *out;
};

G_DEFINE_TYPE (CfGsfSink, cf_gsf_sink, GSF_OUTPUT_TYPE)

static gboolean
cf_gsf_sink_write (GsfOutput    *output,
                   size_t        num_bytes,
                   guint8 const *data)
{
  return g_output_stream_write_all (CF_GSF_SINK (output)->out, data, num_bytes, NULL, NULL, NULL);
}

static gboolean
cf_gsf_sink_seek (GsfOutput *output,
                  gsf_off_t  offset,
                  GSeekType  whence)
{
  return g_seekable_seek (G_SEEKABLE (CF_GSF_SINK (output)->out), offset, whence, NULL, NULL);
}

static gboolean
cf_gsf_sink_close (GsfOutput *output)
{
  /* The child's stream is closed by whoever began the child. */
  return TRUE;
}

static void
cf_gsf_sink_finalize (GObject *object)
{
  CfGsfSink *self = CF_GSF_SINK (object);

  if (!gsf_output_is_closed (GSF_OUTPUT (self)))
    gsf_output_close (GSF_OUTPUT (self));
  g_clear_object (&self->out);
  G_OBJECT_CLASS (cf_gsf_sink_parent_class)->finalize (object);
}

static void
cf_gsf_sink_class_init (CfGsfSinkClass *klass)
{
  GsfOutputClass *output_class = (GsfOutputClass *) klass;

  G_OBJECT_CLASS (klass)->finalize = cf_gsf_sink_finalize;
  output_class->Write = cf_gsf_sink_write;
  output_class->Seek = cf_gsf_sink_seek;
  output_class->Close = cf_gsf_sink_close;
}

static void
cf_gsf_sink_init (CfGsfSink *self)
{
}

static GsfOutput *
cf_gsf_sink_new (GOutputStream *out)
{
  CfGsfSink *self = g_object_new (CF_TYPE_GSF_SINK, NULL);

  self->out = g_object_ref (out);
  return GSF_OUTPUT (self);
}

/* Copying ------------------------------------------------------------------ */

typedef struct
{
  CfExtractResult *result;
  gboolean damaged;
  gboolean too_deep;
} Copy;

static gboolean
copy_bytes (GsfInput  *in,
            GsfOutput *out,
            gsf_off_t  left,
            guint8    *buf)
{
  while (left > 0)
    {
      gsize n = MIN (left, CHUNK);

      if (gsf_input_read (in, n, buf) == NULL || !gsf_output_write (out, n, buf))
        return FALSE;
      left -= n;
    }
  return TRUE;
}

/* An attached message's property stream has the 24-byte header of an
 * embedded message; a .msg file needs the 32-byte one (8 more reserved
 * bytes). */
static gboolean
copy_top_properties (GsfInput  *in,
                     GsfOutput *out,
                     guint8    *buf)
{
  static const guint8 reserved[8] = { 0 };
  gsf_off_t size = gsf_input_size (in);

  if (size < 24 || size % 16 != 8)
    return copy_bytes (in, out, size, buf);
  return copy_bytes (in, out, 24, buf) &&
         gsf_output_write (out, sizeof reserved, reserved) &&
         copy_bytes (in, out, size - 24, buf);
}

static void copy_storage (Copy       *copy,
                          GsfInfile  *in,
                          GsfOutfile *out,
                          guint       depth,
                          gboolean    message_top,
                          guint8     *buf);

static void
copy_entry (Copy       *copy,
            GsfInput   *child,
            const char *name,
            GsfOutfile *out,
            guint       depth,
            gboolean    message_top,
            guint8     *buf)
{
  g_autoptr(GsfOutput) entry = NULL;

  if (cf_msg_is_storage (child))
    {
      guint8 class_id[16];

      if (depth + 1 > MAX_OLE_DEPTH)
        {
          copy->too_deep = TRUE;
          return;
        }
      entry = gsf_outfile_new_child (out, name, TRUE);
      if (entry == NULL)
        {
          copy->damaged = TRUE;
          return;
        }
      if (GSF_IS_INFILE_MSOLE (child) &&
          gsf_infile_msole_get_class_id (GSF_INFILE_MSOLE (child), class_id))
        gsf_outfile_msole_set_class_id (GSF_OUTFILE_MSOLE (entry), class_id);
      copy_storage (copy, GSF_INFILE (child), GSF_OUTFILE (entry), depth + 1, FALSE, buf);
    }
  else
    {
      gboolean ok;

      entry = gsf_outfile_new_child (out, name, FALSE);
      if (entry == NULL)
        {
          copy->damaged = TRUE;
          return;
        }
      if (message_top && g_ascii_strcasecmp (name, "__properties_version1.0") == 0)
        ok = copy_top_properties (child, entry, buf);
      else
        ok = copy_bytes (child, entry, gsf_input_size (child), buf);
      if (!ok)
        copy->damaged = TRUE;
    }
  if (!gsf_output_close (entry))
    copy->damaged = TRUE;
}

static void
copy_storage (Copy       *copy,
              GsfInfile  *in,
              GsfOutfile *out,
              guint       depth,
              gboolean    message_top,
              guint8     *buf)
{
  int n = gsf_infile_num_children (in);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(GsfInput) child = gsf_infile_child_by_index (in, i);
      const char *name = gsf_infile_name_by_index (in, i);

      if (child == NULL || name == NULL)
        {
          copy->damaged = TRUE;
          continue;
        }
      copy_entry (copy, child, name, out, depth, message_top, buf);
    }
}

gboolean
cf_msg_write_storage (GsfInfile        *object,
                      GsfInfile        *message_root,
                      GOutputStream    *out,
                      CfExtractResult  *result,
                      GError          **error)
{
  g_autoptr(GsfOutput) sink = cf_gsf_sink_new (out);
  g_autoptr(GsfOutfile) ole = gsf_outfile_msole_new (sink);
  g_autofree guint8 *buf = g_malloc (CHUNK);
  Copy copy = { result, FALSE, FALSE };
  guint8 class_id[16];
  gboolean closed;

  if (message_root != NULL)
    gsf_outfile_msole_set_class_id (GSF_OUTFILE_MSOLE (ole), msg_class_id);
  else if (GSF_IS_INFILE_MSOLE (object) &&
           gsf_infile_msole_get_class_id (GSF_INFILE_MSOLE (object), class_id))
    gsf_outfile_msole_set_class_id (GSF_OUTFILE_MSOLE (ole), class_id);

  copy_storage (&copy, object, ole, 0, message_root != NULL, buf);
  if (message_root != NULL)
    {
      g_autoptr(GsfInput) own = cf_msg_child (object, "__nameid_version1.0");
      g_autoptr(GsfInput) names = own ? NULL : cf_msg_child (message_root, "__nameid_version1.0");

      if (names != NULL)
        copy_entry (&copy, names, "__nameid_version1.0", ole, 0, FALSE, buf);
    }
  /* Closing the OLE writer writes its directory and closes the sink. */
  closed = gsf_output_close (GSF_OUTPUT (ole));

  if (copy.too_deep)
    cf_extract_result_warn (result, "msg-nesting",
                            "An attached item nests more than %d levels deep; the deepest "
                            "levels were left out", MAX_OLE_DEPTH);
  if (!closed || copy.damaged)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "some of its parts are damaged or could not be written");
      return FALSE;
    }
  return TRUE;
}
