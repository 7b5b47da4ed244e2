/* office-fixtures.c — shared by the Office/OpenDocument and HWP reader
 * tests (see office-fixtures.h). */
#include "office-fixtures.h"

#include "test-util.h"

#include <gsf/gsf.h>
#include <string.h>
#include <zlib.h>

void
of_run_free (OfRun *run)
{
  if (run == NULL)
    return;
  g_free (run->dir);
  g_clear_object (&run->parser);
  g_free (run->text);
  g_free (run);
}

OfRun *
of_extract (const char *path,
            const char *mime_type)
{
  OfRun *run = g_new0 (OfRun, 1);
  const char *helper = g_getenv ("CASEFILE_EXTRACT");
  g_autofree char *base = tu_temp_dir ();
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *json_path = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  gint64 start;

  g_assert_nonnull (helper);
  run->dir = g_build_filename (base, "out", NULL);
  tu_mkdir (run->dir);
  {
    const char *argv[] = { helper, "--input", path, "--type", mime_type, "--name", name,
                           "--output", run->dir, NULL };

    start = g_get_monotonic_time ();
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                  &err, &status, &error);
    run->seconds = (g_get_monotonic_time () - start) / 1e6;
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("casefile-extract failed on %s (status %d): %s", name, status, err);

  json_path = g_build_filename (run->dir, "result.json", NULL);
  run->parser = json_parser_new ();
  json_parser_load_from_file (run->parser, json_path, &error);
  g_assert_no_error (error);
  run->root = json_node_get_object (json_parser_get_root (run->parser));
  text_path = g_build_filename (run->dir, "text.txt", NULL);
  if (!g_file_get_contents (text_path, &run->text, NULL, NULL))
    run->text = g_strdup ("");
  {
    JsonArray *warnings = json_object_get_array_member (run->root, "warnings");
    g_autoptr(GString) said = g_string_new (NULL);

    for (guint i = 0; i < json_array_get_length (warnings); i++)
      g_string_append_printf (said, "\n  warning: %s", json_object_get_string_member (
                                json_array_get_object_element (warnings, i), "message"));
    g_test_message ("%s: %s, text %s, %.2f s; %s%s", name,
                    json_object_get_string_member (run->root, "status"),
                    json_object_get_string_member (run->root, "text_status"), run->seconds,
                    json_object_get_string_member_with_default (run->root, "problem", "no problem"),
                    said->str);
  }
  return run;
}

OfRun *
of_extract_data (const void *data,
                 gsize       len,
                 const char *mime_type,
                 const char *name)
{
  g_autofree char *dir = tu_temp_dir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);

  tu_write_file (path, data, len);
  return of_extract (path, mime_type);
}

OfRun *
of_extract_bytes (GBytes     *bytes,
                  const char *mime_type,
                  const char *name)
{
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  return of_extract_data (data, len, mime_type, name);
}

const char *
of_status (OfRun *run)
{
  return json_object_get_string_member (run->root, "status");
}

const char *
of_text_status (OfRun *run)
{
  return json_object_get_string_member (run->root, "text_status");
}

const char *
of_problem (OfRun *run)
{
  return json_object_get_string_member_with_default (run->root, "problem", NULL);
}

const char *
of_meta_string (OfRun      *run,
                const char *key)
{
  JsonObject *m = json_object_get_object_member (run->root, "metadata");

  if (!json_object_has_member (m, key))
    return NULL;
  return json_object_get_string_member (m, key);
}

gint64
of_meta_int (OfRun      *run,
             const char *key)
{
  JsonObject *m = json_object_get_object_member (run->root, "metadata");

  if (!json_object_has_member (m, key))
    return -1;
  return json_object_get_int_member (m, key);
}

char *
of_meta_list (OfRun      *run,
              const char *key)
{
  JsonObject *m = json_object_get_object_member (run->root, "metadata");
  g_autoptr(GString) joined = g_string_new (NULL);
  JsonArray *list;

  if (!json_object_has_member (m, key))
    return NULL;
  list = json_object_get_array_member (m, key);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      if (i > 0)
        g_string_append_c (joined, '|');
      g_string_append (joined, json_array_get_string_element (list, i));
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

gboolean
of_has_warning (OfRun      *run,
                const char *code)
{
  JsonArray *warnings = json_object_get_array_member (run->root, "warnings");

  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);

      if (g_strcmp0 (json_object_get_string_member (w, "code"), code) == 0)
        return TRUE;
    }
  return FALSE;
}

void
of_assert_unreadable (OfRun *run)
{
  g_assert_cmpstr (of_status (run), ==, "failed");
  g_assert_nonnull (of_problem (run));
  g_assert_cmpuint (strlen (of_problem (run)), >, 10);
  g_assert_cmpstr (run->text, ==, "");
}

/* OLE compound files. */

static GsfOutput *
ole_child (GsfOutfile  *root,
           GHashTable  *storages,
           const char  *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  GsfOutfile *parent = root;
  g_autoptr(GString) prefix = g_string_new (NULL);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      GsfOutfile *dir;

      if (i > 0)
        g_string_append_c (prefix, '/');
      g_string_append (prefix, parts[i]);
      dir = g_hash_table_lookup (storages, prefix->str);
      if (dir == NULL)
        {
          dir = GSF_OUTFILE (gsf_outfile_new_child (parent, parts[i], TRUE));
          g_hash_table_insert (storages, g_strdup (prefix->str), dir);
        }
      parent = dir;
    }
  return gsf_outfile_new_child (parent, parts[n - 1], FALSE);
}

static int
by_length_descending (gconstpointer a,
                      gconstpointer b)
{
  return (int) strlen (b) - (int) strlen (a);
}

GBytes *
of_ole_build (const OfOleEntry *entries,
              guint             n_entries)
{
  GsfOutput *sink = gsf_output_memory_new ();
  GsfOutfile *ole = gsf_outfile_msole_new (sink);
  g_autoptr(GHashTable) storages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GList *order;
  GBytes *bytes;

  for (guint i = 0; i < n_entries; i++)
    {
      GsfOutput *child = ole_child (ole, storages, entries[i].path);
      gsize len;
      const guint8 *data = g_bytes_get_data (entries[i].data, &len);

      g_assert_true (gsf_output_write (child, len, data));
      g_assert_true (gsf_output_close (child));
      g_object_unref (child);
    }
  /* Storages close after what they hold: deeper (longer) paths first. */
  order = g_list_sort (g_hash_table_get_keys (storages), by_length_descending);
  for (GList *l = order; l != NULL; l = l->next)
    {
      GsfOutput *dir = g_hash_table_lookup (storages, l->data);

      g_assert_true (gsf_output_close (dir));
      g_object_unref (dir);
    }
  g_list_free (order);
  g_assert_true (gsf_output_close (GSF_OUTPUT (ole)));
  g_object_unref (ole);
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (sink)),
                       gsf_output_size (sink));
  g_object_unref (sink);
  return bytes;
}

/* Property sets (MS-OLEPS). */

typedef struct
{
  guint32 id;
  GByteArray *value;   /* type and value, padded to 4 bytes */
} Prop;

struct _OfProps
{
  GArray *props;
};

static void
put16 (GByteArray *a,
       guint16     v)
{
  guint8 b[2] = { v & 0xFF, v >> 8 };

  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a,
       guint32     v)
{
  guint8 b[4] = { v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24 };

  g_byte_array_append (a, b, 4);
}

static void
pad4 (GByteArray *a)
{
  while (a->len % 4 != 0)
    g_byte_array_append (a, (const guint8 *) "", 1);
}

OfProps *
of_props_new (void)
{
  OfProps *props = g_new0 (OfProps, 1);

  props->props = g_array_new (FALSE, TRUE, sizeof (Prop));
  return props;
}

static GByteArray *
add (OfProps *props,
     guint32  id,
     guint16  type)
{
  Prop p = { id, g_byte_array_new () };

  put16 (p.value, type);
  put16 (p.value, 0);
  g_array_append_val (props->props, p);
  return p.value;
}

void
of_props_i2 (OfProps *props,
             guint32  id,
             gint16   value)
{
  GByteArray *v = add (props, id, 2);

  put16 (v, value);
  pad4 (v);
}

void
of_props_i4 (OfProps *props,
             guint32  id,
             gint32   value)
{
  put32 (add (props, id, 3), value);
}

void
of_props_lpstr (OfProps    *props,
                guint32     id,
                const char *bytes,
                gsize       len)
{
  GByteArray *v = add (props, id, 30);

  put32 (v, len + 1);
  g_byte_array_append (v, (const guint8 *) bytes, len);
  g_byte_array_append (v, (const guint8 *) "", 1);
  pad4 (v);
}

void
of_props_lpwstr (OfProps    *props,
                 guint32     id,
                 const char *utf8)
{
  GByteArray *v = add (props, id, 31);
  glong n = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);

  put32 (v, n + 1);
  for (glong i = 0; i <= n; i++)
    put16 (v, i < n ? units[i] : 0);
  pad4 (v);
}

void
of_props_filetime (OfProps *props,
                   guint32  id,
                   gint64   unix_seconds)
{
  GByteArray *v = add (props, id, 64);
  guint64 ft = (guint64) (unix_seconds + G_GINT64_CONSTANT (11644473600)) * 10000000;

  put32 (v, ft & 0xFFFFFFFF);
  put32 (v, ft >> 32);
}

GBytes *
of_props_finish (OfProps *props)
{
  GByteArray *out = g_byte_array_new ();
  guint n = props->props->len;
  guint32 offset = 8 + 8 * n;
  guint32 section_size = offset;
  static const guint8 fmtid[16] = {
    0xE0, 0x85, 0x9F, 0xF2, 0xF9, 0x4F, 0x68, 0x10, 0xAB, 0x91, 0x08, 0x00, 0x2B, 0x27, 0xB3, 0xD9
  };

  for (guint i = 0; i < n; i++)
    section_size += g_array_index (props->props, Prop, i).value->len;

  put16 (out, 0xFFFE);
  put16 (out, 0);
  put32 (out, 0x00020006);
  for (int i = 0; i < 16; i++)
    g_byte_array_append (out, (const guint8 *) "", 1);
  put32 (out, 1);
  g_byte_array_append (out, fmtid, 16);
  put32 (out, 48);

  put32 (out, section_size);
  put32 (out, n);
  for (guint i = 0; i < n; i++)
    {
      Prop *p = &g_array_index (props->props, Prop, i);

      put32 (out, p->id);
      put32 (out, offset);
      offset += p->value->len;
    }
  for (guint i = 0; i < n; i++)
    {
      Prop *p = &g_array_index (props->props, Prop, i);

      g_byte_array_append (out, p->value->data, p->value->len);
      g_byte_array_unref (p->value);
    }
  g_array_unref (props->props);
  g_free (props);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
of_deflate_raw (const void *data,
                gsize       len,
                guint64     zeros)
{
  GByteArray *out = g_byte_array_new ();
  static const guint8 nothing[65536];
  z_stream z = { 0 };
  guint8 buf[65536];
  int r;

  g_assert_cmpint (deflateInit2 (&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), ==, Z_OK);
  z.next_in = (Bytef *) data;
  z.avail_in = len;
  for (;;)
    {
      gboolean last;

      if (z.avail_in == 0 && zeros > 0)
        {
          z.next_in = (Bytef *) nothing;
          z.avail_in = MIN (zeros, sizeof nothing);
          zeros -= z.avail_in;
        }
      last = zeros == 0;
      z.next_out = buf;
      z.avail_out = sizeof buf;
      r = deflate (&z, last ? Z_FINISH : Z_NO_FLUSH);
      g_byte_array_append (out, buf, sizeof buf - z.avail_out);
      if (r == Z_STREAM_END)
        break;
      g_assert_cmpint (r, ==, Z_OK);
    }
  deflateEnd (&z);
  return g_byte_array_free_to_bytes (out);
}

guint
of_n_children (OfRun *run)
{
  JsonArray *children = json_object_has_member (run->root, "children")
                          ? json_object_get_array_member (run->root, "children") : NULL;

  return children ? json_array_get_length (children) : 0;
}

const char *
of_child_string (OfRun      *run,
                 guint       i,
                 const char *key)
{
  JsonArray *children = json_object_get_array_member (run->root, "children");

  return json_object_get_string_member (json_array_get_object_element (children, i), key);
}

char *
of_child_path (OfRun *run,
               guint  i)
{
  return g_build_filename (run->dir, of_child_string (run, i, "file"), NULL);
}
