/* cf-csv.c — an RFC 4180 writer. */
#include "cf-csv.h"

#include <string.h>

void
cf_csv_init (CfCsv *csv)
{
  csv->text = g_string_new ("\xEF\xBB\xBF");
  csv->row_start = TRUE;
}

static void
separate (CfCsv *csv)
{
  if (!csv->row_start)
    g_string_append_c (csv->text, ',');
  csv->row_start = FALSE;
}

void
cf_csv_field (CfCsv      *csv,
              const char *value)
{
  gboolean formula;

  separate (csv);
  if (value == NULL || value[0] == '\0')
    return;
  /* A leading = + - @ would make a spreadsheet evaluate the cell; these
   * fields come from evidence, so such a field is quoted and prefixed
   * with an apostrophe, the usual defence. */
  formula = strchr ("=+-@", value[0]) != NULL;
  if (!formula && strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (csv->text, value);
      return;
    }
  g_string_append_c (csv->text, '"');
  if (formula)
    g_string_append_c (csv->text, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (csv->text, '"');
      g_string_append_c (csv->text, *p);
    }
  g_string_append_c (csv->text, '"');
}

void
cf_csv_field_int (CfCsv  *csv,
                  gint64  value)
{
  separate (csv);
  g_string_append_printf (csv->text, "%" G_GINT64_FORMAT, value);
}

void
cf_csv_end_row (CfCsv *csv)
{
  g_string_append (csv->text, "\r\n");
  csv->row_start = TRUE;
}

GBytes *
cf_csv_finish (CfCsv *csv)
{
  GBytes *bytes = g_string_free_to_bytes (csv->text);

  csv->text = NULL;
  return bytes;
}
