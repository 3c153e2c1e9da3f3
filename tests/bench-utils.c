/* bench-utils.c — what the benchmark programs share: CPU time and quantiles
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <math.h>
#include <time.h>

#include "bench-utils.h"

double
ekyc_bench_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
ekyc_bench_quantile (GArray *values, double q)
{
  if (values->len == 0)
    return NAN;
  g_array_sort (values, cmp_double);
  return g_array_index (values, double, (guint) MIN (values->len - 1, floor (q * values->len)));
}
