/* cf-bundle-text.c — the generated files of a bundle: README.txt,
 * index.html, index.csv, manifest.json, privilege-log.csv and
 * custody-log.csv. Everything here is a pure function of the plan, so the
 * same plan always gives the same bytes. */
#define G_LOG_DOMAIN "casefile-core"

#include "config.h"

#include "cf-bundle-text.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cf-csv.h"
#include "cf-custody.h"

#define BUNDLE_FORMAT_VERSION 1

static const char *
party_label (CfParty party)
{
  switch (party)
    {
    case CF_PARTY_DEFENDANT:
      return "피고 (defendant)";
    case CF_PARTY_INTERVENOR:
      return "보조참가인 (intervenor)";
    case CF_PARTY_PLAINTIFF:
    default:
      return "원고 (plaintiff)";
    }
}

static const char *
stance_label (CfStance stance)
{
  switch (stance)
    {
    case CF_STANCE_UNDERMINES:
      return "반박 / undermines";
    case CF_STANCE_CONTEXT:
      return "배경 / context";
    case CF_STANCE_SUPPORTS:
    default:
      return "입증 / supports";
    }
}

/* What an exhibit is offered to prove (입증취지): each selected claim with
 * its pinpoint and note. */
static char *
purpose_of (CfBundleExhibit *x)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < x->tags->len; i++)
    {
      CfTag *tag = g_ptr_array_index (x->tags, i);

      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, cf_tag_get_claim_title (tag));
      if (cf_tag_get_pinpoint (tag)[0] != '\0')
        g_string_append_printf (text, " [%s]", cf_tag_get_pinpoint (tag));
      if (cf_tag_get_note (tag)[0] != '\0')
        g_string_append_printf (text, ": %s", cf_tag_get_note (tag));
    }
  return g_string_free (text, FALSE);
}

GBytes *
cf_bundle_readme (CfBundlePlan *plan)
{
  GString *t = g_string_new (NULL);

  g_string_append_printf (t,
    "%s\r\n"
    "==============================================================\r\n"
    "\r\n"
    "[한국어]\r\n"
    "\r\n"
    "이 묶음은 Casefile로 만든 증거 묶음입니다. 별도 프로그램 없이 열고 검증할 수\r\n"
    "있습니다.\r\n"
    "\r\n"
    "  index.html         증거목록과 쟁점별 증거 (웹 브라우저로 여십시오)\r\n"
    "  index.csv          증거목록 (스프레드시트용, UTF-8)\r\n"
    "  exhibits/          증거 원본 파일 (바이트 단위로 원본과 동일)\r\n"
    "  manifest.json      모든 정보 (기계 판독용)\r\n"
    "  privilege-log.csv  제출하지 않은 비닉특권 문서 목록\r\n"
    "  custody-log.csv    각 증거의 보관 이력 (해시 체인 포함)\r\n"
    "  SHA256SUMS         위 모든 파일의 SHA-256 해시값 (해시값 확인서)\r\n"
    "\r\n"
    "검증 방법: 압축을 푼 뒤 이 폴더에서 다음 명령을 실행하십시오.\r\n"
    "\r\n"
    "    sha256sum -c SHA256SUMS\r\n"
    "\r\n"
    "모든 줄이 \"OK\"(또는 \"완료\")이면 파일이 변경되지 않은 것입니다. 각 증거 원본의\r\n"
    "SHA-256은 index.html과 manifest.json에도 적혀 있으며, 반입 당시 계산한 값입니다.\r\n"
    "Windows에서는 PowerShell의 Get-FileHash -Algorithm SHA256 으로 확인할 수 있습니다.\r\n"
    "Casefile이 있으면: casefile-cli verify <묶음 파일>\r\n"
    "\r\n"
    "[English]\r\n"
    "\r\n"
    "This is an evidence bundle made with Casefile. It opens and verifies with\r\n"
    "ordinary tools.\r\n"
    "\r\n"
    "  index.html         the exhibit list and the exhibits per claim (open in a browser)\r\n"
    "  index.csv          the exhibit list for spreadsheets (UTF-8)\r\n"
    "  exhibits/          the original files, byte for byte\r\n"
    "  manifest.json      everything, machine-readable\r\n"
    "  privilege-log.csv  documents withheld as privileged, and why\r\n"
    "  custody-log.csv    the custody history of each exhibit, hash-chained\r\n"
    "  SHA256SUMS         the SHA-256 of every file above\r\n"
    "\r\n"
    "To verify, extract the archive and run, in this folder:\r\n"
    "\r\n"
    "    sha256sum -c SHA256SUMS\r\n"
    "\r\n"
    "Every line must say OK. Each original's SHA-256, computed when it was\r\n"
    "imported, is also listed in index.html and manifest.json. On Windows use\r\n"
    "PowerShell's Get-FileHash -Algorithm SHA256. With Casefile installed:\r\n"
    "casefile-cli verify <bundle file>\r\n"
    "\r\n"
    "custody-log.csv: the hash of each entry is the SHA-256 of the UTF-8 text\r\n"
    "  prev_hash LF seq LF time LF user LF host LF action LF document_id LF\r\n"
    "  claim_id LF details\r\n"
    "(empty text for an empty id), so an altered entry no longer matches its hash.\r\n"
    "\r\n"
    "Case: %s\r\n"
    "Court: %s\r\n"
    "Case number: %s\r\n"
    "Exhibits: %u   Withheld (privileged): %u   Withdrawn numbers: %u\r\n"
    "As of: %s\r\n"
    "Made with Casefile %s\r\n",
    cf_case_get_title (plan->kase),
    cf_case_get_title (plan->kase),
    cf_case_get_court (plan->kase),
    cf_case_get_case_number (plan->kase),
    plan->exhibits->len, plan->privileged->len, plan->gaps->len,
    plan->timestamp_iso, PACKAGE_VERSION);
  return g_string_free_to_bytes (t);
}

GBytes *
cf_bundle_index_csv (CfBundlePlan *plan)
{
  CfCsv csv;
  const char *headers[] = {
    "증거번호 Exhibit", "서증명 Title", "작성일 Date", "작성자 Author", "입증취지 Purpose",
    "유형 Type", "크기 Size (bytes)", "SHA-256", "파일 File", "출처 Source", "가족 Family of",
    "상태 Status", NULL
  };

  cf_csv_init (&csv);
  for (guint i = 0; headers[i]; i++)
    cf_csv_field (&csv, headers[i]);
  cf_csv_end_row (&csv);

  for (guint i = 0; i < plan->exhibits->len; i++)
    {
      CfBundleExhibit *x = g_ptr_array_index (plan->exhibits, i);
      CfDocument *d = x->document;
      g_autofree char *purpose = purpose_of (x);
      CfBundleExhibit *parent = NULL;
      gint64 parent_id = cf_document_get_parent_id (d);

      if (parent_id > 0)
        parent = g_hash_table_lookup (plan->exhibit_by_document, &parent_id);

      cf_csv_field (&csv, x->label);
      cf_csv_field (&csv, cf_document_get_title (d));
      cf_csv_field (&csv, cf_document_get_date (d));
      cf_csv_field (&csv, cf_document_get_author (d));
      cf_csv_field (&csv, purpose);
      cf_csv_field (&csv, cf_document_get_mime_type (d));
      cf_csv_field_int (&csv, cf_document_get_size (d));
      cf_csv_field (&csv, cf_document_get_sha256 (d));
      cf_csv_field (&csv, x->file);
      cf_csv_field (&csv, cf_document_get_source (d));
      cf_csv_field (&csv, parent ? parent->label : NULL);
      cf_csv_field (&csv, cf_status_to_string (cf_document_get_status (d)));
      cf_csv_end_row (&csv);
    }
  for (guint i = 0; i < plan->gaps->len; i++)
    {
      CfBundleGap *gap = g_ptr_array_index (plan->gaps, i);

      cf_csv_field (&csv, gap->label);
      cf_csv_field (&csv, "(철회 / withdrawn)");
      for (guint f = 0; f < 9; f++)
        cf_csv_field (&csv, NULL);
      cf_csv_field (&csv, "withdrawn");
      cf_csv_end_row (&csv);
    }
  return cf_csv_finish (&csv);
}

GBytes *
cf_bundle_privilege_log (CfBundlePlan *plan)
{
  CfCsv csv;
  const char *headers[] = {
    "문서 Document", "제목 Title", "작성일 Date", "작성자 Author", "유형 Type",
    "근거 Basis", "SHA-256", "가족 Family of", "출처 Source", NULL
  };

  cf_csv_init (&csv);
  for (guint i = 0; headers[i]; i++)
    cf_csv_field (&csv, headers[i]);
  cf_csv_end_row (&csv);
  for (guint i = 0; i < plan->privileged->len; i++)
    {
      CfDocument *d = g_ptr_array_index (plan->privileged, i);
      gint64 parent_id = cf_document_get_parent_id (d);
      CfBundleExhibit *parent = parent_id > 0
        ? g_hash_table_lookup (plan->exhibit_by_document, &parent_id) : NULL;

      cf_csv_field_int (&csv, cf_document_get_id (d));
      cf_csv_field (&csv, cf_document_get_title (d));
      cf_csv_field (&csv, cf_document_get_date (d));
      cf_csv_field (&csv, cf_document_get_author (d));
      cf_csv_field (&csv, cf_document_get_mime_type (d));
      cf_csv_field (&csv, cf_document_get_privilege_basis (d));
      cf_csv_field (&csv, cf_document_get_sha256 (d));
      cf_csv_field (&csv, parent ? parent->label : NULL);
      cf_csv_field (&csv, cf_document_get_source (d));
      cf_csv_end_row (&csv);
    }
  return cf_csv_finish (&csv);
}

GBytes *
cf_bundle_custody_log (CfBundlePlan *plan)
{
  CfCsv csv;
  const char *headers[] = {
    "seq", "time", "user", "host", "action", "document_id", "claim_id", "details",
    "prev_hash", "hash", NULL
  };

  cf_csv_init (&csv);
  for (guint i = 0; headers[i]; i++)
    cf_csv_field (&csv, headers[i]);
  cf_csv_end_row (&csv);
  for (guint i = 0; i < plan->custody->len; i++)
    {
      CfCustodyEntry *e = g_ptr_array_index (plan->custody, i);

      cf_csv_field_int (&csv, e->seq);
      cf_csv_field (&csv, e->time);
      cf_csv_field (&csv, e->user);
      cf_csv_field (&csv, e->host);
      cf_csv_field (&csv, e->action);
      if (e->document_id > 0)
        cf_csv_field_int (&csv, e->document_id);
      else
        cf_csv_field (&csv, NULL);
      if (e->claim_id > 0)
        cf_csv_field_int (&csv, e->claim_id);
      else
        cf_csv_field (&csv, NULL);
      cf_csv_field (&csv, e->details);
      cf_csv_field (&csv, e->prev_hash);
      cf_csv_field (&csv, e->hash);
      cf_csv_end_row (&csv);
    }
  return cf_csv_finish (&csv);
}

/* manifest.json ---------------------------------------------------------- */

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static void
add_id (JsonBuilder *b,
        const char  *key,
        gint64       id)
{
  json_builder_set_member_name (b, key);
  if (id > 0)
    json_builder_add_int_value (b, id);
  else
    json_builder_add_null_value (b);
}

static void
add_tags (JsonBuilder *b,
          GPtrArray   *tags)
{
  json_builder_set_member_name (b, "claims");
  json_builder_begin_array (b);
  for (guint i = 0; i < tags->len; i++)
    {
      CfTag *tag = g_ptr_array_index (tags, i);

      json_builder_begin_object (b);
      add_int (b, "id", cf_tag_get_claim_id (tag));
      add_string (b, "title", cf_tag_get_claim_title (tag));
      add_string (b, "stance", cf_stance_to_string (cf_tag_get_stance (tag)));
      add_string (b, "pinpoint", cf_tag_get_pinpoint (tag));
      add_string (b, "note", cf_tag_get_note (tag));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

GBytes *
cf_bundle_manifest (CfBundlePlan *plan)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  CfCase *kase = plan->kase;
  char *text;

  json_builder_begin_object (b);
  add_string (b, "format", "casefile-bundle");
  add_int (b, "format_version", BUNDLE_FORMAT_VERSION);
  add_string (b, "tool", "Casefile " PACKAGE_VERSION);

  json_builder_set_member_name (b, "case");
  json_builder_begin_object (b);
  add_string (b, "id", cf_case_get_uuid (kase));
  add_string (b, "title", cf_case_get_title (kase));
  add_string (b, "court", cf_case_get_court (kase));
  add_string (b, "case_number", cf_case_get_case_number (kase));
  add_string (b, "party", cf_party_to_string (cf_case_get_party (kase)));
  add_string (b, "numbering", cf_numbering_to_string (cf_case_get_numbering (kase)));
  add_string (b, "prefix", cf_case_get_prefix (kase));
  add_string (b, "created", cf_case_get_created (kase));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "export");
  json_builder_begin_object (b);
  add_string (b, "format", plan->format == CF_BUNDLE_TAR ? "tar" : "zip");
  add_string (b, "top_folder", plan->top);
  add_string (b, "as_of", plan->timestamp_iso);
  json_builder_set_member_name (b, "encrypted");
  json_builder_add_boolean_value (b, plan->encrypted);
  json_builder_set_member_name (b, "claims");
  if (plan->all_claims)
    json_builder_add_string_value (b, "all");
  else
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < plan->selected_claim_ids->len; i++)
        json_builder_add_int_value (b, g_array_index (plan->selected_claim_ids, gint64, i));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "claims");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->claims->len; i++)
    {
      CfClaim *claim = g_ptr_array_index (plan->claims, i);

      json_builder_begin_object (b);
      add_int (b, "id", cf_claim_get_id (claim));
      add_id (b, "parent", cf_claim_get_parent_id (claim));
      add_int (b, "position", cf_claim_get_position (claim));
      add_string (b, "title", cf_claim_get_title (claim));
      add_string (b, "description", cf_claim_get_description (claim));
      add_string (b, "side", cf_side_to_string (cf_claim_get_side (claim)));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "exhibits");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->exhibits->len; i++)
    {
      CfBundleExhibit *x = g_ptr_array_index (plan->exhibits, i);
      CfDocument *d = x->document;

      json_builder_begin_object (b);
      add_string (b, "exhibit", x->label);
      add_int (b, "main", x->main_number);
      add_int (b, "sub", x->sub_number);
      add_string (b, "file", x->file);
      add_string (b, "sha256", cf_document_get_sha256 (d));
      add_int (b, "size", cf_document_get_size (d));
      add_int (b, "document", cf_document_get_id (d));
      add_id (b, "parent", cf_document_get_parent_id (d));
      add_id (b, "duplicate_of", cf_document_get_duplicate_of (d));
      add_string (b, "title", cf_document_get_title (d));
      add_string (b, "date", cf_document_get_date (d));
      add_string (b, "author", cf_document_get_author (d));
      add_string (b, "name", cf_document_get_name (d));
      add_string (b, "source", cf_document_get_source (d));
      add_string (b, "type", cf_document_get_mime_type (d));
      add_string (b, "modified", cf_document_get_modified (d));
      add_string (b, "imported", cf_document_get_imported (d));
      add_string (b, "status", cf_status_to_string (cf_document_get_status (d)));
      add_string (b, "problem", cf_document_get_problem (d));
      add_tags (b, x->tags);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "withdrawn");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->gaps->len; i++)
    {
      CfBundleGap *gap = g_ptr_array_index (plan->gaps, i);

      json_builder_begin_object (b);
      add_string (b, "exhibit", gap->label);
      add_id (b, "former_document", gap->former_document_id);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "privileged");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->privileged->len; i++)
    {
      CfDocument *d = g_ptr_array_index (plan->privileged, i);

      json_builder_begin_object (b);
      add_int (b, "document", cf_document_get_id (d));
      add_id (b, "parent", cf_document_get_parent_id (d));
      add_string (b, "title", cf_document_get_title (d));
      add_string (b, "date", cf_document_get_date (d));
      add_string (b, "author", cf_document_get_author (d));
      add_string (b, "type", cf_document_get_mime_type (d));
      add_string (b, "basis", cf_document_get_privilege_basis (d));
      add_string (b, "sha256", cf_document_get_sha256 (d));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, NULL);
  text = g_realloc (text, strlen (text) + 2);
  strcat (text, "\n");
  return g_bytes_new_take (text, strlen (text));
}

/* index.html ------------------------------------------------------------- */

static void
esc (GString    *html,
     const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (html, escaped);
}

static void
link_to (GString         *html,
         CfBundleExhibit *x)
{
  g_autofree char *href = g_uri_escape_string (x->file, "/", FALSE);

  g_string_append_printf (html, "<a href=\"%s\">", href);
  esc (html, x->label);
  g_string_append (html, "</a>");
}

static void
human_size (GString *html,
            guint64  size)
{
  g_autofree char *text = g_format_size (size);

  esc (html, text);
}

static const char style[] =
  "body{font-family:'Noto Sans CJK KR','Malgun Gothic','Apple SD Gothic Neo',sans-serif;"
  "margin:2em auto;max-width:1200px;color:#222;line-height:1.45;padding:0 1em}"
  "h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ccc}"
  "table{border-collapse:collapse;width:100%;font-size:.92em}"
  "th,td{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}"
  "th{background:#f3f3f3}td.hash{font-family:monospace;font-size:.8em;word-break:break-all}"
  "td.num{white-space:nowrap}.meta{color:#555}.side{font-size:.8em;color:#666}"
  ".claim{margin:.6em 0 1em}.claim .claim{margin-left:1.5em}.withdrawn{color:#999}"
  ".stance-undermines{color:#a40000}.stance-context{color:#555}";

static void
claim_section (GString      *html,
               CfBundlePlan *plan,
               guint        *index,
               guint         depth)
{
  CfClaim *claim = g_ptr_array_index (plan->claims, *index);
  gint64 claim_id = cf_claim_get_id (claim);
  gboolean any = FALSE;

  g_string_append (html, "<div class=\"claim\">");
  g_string_append_printf (html, "<h%u>", MIN (3 + depth, 6));
  esc (html, cf_claim_get_title (claim));
  g_string_append_printf (html, " <span class=\"side\">(%s)</span></h%u>",
                          cf_claim_get_side (claim) == CF_SIDE_OURS ? "우리 주장 / ours"
                                                                      : "상대방 주장 / theirs",
                          MIN (3 + depth, 6));
  if (cf_claim_get_description (claim)[0] != '\0')
    {
      g_string_append (html, "<p>");
      esc (html, cf_claim_get_description (claim));
      g_string_append (html, "</p>");
    }

  for (guint i = 0; i < plan->exhibits->len; i++)
    {
      CfBundleExhibit *x = g_ptr_array_index (plan->exhibits, i);

      for (guint t = 0; t < x->tags->len; t++)
        {
          CfTag *tag = g_ptr_array_index (x->tags, t);

          if (cf_tag_get_claim_id (tag) != claim_id)
            continue;
          if (!any)
            g_string_append (html, "<table><tr><th>증거번호 Exhibit</th><th>서증명 Title</th>"
                                   "<th>입장 Stance</th><th>인용 Pinpoint</th><th>메모 Note</th></tr>");
          any = TRUE;
          g_string_append (html, "<tr><td class=\"num\">");
          link_to (html, x);
          g_string_append (html, "</td><td>");
          esc (html, cf_document_get_title (x->document));
          g_string_append_printf (html, "</td><td class=\"stance-%s\">",
                                  cf_stance_to_string (cf_tag_get_stance (tag)));
          esc (html, stance_label (cf_tag_get_stance (tag)));
          g_string_append (html, "</td><td>");
          esc (html, cf_tag_get_pinpoint (tag));
          g_string_append (html, "</td><td>");
          esc (html, cf_tag_get_note (tag));
          g_string_append (html, "</td></tr>");
        }
    }
  if (any)
    g_string_append (html, "</table>");

  /* Sub-claims follow their parent in tree order. */
  while (*index + 1 < plan->claims->len &&
         cf_claim_get_parent_id (g_ptr_array_index (plan->claims, *index + 1)) == claim_id)
    {
      (*index)++;
      claim_section (html, plan, index, depth + 1);
    }
  g_string_append (html, "</div>");
}

GBytes *
cf_bundle_index_html (CfBundlePlan *plan)
{
  GString *html = g_string_new (NULL);
  CfCase *kase = plan->kase;

  g_string_append (html, "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">"
                         "<meta name=\"viewport\" content=\"width=device-width\"><title>");
  esc (html, cf_case_get_title (kase));
  g_string_append_printf (html, " — 증거목록</title><style>%s</style></head><body>\n", style);

  g_string_append (html, "<h1>");
  esc (html, cf_case_get_title (kase));
  g_string_append (html, "</h1><p class=\"meta\">");
  esc (html, cf_case_get_court (kase));
  g_string_append (html, " ");
  esc (html, cf_case_get_case_number (kase));
  g_string_append (html, " · ");
  esc (html, party_label (cf_case_get_party (kase)));
  g_string_append_printf (html, "<br>증거 %u건 / %u exhibits · 비닉 %u건 / %u withheld · "
                                "철회 %u건 / %u withdrawn · 기준 시각 / as of ",
                          plan->exhibits->len, plan->exhibits->len,
                          plan->privileged->len, plan->privileged->len,
                          plan->gaps->len, plan->gaps->len);
  esc (html, plan->timestamp_iso);
  g_string_append (html, "</p>\n<p>검증: 이 폴더에서 <code>sha256sum -c SHA256SUMS</code> · "
                         "To verify: run <code>sha256sum -c SHA256SUMS</code> in this folder "
                         "(see README.txt).</p>\n");

  g_string_append (html, "<h2>쟁점별 증거 / Exhibits by claim</h2>\n");
  for (guint i = 0; i < plan->claims->len; i++)
    {
      CfClaim *claim = g_ptr_array_index (plan->claims, i);
      gint64 parent = cf_claim_get_parent_id (claim);
      gboolean parent_listed = FALSE;

      for (guint j = 0; j < i; j++)
        if (cf_claim_get_id (g_ptr_array_index (plan->claims, j)) == parent)
          parent_listed = TRUE;
      if (parent_listed)
        continue;
      claim_section (html, plan, &i, 0);
    }

  g_string_append (html, "<h2>증거목록 / Exhibit list</h2>\n<table><tr><th>증거번호 Exhibit</th>"
                         "<th>서증명 Title</th><th>작성일 Date</th><th>작성자 Author</th>"
                         "<th>유형 Type</th><th>크기 Size</th><th>SHA-256</th></tr>\n");
  for (guint i = 0; i < plan->exhibits->len; i++)
    {
      CfBundleExhibit *x = g_ptr_array_index (plan->exhibits, i);
      CfDocument *d = x->document;

      g_string_append (html, "<tr><td class=\"num\">");
      link_to (html, x);
      g_string_append (html, "</td><td>");
      esc (html, cf_document_get_title (d));
      g_string_append (html, "</td><td class=\"num\">");
      esc (html, cf_document_get_date (d));
      g_string_append (html, "</td><td>");
      esc (html, cf_document_get_author (d));
      g_string_append (html, "</td><td>");
      esc (html, cf_document_get_mime_type (d));
      g_string_append (html, "</td><td class=\"num\">");
      human_size (html, cf_document_get_size (d));
      g_string_append (html, "</td><td class=\"hash\">");
      esc (html, cf_document_get_sha256 (d));
      g_string_append (html, "</td></tr>\n");
    }
  for (guint i = 0; i < plan->gaps->len; i++)
    {
      CfBundleGap *gap = g_ptr_array_index (plan->gaps, i);

      g_string_append (html, "<tr class=\"withdrawn\"><td class=\"num\">");
      esc (html, gap->label);
      g_string_append (html, "</td><td colspan=\"6\">철회 / withdrawn</td></tr>\n");
    }
  g_string_append (html, "</table>\n");

  if (plan->privileged->len > 0)
    g_string_append_printf (html, "<h2>비닉특권 / Withheld as privileged</h2><p>%u건의 문서를 "
                                  "제출하지 않았습니다. privilege-log.csv 참조. / %u documents "
                                  "were withheld; see privilege-log.csv.</p>\n",
                            plan->privileged->len, plan->privileged->len);

  g_string_append_printf (html, "<p class=\"meta\">Casefile %s</p></body></html>\n", PACKAGE_VERSION);
  return g_string_free_to_bytes (html);
}
