/* gen-pdf-corpus.c — writes N multi-page PDFs with Korean and English
 * text (cairo + pango with an embedded CJK font, like office software
 * makes them) for the extraction benchmark.
 * Usage: gen-pdf-corpus DIR N [PAGES] */
#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

static const char *sentences[] = {
  "제1조 (목적) 이 계약은 개인정보 처리업무의 위탁에 관한 사항을 정한다.",
  "수탁자는 위탁받은 업무의 목적 외로 개인정보를 처리하여서는 아니 된다.",
  "The processor shall process personal data only on documented instructions.",
  "부정거래 탐지(fraud scoring)를 위하여 결제 정보를 암호화하여 전송한다.",
  "재위탁은 위탁자의 사전 서면 동의 없이 할 수 없다.",
  "Transfers are encrypted in transit with TLS 1.2 and at rest with AES-256.",
  "개인정보보호위원회는 이를 제3자 제공으로 보아 과징금을 부과하였다.",
};

int
main (int    argc,
      char **argv)
{
  GRand *rand = g_rand_new_with_seed (4);
  int n, pages;

  if (argc < 3)
    {
      g_printerr ("usage: gen-pdf-corpus DIR N [PAGES]\n");
      return 2;
    }
  n = atoi (argv[2]);
  pages = argc > 3 ? atoi (argv[3]) : 5;
  g_mkdir_with_parents (argv[1], 0755);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/계약서-%05d.pdf", argv[1], i);
      cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
      cairo_t *cr = cairo_create (surface);
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK KR 10");

      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, 495 * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "위수탁 계약서");
      for (int p = 0; p < pages; p++)
        {
          GString *text = g_string_new (NULL);

          for (int k = 0; k < 40; k++)
            g_string_append_printf (text, "%s\n",
                                    sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
          pango_layout_set_text (layout, text->str, -1);
          cairo_move_to (cr, 50, 50);
          pango_cairo_show_layout (cr, layout);
          cairo_show_page (cr);
          g_string_free (text, TRUE);
        }
      pango_font_description_free (font);
      g_object_unref (layout);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      cairo_surface_destroy (surface);
    }
  g_rand_free (rand);
  return 0;
}
