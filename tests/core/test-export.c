/* test-export.c — the evidence bundle: its layout and files, reproducible
 * bytes, TAR, claim selection, AES encryption, atomic writing, and verify
 * catching altered, missing and extra files. */
#include "test-util.h"
#include "test-fixtures.h"

#include <archive.h>
#include <archive_entry.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "cf-bundle.h"
#include "cf-custody.h"
#include "cf-error.h"
#include "cf-numbering.h"
#include "cf-sha256.h"

typedef struct
{
  char *dir;
  CfCase *kase;
  gint64 claim_entrust;
  gint64 claim_consent;
  gint64 contract;
  gint64 mail;
  gint64 memo;
  gint64 privileged;
  gint64 archive;
} Fixture;

static gint64
import_file (Fixture    *f,
             const char *name,
             const void *data,
             gsize       len)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GPtrArray) items = NULL;

  tu_write_file (path, data, len);
  items = tu_import_one (f->kase, path);
  return ((TuItem *) g_ptr_array_index (items, 0))->document_id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  static const char pdf[] = "%PDF-1.4\n% 위수탁 계약서 (stored, not deflated)\n%%EOF\n";
  TuZip *zip = tu_zip_new ();
  g_autoptr(GBytes) zip_bytes = NULL;

  f->dir = tu_temp_dir ();
  f->kase = tu_new_case (f->dir, "카카오페이 v 개인정보보호위원회");
  f->claim_entrust = cf_case_add_claim (f->kase, "위수탁이지 유출이 아님", 0, CF_SIDE_OURS, NULL, NULL);
  f->claim_consent = cf_case_add_claim (f->kase, "고객 동의 불요", 0, CF_SIDE_OURS,
                                        "위탁은 고지로 족하고 동의는 필요 없음", NULL);

  f->contract = import_file (f, "위수탁계약서.pdf", pdf, strlen (pdf));
  f->mail = import_file (f, "mail.txt", "From: partner\nSubject: 정산 데이터\n", strlen ("From: partner\nSubject: 정산 데이터\n"));
  f->memo = import_file (f, "memo.txt", "consent memo, comma, \"quoted\"", strlen ("consent memo, comma, \"quoted\""));
  f->privileged = import_file (f, "legal-advice.txt", "privileged advice", 17);
  tu_zip_add (zip, "screenshot-1.txt", -1, "screen one", 10, TU_ZIP_STORE);
  tu_zip_add (zip, "screenshot-2.txt", -1, "screen two", 10, TU_ZIP_STORE);
  zip_bytes = tu_zip_finish (zip);
  f->archive = import_file (f, "screens.zip", g_bytes_get_data (zip_bytes, NULL),
                            g_bytes_get_size (zip_bytes));

  g_assert_true (cf_case_edit_document (f->kase, f->contract, "위수탁계약서", "2018-04-02",
                                        "카카오페이", &error));
  g_assert_true (cf_case_tag (f->kase, f->claim_entrust, &f->contract, 1, CF_STANCE_SUPPORTS,
                              "제4조", "목적 제한", &error));
  g_assert_true (cf_case_tag (f->kase, f->claim_entrust, &f->archive, 1, CF_STANCE_CONTEXT,
                              NULL, NULL, &error));
  g_assert_true (cf_case_tag (f->kase, f->claim_consent, &f->memo, 1, CF_STANCE_SUPPORTS,
                              "=SUM(A1)", NULL, &error));
  g_assert_true (cf_case_tag (f->kase, f->claim_consent, &f->privileged, 1, CF_STANCE_SUPPORTS,
                              NULL, NULL, &error));
  g_assert_true (cf_case_set_privileged (f->kase, f->privileged, "변호사-의뢰인 통신", &error));
  g_assert_no_error (error);
  changes = cf_case_number_exhibits (f->kase, FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->kase);
  g_free (f->dir);
}

static CfExportResult *
export (Fixture         *f,
        const char      *name,
        CfExportOptions *options)
{
  g_autofree char *out = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  CfExportOptions defaults = { .format = CF_BUNDLE_ZIP };
  CfExportResult *result;

  result = cf_case_export_bundle (f->kase, out, options ? options : &defaults, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* Reads every member of an archive into a table: path → bytes. */
static GHashTable *
read_members (const char *path,
              const char *passphrase,
              GPtrArray  *order)
{
  GHashTable *members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_bytes_unref);
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;

  archive_read_support_format_zip (a);
  archive_read_support_format_tar (a);
  if (passphrase)
    archive_read_add_passphrase (a, passphrase);
  g_assert_cmpint (archive_read_open_filename (a, path, 65536), ==, ARCHIVE_OK);
  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    {
      GByteArray *data = g_byte_array_new ();
      char buf[65536];
      la_ssize_t n;

      while ((n = archive_read_data (a, buf, sizeof buf)) > 0)
        g_byte_array_append (data, (guint8 *) buf, n);
      g_assert_cmpint (n, ==, 0);
      if (order)
        g_ptr_array_add (order, g_strdup (archive_entry_pathname (entry)));
      g_hash_table_insert (members, g_strdup (archive_entry_pathname (entry)),
                           g_byte_array_free_to_bytes (data));
    }
  archive_read_free (a);
  return members;
}

static GBytes *
member (GHashTable *members,
        const char *top,
        const char *rel)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", top, rel);
  GBytes *bytes = g_hash_table_lookup (members, key);

  if (bytes == NULL)
    g_error ("no member %s", key);
  return bytes;
}

static char *
text_of (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A minimal RFC 4180 reader for checking what we wrote. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  g_assert_true (g_str_has_prefix (p, "\xEF\xBB\xBF"));
  p += 3;
  while (*p)
    {
      if (*p == '"')
        {
          for (p++; *p && !(*p == '"' && p[1] != '"'); p++)
            {
              if (*p == '"')
                p++;
              g_string_append_c (field, *p);
            }
          g_assert_true (*p == '"');
          p++;
        }
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          p++;
        }
      else if (*p == '\r')
        {
          g_assert_true (p[1] == '\n');
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          p += 2;
        }
      else
        {
          g_assert_true (*p != '\n');
          g_string_append_c (field, *p++);
        }
    }
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static void
test_layout_and_contents (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CfExportResult) result = export (f, "bundle.zip", NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) members = read_members (result->path, NULL, order);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) csv = NULL;
  g_autoptr(GPtrArray) custody = NULL;
  g_autoptr(GPtrArray) privilege = NULL;
  g_autofree char *sums = NULL;
  g_autofree char *readme = NULL;
  g_autofree char *html = NULL;
  g_autofree char *index = NULL;
  g_autofree char *custody_text = NULL;
  g_autofree char *privilege_text = NULL;
  g_autofree char *file_sha = NULL;
  const char *top = "카카오페이 v 개인정보보호위원회 (2024구합12345)";
  JsonObject *root;
  JsonArray *exhibits;
  GBytes *contract;
  guint n_sums_lines = 0;

  g_assert_cmpuint (result->n_exhibits, ==, 5);
  g_assert_cmpuint (result->n_privileged, ==, 1);
  g_assert_true (cf_sha256_is_valid_hex (result->sha256));
  file_sha = cf_sha256_file (result->path, NULL);
  g_assert_cmpstr (file_sha, ==, result->sha256);

  /* Members are sorted and all under one top folder. */
  for (guint i = 0; i < order->len; i++)
    {
      const char *name = g_ptr_array_index (order, i);

      g_assert_true (g_str_has_prefix (name, top));
      if (i > 0)
        g_assert_cmpint (strcmp (g_ptr_array_index (order, i - 1), name), <, 0);
    }

  /* The original, byte for byte, under its number and title. */
  contract = member (members, top, "exhibits/갑제001호증 위수탁계약서.pdf");
  {
    g_autoptr(CfDocument) d = cf_case_get_document (f->kase, f->contract, NULL);
    g_autofree char *object = cf_case_dup_object_path (f->kase, d);
    gsize len;
    g_autofree char *original = tu_read_file (object, &len);

    g_assert_cmpmem (g_bytes_get_data (contract, NULL), g_bytes_get_size (contract), original, len);
  }
  /* The archive and its members, numbered as a family, side by side. */
  member (members, top, "exhibits/갑제002호증의01 screens.zip");
  member (members, top, "exhibits/갑제002호증의02 screenshot-1.txt");
  member (members, top, "exhibits/갑제002호증의03 screenshot-2.txt");
  member (members, top, "exhibits/갑제003호증 memo.txt");

  /* SHA256SUMS lists every other file with its real hash. */
  sums = text_of (member (members, top, "SHA256SUMS"));
  {
    g_auto(GStrv) lines = g_strsplit (sums, "\n", -1);

    for (guint i = 0; lines[i] && lines[i][0]; i++)
      {
        g_autofree char *sha = NULL;
        GBytes *m = member (members, top, lines[i] + 66);

        sha = cf_sha256_hex_of (g_bytes_get_data (m, NULL), g_bytes_get_size (m));
        g_assert_cmpint (strncmp (lines[i], sha, 64), ==, 0);
        g_assert_cmpstr (lines[i] + 66, !=, "SHA256SUMS");
        n_sums_lines++;
      }
  }
  g_assert_cmpuint (n_sums_lines, ==, result->n_files);
  g_assert_cmpuint (n_sums_lines, ==, 5 + 6);

  readme = text_of (member (members, top, "README.txt"));
  g_assert_nonnull (strstr (readme, "sha256sum -c SHA256SUMS"));
  g_assert_nonnull (strstr (readme, "검증 방법"));

  html = text_of (member (members, top, "index.html"));
  g_assert_nonnull (strstr (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "갑 제1호증"));
  g_assert_nonnull (strstr (html, "위수탁이지 유출이 아님"));
  g_assert_nonnull (strstr (html, "제4조"));
  g_assert_nonnull (strstr (html, "href=\"exhibits/%EA%B0%91"));
  g_assert_null (strstr (html, "http://"));
  g_assert_null (strstr (html, "https://"));

  /* The exhibit list for spreadsheets: BOM, CRLF, quoting, formula guard. */
  index = text_of (member (members, top, "index.csv"));
  csv = parse_csv (index);
  g_assert_cmpuint (csv->len, ==, 1 + 5);
  {
    GPtrArray *first = g_ptr_array_index (csv, 1);
    GPtrArray *memo_row = g_ptr_array_index (csv, 5);

    g_assert_cmpstr (g_ptr_array_index (first, 0), ==, "갑 제1호증");
    g_assert_cmpstr (g_ptr_array_index (first, 1), ==, "위수탁계약서");
    g_assert_cmpstr (g_ptr_array_index (first, 2), ==, "2018-04-02");
    g_assert_cmpstr (g_ptr_array_index (first, 3), ==, "카카오페이");
    g_assert_cmpstr (g_ptr_array_index (first, 4), ==, "위수탁이지 유출이 아님 [제4조]: 목적 제한");
    g_assert_cmpstr (g_ptr_array_index (memo_row, 0), ==, "갑 제3호증");
    g_assert_cmpstr (g_ptr_array_index (memo_row, 4), ==, "고객 동의 불요 [=SUM(A1)]");
  }

  /* The privilege log names what was withheld, and it is not shipped. */
  privilege_text = text_of (member (members, top, "privilege-log.csv"));
  privilege = parse_csv (privilege_text);
  g_assert_cmpuint (privilege->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (privilege, 1), 5), ==, "변호사-의뢰인 통신");
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, members);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_null (strstr (key, "legal-advice"));
  }

  /* The custody log: every entry's hash recomputes from its fields. */
  custody_text = text_of (member (members, top, "custody-log.csv"));
  custody = parse_csv (custody_text);
  g_assert_cmpuint (custody->len, >, 5);
  for (guint i = 1; i < custody->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (custody, i);
      CfCustodyEntry e = { 0 };
      g_autofree char *hash = NULL;

      e.seq = g_ascii_strtoll (g_ptr_array_index (row, 0), NULL, 10);
      e.time = g_ptr_array_index (row, 1);
      e.user = g_ptr_array_index (row, 2);
      e.host = g_ptr_array_index (row, 3);
      e.action = g_ptr_array_index (row, 4);
      e.document_id = g_ascii_strtoll (g_ptr_array_index (row, 5), NULL, 10);
      e.claim_id = g_ascii_strtoll (g_ptr_array_index (row, 6), NULL, 10);
      e.details = g_ptr_array_index (row, 7);
      e.prev_hash = g_ptr_array_index (row, 8);
      hash = cf_custody_entry_hash (&e);
      g_assert_cmpstr (hash, ==, g_ptr_array_index (row, 9));
      g_assert_cmpstr (e.action, !=, "export");
    }

  /* manifest.json: everything, with the originals' hashes. */
  {
    GBytes *m = member (members, top, "manifest.json");

    json_parser_load_from_data (parser, g_bytes_get_data (m, NULL), g_bytes_get_size (m), &error);
    g_assert_no_error (error);
  }
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "casefile-bundle");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "case"), "court"),
                   ==, "서울행정법원");
  exhibits = json_object_get_array_member (root, "exhibits");
  g_assert_cmpuint (json_array_get_length (exhibits), ==, 5);
  {
    JsonObject *x = json_array_get_object_element (exhibits, 0);
    g_autoptr(CfDocument) d = cf_case_get_document (f->kase, f->contract, NULL);

    g_assert_cmpstr (json_object_get_string_member (x, "exhibit"), ==, "갑 제1호증");
    g_assert_cmpstr (json_object_get_string_member (x, "sha256"), ==, cf_document_get_sha256 (d));
    g_assert_cmpstr (json_object_get_string_member (x, "source"), ==, "위수탁계약서.pdf");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (x, "claims")), ==, 1);
  }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "privileged")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "claims")), ==, 2);
}

static gboolean
files_equal (const char *a,
             const char *b)
{
  gsize la, lb;
  g_autofree char *x = tu_read_file (a, &la);
  g_autofree char *y = tu_read_file (b, &lb);

  return la == lb && memcmp (x, y, la) == 0;
}

static void
test_reproducible (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CfExportResult) one = export (f, "one.zip", NULL);
  g_autoptr(CfExportResult) two = NULL;
  g_autoptr(CfExportResult) t1 = NULL;
  g_autoptr(CfExportResult) t2 = NULL;
  g_autoptr(CfExportResult) changed = NULL;
  CfExportOptions tar = { .format = CF_BUNDLE_TAR };

  /* Locking numbers and logging the export do not change the next one. */
  two = export (f, "two.zip", NULL);
  g_assert_cmpstr (one->sha256, ==, two->sha256);
  g_assert_true (files_equal (one->path, two->path));

  t1 = export (f, "one.tar", &tar);
  t2 = export (f, "two.tar", &tar);
  g_assert_cmpstr (t1->sha256, ==, t2->sha256);
  g_assert_cmpstr (t1->sha256, !=, one->sha256);

  /* A change to the evidence changes the bundle. */
  g_assert_true (cf_case_edit_document (f->kase, f->memo, "동의 관련 메모", NULL, NULL, NULL));
  changed = export (f, "three.zip", NULL);
  g_assert_cmpstr (changed->sha256, !=, one->sha256);
}

static void
test_tar_bundle (Fixture       *f,
                 gconstpointer  data)
{
  CfExportOptions tar = { .format = CF_BUNDLE_TAR };
  g_autoptr(CfExportResult) result = export (f, "bundle.tar", &tar);
  g_autoptr(GHashTable) members = read_members (result->path, NULL, NULL);
  g_autoptr(CfVerifyReport) report = cf_bundle_verify (result->path, NULL, NULL, NULL);

  g_assert_nonnull (g_hash_table_lookup (members,
                    "카카오페이 v 개인정보보호위원회 (2024구합12345)/exhibits/갑제001호증 위수탁계약서.pdf"));
  g_assert_true (cf_verify_report_is_intact (report));
  g_assert_cmpuint (report->n_checked, ==, result->n_files);
}

static void
test_claim_selection (Fixture       *f,
                      gconstpointer  data)
{
  gint64 only = f->claim_consent;
  CfExportOptions options = { .format = CF_BUNDLE_ZIP, .claim_ids = &only, .n_claim_ids = 1 };
  g_autoptr(CfExportResult) result = export (f, "consent.zip", &options);
  g_autoptr(GHashTable) members = read_members (result->path, NULL, NULL);
  GHashTableIter iter;
  gpointer key;
  guint n_exhibits = 0;

  g_assert_cmpuint (result->n_exhibits, ==, 1);
  g_assert_cmpuint (result->n_privileged, ==, 1);
  g_hash_table_iter_init (&iter, members);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (strstr (key, "/exhibits/") && !g_str_has_suffix (key, "/"))
      {
        n_exhibits++;
        g_assert_nonnull (strstr (key, "갑제003호증 memo.txt"));
      }
  g_assert_cmpuint (n_exhibits, ==, 1);

  /* Only the exported exhibit's number is locked. */
  {
    g_autoptr(CfDocument) memo = cf_case_get_document (f->kase, f->memo, NULL);
    g_autoptr(CfDocument) contract = cf_case_get_document (f->kase, f->contract, NULL);

    g_assert_true (cf_document_get_exhibit_locked (memo));
    g_assert_false (cf_document_get_exhibit_locked (contract));
  }
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "exists.zip", NULL);
  g_autofree char *inside = g_build_filename (cf_case_get_path (f->kase), "b.zip", NULL);
  g_autoptr(GError) error = NULL;
  CfExportOptions options = { .format = CF_BUNDLE_ZIP };
  CfExportResult *result;
  gint64 extra;

  tu_write_text (out, "precious");
  result = cf_case_export_bundle (f->kase, out, &options, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CF_ERROR, CF_ERROR_EXISTS);
  g_clear_error (&error);
  {
    g_autofree char *still = tu_read_file (out, NULL);
    g_assert_cmpstr (still, ==, "precious");
  }
  options.overwrite = TRUE;
  result = cf_case_export_bundle (f->kase, out, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  cf_export_result_free (result);
  options.overwrite = FALSE;

  result = cf_case_export_bundle (f->kase, inside, &options, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
  g_clear_error (&error);

  /* A tagged document without a number stops the export before writing. */
  extra = import_file (f, "late.txt", "late evidence", 13);
  g_assert_true (cf_case_tag (f->kase, f->claim_entrust, &extra, 1, CF_STANCE_SUPPORTS, NULL, NULL, NULL));
  g_clear_pointer (&out, g_free);
  out = g_build_filename (f->dir, "unnumbered.zip", NULL);
  result = cf_case_export_bundle (f->kase, out, &options, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CF_ERROR, CF_ERROR_NOT_NUMBERED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  options.passphrase = "short";
  result = cf_case_export_bundle (f->kase, out, &options, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CF_ERROR, CF_ERROR_INVALID);
}

static void
test_stale_partial_cleaned (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "b.zip", NULL);
  g_autofree char *partial = g_strconcat (out, ".partial", NULL);
  g_autoptr(CfExportResult) result = NULL;
  g_autoptr(GPtrArray) log = NULL;
  gboolean cleaned = FALSE;

  tu_write_text (partial, "left by a crash");
  result = export (f, "b.zip", NULL);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  log = cf_case_list_custody (f->kase, 0, NULL);
  for (guint i = 0; i < log->len; i++)
    if (g_strcmp0 (((CfCustodyEntry *) g_ptr_array_index (log, i))->action, "export-cleanup") == 0)
      cleaned = TRUE;
  g_assert_true (cleaned);
}

static void
test_corrupt_object_stops_export (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "never.zip", NULL);
  g_autofree char *partial = g_strconcat (out, ".partial", NULL);
  g_autoptr(CfDocument) d = cf_case_get_document (f->kase, f->memo, NULL);
  g_autofree char *object = cf_case_dup_object_path (f->kase, d);
  g_autoptr(GError) error = NULL;
  CfExportOptions options = { .format = CF_BUNDLE_ZIP };
  CfExportResult *result;
  gsize len;
  g_autofree char *bytes = tu_read_file (object, &len);

  bytes[0] ^= 0x01;
  g_assert_cmpint (chmod (object, 0644), ==, 0);
  tu_write_file (object, bytes, len);

  result = cf_case_export_bundle (f->kase, out, &options, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CF_ERROR, CF_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
}

static void
test_encrypted (Fixture       *f,
                gconstpointer  data)
{
  CfExportOptions options = { .format = CF_BUNDLE_ZIP, .passphrase = "correct horse battery" };
  g_autoptr(CfExportResult) result = NULL;
  g_autoptr(CfVerifyReport) report = NULL;
  g_autoptr(GHashTable) members = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  g_assert_true (cf_bundle_can_encrypt ());
  result = export (f, "secret.zip", &options);
  g_assert_true (result->encrypted);

  /* Without the passphrase, or with a wrong one, the bundle cannot be
   * checked, and the error says so (not that the bundle is damaged)… */
  g_assert_null (cf_bundle_verify (result->path, NULL, NULL, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_null (cf_bundle_verify (result->path, "wrong horse battery", NULL, &error));
  g_assert_error (error, CF_ERROR, CF_ERROR_PASSPHRASE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  /* …with it, it is intact. */
  report = cf_bundle_verify (result->path, options.passphrase, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cf_verify_report_is_intact (report));

  /* A flipped byte in an encrypted member is tampering, not a wrong
   * passphrase: the other members still open. */
  {
    gsize len;
    g_autofree char *zip = tu_read_file (result->path, &len);
    g_autofree char *tampered = g_build_filename (f->dir, "secret-tampered.zip", NULL);
    g_autoptr(CfVerifyReport) r = NULL;
    const guchar *p = (const guchar *) zip;
    gsize at;

    /* The first local header of an exhibit; its data follows the name
     * and the extra fields (AES salt and check bytes come first). */
    for (at = 0; at + 30 < len; at++)
      if (memcmp (p + at, "PK\003\004", 4) == 0 &&
          memmem (p + at + 30, p[at + 26] | p[at + 27] << 8, "/exhibits/", 10) != NULL &&
          (p[at + 18] | p[at + 19] << 8) > 0)
        break;
    g_assert_cmpuint (at + 30, <, len);
    at += 30 + (p[at + 26] | p[at + 27] << 8) + (p[at + 28] | p[at + 29] << 8) + 16 + 2 + 3;
    g_assert_cmpuint (at, <, len);
    zip[at] ^= 0x40;
    tu_write_file (tampered, zip, len);
    r = cf_bundle_verify (tampered, options.passphrase, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (cf_verify_report_is_intact (r));
    g_assert_cmpuint (r->altered->len, >=, 1);
    g_test_message ("altered: %s", (const char *) g_ptr_array_index (r->altered, 0));
  }

  /* Member names are not encrypted in a ZIP: they carry no titles. */
  members = read_members (result->path, options.passphrase, NULL);
  g_hash_table_iter_init (&iter, members);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (strstr (key, "/exhibits/") && !g_str_has_suffix (key, "/"))
      {
        g_assert_null (strstr (key, "위수탁계약서"));
        g_assert_null (strstr (key, "memo"));
      }
}

/* Extracts a bundle into dir with libarchive (the way users would). */
static char *
extract (const char *bundle,
         const char *dir)
{
  struct archive *a = archive_read_new ();
  struct archive *disk = archive_write_disk_new ();
  struct archive_entry *entry;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *top = NULL;

  archive_read_support_format_all (a);
  archive_write_disk_set_options (disk, ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_SYMLINKS);
  g_assert_cmpint (archive_read_open_filename (a, bundle, 65536), ==, ARCHIVE_OK);
  g_assert_cmpint (chdir (dir), ==, 0);
  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    {
      const void *buf;
      size_t size;
      la_int64_t offset;

      if (top == NULL)
        top = g_strndup (archive_entry_pathname (entry), strcspn (archive_entry_pathname (entry), "/"));
      g_assert_cmpint (archive_write_header (disk, entry), ==, ARCHIVE_OK);
      while (archive_read_data_block (a, &buf, &size, &offset) == ARCHIVE_OK)
        archive_write_data_block (disk, buf, size, offset);
      archive_write_finish_entry (disk);
    }
  g_assert_cmpint (chdir (cwd), ==, 0);
  archive_read_free (a);
  archive_write_free (disk);
  return g_build_filename (dir, top, NULL);
}

static void
test_verify_catches_tampering (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CfExportResult) result = export (f, "bundle.zip", NULL);
  g_autofree char *out_dir = g_build_filename (f->dir, "extracted", NULL);
  g_autofree char *top = NULL;
  g_autofree char *exhibit = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *memo = NULL;
  g_autoptr(CfVerifyReport) intact = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  intact = cf_bundle_verify (result->path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cf_verify_report_is_intact (intact));
  g_assert_cmpstr (intact->sha256, ==, result->sha256);

  tu_mkdir (out_dir);
  top = extract (result->path, out_dir);
  {
    g_autoptr(CfVerifyReport) r = cf_bundle_verify (out_dir, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (cf_verify_report_is_intact (r));
    g_assert_cmpuint (r->n_checked, ==, result->n_files);
  }

  /* One changed byte. */
  exhibit = g_build_filename (top, "exhibits", "갑제001호증 위수탁계약서.pdf", NULL);
  {
    g_autofree char *bytes = tu_read_file (exhibit, &len);
    g_autoptr(CfVerifyReport) r = NULL;

    bytes[len / 2] ^= 0x20;
    tu_write_file (exhibit, bytes, len);
    r = cf_bundle_verify (top, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r->altered->len, ==, 2);  /* against SHA256SUMS and against manifest.json */
    g_assert_nonnull (strstr (g_ptr_array_index (r->altered, 0), "갑제001호증"));
    g_assert_cmpuint (r->missing->len, ==, 0);
    g_assert_cmpuint (r->extra->len, ==, 0);
    bytes[len / 2] ^= 0x20;
    tu_write_file (exhibit, bytes, len);
  }

  /* A missing file. */
  memo = g_build_filename (top, "exhibits", "갑제003호증 memo.txt", NULL);
  {
    g_autofree char *saved = tu_read_file (memo, &len);
    g_autoptr(CfVerifyReport) r = NULL;

    g_assert_cmpint (unlink (memo), ==, 0);
    r = cf_bundle_verify (top, NULL, NULL, &error);
    g_assert_cmpuint (r->missing->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (r->missing, 0), ==, "exhibits/갑제003호증 memo.txt");
    g_assert_false (cf_verify_report_is_intact (r));
    tu_write_file (memo, saved, len);
  }

  /* An extra file. */
  extra = g_build_filename (top, "exhibits", "갑제099호증 planted.pdf", NULL);
  tu_write_text (extra, "planted");
  {
    g_autoptr(CfVerifyReport) r = cf_bundle_verify (top, NULL, NULL, &error);

    g_assert_cmpuint (r->extra->len, ==, 1);
    g_assert_cmpuint (r->altered->len, ==, 0);
  }
  unlink (extra);

  /* A flipped byte inside the ZIP itself (a stored member). */
  {
    g_autofree char *zip = tu_read_file (result->path, &len);
    g_autofree char *tampered = g_build_filename (f->dir, "tampered.zip", NULL);
    const char *needle = "stored, not deflated";
    char *hit = memmem (zip, len, needle, strlen (needle));
    g_autoptr(CfVerifyReport) r = NULL;

    g_assert_nonnull (hit);
    hit[0] ^= 0x01;
    tu_write_file (tampered, zip, len);
    r = cf_bundle_verify (tampered, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (cf_verify_report_is_intact (r));
    g_assert_cmpuint (r->altered->len, >=, 1);
  }

  /* Not a bundle at all. */
  {
    g_autofree char *junk = g_build_filename (f->dir, "junk.zip", NULL);
    CfVerifyReport *r;

    tu_write_text (junk, "this is not an archive");
    r = cf_bundle_verify (junk, NULL, NULL, &error);
    g_assert_null (r);
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/export/layout-contents", test_layout_and_contents);
  ADD ("/export/reproducible", test_reproducible);
  ADD ("/export/tar", test_tar_bundle);
  ADD ("/export/claim-selection", test_claim_selection);
  ADD ("/export/refusals", test_refusals);
  ADD ("/export/stale-partial", test_stale_partial_cleaned);
  ADD ("/export/corrupt-object", test_corrupt_object_stops_export);
  ADD ("/export/encrypted", test_encrypted);
  ADD ("/export/verify-tampering", test_verify_catches_tampering);
#undef ADD
  return g_test_run ();
}
