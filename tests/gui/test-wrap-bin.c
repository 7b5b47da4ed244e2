/* test-wrap-bin.c — CfWrapBin: a wrapping label inside is measured for its
 * width without a height, and for its height at the width it gets. */
#include <gtk/gtk.h>

#include "cf-wrap-bin.h"

static void
test_measure (void)
{
  GtkWidget *label = gtk_label_new ("위수탁계약서에 따른 개인정보 처리업무의 위탁 범위와 재위탁 제한, "
                                    "the processor shall process personal data only on instructions");
  GtkWidget *bin = cf_wrap_bin_new (label);
  int min, nat, bin_min, bin_nat, one_line, wrapped;

  g_object_ref_sink (bin);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  g_assert_true (cf_wrap_bin_get_child (CF_WRAP_BIN (bin)) == label);
  g_assert_true (gtk_widget_get_parent (label) == bin);
  g_assert_cmpint (gtk_widget_get_request_mode (bin), ==, GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);

  /* Widths: the label's own, whatever the height asked about. */
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (bin, GTK_ORIENTATION_HORIZONTAL, 20, &bin_min, &bin_nat, NULL, NULL);
  g_assert_cmpint (bin_min, ==, min);
  g_assert_cmpint (bin_nat, ==, nat);

  /* Heights: the label's at that width; narrow, it wraps to two lines. */
  gtk_widget_measure (bin, GTK_ORIENTATION_VERTICAL, nat, &one_line, NULL, NULL, NULL);
  gtk_widget_measure (bin, GTK_ORIENTATION_VERTICAL, nat / 4, &wrapped, NULL, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, nat / 4, &min, NULL, NULL, NULL);
  g_assert_cmpint (wrapped, ==, min);
  g_assert_cmpint (wrapped, >, one_line);

  /* Hidden, it takes no room. */
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_measure (bin, GTK_ORIENTATION_VERTICAL, nat, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 0);
  g_assert_cmpint (nat, ==, 0);
  g_object_unref (bin);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  g_test_add_func ("/wrap-bin/measure", test_measure);
  return g_test_run ();
}
