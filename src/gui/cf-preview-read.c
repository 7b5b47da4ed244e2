/* cf-preview-read.c — what the preview reads off the main thread: the
 * stored text, metadata and family of a document (in the read pool), the
 * first bytes of a file not read yet, and finding the search's terms in a
 * text (see cf-preview-private.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-preview-private.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cf-extraction.h"
#include "cf-search.h"

/* A text longer than the view takes shows from this far before its first
 * hit. */
#define TEXT_BEFORE_HIT   2048

char *
cf_preview_decode_text (const char  *data,
                        gsize        len,
                        gboolean     truncated,
                        const char **encoding)
{
  const char *end = NULL;
  gsize valid;

  *encoding = NULL;
  if (memchr (data, '\0', len) != NULL)
    return NULL;

  /* A cut in the middle of a character is not a reason to doubt UTF-8. */
  if (g_utf8_validate (data, len, &end) ||
      (truncated && len - (end - data) < 4 && g_utf8_get_char_validated (end, len - (end - data)) == (gunichar) -2))
    {
      valid = end - data;
      *encoding = "UTF-8";
      return g_strndup (data, valid);
    }

  /* CP949 is a superset of EUC-KR; a trailing half character is dropped. */
  for (gsize cut = 0; cut < 2 && cut < len; cut++)
    {
      g_autoptr(GError) error = NULL;
      gsize read = 0;
      char *text = g_convert (data, len - cut, "UTF-8", "CP949", &read, NULL, &error);

      if (text != NULL)
        {
          *encoding = "CP949";
          return text;
        }
      if (!truncated)
        break;
    }
  return NULL;
}

/* One pattern for all the terms: each literal, any run of spaces in a
 * phrase matching any run of white space, case ignored. */
GRegex *
cf_preview_terms_regex (char **terms)
{
  g_autoptr(GString) pattern = g_string_new (NULL);

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_regex_split_simple ("\\s+", terms[i], 0, 0);
      gboolean first = TRUE;

      if (terms[i][0] == '\0')
        continue;
      g_string_append (pattern, pattern->len ? "|(?:" : "(?:");
      for (guint w = 0; words[w] != NULL; w++)
        {
          g_autofree char *escaped = NULL;

          if (words[w][0] == '\0')
            continue;
          escaped = g_regex_escape_string (words[w], -1);
          g_string_append_printf (pattern, "%s%s", first ? "" : "\\s+", escaped);
          first = FALSE;
        }
      g_string_append (pattern, ")");
    }
  if (pattern->len == 0)
    return NULL;
  return g_regex_new (pattern->str, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
}

/* The byte offset of the first hit in text, or -1. */
gssize
cf_preview_first_hit (const char  *text,
                      char       **terms)
{
  g_autoptr(GRegex) regex = cf_preview_terms_regex (terms);
  g_autoptr(GMatchInfo) match = NULL;
  int start = -1;

  if (regex == NULL || !g_regex_match (regex, text, 0, &match))
    return -1;
  g_match_info_fetch_pos (match, 0, &start, NULL);
  return start;
}

void
cf_preview_job_free (CfPreviewJob *job)
{
  g_strfreev (job->terms);
  g_free (job);
}

void
cf_preview_outcome_free (CfPreviewOutcome *outcome)
{
  g_free (outcome->text);
  g_free (outcome->encoding);
  g_free (outcome->subject);
  g_free (outcome->sent);
  g_free (outcome->to);
  g_free (outcome->cc);
  g_free (outcome->bcc);
  g_clear_pointer (&outcome->family, g_ptr_array_unref);
  g_free (outcome);
}

static char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* Cuts the text to what the view takes: its start, or the part from a
 * little before the first hit when that lies beyond. */
static void
cut_text (CfPreviewOutcome  *outcome,
          char             **terms)
{
  gsize len = strlen (outcome->text);
  const char *start = outcome->text;
  const char *end;
  gssize hit;

  outcome->text_length = len;
  if (len <= CF_PREVIEW_TEXT_LIMIT)
    return;
  outcome->text_partial = TRUE;
  hit = terms ? cf_preview_first_hit (outcome->text, terms) : -1;
  if (hit > (gssize) (CF_PREVIEW_TEXT_LIMIT - TEXT_BEFORE_HIT))
    {
      const char *line;

      start = g_utf8_find_prev_char (outcome->text, outcome->text + hit - TEXT_BEFORE_HIT + 1);
      start = start ? start : outcome->text + hit;
      /* From the start of a line, when one is near. */
      line = memchr (start, '\n', TEXT_BEFORE_HIT / 2);
      if (line != NULL)
        start = line + 1;
      outcome->from_hit = TRUE;
    }
  g_utf8_validate (start, MIN (CF_PREVIEW_TEXT_LIMIT, len - (start - outcome->text)), &end);
  memmove (outcome->text, start, end - start);
  outcome->text[end - start] = '\0';
  outcome->text_length = end - start;
}

gpointer
cf_preview_read (CfCase        *reader,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  CfPreviewJob *job = data;
  CfPreviewOutcome *outcome = g_new0 (CfPreviewOutcome, 1);

  if (job->want_text)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *metadata = NULL;
      g_autoptr(JsonNode) root = NULL;

      outcome->text = cf_case_dup_document_text (reader, job->id, &local_error);
      if (outcome->text == NULL && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          cf_preview_outcome_free (outcome);
          return NULL;
        }
      if (outcome->text != NULL)
        cut_text (outcome, job->terms);
      metadata = cf_case_dup_document_metadata (reader, job->id, NULL);
      root = metadata ? json_from_string (metadata, NULL) : NULL;
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *object = json_node_get_object (root);

          outcome->encoding = member_string (object, "encoding");
          outcome->subject = member_string (object, "subject");
          outcome->sent = member_string (object, "date");
          outcome->to = cf_metadata_join_list (object, "to");
          outcome->cc = cf_metadata_join_list (object, "cc");
          outcome->bcc = cf_metadata_join_list (object, "bcc");
        }
    }
  if (job->want_family && !g_cancellable_is_cancelled (cancellable))
    {
      outcome->family = cf_case_list_children (reader, job->id, error);
      if (outcome->family == NULL)
        {
          cf_preview_outcome_free (outcome);
          return NULL;
        }
    }
  if (job->want_page && !g_cancellable_is_cancelled (cancellable))
    {
      outcome->page_asked = TRUE;
      outcome->page = cf_case_find_text_page (reader, job->id, (const char * const *) job->terms, NULL);
    }
  return outcome;
}

/* "2018-04-20T15:30:00+09:00" as "2018-04-20 15:30 +09:00": the time the
 * message says, in its own zone. */
char *
cf_preview_format_sent (const char *sent)
{
  g_autoptr(GDateTime) when = sent ? g_date_time_new_from_iso8601 (sent, NULL) : NULL;

  if (when == NULL)
    return g_strdup (sent);
  return g_date_time_format (when, "%Y-%m-%d %H:%M %:z");
}

/* A text file not read yet: its first bytes, decoded here (plain text
 * needs no parser). */
void
cf_preview_file_free (CfPreviewFile *read)
{
  g_free (read->path);
  g_free (read->text);
  g_free (read);
}

void
cf_preview_read_file_in_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  CfPreviewFile *read = task_data;
  g_autoptr(GFile) file = g_file_new_for_path (read->path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *data = g_malloc (CF_PREVIEW_FILE_BYTES);
  GError *error = NULL;
  gsize len = 0;

  stream = g_file_read (file, cancellable, &error);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), data, CF_PREVIEW_FILE_BYTES, &len, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  read->truncated = read->size > len;
  read->text = cf_preview_decode_text (data, len, read->truncated, &read->encoding);
  if (read->text == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               _("The file is neither UTF-8 nor CP949 text"));
      return;
    }
  g_task_return_boolean (task, TRUE);
}
