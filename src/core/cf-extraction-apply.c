/* cf-extraction-apply.c — storing what casefile-extract found for one
 * document: the text and metadata beside the original, the fields it fills
 * (unless a person set them), its warnings, its children as documents of
 * the family, and a custody entry — all in the intake's batch
 * transaction. The helper is not trusted: its output is size-checked,
 * parsed defensively, and its children are hashed here. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-extraction-private.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cf-archive-expander.h"
#include "cf-case-private.h"
#include "cf-custody.h"
#include "cf-db.h"
#include "cf-error.h"
#include "cf-fsutil.h"
#include "cf-mime.h"
#include "cf-names.h"
#include "cf-search-index.h"

#define MAX_RESULT_JSON (16 * 1024 * 1024)

static const char *text_statuses[] = {
  "ok", "none", "needs-ocr", "encrypted", "unsupported", "failed", NULL
};

static gboolean
known_text_status (const char *status)
{
  for (guint i = 0; text_statuses[i]; i++)
    if (g_strcmp0 (status, text_statuses[i]) == 0)
      return TRUE;
  return FALSE;
}

/* "2018-04-02T10:00:00+09:00" → "2018-04-02": the date the document bears,
 * in its own time zone. */
static char *
date_of (const char *iso)
{
  int y, m, d;

  if (iso == NULL || strlen (iso) < 10 || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      iso[4] != '-' || iso[7] != '-' || y < 1000 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strndup (iso, 10);
}

/* Document properties often say nothing ("Microsoft Word - Document1",
 * the file name again); such a title is no better than the name. */
static gboolean
is_meaningful_title (const char *title,
                     const char *name)
{
  g_autofree char *stem = NULL;
  const char *dot;

  if (title == NULL || g_utf8_strlen (title, -1) < 2 || g_utf8_strlen (title, -1) > 300)
    return FALSE;
  if (g_str_has_prefix (title, "Microsoft Word - ") || g_str_has_prefix (title, "Microsoft PowerPoint - ") ||
      g_ascii_strcasecmp (title, "untitled") == 0 || strcmp (title, "제목 없음") == 0 ||
      g_str_has_prefix (title, "Document"))
    return FALSE;
  dot = strrchr (name, '.');
  stem = dot ? g_strndup (name, dot - name) : g_strdup (name);
  return g_strcmp0 (title, name) != 0 && g_strcmp0 (title, stem) != 0;
}

char *
cf_metadata_join_list (JsonObject *metadata,
                       const char *key)
{
  JsonArray *list;
  GString *joined;

  if (!json_object_has_member (metadata, key) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (metadata, key)))
    return NULL;
  list = json_object_get_array_member (metadata, key);
  joined = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (list) && i < 500; i++)
    {
      const char *s = json_node_get_string (json_array_get_element (list, i));

      if (s == NULL)
        continue;
      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, s);
    }
  if (joined->len == 0)
    {
      g_string_free (joined, TRUE);
      return NULL;
    }
  return g_string_free (joined, FALSE);
}

static const char *
get_string (JsonObject *object,
            const char *key)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, key))
    return NULL;
  node = json_object_get_member (object, key);
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static gint64
get_int (JsonObject *object,
         const char *key)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, key))
    return 0;
  node = json_object_get_member (object, key);
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
         ? json_node_get_int (node) : 0;
}

static char *
read_text (const char  *out_dir,
           guint64      max_text,
           GError     **error)
{
  g_autofree char *path = g_build_filename (out_dir, "text.txt", NULL);
  g_autofree char *text = NULL;
  struct stat st;
  gsize len;

  if (stat (path, &st) != 0)
    return NULL;
  if ((guint64) st.st_size > max_text + 16)
    {
      g_set_error (error, CF_ERROR, CF_ERROR_LIMIT, "the reader wrote more text than allowed");
      return NULL;
    }
  if (!g_file_get_contents (path, &text, &len, error))
    return NULL;
  if (!g_utf8_validate (text, len, NULL) || memchr (text, '\0', len) != NULL)
    {
      char *valid = g_utf8_make_valid (text, len);

      g_free (text);
      text = valid;
      for (char *p = text; *p; p++)
        if (*p == '\0')
          *p = ' ';
    }
  return g_steal_pointer (&text);
}

static gboolean
record_extraction (sqlite3     *db,
                   gint64       document_id,
                   const char  *extractor,
                   gint64       version,
                   const char  *status,
                   const char  *problem,
                   const char  *text,
                   gboolean     truncated,
                   const char  *metadata,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = cf_utc_now_iso ();

  stmt = cf_db_prepare (db,
                        "INSERT OR REPLACE INTO extractions (document_id, extractor, version, status, "
                        "problem, text, text_truncated, metadata, extracted) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  cf_db_bind_text (stmt, 2, extractor);
  sqlite3_bind_int64 (stmt, 3, version);
  cf_db_bind_text (stmt, 4, status);
  cf_db_bind_text (stmt, 5, problem);
  cf_db_bind_text (stmt, 6, text);
  sqlite3_bind_int (stmt, 7, truncated);
  cf_db_bind_text (stmt, 8, metadata ? metadata : "{}");
  cf_db_bind_text (stmt, 9, now);
  return cf_db_step_done (db, stmt, error);
}

static gboolean
replace_warnings (sqlite3     *db,
                  gint64       document_id,
                  JsonArray   *warnings,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) drop = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  drop = cf_db_prepare (db, "DELETE FROM document_warnings WHERE document_id = ? AND origin = 'extract'",
                        error);
  if (drop == NULL)
    return FALSE;
  sqlite3_bind_int64 (drop, 1, document_id);
  if (!cf_db_step_done (db, drop, error))
    return FALSE;
  if (warnings == NULL)
    return TRUE;
  insert = cf_db_prepare (db,
                          "INSERT INTO document_warnings (document_id, code, message, origin) "
                          "VALUES (?, ?, ?, 'extract')",
                          error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (warnings) && i < 100; i++)
    {
      JsonNode *node = json_array_get_element (warnings, i);
      JsonObject *w = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *code = get_string (w, "code");
      const char *message = get_string (w, "message");

      if (code == NULL || message == NULL)
        continue;
      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, document_id);
      cf_db_bind_text (insert, 2, code);
      cf_db_bind_text (insert, 3, message);
      if (!cf_db_step_done (db, insert, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cf_extraction_record_failure (CfIntake     *intake,
                              gint64        document_id,
                              const char   *problem,
                              GError      **error)
{
  sqlite3 *db = cf_intake_get_db (intake);
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *full = g_strdup_printf ("Could not be read: %s", problem);
  g_autofree char *details = cf_custody_details ("status", "failed", "problem", full, NULL);

  if (!cf_intake_begin (intake, error) ||
      !cf_search_unindex (db, document_id, error) ||
      !record_extraction (db, document_id, "none", 0, "failed", full, NULL, FALSE, NULL, error) ||
      !replace_warnings (db, document_id, NULL, error))
    return FALSE;
  update = cf_db_prepare (db, "UPDATE documents SET text_status = 'failed' WHERE id = ?", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, document_id);
  return cf_db_step_done (db, update, error) &&
         cf_search_index (db, document_id, error) &&
         cf_document_refresh_status (db, document_id, error) &&
         cf_custody_append (db, "extract", document_id, 0, details, error);
}

/* One child (an attachment, an mbox message) into the store and the case. */
static gboolean
adopt_child (CfIntake              *intake,
             gint64                 parent_id,
             const char            *parent_source,
             guint                  depth,
             gint64                 position,
             const char            *out_dir,
             JsonObject            *child,
             const CfImportLimits  *limits,
             GCancellable          *cancellable,
             GError               **error)
{
  const char *file = get_string (child, "file");
  const char *raw_name = get_string (child, "name");
  const char *declared_type = get_string (child, "type");
  g_autofree char *path = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *name = NULL;
  g_autofree char *source = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *mime_warning = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 head[CF_MIME_HEAD_SIZE];
  gsize head_len = 0;
  CfIntakeRecord record = { 0 };
  CfNameEncoding encoding;
  gboolean neutralised = FALSE;
  guint64 size = 0;
  gint64 id;

  /* Only the names we told the helper to use, inside its folder. */
  if (file == NULL || strncmp (file, "child-", 6) != 0 || strchr (file, '/') != NULL)
    return TRUE;
  path = g_build_filename (out_dir, file, NULL);

  name = cf_name_decode (raw_name ? raw_name : "", -1, TRUE, &encoding, &neutralised);
  if (name[0] == '\0')
    {
      g_free (name);
      name = g_strdup_printf ("part %" G_GINT64_FORMAT, position);
    }
  {
    /* Attachment names are metadata; only the last component shows. */
    g_autofree char *base = cf_name_basename (name);

    if (base[0] != '\0' && strcmp (base, name) != 0)
      {
        cf_warnings_add (&warnings, "name-path", "The attachment name “%s” held a path", name);
        g_free (name);
        name = g_steal_pointer (&base);
      }
  }
  if (neutralised)
    cf_warnings_add (&warnings, "name-control",
                     "The attachment name holds control or text-direction characters (shown as �)");
  source = g_strdup_printf ("%s!/%s", parent_source, name);

  sha = cf_object_store_adopt (cf_intake_get_store (intake), path, &size, head, sizeof head,
                               &head_len, &local_error);
  if (sha == NULL)
    {
      /* The child is lost, not the case: say so on the parent. */
      g_autofree char *reason = g_strdup_printf ("Could not be stored: %s", local_error->message);

      return cf_intake_note (intake, CF_IMPORT_FAILED, parent_id, depth + 1, source, reason, error);
    }

  mime = cf_mime_guess (name, head, head_len, &mime_warning);
  /* A declared type is a better guess than none. */
  if (g_strcmp0 (mime, "application/octet-stream") == 0 && declared_type != NULL &&
      strchr (declared_type, '/') != NULL && strlen (declared_type) < 128)
    {
      g_free (mime);
      mime = g_ascii_strdown (declared_type, -1);
    }
  else if (mime_warning != NULL)
    cf_warnings_add (&warnings, size == 0 ? "empty" : "type-mismatch", "%s", mime_warning);
  if (get_int (child, "length") > 0)
    cf_warnings_add (&warnings, "byte-range",
                     "Bytes %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " of the document it came from",
                     get_int (child, "offset"), get_int (child, "offset") + get_int (child, "length"));

  record.parent_id = parent_id;
  record.position = position;
  record.depth = depth + 1;
  record.raw_name = raw_name ? raw_name : "";
  record.raw_name_len = raw_name ? strlen (raw_name) : 0;
  record.name = name;
  record.name_encoding = encoding;
  record.source = source;
  record.mime_type = mime;
  record.sha256 = sha;
  record.size = size;
  record.status = CF_STATUS_OK;
  record.is_container = cf_mime_is_expandable (mime);
  record.warnings = warnings;
  id = cf_intake_record (intake, &record, error);
  if (id <= 0)
    return FALSE;

  if (record.is_container)
    {
      CfExpansionBudget budget = { 0 };
      g_autofree char *object = cf_object_store_path (cf_intake_get_store (intake), sha);
      gboolean ok;

      budget.limits = limits;
      ok = cf_archive_expand (intake, id, source, object, size, depth + 1, &budget, cancellable, error);
      cf_expansion_budget_clear (&budget);
      return ok;
    }
  return TRUE;
}

gboolean
cf_extraction_apply (CfIntake              *intake,
                     gint64                 document_id,
                     const char            *name,
                     const char            *source,
                     guint                  depth,
                     const char            *out_dir,
                     guint64                max_text,
                     const CfImportLimits  *limits,
                     guint                 *n_children,
                     GCancellable          *cancellable,
                     GError               **error)
{
  sqlite3 *db = cf_intake_get_db (intake);
  g_autofree char *json_path = g_build_filename (out_dir, "result.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *recipients = NULL;
  g_autofree char *metadata_text = NULL;
  g_autofree char *details = NULL;
  g_autofree char *children_text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root, *metadata = NULL;
  JsonArray *children = NULL;
  const char *status, *text_status, *problem, *title, *author;
  struct stat st;
  gsize len;

  *n_children = 0;
  if (stat (json_path, &st) != 0 || st.st_size > MAX_RESULT_JSON ||
      !g_file_get_contents (json_path, &json, &len, NULL) ||
      !json_parser_load_from_data (parser, json, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return cf_extraction_record_failure (intake, document_id,
                                         "the reader ended without a readable result", error);
  root = json_node_get_object (json_parser_get_root (parser));
  status = get_string (root, "status");
  text_status = get_string (root, "text_status");
  problem = get_string (root, "problem");
  if (g_strcmp0 (status, "ok") != 0 && g_strcmp0 (status, "partial") != 0 &&
      g_strcmp0 (status, "failed") != 0)
    status = "failed";
  if (!known_text_status (text_status))
    text_status = "failed";
  if (g_strcmp0 (status, "failed") == 0)
    return cf_extraction_record_failure (intake, document_id, problem ? problem : "unknown reason",
                                         error);

  if (json_object_has_member (root, "metadata") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "metadata")))
    metadata = json_object_get_object_member (root, "metadata");
  if (json_object_has_member (root, "children") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "children")))
    children = json_object_get_array_member (root, "children");

  text = read_text (out_dir, max_text, &local_error);
  if (local_error != NULL)
    return cf_extraction_record_failure (intake, document_id, local_error->message, error);

  title = get_string (metadata, "title");
  if (!is_meaningful_title (title, name))
    title = NULL;
  author = get_string (metadata, "author");
  date = date_of (get_string (metadata, "date"));
  recipients = cf_metadata_join_list (metadata, "recipients");
  if (metadata != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), metadata);

      json_generator_set_root (generator, node);
      metadata_text = json_generator_to_data (generator, NULL);
    }

  if (!cf_intake_begin (intake, error) ||
      !cf_search_unindex (db, document_id, error) ||
      !record_extraction (db, document_id, get_string (root, "extractor"), get_int (root, "version"),
                          status, problem, text,
                          json_object_get_boolean_member_with_default (root, "text_truncated", FALSE),
                          metadata_text, error) ||
      !replace_warnings (db, document_id,
                         json_object_has_member (root, "warnings") &&
                         JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "warnings"))
                         ? json_object_get_array_member (root, "warnings") : NULL,
                         error))
    return FALSE;

  /* What a person set (edited bits) wins over what the document says. */
  update = cf_db_prepare (db,
                          "UPDATE documents SET text_status = ?1, pages = ?2, recipients = ?3, "
                          "title = CASE WHEN edited & 1 OR ?4 IS NULL THEN title ELSE ?4 END, "
                          "doc_date = CASE WHEN edited & 2 OR ?5 IS NULL THEN doc_date ELSE ?5 END, "
                          "author = CASE WHEN edited & 4 OR ?6 IS NULL THEN author ELSE ?6 END "
                          "WHERE id = ?7",
                          error);
  if (update == NULL)
    return FALSE;
  cf_db_bind_text (update, 1, text_status);
  if (get_int (metadata, "pages") > 0)
    sqlite3_bind_int64 (update, 2, get_int (metadata, "pages"));
  else
    sqlite3_bind_null (update, 2);
  cf_db_bind_text (update, 3, recipients);
  cf_db_bind_text (update, 4, title);
  cf_db_bind_text (update, 5, date);
  cf_db_bind_text (update, 6, author);
  sqlite3_bind_int64 (update, 7, document_id);
  if (!cf_db_step_done (db, update, error) ||
      !cf_search_index (db, document_id, error) ||
      !cf_document_refresh_status (db, document_id, error))
    return FALSE;

  children_text = g_strdup_printf ("%u", children ? json_array_get_length (children) : 0);
  details = cf_custody_details ("reader", get_string (root, "extractor"),
                                "status", status,
                                "text_status", text_status,
                                "problem", problem,
                                "title", title,
                                "date", date,
                                "author", author,
                                "children", children_text,
                                NULL);
  if (!cf_custody_append (db, "extract", document_id, 0, details, error))
    return FALSE;

  for (guint i = 0; children != NULL && i < json_array_get_length (children); i++)
    {
      JsonNode *node = json_array_get_element (children, i);
      gint64 position = i + 1;
      g_autofree char *present_expansion = NULL;
      gint64 present;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      /* Read again: children recorded the first time stay, none twice. */
      present = cf_intake_find_present (intake, document_id, position, NULL, NULL,
                                        &present_expansion, NULL, error);
      if (present < 0)
        return FALSE;
      if (present > 0)
        continue;
      if (!adopt_child (intake, document_id, source, depth, position, out_dir,
                        json_node_get_object (node), limits, cancellable, error))
        return FALSE;
      (*n_children)++;
      if (!cf_intake_commit (intake, FALSE, error))
        return FALSE;
    }
  return TRUE;
}
