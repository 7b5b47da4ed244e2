/* bench-stats.h — what the benchmarks print: percentiles of a set of
 * times (double, ms), the same way in each. */
#pragma once

#include <glib.h>

static inline int
bench_compare_double (gconstpointer a,
                      gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The time below which a share p of times fall (sorts times; 1.0 is the
 * largest). times must not be empty. */
static inline double
bench_percentile (GArray *times,
                  double  p)
{
  g_array_sort (times, bench_compare_double);
  return g_array_index (times, double, MIN (times->len - 1, (guint) (times->len * p)));
}
