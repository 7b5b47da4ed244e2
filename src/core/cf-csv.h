/* cf-csv.h — RFC 4180 CSV for spreadsheets: UTF-8 with a BOM (so Excel
 * reads Hangul right), CRLF line ends, quotes only where needed. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GString *text;
  gboolean row_start;
} CfCsv;

void     cf_csv_init       (CfCsv      *csv);
void     cf_csv_field      (CfCsv      *csv,
                            const char *value);
void     cf_csv_field_int  (CfCsv      *csv,
                            gint64      value);
void     cf_csv_end_row    (CfCsv      *csv);
/* Returns the text and resets csv. */
GBytes  *cf_csv_finish     (CfCsv      *csv);

G_END_DECLS
