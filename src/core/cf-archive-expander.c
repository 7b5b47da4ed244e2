/* cf-archive-expander.c — archive members as child documents (see
 * cf-archive-expander.h). Only ZIP and TAR (optionally gzip/bzip2/xz
 * compressed) readers are enabled: the RAR/7z/CAB readers carry most of
 * libarchive's security history, so those formats stay unexpanded. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-archive-expander.h"

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "cf-error.h"
#include "cf-fsutil.h"
#include "cf-mime.h"
#include "cf-names.h"

typedef struct
{
  CfIntake *intake;
  struct archive *a;
  CfExpansionBudget *budget;
  GCancellable *cancellable;
  guint64 archive_size;
  guint64 produced_here;
  /* The last member's non-fatal trouble (a CRC mismatch), or NULL. */
  char *member_warning;
  gboolean member_fatal;
} Expansion;

void
cf_expansion_budget_clear (CfExpansionBudget *budget)
{
  g_clear_pointer (&budget->stop_reason, g_free);
}

static gssize
read_member (gpointer   data,
             void      *buffer,
             gsize      len,
             GError   **error)
{
  Expansion *e = data;
  la_ssize_t n = archive_read_data (e->a, buffer, len);

  if (n >= 0)
    return n;
  if (n == ARCHIVE_WARN)
    {
      /* libarchive reports checksum mismatches this way once the data is
       * through: keep the bytes as found, and say so. */
      g_free (e->member_warning);
      e->member_warning = g_strdup (archive_error_string (e->a));
      return 0;
    }
  e->member_fatal = (n == ARCHIVE_FATAL);
  g_set_error (error, CF_ERROR, CF_ERROR_ARCHIVE, "%s",
               archive_error_string (e->a) ? archive_error_string (e->a) : "unreadable member");
  return -1;
}

static gboolean
on_member_bytes (gpointer   data,
                 gsize      n,
                 GError   **error)
{
  Expansion *e = data;
  CfExpansionBudget *budget = e->budget;
  const CfImportLimits *limits = budget->limits;

  budget->bytes_produced += n;
  e->produced_here += n;

  if (g_cancellable_set_error_if_cancelled (e->cancellable, error))
    return FALSE;
  if (budget->bytes_produced > limits->max_expanded_bytes)
    {
      budget->stop_reason =
        g_strdup_printf ("the expanded size limit (%" G_GUINT64_FORMAT " MiB) was reached",
                         limits->max_expanded_bytes / (1024 * 1024));
      g_set_error_literal (error, CF_ERROR, CF_ERROR_LIMIT, budget->stop_reason);
      return FALSE;
    }
  if (e->produced_here > limits->min_ratio_bytes &&
      e->produced_here / MAX (e->archive_size, 1) > limits->max_ratio)
    {
      budget->stop_reason =
        g_strdup_printf ("the archive expands more than %u times its size (a likely archive bomb)",
                         limits->max_ratio);
      g_set_error_literal (error, CF_ERROR, CF_ERROR_LIMIT, budget->stop_reason);
      return FALSE;
    }
  if (budget->on_bytes != NULL)
    return budget->on_bytes (budget->on_bytes_data, n, error);
  return TRUE;
}

/* Names that would escape a folder if someone extracted the archive with a
 * careless tool. We never do, but it is worth knowing. */
static void
check_member_path (const char  *path,
                   GPtrArray  **warnings)
{
  g_auto(GStrv) parts = NULL;

  if (path[0] == '/' || path[0] == '\\')
    cf_warnings_add (warnings, "member-path-absolute",
                     "The member path “%s” is absolute (kept as metadata only)", path);
  if (g_ascii_isalpha (path[0]) && path[1] == ':')
    cf_warnings_add (warnings, "member-path-drive",
                     "The member path “%s” names a drive (kept as metadata only)", path);
  parts = g_strsplit_set (path, "/\\", -1);
  for (guint i = 0; parts[i]; i++)
    if (strcmp (parts[i], "..") == 0)
      {
        cf_warnings_add (warnings, "member-path-traversal",
                         "The member path “%s” climbs out of the archive with “..” "
                         "(kept as metadata only)", path);
        break;
      }
}

static struct archive *
open_reader (const char  *path,
             char       **problem)
{
  struct archive *a = archive_read_new ();

  archive_read_support_format_zip (a);
  archive_read_support_format_tar (a);
  archive_read_support_filter_none (a);
  archive_read_support_filter_gzip (a);
  archive_read_support_filter_bzip2 (a);
  archive_read_support_filter_xz (a);
  if (archive_read_open_filename (a, path, 64 * 1024) != ARCHIVE_OK)
    {
      *problem = g_strdup_printf ("The archive could not be opened: %s",
                                  archive_error_string (a) ? archive_error_string (a) : "unknown error");
      archive_read_free (a);
      return NULL;
    }
  return a;
}

static const char *
describe_special (mode_t type)
{
  switch (type)
    {
    case AE_IFCHR:
    case AE_IFBLK:
      return "a device";
    case AE_IFIFO:
      return "a FIFO";
    case AE_IFSOCK:
      return "a socket";
    default:
      return "not a regular file";
    }
}

typedef struct
{
  guint n_encrypted;
  guint n_failed;
  char *first_failure;
} MemberCounts;

/* Stores one regular member; returns FALSE only when the run must stop or
 * the expansion of this archive must end (then *end is set). */
static gboolean
expand_member (Expansion            *e,
               struct archive_entry *entry,
               gint64                archive_id,
               gint64                position,
               const char           *raw,
               gsize                 raw_len,
               const char           *member_path,
               CfNameEncoding        encoding,
               const char           *source,
               GPtrArray           **member_warnings,
               guint                 depth,
               MemberCounts         *counts,
               gboolean             *end,
               GError              **error)
{
  g_autoptr(CfObjectWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = cf_name_basename (member_path);
  g_autofree char *modified = NULL;
  g_autofree char *mime_warning = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *sha = NULL;
  guint8 head[CF_MIME_HEAD_SIZE];
  gsize head_len = 0;
  CfIntakeRecord record = { 0 };
  CfCopyResult result;
  gint64 child_id;

  if (name[0] == '\0')
    {
      g_free (name);
      name = g_strdup_printf ("member %" G_GINT64_FORMAT, position);
    }
  if (archive_entry_mtime_is_set (entry))
    modified = cf_utc_iso_from_unix (archive_entry_mtime (entry), archive_entry_mtime_nsec (entry));

  record.parent_id = archive_id;
  record.position = position;
  record.depth = depth + 1;
  record.raw_name = raw;
  record.raw_name_len = raw_len;
  record.name = name;
  record.name_encoding = encoding;
  record.source = source;
  record.modified = modified;
  record.warnings = *member_warnings;

  if (archive_entry_is_encrypted (entry))
    {
      record.size = archive_entry_size_is_set (entry) ? archive_entry_size (entry) : 0;
      record.status = CF_STATUS_FAILED;
      record.problem = "The member is encrypted; its bytes stay inside the archive, which is kept";
      mime = cf_mime_from_name (name);
      record.mime_type = mime;
      counts->n_encrypted++;
      return cf_intake_record (e->intake, &record, error) > 0;
    }

  writer = cf_object_writer_new (cf_intake_get_store (e->intake), error);
  if (writer == NULL)
    return FALSE;

  g_clear_pointer (&e->member_warning, g_free);
  e->member_fatal = FALSE;
  result = cf_intake_copy (e->intake, writer, read_member, e, on_member_bytes, e,
                           head, &head_len, &local_error);
  switch (result)
    {
    case CF_COPY_OK:
      break;
    case CF_COPY_CASE_ERROR:
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    case CF_COPY_STOPPED:
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *end = TRUE;
      return TRUE;
    case CF_COPY_SOURCE_ERROR:
    default:
      counts->n_failed++;
      if (counts->first_failure == NULL)
        counts->first_failure = g_strdup (local_error->message);
      if (e->member_fatal)
        *end = TRUE;
      g_clear_pointer (&writer, cf_object_writer_free);
      record.status = CF_STATUS_FAILED;
      record.problem = local_error->message;
      record.mime_type = "application/octet-stream";
      return cf_intake_record (e->intake, &record, error) > 0;
    }

  sha = g_strdup (cf_object_writer_commit (writer, NULL, error));
  if (sha == NULL)
    return FALSE;

  mime = cf_mime_guess (name, head, head_len, &mime_warning);
  if (mime_warning != NULL)
    cf_warnings_add (member_warnings, "type-mismatch", "%s", mime_warning);
  record.sha256 = sha;
  record.size = cf_object_writer_get_size (writer);
  record.mime_type = mime;
  record.status = CF_STATUS_OK;
  if (e->member_warning != NULL)
    {
      record.status = CF_STATUS_PARTIAL;
      record.problem = e->member_warning;
      cf_warnings_add (member_warnings, "member-checksum",
                       "The archive reported: %s (the bytes are kept as found)", e->member_warning);
      counts->n_failed++;
      if (counts->first_failure == NULL)
        counts->first_failure = g_strdup (e->member_warning);
    }
  record.is_container = cf_mime_is_expandable (mime);
  record.warnings = *member_warnings;

  child_id = cf_intake_record (e->intake, &record, error);
  if (child_id <= 0)
    return FALSE;

  if (record.is_container)
    {
      g_autofree char *child_path = cf_object_store_path (cf_intake_get_store (e->intake), sha);

      if (depth + 1 >= e->budget->limits->max_depth)
        {
          g_autofree char *why =
            g_strdup_printf ("The nesting depth limit (%u archives deep) was reached; this "
                             "archive is kept unexpanded", e->budget->limits->max_depth);

          return cf_intake_set_expansion (e->intake, child_id, "limited", CF_STATUS_PARTIAL,
                                          why, NULL, error);
        }
      if (!cf_archive_expand (e->intake, child_id, source, child_path, record.size,
                              depth + 1, e->budget, e->cancellable, error))
        return FALSE;
      if (e->budget->stop_reason != NULL)
        *end = TRUE;
    }
  return TRUE;
}

static char *
describe_problem (const char         *end_problem,
                  const MemberCounts *counts)
{
  GString *problem = g_string_new (end_problem);

  if (counts->n_encrypted > 0)
    g_string_append_printf (problem, "%s%u encrypted member(s) could not be expanded",
                            problem->len ? "; " : "", counts->n_encrypted);
  if (counts->n_failed > 0)
    g_string_append_printf (problem, "%s%u member(s) could not be read cleanly (%s)",
                            problem->len ? "; " : "", counts->n_failed, counts->first_failure);
  if (problem->len == 0)
    {
      g_string_free (problem, TRUE);
      return NULL;
    }
  return g_string_free (problem, FALSE);
}

gboolean
cf_archive_expand (CfIntake           *intake,
                   gint64              archive_id,
                   const char         *archive_source,
                   const char         *object_path,
                   guint64             archive_size,
                   guint               depth,
                   CfExpansionBudget  *budget,
                   GCancellable       *cancellable,
                   GError            **error)
{
  Expansion e = { 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *end_problem = NULL;
  g_autofree char *problem = NULL;
  MemberCounts counts = { 0 };
  const char *state = "done";
  gint64 position = 0;
  guint retries = 0;
  gboolean ok = TRUE;

  e.intake = intake;
  e.budget = budget;
  e.cancellable = cancellable;
  e.archive_size = archive_size;
  e.a = open_reader (object_path, &end_problem);
  if (e.a == NULL)
    return cf_intake_set_expansion (intake, archive_id, "failed", CF_STATUS_PARTIAL,
                                    end_problem, NULL, error);

  for (;;)
    {
      struct archive_entry *entry = NULL;
      g_autoptr(GPtrArray) member_warnings = NULL;
      g_autofree char *member_path = NULL;
      g_autofree char *source = NULL;
      g_autofree char *present_expansion = NULL;
      g_autofree char *present_sha = NULL;
      const char *raw;
      CfNameEncoding encoding;
      gboolean neutralised = FALSE;
      gboolean end = FALSE;
      gint64 present;
      int r;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (budget->stop_reason != NULL)
        {
          state = "limited";
          end_problem = g_strdup_printf ("Expansion stopped: %s", budget->stop_reason);
          break;
        }

      r = archive_read_next_header (e.a, &entry);
      if (r == ARCHIVE_EOF)
        break;
      if (r == ARCHIVE_RETRY && retries++ < 16)
        continue;
      if (r == ARCHIVE_FATAL || r == ARCHIVE_RETRY)
        {
          state = "failed";
          end_problem = g_strdup_printf ("The archive is damaged or truncated after %" G_GINT64_FORMAT
                                         " member(s): %s", position,
                                         archive_error_string (e.a) ? archive_error_string (e.a)
                                                                    : "unreadable");
          break;
        }
      position++;
      if (r == ARCHIVE_FAILED)
        {
          cf_warnings_add (&warnings, "member-unreadable", "Member %" G_GINT64_FORMAT
                           " could not be read: %s", position, archive_error_string (e.a));
          counts.n_failed++;
          if (counts.first_failure == NULL)
            counts.first_failure = g_strdup (archive_error_string (e.a));
          continue;
        }
      if (r == ARCHIVE_WARN)
        cf_warnings_add (&warnings, "archive-warning", "Member %" G_GINT64_FORMAT ": %s",
                         position, archive_error_string (e.a));

      if (archive_entry_filetype (entry) == AE_IFDIR)
        continue;

      if (++budget->members > budget->limits->max_members)
        {
          state = "limited";
          budget->stop_reason = g_strdup_printf ("the member count limit (%u) was reached",
                                                 budget->limits->max_members);
          end_problem = g_strdup_printf ("Expansion stopped: %s", budget->stop_reason);
          break;
        }

      raw = archive_entry_pathname (entry);
      if (raw == NULL)
        raw = archive_entry_pathname_utf8 (entry);
      if (raw == NULL)
        raw = "";
      member_path = cf_name_decode (raw, -1, FALSE, &encoding, &neutralised);
      source = g_strdup_printf ("%s!/%s", archive_source, member_path);
      if (budget->on_member)
        budget->on_member (budget->on_bytes_data, source);

      /* Resuming an interrupted import: this member is already recorded. */
      present = cf_intake_find_present (intake, archive_id, position, NULL, NULL,
                                        &present_expansion, &present_sha, error);
      if (present < 0)
        {
          ok = FALSE;
          break;
        }
      if (present > 0)
        {
          if (g_strcmp0 (present_expansion, "pending") == 0 && present_sha != NULL)
            {
              g_autofree char *path = cf_object_store_path (cf_intake_get_store (intake), present_sha);
              guint64 size = archive_entry_size_is_set (entry) ? archive_entry_size (entry) : 0;

              if (!cf_archive_expand (intake, present, source, path, size, depth + 1,
                                      budget, cancellable, error))
                {
                  ok = FALSE;
                  break;
                }
            }
          continue;
        }

      if (encoding == CF_NAME_CP949)
        cf_warnings_add (&member_warnings, "name-cp949",
                         "The member name is not UTF-8; it was decoded as CP949 (Korean Windows)");
      else if (encoding == CF_NAME_INVALID)
        cf_warnings_add (&member_warnings, "name-invalid",
                         "The member name is neither UTF-8 nor CP949; undecodable bytes are shown as �");
      else if (encoding == CF_NAME_NFD)
        cf_warnings_add (&member_warnings, "name-nfd",
                         "The member name was in decomposed (NFD) form, as macOS writes it; "
                         "it is shown composed");
      if (neutralised)
        cf_warnings_add (&member_warnings, "name-control",
                         "The member name holds control or text-direction characters "
                         "(shown as �)");
      check_member_path (member_path, &member_warnings);

      if (archive_entry_hardlink (entry) != NULL)
        {
          g_autofree char *reason = g_strdup_printf ("a hard link to “%s” inside the archive "
                                                     "(not extracted)",
                                                     archive_entry_hardlink (entry));

          cf_warnings_add (&warnings, "member-hardlink", "%s: %s", member_path, reason);
          if (!cf_intake_note (intake, CF_IMPORT_SKIPPED, archive_id, depth + 1, source, reason, error))
            {
              ok = FALSE;
              break;
            }
          continue;
        }
      if (archive_entry_filetype (entry) == AE_IFLNK)
        {
          g_autofree char *target = cf_name_decode (archive_entry_symlink (entry)
                                                    ? archive_entry_symlink (entry) : "",
                                                    -1, FALSE, NULL, NULL);
          g_autofree char *reason = g_strdup_printf ("a symbolic link to “%s” (not followed)", target);

          cf_warnings_add (&warnings, "member-symlink", "%s: %s", member_path, reason);
          if (!cf_intake_note (intake, CF_IMPORT_SKIPPED, archive_id, depth + 1, source, reason, error))
            {
              ok = FALSE;
              break;
            }
          continue;
        }
      if (archive_entry_filetype (entry) != AE_IFREG)
        {
          g_autofree char *reason = g_strdup_printf ("%s (not extracted)",
                                                     describe_special (archive_entry_filetype (entry)));

          cf_warnings_add (&warnings, "member-special", "%s: %s", member_path, reason);
          if (!cf_intake_note (intake, CF_IMPORT_SKIPPED, archive_id, depth + 1, source, reason, error))
            {
              ok = FALSE;
              break;
            }
          continue;
        }

      if (!expand_member (&e, entry, archive_id, position, raw, strlen (raw), member_path,
                          encoding, source, &member_warnings, depth, &counts, &end, error) ||
          !cf_intake_commit (intake, FALSE, error))
        {
          ok = FALSE;
          break;
        }
      if (end)
        {
          if (budget->stop_reason != NULL)
            {
              state = "limited";
              end_problem = g_strdup_printf ("Expansion stopped: %s", budget->stop_reason);
            }
          else
            {
              state = "failed";
              end_problem = g_strdup_printf ("The archive is damaged after %" G_GINT64_FORMAT
                                             " member(s)", position);
            }
          break;
        }
    }

  archive_read_free (e.a);
  g_free (e.member_warning);
  if (!ok)
    {
      g_free (counts.first_failure);
      return FALSE;
    }

  problem = describe_problem (end_problem, &counts);
  g_free (counts.first_failure);
  return cf_intake_set_expansion (intake, archive_id, state,
                                  problem ? CF_STATUS_PARTIAL : CF_STATUS_OK,
                                  problem, warnings, error);
}
