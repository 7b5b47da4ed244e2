/* cf-extract-image.c — photos and scans through gexiv2: when it was taken
 * (EXIF DateTimeOriginal), with what camera, by whom, and its size. The
 * image itself is not decoded here. Scans and screenshots (TIFF, or no
 * camera in the metadata) are marked as needing OCR; camera photos are
 * not, since most hold no text. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-readers.h"

#include <gexiv2/gexiv2.h>
#include <stdio.h>
#include <string.h>

/* "2018:04:02 10:00:00" (+ optional "+09:00") → "2018-04-02T10:00:00+09:00" */
static char *
exif_to_iso (const char *exif,
             const char *offset)
{
  int y, mo, d, h, mi, s;

  if (exif == NULL || sscanf (exif, "%d:%d:%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6 ||
      y < 1900 || !g_date_valid_dmy (d, mo, y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%s", y, mo, d, h, mi, s,
                          offset && (offset[0] == '+' || offset[0] == '-') ? offset : "");
}

static char *
get_tag (GExiv2Metadata *m,
         const char     *tag)
{
  if (!gexiv2_metadata_try_has_tag (m, tag, NULL))
    return NULL;
  return gexiv2_metadata_try_get_tag_interpreted_string (m, tag, NULL);
}

gboolean
cf_extract_image (const CfExtractInput  *input,
                  CfExtractResult       *result,
                  GError               **error)
{
  g_autoptr(GExiv2Metadata) m = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *date = NULL;
  g_autofree char *make = NULL;
  g_autofree char *model = NULL;
  g_autofree char *artist = NULL;
  g_autofree char *description = NULL;
  g_autofree char *software = NULL;
  gboolean is_scan;

  cf_extract_result_set_extractor (result, "image", 1);
  gexiv2_initialize ();
  m = gexiv2_metadata_new ();
  if (!gexiv2_metadata_open_path (m, input->path, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The image is damaged or of an unknown kind (%s)", local_error->message);
      return FALSE;
    }

  cf_extract_result_set_int (result, "width", gexiv2_metadata_get_pixel_width (m));
  cf_extract_result_set_int (result, "height", gexiv2_metadata_get_pixel_height (m));

  taken = get_tag (m, "Exif.Photo.DateTimeOriginal");
  if (taken == NULL)
    taken = get_tag (m, "Exif.Image.DateTime");
  offset = get_tag (m, "Exif.Photo.OffsetTimeOriginal");
  date = exif_to_iso (taken, offset);
  cf_extract_result_set_string (result, "date", date);
  if (taken != NULL && date == NULL)
    cf_extract_result_warn (result, "exif-date", "The capture time “%s” is not a valid date", taken);

  make = get_tag (m, "Exif.Image.Make");
  model = get_tag (m, "Exif.Image.Model");
  if (make != NULL || model != NULL)
    {
      g_autofree char *camera = NULL;

      /* Models often repeat the make ("Canon Canon EOS 5D"). */
      if (make != NULL && model != NULL && !g_str_has_prefix (model, make))
        camera = g_strdup_printf ("%s %s", g_strstrip (make), g_strstrip (model));
      else
        camera = g_strdup (model ? model : make);
      cf_extract_result_set_string (result, "camera", camera);
    }
  artist = get_tag (m, "Exif.Image.Artist");
  cf_extract_result_set_string (result, "author", artist);
  description = get_tag (m, "Exif.Image.ImageDescription");
  cf_extract_result_set_string (result, "title", description);
  software = get_tag (m, "Exif.Image.Software");

  is_scan = g_str_has_prefix (input->mime_type, "image/tiff") || (make == NULL && model == NULL) ||
            (software != NULL && strstr (software, "can") != NULL);
  cf_extract_result_set_text_status (result, is_scan ? CF_TEXT_NEEDS_OCR : CF_TEXT_NONE);
  return TRUE;
}
