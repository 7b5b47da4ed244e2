/* test-cli.c — casefile-cli as scripts use it: every command, its output,
 * its exit status; and the bundle checked with ordinary tools (unzip,
 * bsdtar, sha256sum -c, Python's zipfile and csv). */
#include "test-util.h"
#include "test-fixtures.h"

#include "cf-sha256.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  char *dir;
  char *case_path;
  char *evidence;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *sub = NULL;
  g_autofree char *cp949 = NULL;
  g_autofree char *zip_path = NULL;
  gsize len;
  TuZip *zip = tu_zip_new ();

  f->dir = tu_temp_dir ();
  f->case_path = g_build_filename (f->dir, "KakaoPay v PIPC.casefile", NULL);
  f->evidence = g_build_filename (f->dir, "증거자료", NULL);
  sub = g_build_filename (f->evidence, "메일", NULL);
  tu_mkdir (sub);
  {
    g_autofree char *p = g_build_filename (f->evidence, "위수탁계약서.pdf", NULL);
    g_autoptr(GBytes) pdf = tu_minimal_pdf ("Consignment Agreement", "KakaoPay",
                                            "D:20180402100000+09'00'", "Article 4 limits the purpose");

    tu_write_file (p, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  }
  {
    g_autofree char *p = g_build_filename (sub, "정산 데이터 전송.eml", NULL);
    tu_write_text (p, "From: partner@example.com\r\nSubject: data\r\n\r\nattached\r\n");
  }
  {
    g_autofree char *p = g_build_filename (f->evidence, "copy-of-contract.pdf", NULL);
    g_autoptr(GBytes) pdf = tu_minimal_pdf ("Consignment Agreement", "KakaoPay",
                                            "D:20180402100000+09'00'", "Article 4 limits the purpose");

    tu_write_file (p, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  }
  cp949 = tu_to_cp949 ("개인정보 처리방침 v3.txt", &len);
  tu_zip_add (zip, cp949, len, "policy v3", 9, TU_ZIP_DEFLATE);
  tu_zip_add (zip, "../../escape.txt", -1, "nope", 4, TU_ZIP_STORE);
  zip_path = g_build_filename (f->evidence, "policies.zip", NULL);
  tu_zip_write (zip, zip_path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->dir);
  g_free (f->case_path);
  g_free (f->evidence);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
create_case (Fixture *f)
{
  g_autofree char *out = NULL;
  int status = tu_run_cli (&out, NULL, "new", f->case_path, "--title", "KakaoPay v PIPC",
                           "--court", "서울행정법원", "--case-number", "2024구합12345",
                           "--party", "plaintiff", NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Created"));
}

static int
find_doc (JsonArray  *docs,
          const char *source_suffix)
{
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *d = json_array_get_object_element (docs, i);

      if (g_str_has_suffix (json_object_get_string_member (d, "source"), source_suffix))
        return json_object_get_int_member (d, "id");
    }
  g_error ("no document %s", source_suffix);
  return -1;
}

static void
test_workflow (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *claim = NULL;
  g_autofree char *sub_claim = NULL;
  g_autofree char *contract_id = NULL;
  g_autofree char *mail_id = NULL;
  g_autofree char *zip_id = NULL;
  g_autofree char *bundle = g_build_filename (f->dir, "bundle.zip", NULL);
  g_autoptr(JsonNode) docs_node = NULL;
  g_autoptr(JsonNode) claims_node = NULL;
  JsonArray *docs;
  JsonObject *contract;
  int status;

  create_case (f);
  status = tu_run_cli (&out, &err, "new", f->case_path, "--title", "again", NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* import: one line per item and a summary. */
  status = tu_run_cli (&out, &err, "import", f->case_path, f->evidence, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "imported"));
  g_assert_nonnull (strstr (out, "duplicate"));
  g_assert_nonnull (strstr (out, "증거자료/메일/정산 데이터 전송.eml"));
  g_assert_nonnull (strstr (out, "policies.zip!/개인정보 처리방침 v3.txt"));
  g_assert_nonnull (strstr (out, "Imported 5, duplicates 1, skipped 0, failed 0"));
  g_assert_false (g_file_test ("/escape.txt", G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* list --json: the promised fields. */
  status = tu_run_cli (&out, NULL, "list", f->case_path, "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  docs_node = parse_json (out);
  docs = json_node_get_array (docs_node);
  g_assert_cmpuint (json_array_get_length (docs), ==, 6);
  contract = json_array_get_object_element (docs, find_doc (docs, "증거자료/위수탁계약서.pdf") - 1);
  {
    const char *fields[] = { "id", "parent", "exhibit", "title", "name", "source", "sha256", "size",
                             "type", "date", "status", "problem", "privileged", "duplicate_of",
                             "claims", NULL };
    for (guint i = 0; fields[i]; i++)
      g_assert_true (json_object_has_member (contract, fields[i]));
  }
  g_assert_cmpstr (json_object_get_string_member (contract, "name"), ==, "위수탁계약서.pdf");
  g_assert_cmpstr (json_object_get_string_member (contract, "type"), ==, "application/pdf");
  g_assert_cmpstr (json_object_get_string_member (contract, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (contract, "title"), ==, "Consignment Agreement");
  g_assert_cmpstr (json_object_get_string_member (contract, "date"), ==, "2018-04-02");
  g_assert_cmpstr (json_object_get_string_member (contract, "author"), ==, "KakaoPay");
  g_assert_cmpint (json_object_get_int_member (contract, "pages"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (contract, "text_status"), ==, "ok");
  contract_id = g_strdup_printf ("%d", find_doc (docs, "증거자료/위수탁계약서.pdf"));
  mail_id = g_strdup_printf ("%d", find_doc (docs, ".eml"));
  zip_id = g_strdup_printf ("%d", find_doc (docs, "policies.zip"));
  {
    JsonObject *member = json_array_get_object_element (docs, find_doc (docs, "처리방침 v3.txt") - 1);
    g_assert_cmpint (json_object_get_int_member (member, "parent"), ==, atoi (zip_id));
  }
  g_clear_pointer (&out, g_free);

  /* claim add prints the id alone. */
  status = tu_run_cli (&claim, NULL, "claim", "add", f->case_path, "위수탁이지 유출이 아님", NULL);
  g_assert_cmpint (status, ==, 0);
  g_strchomp (claim);
  g_assert_cmpstr (claim, ==, "1");
  status = tu_run_cli (&sub_claim, NULL, "claim", "add", f->case_path, "위수탁계약 존재",
                       "--parent", claim, "--description", "계약서 제4조", NULL);
  g_strchomp (sub_claim);
  g_assert_cmpstr (sub_claim, ==, "2");
  g_assert_cmpint (tu_run_cli (NULL, NULL, "claim", "add", f->case_path, "제3자 제공에 해당",
                               "--side", "theirs", NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "claim", "add", f->case_path, "x", "--side", "nobody", NULL), ==, 2);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "claim", "edit", f->case_path, "3", "--title",
                               "제3자 제공 (규제기관 주장)", NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "claim", "move", f->case_path, "3", "--root",
                               "--position", "0", NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "claim", "move", f->case_path, "1", "--parent", "2", NULL), ==, 2);

  g_assert_cmpint (tu_run_cli (NULL, NULL, "tag", f->case_path, "--claim", sub_claim, "--pin", "제4조",
                               "--note", "목적 제한", contract_id, zip_id, NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "tag", f->case_path, "--claim", claim, "--stance",
                               "context", mail_id, NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "tag", f->case_path, "--claim", claim, "9999", NULL), ==, 2);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "tag", f->case_path, "--claim", claim, "abc", NULL), ==, 2);

  status = tu_run_cli (&out, NULL, "claim", "list", f->case_path, "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  claims_node = parse_json (out);
  {
    JsonArray *claims = json_node_get_array (claims_node);
    JsonObject *first = json_array_get_object_element (claims, 0);
    JsonObject *sub = json_array_get_object_element (claims, 2);

    g_assert_cmpuint (json_array_get_length (claims), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "제3자 제공 (규제기관 주장)");
    g_assert_cmpstr (json_object_get_string_member (first, "side"), ==, "theirs");
    g_assert_cmpint (json_object_get_int_member (sub, "parent"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (sub, "documents"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (sub, "description"), ==, "계약서 제4조");
  }
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (tu_run_cli (NULL, NULL, "edit", f->case_path, contract_id, "--title", "위수탁계약서",
                               "--date", "2018-04-02", "--author", "카카오페이", NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, &err, "edit", f->case_path, contract_id, "--date", "2018-13-01", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "not a date"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "privilege", f->case_path, mail_id, "--basis",
                               "변호사 자문 요청", NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "privilege", f->case_path, mail_id, NULL), ==, 2);

  status = tu_run_cli (&out, NULL, "number", f->case_path, "--dry-run", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Would make"));
  g_clear_pointer (&out, g_free);
  status = tu_run_cli (&out, NULL, "number", f->case_path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "갑 제1호증"));
  g_clear_pointer (&out, g_free);

  status = tu_run_cli (&out, NULL, "show", f->case_path, contract_id, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "갑 제1호증"));
  g_assert_nonnull (strstr (out, "위수탁계약 존재"));
  g_assert_nonnull (strstr (out, "제4조"));
  g_assert_nonnull (strstr (out, "Custody:"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "show", f->case_path, "777", NULL), ==, 2);

  /* export prints the bundle's SHA-256. */
  status = tu_run_cli (&out, NULL, "export", f->case_path, bundle, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "SHA-256: "));
  {
    g_autofree char *sha = cf_sha256_file (bundle, NULL);
    g_assert_nonnull (strstr (out, sha));
  }
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "export", f->case_path, bundle, NULL), ==, 2);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "export", f->case_path, bundle, "--force", NULL), ==, 0);

  status = tu_run_cli (&out, NULL, "verify", bundle, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Intact"));
  g_clear_pointer (&out, g_free);

  status = tu_run_cli (&out, &err, "log", f->case_path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "import"));
  g_assert_nonnull (strstr (out, "export"));
  g_assert_nonnull (strstr (err, "verified"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = tu_run_cli (&out, NULL, "fsck", f->case_path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Clean"));
  g_clear_pointer (&out, g_free);

  status = tu_run_cli (&out, NULL, "info", f->case_path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "서울행정법원"));
  g_assert_nonnull (strstr (out, "Documents:    6"));
}

static void
run_shell (const char *command,
           char      **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ignored = NULL;
  int status;

  if (out == NULL)
    out = &ignored;
  g_spawn_command_line_sync (command, out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("“%s” failed:\n%s\n%s", command, out && *out ? *out : "", err);
}

static void
test_bundle_with_ordinary_tools (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *bundle = g_build_filename (f->dir, "bundle.zip", NULL);
  g_autofree char *tar = g_build_filename (f->dir, "bundle.tar", NULL);
  g_autofree char *zip_dir = g_build_filename (f->dir, "unzipped", NULL);
  g_autofree char *tar_dir = g_build_filename (f->dir, "untarred", NULL);
  g_autofree char *script = NULL;
  g_autofree char *cmd = NULL;
  g_autofree char *out = NULL;

  create_case (f);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "import", f->case_path, f->evidence, NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "claim", "add", f->case_path, "위수탁", NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "tag", f->case_path, "--claim", "1", "1", "2", "3", NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "number", f->case_path, NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "export", f->case_path, bundle, NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "export", f->case_path, tar, "--format", "tar", NULL), ==, 0);

  /* unzip + sha256sum -c */
  tu_mkdir (zip_dir);
  cmd = g_strdup_printf ("sh -c 'cd \"%s\" && unzip -q \"%s\" && cd */ && sha256sum -c --strict SHA256SUMS'",
                         zip_dir, bundle);
  run_shell (cmd, &out);
  g_assert_nonnull (strstr (out, "SHA256SUMS") == NULL ? out : NULL);
  g_assert_null (strstr (out, "FAILED"));
  g_assert_nonnull (strstr (out, "exhibits/갑제001호증"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&cmd, g_free);

  /* bsdtar -x + sha256sum -c */
  tu_mkdir (tar_dir);
  cmd = g_strdup_printf ("sh -c 'cd \"%s\" && bsdtar -xf \"%s\" && cd */ && sha256sum -c --strict SHA256SUMS'",
                         tar_dir, tar);
  run_shell (cmd, &out);
  g_assert_null (strstr (out, "FAILED"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&cmd, g_free);

  /* Python's zipfile and csv read it as shipped. */
  script = g_build_filename (f->dir, "check.py", NULL);
  tu_write_text (script,
                 "import csv, io, json, sys, zipfile\n"
                 "z = zipfile.ZipFile(sys.argv[1])\n"
                 "assert z.testzip() is None\n"
                 "names = z.namelist()\n"
                 "top = names[0]\n"
                 "assert all(n.startswith(top) for n in names)\n"
                 "rows = list(csv.reader(io.TextIOWrapper(z.open(top + 'index.csv'), encoding='utf-8-sig', newline='')))\n"
                 "assert rows[0][0] == '증거번호 Exhibit', rows[0]\n"
                 "assert rows[1][0] == '갑 제1호증', rows[1]\n"
                 "m = json.load(z.open(top + 'manifest.json'))\n"
                 "assert len(m['exhibits']) == len(rows) - 1\n"
                 "for x in m['exhibits']:\n"
                 "    assert (top + x['file']) in names, x['file']\n"
                 "log = list(csv.reader(io.TextIOWrapper(z.open(top + 'custody-log.csv'), encoding='utf-8-sig', newline='')))\n"
                 "assert log[0][0] == 'seq'\n"
                 "print('python ok', len(rows) - 1)\n");
  cmd = g_strdup_printf ("/usr/bin/python3 %s %s", script, bundle);
  run_shell (cmd, &out);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "python ok 4"));
}

static void
test_verify_exit_codes (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *bundle = g_build_filename (f->dir, "b.zip", NULL);
  g_autofree char *dir = g_build_filename (f->dir, "x", NULL);
  g_autofree char *cmd = NULL;
  g_autofree char *out = NULL;
  g_autofree char *junk = g_build_filename (f->dir, "junk.zip", NULL);
  g_autofree char *top = NULL;
  g_autofree char *exhibit = NULL;
  g_autofree char *extra = NULL;
  g_autoptr(GDir) d = NULL;

  create_case (f);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "import", f->case_path, f->evidence, NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "claim", "add", f->case_path, "위수탁", NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "tag", f->case_path, "--claim", "1", "1", "2", NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "number", f->case_path, NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "export", f->case_path, bundle, NULL), ==, 0);

  tu_mkdir (dir);
  cmd = g_strdup_printf ("sh -c 'cd \"%s\" && unzip -q \"%s\"'", dir, bundle);
  run_shell (cmd, NULL);
  d = g_dir_open (dir, 0, NULL);
  top = g_build_filename (dir, g_dir_read_name (d), NULL);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "verify", top, NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "verify", dir, NULL), ==, 0);

  /* A changed byte, a missing file and an extra file: exit 1, each named. */
  {
    g_autoptr(GDir) ex = NULL;
    g_autofree char *exdir = g_build_filename (top, "exhibits", NULL);
    const char *name;
    gsize len;
    g_autofree char *bytes = NULL;

    ex = g_dir_open (exdir, 0, NULL);
    while ((name = g_dir_read_name (ex)) != NULL)
      if (g_str_has_prefix (name, "갑제001호증"))
        exhibit = g_build_filename (exdir, name, NULL);
    bytes = tu_read_file (exhibit, &len);
    bytes[0] ^= 1;
    tu_write_file (exhibit, bytes, len);
  }
  g_assert_cmpint (tu_run_cli (&out, NULL, "verify", top, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "altered  exhibits/갑제001호증"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (unlink (exhibit), ==, 0);
  extra = g_build_filename (top, "extra.txt", NULL);
  tu_write_text (extra, "planted");
  g_assert_cmpint (tu_run_cli (&out, NULL, "verify", top, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "missing  exhibits/갑제001호증"));
  g_assert_nonnull (strstr (out, "extra    extra.txt"));
  g_clear_pointer (&out, g_free);

  /* Unreadable: exit 2. */
  tu_write_text (junk, "not a zip");
  g_assert_cmpint (tu_run_cli (NULL, NULL, "verify", junk, NULL), ==, 2);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "verify", "/nonexistent/bundle.zip", NULL), ==, 2);
}

static void
test_encrypted_export (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *bundle = g_build_filename (f->dir, "secret.zip", NULL);
  g_autofree char *pass = g_build_filename (f->dir, "pass.txt", NULL);
  g_autofree char *cmd = NULL;
  g_autofree char *out = NULL;

  create_case (f);
  tu_write_text (pass, "correct horse battery staple\n");
  g_assert_cmpint (tu_run_cli (NULL, NULL, "import", f->case_path, f->evidence, NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "claim", "add", f->case_path, "위수탁", NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "tag", f->case_path, "--claim", "1", "1", NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "number", f->case_path, NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (&out, NULL, "export", f->case_path, bundle, "--encrypt",
                               "--passphrase-file", pass, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "AES-256"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "verify", bundle, NULL), ==, 2);
  g_assert_cmpint (tu_run_cli (&out, NULL, "verify", bundle, "--passphrase-file", pass, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  /* 7-Zip reads it with the passphrase; it is AES, not ZipCrypto. */
  cmd = g_strdup_printf ("7z l -slt -pcorrect\\ horse\\ battery\\ staple %s", bundle);
  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
  g_assert_nonnull (strstr (out, "AES-256"));
  g_assert_null (strstr (out, "ZipCrypto"));
  /* No passphrase file and no terminal: a clear refusal. */
  g_assert_cmpint (tu_run_cli (NULL, NULL, "export", f->case_path, bundle, "--encrypt", "--force", NULL), ==, 2);
}

static void
test_exit_codes_and_help (Fixture       *f,
                          gconstpointer  data)
{
  const char *commands[] = { "new", "info", "import", "list", "show", "tag", "untag", "edit",
                             "privilege", "rm", "number", "export", "verify", "log", "fsck", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.txt", NULL);
  g_autofree char *good = g_build_filename (f->dir, "good.txt", NULL);

  for (guint i = 0; commands[i]; i++)
    {
      g_autofree char *help = NULL;

      g_assert_cmpint (tu_run_cli (&help, NULL, commands[i], "--help", NULL), ==, 0);
      g_assert_nonnull (strstr (help, commands[i]));
    }
  g_assert_cmpint (tu_run_cli (NULL, NULL, "claim", "--help", NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "claim", "add", "--help", NULL), ==, 0);
  {
    const char *no_args[] = { NULL };
    g_assert_cmpint (tu_run_cliv (NULL, NULL, no_args), ==, 2);
  }
  g_assert_cmpint (tu_run_cli (NULL, NULL, "frobnicate", NULL), ==, 2);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "list", NULL), ==, 2);
  g_assert_cmpint (tu_run_cli (NULL, &err, "list", f->dir, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "not a Casefile case"));
  g_clear_pointer (&err, g_free);

  create_case (f);
  /* Some items failed, the rest imported: exit 1. */
  tu_write_text (good, "good");
  g_assert_cmpint (tu_run_cli (&out, NULL, "import", f->case_path, good, missing, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "failed"));
  g_assert_nonnull (strstr (out, "imported"));
}

static void
test_second_writer_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CfCase) holder = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  create_case (f);
  holder = cf_case_open (f->case_path, CF_CASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tu_run_cli (NULL, &err, "import", f->case_path, f->evidence, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "open in another program"));
  g_assert_nonnull (strstr (err, "pid"));
  /* Reading still works while someone writes. */
  g_assert_cmpint (tu_run_cli (&out, NULL, "list", f->case_path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (tu_run_cli (&out, NULL, "info", f->case_path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Open by:      "));
  g_assert_null (strstr (out, "Open by:      nobody"));
}

/* rm: a family goes whole with a reason in the log; a member alone is
 * refused with exit 2 and nothing changes. */
static void
test_rm (Fixture       *f,
         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *zip_id = NULL;
  g_autofree char *member_id = NULL;
  g_autoptr(JsonNode) docs_node = NULL;
  JsonArray *docs;
  guint before;

  create_case (f);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "import", f->case_path, f->evidence, NULL), ==, 0);
  g_assert_cmpint (tu_run_cli (&out, NULL, "list", f->case_path, "--json", NULL), ==, 0);
  docs_node = parse_json (out);
  docs = json_node_get_array (docs_node);
  before = json_array_get_length (docs);
  zip_id = g_strdup_printf ("%d", find_doc (docs, "policies.zip"));
  member_id = g_strdup_printf ("%d", find_doc (docs, "개인정보 처리방침 v3.txt"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (tu_run_cli (NULL, &err, "rm", f->case_path, member_id, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "policies.zip"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "rm", f->case_path, NULL), ==, 2);

  g_assert_cmpint (tu_run_cli (&out, NULL, "rm", f->case_path, zip_id, "--reason", "다른 사건 자료", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "removed"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (tu_run_cli (&out, NULL, "list", f->case_path, "--json", NULL), ==, 0);
  g_clear_pointer (&docs_node, json_node_unref);
  docs_node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (docs_node)), <, before);
  g_assert_null (strstr (out, "policies.zip"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (tu_run_cli (&out, NULL, "log", f->case_path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "remove"));
  g_assert_nonnull (strstr (out, "다른 사건 자료"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (tu_run_cli (NULL, NULL, "fsck", f->case_path, NULL), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  tu_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cli/workflow", test_workflow);
  ADD ("/cli/bundle-with-ordinary-tools", test_bundle_with_ordinary_tools);
  ADD ("/cli/verify-exit-codes", test_verify_exit_codes);
  ADD ("/cli/encrypted-export", test_encrypted_export);
  ADD ("/cli/exit-codes-help", test_exit_codes_and_help);
  ADD ("/cli/second-writer", test_second_writer_refused);
  ADD ("/cli/rm", test_rm);
#undef ADD
  return g_test_run ();
}
