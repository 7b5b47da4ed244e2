/* cf-extract-result.c — collecting what a reader found and writing it to
 * the output folder: text.txt as it comes (so memory stays flat), children
 * as files, and result.json at the end. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-result.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <string.h>

struct _CfExtractResult
{
  char *output_dir;
  guint64 max_text;

  char *extractor;
  int version;
  char *text_status;
  char *problem;

  GOutputStream *text;
  guint64 text_length;
  gboolean text_truncated;
  gboolean text_error;

  JsonObject *metadata;
  JsonArray *warnings;
  JsonArray *children;
  JsonObject *open_child;
  guint n_children;
};

CfExtractResult *
cf_extract_result_new (const char *output_dir,
                       guint64     max_text)
{
  CfExtractResult *result = g_new0 (CfExtractResult, 1);

  result->output_dir = g_strdup (output_dir);
  result->max_text = max_text;
  result->extractor = g_strdup ("none");
  result->text_status = g_strdup (CF_TEXT_UNSUPPORTED);
  result->metadata = json_object_new ();
  result->warnings = json_array_new ();
  result->children = json_array_new ();
  return result;
}

void
cf_extract_result_free (CfExtractResult *result)
{
  if (result == NULL)
    return;
  if (result->text != NULL)
    g_output_stream_close (result->text, NULL, NULL);
  g_clear_object (&result->text);
  g_free (result->output_dir);
  g_free (result->extractor);
  g_free (result->text_status);
  g_free (result->problem);
  json_object_unref (result->metadata);
  json_array_unref (result->warnings);
  json_array_unref (result->children);
  g_clear_pointer (&result->open_child, json_object_unref);
  g_free (result);
}

void
cf_extract_result_set_extractor (CfExtractResult *result,
                                 const char      *name,
                                 int              version)
{
  g_free (result->extractor);
  result->extractor = g_strdup (name);
  result->version = version;
}

void
cf_extract_result_set_text_status (CfExtractResult *result,
                                   const char      *status)
{
  g_free (result->text_status);
  result->text_status = g_strdup (status);
}

const char *
cf_extract_result_get_text_status (CfExtractResult *result)
{
  return result->text_status;
}

void
cf_extract_result_set_problem (CfExtractResult *result,
                               const char      *format,
                               ...)
{
  va_list args;

  g_free (result->problem);
  va_start (args, format);
  result->problem = g_strdup_vprintf (format, args);
  va_end (args);
}

static gboolean
open_text (CfExtractResult *result)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (result->text != NULL)
    return TRUE;
  if (result->text_error)
    return FALSE;
  path = g_build_filename (result->output_dir, "text.txt", NULL);
  file = g_file_new_for_path (path);
  result->text = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                                  NULL, &error));
  if (result->text == NULL)
    {
      result->text_error = TRUE;
      cf_extract_result_warn (result, "text-write", "The text could not be written: %s",
                              error->message);
      return FALSE;
    }
  return TRUE;
}

void
cf_extract_result_append_text (CfExtractResult *result,
                               const char      *text,
                               gssize           len)
{
  g_autofree char *valid = NULL;
  gsize n;

  if (text == NULL)
    return;
  if (len < 0)
    len = strlen (text);
  if (len == 0 || result->text_truncated || !open_text (result))
    return;

  /* Readers hand over what the document says; a broken encoding must not
   * break the index. */
  if (!g_utf8_validate (text, len, NULL))
    {
      valid = g_utf8_make_valid (text, len);
      text = valid;
      len = strlen (valid);
    }
  n = len;
  if (result->text_length + n > result->max_text)
    {
      const char *end;

      n = result->max_text - result->text_length;
      end = g_utf8_find_prev_char (text, text + n + 1);
      n = end ? (gsize) (end - text) : 0;
      result->text_truncated = TRUE;
      cf_extract_result_warn (result, "text-truncated",
                              "The text was cut at %" G_GUINT64_FORMAT " MiB",
                              result->max_text / (1024 * 1024));
    }
  if (n > 0 && !g_output_stream_write_all (result->text, text, n, NULL, NULL, NULL))
    {
      result->text_truncated = TRUE;
      cf_extract_result_warn (result, "text-write", "The text could not be written completely");
      return;
    }
  result->text_length += n;
}

void
cf_extract_result_page_break (CfExtractResult *result)
{
  cf_extract_result_append_text (result, "\f", 1);
}

guint64
cf_extract_result_get_text_length (CfExtractResult *result)
{
  return result->text_length;
}

void
cf_extract_result_set_string (CfExtractResult *result,
                              const char      *key,
                              const char      *value)
{
  g_autofree char *valid = NULL;
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return;
  valid = g_utf8_make_valid (value, -1);
  trimmed = g_strstrip (g_strdup (valid));
  if (trimmed[0] == '\0')
    return;
  json_object_set_string_member (result->metadata, key, trimmed);
}

void
cf_extract_result_set_int (CfExtractResult *result,
                           const char      *key,
                           gint64           value)
{
  json_object_set_int_member (result->metadata, key, value);
}

void
cf_extract_result_add_to_list (CfExtractResult *result,
                               const char      *key,
                               const char      *value)
{
  JsonArray *list;
  g_autofree char *valid = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  if (!json_object_has_member (result->metadata, key))
    json_object_set_array_member (result->metadata, key, json_array_new ());
  list = json_object_get_array_member (result->metadata, key);
  /* A pathological header must not become a pathological result. */
  if (json_array_get_length (list) >= 10000)
    return;
  valid = g_utf8_make_valid (value, -1);
  json_array_add_string_element (list, g_strstrip (valid));
}

void
cf_extract_result_warn (CfExtractResult *result,
                        const char      *code,
                        const char      *format,
                        ...)
{
  JsonObject *warning;
  g_autofree char *message = NULL;
  va_list args;

  /* Thousands of identical warnings say no more than a hundred. */
  if (json_array_get_length (result->warnings) >= 100)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  warning = json_object_new ();
  json_object_set_string_member (warning, "code", code);
  json_object_set_string_member (warning, "message", message);
  json_array_add_object_element (result->warnings, warning);
}

GOutputStream *
cf_extract_result_begin_child (CfExtractResult  *result,
                               const char       *name,
                               const char       *mime_type,
                               const char       *kind,
                               GError          **error)
{
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GFileOutputStream *stream;
  g_autofree char *valid_name = g_utf8_make_valid (name ? name : "", -1);

  g_return_val_if_fail (result->open_child == NULL, NULL);

  file_name = g_strdup_printf ("child-%06u", result->n_children + 1);
  path = g_build_filename (result->output_dir, file_name, NULL);
  file = g_file_new_for_path (path);
  stream = g_file_create (file, G_FILE_CREATE_PRIVATE, NULL, error);
  if (stream == NULL)
    return NULL;

  result->open_child = json_object_new ();
  json_object_set_string_member (result->open_child, "file", file_name);
  json_object_set_string_member (result->open_child, "name", valid_name);
  json_object_set_string_member (result->open_child, "type",
                                 mime_type ? mime_type : "application/octet-stream");
  json_object_set_string_member (result->open_child, "kind", kind);
  return G_OUTPUT_STREAM (stream);
}

void
cf_extract_result_set_child_range (CfExtractResult *result,
                                   guint64          offset,
                                   guint64          length)
{
  g_return_if_fail (result->open_child != NULL);
  json_object_set_int_member (result->open_child, "offset", offset);
  json_object_set_int_member (result->open_child, "length", length);
}

gboolean
cf_extract_result_end_child (CfExtractResult  *result,
                             GOutputStream    *stream,
                             GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (result->open_child != NULL, FALSE);

  ok = g_output_stream_close (stream, NULL, error);
  if (ok)
    {
      json_array_add_object_element (result->children, g_steal_pointer (&result->open_child));
      result->n_children++;
    }
  else
    g_clear_pointer (&result->open_child, json_object_unref);
  return ok;
}

void
cf_extract_result_abandon_child (CfExtractResult *result,
                                 GOutputStream   *stream)
{
  g_autofree char *path = NULL;

  g_return_if_fail (result->open_child != NULL);

  g_output_stream_close (stream, NULL, NULL);
  path = g_build_filename (result->output_dir,
                           json_object_get_string_member (result->open_child, "file"), NULL);
  g_unlink (path);
  g_clear_pointer (&result->open_child, json_object_unref);
}

void
cf_extract_result_set_child_name (CfExtractResult *result,
                                  const char      *name,
                                  const char      *mime_type)
{
  g_autofree char *valid_name = g_utf8_make_valid (name ? name : "", -1);

  g_return_if_fail (result->open_child != NULL);

  json_object_set_string_member (result->open_child, "name", valid_name);
  if (mime_type != NULL)
    json_object_set_string_member (result->open_child, "type", mime_type);
}

gboolean
cf_extract_result_add_child (CfExtractResult  *result,
                             const char       *name,
                             const char       *mime_type,
                             const char       *kind,
                             const void       *data,
                             gsize             len,
                             GError          **error)
{
  g_autoptr(GOutputStream) stream = cf_extract_result_begin_child (result, name, mime_type, kind, error);

  if (stream == NULL)
    return FALSE;
  if (!g_output_stream_write_all (stream, data, len, NULL, NULL, error))
    {
      cf_extract_result_abandon_child (result, stream);
      return FALSE;
    }
  return cf_extract_result_end_child (result, stream, error);
}

guint
cf_extract_result_get_n_children (CfExtractResult *result)
{
  return result->n_children;
}

char *
cf_extract_result_scratch_path (CfExtractResult *result,
                                const char      *name)
{
  g_autofree char *file_name = g_strdup_printf ("scratch-%s", name);

  return g_build_filename (result->output_dir, file_name, NULL);
}

gboolean
cf_extract_result_write (CfExtractResult  *result,
                         const char       *status,
                         GError          **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = g_build_filename (result->output_dir, "result.json", NULL);
  g_autofree char *json = NULL;

  if (result->text != NULL && !g_output_stream_close (result->text, NULL, error))
    return FALSE;
  g_clear_object (&result->text);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "extractor");
  json_builder_add_string_value (b, result->extractor);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, result->version);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status);
  json_builder_set_member_name (b, "text_status");
  json_builder_add_string_value (b, result->text_status);
  json_builder_set_member_name (b, "problem");
  if (result->problem)
    json_builder_add_string_value (b, result->problem);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "text_length");
  json_builder_add_int_value (b, result->text_length);
  json_builder_set_member_name (b, "text_truncated");
  json_builder_add_boolean_value (b, result->text_truncated);
  json_builder_set_member_name (b, "metadata");
  json_builder_add_value (b, json_node_init_object (json_node_alloc (), result->metadata));
  json_builder_set_member_name (b, "warnings");
  json_builder_add_value (b, json_node_init_array (json_node_alloc (), result->warnings));
  json_builder_set_member_name (b, "children");
  json_builder_add_value (b, json_node_init_array (json_node_alloc (), result->children));
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, NULL);
  return g_file_set_contents (path, json, -1, error);
}
